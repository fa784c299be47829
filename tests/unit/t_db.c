/* t_db.c - opening, pragmas, migrations, refusing newer or foreign files without writing. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "fsutil.h"
#include "t.h"

static long long pragma_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char *pragma_text(sqlite3 *db, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *st = NULL;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

static void test_memory_migrates(void)
{
	sqlite3 *db;
	struct zerr err = ZERR_INIT;

	CHECK_INT(db_open(&db, ":memory:", DB_MUST_EXIST, &err), 0);
	CHECK_INT(db_user_version(db), db_schema_latest());
	CHECK_INT(pragma_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'unit'"), 1);
	CHECK_INT(pragma_int(db, "PRAGMA foreign_keys"), 1);
	CHECK_INT(pragma_int(db, "PRAGMA synchronous"), 2);
	CHECK_INT(db_integrity(db, &err), 0);
	db_close(db);
}

static void test_file_created_private(void)
{
	char *path = fs_join(t_tmpdir(), "zwgk.db");
	struct zerr err = ZERR_INIT;
	struct stat st;
	sqlite3 *db;
	char buf[32];

	CHECK_INT(db_open(&db, path, DB_MUST_EXIST, &err), -1);
	CHECK_CONTAINS(err.msg, "does not exist");
	CHECK(!fs_exists(path));
	CHECK_INT(db_open(&db, path, DB_CREATE, &err), 0);
	CHECK_STR(pragma_text(db, "PRAGMA journal_mode", buf, sizeof buf), "wal");
	CHECK_INT(pragma_int(db, "PRAGMA synchronous"), 2);
	CHECK_INT(pragma_int(db, "PRAGMA busy_timeout"), 5000);
	db_close(db);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	/* Opening again does not migrate twice. */
	CHECK_INT(db_open(&db, path, DB_MUST_EXIST, &err), 0);
	CHECK_INT(db_user_version(db), db_schema_latest());
	db_close(db);
	free(path);
}

static void test_newer_refused_untouched(void)
{
	char *path = fs_join(t_tmpdir(), "new.db"), *wal = xasprintf("%s-wal", path);
	struct zerr err = ZERR_INIT;
	sqlite3 *db;
	size_t len1, len2;
	char *before, *after;

	CHECK_INT(db_open(&db, path, DB_CREATE, &err), 0);
	CHECK_INT(db_exec(db, "PRAGMA user_version = 99", &err), 0);
	CHECK_INT(db_exec(db, "PRAGMA journal_mode = DELETE", &err), 0);
	db_close(db);
	before = fs_read_file(path, 1 << 24, &len1, &err);
	CHECK_INT(db_open(&db, path, DB_MUST_EXIST, &err), -1);
	CHECK_CONTAINS(err.msg, "newer zwgk (schema version 99");
	after = fs_read_file(path, 1 << 24, &len2, &err);
	CHECK(before && after && len1 == len2 && memcmp(before, after, len1) == 0);
	CHECK(!fs_exists(wal));
	free(before);
	free(after);
	free(wal);
	free(path);
}

static void test_not_a_database(void)
{
	char *path = fs_join(t_tmpdir(), "notes.db");
	struct zerr err = ZERR_INIT;
	const char *text = "这不是数据库，只是一个文本文件。这不是数据库，只是一个文本文件。这不是数据库，只是一个文本文件。\n";
	sqlite3 *db;

	CHECK_INT(fs_write_atomic(path, text, strlen(text), 0600, &err), 0);
	CHECK_INT(db_open(&db, path, DB_MUST_EXIST, &err), -1);
	CHECK_CONTAINS(err.msg, "not a zwgk database");
	free(path);
}

static void test_atomic_write(void)
{
	char *path = fs_join(t_tmpdir(), "out.csv");
	struct zerr err = ZERR_INIT;
	struct stat st;
	size_t len;
	char *back;

	CHECK_INT(fs_write_atomic(path, "old\n", 4, 0600, &err), 0);
	CHECK_INT(fs_write_atomic(path, "new\n", 4, 0600, &err), 0);
	back = fs_read_file(path, 100, &len, &err);
	CHECK_STR(back, "new\n");
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	free(back);
	CHECK_INT(fs_write_atomic("/nonexistent/dir/out.csv", "x", 1, 0600, &err), -1);
	CHECK_CONTAINS(err.msg, "/nonexistent/dir/out.csv");
	free(path);
}

/* A change is seen whoever made it, and nothing is seen when nothing was written. */
static void test_changed_since(void)
{
	char *path = fs_join(t_tmpdir(), "marks.db");
	struct zerr err = ZERR_INIT;
	struct db_mark m = { 0, 0, 0 };
	sqlite3 *db, *other;

	CHECK_INT(db_open(&db, path, DB_CREATE, &err), 0);
	CHECK_INT(db_open(&other, path, DB_MUST_EXIST, &err), 0);
	CHECK_INT(db_changed_since(db, &m), 1);
	CHECK_INT(db_changed_since(db, &m), 0);
	CHECK_INT(db_exec(db, "INSERT INTO meta (key, value) VALUES ('a', '1')", &err), 0);
	CHECK_INT(db_changed_since(db, &m), 1);
	CHECK_INT(db_changed_since(db, &m), 0);
	CHECK_INT(db_exec(other, "INSERT INTO meta (key, value) VALUES ('b', '2')", &err), 0);
	CHECK_INT(db_changed_since(db, &m), 1);
	CHECK_INT(db_changed_since(db, &m), 0);
	db_close(other);
	db_close(db);
	free(path);
}

T_SUITE(db_tests) = {
	{ "db: in-memory database migrates with safe pragmas", test_memory_migrates },
	{ "db: file database is created 0600 in WAL mode", test_file_created_private },
	{ "db: a newer database is refused and left untouched", test_newer_refused_untouched },
	{ "db: a file that is not a database is refused", test_not_a_database },
	{ "fs: atomic writes replace whole files, mode 0600", test_atomic_write },
	{ "db: changes seen, whoever made them", test_changed_since },
	T_END
};
