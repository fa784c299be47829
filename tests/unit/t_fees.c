/* t_fees.c - the approved charges: parsing [fees], amounts, the schedule, the fee log. */
#include <stdlib.h>

#include "db.h"
#include "fees.h"
#include "t.h"

/* A configuration with only what fees.c reads. */
static void fees_cfg(struct config *cfg, const char *per, const char *colour, int free_pages, const char *doc)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->path = "site/zwgk.ini";
	cfg->dir = (char *)t_tmpdir();
	cfg->site_name = "巫山县高唐街道便民服务中心";
	cfg->site_county = "巫山县";
	cfg->site_phone = "023-00000000";
	cfg->fees_per_page = (char *)per;
	cfg->fees_colour_per_page = (char *)colour;
	cfg->fees_free_pages = free_pages;
	cfg->fees_document = (char *)doc;
}

static void test_fees_parse(void)
{
	static const struct {
		const char *text;
		long fen;
	} good[] = { { "0.5", 50 }, { "0.50", 50 }, { "1", 100 }, { "1.20", 120 }, { "12.3", 1230 }, { "0.05", 5 } };
	static const char *const bad[] = { "-1", "0.505", "abc", "1,00", "1.", ".5", "1.2a", " 1", "+1", "1e2", "1234567" };
	struct config cfg;
	struct fees f;
	struct zerr err = ZERR_INIT;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		fees_cfg(&cfg, good[i].text, "", 0, "渝价〔2020〕1号");
		CHECK_INT(fees_load(&cfg, &f, &err), 0);
		CHECK_INT(f.per_page_fen, good[i].fen);
		CHECK_INT(f.approved, 1);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		zerr_clear(&err);
		fees_cfg(&cfg, bad[i], "", 0, "渝价〔2020〕1号");
		CHECK_INT(fees_load(&cfg, &f, &err), -1);
		CHECK_CONTAINS(err.msg, "site/zwgk.ini: [fees] per_page:");
		CHECK_CONTAINS(err.msg, bad[i]);
	}
	zerr_clear(&err);
	fees_cfg(&cfg, "0.50", "1.005", 0, "渝价〔2020〕1号");
	CHECK_INT(fees_load(&cfg, &f, &err), -1);
	CHECK_CONTAINS(err.msg, "[fees] colour_per_page:");
	/* A colour charge alone, or a charge without its approving document: refused. */
	zerr_clear(&err);
	fees_cfg(&cfg, "", "1.00", 0, "渝价〔2020〕1号");
	CHECK_INT(fees_load(&cfg, &f, &err), -1);
	CHECK_CONTAINS(err.msg, "[fees] colour_per_page:");
	zerr_clear(&err);
	fees_cfg(&cfg, "0.50", "", 0, "");
	CHECK_INT(fees_load(&cfg, &f, &err), -1);
	CHECK_CONTAINS(err.msg, "[fees] document:");
	/* Nothing approved (empty, or a charge of nothing): free, no document needed. */
	fees_cfg(&cfg, "", "", 5, "");
	CHECK_INT(fees_load(&cfg, &f, &err), 0);
	CHECK_INT(f.approved, 0);
	fees_cfg(&cfg, "0.00", "", 0, "");
	CHECK_INT(fees_load(&cfg, &f, &err), 0);
	CHECK_INT(f.approved, 0);
}

static void test_fees_amount(void)
{
	struct config cfg;
	struct fees f;
	struct zerr err = ZERR_INIT;
	char *s;

	fees_cfg(&cfg, "0.50", "1.2", 3, "渝价〔2020〕1号");
	CHECK_INT(fees_load(&cfg, &f, &err), 0);
	CHECK_INT(fees_amount(&f, 1, 0), 0);
	CHECK_INT(fees_amount(&f, 3, 0), 0);
	CHECK_INT(fees_amount(&f, 10, 0), 350);
	CHECK_INT(fees_amount(&f, 10, 1), 840);
	/* Without a colour charge of their own, colour pages cost what any page costs. */
	fees_cfg(&cfg, "0.50", "", 0, "渝价〔2020〕1号");
	CHECK_INT(fees_load(&cfg, &f, &err), 0);
	CHECK_INT(fees_amount(&f, 4, 1), 200);
	fees_cfg(&cfg, "", "", 0, "");
	CHECK_INT(fees_load(&cfg, &f, &err), 0);
	CHECK_INT(fees_amount(&f, 100, 0), 0);
	s = fees_format(50);
	CHECK_STR(s, "0.50 元");
	free(s);
	s = fees_format(1205);
	CHECK_STR(s, "12.05 元");
	free(s);
	s = fees_format(0);
	CHECK_STR(s, "0.00 元");
	free(s);
}

