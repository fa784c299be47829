/* unit.h - the unit directory (单位目录): every unit an application or question can go to. */
#ifndef ZWGK_UNIT_H
#define ZWGK_UNIT_H

#include <sqlite3.h>

#include "util.h"

enum unit_kind { UK_COUNTY_GOV, UK_COUNTY_DEPT, UK_TOWNSHIP, UK_VILLAGE, UK_OTHER, UK_COUNT };

/* The fields a clerk edits, in form and CSV order. */
enum unit_field {
	UF_NAME, UF_KIND, UF_TOWNSHIP, UF_PHONE, UF_ADDRESS, UF_POSTCODE, UF_EMAIL, UF_HOURS,
	UF_COUNT
};

struct unit {
	long long id;		/* 0 until saved */
	char *f[UF_COUNT];	/* every field as text; f[UF_KIND] holds the kind code */
	int kind;
	int retired;
	int version;		/* row version: an update must name the version it edited */
	char *updated_at, *updated_by;
};

const char *unit_kind_code(int kind);		/* "county_dept" */
const char *unit_kind_label(int kind);		/* translated: 县级部门 */
/* Accepts a code or the Chinese label; -1 when neither. */
int unit_kind_parse(const char *s);

const char *unit_field_label(int field);	/* translated: 依申请公开电话 */
/* Maximum characters per field, for the form. */
int unit_field_max(int field);

/* The name as lists show it: with "(retired)" after a retired unit's; caller frees. */
char *unit_display_name(const struct unit *u);
void unit_init(struct unit *u);
void unit_free(struct unit *u);
void unit_set(struct unit *u, int field, const char *value);

/* Checks every field; on error err names the field and says what is allowed. */
int unit_validate(struct unit *u, struct zerr *err);

int unit_insert(sqlite3 *db, struct unit *u, const char *op, struct zerr *err);
/* Refused when the row changed since u was read (another window saved it first). */
int unit_update(sqlite3 *db, struct unit *u, const char *op, struct zerr *err);
int unit_set_retired(sqlite3 *db, long long id, int retired, const char *op, struct zerr *err);
int unit_get(sqlite3 *db, long long id, struct unit *u, struct zerr *err);
/* The unit in use with exactly this name; replaces *u (which must be initialised). -1: none. */
int unit_find(sqlite3 *db, const char *name, struct unit *u);

/* A position in the directory's order (kind, name) for keyset paging. */
struct unit_key {
	int kind;
	char *name;
};

/*
 * One page of the directory in (kind, name) order, optionally filtered by a search text that
 * matches name, township or phone. With `after` NULL starts at the top (or, going
 * backwards, at the bottom). Rows come back in display order either way.
 */
int unit_page(sqlite3 *db, const char *filter, const struct unit_key *after, int backwards, int limit,
	      struct unit **rows, int *nrows, struct zerr *err);
void unit_rows_free(struct unit *rows, int n);
/* Calls fn for every unit matching filter (NULL: all), in directory order, a page at a time. */
int unit_each(sqlite3 *db, const char *filter, void (*fn)(void *ctx, const struct unit *u), void *ctx,
	      struct zerr *err);
int unit_count(sqlite3 *db, const char *filter, struct zerr *err);

/*
 * Imports a CSV (header row with column names, UTF-8): new names are added, existing names
 * updated. All or nothing: on any bad row err lists the bad lines and nothing is written.
 */
int unit_import_csv(sqlite3 *db, const char *text, size_t len, const char *op, int *added, int *updated,
		    struct zerr *err);
/* The whole directory as CSV with a header, retired units marked in a last column; caller frees. */
char *unit_export_csv(sqlite3 *db, struct zerr *err);

#endif
