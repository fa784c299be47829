/* t_unit.c - the unit directory: validation, row versions, keyset paging, CSV import/export. */
#include <stdlib.h>

#include "db.h"
#include "fsutil.h"
#include "t.h"
#include "unit.h"

static sqlite3 *open_db(void)
{
	sqlite3 *db = NULL;
	struct zerr err = ZERR_INIT;

	CHECK_INT(db_open(&db, ":memory:", DB_MUST_EXIST, &err), 0);
	return db;
}

static void make(struct unit *u, const char *name, const char *kind, const char *phone)
{
	unit_init(u);
	unit_set(u, UF_NAME, name);
	unit_set(u, UF_KIND, kind);
	unit_set(u, UF_PHONE, phone);
}

static void test_insert_validate(void)
{
	sqlite3 *db = open_db();
	struct zerr err = ZERR_INIT;
	struct unit u, back;

	make(&u, "巫山县民政局", "县级部门", "023-57681234");
	CHECK_INT(unit_insert(db, &u, "张敏", &err), 0);
	CHECK(u.id > 0);
	CHECK_INT(unit_get(db, u.id, &back, &err), 0);
	CHECK_STR(back.f[UF_KIND], "county_dept");
	CHECK_STR(back.updated_by, "张敏");
	unit_free(&back);
	unit_free(&u);

	make(&u, "巫山县民政局", "county_dept", "");
	CHECK_INT(unit_insert(db, &u, "张敏", &err), -1);
	CHECK_CONTAINS(err.msg, "already in the directory");
	CHECK_INT(err.field, UF_NAME);
	unit_free(&u);

	make(&u, "某村", "village", "");
	CHECK_INT(unit_insert(db, &u, "张敏", &err), -1);
	CHECK_INT(err.field, UF_TOWNSHIP);
	unit_free(&u);

	make(&u, "巫山县财政局", "county_dept", "5768");
	CHECK_INT(unit_insert(db, &u, "张敏", &err), -1);
	CHECK_INT(err.field, UF_PHONE);
	CHECK_CONTAINS(err.msg, "is not a phone number");
	unit_set(&u, UF_PHONE, "023-57681111/13812345678");
	unit_set(&u, UF_POSTCODE, "40470");
	CHECK_INT(unit_insert(db, &u, "张敏", &err), -1);
	CHECK_INT(err.field, UF_POSTCODE);
	unit_set(&u, UF_POSTCODE, "404700");
	unit_set(&u, UF_EMAIL, "not-an-address");
	CHECK_INT(unit_insert(db, &u, "张敏", &err), -1);
	CHECK_INT(err.field, UF_EMAIL);
	unit_set(&u, UF_EMAIL, "czj@example.org");
	unit_set(&u, UF_HOURS, "9:00\x1b[2J");
	CHECK_INT(unit_insert(db, &u, "张敏", &err), -1);
	CHECK_INT(err.field, UF_HOURS);
	unit_set(&u, UF_HOURS, "工作日 9:00-17:00");
	CHECK_INT(unit_insert(db, &u, "张敏", &err), 0);
	CHECK_INT(unit_count(db, NULL, &err), 2);
	unit_free(&u);
	db_close(db);
}

static void test_row_version(void)
{
	sqlite3 *db = open_db();
	struct zerr err = ZERR_INIT;
	struct unit u, a, b;

	make(&u, "巫山县统计局", "county_dept", "");
	CHECK_INT(unit_insert(db, &u, "张敏", &err), 0);
	CHECK_INT(unit_get(db, u.id, &a, &err), 0);
	CHECK_INT(unit_get(db, u.id, &b, &err), 0);
	unit_set(&a, UF_PHONE, "023-57680001");
	CHECK_INT(unit_update(db, &a, "张敏", &err), 0);
	/* The second window edited the old version: refused, nothing overwritten. */
	unit_set(&b, UF_PHONE, "023-57689999");
	CHECK_INT(unit_update(db, &b, "李华", &err), -1);
	CHECK_CONTAINS(err.msg, "changed in another window");
	unit_free(&u);
	CHECK_INT(unit_get(db, a.id, &u, &err), 0);
	CHECK_STR(u.f[UF_PHONE], "023-57680001");
	CHECK_INT(u.version, 2);
	unit_free(&u);
	unit_free(&a);
	unit_free(&b);
	db_close(db);
}

