/*
 * page-bench.c - what a key costs in the desk's lists, searches and status bar, called through
 * the functions the screens call (linked with the optimised core objects), on a generated site.
 *
 * usage: page-bench pages CONFIG [REPS]       per list: rows, and the median wall time of a
 *                                             page-down (PgDn) and of a step down one row (Down)
 *                                             at the start, the middle and the end of it
 *        page-bench one CONFIG LIST POS STEP   one step (POS start|middle|end, STEP page|row|end)
 *                                             in measured_step, for callgrind --toggle-collect
 *        page-bench plans CONFIG               each list's page query: EXPLAIN QUERY PLAN, and
 *                                             what SQLite counted while it ran (rows stepped in
 *                                             full scans, sorts); "verdict LIST seek|SCAN"
 *        page-bench frame CONFIG [REPS]        the status bar's counters (drawn at every key);
 *                                             page-bench one CONFIG frame - - the same twice
 *        page-bench one CONFIG portal WORDS -  one search of the portal mirror (measured_portal)
 *        page-bench portal CONFIG [SECONDS]    the portal mirror searched as the words are typed
 *        page-bench sizes CONFIG               the database by what it holds, per 1,000 records
 *
 * A list is paged as the screen pages it, with the screen's number of rows at 80x24: page-down
 * fetches that many rows after the window's last row (list.c's extend_down), Down one row,
 * End the last page. The anchors are the rows at the list's start, middle and end, read once
 * beforehand; each step is done once untimed first (the clerk was on that page: its rows are
 * in the cache), then timed REPS times (101), and the median printed, in microseconds.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "app.h"
#include "appl.h"
#include "ask.h"
#include "date.h"
#include "db.h"
#include "kb.h"
#include "ledger.h"
#include "portal.h"
#include "sug.h"

/* Where a step starts: the key of the row (its day, or the entry's code) and its id. */
struct anchor {
	char key[64];
	long long id;
};

struct list_def {
	const char *name;	/* as printed */
	const char *screen;	/* where the clerk sees it */
	int height;		/* its rows at 80x24 */
	const char *order_sql;	/* the row at OFFSET ?1 in the list's order: key, id */
	const char *count_sql;
	int kind;		/* the ledger of 台账与统计, or -1 */
	int (*fetch)(sqlite3 *db, const struct list_def *l, const struct anchor *a, int backwards, int limit);
};

static zdate today;
static volatile long sink;	/* what the steps return, so that none is optimised away */

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "page-bench: %s: %s\n", what, msg);
	exit(1);
}

static zdate day_of(const struct anchor *a)
{
	zdate d = 0;

	if (a && date_parse(a->key, &d) != 0)
		d = 0;
	return d;
}

static int fetch_appl(sqlite3 *db, const struct list_def *l, const struct anchor *a, int backwards, int limit)
{
	struct appl_filter f = { .state = -1, .today = today };
	struct appl after = { .id = a ? a->id : 0, .received = day_of(a) }, *rows;
	struct zerr err = ZERR_INIT;
	int n;

	(void)l;
	if (appl_page(db, &f, a ? &after : NULL, backwards, limit, &rows, &n, &err) != 0)
		die("appl_page", err.msg);
	appl_rows_free(rows, n);
	return n;
}

static int fetch_sug(sqlite3 *db, const struct list_def *l, const struct anchor *a, int backwards, int limit)
{
	struct sug after = { .id = a ? a->id : 0, .received = day_of(a) }, *rows;
	struct zerr err = ZERR_INIT;
	int n;

	(void)l;
	if (sug_page(db, 0, 0, a ? &after : NULL, backwards, limit, &rows, &n, &err) != 0)
		die("sug_page", err.msg);
	sug_rows_free(rows, n);
	return n;
}

