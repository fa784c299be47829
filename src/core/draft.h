/*
 * draft.h - a form cut off by a closed terminal (SIGHUP) or a stop signal, kept in the site's
 * spool/ folder (mode 0600: it may hold a citizen's details) and offered back the next time.
 */
#ifndef ZWGK_DRAFT_H
#define ZWGK_DRAFT_H

#include "config.h"
#include "util.h"

/* Keeps the n field values of form `name` (a short word: "application"), written atomically. */
int draft_save(const struct config *cfg, const char *name, const char *title, char *const *values, int n,
	       struct zerr *err);
/*
 * The kept values of form `name`: returns how many (0 when there is no draft), *values a
 * NULL-terminated array to free with strv_free, *title what the form was called.
 */
int draft_load(const struct config *cfg, const char *name, char ***values, char **title);
void draft_remove(const struct config *cfg, const char *name);
/* The titles of every draft kept (for a word at start), NULL-terminated; NULL when none. */
char **draft_titles(const struct config *cfg);

#endif
