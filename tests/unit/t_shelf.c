/* t_shelf.c - the shelf catalogue: checks, the take-away rule, editions, row versions, stale days, paging. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appl.h"
#include "db.h"
#include "shelf.h"
#include "t.h"

static sqlite3 *open_db(void)
{
	sqlite3 *db = NULL;
	struct zerr err = ZERR_INIT;

	CHECK_INT(db_open(&db, ":memory:", DB_MUST_EXIST, &err), 0);
	return db;
}

/* The intervals of the config schema's defaults, without reading a file. */
static void defaults(struct config *cfg)
{
	static const int days[SK_COUNT] = { 366, 366, 31, 31, 366, 366, 366, 183 };

	memset(cfg, 0, sizeof *cfg);
	memcpy(cfg->shelf_refresh, days, sizeof days);
}

static void make(struct shelf_item *it, const char *title, const char *kind, const char *edition,
		 const char *position)
{
	shelf_init(it);
	shelf_set(it, HF_TITLE, title);
	shelf_set(it, HF_KIND, kind);
	shelf_set(it, HF_EDITION, edition);
	shelf_set(it, HF_POSITION, position);
}

/* The message of the problem on `field`, or NULL. */
static const char *problem(const struct appl_check *c, int field)
{
	for (int i = 0; i < c->n; i++)
		if (c->v[i].field == field)
			return c->v[i].msg;
	return NULL;
}

static void test_validate(void)
{
	zdate today = date_from_ymd(2026, 3, 9);
	struct shelf_item it;
	struct appl_check c;

	make(&it, "", "报纸", "", "");
	shelf_set(&it, HF_COPIES, "0");
	shelf_set(&it, HF_PLACED, "2026-03-10");
	CHECK_INT(shelf_validate(&it, today, &c), 6);
	CHECK(problem(&c, HF_TITLE) != NULL);
	CHECK_CONTAINS(problem(&c, HF_KIND), "service_guide");
	CHECK(problem(&c, HF_EDITION) != NULL);
	CHECK(problem(&c, HF_POSITION) != NULL);
	CHECK_CONTAINS(problem(&c, HF_COPIES), "1 to 999");
	CHECK(problem(&c, HF_PLACED) != NULL);
	appl_check_free(&c);
	shelf_free(&it);

	/* The notice's words for a kind are its code; copies default to 1, the day to today. */
	make(&it, "巫山县人民政府工作报告", "政府工作报告", "2026年", "A架2层");
	CHECK_INT(shelf_validate(&it, today, &c), 0);
	CHECK_STR(it.f[HF_KIND], "work_report");
	CHECK_INT(it.kind, SK_WORK_REPORT);
	CHECK_INT(it.copies, 1);
	CHECK_INT(it.placed, today);
	CHECK_INT(it.take_away, 0);
	CHECK_STR(it.f[HF_TAKE_AWAY], "no");
	appl_check_free(&c);

	/* Only 办事指南 may be taken away, and they are unless the clerk says otherwise. */
	shelf_set(&it, HF_TAKE_AWAY, "yes");
	CHECK_INT(shelf_validate(&it, today, &c), 1);
	CHECK_CONTAINS(problem(&c, HF_TAKE_AWAY), "only service guides");
	appl_check_free(&c);
	shelf_set(&it, HF_KIND, "办事指南");
	shelf_set(&it, HF_TAKE_AWAY, "");
	CHECK_INT(shelf_validate(&it, today, &c), 0);
	CHECK_INT(it.take_away, 1);
	appl_check_free(&c);
	shelf_set(&it, HF_TAKE_AWAY, "否");
	CHECK_INT(shelf_validate(&it, today, &c), 0);
	CHECK_INT(it.take_away, 0);
	appl_check_free(&c);
	shelf_free(&it);

	CHECK_INT(shelf_parse_copies("1"), 1);
	CHECK_INT(shelf_parse_copies("999"), 999);
	CHECK_INT(shelf_parse_copies("1000"), -1);
	CHECK_INT(shelf_parse_copies("0"), -1);
	CHECK_INT(shelf_parse_copies("-3"), -1);
	CHECK_INT(shelf_parse_copies(" 3"), -1);
	CHECK_INT(shelf_parse_copies(""), -1);
}