static int fetch_ask(sqlite3 *db, const struct list_def *l, const struct anchor *a, int backwards, int limit)
{
	struct ask_filter f = { .state = -1, .today = today };
	struct ask after = { .id = a ? a->id : 0, .received = day_of(a) }, *rows;
	struct zerr err = ZERR_INIT;
	int n;

	(void)l;
	if (ask_page(db, &f, a ? &after : NULL, backwards, limit, &rows, &n, &err) != 0)
		die("ask_page", err.msg);
	ask_rows_free(rows, n);
	return n;
}

static int fetch_guidance(sqlite3 *db, const struct list_def *l, const struct anchor *a, int backwards, int limit)
{
	struct guidance after = { .id = a ? a->id : 0 }, *rows;
	struct zerr err = ZERR_INIT;
	int n;

	(void)l;
	if (guidance_page(db, a ? &after : NULL, backwards, limit, &rows, &n, &err) != 0)
		die("guidance_page", err.msg);
	guidance_rows_free(rows, n);
	return n;
}

static int fetch_kb(sqlite3 *db, const struct list_def *l, const struct anchor *a, int backwards, int limit)
{
	struct kb_entry *rows;
	struct zerr err = ZERR_INIT;
	int n;

	(void)l;
	if (kb_page(db, NULL, a ? a->key : NULL, backwards, limit, &rows, &n, &err) != 0)
		die("kb_page", err.msg);
	kb_rows_free(rows, n);
	return n;
}

/* 台账与统计: the ledger for all the days the clerk can give (from 2000 to today). */
static int fetch_ledger(sqlite3 *db, const struct list_def *l, const struct anchor *a, int backwards, int limit)
{
	struct ledger_query q = { .kind = l->kind, .from = date_from_ymd(2000, 1, 1), .to = today, .today = today };
	struct ledger_row after, *rows;
	struct zerr err = ZERR_INIT;
	int n;

	memset(&after, 0, sizeof after);
	if (a) {
		snprintf(after.key, sizeof after.key, "%.19s", a->key);
		after.id = a->id;
	}
	if (ledger_page(db, &q, a ? &after : NULL, backwards, limit, &rows, &n, &err) != 0)
		die("ledger_page", err.msg);
	ledger_rows_free(rows, n);
	return n;
}

#define REG_ORDER(t) "SELECT received, id FROM " t " ORDER BY received, id LIMIT 1 OFFSET ?1"
#define LOG_ORDER(t) "SELECT day, id FROM " t " ORDER BY day, id LIMIT 1 OFFSET ?1"
static const struct list_def lists[] = {
	{ "applications", "application ledger", 17, REG_ORDER("application"), "SELECT count(*) FROM application", -1,
	  fetch_appl },
	{ "suggestions", "suggestion ledger", 17, REG_ORDER("suggestion"), "SELECT count(*) FROM suggestion", -1, fetch_sug },
	{ "consultations", "consultation ledger", 17, REG_ORDER("consultation"), "SELECT count(*) FROM consultation", -1,
	  fetch_ask },
	{ "guidance", "guidance records", 18, "SELECT '', id FROM guidance ORDER BY id LIMIT 1 OFFSET ?1",
	  "SELECT count(*) FROM guidance", -1, fetch_guidance },
	{ "kb", "knowledge base", 17, "SELECT code, id FROM kb_entry ORDER BY code LIMIT 1 OFFSET ?1",
	  "SELECT count(*) FROM kb_entry", -1, fetch_kb },
	{ "ledger applications", "台账与统计", 18, REG_ORDER("application"), "SELECT count(*) FROM application",
	  LEDGER_APPLICATIONS, fetch_ledger },
	{ "ledger suggestions", "台账与统计", 18, REG_ORDER("suggestion"), "SELECT count(*) FROM suggestion",
	  LEDGER_SUGGESTIONS, fetch_ledger },
	{ "ledger consultations", "台账与统计", 18, REG_ORDER("consultation"), "SELECT count(*) FROM consultation",
	  LEDGER_CONSULTATIONS, fetch_ledger },
	{ "ledger guidance", "台账与统计", 18, LOG_ORDER("guidance"), "SELECT count(*) FROM guidance", LEDGER_GUIDANCE,
	  fetch_ledger },
	{ "ledger prints", "台账与统计", 18, LOG_ORDER("print_log"), "SELECT count(*) FROM print_log", LEDGER_PRINTS,
	  fetch_ledger },
	{ "ledger fees", "台账与统计", 18, LOG_ORDER("fee_log"), "SELECT count(*) FROM fee_log", LEDGER_FEES, fetch_ledger },
};
#define NLISTS ((int)(sizeof lists / sizeof lists[0]))

