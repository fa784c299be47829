/*
 * cmd_report.c - `zwgk report ledger REGISTER`: a register's ledger for a range of days, as
 * paged text, CSV or TSV on standard output (or atomically into a file), or on the printer;
 * `zwgk report annual YEAR`: table 三 of the annual report; `zwgk report month YYYY-MM` and
 * `zwgk report quarter YYYY-QN`: the supervision report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "annual.h"
#include "cli.h"
#include "fsutil.h"
#include "ledger.h"
#include "superv.h"

static int to_stdout(void *ctx, const char *s, size_t n, struct zerr *err)
{
	(void)ctx;
	if (fwrite(s, 1, n, stdout) != n) {
		zerr_set(err, _("cannot write to standard output"));
		return -1;
	}
	return 0;
}

static int usage(void)
{
	cli_error(_("usage: zwgk report ledger applications|suggestions|consultations|guidance|prints|fees"
		    " [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format text|csv|tsv|print] [--paper landscape|portrait]"
		    " [--output FILE] | report annual YEAR | report month YYYY-MM | report quarter YYYY-QN"));
	return EXIT_USAGE;
}

static int report_ledger(struct app *app, const struct ledger_query *q, const char *format, const char *output)
{
	struct zerr err = ZERR_INIT;
	int rc;

	if (strcmp(format, "print") == 0) {
		char *job = NULL;

		rc = ledger_print(app->db, &app->cfg, q, app->operator, &job, &err);
		if (rc != 0)
			cli_error(_("%s was not printed: %s"), ledger_title(q->kind), err.msg);
		else
			cli_print(stdout, _("%s sent to the printer%s%s.\n"), ledger_title(q->kind), *job ? ": " : "", job);
		free(job);
		return rc == 0 ? EXIT_OK : EXIT_FAIL;
	}
	if (output)
		rc = ledger_export(app->db, &app->cfg, q, table_format_parse(format), output, &err);
	else
		rc = ledger_write(app->db, &app->cfg, q, table_format_parse(format), to_stdout, NULL, &err);
	if (rc != 0)
		cli_error("%s", err.msg);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

/* A report that is not printed: on standard output as it is made, or whole into a file (0600). */
static int deliver(const char *output, char *text, struct zerr *err)
{
	int rc = fs_write_atomic(output, text, strlen(text), 0600, err);

	free(text);
	return rc;
}

/* Options of annual and period reports: --format text|csv|print and --output FILE. */
static int format_option(const char *opt, const char *value, const char **format, const char **output)
{
	if (strcmp(opt, "--format") == 0) {
		if (strcmp(value, "text") != 0 && strcmp(value, "csv") != 0 && strcmp(value, "print") != 0) {
			cli_error(_("'%s' is not a format; allowed: text, csv, print"), value);
			return -1;
		}
		*format = value;
		return 1;
	}
	if (strcmp(opt, "--output") == 0) {
		*output = value;
		return 1;
	}
	return 0;
}

static int annual_usage(void)
{
	cli_error(_("usage: zwgk report annual YEAR [--unit NAME | --each-unit] [--format text|csv|print] [--output FILE]"));
	return EXIT_USAGE;
}

