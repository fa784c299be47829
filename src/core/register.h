/*
 * register.h - what the desk's registers (applications, suggestions, consultations) share:
 * field tables, state names, the forwarding checks and keyset paging.
 */
#ifndef ZWGK_REGISTER_H
#define ZWGK_REGISTER_H

#include <stddef.h>

#include <sqlite3.h>

#include "date.h"
#include "util.h"

/* One field of a register's form; its key is the `key=value` name of the CLI's intake file. */
struct field_spec {
	const char *key, *label;	/* label untranslated (N_) */
	int max;			/* characters */
	int applies;			/* register-specific: which variant of the form shows it */
};

/* The index of the field with this key in specs[0..n), or -1. */
int field_spec_find(const struct field_spec *specs, int n, const char *key);

/* A register's states: codes as stored, labels untranslated (N_). */
struct state_names {
	const char *const *codes, *const *labels;
	int n;
};

const char *state_code(const struct state_names *s, int state);		/* "?" when out of range */
const char *state_label(const struct state_names *s, int state);	/* translated */
int state_parse(const struct state_names *s, const char *text);		/* code or label; -1 */

/*
 * Checks a forwarding (转交 or 交办) before it is stored: the method must be one of
 * forward_methods, the taker named (at most 30 characters), the day neither before `received`
 * nor in the future. `what` names the record in the message ("the application"). Returns the
 * method's index, or -1 with err set.
 */
int forward_check(const char *method, const char *to, zdate received, zdate day, const char *taker_msg,
		  const char *before_msg, struct zerr *err);

/* The history detail of a forwarding: "method; taker", with "; late" after the day of receipt. */
char *forward_detail(int method, const char *to, zdate received, zdate day);

struct appl_check;
struct choice;

/*
 * A choice field typed as its code, label or the paper form's wording: stored as the code.
 * Empty is a problem when `required`, else the list's first.
 */
void check_choice(struct appl_check *c, char **fields, int field, const struct choice *list, int required);
/* The day a record came: today when empty; a date, not in the future. Returns it, or 0 (problem added). */
zdate check_received(struct appl_check *c, char **fields, int field, zdate today);

/* A register's new record: its serial counter and pattern, the INSERT, and its first history event. */
struct record_insert {
	const char *reg;		/* the serial counter: "app", "sug", "ask" */
	const char *pattern, *site;	/* the serial pattern ([registers]) and the site code */
	zdate received;			/* decides the year of the serial, and the event's day */
	const char *sql;		/* the INSERT: ?1 is the serial, `bind` binds the rest */
	void (*bind)(sqlite3_stmt *st, void *ctx);
	void *ctx;
	const char *event_sql;		/* the history INSERT, as db_event_add takes it */
	const char *event, *detail, *op;
};

/*
 * In one transaction: the next serial of the year, the record and its first event. Returns the
 * serial (caller frees) with *id set, or NULL with err set and nothing written.
 */
char *record_insert(sqlite3 *db, const struct record_insert *r, long long *id, struct zerr *err);

/*
 * The stretch of (day, id) one keyset page reads (the day received, or a log's day): after lo
 * and before hi. Forwards it starts past the anchor or at the first day, whichever is later,
 * and hi is the last day whole (hi_id LLONG_MAX); backwards it ends before the anchor or after
 * the last day, whichever is earlier, and lo is the first day whole (lo_id 0). So page N costs
 * what page 1 does. from, to: 0 for an open end.
 */
struct page_range {
	char lo_day[DATE_BUFSZ], hi_day[DATE_BUFSZ];
	long long lo_id, hi_id;
};

void page_range(zdate from, zdate to, const zdate *anchor_day, long long anchor_id, int backwards,
		struct page_range *r);
/* Binds lo to ?n and ?n+1, hi to ?n+2 and ?n+3, as the PAGE_*_SQL below name them. */
void page_range_bind(sqlite3_stmt *st, int n, const struct page_range *r);

/*
 * A keyset page over an index on (day, id), as two seeks merged in order: the rest of the
 * anchor's day ("day = ? AND id > ?", both columns sought), then the days after it up to the
 * range's end. A row value "(day, id) > (?, ?)" seeks the day alone when id is the rowid, and
 * reads that day's rows up to the anchor: a page would cost more the more rows a day has.
 * `select` is "SELECT ... FROM t WHERE", `filters` the terms both halves add (" AND ..."); lo,
 * lo_id, hi, hi_id and limit name the parameters (page_range_bind); the result has columns
 * named `day` and id. PAGE_AFTER_SQL reads forwards (hi a whole day), PAGE_BEFORE_SQL
 * backwards (lo a whole day), newest first.
 */
#define PAGE_AFTER_SQL(select, day, filters, lo, lo_id, hi, limit) \
	select " " day " = ?" lo " AND id > ?" lo_id " AND " day " <= ?" hi filters \
	" UNION ALL " select " " day " > ?" lo " AND " day " <= ?" hi filters \
	" ORDER BY " day ", id LIMIT ?" limit
#define PAGE_BEFORE_SQL(select, day, filters, lo, hi, hi_id, limit) \
	select " " day " = ?" hi " AND id < ?" hi_id " AND " day " >= ?" lo filters \
	" UNION ALL " select " " day " < ?" hi " AND " day " >= ?" lo filters \
	" ORDER BY " day " DESC, id DESC LIMIT ?" limit

/* Rows read at a time by the registers' *_each walks. */
#define EACH_PAGE 200

#endif