enum { POS_START, POS_MIDDLE, POS_END, NPOS };
static const char *const pos_names[NPOS] = { "start", "middle", "end" };
enum { STEP_PAGE, STEP_ROW, STEP_LAST };

static void report(void *ctx, int severity, const char *msg)
{
	(void)ctx;
	(void)severity;
	fprintf(stderr, "page-bench: %s\n", msg);
}

static void open_site(struct app *app, const char *config)
{
	struct zerr err = ZERR_INIT;

	if (app_open(app, config, APP_ALL, report, NULL, &err) != EXIT_OK)
		die(config, err.msg);
	app_set_operator(app, "bench");
	today = date_today();
}

static long long count_of(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long n = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The row at `offset` in the list's order. */
static void anchor_at(sqlite3 *db, const struct list_def *l, long long offset, struct anchor *a)
{
	sqlite3_stmt *st;

	memset(a, 0, sizeof *a);
	if (sqlite3_prepare_v2(db, l->order_sql, -1, &st, NULL) != SQLITE_OK)
		die(l->order_sql, sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, offset < 0 ? 0 : offset);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(a->key, sizeof a->key, "%s", (const char *)sqlite3_column_text(st, 0));
		a->id = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
}

/*
 * Where the window's last row is when the clerk presses PgDn: after the first page, in the
 * middle, and one page before the end (so a whole page still follows).
 */
static long long position(const struct list_def *l, long long rows, int pos)
{
	long long p = pos == POS_START ? l->height - 1 : pos == POS_MIDDLE ? rows / 2 : rows - l->height - 1;

	return p < 0 ? 0 : p >= rows ? rows - 1 : p;
}

/* One step of the list, the thing measured (kept out of line for callgrind's --toggle-collect). */
__attribute__((noinline)) int measured_step(sqlite3 *db, const struct list_def *l, const struct anchor *a, int step);
__attribute__((noinline)) int measured_step(sqlite3 *db, const struct list_def *l, const struct anchor *a, int step)
{
	if (step == STEP_LAST)
		return l->fetch(db, l, NULL, 1, l->height);
	return l->fetch(db, l, a, 0, step == STEP_PAGE ? l->height : 1);
}

/* The status bar's counts, as ui.c counts them after a change to the database. */
__attribute__((noinline)) int measured_frame(sqlite3 *db);
__attribute__((noinline)) int measured_frame(sqlite3 *db)
{
	int late;

	return appl_count_unforwarded(db, today, &late) + ask_count_overdue(db, today);
}

/* What the status bar costs at a key when nothing has changed: the look whether anything has. */
__attribute__((noinline)) int measured_check(sqlite3 *db, struct db_mark *m);
__attribute__((noinline)) int measured_check(sqlite3 *db, struct db_mark *m)
{
	return db_changed_since(db, m);
}

/* One search of the portal mirror, as the 自助查询区 makes it at each key. */
__attribute__((noinline)) int measured_portal(sqlite3 *db, const char *words);
__attribute__((noinline)) int measured_portal(sqlite3 *db, const char *words)
{
	struct portal_doc *docs;
	struct zerr err = ZERR_INIT;
	int n;

	if (portal_search(db, words, 40, &docs, &n, &err) != 0)
		die("portal_search", err.msg);
	portal_docs_free(docs, n);
	return n;
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double quantile(double *v, int n, double q)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n ? v[(int)floor(q * (n - 1) + 0.5)] : 0;
}

static double time_step(sqlite3 *db, const struct list_def *l, const struct anchor *a, int step, int reps)
{
	double *t = calloc((size_t)reps, sizeof *t), med;

	sink += measured_step(db, l, a, step);	/* the clerk was on that page */
	for (int i = 0; i < reps; i++) {
		double t0 = now_us();

		sink += measured_step(db, l, a, step);
		t[i] = now_us() - t0;
	}
	med = quantile(t, reps, 0.5);
	free(t);
	return med;
}

static const struct list_def *list_named(const char *name)
{
	for (int i = 0; i < NLISTS; i++)
		if (strcmp(lists[i].name, name) == 0)
			return &lists[i];
	die("no such list", name);
	return NULL;
}

/* One line per list: name rows height | page-down start middle end | row start middle end | End (µs). */
static int cmd_pages(const char *config, int reps)
{
	struct app app;

	open_site(&app, config);
	for (int i = 0; i < NLISTS; i++) {
		const struct list_def *l = &lists[i];
		long long rows = count_of(app.db, l->count_sql);
		double page[NPOS], row[NPOS];

		for (int p = 0; p < NPOS; p++) {
			struct anchor a;

			anchor_at(app.db, l, position(l, rows, p), &a);
			page[p] = time_step(app.db, l, &a, STEP_PAGE, reps);
			row[p] = time_step(app.db, l, &a, STEP_ROW, reps);
		}
		printf("%s\t%lld\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\n", l->name, rows, l->height, page[0], page[1],
		       page[2], row[0], row[1], row[2], time_step(app.db, l, NULL, STEP_LAST, reps));
		fflush(stdout);
	}
	app_close(&app);
	return 0;
}

static int cmd_one(const char *config, const char *list, const char *pos, const char *step)
{
	struct app app;
	const struct list_def *l;
	struct anchor a;
	int p = 0, s = strcmp(step, "row") == 0 ? STEP_ROW : strcmp(step, "end") == 0 ? STEP_LAST : STEP_PAGE;

	open_site(&app, config);
	if (strcmp(list, "portal") == 0) {
		sink += measured_portal(app.db, pos);
		app_close(&app);
		return 0;
	}
	if (strcmp(list, "frame") == 0) {
		struct db_mark m = { 0, 0, 0 };

		/* Counted (warm, then once more), then looked whether to count again, twice. */
		sink += measured_frame(app.db) - measured_frame(app.db);
		sink += measured_check(app.db, &m) + measured_check(app.db, &m);
		app_close(&app);
		return 0;
	}
	l = list_named(list);
	while (p < NPOS && strcmp(pos_names[p], pos) != 0)
		p++;
	if (p == NPOS)
		die("no such position", pos);
	anchor_at(app.db, l, position(l, count_of(app.db, l->count_sql), p), &a);
	sink += l->fetch(app.db, l, s == STEP_LAST ? NULL : &a, s == STEP_LAST, l->height);	/* warm: not measured */
	sink += measured_step(app.db, l, &a, s);
	app_close(&app);
	return 0;
}

/* frame UNFORWARDED OVERDUE COUNT_US CHECK_US: counting them, and a key when nothing changed (medians). */
static int cmd_frame(const char *config, int reps)
{
	struct app app;
	double *t = calloc((size_t)reps, sizeof *t), counting;
	int late, unforwarded, overdue;
	struct db_mark m = { 0, 0, 0 };

	open_site(&app, config);
	unforwarded = appl_count_unforwarded(app.db, today, &late);
	overdue = ask_count_overdue(app.db, today);
	for (int i = 0; i < reps; i++) {
		double t0 = now_us();

		sink += measured_frame(app.db);
		t[i] = now_us() - t0;
	}
	counting = quantile(t, reps, 0.5);
	sink += measured_check(app.db, &m);
	for (int i = 0; i < reps; i++) {
		double t0 = now_us();

		sink += measured_check(app.db, &m);
		t[i] = now_us() - t0;
	}
	printf("frame\t%d\t%d\t%.1f\t%.1f\n", unforwarded, overdue, counting, quantile(t, reps, 0.5));
	free(t);
	app_close(&app);
	return 0;
}

/* The statements a step ran, and what SQLite counted while each ran. */
struct traced {
	char *sql[8];
	int n, fullscan[8], sort[8], vm[8];
};

static int on_trace(unsigned type, void *ctx, void *p, void *x)
{
	struct traced *t = ctx;
	sqlite3_stmt *st = p;
	const char *sql = sqlite3_sql(st);
	int i = 0;

	(void)x;
	if (type != SQLITE_TRACE_PROFILE || !sql)
		return 0;
	while (i < t->n && strcmp(t->sql[i], sql) != 0)
		i++;
	if (i == t->n) {
		if (t->n == 8)
			return 0;
		t->sql[t->n++] = xstrdup(sql);
	}
	t->fullscan[i] += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0);
	t->sort[i] += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_SORT, 0);
	t->vm[i] += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 0);
	return 0;
}

