/*
 * backup.c - backups through SQLite's online backup API (never a raw copy of a file that a
 * running desk may be writing), their rotation by name, and restoring one.
 */
#include "backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "fsutil.h"
#include "zhtext.h"

/* Pages copied per step (1 MiB of 4 KiB pages), then a pause so other instances get their turn. */
#define STEP_PAGES 256
#define STEP_PAUSE_MS 10
/* A step that finds the database locked is tried again, for about ten seconds in all. */
#define BUSY_PAUSE_MS 50
#define BUSY_TRIES 200
/*
 * A copy that another instance's writes keep sending back to the start is finished in one step
 * after this many restarts; with WAL that one step only reads, so it blocks no writer either.
 */
#define MAX_RESTARTS 3
/* How long restore waits for another instance's write to end before it refuses. */
#define RESTORE_LOCK_MS 2000

static void pause_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int all_digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int backup_name_parse(const char *name, zdate *day)
{
	char ymd[DATE_BUFSZ];
	int hh, mm;
	zdate d;

	/* zwgk-YYYY-MM-DD-HHMM.db */
	if (strlen(name) != BACKUP_NAME_LEN || strncmp(name, "zwgk-", 5) != 0 || name[15] != '-' ||
	    strcmp(name + 20, ".db") != 0 || !all_digits(name + 16, 4))
		return -1;
	memcpy(ymd, name + 5, 10);
	ymd[10] = '\0';
	if (date_parse(ymd, &d) != 0)
		return -1;
	hh = (name[16] - '0') * 10 + (name[17] - '0');
	mm = (name[18] - '0') * 10 + (name[19] - '0');
	if (hh > 23 || mm > 59)
		return -1;
	if (day)
		*day = d;
	return 0;
}

/* The regular files of dir named like backups, newest first (the names sort by time). */
static int list_backups(const char *dir, char ***names, struct zerr *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	int n = 0;

	*names = NULL;
	if (!d) {
		if (errno == ENOENT)
			return 0;
		zerr_set(err, _("cannot read the folder %s: %s"), dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		char *path;
		struct stat st;
		int regular;

		if (backup_name_parse(e->d_name, NULL) != 0)
			continue;
		path = fs_join(dir, e->d_name);
		regular = lstat(path, &st) == 0 && S_ISREG(st.st_mode);
		free(path);
		if (!regular)
			continue;
		v = xrealloc(v, sizeof *v * (size_t)(n + 2));
		v[n++] = xstrdup(e->d_name);
		v[n] = NULL;
	}
	closedir(d);
	/* Newest first: a simple insertion sort, the folder holds a few dozen at most. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && strcmp(v[j - 1], v[j]) < 0; j--) {
			char *t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	*names = v;
	return n;
}

int backup_rotate(const char *dir, int keep, const char *spare, int *kept, struct zerr *err)
{
	char **names;
	int n = list_backups(dir, &names, err), removed = 0, left;

	if (n < 0)
		return -1;
	/* The backup just made counts first, even when the clock had gone back and others look newer. */
	left = spare && backup_name_parse(spare, NULL) == 0 ? keep - 1 : keep;
	for (int i = 0; i < n; i++) {
		char *path;

		if (spare && strcmp(names[i], spare) == 0)
			continue;
		if (left > 0) {
			left--;
			continue;
		}
		path = fs_join(dir, names[i]);
		if (unlink(path) != 0 && errno != ENOENT) {
			zerr_set(err, _("cannot remove the old backup %s: %s"), path, strerror(errno));
			free(path);
			strv_free(names);
			return -1;
		}
		free(path);
		removed++;
	}
	if (kept)
		*kept = n - removed;
	strv_free(names);
	return removed;
}

int backup_newest(const char *dir, char **name, zdate *day)
{
	struct zerr ignored = ZERR_INIT;
	char **names;
	int n = list_backups(dir, &names, &ignored);

	if (n <= 0)
		return 0;
	backup_name_parse(names[0], day);
	if (name)
		*name = xstrdup(names[0]);
	strv_free(names);
	return 1;
}

int backup_age_days(const char *dir, zdate today)
{
	zdate day;

	if (!backup_newest(dir, NULL, &day))
		return -1;
	/* A backup named after a later day (the clock was wrong) is as good as today's. */
	return today > day ? today - day : 0;
}

/*
 * Copies src into dst page by page. A step that finds a lock is retried; one that finds the
 * source changed by another instance begins again (SQLite does that), and after MAX_RESTARTS
 * the rest goes in one step.
 */
static int copy_pages(sqlite3 *dst, sqlite3 *src, int *restarts, struct zerr *err)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc, busy = 0, pages = STEP_PAGES, last_done = 0;

	if (!b) {
		db_error(dst, err);
		return -1;
	}
	*restarts = 0;
	for (;;) {
		rc = sqlite3_backup_step(b, pages) & 0xff;
		if (rc == SQLITE_DONE)
			break;
		if (rc == SQLITE_OK) {
			int done = sqlite3_backup_pagecount(b) - sqlite3_backup_remaining(b);

			if (done < last_done && ++*restarts >= MAX_RESTARTS)
				pages = -1;
			last_done = done;
			busy = 0;
			pause_ms(STEP_PAUSE_MS);
			continue;
		}
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busy <= BUSY_TRIES) {
			pause_ms(BUSY_PAUSE_MS);
			continue;
		}
		break;
	}
	if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE) {
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			zerr_set(err, _("the database stayed locked by another zwgk for %d seconds; try again later"),
				 BUSY_TRIES * BUSY_PAUSE_MS / 1000);
		else
			db_error(dst, err);
		return -1;
	}
	return 0;
}

