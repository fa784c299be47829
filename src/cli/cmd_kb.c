/*
 * cmd_kb.c - `zwgk kb import|export|search|eval|show`: the policy knowledge base from a shell.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fsutil.h"
#include "kb.h"
#include "width.h"

static int usage(void)
{
	cli_error(_("usage: zwgk kb import FILE.tsv | export | search [--limit N] QUESTION | eval FILE.tsv [--verbose]"
		    " | show ID | alias ID WORDING"));
	return EXIT_USAGE;
}

static int kb_import_file(struct app *app, const char *file)
{
	struct zerr err = ZERR_INIT;
	size_t len;
	char *text = fs_read_file(file, 64 << 20, &len, &err);
	int added, updated;

	if (!text) {
		cli_error("%s: %s", file, err.msg);
		return EXIT_FAIL;
	}
	if (kb_import(app->db, text, len, file, app->operator, &added, &updated, &err) != 0) {
		cli_error("%s", err.msg);
		free(text);
		return EXIT_FAIL;
	}
	free(text);
	printf(_("%d entries added, %d updated.\n"), added, updated);
	return EXIT_OK;
}

static int kb_export_all(struct app *app)
{
	struct zerr err = ZERR_INIT;
	char *text = kb_export(app->db, &err);

	if (!text) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	fputs(text, stdout);
	free(text);
	return EXIT_OK;
}

static int kb_search_cmd(struct app *app, int argc, char **argv)
{
	struct zerr err = ZERR_INIT;
	struct kb_hit *hits;
	int limit = 5, n, i = 2;
	struct sbuf q = { 0 };

	if (i + 1 < argc && strcmp(argv[i], "--limit") == 0) {
		char *end;
		long v = strtol(argv[i + 1], &end, 10);

		if (*end || v < 1 || v > 100) {
			cli_error(_("'%s' is not a number from 1 to 100"), argv[i + 1]);
			return EXIT_USAGE;
		}
		limit = (int)v;
		i += 2;
	}
	if (i >= argc)
		return usage();
	/* The words of the question may come as several arguments. */
	for (; i < argc; i++)
		sbuf_printf(&q, "%s%s", q.len ? " " : "", argv[i]);
	if (kb_search(app->db, &app->syn, q.s, limit, date_today(), &hits, &n, &err) != 0) {
		cli_error("%s", err.msg);
		sbuf_free(&q);
		return EXIT_FAIL;
	}
	for (int k = 0; k < n; k++)
		cli_print(stdout, "%s\t%.3f\t%s\t%s%s\n", hits[k].code, hits[k].score, hits[k].confident ? "yes" : "no",
			  hits[k].question, hits[k].expired ? _(" (expired)") : "");
	kb_hits_free(hits, n);
	sbuf_free(&q);
	return EXIT_OK;
}

static void print_miss(void *ctx, const char *query, const char *expected, const struct kb_hit *hits, int n)
{
	(void)ctx;
	cli_print(stdout, "%s %s\t%s\n", strcmp(expected, "NONE") == 0 ? "NONE" : "MISS", expected, query);
	for (int i = 0; i < n; i++)
		cli_print(stdout, "    %d. %s %.3f %s %s\n", i + 1, hits[i].code, hits[i].score, hits[i].confident ? "yes" : "no",
			  hits[i].question);
}

static void print_figure(const char *label, int num, int den, const char *bar)
{
	char *l = width_fit(label, 42, ALIGN_LEFT);

	/* A set without such queries has no figure, not 0%. */
	if (den)
		printf("%s %5.1f%%  (%d/%d)  %s\n", l, 100.0 * num / den, num, den, bar);
	else
		printf("%s     -   (0/0)  %s\n", l, bar);
	free(l);
}

