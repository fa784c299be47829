/*
 * cmd_portal.c - `zwgk portal sync|status|search|show|print`: the mirror of the county portal's
 * 政府信息公开目录 from a shell (a cron job syncs it at night).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fees.h"
#include "portal.h"

static volatile sig_atomic_t stop_sync;

static void on_signal(int sig)
{
	(void)sig;
	stop_sync = 1;
}

static int usage(void)
{
	cli_error(_("usage: zwgk portal sync [--max-pages N] [--recheck] | status | search [--live | --all] QUERY | show URL-or-ID | print [--show] URL-or-ID"));
	return EXIT_USAGE;
}

/* One line that rewrites itself on a terminal; a line per step otherwise (a log, cron). */
static void progress(void *ctx, const struct portal_progress *p)
{
	int tty = *(int *)ctx;

	if (!p->url)
		return;
	fprintf(stderr, _("%spages %d, documents %d, unchanged %d, %lld KiB, errors %d%s"), tty ? "\r" : "", p->pages,
		p->docs, p->unchanged, p->bytes / 1024, p->errors, tty ? "\033[K" : "\n");
	fflush(stderr);
}

static int portal_sync_cmd(struct app *app, int argc, char **argv)
{
	struct portal_sync_opts o = { .progress = progress, .stop = &stop_sync };
	struct portal_progress p;
	struct zerr err = ZERR_INIT;
	struct sigaction sa;
	int tty = isatty(2), rc;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--max-pages") == 0 && i + 1 < argc && !o.max_pages) {
			char *end;
			long v = strtol(argv[++i], &end, 10);

			if (*end || v < 1 || v > 10000)
				return usage();
			o.max_pages = (int)v;
		} else if (strcmp(argv[i], "--recheck") == 0 && !o.recheck) {
			o.recheck = 1;
		} else {
			return usage();
		}
	}
	o.ctx = &tty;
	/* Ctrl-C or a kill: a page being fetched is abandoned, one being stored is finished; then it stops. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	rc = portal_sync(app->db, &app->cfg, &o, app->operator, &p, &err);
	if (tty)
		fputc('\n', stderr);
	if (rc != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	printf(_("%s: %d list pages read, %d documents fetched, %d unchanged, %lld KiB, %d errors.\n"),
	       stop_sync ? _("Stopped") : _("Synced"), p.pages, p.docs, p.unchanged, p.bytes / 1024, p.errors);
	if (p.rechecked)
		printf(_("Asked again for %d documents fetched before: %d changed on the portal, text replaced.\n"),
		       p.rechecked, p.changed);
	if (p.withdrawn)
		printf(_("%d documents no longer listed on the portal: marked withdrawn (kept, left out of search).\n"),
		       p.withdrawn);
	if (p.errors)
		cli_error(_("the last error: %s (a later sync tries again)"), err.msg);
	return p.errors || stop_sync ? EXIT_FAIL : EXIT_OK;
}

/* The mirror's freshness, as the query screen shows it: exit 1 when it is out of date (or never synced). */
static int portal_status_cmd(struct app *app)
{
	const struct config *cfg = &app->cfg;
	struct zerr err = ZERR_INIT;
	struct portal_status s;

	if (!portal_configured(cfg)) {
		cli_error(_("no portal is set up: [portal] list_url and item_xpath say where the catalogue is"));
		return EXIT_FAIL;
	}
	if (portal_status(app->db, cfg, &s, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	cli_print(stdout, _("portal: %s, list pages %s\n"), *cfg->portal_name ? cfg->portal_name : _("the portal"), cfg->portal_list_url);
	if (*s.synced)
		cli_print(stdout, _("last sync: %s, %s: %d list pages read, %d documents fetched\n"), s.synced,
			  s.finished ? _("finished") : _("stopped"), s.pages, s.docs);
	else
		cli_print(stdout, "%s\n", _("last sync: none (no sync with the portal has finished yet)"));
	cli_print(stdout, _("mirror: %d documents, %d fetched, %d failed, %d withdrawn from the portal\n"), s.documents,
		  s.fetched, s.failed, s.withdrawn);
	if (!*s.synced)
		cli_print(stdout, _("out of date: yes (never synced): run zwgk portal sync\n"));
	else if (s.stale)
		cli_print(stdout, _("out of date: yes, %d days since the last sync (more than [portal] stale_days = %d): run zwgk portal sync\n"),
			  s.age, cfg->portal_stale_days);
	else
		cli_print(stdout, _("out of date: no, %d days since the last sync ([portal] stale_days = %d)\n"), s.age,
			  cfg->portal_stale_days);
	portal_status_free(&s);
	return s.stale ? EXIT_FAIL : EXIT_OK;
}

/* DATE, 文号, TITLE, URL; a document withdrawn from the portal (with --all) marked before its title. */
static void print_docs(const struct portal_doc *d, int n)
{
	for (int i = 0; i < n; i++)
		cli_print(stdout, "%s\t%s\t%s%s%s\t%s\n", d[i].published, d[i].number, *d[i].withdrawn ? _("[withdrawn]") : "",
			  *d[i].withdrawn ? " " : "", d[i].title, d[i].url);
}

static int portal_search_cmd(struct app *app, int argc, char **argv)
{
	struct zerr err = ZERR_INIT;
	struct portal_doc *docs;
	int live = argc == 4 && strcmp(argv[2], "--live") == 0, all = argc == 4 && strcmp(argv[2], "--all") == 0, n;
	const char *query = argv[argc - 1];

	if (argc != 3 + (live || all))
		return usage();
	if (!query[strspn(query, " \t")]) {
		cli_error(_("nothing to search for: give the words, 文号 or 索引号 to look for"));
		return EXIT_USAGE;
	}
	if (live) {
		if (portal_live_search(&app->cfg, query, 50, NULL, NULL, &docs, &n, &err) != 0) {
			cli_error("%s", err.msg);
			return EXIT_FAIL;
		}
	} else if (portal_search(app->db, query, 50, all, &docs, &n, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	print_docs(docs, n);
	portal_docs_free(docs, n);
	return EXIT_OK;
}

static int portal_show_cmd(struct app *app, const char *which)
{
	struct zerr err = ZERR_INIT;
	struct portal_doc d;
	char *note;

	if (portal_load(app->db, which, &d, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	cli_print(stdout, "%s\n%s\n", d.title, d.url);
	if ((note = portal_withdrawn_note(&d)) != NULL)
		cli_print(stdout, "%s\n", note);
	free(note);
	cli_print(stdout, "%s", d.meta);
	if (!*d.meta)
		cli_print(stdout, "%s\t%s\n%s\t%s\n", _("Published"), d.published, _("Number"), d.number);
	cli_print(stdout, "\n%s", *d.text ? d.text : _("(not fetched yet: run zwgk portal sync)\n"));
	portal_doc_free(&d);
	return EXIT_OK;
}

/* Prints a document on the site's fee schedule and says what to collect; --show writes the printout instead. */
static int portal_print_cmd(struct app *app, const char *which, int show)
{
	struct zerr err = ZERR_INIT;
	struct portal_doc d;
	struct fees f;
	char *text, *job = NULL, *money;
	long amount;
	int rc;

	if (fees_load(&app->cfg, &f, &err) != 0 || portal_load(app->db, which, &d, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	if (!*d.text) {
		cli_error(_("%s is not fetched yet: run zwgk portal sync"), d.url);
		portal_doc_free(&d);
		return EXIT_FAIL;
	}
	text = portal_print_text(&d, &err);
	if (show) {
		cli_print(stdout, "%s", text);
		rc = EXIT_OK;
	} else if (fees_print(app->db, &app->cfg, &f, "portal", d.url, d.title, text, app->operator, &amount, &job,
			      &err) != 0) {
		cli_error(_("Not printed: %s"), err.msg);
		rc = EXIT_FAIL;
	} else {
		money = fees_format(amount);
		if (amount > 0)
			cli_print(stdout, _("Printed %d page(s): collect %s (approved by %s).\n"), fees_pages(text), money,
				  f.document);
		else
			cli_print(stdout, _("Printed %d page(s), free of charge.\n"), fees_pages(text));
		free(money);
		rc = EXIT_OK;
	}
	free(job);
	free(text);
	portal_doc_free(&d);
	return rc;
}

int cmd_portal(const char *cfg_arg, int argc, char **argv)
{
	const char *verb = argc >= 2 ? argv[1] : "";
	struct app app;
	int rc;

	int show = argc == 4 && strcmp(argv[2], "--show") == 0;

	if (strcmp(verb, "sync") != 0 && !(strcmp(verb, "status") == 0 && argc == 2) &&
	    !(strcmp(verb, "search") == 0 && argc >= 3) &&
	    !(strcmp(verb, "show") == 0 && argc == 3) && !(strcmp(verb, "print") == 0 && (argc == 3 || show)))
		return usage();
	rc = cli_open(&app, cfg_arg, APP_ALL);
	if (rc != EXIT_OK)
		return rc;
	if (cli_operator(&app) != EXIT_OK) {
		app_close(&app);
		return EXIT_USAGE;
	}
	if (strcmp(verb, "sync") == 0)
		rc = portal_sync_cmd(&app, argc, argv);
	else if (strcmp(verb, "status") == 0)
		rc = portal_status_cmd(&app);
	else if (strcmp(verb, "search") == 0)
		rc = portal_search_cmd(&app, argc, argv);
	else if (strcmp(verb, "show") == 0)
		rc = portal_show_cmd(&app, argv[2]);
	else
		rc = portal_print_cmd(&app, argv[argc - 1], show);
	app_close(&app);
	return rc;
}