static void test_fees_schedule(void)
{
	struct config cfg;
	struct zerr err = ZERR_INIT;
	char *s;

	setenv("ZWGK_FORMSDIR", t_src("forms"), 1);
	fees_cfg(&cfg, "", "", 0, "");
	s = fees_schedule_text(&cfg, &err);
	CHECK_CONTAINS(s, "is free of charge (no");
	CHECK_CONTAINS(s, "unless it has been approved).");
	CHECK_CONTAINS(s, "巫山县高唐街道便民服务中心");
	CHECK(s && !strstr(s, "{"));
	free(s);
	fees_cfg(&cfg, "0.5", "1.00", 2, "渝价〔2020〕1号");
	s = fees_schedule_text(&cfg, &err);
	CHECK_CONTAINS(s, "0.50 元 a page");
	CHECK_CONTAINS(s, "colour: 1.00 元 a page");
	CHECK_CONTAINS(s, "The first 2 pages");
	CHECK_CONTAINS(s, "渝价〔2020〕1号");
	free(s);
	fees_cfg(&cfg, "x", "", 0, "");
	CHECK(fees_schedule_text(&cfg, &err) == NULL);
	CHECK_CONTAINS(err.msg, "[fees] per_page");
	unsetenv("ZWGK_FORMSDIR");
}

static void test_fees_record(void)
{
	struct zerr err = ZERR_INIT;
	sqlite3 *db;
	sqlite3_stmt *st;

	setenv("ZWGK_TODAY", "2026-03-09", 1);
	CHECK_INT(db_open(&db, ":memory:", DB_MUST_EXIST, &err), 0);
	CHECK_INT(fees_record(db, "张敏", "copy", "WSGT-2026-00001", 12, 450, "渝价〔2020〕1号", &err), 0);
	/* Bound, not pasted: a quote in a reference is data. */
	CHECK_INT(fees_record(db, "张敏", "print", "it's", 1, 0, "", &err), 0);
	CHECK_INT(fees_record(db, "张敏", "print", "", 0, 50, "", &err), -1);
	st = db_prepare(db, "SELECT day, operator, what, ref, pages, amount_fen, document, length(at) FROM fee_log ORDER BY id",
			&err);
	CHECK(st != NULL);
	if (st) {
		CHECK_INT(sqlite3_step(st), SQLITE_ROW);
		CHECK_STR(db_text(st, 0), "2026-03-09");
		CHECK_STR(db_text(st, 1), "张敏");
		CHECK_STR(db_text(st, 2), "copy");
		CHECK_STR(db_text(st, 3), "WSGT-2026-00001");
		CHECK_INT(sqlite3_column_int(st, 4), 12);
		CHECK_INT(sqlite3_column_int64(st, 5), 450);
		CHECK_STR(db_text(st, 6), "渝价〔2020〕1号");
		CHECK_INT(sqlite3_column_int(st, 7), 19);
		CHECK_INT(sqlite3_step(st), SQLITE_ROW);
		CHECK_STR(db_text(st, 3), "it's");
		CHECK_INT(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
	}
	db_close(db);
	unsetenv("ZWGK_TODAY");
}

T_SUITE(fees_tests) = {
	{ "fees: [fees] amounts parsed to fen, bad ones named", test_fees_parse },
	{ "fees: amounts with free pages and colour, formatting", test_fees_amount },
	{ "fees: the schedule, free or with the approved charges", test_fees_schedule },
	{ "fees: paid prints in fee_log", test_fees_record },
	T_END
};