/* Prints the plan of `sql`; returns 1 when it reads a table or index whole, or sorts. */
static int print_plan(sqlite3 *db, const char *sql)
{
	char *eqp = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st;
	int scans = 0, ids[64], depth[64], n = 0;

	if (sqlite3_prepare_v2(db, eqp, -1, &st, NULL) != SQLITE_OK)
		die(eqp, sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(st, 3);
		int parent = sqlite3_column_int(st, 1), d = 0;

		/* Indented under its parent, as the sqlite3 shell shows a plan. */
		for (int k = 0; k < n; k++)
			if (ids[k] == parent)
				d = depth[k] + 1;
		if (n < 64) {
			ids[n] = sqlite3_column_int(st, 0);
			depth[n++] = d;
		}
		printf("    %*s%s\n", 2 * d, "", detail);
		if ((strncmp(detail, "SCAN ", 5) == 0 && strcmp(detail, "SCAN CONSTANT ROW") != 0) ||
		    strstr(detail, "TEMP B-TREE"))
			scans = 1;
	}
	sqlite3_finalize(st);
	free(eqp);
	return scans;
}

static int cmd_plans(const char *config)
{
	struct app app;

	open_site(&app, config);
	for (int i = 0; i < NLISTS; i++) {
		const struct list_def *l = &lists[i];
		struct traced t;
		struct anchor a;
		int scans = 0, fullscan = 0;

		memset(&t, 0, sizeof t);
		anchor_at(app.db, l, position(l, count_of(app.db, l->count_sql), POS_MIDDLE), &a);
		sqlite3_trace_v2(app.db, SQLITE_TRACE_PROFILE, on_trace, &t);
		sink += measured_step(app.db, l, &a, STEP_PAGE);
		sqlite3_trace_v2(app.db, 0, NULL, NULL);
		printf("%s (%s), page-down in the middle:\n", l->name, l->screen);
		for (int k = 0; k < t.n; k++) {
			printf("  %s\n", t.sql[k]);
			scans |= print_plan(app.db, t.sql[k]);
			printf("    ran: %d rows stepped in full scans, %d sorts, %d VM steps\n", t.fullscan[k], t.sort[k],
			       t.vm[k]);
			fullscan += t.fullscan[k] + t.sort[k];
			free(t.sql[k]);
		}
		printf("verdict\t%s\t%s\n", l->name, scans || fullscan ? "SCAN" : "seek");
	}
	app_close(&app);
	return 0;
}

