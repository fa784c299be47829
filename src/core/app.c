/* app.c - opening a site: configuration, then calendar, then database. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appl.h"
#include "check.h"
#include "db.h"
#include "fsutil.h"
#include "kb.h"

#ifndef ZWGK_DATADIR
#define ZWGK_DATADIR "/usr/local/share/zwgk"
#endif

static void app_apply_language(const struct app *app);
static int app_load_synonyms(struct app *app, struct zerr *err);

/* glibc re-reads the catalogues when this counter changes. */
extern int _nl_msg_cat_cntr;

const char *app_data_dir(void)
{
	const char *env = getenv("ZWGK_DATADIR");

	return env && *env ? env : ZWGK_DATADIR;
}

int app_open(struct app *app, const char *cfg_path, unsigned what, cfg_report_fn report, void *ctx,
	     struct zerr *err)
{
	memset(app, 0, sizeof *app);
	if (what & APP_CONFIG) {
		if (config_load(&app->cfg, cfg_path, report, ctx) != 0)
			return EXIT_USAGE;
		app_apply_language(app);
	}
	if ((what & APP_CALENDAR) && cal_load(&app->cal, app->cfg.calendar_file, err) != 0)
		return EXIT_FAIL;
	if ((what & APP_DB) && db_open(&app->db, app->cfg.db_path, DB_MUST_EXIST, err) != 0)
		return EXIT_FAIL;
	if ((what & APP_DB) && (what & APP_CONFIG) && app_load_synonyms(app, err) != 0)
		return EXIT_FAIL;
	if ((what & APP_DB) && (what & APP_CALENDAR)) {
		/* A calendar updated since the last start moves provisional deadlines; a failure here is not fatal. */
		struct zerr ignored = ZERR_INIT;

		appl_refresh_deadlines(app->db, &app->cal, &ignored);
	}
	return EXIT_OK;
}

/*
 * The site's synonym table, or the shipped one when the site has none of its own (a site made
 * before the knowledge base existed); the index follows it.
 */
char *app_synonyms_path(const struct app *app)
{
	return fs_exists(app->cfg.kb_synonyms) ? xstrdup(app->cfg.kb_synonyms) : fs_join(app_data_dir(), "synonyms.txt");
}

static int app_load_synonyms(struct app *app, struct zerr *err)
{
	char *path = app_synonyms_path(app);
	int rc = fs_exists(path) ? zh_synonyms_load(&app->syn, path, err) : 0;

	free(path);
	if (rc == 0)
		rc = kb_sync_index(app->db, &app->syn, err);
	return rc;
}

void app_close(struct app *app)
{
	if (app->db)
		db_close(app->db);
	cal_free(&app->cal);
	zh_fts5_set_synonyms(NULL);
	zh_synonyms_free(&app->syn);
	config_free(&app->cfg);
	memset(app, 0, sizeof *app);
}

int app_set_operator(struct app *app, const char *name)
{
	/* Recorded in every history and shown on screens and paper: nothing a terminal would act on. */
	if (check_text(name, APP_OPERATOR_MAX) < 1)
		return -1;
	snprintf(app->operator, sizeof app->operator, "%s", name);
	return 0;
}

/* Makes a site's language take effect for the messages that follow, unless $LANGUAGE is set. */
static void use_language(const char *lang)
{
	const char *env = getenv("LANGUAGE");

	/* An explicit LANGUAGE (a maintainer who wants English) wins over the site's choice. */
	if (!*lang || (env && *env))
		return;
	setenv("LANGUAGE", lang, 1);
	++_nl_msg_cat_cntr;
}

static void app_apply_language(const struct app *app)
{
	use_language(config_language(&app->cfg));
}

void app_language_early(const char *cfg_arg)
{
	char *path = config_find(cfg_arg);

	if (path)
		use_language(config_peek_language(path));
	free(path);
}