static void history_collect(void *ctx, const char *at, const char *day, const char *op, const char *event,
			    const char *detail)
{
	struct sbuf *b = ctx;

	(void)at;
	(void)op;
	sbuf_printf(b, "%s %s %s|", day, event, detail);
}

static void test_editions(void)
{
	sqlite3 *db = open_db();
	zdate today = date_from_ymd(2026, 3, 9);
	struct zerr err = ZERR_INIT;
	struct shelf_item it, again, other;
	struct appl_check c;
	struct sbuf h = { 0 };
	char *words;

	make(&it, "中华人民共和国国务院公报", "state_gazette", "2026年第6号", "A架3层");
	shelf_set(&it, HF_PLACED, "2026-03-01");
	CHECK_INT(shelf_add(db, &it, today, "张敏", &c, &err), 0);
	appl_check_free(&c);
	CHECK(it.id > 0);

	/* The same title and kind again: refused, pointing at the item there. */
	make(&again, "中华人民共和国国务院公报", "国务院公报", "2026年第7号", "A架3层");
	CHECK_INT(shelf_add(db, &again, today, "张敏", &c, &err), -1);
	CHECK_INT(c.errors, 0);
	CHECK_CONTAINS(err.msg, "replace its edition");
	CHECK_INT(err.field, HF_TITLE);
	appl_check_free(&c);
	shelf_free(&again);

	/* A new issue: placed again, the old one in the history; never the same, never earlier or later than allowed. */
	CHECK_INT(shelf_get(db, it.id, &again, &err), 0);
	CHECK_INT(shelf_get(db, it.id, &other, &err), 0);
	CHECK_INT(shelf_replace(db, &again, "2026年第6号", today, 0, today, "张敏", &err), -1);
	CHECK_CONTAINS(err.msg, "on the shelf already");
	CHECK_INT(shelf_replace(db, &again, "2026年第7号", today + 1, 0, today, "张敏", &err), -1);
	CHECK_INT(shelf_replace(db, &again, "2026年第7号", today - 30, 0, today, "张敏", &err), -1);
	CHECK_INT(shelf_replace(db, &again, "2026年第7号", today, 1000, today, "张敏", &err), -1);
	CHECK_INT(shelf_replace(db, &again, "2026年第7号", today, 2, today, "张敏", &err), 0);
	CHECK_STR(again.f[HF_EDITION], "2026年第7号");
	CHECK_INT(again.placed, today);
	CHECK_INT(again.copies, 2);
	CHECK_INT(again.version, 2);

	/* The other window still holds version 1: its change is refused, nothing written. */
	CHECK_INT(shelf_change(db, &other, 5, NULL, today, "李华", &err), -1);
	CHECK_CONTAINS(err.msg, "changed in another window");
	shelf_free(&other);
	CHECK_INT(shelf_get(db, it.id, &other, &err), 0);
	CHECK_INT(other.copies, 2);
	CHECK_INT(shelf_change(db, &other, 2, "A架3层", today, "李华", &err), -1);
	CHECK_CONTAINS(err.msg, "nothing to change");
	CHECK_INT(shelf_change(db, &other, 0, "", today, "李华", &err), -1);
	CHECK_INT(shelf_change(db, &other, 3, "A架4层", today, "李华", &err), 0);
	CHECK_STR(other.f[HF_POSITION], "A架4层");
	CHECK_INT(shelf_retire(db, &other, today, "李华", &err), 0);
	CHECK_INT(shelf_retire(db, &other, today, "李华", &err), -1);
	CHECK_INT(shelf_replace(db, &other, "2026年第8号", today, 0, today, "李华", &err), -1);
	CHECK_CONTAINS(err.msg, "taken off the shelf");

	CHECK_INT(shelf_history(db, it.id, history_collect, &h, &err), 0);
	CHECK_STR(h.s, "2026-03-01 added 2026年第6号\tA架3层\t1|2026-03-09 replaced 2026年第6号\t2026-03-01\t2026年第7号|"
		       "2026-03-09 copies 1\t2|2026-03-09 copies 2\t3|2026-03-09 moved A架3层\tA架4层|"
		       "2026-03-09 retired 2026年第7号|");
	words = shelf_event_detail("replaced", "2026年第6号\t2026-03-01\t2026年第7号");
	CHECK_CONTAINS(words, "2026-03-01");
	CHECK_CONTAINS(words, "2026年第7号");
	free(words);
	words = shelf_event_detail("moved", "oops");
	CHECK_STR(words, "oops");
	free(words);

	/* Taken off, the title may go on the shelf again as a new item. */
	shelf_free(&again);
	make(&again, "中华人民共和国国务院公报", "国务院公报", "2026年第8号", "A架3层");
	CHECK_INT(shelf_add(db, &again, today, "张敏", &c, &err), 0);
	appl_check_free(&c);
	shelf_free(&again);
	shelf_free(&other);
	sbuf_free(&h);
	shelf_free(&it);
	db_close(db);
}

