/* cli.c - dispatch of subcommands and the helpers they share. */
#include "cli.h"
#include "appl.h"
#include "fsutil.h"
#include "kv.h"
#include "perm.h"
#include "table.h"
#include "width.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
	const char *name;
	int (*run)(const char *cfg_arg, int argc, char **argv);
} commands[] = {
	{ "check", cmd_check },
	{ "cal", cmd_cal },
	{ "unit", cmd_unit },
	{ "app", cmd_app },
	{ "print", cmd_print },
	{ "sug", cmd_sug },
	{ "report", cmd_report },
	{ "kb", cmd_kb },
	{ "ask", cmd_ask },
	{ "portal", cmd_portal },
	{ "qr", cmd_qr },
	{ "audit", cmd_audit },
	{ "shelf", cmd_shelf },
	{ "backup", cmd_backup },
	{ "restore", cmd_restore },
};

void cli_usage(FILE *out)
{
	fprintf(out, _("Usage: zwgk [-c FILE] [COMMAND ...]\n"
		       "\n"
		       "Without a command, zwgk opens the desk: the full-screen program for the clerk.\n"
		       "\n"
		       "Options:\n"
		       "  -c FILE                 use this site configuration; otherwise the first of\n"
		       "                          $ZWGK_CONFIG, ./zwgk.ini, $XDG_CONFIG_HOME/zwgk/zwgk.ini,\n"
		       "                          /etc/zwgk/zwgk.ini\n"
		       "  --version               print the version and exit\n"
		       "  --help                  print this help and exit\n"
		       "\n"
		       "Commands:\n"
		       "  init [--demo] DIR       create a site in DIR: zwgk.ini, calendar, database\n"
		       "                          (--demo: a 巫山县 township centre with its units;\n"
		       "                          --name, --code, --type, --township set the site)\n"
		       "  check                   check the configuration, permissions, last backup,\n"
		       "                          database and calendar\n"
		       "  cal add YYYY-MM-DD N    the date N working days after the given date\n"
		       "  cal month YYYY-MM       a month with holidays and make-up working days\n"
		       "  unit list [TEXT]        list the unit directory (optionally only matches)\n"
		       "  unit import FILE.csv    add or update units from a CSV file (all or nothing)\n"
		       "  unit export             write the unit directory as CSV to standard output\n"
		       "  app add --from FILE     register an application from key=value lines\n"
		       "                          (--print: print the receipt; exit 3: out of scope)\n"
		       "  app list [--state S] [--overdue] [--format tsv|csv]\n"
		       "                          the applications, oldest first\n"
		       "  app show SERIAL [--full]   one application: every field (ID and phone masked;\n"
		       "                          --full: whole, recorded in its history), deadline, history\n"
		       "  app receipt SERIAL      print (again) the receipt through the printer\n"
		       "  app forward SERIAL --method M --to NAME      record the same-day forwarding\n"
		       "  app slip --unit NAME [--date D] [--show]     print the 转交单 of a unit's day\n"
		       "  app guidance            the guidance records (requests pointed elsewhere), as TSV\n"
		       "  app supplement SERIAL --request TEXT | app supplement SERIAL\n"
		       "                          补正 asked for / received (the clock restarts)\n"
		       "  app extend SERIAL --approver NAME            one extension of 20 working days\n"
		       "  app answer SERIAL --outcome CODE             the answer, as a row of the annual table\n"
		       "  app withdraw SERIAL | app lapse SERIAL       (each change takes --date YYYY-MM-DD)\n"
		       "  sug add --from FILE     register a suggestion (意见建议) from key=value lines\n"
		       "  sug list [--format tsv|csv] | sug show SERIAL\n"
		       "  sug forward SERIAL --method M --to NAME | sug reply SERIAL --text TEXT\n"
		       "  print form NAME [--show] print a blank form: application, sample, suggestion,\n"
		       "                          contacts (every unit's phone and address), or fees\n"
		       "                          (the schedule of copy and print charges, for posting)\n"
		       "  report ledger REGISTER [--from D] [--to D] [--format text|csv|tsv|print]\n"
		       "                          [--paper landscape|portrait]  the ledger of\n"
		       "                          applications, suggestions, consultations, guidance,\n"
		       "                          prints or fees for a range of days\n"
		       "                          (--output FILE: written whole, 0600)\n"
		       "  report annual YEAR [--unit NAME | --each-unit] [--format text|csv|print]\n"
		       "                          table 三 of the annual report for YEAR, checked\n"
		       "                          (一 + 二 = 三（七） + 四; exit 1 when it does not hold)\n"
		       "  report month YYYY-MM | report quarter YYYY-QN [--format text|csv|print]\n"
		       "                          the supervision report: figures, on time, overdue list\n"
		       "  kb import FILE.tsv | kb export       the policy Q&A knowledge base as TSV\n"
		       "  kb search [--limit N] QUESTION      entries that answer it: ID, score, confident\n"
		       "  kb eval FILE.tsv [--verbose]        retrieval figures of a query set\n"
		       "  kb show ID | kb alias ID WORDING     one entry; another wording of its question\n"
		       "  ask add --from FILE     log a policy consultation (entry=ID: answered with it)\n"
		       "  ask list [--overdue] [--state S] [--from D] [--to D] [--format tsv|csv]\n"
		       "  ask show SERIAL | ask answer SERIAL --entry ID | ask print SERIAL [--show]\n"
		       "  ask dispatch SERIAL --unit NAME [--mail]   交办: the unit answers in 5 working days\n"
		       "  ask redirect SERIAL --unit NAME | ask reply SERIAL --date D --text TEXT\n"
		       "  ask followup SERIAL --result satisfied|unsatisfied | ask draft SERIAL\n"
		       "  portal sync [--max-pages N] [--recheck]   mirror the portal's 政府信息公开目录\n"
		       "                          ([portal]); --recheck: ask again for every document\n"
		       "                          fetched before whether it changed\n"
		       "  portal status                 the last sync, the documents, out of date or not\n"
		       "                          (exit 1: out of date, or never synced)\n"
		       "  portal search [--live | --all] QUERY  DATE, 文号, TITLE, URL of the documents\n"
		       "                          found (--all: those withdrawn from the portal too)\n"
		       "  portal show URL-or-ID         a mirrored document as text\n"
		       "  portal print [--show] URL-or-ID   print it on the site's fees (free unless approved)\n"
		       "  shelf list [--stale] [--all] [--format text|tsv|csv]\n"
		       "                          the reading room's shelf catalogue, by kind and place\n"
		       "                          (--stale: only what is out of date; --all: retired too)\n"
		       "  shelf stale             what is out of date: to be replaced with a new edition\n"
		       "  shelf add --from FILE   put an item on the shelf from key=value lines (- : stdin)\n"
		       "  shelf show ID           one item: every field, its refresh date, the history\n"
		       "  shelf replace ID --edition TEXT [--placed YYYY-MM-DD] [--copies N]\n"
		       "                          a new issue or edition in place of the one on the shelf\n"
		       "  shelf change ID [--copies N] [--position TEXT] | shelf retire ID\n"
		       "  shelf print [--show]    print the catalogue for the reading room (--show: to\n"
		       "                          standard output instead of the printer)\n"
		       "  backup [DIR]            copy the database (while the desk runs) into DIR or the\n"
		       "                          backups folder as zwgk-YYYY-MM-DD-HHMM.db, checked, 0600;\n"
		       "                          keeps the newest [backup] keep of them\n"
		       "  restore FILE [--yes]    put a backup in place of the database (the current one\n"
		       "                          kept aside); without --yes: say what it would do\n"
		       "  audit [--record SERIAL]  the audit trail: who added or changed what, and when\n"
		       "  qr [--ascii] TEXT       TEXT (an address) as a QR code on the terminal, no site\n"
		       "                          needed (--ascii: ## for dark modules, for any terminal)\n"
		       "\n"
		       "Exit status: 0 success, 1 failure, 2 bad usage or configuration.\n"));
}