/* What a citizen types into the 自助查询区's search: topics, a unit, a township, a 文号, an 索引号. */
static const char *const portal_queries[] = {
	"养老保险", "耕地地力保护补贴", "低保", "危房改造", "征收补偿", "高标准农田", "营养改善计划", "退役军人优待",
	"公益性岗位", "医疗保险缴费", "森林防灭火", "老旧小区改造", "脆李产业", "残疾人护理补贴", "临时救助",
	"创业担保贷款", "宅基地审批", "防汛抗旱", "招生入学", "家庭医生签约", "长江禁渔", "公共租赁住房", "乡村旅游",
	"电子商务进农村", "部门决算", "工作情况报告", "大昌镇", "巫山府办发〔2025〕", "11500237GOV/2024",
	"高唐街道 最低生活保障", "关于做好2025年防汛抗旱工作的通知", "地质灾害避险搬迁补助",
};

/* The first `chars` characters of s (UTF-8), as typed so far. */
static char *typed(const char *s, int chars)
{
	const char *p = s;

	for (int k = 0; *p && k < chars; k++) {
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
	}
	return xstrndup(s, (size_t)(p - s));
}

static int cmd_portal(const char *config, double seconds)
{
	struct app app;
	double *t = NULL, *whole = NULL, t_start;
	int n = 0, nwhole = 0, cap = 0, hits = 0;
	struct rusage ru;

	open_site(&app, config);
	t_start = now_us();
	/* The desk searches at every key that no other key follows at once: every prefix. */
	for (size_t q = 0; q < sizeof portal_queries / sizeof portal_queries[0]; q++) {
		for (int c = 1;; c++) {
			char *words = typed(portal_queries[q], c);
			int last = strcmp(words, portal_queries[q]) == 0, found;
			struct portal_doc *docs;
			struct zerr err = ZERR_INIT;
			double t0 = now_us(), dt;

			if (portal_search(app.db, words, 40, &docs, &found, &err) != 0)
				die("portal_search", err.msg);
			dt = (now_us() - t0) / 1e3;
			portal_docs_free(docs, found);
			hits += found > 0;
			if (n == cap) {
				cap = cap ? 2 * cap : 256;
				t = xrealloc(t, sizeof *t * (size_t)cap);
				whole = xrealloc(whole, sizeof *whole * (size_t)cap);
			}
			t[n++] = dt;
			if (last)
				whole[nwhole++] = dt;
			free(words);
			if (last)
				break;
		}
		if ((now_us() - t_start) / 1e6 > seconds)
			break;
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("portal\t%lld\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\n", count_of(app.db, "SELECT count(*) FROM portal_doc"), n,
	       quantile(t, n, 0.5), quantile(t, n, 0.95), quantile(t, n, 1.0), quantile(whole, nwhole, 0.95),
	       ru.ru_maxrss / 1024.0);
	(void)hits;
	free(t);
	free(whole);
	app_close(&app);
	return 0;
}

/*
 * What the database holds, by the record it belongs to: its table with its indexes, its
 * history and search index, and its share of the audit trail (the rows the trail has of its
 * table, by the bytes they hold).
 */
static const struct {
	const char *label, *count_sql, *pattern, *audited;	/* pattern: GLOB over the b-trees' tables */
} holds[] = {
	{ "applications", "SELECT count(*) FROM application", "application|app_event", "application" },
	{ "consultations", "SELECT count(*) FROM consultation", "consultation|ask_event", "consultation" },
	{ "suggestions", "SELECT count(*) FROM suggestion", "suggestion|sug_event", "suggestion" },
	{ "guidance records", "SELECT count(*) FROM guidance", "guidance", "guidance" },
	{ "print log", "SELECT count(*) FROM print_log", "print_log", "print_log" },
	{ "paid prints", "SELECT count(*) FROM fee_log", "fee_log", "fee_log" },
	{ "knowledge-base entries", "SELECT count(*) FROM kb_entry", "kb_*", "kb_entry" },
	{ "portal documents", "SELECT count(*) FROM portal_doc", "portal_*", "portal_doc" },
};

/* The audit trail's bytes that belong to the rows of `tbl`: its share of what the trail holds (read once). */
static double audit_share(sqlite3 *db, double audit_bytes, const char *tbl)
{
	static char names[32][32];
	static double weight[32], total = -1;
	static int n;
	sqlite3_stmt *st;

	if (total < 0) {
		total = 0;
		if (sqlite3_prepare_v2(db,
				       "SELECT tbl, sum(length(changes) + length(record) + length(at) + length(operator)"
				       " + length(tbl) + 24) FROM audit GROUP BY tbl",
				       -1, &st, NULL) != SQLITE_OK)
			die("audit", sqlite3_errmsg(db));
		while (sqlite3_step(st) == SQLITE_ROW && n < 32) {
			snprintf(names[n], sizeof names[n], "%s", (const char *)sqlite3_column_text(st, 0));
			weight[n] = sqlite3_column_double(st, 1);
			total += weight[n++];
		}
		sqlite3_finalize(st);
	}
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], tbl) == 0)
			return audit_bytes * weight[i] / total;
	return 0;
}

