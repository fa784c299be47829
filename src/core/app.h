/* app.h - what every command needs open: the site's configuration, calendar and database. */
#ifndef ZWGK_APP_H
#define ZWGK_APP_H

#include <sqlite3.h>

#include "calendar.h"
#include "config.h"
#include "zhtext.h"

struct app {
	struct config cfg;
	struct calendar cal;
	sqlite3 *db;
	struct zh_synonyms syn;	/* the knowledge base's synonym table */
	char operator[64];	/* recorded with every change */
};

enum { APP_CONFIG = 1, APP_CALENDAR = 2, APP_DB = 4, APP_ALL = 7 };

/* Exit statuses shared by the CLI and the TUI. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/*
 * The site's [ui] language for messages from the very start (a wrong argument is said in it),
 * before its configuration is loaded and checked; cfg_arg as config_find takes it.
 */
void app_language_early(const char *cfg_arg);

/*
 * Opens the parts named in `what`. Configuration problems go to `report`; returns EXIT_USAGE
 * when the configuration is unusable, EXIT_FAIL (err filled) when the calendar or database
 * cannot be opened, EXIT_OK otherwise.
 */
int app_open(struct app *app, const char *cfg_path, unsigned what, cfg_report_fn report, void *ctx,
	     struct zerr *err);
void app_close(struct app *app);
/* The operator's name: 1 to APP_OPERATOR_MAX characters, no control characters; -1 otherwise. */
#define APP_OPERATOR_MAX 30
int app_set_operator(struct app *app, const char *name);

/* The synonym table in use: the site's [kb] synonyms, or the shipped one when the site has none. */
char *app_synonyms_path(const struct app *app);

/* Folder of the shipped data (calendar, demo units): $ZWGK_DATADIR or the installed one. */
const char *app_data_dir(void);

#endif
