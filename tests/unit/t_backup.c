/* t_backup.c - backups: their names, the copy, rotation, age, restore and its refusals. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup.h"
#include "db.h"
#include "fsutil.h"
#include "t.h"

static void test_backup_names(void)
{
	static const char *const good[] = { "zwgk-2026-03-09-1000.db", "zwgk-2024-02-29-2359.db", "zwgk-2026-01-01-0000.db" };
	static const char *const bad[] = {
		"zwgk-2026-02-30-1000.db", "zwgk-2026-03-09-2400.db", "zwgk-2026-03-09-1060.db", "zwgk-2026-03-09-100.db",
		"zwgk-2026-03-09-1000.db.tmp.x", "zwgk-before-upgrade.db", "Zwgk-2026-03-09-1000.db", "zwgk-2026-03-09_1000.db",
		"zwgk-2026-3-09-10000.db", "zwgk.db", "",
	};
	zdate day;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		CHECK_INT(backup_name_parse(good[i], &day), 0);
	backup_name_parse(good[0], &day);
	CHECK_INT(day, date_from_ymd(2026, 3, 9));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK_INT(backup_name_parse(bad[i], NULL), -1);
}

static void touch(const char *dir, const char *name)
{
	char *p = fs_join(dir, name);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd >= 0)
		close(fd);
	free(p);
}

static int exists_in(const char *dir, const char *name)
{
	char *p = fs_join(dir, name);
	int e = fs_exists(p);

	free(p);
	return e;
}

static void test_backup_rotate_and_age(void)
{
	struct zerr err = ZERR_INIT;
	char *dir = fs_join(t_tmpdir(), "rot");
	int kept = -1;

	CHECK_INT(backup_age_days(dir, date_from_ymd(2026, 3, 9)), -1);
	CHECK_INT(fs_mkdir_p(dir, 0700, &err), 0);
	touch(dir, "zwgk-2026-03-01-0200.db");
	touch(dir, "zwgk-2026-03-02-0200.db");
	touch(dir, "zwgk-2026-03-03-0200.db");
	touch(dir, "zwgk-2026-03-03-0100.db");
	touch(dir, "notes.txt");
	CHECK_INT(backup_age_days(dir, date_from_ymd(2026, 3, 9)), 6);
	/* A backup named after a later day (a wrong clock) counts as today's. */
	CHECK_INT(backup_age_days(dir, date_from_ymd(2026, 3, 1)), 0);
	/* The one just made stays even when its name sorts first (the clock went back). */
	CHECK_INT(backup_rotate(dir, 2, "zwgk-2026-03-01-0200.db", &kept, &err), 2);
	CHECK_INT(kept, 2);
	CHECK(exists_in(dir, "zwgk-2026-03-01-0200.db"));
	CHECK(exists_in(dir, "zwgk-2026-03-03-0200.db"));
	CHECK(!exists_in(dir, "zwgk-2026-03-03-0100.db"));
	CHECK(!exists_in(dir, "zwgk-2026-03-02-0200.db"));
	CHECK(exists_in(dir, "notes.txt"));
	free(dir);
}

static int count_rows(const char *path)
{
	sqlite3 *db;
	struct zerr err = ZERR_INIT;
	sqlite3_stmt *st;
	int n = -1;

	if (db_open(&db, path, DB_MUST_EXIST, &err) != 0)
		return -1;
	st = db_prepare(db, "SELECT count(*) FROM meta", &err);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	db_close(db);
	return n;
}

static void test_backup_and_restore(void)
{
	struct zerr err = ZERR_INIT;
	char *path = fs_join(t_tmpdir(), "b.db"), *dir = fs_join(t_tmpdir(), "b-backups"), *text;
	struct backup_result res;
	struct restore_plan plan;
	struct stat st;
	sqlite3 *db;

	setenv("ZWGK_NOW", "2026-03-09 10:00:00", 1);
	CHECK_INT(db_open(&db, path, DB_CREATE, &err), 0);
	CHECK_INT(db_exec(db, "INSERT INTO meta (key, value) VALUES ('a', '1')", &err), 0);
	CHECK_INT(backup_make(db, dir, 3, &res, &err), 0);
	CHECK_CONTAINS(res.path, "b-backups/zwgk-2026-03-09-1000.db");
	CHECK(stat(res.path, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK_INT(res.kept, 1);
	CHECK_INT(db_exec(db, "INSERT INTO meta (key, value) VALUES ('b', '2')", &err), 0);
	db_close(db);

	CHECK_INT(backup_restore_plan(path, res.path, &plan, &err), 0);
	CHECK_INT(plan.current, RESTORE_LIVE);
	CHECK_INT(plan.version, db_schema_latest());
	CHECK_CONTAINS(plan.aside, "b.db.before-restore-2026-03-09-100000");
	CHECK_INT(backup_restore(path, res.path, &plan, &err), 0);
	CHECK_INT(count_rows(path), 1);
	CHECK_INT(count_rows(plan.aside), 2);
	backup_plan_free(&plan);

	/* Refused: the database itself, and a file that is not SQLite. */
	CHECK_INT(backup_restore_plan(path, path, &plan, &err), -1);
	CHECK_CONTAINS(err.msg, "the database itself");
	backup_plan_free(&plan);
	text = fs_join(t_tmpdir(), "b.txt");
	CHECK_INT(fs_write_atomic(text, "hello\n", 6, 0600, &err), 0);
	CHECK_INT(backup_restore_plan(path, text, &plan, &err), -1);
	CHECK_CONTAINS(err.msg, "not an SQLite database");
	backup_plan_free(&plan);
	backup_result_free(&res);
	unsetenv("ZWGK_NOW");
	free(text);
	free(path);
	free(dir);
}

T_SUITE(backup_tests) = {
	{ "backup names", test_backup_names },
	{ "backup rotation and age", test_backup_rotate_and_age },
	{ "backup and restore", test_backup_and_restore },
	T_END
};
