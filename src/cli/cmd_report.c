/*
 * cmd_report.c - `zwgk report ledger REGISTER`: a register's ledger for a range of days, as
 * paged text, CSV or TSV on standard output (or atomically into a file), or on the printer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "ledger.h"

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
		    " [--output FILE]"));
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

int cmd_report(const char *cfg_arg, int argc, char **argv)
{
	const char *format = "text", *output = NULL;
	zdate day[2] = { 0, 0 };
	struct ledger_query q = { 0 };
	struct app app;
	int kind, rc;

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
	cli_operator(&app);
	q.kind = kind;
	q.from = day[0];
	q.to = day[1];
	q.today = date_today();
	rc = report_ledger(&app, &q, format, output);
	app_close(&app);
	return rc;
}