/* Removes a temporary copy and whatever SQLite made beside it. */
static void remove_copy(const char *tmp)
{
	static const char *const sides[] = { "", "-journal", "-wal", "-shm" };

	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		char *p = xasprintf("%s%s", tmp, sides[i]);

		unlink(p);
		free(p);
	}
}

static void fsync_dir_of(const char *path)
{
	char *dir = fs_dirname(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/*
 * Copies src into a new temporary file beside `final` (mode 0600): one self-contained file
 * (rollback journal, no -wal), checked with PRAGMA integrity_check when `check` is set, and
 * fsync'd. Returns the temporary name, or NULL with err filled and nothing left behind.
 */
static char *copy_to_temp(sqlite3 *src, const char *final, int check, int *restarts, struct zerr *err)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", final);
	int fd = mkstemp(tmp), rc;
	sqlite3 *dst = NULL;

	if (fd < 0 || fchmod(fd, 0600) != 0) {
		zerr_set(err, _("cannot create %s: %s"), tmp, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return NULL;
	}
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		zerr_set(err, _("cannot open %s: %s"), tmp, dst ? sqlite3_errmsg(dst) : "?");
		goto fail;
	}
	sqlite3_extended_result_codes(dst, 0);
	/* The check reads the knowledge base's index, which needs the program's tokenizer. */
	if (zh_fts5_register(dst, err) != 0 || copy_pages(dst, src, restarts, err) != 0)
		goto fail;
	/* The pages carry the source's WAL mark: make the copy one file that can go on a USB stick. */
	if (db_exec(dst, "PRAGMA journal_mode = DELETE", err) != 0)
		goto fail;
	if (check && db_integrity(dst, err) != 0) {
		char msg[sizeof err->msg];

		snprintf(msg, sizeof msg, "%s", err->msg);
		zerr_set(err, _("the copy failed its integrity check (%s); nothing was kept"), msg);
		goto fail;
	}
	rc = sqlite3_close(dst);
	dst = NULL;
	if (rc != SQLITE_OK) {
		zerr_set(err, _("cannot finish %s: %s"), tmp, sqlite3_errstr(rc));
		goto fail;
	}
	/* Only now, with SQLite's handle closed: closing our descriptor earlier would drop its locks. */
	if (fsync(fd) != 0) {
		zerr_set(err, _("cannot write %s: %s"), tmp, strerror(errno));
		goto fail;
	}
	close(fd);
	return tmp;
fail:
	sqlite3_close(dst);
	close(fd);
	remove_copy(tmp);
	free(tmp);
	return NULL;
}

static int commit_copy(char *tmp, const char *final, struct zerr *err)
{
	if (rename(tmp, final) != 0) {
		zerr_set(err, _("cannot put %s in place: %s"), final, strerror(errno));
		remove_copy(tmp);
		return -1;
	}
	fsync_dir_of(final);
	return 0;
}

/* Writes a consistent copy of src at `final`, atomically (temporary file, fsync, rename). */
static int copy_db(sqlite3 *src, const char *final, int check, int *restarts, struct zerr *err)
{
	char *tmp = copy_to_temp(src, final, check, restarts, err);
	int rc;

	if (!tmp)
		return -1;
	rc = commit_copy(tmp, final, err);
	free(tmp);
	return rc;
}

int backup_make(sqlite3 *db, const char *dir, int keep, struct backup_result *res, struct zerr *err)
{
	char now[20], name[BACKUP_NAME_LEN + 1];
	struct stat st;
	int removed;

	memset(res, 0, sizeof *res);
	if (fs_exists(dir) && !fs_is_dir(dir)) {
		zerr_set(err, _("%s exists and is not a folder"), dir);
		return -1;
	}
	if (fs_mkdir_p(dir, 0700, err) != 0)
		return -1;
	db_now(now);
	snprintf(name, sizeof name, "zwgk-%.10s-%.2s%.2s.db", now, now + 11, now + 14);
	res->path = fs_join(dir, name);
	res->replaced = fs_exists(res->path);
	if (copy_db(db, res->path, 1, &res->restarts, err) != 0) {
		free(res->path);
		res->path = NULL;
		return -1;
	}
	if (stat(res->path, &st) == 0)
		res->bytes = (long long)st.st_size;
	removed = backup_rotate(dir, keep, name, &res->kept, err);
	if (removed < 0)
		return -1;
	res->removed = removed;
	return 0;
}

void backup_result_free(struct backup_result *res)
{
	free(res->path);
	memset(res, 0, sizeof *res);
}

static int has_table(sqlite3 *db, const char *name)
{
	sqlite3_stmt *st = NULL;
	int found = 0;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		found = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return found;
}

/*
 * Opens a file to restore, read-only, after checking what it is: an SQLite database of this
 * program, not newer than it, that passes PRAGMA integrity_check.
 */
static sqlite3 *open_restore_file(const char *file, struct restore_plan *plan, struct zerr *err)
{
	unsigned char hdr[100];
	struct stat st;
	sqlite3 *db = NULL;
	struct zerr e = ZERR_INIT;
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		zerr_set(err, _("cannot read %s: %s"), file, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		zerr_set(err, _("%s is not a file; nothing was changed"), file);
		close(fd);
		return NULL;
	}
	n = read(fd, hdr, sizeof hdr);
	close(fd);
	plan->bytes = (long long)st.st_size;
	if (n < (ssize_t)sizeof hdr || memcmp(hdr, "SQLite format 3", 16) != 0) {
		zerr_set(err, _("%s is not an SQLite database, so not a zwgk backup; nothing was changed"), file);
		return NULL;
	}
	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		zerr_set(err, _("cannot open %s: %s; nothing was changed"), file, db ? sqlite3_errmsg(db) : "?");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db, 0);
	if (zh_fts5_register(db, err) != 0) {
		sqlite3_close(db);
		return NULL;
	}
	plan->version = db_user_version(db);
	if (plan->version < 0) {
		zerr_set(err, _("%s cannot be read as a database (%s); nothing was changed"), file, sqlite3_errmsg(db));
	} else if (plan->version > db_schema_latest()) {
		zerr_set(err, _("%s is from a newer zwgk (schema version %d; this program knows up to %d); restore it with that zwgk. Nothing was changed"),
			 file, plan->version, db_schema_latest());
	} else if (plan->version == 0 || !has_table(db, "meta") || !has_table(db, "unit")) {
		zerr_set(err, _("%s is an SQLite database but not one of zwgk's; nothing was changed"), file);
	} else if (db_integrity(db, &e) != 0) {
		zerr_set(err, _("%s fails the integrity check (%s): it cannot be restored. Nothing was changed"), file, e.msg);
	} else {
		return db;
	}
	sqlite3_close(db);
	return NULL;
}

