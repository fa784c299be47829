/* cli.h - the non-interactive subcommands, over the same core as the screens. */
#ifndef ZWGK_CLI_H
#define ZWGK_CLI_H

#include <stdio.h>

#include "app.h"

/* Runs argv[0] (init, check, cal, unit ...); returns the exit status. */
int cli_main(const char *cfg_arg, int argc, char **argv);
void cli_usage(FILE *out);

/* Exit status of `app add` and `sug add` for a request outside the site's scope. */
#define EXIT_OUT_OF_SCOPE 3

struct unit;
/*
 * A request outside the site's scope: keeps the guidance record and prints where to send it.
 * Returns EXIT_OUT_OF_SCOPE, or EXIT_FAIL when the record cannot be kept.
 */
int cli_guide(struct app *app, const char *reg, const struct unit *u, const char *name, const char *text);
/* Prints text that may hold user data: control characters and bad bytes come out as '?'. */
void cli_print(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes one CSV or TSV row (enum table_format) of spreadsheet-safe cells to standard output. */
void cli_flat_row(int format, const char *const *cells, int n);
/*
 * Writes one line of n cells in columns of the given widths and alignments (ALIGN_*), lined up
 * with CJK; a width of 0 leaves the cell as it is (the last column). Trailing spaces are cut.
 */
void cli_text_row(const int *widths, const int *aligns, const char *const *cells, int n);
/* Shared by the commands: messages to stderr as "zwgk: ...". */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The site's INI path (see config_find), or NULL after telling the user how to give one. */
char *cli_find_config(const char *cfg_arg);
/*
 * Opens the parts of the site a command needs (APP_*); prints problems, and warns on stderr
 * about private files that others can open (unless CLI_DESK: the desk shows that itself).
 * Returns an exit status.
 */
#define CLI_DESK 0x100
int cli_open(struct app *app, const char *cfg_arg, unsigned what);
/*
 * The operator recorded for changes made from the command line: $ZWGK_OPERATOR, else the
 * login name. An unusable $ZWGK_OPERATOR (control characters, too long) is said; EXIT_USAGE.
 */
int cli_operator(struct app *app);

int cmd_init(int argc, char **argv);
int cmd_check(const char *cfg_arg, int argc, char **argv);
int cmd_cal(const char *cfg_arg, int argc, char **argv);
int cmd_unit(const char *cfg_arg, int argc, char **argv);
int cmd_app(const char *cfg_arg, int argc, char **argv);
int cmd_print(const char *cfg_arg, int argc, char **argv);
int cmd_sug(const char *cfg_arg, int argc, char **argv);
int cmd_report(const char *cfg_arg, int argc, char **argv);
int cmd_kb(const char *cfg_arg, int argc, char **argv);
int cmd_ask(const char *cfg_arg, int argc, char **argv);
int cmd_portal(const char *cfg_arg, int argc, char **argv);
int cmd_qr(const char *cfg_arg, int argc, char **argv);
int cmd_shelf(const char *cfg_arg, int argc, char **argv);
int cmd_audit(const char *cfg_arg, int argc, char **argv);
int cmd_backup(const char *cfg_arg, int argc, char **argv);
int cmd_restore(const char *cfg_arg, int argc, char **argv);
/*
 * Reads `key=value` lines (UTF-8, # comments) from a file, or standard input for "-", and hands
 * each to set, which returns -1 for an unknown key. Every bad line is reported; returns the
 * number of them.
 */
int cli_read_kv(const char *file, int (*set)(void *ctx, const char *key, const char *value), void *ctx);

#endif
