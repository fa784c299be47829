/* cmd_app.c - `zwgk app ...`: the application register from a shell or a script. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appl.h"
#include "choice.h"
#include "cli.h"
#include "csv.h"
#include "fsutil.h"
#include "mail.h"
#include "ident.h"
#include "receipt.h"
#include "print.h"
#include "table.h"
#include "width.h"


static int set_appl_field(void *ctx, const char *key, const char *value)
{
	int f = appl_field_by_key(key);

	if (f < 0)
		return -1;
	appl_set(ctx, f, value);
	return 0;
}

static int app_add(struct app *app, const char *file, int print)
{
	struct appl a;
	struct unit u;
	struct appl_check c;
	struct zerr err = ZERR_INIT;
	int rc = EXIT_OK;

	appl_init(&a);
	if (cli_read_kv(file, set_appl_field, &a) != 0) {
		appl_free(&a);
		return EXIT_USAGE;
	}
	appl_validate(app->db, &a, date_today(), &u, &c);
	for (int i = 0; i < c.n; i++)
		cli_print(stderr, "%s%s: %s\n", c.v[i].warning ? _("warning: ") : "", appl_field_key(c.v[i].field),
			  c.v[i].msg);
	if (c.errors) {
		rc = EXIT_USAGE;
	} else if (!appl_in_scope(&app->cfg, &u)) {
		/* Outside the site's remit: not an application here, but the guidance is recorded. */
		rc = cli_guide(app, "application", &u, a.f[AF_NAME], a.f[AF_DESCRIPTION]);
	} else if (appl_register(app->db, &app->cfg, &app->cal, &a, app->operator, &err) != 0) {
		cli_error("%s", err.msg);
		rc = EXIT_FAIL;
	} else {
		/* Out at once: whatever happens while printing, the caller knows the record exists. */
		printf("%s\n", a.serial);
		fflush(stdout);
		if (print) {
			char *job;

			/* Saved is saved: the status stays 0 so a script does not register it twice. */
			if (receipt_print(app->db, &app->cfg, &app->cal, &a, app->operator, &job, &err) != 0)
				cli_error(_("%s is saved, but its receipt was not printed: %s"), a.serial, err.msg);
			free(job);
		}
	}
	appl_check_free(&c);
	unit_free(&u);
	appl_free(&a);
	return rc;
}

static int load(struct app *app, const char *serial, struct appl *a)
{
	struct zerr err = ZERR_INIT;

	if (appl_load(app->db, serial, a, &err) != 0) {
		cli_error("%s", err.msg);
		return -1;
	}
	return 0;
}

static void print_event(void *ctx, const char *at, const char *day, const char *op, const char *event,
			const char *detail)
{
	(void)ctx;
	cli_print(stdout, "  %s  %s  %-20s %s%s%s\n", at, day, event, op, *detail ? "  " : "", detail);
}

/* The record; ID and phone numbers masked unless `full`, which the history records. */
static int app_show(struct app *app, const char *serial, int full)
{
	struct appl a;
	struct zerr err = ZERR_INIT;
	char buf[DATE_BUFSZ];
	int prov = 0;
	zdate due;

	if (load(app, serial, &a) != 0)
		return EXIT_FAIL;
	if (full && appl_log_full_view(app->db, &a, app->operator, &err) != 0) {
		cli_error("%s", err.msg);
		appl_free(&a);
		return EXIT_FAIL;
	}
	cli_print(stdout, "serial: %s\nstate: %s (%s)\n", a.serial, appl_state_code(a.state), appl_state_label(a.state));
	for (int f = 0; f < AF_COUNT; f++)
		if (appl_field_applies(&a, f)) {
			char *v = full ? xstrdup(a.f[f]) : appl_field_shown(&a, f);

			cli_print(stdout, "%s: %s\n", appl_field_key(f), v);
			free(v);
		}
	due = appl_deadline(&app->cal, &a, &prov);
	if (due)
		printf("deadline: %s%s\n", date_format(due, buf), prov ? "\tprovisional" : "");
	else
		printf("deadline: %s\n", _("stopped until the supplement arrives"));
	if (a.extended)
		printf("extended: yes\n");
	if (*a.outcome)
		cli_print(stdout, "outcome: %s (%s)\nanswered: %s\n", a.outcome, choice_label(outcomes, a.outcome),
			  date_format(a.answered, buf));
	printf("receipt: %s\n", a.receipt_printed ? _("printed") : _("not printed"));
	printf("history:\n");
	if (appl_history(app->db, a.id, print_event, NULL, &err) != 0)
		cli_error("%s", err.msg);
	appl_free(&a);
	return EXIT_OK;
}