/*
 * What lies at the database's path: nothing, a database SQLite can open (its schema version in
 * *version), or a damaged file.
 */
static int current_state(const char *db_path, int *version)
{
	unsigned char hdr[100];
	int fd = open(db_path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	*version = 0;
	if (fd < 0)
		return errno == ENOENT ? RESTORE_NO_DB : RESTORE_LIVE;
	n = read(fd, hdr, sizeof hdr);
	close(fd);
	/* Empty or not SQLite at all (a failed copy): nothing can be read through SQLite. */
	if (n < (ssize_t)sizeof hdr || memcmp(hdr, "SQLite format 3", 16) != 0)
		return RESTORE_DAMAGED;
	*version = (int)((unsigned)hdr[60] << 24 | (unsigned)hdr[61] << 16 | (unsigned)hdr[62] << 8 | hdr[63]);
	return RESTORE_LIVE;
}

/*
 * The database in use, opened as it is: no migration, which needs a write lock and would wait
 * for another instance's writer with db_open's long busy timeout. The caller may set another.
 */
static sqlite3 *open_live(const char *db_path, struct zerr *err)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		zerr_set(err, _("cannot open the database %s: %s"), db_path, db ? sqlite3_errmsg(db) : "?");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db, 0);
	sqlite3_busy_timeout(db, RESTORE_LOCK_MS);
	if (db_exec(db, "PRAGMA synchronous = FULL", err) != 0) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* db.before-restore-YYYY-MM-DD-HHMMSS, with -2, -3 ... when that name is taken. */