static int kb_eval_cmd(struct app *app, const char *file, int verbose)
{
	struct zerr err = ZERR_INIT;
	struct kb_eval ev;
	size_t len;
	char *text = fs_read_file(file, 16 << 20, &len, &err);

	if (!text) {
		cli_error("%s: %s", file, err.msg);
		return EXIT_FAIL;
	}
	if (kb_eval(app->db, &app->syn, text, date_today(), &ev, verbose ? print_miss : NULL, NULL, &err) != 0) {
		cli_error("%s: %s", file, err.msg);
		free(text);
		return EXIT_FAIL;
	}
	free(text);
	print_figure(_("top-1 (answerable queries)"), ev.top1, ev.answerable, _("bar: 85%"));
	print_figure(_("top-3 (answerable queries)"), ev.top3, ev.answerable, _("bar: 95%"));
	print_figure(_("no confident match (NONE queries)"), ev.none_rejected, ev.none, _("bar: 80%"));
	print_figure(_("confident and wrong (answerable queries)"), ev.confident_wrong, ev.answerable, _("bar: at most 5%"));
	print_figure(_("confident and right (answerable queries)"), ev.confident_right, ev.answerable, "");
	return EXIT_OK;
}

static int kb_show(struct app *app, const char *code)
{
	struct zerr err = ZERR_INIT;
	struct kb_entry e;
	struct kb_alias *al;
	int n;

	if (kb_load(app->db, code, &e, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	for (int f = 0; f < KF_COUNT; f++)
		cli_print(stdout, "%s: %s\n", kb_field_key(f), e.f[f]);
	cli_print(stdout, "status: %s\n", kb_status_code(e.status));
	if (kb_aliases(app->db, e.id, &al, &n, &err) == 0) {
		for (int i = 0; i < n; i++)
			cli_print(stdout, "alias: %s (%s)\n", al[i].text, al[i].origin);
		kb_aliases_free(al, n);
	}
	kb_entry_free(&e);
	return EXIT_OK;
}

/* `kb alias ID TEXT...`: another wording of an entry's question, as the citizens put it. */
static int kb_alias_cmd(struct app *app, int argc, char **argv)
{
	struct zerr err = ZERR_INIT;
	struct kb_entry e;
	struct sbuf text = { 0 };
	int rc;

	if (kb_load(app->db, argv[2], &e, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	for (int i = 3; i < argc; i++)
		sbuf_printf(&text, "%s%s", text.len ? " " : "", argv[i]);
	rc = kb_alias_add(app->db, e.id, text.s, "clerk", app->operator, &err);
	if (rc < 0)
		cli_error("%s", err.msg);
	else
		cli_print(stdout, rc ? _("%s: alias added.\n") : _("%s has that alias already.\n"), e.f[KF_CODE]);
	sbuf_free(&text);
	kb_entry_free(&e);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}

int cmd_kb(const char *cfg_arg, int argc, char **argv)
{
	const char *verb = argc >= 2 ? argv[1] : "";
	struct app app;
	int rc;

	if (!((strcmp(verb, "import") == 0 && argc == 3) || (strcmp(verb, "export") == 0 && argc == 2) ||
	      (strcmp(verb, "search") == 0 && argc >= 3) || (strcmp(verb, "show") == 0 && argc == 3) ||
	      (strcmp(verb, "alias") == 0 && argc >= 4) ||
	      (strcmp(verb, "eval") == 0 && (argc == 3 || (argc == 4 && strcmp(argv[3], "--verbose") == 0)))))
		return usage();
	rc = cli_open(&app, cfg_arg, APP_ALL);
	if (rc != EXIT_OK)
		return rc;
	if (cli_operator(&app) != EXIT_OK) {
		app_close(&app);
		return EXIT_USAGE;
	}
	if (strcmp(verb, "import") == 0)
		rc = kb_import_file(&app, argv[2]);
	else if (strcmp(verb, "export") == 0)
		rc = kb_export_all(&app);
	else if (strcmp(verb, "search") == 0)
		rc = kb_search_cmd(&app, argc, argv);
	else if (strcmp(verb, "show") == 0)
		rc = kb_show(&app, argv[2]);
	else if (strcmp(verb, "alias") == 0)
		rc = kb_alias_cmd(&app, argc, argv);
	else
		rc = kb_eval_cmd(&app, argv[2], argc == 4);
	app_close(&app);
	return rc;
}