static void test_stale(void)
{
	struct config cfg;
	struct shelf_item it;
	zdate placed = date_from_ymd(2026, 3, 9);
	char *text;

	defaults(&cfg);
	shelf_init(&it);
	it.kind = SK_STATE_GAZETTE;
	it.placed = placed;
	CHECK_INT(shelf_due(&cfg, &it), date_from_ymd(2026, 4, 9));
	CHECK_INT(shelf_stale(&cfg, &it, date_from_ymd(2026, 4, 9)), 0);
	CHECK_INT(shelf_stale(&cfg, &it, date_from_ymd(2026, 4, 10)), 1);
	text = shelf_state_text(&cfg, &it, date_from_ymd(2026, 4, 12));
	CHECK_CONTAINS(text, "2026-04-10");
	free(text);
	it.kind = SK_SERVICE_GUIDE;
	CHECK_INT(shelf_stale(&cfg, &it, date_from_ymd(2026, 9, 8)), 0);
	CHECK_INT(shelf_stale(&cfg, &it, date_from_ymd(2026, 9, 9)), 1);
	/* A site's own interval ([shelf] refresh_service_guide). */
	cfg.shelf_refresh[SK_SERVICE_GUIDE] = 30;
	CHECK_INT(shelf_stale(&cfg, &it, date_from_ymd(2026, 4, 9)), 1);
	it.retired = 1;
	CHECK_INT(shelf_stale(&cfg, &it, date_from_ymd(2030, 1, 1)), 0);
	shelf_free(&it);
}