void cli_print(FILE *out, const char *fmt, ...)
{
	va_list ap;
	char *raw, *safe;

	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	safe = text_safe(raw);
	fputs(safe, out);
	free(safe);
	free(raw);
}

void cli_flat_row(int format, const char *const *cells, int n)
{
	struct sbuf b = { 0 };

	table_flat_row(&b, format, cells, n);
	fputs(b.s, stdout);
	sbuf_free(&b);
}

void cli_text_row(const int *widths, const int *aligns, const char *const *cells, int n)
{
	struct sbuf b = { 0 };

	for (int i = 0; i < n; i++) {
		char *c = widths[i] ? width_fit(cells[i] ? cells[i] : "", widths[i], aligns[i]) : text_safe(cells[i] ? cells[i] : "");

		sbuf_add(&b, c);
		sbuf_add(&b, i + 1 < n ? " " : "");
		free(c);
	}
	while (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	printf("%s\n", b.s);
	sbuf_free(&b);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	cli_print(stderr, "zwgk: %s\n", msg);
	free(msg);
}

static void report_to_stderr(void *ctx, int severity, const char *msg)
{
	(void)ctx;
	cli_print(stderr, "%s%s\n", severity == CFG_WARNING ? _("warning: ") : "", msg);
}

static void warn_to_stderr(void *ctx, const char *msg)
{
	(void)ctx;
	cli_print(stderr, "zwgk: %s%s\n", _("warning: "), msg);
}

char *cli_find_config(const char *cfg_arg)
{
	char *path = config_find(cfg_arg);

	if (!path)
		cli_error(_("no site configuration found; give one with -c FILE, or create a site with: zwgk init DIR"));
	return path;
}

int cli_open(struct app *app, const char *cfg_arg, unsigned what)
{
	struct zerr err = ZERR_INIT;
	char *path = cli_find_config(cfg_arg);
	int rc;

	if (!path) {
		memset(app, 0, sizeof *app);
		return EXIT_USAGE;
	}
	rc = app_open(app, path, what & ~(unsigned)CLI_DESK, report_to_stderr, NULL, &err);
	free(path);
	if (rc == EXIT_FAIL)
		cli_error("%s", err.msg);
	if (rc != EXIT_OK)
		app_close(app);
	else if ((what & APP_CONFIG) && !(what & CLI_DESK))
		perm_check(&app->cfg, app->db != NULL, warn_to_stderr, NULL);
	return rc;
}

int cli_operator(struct app *app)
{
	const char *env = getenv("ZWGK_OPERATOR");
	struct passwd *pw;

	if (env && *env) {
		if (app_set_operator(app, env) == 0)
			return EXIT_OK;
		cli_error(_("ZWGK_OPERATOR: the operator's name must be 1 to %d characters of UTF-8 text without control characters"),
			  APP_OPERATOR_MAX);
		return EXIT_USAGE;
	}
	pw = getpwuid(getuid());
	if (!pw || app_set_operator(app, pw->pw_name) != 0)
		app_set_operator(app, "cli");
	return EXIT_OK;
}

int cli_guide(struct app *app, const char *reg, const struct unit *u, const char *name, const char *text)
{
	struct zerr err = ZERR_INIT;
	int suggestion = strcmp(reg, "suggestion") == 0;

	if (appl_guidance(app->db, reg, u, name, text, app->operator, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	cli_print(stdout,
		  suggestion ? _("Not registered: %s is outside this site's scope. A guidance record was kept.\n"
				 "Guide the citizen to the unit's own channel:\n  phone: %s\n  address: %s %s\n")
			     : _("Not registered: %s is outside this site's scope. A guidance record was kept.\n"
				 "Guide the applicant to the unit's own channel:\n"
				 "  phone for applications: %s\n  receiving address: %s %s\n"),
		  u->f[UF_NAME], *u->f[UF_PHONE] ? u->f[UF_PHONE] : "-", *u->f[UF_ADDRESS] ? u->f[UF_ADDRESS] : "-",
		  u->f[UF_POSTCODE]);
	return EXIT_OUT_OF_SCOPE;
}

/* A bad line of an intake file, on standard error; the context is the caller's, for set. */
static void kv_bad_line(void *ctx, const char *msg)
{
	(void)ctx;
	cli_error("%s", msg);
}

int cli_read_kv(const char *file, int (*set)(void *ctx, const char *key, const char *value), void *ctx)
{
	struct zerr err = ZERR_INIT;
	size_t len;
	/* "-" is standard input: a script pipes the lines in. */
	int from_stdin = strcmp(file, "-") == 0, bad;
	char *text = from_stdin ? fs_read_fd(0, 1 << 20, &len, &err) : fs_read_file(file, 1 << 20, &len, &err);

	if (from_stdin)
		file = _("standard input");
	if (!text) {
		cli_error(_("cannot read %s: %s"), file, err.msg);
		return 1;
	}
	bad = kv_parse(text, len, file, set, kv_bad_line, ctx, &err);
	free(text);
	if (bad < 0) {
		cli_error("%s", err.msg);
		return 1;
	}
	return bad;
}

int cli_main(const char *cfg_arg, int argc, char **argv)
{
	if (strcmp(argv[0], "init") == 0)
		return cmd_init(argc, argv);
	app_language_early(cfg_arg);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			return commands[i].run(cfg_arg, argc, argv);
	cli_error(_("unknown command '%s'; see zwgk --help"), argv[0]);
	return EXIT_USAGE;
}
