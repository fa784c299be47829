/*
 * shelf.h - the reading room's shelf catalogue (资料阅览区): what material lies where, which issue
 * or edition, since when; replacing an edition, copies and places, taking an item off the shelf,
 * what is out of date, and the catalogue on paper.
 */
#ifndef ZWGK_SHELF_H
#define ZWGK_SHELF_H

#include <sqlite3.h>

#include "config.h"
#include "date.h"
#include "util.h"

/* The kinds, in the order of shelf_kinds (choice.c) and of the catalogue. */
enum shelf_kind {
	SK_COMPILATION, SK_WORK_REPORT, SK_STATE_GAZETTE, SK_CITY_GAZETTE, SK_RULES, SK_GUIDE,
	SK_STANDARD_CATALOGUE, SK_SERVICE_GUIDE, SK_COUNT
};

struct appl_check;

_Static_assert(SK_COUNT == SHELF_KIND_COUNT, "config.h counts the kinds of shelf material");

/* The fields of an item as the clerk gives them; their keys are the `key=value` names of `shelf add`. */
enum shelf_field { HF_TITLE, HF_KIND, HF_EDITION, HF_POSITION, HF_COPIES, HF_PLACED, HF_TAKE_AWAY, HF_COUNT };

struct shelf_item {
	long long id;		/* 0 until added */
	char *f[HF_COUNT];	/* as typed; validated: kind holds its code, take_away "yes" or "no" */
	int kind, copies, take_away, retired;
	zdate placed;
	int version;		/* row version: a change must name the version it was read at */
	char *created_at, *created_by, *updated_at, *updated_by;
};

const char *shelf_field_key(int field);		/* "edition" */
const char *shelf_field_label(int field);	/* translated: 期次或版次 */
int shelf_field_by_key(const char *key);	/* -1 when unknown */
int shelf_field_max(int field);
const char *shelf_kind_code(int kind);		/* "state_gazette" */
const char *shelf_kind_label(int kind);		/* translated: 国务院公报 */
/* A short label for narrow columns (screen lists): 市政府公报 for 市级政府公报. */
const char *shelf_kind_short(int kind);

/* Days an item of the kind stays current: [shelf] refresh_KIND. */
int shelf_interval(const struct config *cfg, int kind);
/* The last day the item is current (placed + interval); out of date from the day after. */
zdate shelf_due(const struct config *cfg, const struct shelf_item *it);
int shelf_stale(const struct config *cfg, const struct shelf_item *it, zdate today);
/* The item's state in a sentence: current until when, out of date since when, or taken off; caller frees. */
char *shelf_state_text(const struct config *cfg, const struct shelf_item *it, zdate today);

void shelf_init(struct shelf_item *it);
void shelf_free(struct shelf_item *it);
void shelf_set(struct shelf_item *it, int field, const char *value);

/*
 * Checks what the clerk gave (title, kind, edition and position required; copies 1-999; placed
 * a date, not in the future, today when empty; take-away only for 办事指南, which it is by
 * default) and fills the numeric members. Problems are tied to fields. Returns the errors.
 */
int shelf_validate(struct shelf_item *it, zdate today, struct appl_check *c);
/*
 * Validates into c and adds the item with its first history event, in one transaction. An item
 * of the same title and kind already on the shelf is refused: its edition is to be replaced.
 */
int shelf_add(sqlite3 *db, struct shelf_item *it, zdate today, const char *op, struct appl_check *c,
	      struct zerr *err);
int shelf_get(sqlite3 *db, long long id, struct shelf_item *it, struct zerr *err);
/*
 * A new issue or edition in place of the one on the shelf: the placed day starts again
 * (`placed`, not in the future, not before the old one), copies change when `copies` > 0. The
 * previous edition stays in the history.
 */
int shelf_replace(sqlite3 *db, struct shelf_item *it, const char *edition, zdate placed, int copies, zdate today,
		  const char *op, struct zerr *err);
/* Changes the copies (when > 0) and the position (when not NULL); one history event each, on `today`. */
int shelf_change(sqlite3 *db, struct shelf_item *it, int copies, const char *position, zdate today, const char *op,
		 struct zerr *err);
/* Takes the item off the shelf for good (kept in the records with its history). */
int shelf_retire(sqlite3 *db, struct shelf_item *it, zdate today, const char *op, struct zerr *err);
/* Parses a number of copies ("1" to "999"); -1 when it is not one. */
int shelf_parse_copies(const char *s);

/* Which items a listing holds. */
struct shelf_filter {
	int stale;			/* only those out of date on `today` */
	int retired;			/* those taken off the shelf too */
	zdate today;
	const struct config *cfg;	/* the intervals */
};

/*
 * One page in catalogue order (kind, position, title, id), after `after` (before it when
 * `backwards`), from the top (or bottom) when NULL; rows in display order either way.
 */
int shelf_page(sqlite3 *db, const struct shelf_filter *f, const struct shelf_item *after, int backwards, int limit,
	       struct shelf_item **rows, int *n, struct zerr *err);
void shelf_rows_free(struct shelf_item *rows, int n);
/* Calls fn for every item of the filter in catalogue order, a page at a time; stops at fn's non-zero. */
int shelf_each(sqlite3 *db, const struct shelf_filter *f, int (*fn)(void *ctx, const struct shelf_item *it),
	       void *ctx, struct zerr *err);
int shelf_count(sqlite3 *db, const struct shelf_filter *f, struct zerr *err);
int shelf_history(sqlite3 *db, long long id,
		  void (*fn)(void *ctx, const char *at, const char *day, const char *op, const char *event,
			     const char *detail),
		  void *ctx, struct zerr *err);
/* A history event and its detail in the user's language ("replaced"; "2026年第4期 (placed ...) → ..."). */
const char *shelf_event_label(const char *event);
char *shelf_event_detail(const char *event, const char *detail);

/*
 * The catalogue for the reading room: the items on the shelf grouped by kind, A4 portrait
 * pages headed with the site's name, numbered; caller frees.
 */
char *shelf_catalogue(sqlite3 *db, const struct config *cfg, zdate today, struct zerr *err);
/* Prints the catalogue through the desk's printer and logs the print; *pages gets its pages. */
int shelf_catalogue_print(sqlite3 *db, const struct config *cfg, const char *op, int *pages, char **job,
			  struct zerr *err);

/* A few items for the demo site, placed some days before `today` (some of them out of date). */
int shelf_add_demo(sqlite3 *db, zdate today, const char *op, struct zerr *err);

#endif
