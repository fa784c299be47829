/*
 * audit.h - the audit trail (who added or changed what, and when), kept by triggers on the
 * registers, the knowledge base, the unit directory and the shelf; never changed afterwards.
 */
#ifndef ZWGK_AUDIT_H
#define ZWGK_AUDIT_H

#include <sqlite3.h>

#include "util.h"

/* One line of the trail; the strings belong to the walk and last until fn returns. */
struct audit_row {
	long long id;
	const char *at, *operator, *table, *record, *action;
	const char *changes;	/* "field: value" lines (insert) or "field: old -> new" lines (update) */
};

/* The triggers that write the trail (schema migration 9 runs them); caller frees. */
char *audit_triggers_sql(void);
/* A watched table's name for people (申请, 意见建议 …); unknown names come back as they are. */
const char *audit_table_label(const char *table);
/*
 * Calls fn for each line of the trail, oldest first, or only those of one record (a serial, a
 * code, a unit's name, a shelf item's number). A non-zero return from fn stops the walk and is
 * returned; -1 with err set on a database error.
 */
int audit_each(sqlite3 *db, const char *record, int (*fn)(void *ctx, const struct audit_row *r), void *ctx,
	       struct zerr *err);

#endif
