/* t_report.c - table 三 of the annual report and the supervision report, over rows written straight into the register. */
#include <stdlib.h>

#include "annual.h"
#include "choice.h"
#include "db.h"
#include "ledger.h"
#include "print.h"
#include "superv.h"
#include "t.h"
#include "table.h"
#include "width.h"

static sqlite3 *open_db(void)
{
	struct zerr err = ZERR_INIT;
	sqlite3 *db = NULL;

	CHECK_INT(db_open(&db, ":memory:", DB_MUST_EXIST, &err), 0);
	CHECK_INT(db_exec(db,
			  "INSERT INTO unit (id, name, kind, created_at, created_by, updated_at, updated_by) VALUES"
			  " (1, '乙局', 1, '', '', '', ''), (2, '甲局', 1, '', '', '', '')",
			  &err),
		  0);
	return db;
}

/*
 * One application as the register would hold it. kind: "person" or an org_kind ("" for an
 * organisation of no recorded kind).
 */
static void put(sqlite3 *db, const char *serial, long long unit, const char *kind, const char *received,
		const char *state, const char *outcome, const char *answered)
{
	struct zerr err = ZERR_INIT;
	sqlite3_stmt *st = db_prepare(db,
				      "INSERT INTO application (serial, applicant_kind, name, org_kind, unit_id, unit_name,"
				      " description, form, delivery, received, state, clock_start, outcome, answered,"
				      " created_at, created_by, updated_at, updated_by)"
				      " VALUES (?1, ?2, 'x', ?3, ?4, 'u', 'd', 'paper', 'pickup', ?5, ?6, ?5, ?7, ?8, '', '', '', '')",
				      &err);

	sqlite3_bind_text(st, 1, serial, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, strcmp(kind, "person") == 0 ? "person" : "org", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, strcmp(kind, "person") == 0 ? "" : kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, unit);
	sqlite3_bind_text(st, 5, received, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, outcome, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, answered, -1, SQLITE_STATIC);
	CHECK_INT(db_done(db, st, &err), 0);
}

/* What the callbacks collect: the tables handed over, in order. */
struct got {
	struct annual_table t[4];
	char names[4][64];
	int n;
};

static int keep(void *ctx, const struct annual_table *t)
{
	struct got *g = ctx;

	if (g->n < 4) {
		g->t[g->n] = *t;
		snprintf(g->names[g->n], sizeof g->names[g->n], "%s", t->unit_name);
	}
	g->n++;
	return 0;
}

static int row_of(const char *code)
{
	for (int i = 0; outcomes[i].code; i++)
		if (strcmp(outcomes[i].code, code) == 0)
			return AROW_OUTCOME + i;
	return -1;
}

