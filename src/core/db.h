/* db.h - the SQLite database: opening with the safety pragmas, migrations, transactions. */
#ifndef ZWGK_DB_H
#define ZWGK_DB_H

#include <sqlite3.h>

#include "date.h"
#include "util.h"

/* The schema version this program writes; PRAGMA user_version holds the database's. */
int db_schema_latest(void);

enum { DB_MUST_EXIST = 0, DB_CREATE = 1 };

/*
 * Opens (or with DB_CREATE creates, mode 0600) the database, sets WAL, synchronous=FULL,
 * foreign keys and a busy timeout, and brings the schema up to date. A database newer than
 * this program is refused. ":memory:" opens a private in-memory database (tests).
 */
int db_open(sqlite3 **out, const char *path, int flags, struct zerr *err);
void db_close(sqlite3 *db);
int db_user_version(sqlite3 *db);

int db_exec(sqlite3 *db, const char *sql, struct zerr *err);
/* BEGIN IMMEDIATE, so a writer waits for the other instance instead of failing at commit. */
int db_begin(sqlite3 *db, struct zerr *err);
int db_commit(sqlite3 *db, struct zerr *err);
void db_rollback(sqlite3 *db);
/* Runs a statement that returns no rows and finalizes it; 0, or -1 with err filled. */
int db_done(sqlite3 *db, sqlite3_stmt *st, struct zerr *err);
/* Prepares a statement or fills err with SQLite's message. */
sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql, struct zerr *err);
/* Fills err with a plain message for a failed step/exec (busy, full disk, read-only...). */
void db_error(sqlite3 *db, struct zerr *err);
/* Runs PRAGMA integrity_check; returns 0 when "ok", else fills err with the first problems. */
int db_integrity(sqlite3 *db, struct zerr *err);
/* Text column, never NULL. */
const char *db_text(sqlite3_stmt *st, int col);
/*
 * A register's history: `insert_sql` is a fixed INSERT with ?1 record id, ?2 time, ?3 day,
 * ?4 operator, ?5 event, ?6 detail; `select_sql` a fixed SELECT of at, day, operator, event,
 * detail for ?1, oldest first.
 */
int db_event_add(sqlite3 *db, const char *insert_sql, long long id, zdate day, const char *op,
		 const char *event, const char *detail, struct zerr *err);
int db_history(sqlite3 *db, const char *select_sql, long long id,
	       void (*fn)(void *ctx, const char *at, const char *day, const char *op, const char *event,
			  const char *detail),
	       void *ctx, struct zerr *err);
/*
 * The rows of a keyset page: steps st (and finalizes it) for at most `limit` rows, each read by
 * `read` into the next `size`-byte row of a new array, in display order when the page was read
 * backwards. On a database error the rows read go to `free_rows` and -1 is returned with err set.
 */
int db_page_rows(sqlite3 *db, sqlite3_stmt *st, int limit, int backwards, size_t size,
		 void (*read)(sqlite3_stmt *st, void *row), void (*free_rows)(void *rows, int n), void **rows, int *n,
		 struct zerr *err);

/* Whether the meta table holds `value` under `key`. */
int db_meta_is(sqlite3 *db, const char *key, const char *value);
/* Stores `value` under `key` in the meta table (within the caller's transaction, if there is one). */
int db_meta_set(sqlite3 *db, const char *key, const char *value, struct zerr *err);

/* PRAGMA data_version: changes when another connection (another zwgk) has changed the database. */
int db_data_version(sqlite3 *db);

/* Where a connection was in the database's changes: other connections' and its own. */
struct db_mark {
	int version;		/* db_data_version */
	long long changes;	/* sqlite3_total_changes64: rows written through this connection */
	int set;
};
/*
 * 1 when the database may have changed since the mark was taken (or it was never taken), and
 * the mark moved to now; 0 when nothing has been written since, by anyone.
 */
int db_changed_since(sqlite3 *db, struct db_mark *m);

/*
 * The page cache of every connection, in KiB. A page of a list needs a few dozen pages, and
 * the operating system keeps the file's pages cached anyway; SQLite's default of 2 MB would be
 * an eighth of the desk's memory, filled by any search of a large knowledge base.
 */
#define DB_CACHE_KIB 512
#define DB_CACHE_KIB_TEXT "512"

/*
 * A report reads each page of a large table once: it needs no more page cache than
 * REPORT_CACHE_KIB, and the sorter of a GROUP BY or ORDER BY holds no more than that in
 * memory before it spills. db_report_begin lowers the cache to it and returns what to give
 * db_report_end afterwards.
 */
#define REPORT_CACHE_KIB 512
int db_report_begin(sqlite3 *db);
void db_report_end(sqlite3 *db, int saved);

/* Current local time as "YYYY-MM-DD HH:MM:SS" for created/updated stamps. */
void db_now(char buf[20]);

#endif
