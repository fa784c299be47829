/*
 * print.h - printing: templates from forms/ rendered with display-width-aware padding and
 * wrapping, sent to the desk's printer through lp (fork/execvp, the job on stdin), and logged.
 */
#ifndef ZWGK_PRINT_H
#define ZWGK_PRINT_H

#include <sqlite3.h>

#include "config.h"
#include "util.h"

struct tvar {
	const char *name, *value;
};

/*
 * Renders a template. {name} is replaced by the value; {name:N} fits it to N columns (padded
 * with spaces, or cut with '~'); {name:wrap:N} wraps it to N columns and repeats the line for
 * each piece, the text before it blanked on the continuation lines. Lines starting with '#'
 * are comments. An unknown name is an error naming the template and line.
 */
char *print_render(const char *tmpl, const struct tvar *vars, int nvars, const char *name, struct zerr *err);

/* Reads forms/NAME.txt: from the site's own forms/ folder first, then $ZWGK_FORMSDIR or the installed one. */
char *print_load_form(const struct config *cfg, const char *name, struct zerr *err);

/*
 * Sends text to the printer: [printer] command with -d queue, -n copies, -t title and one -o per
 * option, the text on standard input. On success *job holds lp's job id (or ""); on failure err
 * says in plain words what went wrong (no lp, unknown queue, scheduler down, no answer).
 */
int print_send(const struct config *cfg, const char *title, const char *text, int copies, char **job,
	       struct zerr *err);

/* The same with one more -o option for this job ("landscape"). */
int print_send_opt(const struct config *cfg, const char *title, const char *text, int copies, const char *option,
		   char **job, struct zerr *err);

/*
 * Sends text to the printer (with one more -o option, or none when NULL) and records the
 * attempt in the print log as `what` and `ref`, whatever the outcome.
 */
int print_send_logged(sqlite3 *db, const struct config *cfg, const char *title, const char *text, const char *option,
		      const char *op, const char *what, const char *ref, char **job, struct zerr *err);

/*
 * The same for a job too long to hold in memory, written into an open file (a spool file):
 * lp reads it from where it stands as its standard input.
 */
int print_send_fd(const struct config *cfg, const char *title, int fd, const char *option, char **job,
		  struct zerr *err);

/* Records a print attempt in the print log. */
int print_log(sqlite3 *db, const char *op, const char *what, const char *ref, int copies, int ok, const char *job,
	      const char *error, struct zerr *err);

#endif
