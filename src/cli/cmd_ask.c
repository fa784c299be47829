/*
 * cmd_ask.c - `zwgk ask ...`: the consultation register (政策咨询登记、交办、回复台账) from a shell.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "cli.h"
#include "table.h"
#include "unit.h"
#include "width.h"

static int usage(void)
{
	cli_error(_("usage: zwgk ask add --from FILE | list [--overdue] [--state S] [--from D] [--to D] [--format tsv|csv]"
		    " | show SERIAL | answer SERIAL --entry ID | dispatch SERIAL --unit NAME [--mail]"
		    " | redirect SERIAL --unit NAME | reply SERIAL --date D --text TEXT"
		    " | followup SERIAL --result satisfied|unsatisfied | draft SERIAL | print SERIAL [--show]"));
	return EXIT_USAGE;
}

/* The options after the verb (and its serial): each named one takes a value, flags none. */
struct opts {
	const char *v[8];
	int flag[4];
};

static int parse_opts(int argc, char **argv, int first, const char *const *valued, const char *const *flags,
		      struct opts *o)
{
	memset(o, 0, sizeof *o);
	for (int i = first; i < argc; i++) {
		int k, found = 0;

		for (k = 0; valued && valued[k] && !found; k++)
			if (strcmp(argv[i], valued[k]) == 0 && i + 1 < argc) {
				o->v[k] = argv[++i];
				found = 1;
			}
		for (k = 0; flags && flags[k] && !found; k++)
			if (strcmp(argv[i], flags[k]) == 0) {
				o->flag[k] = 1;
				found = 1;
			}
		if (!found)
			return -1;
	}
	return 0;
}

/* A --date option, or today; -1 with a message when it is not a date. */
static int date_opt(const char *text, zdate *day)
{
	*day = date_today();
	if (text && date_parse(text, day) != 0) {
		cli_error(_("'%s' is not a date; allowed: YYYY-MM-DD"), text);
		return -1;
	}
	return 0;
}

struct intake {
	struct ask q;
	char *entry;
};

static int set_intake(void *ctx, const char *key, const char *value)
{
	struct intake *in = ctx;
	int f = ask_field_by_key(key);

	if (strcmp(key, "entry") == 0) {
		free(in->entry);
		in->entry = xstrdup(value);
		return 0;
	}
	if (f < 0)
		return -1;
	ask_set(&in->q, f, value);
	return 0;
}

static void say_learned(const struct ask *q, int learned)
{
	if (learned)
		cli_print(stdout, _("The citizen's wording is kept as an alias of %s: it will be found first next time.\n"),
			  q->entry_code);
}

static int ask_add(struct app *app, const char *file)
{
	struct intake in = { .entry = NULL };
	struct appl_check c;
	struct zerr err = ZERR_INIT;
	int rc = EXIT_OK, learned = 0;

	ask_init(&in.q);
	if (cli_read_kv(file, set_intake, &in) != 0) {
		ask_free(&in.q);
		free(in.entry);
		return EXIT_USAGE;
	}
	ask_validate(&in.q, date_today(), &c);
	for (int i = 0; i < c.n; i++)
		cli_print(stderr, "%s: %s\n", ask_field_key(c.v[i].field), c.v[i].msg);
	if (c.errors) {
		rc = EXIT_USAGE;
	} else if (ask_log(app->db, &app->cfg, &in.q, app->operator, &err) != 0) {
		cli_error("%s", err.msg);
		rc = EXIT_FAIL;
	} else {
		printf("%s\n", in.q.serial);
		/* Answered on the spot: logged first, so a bad entry id leaves the question logged. */
		if (in.entry && *in.entry) {
			if (ask_answer(app->db, &app->syn, &in.q, in.entry, date_today(), app->operator, &learned, &err) != 0) {
				cli_error(_("logged as %s, but not answered: %s"), in.q.serial, err.msg);
				rc = EXIT_FAIL;
			} else {
				if (*err.msg)
					cli_error("%s", err.msg);
				say_learned(&in.q, learned);
			}
		}
	}
	appl_check_free(&c);
	ask_free(&in.q);
	free(in.entry);
	return rc;
}

static void print_event(void *ctx, const char *at, const char *day, const char *op, const char *event,
			const char *detail)
{
	(void)ctx;
	cli_print(stdout, "  %s  %s  %-12s %s%s%s\n", at, day, event, op, *detail ? "  " : "", detail);
}

