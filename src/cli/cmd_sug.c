/* cmd_sug.c - `zwgk sug ...`: the suggestion register (意见建议) from a shell. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "choice.h"
#include "cli.h"
#include "sug.h"
#include "table.h"
#include "width.h"

static int set_sug_field(void *ctx, const char *key, const char *value)
{
	int f = sug_field_by_key(key);

	if (f < 0)
		return -1;
	sug_set(ctx, f, value);
	return 0;
}

static int sug_add(struct app *app, const char *file)
{
	struct sug s;
	struct unit u;
	struct appl_check c;
	struct zerr err = ZERR_INIT;
	int rc = EXIT_OK;

	sug_init(&s);
	if (cli_read_kv(file, set_sug_field, &s) != 0) {
		sug_free(&s);
		return EXIT_USAGE;
	}
	sug_validate(app->db, &s, date_today(), &u, &c);
	for (int i = 0; i < c.n; i++)
		cli_print(stderr, "%s: %s\n", sug_field_key(c.v[i].field), c.v[i].msg);
	if (c.errors) {
		rc = EXIT_USAGE;
	} else if (!appl_in_scope(&app->cfg, &u)) {
		rc = cli_guide(app, "suggestion", &u, s.f[SF_NAME], s.f[SF_CONTENT]);
	} else if (sug_register(app->db, &app->cfg, &s, app->operator, &err) != 0) {
		cli_error("%s", err.msg);
		rc = EXIT_FAIL;
	} else {
		printf("%s\n", s.serial);
	}
	appl_check_free(&c);
	unit_free(&u);
	sug_free(&s);
	return rc;
}

static void print_event(void *ctx, const char *at, const char *day, const char *op, const char *event,
			const char *detail)
{
	(void)ctx;
	cli_print(stdout, "  %s  %s  %-20s %s%s%s\n", at, day, event, op, *detail ? "  " : "", detail);
}

static int sug_show(struct app *app, const char *serial)
{
	struct sug s;
	struct zerr err = ZERR_INIT;
	char buf[DATE_BUFSZ];

	if (sug_load(app->db, serial, &s, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	cli_print(stdout, "serial: %s\nstate: %s\n", s.serial, sug_state_label(s.state));
	for (int f = 0; f < SF_COUNT; f++)
		cli_print(stdout, "%s: %s\n", sug_field_key(f), s.f[f]);
	if (s.replied)
		cli_print(stdout, "reply: %s\nreplied: %s\n", s.reply, date_format(s.replied, buf));
	printf("history:\n");
	sug_history(app->db, s.id, print_event, NULL, &err);
	sug_free(&s);
	return EXIT_OK;
}

static int list_one(void *ctx, const struct sug *s)
{
	int fmt = *(int *)ctx;
	const char *cells[6] = { s->serial, s->f[SF_RECEIVED], sug_state_label(s->state), s->f[SF_TARGET_UNIT],
				 *s->f[SF_NAME] || fmt != TABLE_PAGED ? s->f[SF_NAME] : "-", s->f[SF_CONTENT] };

	if (fmt != TABLE_PAGED) {
		cli_flat_row(fmt, cells, 6);
	} else {
		char *unit = width_fit(cells[3], 22, ALIGN_LEFT), *content = width_fit(cells[5], 20, ALIGN_LEFT);

		cli_print(stdout, "%-19s %s %s %s %s\n", cells[0], cells[1], unit, content, cells[4]);
		free(unit);
		free(content);
	}
	return 0;
}

static int sug_list(struct app *app, int argc, char **argv)
{
	int fmt = argc == 4 && strcmp(argv[2], "--format") == 0 ? table_format_parse(argv[3]) : TABLE_PAGED;
	struct zerr err = ZERR_INIT;

	if ((argc != 2 && argc != 4) || fmt < 0 || (argc == 4 && fmt == TABLE_PAGED)) {
		cli_error(_("usage: zwgk sug list [--format tsv|csv]"));
		return EXIT_USAGE;
	}
	if (sug_each(app->db, 0, 0, list_one, &fmt, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static const char *option(int argc, char **argv, const char *name)
{
	for (int i = 3; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

static int sug_change(struct app *app, int argc, char **argv)
{
	const char *date = option(argc, argv, "--date");
	struct sug s;
	struct zerr err = ZERR_INIT;
	zdate day = date_today();
	int rc;

	if (date && date_parse(date, &day) != 0) {
		cli_error(_("'%s' is not a date; allowed: YYYY-MM-DD"), date);
		return EXIT_USAGE;
	}
	if (sug_load(app->db, argv[2], &s, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	if (strcmp(argv[1], "forward") == 0)
		rc = sug_forward(app->db, &s, option(argc, argv, "--method") ? option(argc, argv, "--method") : "",
				 option(argc, argv, "--to"), day, app->operator, &err);
	else
		rc = sug_reply(app->db, &s, option(argc, argv, "--text"), day, app->operator, &err);
	if (rc != 0)
		cli_error("%s", err.msg);
	else
		cli_print(stdout, "%s: %s\n", s.serial, sug_state_label(s.state));
	sug_free(&s);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

int cmd_sug(const char *cfg_arg, int argc, char **argv)
{
	struct app app;
	int rc;
	const char *verb = argc >= 2 ? argv[1] : "";

	if (!((strcmp(verb, "add") == 0 && argc == 4 && strcmp(argv[2], "--from") == 0) || strcmp(verb, "list") == 0 ||
	      ((strcmp(verb, "show") == 0 || strcmp(verb, "forward") == 0 || strcmp(verb, "reply") == 0) && argc >= 3))) {
		cli_error(_("usage: zwgk sug add --from FILE | list | show SERIAL | forward SERIAL --method M --to NAME | reply SERIAL --text TEXT"));
		return EXIT_USAGE;
	}
	rc = cli_open(&app, cfg_arg, APP_ALL);
	if (rc != EXIT_OK)
		return rc;
	if (cli_operator(&app) != EXIT_OK) {
		app_close(&app);
		return EXIT_USAGE;
	}
	if (strcmp(verb, "add") == 0)
		rc = sug_add(&app, argv[3]);
	else if (strcmp(verb, "list") == 0)
		rc = sug_list(&app, argc, argv);
	else if (strcmp(verb, "show") == 0)
		rc = sug_show(&app, argv[2]);
	else
		rc = sug_change(&app, argc, argv);
	app_close(&app);
	return rc;
}