/* Whether `name` matches one of the '|'-separated GLOB patterns. */
static int matches(const char *patterns, const char *name)
{
	char *copy = xstrdup(patterns), *save = NULL;
	int yes = 0;

	for (char *p = strtok_r(copy, "|", &save); p && !yes; p = strtok_r(NULL, "|", &save))
		yes = sqlite3_strglob(p, name) == 0;
	free(copy);
	return yes;
}

static int cmd_sizes(const char *config)
{
	struct app app;
	sqlite3_stmt *st;
	double all = 0, audit = 0;

	open_site(&app, config);
	/* Each b-tree's pages, by the table it belongs to (an index to its table). */
	if (sqlite3_prepare_v2(app.db,
			       "SELECT coalesce(m.tbl_name, s.name), sum(s.pgsize) FROM dbstat AS s"
			       " LEFT JOIN sqlite_schema AS m ON m.name = s.name GROUP BY 1",
			       -1, &st, NULL) != SQLITE_OK)
		die("dbstat", sqlite3_errmsg(app.db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		all += sqlite3_column_double(st, 1);
		if (strcmp((const char *)sqlite3_column_text(st, 0), "audit") == 0)
			audit = sqlite3_column_double(st, 1);
	}
	for (size_t i = 0; i < sizeof holds / sizeof holds[0]; i++) {
		long long n = count_of(app.db, holds[i].count_sql);
		double bytes = 0, audited;

		sqlite3_reset(st);
		while (sqlite3_step(st) == SQLITE_ROW)
			if (matches(holds[i].pattern, (const char *)sqlite3_column_text(st, 0)))
				bytes += sqlite3_column_double(st, 1);
		audited = audit_share(app.db, audit, holds[i].audited);
		printf("size\t%s\t%lld\t%.1f\t%.1f\t%.1f\n", holds[i].label, n, bytes / 1048576.0, audited / 1048576.0,
		       n ? (bytes + audited) / n : 0);
	}
	sqlite3_finalize(st);
	printf("size\tthe whole file\t-\t%.1f\t%.1f\t-\n", all / 1048576.0, audit / 1048576.0);
	app_close(&app);
	return 0;
}

static int usage(void)
{
	fputs("usage: page-bench pages|plans|frame|portal|sizes CONFIG [N] | page-bench one CONFIG LIST POS STEP\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	if (strcmp(argv[1], "pages") == 0)
		return cmd_pages(argv[2], argc > 3 ? atoi(argv[3]) : 101);
	if (strcmp(argv[1], "one") == 0 && argc == 6)
		return cmd_one(argv[2], argv[3], argv[4], argv[5]);
	if (strcmp(argv[1], "plans") == 0)
		return cmd_plans(argv[2]);
	if (strcmp(argv[1], "frame") == 0)
		return cmd_frame(argv[2], argc > 3 ? atoi(argv[3]) : 101);
	if (strcmp(argv[1], "portal") == 0)
		return cmd_portal(argv[2], argc > 3 ? atof(argv[3]) : 60);
	if (strcmp(argv[1], "sizes") == 0)
		return cmd_sizes(argv[2]);
	return usage();
}