static int ask_show(struct app *app, const char *serial)
{
	struct ask q;
	struct zerr err = ZERR_INIT;
	char b[DATE_BUFSZ];

	if (ask_load(app->db, serial, &q, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	cli_print(stdout, "serial: %s\nstate: %s%s\nlogged: %s %s\n", q.serial, ask_state_label(q.state),
		  ask_overdue(&q, date_today()) ? _(" (overdue)") : "", q.logged_at, q.logged_by);
	for (int f = 0; f < QF_COUNT; f++)
		cli_print(stdout, "%s: %s\n", ask_field_key(f), q.f[f]);
	if (q.entry_id)
		cli_print(stdout, "entry: %s\n", q.entry_code);
	if (*q.unit_name)
		cli_print(stdout, "unit: %s\n", q.unit_name);
	if (q.dispatched) {
		cli_print(stdout, "dispatched: %s (%s)\n", date_format(q.dispatched, b), q.dispatch_method);
		cli_print(stdout, "due: %s\n", date_format(q.due, b));
	}
	if (q.replied)
		cli_print(stdout, "replied: %s\nreply: %s\n", date_format(q.replied, b), q.reply);
	if (q.followup)
		cli_print(stdout, "followup: %s %s%s%s\n", date_format(q.followup_day, b), ask_followup_label(q.followup),
			  *q.followup_note ? "; " : "", q.followup_note);
	printf("history:\n");
	ask_history(app->db, q.id, print_event, NULL, &err);
	ask_free(&q);
	return EXIT_OK;
}

struct list_ctx {
	int fmt;
	zdate today;
};

static int list_one(void *ctx, const struct ask *q)
{
	struct list_ctx *l = ctx;
	char due[DATE_BUFSZ];
	const char *outcome = q->entry_id ? q->entry_code : q->unit_name;
	const char *cells[8] = { q->serial, q->f[QF_RECEIVED], ask_state_label(q->state), outcome,
				 q->due ? date_format(q->due, due) : "", ask_overdue(q, l->today) ? "overdue" : "",
				 q->f[QF_NAME], q->f[QF_QUESTION] };

	if (l->fmt != TABLE_PAGED) {
		cli_flat_row(l->fmt, cells, 8);
	} else {
		char *state = width_fit(cells[2], 8, ALIGN_LEFT), *what = width_fit(outcome, 20, ALIGN_LEFT);
		char *question = width_fit(q->f[QF_QUESTION], 20, ALIGN_LEFT);

		cli_print(stdout, "%-19s %s %s %s %-10s %s%s\n", cells[0], cells[1], state, what, cells[4], question,
			  *cells[5] ? _(" OVERDUE") : "");
		free(state);
		free(what);
		free(question);
	}
	return 0;
}

static int ask_list(struct app *app, int argc, char **argv)
{
	static const char *const valued[] = { "--format", "--state", "--from", "--to", NULL };
	static const char *const flags[] = { "--overdue", NULL };
	struct ask_filter f = { .state = -1, .today = date_today() };
	struct list_ctx l = { TABLE_PAGED, date_today() };
	struct zerr err = ZERR_INIT;
	struct opts o;

	if (parse_opts(argc, argv, 2, valued, flags, &o) != 0)
		return usage();
	if (o.v[0] && ((l.fmt = table_format_parse(o.v[0])) < 0 || l.fmt == TABLE_PAGED))
		return usage();
	if (o.v[1] && (f.state = ask_state_parse(o.v[1])) < 0) {
		cli_error(_("'%s' is not a state of a consultation; allowed: logged, answered, dispatched, replied, redirected"),
			  o.v[1]);
		return EXIT_USAGE;
	}
	if ((o.v[2] && date_opt(o.v[2], &f.from) != 0) || (o.v[3] && date_opt(o.v[3], &f.to) != 0))
		return EXIT_USAGE;
	f.overdue = o.flag[0];
	if (ask_each(app->db, &f, list_one, &l, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static void show_unit_channel(struct app *app, const char *name)
{
	struct unit u;

	unit_init(&u);
	if (unit_find(app->db, name, &u) == 0)
		cli_print(stdout, _("Point the citizen to %s:\n  phone: %s\n  address: %s %s\n  hours: %s\n"), u.f[UF_NAME],
			  *u.f[UF_PHONE] ? u.f[UF_PHONE] : "-", *u.f[UF_ADDRESS] ? u.f[UF_ADDRESS] : "-",
			  u.f[UF_POSTCODE], *u.f[UF_HOURS] ? u.f[UF_HOURS] : "-");
	unit_free(&u);
}

/* answer, dispatch, redirect, reply, followup, draft, print: one consultation changes or prints. */
static int ask_change(struct app *app, const char *verb, int argc, char **argv)
{
	static const char *const valued[] = { "--entry", "--unit", "--date", "--text", "--result", "--note",
					      "--name", "--contact", NULL };
	static const char *const flags[] = { "--mail", "--show", NULL };
	enum { O_ENTRY, O_UNIT, O_DATE, O_TEXT, O_RESULT, O_NOTE, O_NAME, O_CONTACT };
	struct zerr err = ZERR_INIT;
	struct ask q;
	struct opts o;
	zdate day, today = date_today();
	int rc, learned = 0;

	if (parse_opts(argc, argv, 3, valued, flags, &o) != 0)
		return usage();
	if (date_opt(o.v[O_DATE], &day) != 0)
		return EXIT_USAGE;
	if (ask_load(app->db, argv[2], &q, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	if (strcmp(verb, "answer") == 0) {
		rc = ask_answer(app->db, &app->syn, &q, o.v[O_ENTRY], today, app->operator, &learned, &err);
	} else if (strcmp(verb, "dispatch") == 0) {
		if (o.v[O_NAME])
			ask_set(&q, QF_NAME, o.v[O_NAME]);
		if (o.v[O_CONTACT])
			ask_set(&q, QF_CONTACT, o.v[O_CONTACT]);
		rc = o.flag[0] ? ask_dispatch_mail(app->db, &app->cfg, &app->cal, &q, o.v[O_UNIT], app->operator, &err)
			       : ask_dispatch(app->db, &app->cal, &q, o.v[O_UNIT], "paper", day, app->operator, &err);
	} else if (strcmp(verb, "redirect") == 0) {
		rc = ask_redirect(app->db, &q, o.v[O_UNIT], today, app->operator, &err);
	} else if (strcmp(verb, "reply") == 0) {
		if (!o.v[O_DATE]) {
			ask_free(&q);
			return usage();
		}
		rc = ask_reply(app->db, &q, o.v[O_TEXT], day, today, app->operator, &err);
	} else if (strcmp(verb, "followup") == 0) {
		rc = ask_followup(app->db, &q, ask_followup_parse(o.v[O_RESULT]), o.v[O_NOTE], day, today, app->operator,
				  &err);
	} else if (strcmp(verb, "draft") == 0) {
		struct kb_entry e;

		rc = ask_make_draft(app->db, &q, app->operator, &e, &err);
		if (rc == 0)
			cli_print(stdout, _("%s: draft entry %s; review and publish it in the knowledge base\n"), q.serial,
				  e.f[KF_CODE]);
		kb_entry_free(&e);
		goto done;
	} else {
		char *text, *job = NULL;

		if (!o.flag[1]) {
			rc = ask_slip_print(app->db, &app->cfg, &q, app->operator, &job, &err);
			if (rc == 0)
				cli_print(stdout, _("Printed (job %s).\n"), *job ? job : "-");
			free(job);
		} else if ((text = ask_slip_text(app->db, &app->cfg, &q, app->operator, &err)) != NULL) {
			fputs(text, stdout);
			free(text);
			rc = 0;
		} else {
			rc = -1;
		}
		goto done;
	}
	if (rc == 0) {
		char due[DATE_BUFSZ];

		if (q.state == QS_DISPATCHED)
			cli_print(stdout, _("%s: %s to %s; the unit answers by %s\n"), q.serial, ask_state_label(q.state),
				  q.unit_name, date_format(q.due, due));
		else
			cli_print(stdout, "%s: %s\n", q.serial, ask_state_label(q.state));
		if (q.state == QS_REDIRECTED)
			show_unit_channel(app, q.unit_name);
		say_learned(&q, learned);
		if (*err.msg)
			cli_error("%s", err.msg);
	}
done:
	if (rc != 0)
		cli_error("%s", err.msg);
	ask_free(&q);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

int cmd_ask(const char *cfg_arg, int argc, char **argv)
{
	static const char *const changes[] = { "answer", "dispatch", "redirect", "reply", "followup", "draft", "print", NULL };
	const char *verb = argc >= 2 ? argv[1] : "";
	struct app app;
	int rc, change = 0;

	for (int i = 0; changes[i]; i++)
		change |= strcmp(verb, changes[i]) == 0;
	if (!((strcmp(verb, "add") == 0 && argc == 4 && strcmp(argv[2], "--from") == 0) || strcmp(verb, "list") == 0 ||
	      (strcmp(verb, "show") == 0 && argc == 3) || (change && argc >= 3 && argv[2][0] != '-')))
		return usage();
	rc = cli_open(&app, cfg_arg, APP_ALL);
	if (rc != EXIT_OK)
		return rc;
	if (cli_operator(&app) != EXIT_OK) {
		app_close(&app);
		return EXIT_USAGE;
	}
	if (strcmp(verb, "add") == 0)
		rc = ask_add(&app, argv[3]);
	else if (strcmp(verb, "list") == 0)
		rc = ask_list(&app, argc, argv);
	else if (strcmp(verb, "show") == 0)
		rc = ask_show(&app, argv[2]);
	else
		rc = ask_change(&app, verb, argc, argv);
	app_close(&app);
	return rc;
}