/* Forwards and backwards a few rows at a time, the pages make the whole list in order, once. */
static void test_paging(void)
{
	sqlite3 *db = open_db();
	zdate today = date_from_ymd(2026, 3, 9);
	struct config cfg;
	struct shelf_filter all = { 0, 0, today, &cfg }, stale = { 1, 0, today, &cfg };
	struct zerr err = ZERR_INIT;
	long long forward[40], back[40];
	struct shelf_item *rows, last;
	int nf = 0, nb = 0, n, have = 0;

	defaults(&cfg);
	for (int i = 0; i < 31; i++) {
		struct shelf_item it;
		struct appl_check c;
		char title[64], position[16], day[DATE_BUFSZ];

		snprintf(title, sizeof title, "资料%02d", (i * 7) % 31);
		snprintf(position, sizeof position, "%c架%d层", 'A' + i % 3, i % 4);
		make(&it, title, shelf_kind_code(i % SK_COUNT), "2026年版", position);
		/* Every third one placed long ago: out of date whatever its kind. */
		shelf_set(&it, HF_PLACED, date_format(today - (i % 3 == 0 ? 400 : 0), day));
		CHECK_INT(shelf_add(db, &it, today, "张敏", &c, &err), 0);
		appl_check_free(&c);
		shelf_free(&it);
	}
	CHECK_INT(shelf_count(db, &all, &err), 31);
	CHECK_INT(shelf_count(db, &stale, &err), 11);
	shelf_init(&last);
	do {
		CHECK_INT(shelf_page(db, &all, have ? &last : NULL, 0, 7, &rows, &n, &err), 0);
		for (int i = 0; i < n && nf < 40; i++)
			forward[nf++] = rows[i].id;
		if (n) {
			/* In order: kind, then place, then title. */
			for (int i = 1; i < n; i++)
				CHECK(rows[i - 1].kind < rows[i].kind ||
				      (rows[i - 1].kind == rows[i].kind &&
				       strcmp(rows[i - 1].f[HF_POSITION], rows[i].f[HF_POSITION]) <= 0));
			shelf_free(&last);
			shelf_init(&last);
			last.id = rows[n - 1].id;
			last.kind = rows[n - 1].kind;
			shelf_set(&last, HF_POSITION, rows[n - 1].f[HF_POSITION]);
			shelf_set(&last, HF_TITLE, rows[n - 1].f[HF_TITLE]);
			have = 1;
		}
		shelf_rows_free(rows, n);
	} while (n == 7);
	CHECK_INT(nf, 31);
	have = 0;
	do {
		CHECK_INT(shelf_page(db, &all, have ? &last : NULL, 1, 5, &rows, &n, &err), 0);
		/* A page read backwards comes in display order: prepend it. */
		for (int i = n - 1; i >= 0 && nb < 40; i--)
			back[nb++] = rows[i].id;
		if (n) {
			shelf_free(&last);
			shelf_init(&last);
			last.id = rows[0].id;
			last.kind = rows[0].kind;
			shelf_set(&last, HF_POSITION, rows[0].f[HF_POSITION]);
			shelf_set(&last, HF_TITLE, rows[0].f[HF_TITLE]);
			have = 1;
		}
		shelf_rows_free(rows, n);
	} while (n == 5);
	CHECK_INT(nb, 31);
	for (int i = 0; i < 31 && i < nb; i++)
		CHECK_INT(back[nb - 1 - i], forward[i]);
	shelf_free(&last);
	db_close(db);
}

static void test_catalogue(void)
{
	sqlite3 *db = open_db();
	zdate today = date_from_ymd(2026, 3, 9);
	struct zerr err = ZERR_INIT;
	struct config cfg;
	char *text;

	defaults(&cfg);
	cfg.site_name = "巫山县图书馆";
	CHECK_INT(shelf_add_demo(db, today, "zwgk init", &err), 0);
	text = shelf_catalogue(db, &cfg, today, &err);
	CHECK(text != NULL);
	CHECK_CONTAINS(text, "巫山县图书馆");
	CHECK_CONTAINS(text, "\n[Service guide]\n");
	CHECK_CONTAINS(text, "Total: 8 item(s), 42 copies.");
	/* The kinds in the notice's order. */
	CHECK(strstr(text, "[Policy compilation]") && strstr(text, "[Policy compilation]") < strstr(text, "[State Council gazette]"));
	CHECK(strstr(text, "[State Council gazette]") && strstr(text, "[State Council gazette]") < strstr(text, "[Service guide]"));
	free(text);
	{
		struct shelf_filter stale = { 1, 0, today, &cfg };

		CHECK_INT(shelf_count(db, &stale, &err), 2);
	}
	db_close(db);
}

T_SUITE(shelf_tests) = {
	{ "shelf: checks, kinds by their words, the take-away rule", test_validate },
	{ "shelf: new editions, history, row versions, retiring", test_editions },
	{ "shelf: out of date by kind, the site's own interval", test_stale },
	{ "shelf: keyset pages forwards and backwards, stale filter", test_paging },
	{ "shelf: the catalogue grouped by kind, the demo shelf", test_catalogue },
	T_END
};
