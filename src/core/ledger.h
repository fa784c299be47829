/*
 * ledger.h - the desk's ledgers (台账) for a range of days: the three registers, the guidance
 * records, the print log and the paid prints. Read a page at a time as rows of cells (for the
 * screen), or written out whole as paper (A4 landscape or portrait, through lp) or CSV/TSV.
 */
#ifndef ZWGK_LEDGER_H
#define ZWGK_LEDGER_H

#include <sqlite3.h>

#include "config.h"
#include "date.h"
#include "table.h"

enum ledger_kind {
	LEDGER_APPLICATIONS, LEDGER_SUGGESTIONS, LEDGER_CONSULTATIONS,	/* by the day received */
	LEDGER_GUIDANCE, LEDGER_PRINTS, LEDGER_FEES,			/* logs: by day, as written */
	LEDGER_COUNT
};

int ledger_parse(const char *name);		/* "applications" … "fees"; -1 */
const char *ledger_name(int kind);		/* "applications" */
const char *ledger_title(int kind);		/* translated: 政府信息公开申请台账 */

/* Which ledger, for which days (0: open end); `today` decides what is overdue. */
struct ledger_query {
	int kind;
	zdate from, to, today;
	int portrait;		/* paper: A4 portrait instead of landscape */
};

/* One row: its cells (ledger_cols' count), where it stands in the order, and what it adds up to. */
struct ledger_row {
	char key[20];
	long long id;
	char **cells;
	int mark;		/* overdue, forwarded late, or a failed print: shown in red */
	long v[3];
};

/*
 * The ledger's columns, labels translated; paper widths fitted into `width` columns (0: as
 * they are, for landscape). Columns of width 0 are for spreadsheets only. Static storage.
 */
const struct table_col *ledger_cols(int kind, int width, int *n);

/*
 * Up to `limit` rows after `after` (before it when backwards; NULL: from the start or the end),
 * in ledger order. Free them with ledger_rows_free. Returns 0, or -1 with err set.
 */
int ledger_page(sqlite3 *db, const struct ledger_query *q, const struct ledger_row *after, int backwards, int limit,
		struct ledger_row **rows, int *n, struct zerr *err);
void ledger_row_free(struct ledger_row *r);
void ledger_rows_free(struct ledger_row *rows, int n);

/* "2026-03-01 to 2026-03-31" (translated; open ends said in words); caller frees. */
char *ledger_range_text(zdate from, zdate to);

/*
 * Writes the ledger in `format` (enum table_format): rows are read a page at a time and handed
 * to `emit` as they collect, so a long ledger is never held whole. Returns 0, or -1 with err set.
 */
int ledger_write(sqlite3 *db, const struct config *cfg, const struct ledger_query *q, int format,
		 int (*emit)(void *ctx, const char *s, size_t n, struct zerr *err), void *ctx, struct zerr *err);

/* The whole ledger as one text (for a preview or the printer); NULL on error. */
char *ledger_collect(sqlite3 *db, const struct config *cfg, const struct ledger_query *q, int format,
		     struct zerr *err);

/* Writes it into `path` atomically (written whole or not at all), mode 0600, a page at a time. */
int ledger_export(sqlite3 *db, const struct config *cfg, const struct ledger_query *q, int format, const char *path,
		  struct zerr *err);

/*
 * The ledger laid out for paper in a spool file (site spool/, 0600, already unlinked), so the
 * pages are known before anything is printed: ledger_spool_send prints it (landscape unless
 * q->portrait) and logs the print; ledger_spool_discard drops it. Both close the file.
 */
struct ledger_spool {
	int fd;
	int pages;
};
int ledger_spool(sqlite3 *db, const struct config *cfg, const struct ledger_query *q, struct ledger_spool *sp,
		 struct zerr *err);
int ledger_spool_send(sqlite3 *db, const struct config *cfg, const struct ledger_query *q, struct ledger_spool *sp,
		      const char *op, char **job, struct zerr *err);
void ledger_spool_discard(struct ledger_spool *sp);

/* Spooled and sent at once (the command line's print). */
int ledger_print(sqlite3 *db, const struct config *cfg, const struct ledger_query *q, const char *op, char **job,
		 struct zerr *err);

#endif