/* The days on the edges of the year, each rule of the four rows, and the columns. */
static void test_annual_rows(void)
{
	sqlite3 *db = open_db();
	struct annual_opts o = { .year = 2026 };
	struct zerr err = ZERR_INIT;
	struct got g = { .n = 0 };
	const long long *one, *two, *seven, *four;

	CHECK_INT(ANNUAL_OUTCOMES, row_of("6.3") - AROW_OUTCOME + 1);
	put(db, "a1", 1, "person", "2025-12-31", "forwarded", "", "");		/* 二, 四 */
	put(db, "a2", 1, "person", "2025-12-31", "answered", "1", "2025-12-31");	/* nothing */
	put(db, "a3", 1, "person", "2025-06-01", "answered", "1", "2026-01-01");	/* 二, 三（一） */
	put(db, "a4", 1, "business", "2026-01-01", "answered", "2", "2026-12-31");	/* 一, 三（二） */
	put(db, "a5", 1, "research", "2026-12-31", "answered", "3.1", "2027-01-01");	/* 一, 四 */
	put(db, "a6", 1, "welfare", "2026-04-01", "withdrawn", "", "2026-05-01");	/* 一, 六.3 (old row) */
	put(db, "a7", 1, "", "2026-02-01", "lapsed", "6.1", "2026-03-01");		/* 一, 六.1 under 其他 */
	put(db, "a8", 1, "legal", "2026-03-01", "supplement", "", "");		/* 一, 四 */
	put(db, "a9", 1, "person", "2027-01-05", "received", "", "");		/* not yet */
	put(db, "a10", 1, "other", "2026-05-05", "withdrawn", "6.3", "2026-05-06");	/* 一, 六.3 */
	CHECK_INT(annual_tally(db, &o, keep, &g, &err), 0);
	CHECK_INT(g.n, 1);
	one = g.t[0].n[AROW_NEW];
	two = g.t[0].n[AROW_CARRIED];
	seven = g.t[0].n[AROW_CLOSED];
	four = g.t[0].n[AROW_NEXT];
	CHECK_INT(one[ACOL_PERSON], 0);
	CHECK_INT(one[ACOL_BUSINESS], 1);
	CHECK_INT(one[ACOL_RESEARCH], 1);
	CHECK_INT(one[ACOL_WELFARE], 1);
	CHECK_INT(one[ACOL_LEGAL], 1);
	CHECK_INT(one[ACOL_OTHER], 2);
	CHECK_INT(one[ACOL_TOTAL], 6);
	CHECK_INT(two[ACOL_PERSON], 2);
	CHECK_INT(two[ACOL_TOTAL], 2);
	CHECK_INT(g.t[0].n[row_of("1")][ACOL_PERSON], 1);
	CHECK_INT(g.t[0].n[row_of("2")][ACOL_BUSINESS], 1);
	CHECK_INT(g.t[0].n[row_of("3.1")][ACOL_TOTAL], 0);
	CHECK_INT(g.t[0].n[row_of("6.3")][ACOL_WELFARE], 1);
	CHECK_INT(g.t[0].n[row_of("6.3")][ACOL_OTHER], 1);
	CHECK_INT(g.t[0].n[row_of("6.1")][ACOL_OTHER], 1);
	CHECK_INT(seven[ACOL_TOTAL], 5);
	CHECK_INT(four[ACOL_PERSON], 1);
	CHECK_INT(four[ACOL_RESEARCH], 1);
	CHECK_INT(four[ACOL_LEGAL], 1);
	CHECK_INT(four[ACOL_TOTAL], 3);
	CHECK_INT(annual_check(&g.t[0]), 0);
	CHECK_STR(g.t[0].unit_name, "");
	db_close(db);
}

static int collect_breaker(void *ctx, const char *serial, const char *why)
{
	struct sbuf *b = ctx;

	sbuf_printf(b, "%s: %s\n", serial, why);
	return 0;
}

/* What breaks 一 + 二 = 三（七） + 四, column by column, and who is named for it. */
static void test_annual_check(void)
{
	sqlite3 *db = open_db();
	struct annual_opts o = { .year = 2026 };
	struct zerr err = ZERR_INIT;
	struct got g = { .n = 0 };
	struct sbuf b = { 0 };

	put(db, "ok", 1, "person", "2026-01-05", "answered", "1", "2026-01-06");
	put(db, "nocode", 1, "person", "2026-01-05", "answered", "", "2026-02-01");
	put(db, "badcode", 1, "legal", "2025-12-01", "answered", "9.9", "2026-02-01");
	put(db, "backwards", 1, "business", "2026-03-05", "answered", "1", "2025-12-30");
	CHECK_INT(annual_tally(db, &o, keep, &g, &err), 0);
	CHECK_INT(annual_check(&g.t[0]), (1u << ACOL_PERSON) | (1u << ACOL_BUSINESS) | (1u << ACOL_LEGAL) | (1u << ACOL_TOTAL));
	CHECK_INT(g.t[0].unplaced[ACOL_TOTAL], 2);
	sbuf_add(&b, "");
	CHECK_INT(annual_breakers(db, 2026, 0, collect_breaker, &b, &err), 0);
	CHECK_STR(b.s, "badcode: closed on 2026-02-01 with the outcome code '9.9', which is no row of the table\n"
			"nocode: closed on 2026-02-01 without an outcome code\n"
			"backwards: closed on 2025-12-30, before it was received on 2026-03-05\n");
	sbuf_free(&b);
	db_close(db);
}

