/*
 * superv.h - the supervision report (督查月报、季报) the county office asks of a site: for a
 * month or a quarter, what came in and what became of it, the on-time figures and the list of
 * what is overdue, counted with SQL aggregates.
 *
 * The period is [first day, last day]; "as of" is its last day, or today while it is not over.
 * Applications: received in the period, and of them forwarded the same day, forwarded later
 * (by the as-of day), not forwarded and still open, or closed without being forwarded; closed
 * (answered date) in the period: answered by the deadline stored, answered after it, or
 * withdrawn or lapsed; open at the as-of day past their deadline. Consultations: received in the
 * period, by what became of them (answered on the spot with an entry, dispatched, redirected, only
 * logged), the share answered on the spot; replies of dispatched ones in the period on time
 * (by the due day) or late; dispatched, not replied at the as-of day and past due. Suggestions:
 * received, and answered, in the period. Deadlines are those stored now (after 补正 and extensions).
 */
#ifndef ZWGK_SUPERV_H
#define ZWGK_SUPERV_H

#include <sqlite3.h>

#include "calendar.h"
#include "config.h"

enum superv_kind { SUPERV_MONTH, SUPERV_QUARTER };

struct superv_period {
	int kind;
	int year, part;		/* part: the month (1-12) or the quarter (1-4) */
	zdate from, to;
};

/* "2026-03" (a month) or "2026-Q1" (a quarter, Q or q); -1 when it is neither. */
int superv_parse(int kind, const char *s, struct superv_period *p);
/* The period in words: 2026年3月, 2026年第一季度; caller frees. */
char *superv_period_name(const struct superv_period *p);
/* The as-of day: the period's last day, or today while it is not over; 0 before it begins. */
zdate superv_asof(const struct superv_period *p, zdate today);

enum superv_value {
	SV_APPL_RECEIVED, SV_FWD_SAME_DAY, SV_FWD_LATE, SV_FWD_NOT_YET, SV_CLOSED_UNFORWARDED,
	SV_APPL_CLOSED, SV_ANSWERED_ON_TIME, SV_ANSWERED_LATE, SV_CLOSED_OTHERWISE, SV_APPL_OVERDUE,
	SV_ASK_RECEIVED, SV_ASK_ANSWERED, SV_ASK_DISPATCHED, SV_ASK_REDIRECTED, SV_ASK_LOGGED,
	SV_REPLY_ON_TIME, SV_REPLY_LATE, SV_ASK_OVERDUE,
	SV_SUG_RECEIVED, SV_SUG_REPLIED,
	SV_COUNT
};

struct superv_figures {
	zdate asof;
	long long v[SV_COUNT];
};

/* Counts every figure of the period as of `asof`. */
int superv_count(sqlite3 *db, const struct superv_period *p, zdate asof, struct superv_figures *f, struct zerr *err);
/* Answered on the spot / received, as "41.7%"; "—" when nothing was received. */
void superv_hit_rate(const struct superv_figures *f, char buf[32]);

/* One line of the overdue list. */
struct superv_overdue {
	int consultation;	/* 0: an application */
	const char *serial, *unit;
	zdate deadline;
	int workdays;		/* working days from the deadline to the as-of day */
	int provisional;	/* counted over a year the calendar does not cover */
};

/*
 * Calls fn for each application and dispatched consultation open and past its deadline at
 * `asof`, the longest overdue first, streamed from one statement.
 */
int superv_overdue_each(sqlite3 *db, const struct calendar *cal, zdate asof,
			int (*fn)(void *ctx, const struct superv_overdue *o), void *ctx, struct zerr *err);

/*
 * Writes the report in `format` (TABLE_PAGED: A4 portrait pages of 80 columns, the figures
 * then the overdue list on pages of its own; TABLE_CSV) to emit, a page or so at a time.
 */
int superv_write(sqlite3 *db, const struct config *cfg, const struct calendar *cal, const struct superv_period *p,
		 zdate today, int format, int (*emit)(void *ctx, const char *s, size_t n, struct zerr *err), void *ctx,
		 struct zerr *err);
/* The same collected into one text; NULL on error. */
char *superv_collect(sqlite3 *db, const struct config *cfg, const struct calendar *cal,
		     const struct superv_period *p, zdate today, int format, struct zerr *err);
/* Prints it through the desk's printer and logs the print. */
int superv_print(sqlite3 *db, const struct config *cfg, const struct calendar *cal, const struct superv_period *p,
		 zdate today, const char *op, char **job, struct zerr *err);

#endif
