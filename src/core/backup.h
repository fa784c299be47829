/*
 * backup.h - copies of the database made with SQLite's online backup API while the desk runs,
 * their rotation, their age, and restoring one in place of the database.
 */
#ifndef ZWGK_BACKUP_H
#define ZWGK_BACKUP_H

#include <sqlite3.h>

#include "date.h"
#include "util.h"

/* A backup is named after the minute it was made: zwgk-YYYY-MM-DD-HHMM.db. */
#define BACKUP_NAME_LEN 23

/* 0 when `name` is a backup's name (a real date and time), with its day; -1 otherwise. */
int backup_name_parse(const char *name, zdate *day);

struct backup_result {
	char *path;		/* the backup written */
	long long bytes;	/* its size */
	int restarts;		/* times the copy began again because the database changed meanwhile */
	int replaced;		/* a backup of the same minute was there and is replaced */
	int removed;		/* older backups removed by the rotation */
	int kept;		/* backups in the folder after the rotation */
};

/*
 * Opens the database at `path` as it is, for copying: no migration, which would wait for a
 * write lock that a copy does not need. NULL with err filled when it is missing or no database.
 */
sqlite3 *backup_open_db(const char *path, struct zerr *err);

/*
 * Copies the open database into `dir` (made 0700 when missing) as zwgk-YYYY-MM-DD-HHMM.db of
 * now: page by page, so other instances go on reading and writing, into a temporary file that
 * must pass PRAGMA integrity_check, is fsync'd, mode 0600, then renamed into place. Then keeps
 * the newest `keep` backups of the folder and removes the older ones; no other file is touched.
 * Returns 0, or -1 with err filled; res->path is set once the backup itself is in place (a
 * failed rotation still leaves it).
 */
int backup_make(sqlite3 *db, const char *dir, int keep, struct backup_result *res, struct zerr *err);
void backup_result_free(struct backup_result *res);

/*
 * Removes all but the newest `keep` backups of `dir` (never `spare`, the one just made);
 * anything not named like a backup is left alone. Returns the number removed, or -1.
 */
int backup_rotate(const char *dir, int keep, const char *spare, int *kept, struct zerr *err);

/* The newest backup in `dir`: 1 with its name (caller frees) and day, 0 when there is none. */
int backup_newest(const char *dir, char **name, zdate *day);

/* Days since the newest backup of `dir` (0 = today), or -1 when there is none. */
int backup_age_days(const char *dir, zdate today);

/* What `zwgk restore` finds about a file and the current database. */
enum restore_current { RESTORE_NO_DB, RESTORE_LIVE, RESTORE_DAMAGED };

struct restore_plan {
	int version;		/* the file's schema version */
	long long bytes;	/* its size */
	int current;		/* enum restore_current: what is at the database's path now */
	char *aside;		/* where the current database (or a stale -wal) is kept */
	int version_after;	/* after a restore: the schema version, upgraded when it was older */
};

/*
 * Checks that `file` can replace the database at `db_path`: an SQLite database of this program
 * that passes PRAGMA integrity_check and whose schema is not newer than the binary; that it is
 * not the database itself; and, when the database is in use, that no other instance is writing
 * to it. Fills plan (with the name the current database would be kept under). Nothing is changed.
 */
int backup_restore_plan(const char *db_path, const char *file, struct restore_plan *plan, struct zerr *err);

/*
 * Carries out the plan: the current database is kept aside (a consistent copy made with the
 * backup API, or the damaged file itself moved), then the file replaces it: through SQLite into
 * the live database in one transaction (so an instance that has it open sees the restored data
 * at its next read), or, when there is no usable database, as a checked copy renamed into place
 * with any stale -wal moved aside first. The schema is then brought up to date.
 */
int backup_restore(const char *db_path, const char *file, struct restore_plan *plan, struct zerr *err);
void backup_plan_free(struct restore_plan *plan);

#endif