enum { FMT_TEXT = TABLE_PAGED, FMT_TSV = TABLE_TSV, FMT_CSV = TABLE_CSV };

static void list_row(int fmt, const char *const cells[7])
{
	static const int cols[7] = { 20, 10, 12, 20, 10, 9, 0 };
	static const int aligns[7] = { ALIGN_LEFT, ALIGN_LEFT, ALIGN_LEFT, ALIGN_LEFT, ALIGN_LEFT, ALIGN_LEFT, ALIGN_LEFT };

	if (fmt != FMT_TEXT)
		cli_flat_row(fmt, cells, 7);
	else
		cli_text_row(cols, aligns, cells, 7);
}

struct list_run {
	int fmt, total;
};

static int list_one(void *ctx, const struct appl *a)
{
	struct list_run *lr = ctx;
	char received[DATE_BUFSZ], deadline[DATE_BUFSZ];
	char *state = lr->fmt != FMT_TEXT ? xstrdup(appl_state_code(a->state))
		      : appl_forwarded_late(a) ? xasprintf(_("%s, late"), appl_state_label(a->state))
		      : xstrdup(appl_state_label(a->state));
	const char *cells[7] = {
		a->serial, date_format(a->received, received), state, a->f[AF_TARGET_UNIT],
		a->deadline ? date_format(a->deadline, deadline) : "",
		a->receipt_printed ? (lr->fmt == FMT_TEXT ? _("printed") : "printed")
				   : (lr->fmt == FMT_TEXT ? _("not printed") : "not printed"),
		a->f[AF_NAME]
	};

	list_row(lr->fmt, cells);
	free(state);
	lr->total++;
	return 0;
}