/* Each unit by name (乙局 before 甲局 in code order), then all units, the sum of them. */
static void test_annual_each_unit(void)
{
	sqlite3 *db = open_db();
	struct annual_opts o = { .year = 2026, .each_unit = 1 };
	struct zerr err = ZERR_INIT;
	struct got g = { .n = 0 };
	long long id = 0;

	put(db, "u1", 1, "person", "2026-01-05", "answered", "1", "2026-01-06");
	put(db, "u2", 2, "research", "2026-01-05", "forwarded", "", "");
	put(db, "u3", 2, "person", "2025-01-05", "answered", "1", "2025-01-06");
	CHECK_INT(annual_tally(db, &o, keep, &g, &err), 0);
	CHECK_INT(g.n, 3);
	CHECK_STR(g.names[0], "乙局");
	CHECK_STR(g.names[1], "甲局");
	CHECK_STR(g.names[2], "");
	CHECK_INT(g.t[0].n[AROW_NEW][ACOL_PERSON], 1);
	CHECK_INT(g.t[1].n[AROW_NEXT][ACOL_RESEARCH], 1);
	CHECK_INT(g.t[2].n[AROW_NEW][ACOL_TOTAL], 2);
	CHECK_INT(g.t[2].n[AROW_CLOSED][ACOL_TOTAL], 1);
	CHECK_INT(g.t[2].n[AROW_NEXT][ACOL_TOTAL], 1);
	/* One unit: a retired one is found too, an unknown one is not. */
	CHECK_INT(db_exec(db, "UPDATE unit SET retired = 1 WHERE id = 2", &err), 0);
	CHECK_INT(annual_unit(db, "甲局", &id, &err), 0);
	CHECK_INT(id, 2);
	CHECK_INT(annual_unit(db, "丙局", &id, &err), -1);
	CHECK_CONTAINS(err.msg, "丙局");
	g.n = 0;
	o.each_unit = 0;
	o.unit_id = 2;
	o.unit_name = "甲局";
	CHECK_INT(annual_tally(db, &o, keep, &g, &err), 0);
	CHECK_INT(g.n, 1);
	CHECK_STR(g.names[0], "甲局");
	CHECK_INT(g.t[0].n[AROW_NEW][ACOL_TOTAL], 1);
	db_close(db);
}

/* Paper: 104 columns at most; CSV: the BOM, the heads, 25 rows of a label and 7 numbers. */
static void test_annual_layout(void)
{
	sqlite3 *db = open_db();
	struct annual_opts o = { .year = 2026, .format = TABLE_PAGED };
	struct annual_result res;
	struct config cfg;
	struct zerr err = ZERR_INIT;
	char *text, *line, *save = NULL;
	int rows = 0;

	memset(&cfg, 0, sizeof cfg);
	cfg.site_name = "巫山县政务服务中心";
	put(db, "p1", 1, "person", "2026-01-05", "answered", "1", "2026-01-06");
	text = annual_collect(db, &cfg, &o, &res, &err);
	CHECK(text != NULL);
	CHECK(res.problem == NULL);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		CHECK(width_str(line) <= 104);
	free(text);
	o.format = TABLE_CSV;
	text = annual_collect(db, &cfg, &o, &res, &err);
	CHECK(text && strncmp(text, "\xEF\xBB\xBF", 3) == 0);
	/* A caption, the heads, then a line for each row of the form that holds numbers. */
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		rows++;
	CHECK_INT(rows, 2 + 25);
	free(text);
	/* Unbalanced: still written, and said. */
	put(db, "p2", 1, "person", "2026-01-05", "answered", "", "2026-01-06");
	text = annual_collect(db, &cfg, &o, &res, &err);
	CHECK(text != NULL);
	CHECK_INT(res.unbalanced, 1);
	CHECK_CONTAINS(res.problem, "applications that break it: 1");
	free(res.problem);
	free(text);
	db_close(db);
}

