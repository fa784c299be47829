/*
 * ledger.h - the registers' ledgers (台账) for a range of received days: on paper (A4
 * landscape, through lp), as paged text, or as CSV/TSV for a spreadsheet.
 */
#ifndef ZWGK_LEDGER_H
#define ZWGK_LEDGER_H

#include <sqlite3.h>

#include "config.h"
#include "date.h"
#include "table.h"

enum ledger_kind { LEDGER_APPLICATIONS, LEDGER_SUGGESTIONS, LEDGER_CONSULTATIONS, LEDGER_COUNT };

int ledger_parse(const char *name);		/* "applications", "suggestions", "consultations"; -1 */
const char *ledger_name(int kind);		/* "applications" */
const char *ledger_title(int kind);		/* translated: 政府信息公开申请台账 */

/*
 * Writes the ledger of records received in [from, to] in `format` (enum table_format): rows
 * are read a page at a time and handed to `emit` as they collect. `today` decides what is
 * overdue. Returns 0, or -1 with err set (a database error, or emit's failure).
 */
int ledger_write(sqlite3 *db, const struct config *cfg, int kind, zdate from, zdate to, zdate today, int format,
		 int (*emit)(void *ctx, const char *s, size_t n, struct zerr *err), void *ctx, struct zerr *err);

/* The whole ledger as one text in `format` (for a preview, a file, or ledger_print); NULL on error. */
char *ledger_collect(sqlite3 *db, const struct config *cfg, int kind, zdate from, zdate to, zdate today, int format,
		     struct zerr *err);

/* Prints the ledger in landscape through the desk's printer and logs the print. */
int ledger_print(sqlite3 *db, const struct config *cfg, int kind, zdate from, zdate to, const char *op,
		 char **job, struct zerr *err);

#endif