static int annual_run(struct app *app, struct annual_opts *o, const char *format, const char *output)
{
	struct annual_result res = { 0, NULL };
	struct zerr err = ZERR_INIT;
	int rc;

	if (strcmp(format, "print") == 0) {
		char *job = NULL;

		rc = annual_print(app->db, &app->cfg, o, app->operator, &job, &res, &err);
		if (rc != 0)
			cli_error(_("%s was not printed: %s"), _("Table III of the annual report"), err.msg);
		else
			cli_print(stdout, _("%s sent to the printer%s%s.\n"), _("Table III of the annual report"),
				  *job ? ": " : "", job);
		free(job);
	} else {
		o->format = table_format_parse(format);
		if (output) {
			char *text = annual_collect(app->db, &app->cfg, o, &res, &err);

			rc = text ? deliver(output, text, &err) : -1;
		} else {
			rc = annual_write(app->db, &app->cfg, o, to_stdout, NULL, &res, &err);
		}
		if (rc != 0)
			cli_error("%s", err.msg);
	}
	/* The table is out (or printed) even when it does not balance; the status says so. */
	if (rc == 0 && res.problem) {
		fflush(stdout);
		cli_error("%s", res.problem);
		rc = -1;
	}
	free(res.problem);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

/* Reads the arguments of `report annual`; says what is wrong and returns EXIT_USAGE, or EXIT_OK. */
static int annual_args(struct app *app, int argc, char **argv, struct annual_opts *o, const char **format,
		       const char **output)
{
	struct zerr err = ZERR_INIT;
	const char *unit = NULL;
	char *end;
	long year;
	int rc;

	if (argc < 3)
		return annual_usage();
	year = strtol(argv[2], &end, 10);
	if (strlen(argv[2]) != 4 || *end || year < 1900) {
		cli_error(_("'%s' is not a year; allowed: YYYY, e.g. 2026"), argv[2]);
		return EXIT_USAGE;
	}
	if (year > date_year(date_today())) {
		cli_error(_("the year %ld has not begun yet"), year);
		return EXIT_USAGE;
	}
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--each-unit") == 0) {
			o->each_unit = 1;
			continue;
		}
		if (i + 1 >= argc)
			return annual_usage();
		rc = format_option(argv[i], argv[i + 1], format, output);
		if (rc < 0)
			return EXIT_USAGE;
		if (rc == 0 && strcmp(argv[i], "--unit") == 0)
			unit = argv[i + 1];
		else if (rc == 0)
			return annual_usage();
		i++;
	}
	if (unit && o->each_unit) {
		cli_error(_("--unit and --each-unit do not go together: one unit's table, or every unit's"));
		return EXIT_USAGE;
	}
	if (*output && strcmp(*format, "print") == 0)
		return annual_usage();
	o->year = (int)year;
	o->unit_name = unit;
	if (unit && annual_unit(app->db, unit, &o->unit_id, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/*
 * The site is opened first so that what is wrong with the arguments is said in its language;
 * the table needs no calendar (nor the deadlines brought up to date with it).
 */
static int report_annual(const char *cfg_arg, int argc, char **argv)
{
	struct annual_opts o = { 0 };
	const char *format = "text", *output = NULL;
	struct app app;
	int rc = cli_open(&app, cfg_arg, APP_CONFIG | APP_DB);

	if (rc != EXIT_OK)
		return rc;
	if (cli_operator(&app) != EXIT_OK) {
		app_close(&app);
		return EXIT_USAGE;
	}
	rc = annual_args(&app, argc, argv, &o, &format, &output);
	if (rc == EXIT_OK)
		rc = annual_run(&app, &o, format, output);
	app_close(&app);
	return rc;
}

static int period_usage(void)
{
	cli_error(_("usage: zwgk report month YYYY-MM | report quarter YYYY-QN [--format text|csv|print] [--output FILE]"));
	return EXIT_USAGE;
}

static int period_run(struct app *app, const struct superv_period *p, const char *format, const char *output)
{
	struct zerr err = ZERR_INIT;
	zdate today = date_today();
	int rc;

	if (strcmp(format, "print") == 0) {
		char *job = NULL;
		const char *what = p->kind == SUPERV_MONTH ? _("The monthly report") : _("The quarterly report");

		rc = superv_print(app->db, &app->cfg, &app->cal, p, today, app->operator, &job, &err);
		if (rc != 0)
			cli_error(_("%s was not printed: %s"), what, err.msg);
		else
			cli_print(stdout, _("%s sent to the printer%s%s.\n"), what, *job ? ": " : "", job);
		free(job);
		return rc == 0 ? EXIT_OK : EXIT_FAIL;
	}
	if (output) {
		char *text = superv_collect(app->db, &app->cfg, &app->cal, p, today, table_format_parse(format), &err);

		rc = text ? deliver(output, text, &err) : -1;
	} else {
		rc = superv_write(app->db, &app->cfg, &app->cal, p, today, table_format_parse(format), to_stdout, NULL,
				  &err);
	}
	if (rc != 0)
		cli_error("%s", err.msg);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

/* Reads the arguments of `report month|quarter`; says what is wrong and returns EXIT_USAGE, or EXIT_OK. */
static int period_args(int argc, char **argv, struct superv_period *p, const char **format, const char **output)
{
	int kind = strcmp(argv[1], "month") == 0 ? SUPERV_MONTH : SUPERV_QUARTER, rc;

	if (argc < 3)
		return period_usage();
	if (superv_parse(kind, argv[2], p) != 0) {
		cli_error(kind == SUPERV_MONTH ? _("'%s' is not a month; allowed: YYYY-MM, e.g. 2026-03")
					       : _("'%s' is not a quarter; allowed: YYYY-QN with N from 1 to 4, e.g. 2026-Q1"),
			  argv[2]);
		return EXIT_USAGE;
	}
	if (!superv_asof(p, date_today())) {
		char *name = superv_period_name(p);

		cli_error(_("the period %s has not begun yet"), name);
		free(name);
		return EXIT_USAGE;
	}
	for (int i = 3; i < argc; i += 2) {
		if (i + 1 >= argc)
			return period_usage();
		rc = format_option(argv[i], argv[i + 1], format, output);
		if (rc < 0)
			return EXIT_USAGE;
		if (rc == 0)
			return period_usage();
	}
	if (*output && strcmp(*format, "print") == 0)
		return period_usage();
	return EXIT_OK;
}

/* As report_annual: the site first, for its language. */
static int report_period(const char *cfg_arg, int argc, char **argv)
{
	const char *format = "text", *output = NULL;
	struct superv_period p;
	struct app app;
	int rc = cli_open(&app, cfg_arg, APP_ALL);

	if (rc != EXIT_OK)
		return rc;
	if (cli_operator(&app) != EXIT_OK) {
		app_close(&app);
		return EXIT_USAGE;
	}
	rc = period_args(argc, argv, &p, &format, &output);
	if (rc == EXIT_OK)
		rc = period_run(&app, &p, format, output);
	app_close(&app);
	return rc;
}

int cmd_report(const char *cfg_arg, int argc, char **argv)
{
	const char *format = "text", *output = NULL;
	zdate day[2] = { 0, 0 };
	struct ledger_query q = { 0 };
	struct app app;
	int kind, rc;

	if (argc >= 2 && strcmp(argv[1], "annual") == 0)
		return report_annual(cfg_arg, argc, argv);
	if (argc >= 2 && (strcmp(argv[1], "month") == 0 || strcmp(argv[1], "quarter") == 0))
		return report_period(cfg_arg, argc, argv);
	if (argc < 3 || strcmp(argv[1], "ledger") != 0)
		return usage();
	kind = ledger_parse(argv[2]);
	if (kind < 0) {
		cli_error(_("'%s' is not a register; allowed: applications, suggestions, consultations, guidance, prints, fees"),
			  argv[2]);
		return EXIT_USAGE;
	}
	for (int i = 3; i < argc; i++) {
		int k = strcmp(argv[i], "--from") == 0 ? 0 : strcmp(argv[i], "--to") == 0 ? 1 : -1;

		if (i + 1 >= argc)
			return usage();
		if (k >= 0) {
			if (date_parse(argv[i + 1], &day[k]) != 0) {
				cli_error(_("'%s' is not a date; allowed: YYYY-MM-DD"), argv[i + 1]);
				return EXIT_USAGE;
			}
		} else if (strcmp(argv[i], "--format") == 0) {
			format = argv[i + 1];
			if (strcmp(format, "print") != 0 && table_format_parse(format) < 0) {
				cli_error(_("'%s' is not a format; allowed: text, csv, tsv, print"), format);
				return EXIT_USAGE;
			}
		} else if (strcmp(argv[i], "--output") == 0) {
			output = argv[i + 1];
		} else if (strcmp(argv[i], "--paper") == 0) {
			if (strcmp(argv[i + 1], "portrait") != 0 && strcmp(argv[i + 1], "landscape") != 0) {
				cli_error(_("'%s' is not a paper layout; allowed: landscape, portrait"), argv[i + 1]);
				return EXIT_USAGE;
			}
			q.portrait = strcmp(argv[i + 1], "portrait") == 0;
		} else {
			return usage();
		}
		i++;
	}
	if (day[0] && day[1] && day[0] > day[1]) {
		cli_error(_("the range ends (--to) before it starts (--from)"));
		return EXIT_USAGE;
	}
	if (output && strcmp(format, "print") == 0)
		return usage();
	rc = cli_open(&app, cfg_arg, APP_ALL);
	if (rc != EXIT_OK)
		return rc;
	if (cli_operator(&app) != EXIT_OK) {
		app_close(&app);
		return EXIT_USAGE;
	}
	q.kind = kind;
	q.from = day[0];
	q.to = day[1];
	q.today = date_today();
	rc = report_ledger(&app, &q, format, output);
	app_close(&app);
	return rc;
}