static char *aside_name(const char *db_path)
{
	char now[20], stamp[20];

	db_now(now);
	snprintf(stamp, sizeof stamp, "%.10s-%.2s%.2s%.2s", now, now + 11, now + 14, now + 17);
	for (int i = 1;; i++) {
		char *p = i == 1 ? xasprintf("%s.before-restore-%s", db_path, stamp)
				 : xasprintf("%s.before-restore-%s-%d", db_path, stamp, i);
		char *wal = xasprintf("%s-wal", p);
		int taken = fs_exists(p) || fs_exists(wal);

		free(wal);
		if (!taken)
			return p;
		free(p);
	}
}

/* Whether another instance is writing: a write transaction that cannot start in time. */
static int refuse_writer(sqlite3 *live, const char *db_path, struct zerr *err)
{
	if (sqlite3_exec(live, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		int code = sqlite3_errcode(live) & 0xff;

		if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
			zerr_set(err, _("another zwgk is writing to %s (the desk saving, or a command such as portal sync); let it finish or close it, then try again. Nothing was changed"),
				 db_path);
		else
			db_error(live, err);
		return -1;
	}
	db_rollback(live);
	return 0;
}

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int backup_restore_plan(const char *db_path, const char *file, struct restore_plan *plan, struct zerr *err)
{
	sqlite3 *src, *live;
	int rc = 0, live_version;

	memset(plan, 0, sizeof *plan);
	if (same_file(file, db_path)) {
		zerr_set(err, _("%s is the database itself; give a backup to restore"), file);
		return -1;
	}
	src = open_restore_file(file, plan, err);
	if (!src)
		return -1;
	sqlite3_close(src);
	plan->current = current_state(db_path, &live_version);
	if (live_version > db_schema_latest()) {
		zerr_set(err, _("the database %s is from a newer zwgk (schema version %d; this program knows up to %d); restore with that zwgk. Nothing was changed"),
			 db_path, live_version, db_schema_latest());
		return -1;
	}
	if (plan->current == RESTORE_LIVE) {
		live = open_live(db_path, err);
		if (!live)
			return -1;
		rc = refuse_writer(live, db_path, err);
		sqlite3_close(live);
	}
	if (rc == 0)
		plan->aside = aside_name(db_path);
	return rc;
}

/* Moves a file aside when it exists; 0 when done or there was nothing to move. */
static int move_aside(const char *from, const char *to, struct zerr *err)
{
	if (rename(from, to) != 0 && errno != ENOENT) {
		zerr_set(err, _("cannot move %s aside: %s"), from, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * No usable database: the file goes to a checked temporary copy beside it first; then the
 * damaged file and any -wal (which would otherwise be replayed onto the new file) are moved
 * aside, the -shm removed, and the copy renamed into place.
 */
static int restore_by_file(const char *db_path, sqlite3 *src, struct restore_plan *plan, struct zerr *err)
{
	char *wal = xasprintf("%s-wal", db_path), *shm = xasprintf("%s-shm", db_path);
	char *aside_wal = xasprintf("%s-wal", plan->aside);
	int restarts, rc = -1;
	char *tmp = copy_to_temp(src, db_path, 1, &restarts, err);

	if (!tmp)
		goto out;
	if ((plan->current == RESTORE_DAMAGED && move_aside(db_path, plan->aside, err) != 0) ||
	    move_aside(wal, aside_wal, err) != 0) {
		remove_copy(tmp);
		goto out;
	}
	if (unlink(shm) != 0 && errno != ENOENT) {
		zerr_set(err, _("cannot remove %s: %s"), shm, strerror(errno));
		remove_copy(tmp);
		goto out;
	}
	/* What was kept is as private as the database it was. */
	chmod(plan->aside, 0600);
	chmod(aside_wal, 0600);
	rc = commit_copy(tmp, db_path, err);
out:
	free(tmp);
	free(wal);
	free(shm);
	free(aside_wal);
	return rc;
}

/* The database in use: kept aside as a copy, then overwritten through SQLite in one transaction. */
static int restore_live(const char *db_path, sqlite3 *src, struct restore_plan *plan, struct zerr *err)
{
	sqlite3 *live = open_live(db_path, err);
	int restarts, rc;

	if (!live)
		return -1;
	if (refuse_writer(live, db_path, err) != 0 || copy_db(live, plan->aside, 0, &restarts, err) != 0) {
		sqlite3_close(live);
		return -1;
	}
	rc = copy_pages(live, src, &restarts, err);
	if (rc == 0) {
		/* Fold the restored pages into the file now; another reader may hold it back, which is harmless. */
		sqlite3_exec(live, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	}
	sqlite3_close(live);
	return rc;
}

int backup_restore(const char *db_path, const char *file, struct restore_plan *plan, struct zerr *err)
{
	sqlite3 *src = open_restore_file(file, plan, err), *db;
	int rc;

	if (!src)
		return -1;
	rc = plan->current == RESTORE_LIVE ? restore_live(db_path, src, plan, err) : restore_by_file(db_path, src, plan, err);
	sqlite3_close(src);
	if (rc != 0)
		return -1;
	/* Opened as every command opens it: an older backup's schema is brought up to date now. */
	if (db_open(&db, db_path, DB_MUST_EXIST, err) != 0)
		return -1;
	plan->version_after = db_user_version(db);
	rc = db_integrity(db, err);
	db_close(db);
	if (rc != 0) {
		char msg[sizeof err->msg];

		snprintf(msg, sizeof msg, "%s", err->msg);
		zerr_set(err, _("the restored database fails the integrity check (%s); the one before is kept as %s"), msg,
			 plan->aside ? plan->aside : "-");
	}
	return rc;
}

void backup_plan_free(struct restore_plan *plan)
{
	free(plan->aside);
	memset(plan, 0, sizeof *plan);
}

sqlite3 *backup_open_db(const char *path, struct zerr *err)
{
	int version, state = current_state(path, &version);
	sqlite3 *db;

	if (state == RESTORE_NO_DB) {
		zerr_set(err, _("the database %s does not exist; create a site with: zwgk init DIR"), path);
		return NULL;
	}
	if (state == RESTORE_DAMAGED) {
		zerr_set(err, _("the database %s is empty or not an SQLite file: there is nothing to back up; restore it from the backups folder with zwgk restore"),
			 path);
		return NULL;
	}
	db = open_live(path, err);
	if (db)
		sqlite3_busy_timeout(db, 5000);
	return db;
}