static int app_list(struct app *app, int argc, char **argv)
{
	struct appl_filter f = { -1, 0, date_today(), NULL, NULL, 0, 0, 0 };
	struct list_run lr = { 0, 0 };
	struct zerr err = ZERR_INIT;
	int fmt = FMT_TEXT;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--state") == 0 && i + 1 < argc) {
			f.state = appl_state_parse(argv[++i]);
			if (f.state < 0) {
				cli_error(_("'%s' is not a state; allowed: received, forwarded, supplement, answered, withdrawn, lapsed"),
					  argv[i]);
				return EXIT_USAGE;
			}
		} else if (strcmp(argv[i], "--overdue") == 0) {
			f.overdue = 1;
		} else if (strcmp(argv[i], "--unit") == 0 && i + 1 < argc) {
			f.unit = argv[++i];
		} else if ((strcmp(argv[i], "--from") == 0 || strcmp(argv[i], "--to") == 0) && i + 1 < argc) {
			zdate *d = argv[i][2] == 'f' ? &f.from : &f.to;

			if (date_parse(argv[++i], d) != 0) {
				cli_error(_("'%s' is not a date; allowed: YYYY-MM-DD"), argv[i]);
				return EXIT_USAGE;
			}
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "tsv") == 0)
				fmt = FMT_TSV;
			else if (strcmp(argv[i], "csv") == 0)
				fmt = FMT_CSV;
			else {
				cli_error(_("'%s' is not a format; allowed: tsv, csv"), argv[i]);
				return EXIT_USAGE;
			}
		} else {
			cli_error(_("usage: zwgk app list [--state S] [--overdue] [--unit NAME] [--from D] [--to D] [--format tsv|csv]"));
			return EXIT_USAGE;
		}
	}
	{
		const char *head[7] = { "serial", "received", "state", "unit", "deadline", "receipt", "name" };

		if (fmt == FMT_TEXT) {
			head[0] = _("Serial"), head[1] = _("Received on"), head[2] = _("State"), head[3] = _("Unit");
			head[4] = _("Deadline"), head[5] = _("Receipt"), head[6] = _("Applicant");
		}
		list_row(fmt, head);
	}
	lr.fmt = fmt;
	if (appl_each(app->db, &f, list_one, &lr, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	if (fmt == FMT_TEXT)
		printf(_("%d application(s).\n"), lr.total);
	return EXIT_OK;
}

/* --name VALUE options of a state change. */
static const char *option(int argc, char **argv, const char *name)
{
	for (int i = 3; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

static int parse_day(const char *s, zdate *day)
{
	if (!s) {
		*day = date_today();
		return 0;
	}
	if (date_parse(s, day) != 0) {
		cli_error(_("'%s' is not a date; allowed: YYYY-MM-DD"), s);
		return -1;
	}
	return 0;
}

/* Forwarding by e-mail with [smtp] set up sends the application itself. */
static int by_mail(const struct app *app, const char *method)
{
	int m = method ? choice_parse(forward_methods, method) : -1;

	return m >= 0 && strcmp(forward_methods[m].code, "email") == 0 && mail_configured(&app->cfg);
}

static int app_change(struct app *app, int argc, char **argv)
{
	const char *verb = argv[1];
	struct appl a;
	struct zerr err = ZERR_INIT;
	zdate day;
	int rc;

	if (argc < 3) {
		cli_error(_("usage: zwgk app %s SERIAL ..."), verb);
		return EXIT_USAGE;
	}
	if (parse_day(option(argc, argv, "--date"), &day) != 0)
		return EXIT_USAGE;
	if (strcmp(verb, "forward") == 0 &&
	    (!option(argc, argv, "--method") || (!option(argc, argv, "--to") && !by_mail(app, option(argc, argv, "--method"))))) {
		cli_error(_("usage: zwgk app forward SERIAL --method M --to NAME [--date YYYY-MM-DD]"));
		return EXIT_USAGE;
	}
	if (strcmp(verb, "answer") == 0 && !option(argc, argv, "--outcome")) {
		cli_error(_("usage: zwgk app answer SERIAL --outcome CODE --date YYYY-MM-DD"));
		return EXIT_USAGE;
	}
	if (load(app, argv[2], &a) != 0)
		return EXIT_FAIL;
	if (strcmp(verb, "forward") == 0 && by_mail(app, option(argc, argv, "--method")))
		/* By e-mail with [smtp] set up: the application itself goes to the unit's address. */
		rc = forward_by_mail(app->db, &app->cfg, &app->cal, &a, app->operator, &err);
	else if (strcmp(verb, "forward") == 0)
		rc = appl_forward(app->db, &a, option(argc, argv, "--method"), option(argc, argv, "--to"), day,
				  app->operator, &err);
	else if (strcmp(verb, "answer") == 0)
		rc = appl_answer(app->db, &a, option(argc, argv, "--outcome"), day, app->operator, &err);
	else if (strcmp(verb, "supplement") == 0 && option(argc, argv, "--request"))
		rc = appl_request_supplement(app->db, &app->cal, &a, day, option(argc, argv, "--request"), app->operator,
					     &err);
	else if (strcmp(verb, "supplement") == 0)
		rc = appl_supplement_received(app->db, &app->cal, &a, day, app->operator, &err);
	else if (strcmp(verb, "extend") == 0)
		rc = appl_extend(app->db, &app->cal, &a, option(argc, argv, "--approver"), day, app->operator, &err);
	else if (strcmp(verb, "withdraw") == 0)
		rc = appl_withdraw(app->db, &a, day, app->operator, &err);
	else
		rc = appl_lapse(app->db, &a, day, app->operator, &err);
	if (rc != 0)
		cli_error("%s", err.msg);
	else
		cli_print(stdout, "%s: %s\n", a.serial, appl_state_label(a.state));
	if (rc == 0 && err.msg[0])
		cli_print(stderr, "%s%s\n", _("warning: "), err.msg);
	appl_free(&a);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

/* zwgk app guidance: the requests pointed elsewhere, oldest first, as TSV. */
static int app_guidance(struct app *app)
{
	struct guidance *rows, last;
	struct zerr err = ZERR_INIT;
	int n, have = 0;

	memset(&last, 0, sizeof last);
	printf("day\tregister\tunit\tname\tdescription\toperator\n");
	do {
		if (guidance_page(app->db, have ? &last : NULL, 0, 200, &rows, &n, &err) != 0) {
			cli_error("%s", err.msg);
			return EXIT_FAIL;
		}
		for (int i = 0; i < n; i++)
			cli_print(stdout, "%s\t%s\t%s\t%s\t%s\t%s\n", rows[i].day, rows[i].reg, rows[i].unit, rows[i].name,
				  rows[i].description, rows[i].operator);
		if (n) {
			last.id = rows[n - 1].id;
			have = 1;
		}
		guidance_rows_free(rows, n);
	} while (n == 200);
	return EXIT_OK;
}

/* zwgk app slip --unit NAME [--date D] [--show]: the 转交单 of one unit and day. */
static int app_slip(struct app *app, int argc, char **argv)
{
	const char *unit = NULL, *date = NULL;
	struct zerr err = ZERR_INIT, lerr = ZERR_INIT;
	char *text, *job = NULL, *title;
	zdate day = date_today();
	int show = 0, rc;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--unit") == 0 && i + 1 < argc)
			unit = argv[++i];
		else if (strcmp(argv[i], "--date") == 0 && i + 1 < argc)
			date = argv[++i];
		else if (strcmp(argv[i], "--show") == 0)
			show = 1;
		else
			unit = NULL, i = argc;
	}
	if (!unit) {
		cli_error(_("usage: zwgk app slip --unit NAME [--date YYYY-MM-DD] [--show]"));
		return EXIT_USAGE;
	}
	if (parse_day(date, &day) != 0)
		return EXIT_USAGE;
	text = slip_text(&app->cfg, app->db, unit, day, app->operator, &err);
	if (!text) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	if (show) {
		fputs(text, stdout);
		free(text);
		return EXIT_OK;
	}
	title = xasprintf(_("Transfer slip %s"), unit);
	rc = print_send(&app->cfg, title, text, 1, &job, &err);
	print_log(app->db, app->operator, "slip", unit, 1, rc == 0, job, rc == 0 ? "" : err.msg, &lerr);
	if (rc != 0)
		cli_error(_("the transfer slip was not printed: %s"), err.msg);
	else
		cli_print(stdout, _("Transfer slip for %s sent to the printer.\n"), unit);
	free(title);
	free(job);
	free(text);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

static int app_receipt(struct app *app, const char *serial)
{
	struct appl a;
	struct zerr err = ZERR_INIT;
	char *job = NULL;
	int rc;

	if (load(app, serial, &a) != 0)
		return EXIT_FAIL;
	rc = receipt_print(app->db, &app->cfg, &app->cal, &a, app->operator, &job, &err);
	if (rc != 0)
		cli_error(_("the receipt of %s was not printed: %s"), serial, err.msg);
	else
		cli_print(stdout, _("Receipt of %s sent to the printer%s%s.\n"), serial, *job ? ": " : "", job);
	if (rc == 0 && err.msg[0])
		cli_print(stderr, "%s%s\n", _("warning: "), err.msg);
	free(job);
	appl_free(&a);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

int cmd_app(const char *cfg_arg, int argc, char **argv)
{
	static const char *const changes[] = { "forward", "answer", "supplement", "extend", "withdraw", "lapse" };
	struct app app;
	int rc, is_change = 0, full = 0;

	for (size_t i = 0; argc >= 2 && i < sizeof changes / sizeof changes[0]; i++)
		is_change |= strcmp(argv[1], changes[i]) == 0;
	if (argc < 2 || (!is_change && strcmp(argv[1], "add") != 0 && strcmp(argv[1], "list") != 0 &&
			 strcmp(argv[1], "show") != 0 && strcmp(argv[1], "receipt") != 0 && strcmp(argv[1], "slip") != 0 &&
			 strcmp(argv[1], "guidance") != 0)) {
		cli_error(_("usage: zwgk app add --from FILE [--print] | list | show SERIAL | receipt SERIAL | slip --unit NAME | guidance | forward | answer | supplement | extend | withdraw | lapse"));
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "add") == 0 && (argc < 4 || strcmp(argv[2], "--from") != 0)) {
		cli_error(_("usage: zwgk app add --from FILE [--print]"));
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "show") == 0 && argc == 4 && strcmp(argv[3], "--full") == 0)
		full = 1;
	else if ((strcmp(argv[1], "show") == 0 || strcmp(argv[1], "receipt") == 0) && argc != 3) {
		cli_error(_("usage: zwgk app %s SERIAL"), argv[1]);
		return EXIT_USAGE;
	}
	rc = cli_open(&app, cfg_arg, APP_ALL);
	if (rc != EXIT_OK)
		return rc;
	if (cli_operator(&app) != EXIT_OK) {
		app_close(&app);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "add") == 0)
		rc = app_add(&app, argv[3], argc > 4 && strcmp(argv[4], "--print") == 0);
	else if (strcmp(argv[1], "list") == 0)
		rc = app_list(&app, argc, argv);
	else if (strcmp(argv[1], "show") == 0)
		rc = app_show(&app, argv[2], full);
	else if (strcmp(argv[1], "receipt") == 0)
		rc = app_receipt(&app, argv[2]);
	else if (strcmp(argv[1], "slip") == 0)
		rc = app_slip(&app, argc, argv);
	else if (strcmp(argv[1], "guidance") == 0)
		rc = app_guidance(&app);
	else
		rc = app_change(&app, argc, argv);
	app_close(&app);
	return rc;
}