static void test_superv_periods(void)
{
	struct superv_period p;
	char buf[DATE_BUFSZ];
	char *name;

	CHECK_INT(superv_parse(SUPERV_MONTH, "2026-02", &p), 0);
	CHECK_STR(date_format(p.from, buf), "2026-02-01");
	CHECK_STR(date_format(p.to, buf), "2026-02-28");
	CHECK_INT(superv_parse(SUPERV_MONTH, "2024-02", &p), 0);
	CHECK_STR(date_format(p.to, buf), "2024-02-29");
	CHECK_INT(superv_parse(SUPERV_MONTH, "2026-12", &p), 0);
	CHECK_STR(date_format(p.to, buf), "2026-12-31");
	CHECK_INT(superv_parse(SUPERV_MONTH, "2026-13", &p), -1);
	CHECK_INT(superv_parse(SUPERV_MONTH, "2026-3", &p), -1);
	CHECK_INT(superv_parse(SUPERV_QUARTER, "2026-Q3", &p), 0);
	CHECK_STR(date_format(p.from, buf), "2026-07-01");
	CHECK_STR(date_format(p.to, buf), "2026-09-30");
	CHECK_INT(superv_parse(SUPERV_QUARTER, "2026-q4", &p), 0);
	CHECK_STR(date_format(p.from, buf), "2026-10-01");
	CHECK_STR(date_format(p.to, buf), "2026-12-31");
	name = superv_period_name(&p);
	CHECK_STR(name, "2026, fourth quarter");
	free(name);
	CHECK_INT(superv_parse(SUPERV_QUARTER, "2026-Q0", &p), -1);
	CHECK_INT(superv_parse(SUPERV_QUARTER, "2026-Q5", &p), -1);
	CHECK_INT(superv_parse(SUPERV_QUARTER, "2026Q1", &p), -1);
	CHECK_INT(superv_parse(SUPERV_QUARTER, "20x6-Q1", &p), -1);
	CHECK_INT(superv_parse(SUPERV_QUARTER, "2026-Q11", &p), -1);
	/* As of: the last day once the period is over, today while it is not, none before it. */
	superv_parse(SUPERV_MONTH, "2026-03", &p);
	CHECK_INT(superv_asof(&p, date_from_ymd(2026, 4, 15)), date_from_ymd(2026, 3, 31));
	CHECK_INT(superv_asof(&p, date_from_ymd(2026, 3, 31)), date_from_ymd(2026, 3, 31));
	CHECK_INT(superv_asof(&p, date_from_ymd(2026, 3, 20)), date_from_ymd(2026, 3, 20));
	CHECK_INT(superv_asof(&p, date_from_ymd(2026, 2, 28)), 0);
}

static void test_superv_hit_rate(void)
{
	struct superv_figures f;
	char buf[32];

	memset(&f, 0, sizeof f);
	superv_hit_rate(&f, buf);
	CHECK_STR(buf, "—");
	f.v[SV_ASK_RECEIVED] = 7;
	f.v[SV_ASK_ANSWERED] = 1;
	superv_hit_rate(&f, buf);
	CHECK_STR(buf, "14.3%");
	f.v[SV_ASK_RECEIVED] = 8;	/* 12.5% exactly */
	superv_hit_rate(&f, buf);
	CHECK_STR(buf, "12.5%");
	f.v[SV_ASK_RECEIVED] = 2000;	/* 0.05% rounds half up to 0.1% */
	superv_hit_rate(&f, buf);
	CHECK_STR(buf, "0.1%");
	f.v[SV_ASK_RECEIVED] = 1;
	superv_hit_rate(&f, buf);
	CHECK_STR(buf, "100.0%");
}

/* Forwarding and closing after the as-of day count as not yet done on it. */
static void test_superv_asof(void)
{
	sqlite3 *db = open_db();
	struct superv_period p;
	struct superv_figures f;
	struct zerr err = ZERR_INIT;

	put(db, "s1", 1, "person", "2026-03-31", "answered", "1", "2026-04-02");
	CHECK_INT(db_exec(db, "UPDATE application SET forwarded_at = '2026-04-01 09:00:00', deadline = '2026-03-30'", &err),
		  0);
	superv_parse(SUPERV_MONTH, "2026-03", &p);
	CHECK_INT(superv_count(db, &p, p.to, &f, &err), 0);
	CHECK_INT(f.v[SV_APPL_RECEIVED], 1);
	CHECK_INT(f.v[SV_FWD_NOT_YET], 1);
	CHECK_INT(f.v[SV_FWD_LATE], 0);
	CHECK_INT(f.v[SV_APPL_CLOSED], 0);
	CHECK_INT(f.v[SV_APPL_OVERDUE], 1);
	superv_parse(SUPERV_MONTH, "2026-04", &p);
	CHECK_INT(superv_count(db, &p, p.to, &f, &err), 0);
	CHECK_INT(f.v[SV_APPL_RECEIVED], 0);
	CHECK_INT(f.v[SV_APPL_CLOSED], 1);
	CHECK_INT(f.v[SV_ANSWERED_LATE], 1);
	CHECK_INT(f.v[SV_APPL_OVERDUE], 0);
	db_close(db);
}