/* Walks the whole directory forwards and backwards in pages and compares with one query. */
static void test_keyset_paging(void)
{
	sqlite3 *db = open_db();
	struct zerr err = ZERR_INIT;
	char **all = xcalloc(301, sizeof *all);
	int nall = 0, seen = 0;
	struct unit_key key = { 0, NULL };

	for (int i = 0; i < 300; i++) {
		struct unit u;
		char name[64];

		snprintf(name, sizeof name, "单位%03d号", (i * 37) % 300);
		make(&u, name, unit_kind_code(i % UK_COUNT), "");
		if (i % UK_COUNT == UK_VILLAGE)
			unit_set(&u, UF_TOWNSHIP, "高唐街道");
		CHECK_INT(unit_insert(db, &u, "t", &err), 0);
		unit_free(&u);
	}
	{
		sqlite3_stmt *st = db_prepare(db, "SELECT name FROM unit ORDER BY kind, name", &err);

		while (sqlite3_step(st) == SQLITE_ROW)
			all[nall++] = xstrdup(db_text(st, 0));
		sqlite3_finalize(st);
	}
	CHECK_INT(nall, 300);
	for (;;) {
		struct unit *rows;
		int n;

		CHECK_INT(unit_page(db, NULL, key.name ? &key : NULL, 0, 7, &rows, &n, &err), 0);
		for (int i = 0; i < n; i++, seen++)
			CHECK_STR(rows[i].f[UF_NAME], all[seen]);
		if (n) {
			free(key.name);
			key.kind = rows[n - 1].kind;
			key.name = xstrdup(rows[n - 1].f[UF_NAME]);
		}
		unit_rows_free(rows, n);
		if (n < 7)
			break;
	}
	CHECK_INT(seen, 300);
	free(key.name);
	key.name = NULL;
	for (;;) {
		struct unit *rows;
		int n;

		CHECK_INT(unit_page(db, NULL, key.name ? &key : NULL, 1, 11, &rows, &n, &err), 0);
		for (int i = n - 1; i >= 0; i--)
			CHECK_STR(rows[i].f[UF_NAME], all[--seen]);
		if (n) {
			free(key.name);
			key.kind = rows[0].kind;
			key.name = xstrdup(rows[0].f[UF_NAME]);
		}
		unit_rows_free(rows, n);
		if (n < 11)
			break;
	}
	CHECK_INT(seen, 0);
	free(key.name);
	CHECK_INT(unit_count(db, "01", &err), 13);
	CHECK_INT(unit_count(db, "%", &err), 0);
	strv_free(all);
	db_close(db);
}

static void test_import_all_or_nothing(void)
{
	sqlite3 *db = open_db();
	struct zerr err = ZERR_INIT;
	int added, updated;
	const char *good = "\xef\xbb\xbf名称,类别,依申请公开电话\r\n巫山县民政局,县级部门,023-57681234\r\n"
			   "\"巫山县高唐街道办事处\",乡镇（街道）,\"023-57680000\"\r\n";
	const char *bad = "name,kind,phone,postcode\n巫山县林业局,county_dept,023-57680001,404700\n"
			  "巫山县审计局,agency,023-57680002,404700\n巫山县统计局,county_dept,12,404700\n"
			  "巫山县水利局,county_dept\n";

	CHECK_INT(unit_import_csv(db, good, strlen(good), "t", &added, &updated, &err), 0);
	CHECK_INT(added, 2);
	CHECK_INT(unit_count(db, NULL, &err), 2);
	CHECK_INT(unit_import_csv(db, bad, strlen(bad), "t", &added, &updated, &err), -1);
	CHECK_CONTAINS(err.msg, "line 3: Kind: 'agency' is not a kind");
	CHECK_CONTAINS(err.msg, "line 4: Phone for applications: '12' is not a phone number");
	CHECK_CONTAINS(err.msg, "line 5: 2 fields, the header has 4");
	CHECK(!strstr(err.msg, "line 2"));
	/* Nothing from the bad file arrived, not even its good line. */
	CHECK_INT(unit_count(db, NULL, &err), 2);
	CHECK_INT(added + updated, 0);
	/* Re-importing updates by name; columns the file lacks keep their values. */
	{
		const char *more = "name,kind,postcode\n巫山县民政局,county_dept,404700\n";
		struct unit_key key = { UK_COUNTY_DEPT, "巫山县民政" };
		struct unit *rows;
		int n;

		CHECK_INT(unit_import_csv(db, more, strlen(more), "t", &added, &updated, &err), 0);
		CHECK_INT(unit_page(db, NULL, &key, 0, 1, &rows, &n, &err), 0);
		CHECK_INT(n, 1);
		CHECK_STR(rows[0].f[UF_NAME], "巫山县民政局");
		CHECK_STR(rows[0].f[UF_PHONE], "023-57681234");
		CHECK_STR(rows[0].f[UF_POSTCODE], "404700");
		unit_rows_free(rows, n);
	}
	CHECK_INT(unit_import_csv(db, good, strlen(good), "t", &added, &updated, &err), 0);
	CHECK_INT(added, 0);
	CHECK_INT(updated, 2);
	{
		const char *twice = "name,kind\n巫山县商务委员会,county_dept\n巫山县商务委员会,county_dept\n";

		CHECK_INT(unit_import_csv(db, twice, strlen(twice), "t", &added, &updated, &err), -1);
		CHECK_CONTAINS(err.msg, "line 3: '巫山县商务委员会' appears twice");
	}
	{
		const char *hdr = "name,phone\nx,023-57680001\n";

		CHECK_INT(unit_import_csv(db, hdr, strlen(hdr), "t", &added, &updated, &err), -1);
		CHECK_CONTAINS(err.msg, "at least the columns name and kind");
		{ const char *t3 = "名称,类别,传真\n"; CHECK_INT(unit_import_csv(db, t3, strlen(t3), "t", &added, &updated, &err), -1);
		CHECK_CONTAINS(err.msg, "unknown column '传真'"); }
		{ const char *t4 = "name,kind\n\xc3\x28,x\n"; CHECK_INT(unit_import_csv(db, t4, strlen(t4), "t", &added, &updated, &err), -1);
		CHECK_CONTAINS(err.msg, "not UTF-8"); }
		CHECK_INT(unit_import_csv(db, "name,kind\n\"open,county_dept\n", 28, "t", &added, &updated, &err), -1);
		CHECK_CONTAINS(err.msg, "line 2: a quoted field is not closed");
	}
	CHECK_INT(unit_count(db, NULL, &err), 2);
	db_close(db);
}