/* The ids of a ledger read a page of `limit` at a time, forwards (or backwards from the end). */
static int walk(sqlite3 *db, const struct ledger_query *q, int limit, int backwards, long long *ids, int max)
{
	struct zerr err = ZERR_INIT;
	struct ledger_row *rows, last;
	int n, got = 0, have = 0;

	memset(&last, 0, sizeof last);
	do {
		CHECK_INT(ledger_page(db, q, have ? &last : NULL, backwards, limit, &rows, &n, &err), 0);
		for (int i = 0; i < n && got < max; i++)
			ids[backwards ? max - 1 - got++ : got++] = rows[backwards ? n - 1 - i : i].id;
		if (n) {
			last = rows[backwards ? 0 : n - 1];
			last.cells = NULL;
			have = 1;
		}
		ledger_rows_free(rows, n);
	} while (n == limit && got < max);
	if (backwards)
		memmove(ids, ids + max - got, sizeof *ids * (size_t)got);
	return got;
}

/* Pages of a ledger, forwards and backwards, are the rows of one long page: in a range and without one. */
static void test_ledger_pages(void)
{
	static const char *const days[] = { "2026-02-27", "2026-03-02", "2026-03-02", "2026-03-03", "2026-03-05" };
	sqlite3 *db = open_db();
	struct zerr err = ZERR_INIT;
	long long one[64], paged[64], back[64];

	/* Applications received out of id order, several on a day; prints over the same days. */
	for (int i = 0; i < 20; i++) {
		char serial[16], now[20];

		snprintf(serial, sizeof serial, "p%02d", i);
		put(db, serial, 1, "person", days[(i * 3) % 5], "received", "", "");
		snprintf(now, sizeof now, "%s 09:%02d:00", days[i % 5 < 3 ? i % 3 : i % 5], i);
		setenv("ZWGK_NOW", now, 1);
		CHECK_INT(print_log(db, "op", "receipt", serial, 1, 1, "", "", &err), 0);
	}
	unsetenv("ZWGK_NOW");
	for (int k = 0; k < 2; k++) {
		struct ledger_query all = { .kind = k ? LEDGER_PRINTS : LEDGER_APPLICATIONS, .today = date_from_ymd(2026, 3, 9) };
		struct ledger_query some = all;
		int n;

		some.from = date_from_ymd(2026, 3, 2);
		some.to = date_from_ymd(2026, 3, 3);
		for (int r = 0; r < 2; r++) {
			const struct ledger_query *q = r ? &some : &all;

			n = walk(db, q, 1000, 0, one, 64);
			CHECK_INT(n, r ? 12 : 20);
			for (int limit = 1; limit <= 5; limit++) {
				CHECK_INT(walk(db, q, limit, 0, paged, 64), n);
				CHECK_INT(walk(db, q, limit, 1, back, 64), n);
				CHECK(memcmp(one, paged, sizeof *one * (size_t)n) == 0);
				CHECK(memcmp(one, back, sizeof *one * (size_t)n) == 0);
			}
		}
	}
	db_close(db);
}

T_SUITE(report_tests) = {
	{ "annual: the four rows of table 三 on the edges of the year, by column", test_annual_rows },
	{ "annual: the check, column by column, and the applications that break it", test_annual_check },
	{ "annual: each unit by name, then all; one unit, retired or not", test_annual_each_unit },
	{ "annual: 104 columns on paper; CSV of 25 rows", test_annual_layout },
	{ "superv: months and quarters, their edges and the as-of day", test_superv_periods },
	{ "superv: the knowledge-base hit rate, rounded", test_superv_hit_rate },
	{ "superv: what happens after the as-of day is not yet done", test_superv_asof },
	{ "ledger: pages forwards and backwards are one long page, in a range of days or not", test_ledger_pages },
	T_END
};