static void test_export_roundtrip(void)
{
	sqlite3 *db = open_db(), *db2 = open_db();
	struct zerr err = ZERR_INIT;
	size_t len;
	char *csv = fs_read_file(t_src("contrib/units-wushan.csv"), 1 << 20, &len, &err), *out, *out2;
	int added, updated;

	CHECK(csv != NULL);
	CHECK_INT(unit_import_csv(db, csv, len, "t", &added, &updated, &err), 0);
	CHECK_INT(added, 56);
	CHECK_INT(unit_count(db, "镇", &err), 11);
	CHECK_INT(unit_count(db, "乡人民政府", &err), 13);
	CHECK_INT(unit_count(db, "街道办事处", &err), 2);
	out = unit_export_csv(db, &err);
	CHECK(str_startswith(out, "name,kind,township,phone,address,postcode,email,hours,retired\r\n"));
	CHECK_INT(unit_import_csv(db2, out, strlen(out), "t", &added, &updated, &err), 0);
	out2 = unit_export_csv(db2, &err);
	CHECK_STR(out2, out);
	free(csv);
	free(out);
	free(out2);
	db_close(db);
	db_close(db2);
}

static void test_retire(void)
{
	sqlite3 *db = open_db();
	struct zerr err = ZERR_INIT;
	struct unit u, back;
	char *out;

	make(&u, "巫山县旧局", "county_dept", "");
	CHECK_INT(unit_insert(db, &u, "张敏", &err), 0);
	CHECK_INT(unit_set_retired(db, u.id, 1, "李华", &err), 0);
	CHECK_INT(unit_get(db, u.id, &back, &err), 0);
	CHECK_INT(back.retired, 1);
	CHECK_STR(back.updated_by, "李华");
	/* The export keeps retired units, marked, so it can restore the directory whole. */
	out = unit_export_csv(db, &err);
	CHECK_CONTAINS(out, "巫山县旧局,county_dept,,,,,,,1\r\n");
	{
		sqlite3 *db2 = open_db();
		int added, updated;
		char *out2;
		struct unit back2;

		CHECK_INT(unit_import_csv(db2, out, strlen(out), "t", &added, &updated, &err), 0);
		out2 = unit_export_csv(db2, &err);
		CHECK_STR(out2, out);
		free(out2);
		const char *restore = "name,kind,已停用\n巫山县旧局,county_dept,否\n";
		const char *maybe = "name,kind,retired\n巫山县旧局,county_dept,maybe\n";

		CHECK_INT(unit_import_csv(db2, restore, strlen(restore), "t", &added, &updated, &err), 0);
		CHECK_INT(unit_count(db2, NULL, &err), 1);
		CHECK_INT(unit_get(db2, 1, &back2, &err), 0);
		CHECK_INT(back2.retired, 0);
		unit_free(&back2);
		CHECK_INT(unit_import_csv(db2, maybe, strlen(maybe), "t", &added, &updated, &err), -1);
		CHECK_CONTAINS(err.msg, "line 2: 已停用: allowed: 0 or 1");
		db_close(db2);
	}
	free(out);
	unit_free(&back);
	unit_free(&u);
	db_close(db);
}

T_SUITE(unit_tests) = {
	{ "unit: insert and per-field validation", test_insert_validate },
	{ "unit: a stale edit is refused (row version)", test_row_version },
	{ "unit: keyset paging forwards and backwards", test_keyset_paging },
	{ "unit: CSV import is all or nothing, by line number", test_import_all_or_nothing },
	{ "unit: the demo CSV imports and exports round-trip", test_export_roundtrip },
	{ "unit: retire keeps the record; export and import carry it", test_retire },
	T_END
};
