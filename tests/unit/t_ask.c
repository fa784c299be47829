/* t_ask.c - the consultation register: its states, deadlines from the calendar, learning, the knowledge loop. */
#include <stdlib.h>

#include "ask.h"
#include "db.h"
#include "fsutil.h"
#include "t.h"
#include "unit.h"

static const char entries[] =
	"id\tcategory\tquestion\tanswer\tsource\tunit\tstatus\tvalid_until\n"
	"KB001\t社会保障\t城乡居民养老保险满足什么条件可以领取养老金？\t年满60周岁、累计缴费满15年可按月领取。\t实施办法\t县人力社保局\tpublished\t\n"
	"KB002\t医疗保障\t城乡居民医保每年什么时候缴费？\t每年9月至12月集中缴纳下一年度的费用。\t缴费通知\t县医保局\tpublished\t\n"
	"KB003\t社会救助\t2020年的临时救助标准是多少？\t按当年标准执行。\t旧文件\t县民政局\tpublished\t2020-12-31\n"
	"KB004\t社会救助\t低保怎么申请？\t向户籍所在地乡镇提出。\t\t县民政局\tdraft\t\n";

struct fixture {
	sqlite3 *db;
	struct config cfg;
	struct calendar cal;
	struct zh_synonyms syn;
};

static void setup(struct fixture *fx)
{
	struct zerr err = ZERR_INIT;
	size_t len;
	char *csv = fs_read_file(t_src("contrib/units-wushan.csv"), 1 << 20, &len, &err);
	int added, updated;

	memset(fx, 0, sizeof *fx);
	CHECK_INT(zh_synonyms_load(&fx->syn, t_src("contrib/synonyms.txt"), &err), 0);
	CHECK_INT(db_open(&fx->db, ":memory:", DB_MUST_EXIST, &err), 0);
	CHECK_INT(kb_sync_index(fx->db, &fx->syn, &err), 0);
	CHECK_INT(unit_import_csv(fx->db, csv, len, "t", &added, &updated, &err), 0);
	free(csv);
	CHECK_INT(kb_import(fx->db, entries, sizeof entries - 1, "t", "测试员", &added, &updated, &err), 0);
	CHECK_INT(cal_load(&fx->cal, t_src("contrib/holidays.txt"), &err), 0);
	fx->cfg.site_code = "WSGT";
	fx->cfg.consultation_serial = "{site}-ZX-{yyyy}-{seq:05}";
	setenv("ZWGK_TODAY", "2026-09-30", 1);
}

static void teardown(struct fixture *fx)
{
	db_close(fx->db);
	cal_free(&fx->cal);
	zh_fts5_set_synonyms(NULL);
	zh_synonyms_free(&fx->syn);
	unsetenv("ZWGK_TODAY");
}

/* Logs a question asked on `day`; name and contact may be NULL. */
static void logged(struct fixture *fx, struct ask *q, const char *question, const char *name, const char *day)
{
	struct appl_check c;
	struct zerr err = ZERR_INIT;

	ask_init(q);
	ask_set(q, QF_QUESTION, question);
	ask_set(q, QF_RECEIVED, day);
	if (name) {
		ask_set(q, QF_NAME, name);
		ask_set(q, QF_CONTACT, "13800000000");
	}
	CHECK_INT(ask_validate(q, date_today(), &c), 0);
	appl_check_free(&c);
	CHECK_INT(ask_log(fx->db, &fx->cfg, q, "测试员", &err), 0);
}

static zdate day(const char *s)
{
	zdate d = 0;

	date_parse(s, &d);
	return d;
}

static void test_validate(void)
{
	struct fixture fx;
	struct ask q;
	struct appl_check c;

	setup(&fx);
	ask_init(&q);
	ask_set(&q, QF_CHANNEL, "信鸽");
	ask_set(&q, QF_RECEIVED, "2026-10-01");
	CHECK_INT(ask_validate(&q, date_today(), &c), 3);
	CHECK_INT(c.v[0].field, QF_QUESTION);
	CHECK_INT(c.v[1].field, QF_CHANNEL);
	CHECK_INT(c.v[2].field, QF_RECEIVED);
	appl_check_free(&c);
	/* The channel's Chinese wording is taken and stored as its code; the day defaults to today. */
	ask_set(&q, QF_CHANNEL, "电话");
	ask_set(&q, QF_RECEIVED, "");
	ask_set(&q, QF_QUESTION, "多行的问题\n第二行");
	CHECK_INT(ask_validate(&q, date_today(), &c), 0);
	CHECK_STR(q.f[QF_CHANNEL], "phone");
	CHECK_STR(q.f[QF_RECEIVED], "2026-09-30");
	appl_check_free(&c);
	ask_free(&q);
	teardown(&fx);
}

static void test_dispatch(void)
{
	struct fixture fx;
	struct ask q, again;
	struct zerr err = ZERR_INIT;
	char b[DATE_BUFSZ];

	setup(&fx);
	logged(&fx, &q, "村里修路的补助啥时候发？", NULL, "2026-09-30");
	CHECK_STR(q.serial, "WSGT-ZX-2026-00001");
	CHECK_INT(q.state, QS_LOGGED);
	/* The unit answers the citizen: without a name and contact it cannot be dispatched. */
	CHECK_INT(ask_dispatch(fx.db, &fx.cal, &q, "巫山县交通运输委员会", "paper", day("2026-09-30"), "测试员", &err), -1);
	CHECK_CONTAINS(err.msg, "name and contact");
	CHECK_INT(q.state, QS_LOGGED);
	ask_set(&q, QF_NAME, "李四");
	ask_set(&q, QF_CONTACT, "13900000000");
	CHECK_INT(ask_dispatch(fx.db, &fx.cal, &q, "没有这个单位", "paper", day("2026-09-30"), "测试员", &err), -1);
	CHECK_CONTAINS(err.msg, "no unit named");
	CHECK_INT(ask_dispatch(fx.db, &fx.cal, &q, "巫山县交通运输委员会", "fax", day("2026-09-30"), "测试员", &err), -1);
	CHECK_INT(ask_dispatch(fx.db, &fx.cal, &q, "巫山县交通运输委员会", "paper", day("2026-10-01"), "测试员", &err), -1);
	CHECK_CONTAINS(err.msg, "future");
	CHECK_INT(ask_dispatch(fx.db, &fx.cal, &q, "巫山县交通运输委员会", "paper", day("2026-09-29"), "测试员", &err), -1);
	CHECK_CONTAINS(err.msg, "before the question was asked");
	/* Five working days from 30 September: the National Day week and its make-up Saturday count right. */
	CHECK_INT(ask_dispatch(fx.db, &fx.cal, &q, "巫山县交通运输委员会", "paper", day("2026-09-30"), "测试员", &err), 0);
	CHECK_INT(q.state, QS_DISPATCHED);
	CHECK_STR(date_format(q.due, b), "2026-10-13");
	CHECK_STR(q.f[QF_NAME], "李四");
	/* Stored as shown, the name and contact too. */
	CHECK_INT(ask_load(fx.db, "WSGT-ZX-2026-00001", &again, &err), 0);
	CHECK_STR(date_format(again.due, b), "2026-10-13");
	CHECK_STR(again.f[QF_CONTACT], "13900000000");
	CHECK_STR(again.unit_name, "巫山县交通运输委员会");
	ask_free(&again);
	/* Once dispatched, it cannot be answered, redirected or dispatched again. */
	CHECK_INT(ask_dispatch(fx.db, &fx.cal, &q, "巫山县交通运输委员会", "paper", day("2026-09-30"), "测试员", &err), -1);
	CHECK_CONTAINS(err.msg, "Dispatched");
	CHECK_INT(ask_redirect(fx.db, &q, "巫山县交通运输委员会", date_today(), "测试员", &err), -1);
	/* Overdue from the day after the deadline, and counted for the status bar. */
	CHECK(!ask_overdue(&q, day("2026-10-13")));
	CHECK(ask_overdue(&q, day("2026-10-14")));
	CHECK_INT(ask_count_overdue(fx.db, day("2026-10-13")), 0);
	CHECK_INT(ask_count_overdue(fx.db, day("2026-10-14")), 1);
	{
		struct ask_filter f = { .state = -1, .overdue = 1, .today = day("2026-10-14") };
		struct ask *rows;
		int n;

		CHECK_INT(ask_page(fx.db, &f, NULL, 0, 10, &rows, &n, &err), 0);
		CHECK_INT(n, 1);
		ask_rows_free(rows, n);
		f.today = day("2026-10-12");
		CHECK_INT(ask_page(fx.db, &f, NULL, 0, 10, &rows, &n, &err), 0);
		CHECK_INT(n, 0);
		ask_rows_free(rows, n);
	}
	/* The reply: not before the dispatch, not in the future, with a text. */
	setenv("ZWGK_TODAY", "2026-10-15", 1);
	CHECK_INT(ask_reply(fx.db, &q, "", day("2026-10-15"), date_today(), "测试员", &err), -1);
	CHECK_INT(ask_reply(fx.db, &q, "已答复", day("2026-09-29"), date_today(), "测试员", &err), -1);
	CHECK_INT(ask_reply(fx.db, &q, "已答复", day("2026-10-16"), date_today(), "测试员", &err), -1);
	CHECK_INT(ask_followup(fx.db, &q, QFU_SATISFIED, "", day("2026-10-15"), date_today(), "测试员", &err), -1);
	CHECK_CONTAINS(err.msg, "cannot be called back");
	CHECK_INT(ask_reply(fx.db, &q, "补助在年底前统一发放到户。", day("2026-10-15"), date_today(), "测试员", &err), 0);
	CHECK_INT(q.state, QS_REPLIED);
	CHECK(!ask_overdue(&q, day("2026-10-20")));
	CHECK_INT(ask_count_overdue(fx.db, day("2026-10-20")), 0);
	/* The follow-up call, once. */
	CHECK_INT(ask_followup(fx.db, &q, -1, "", day("2026-10-15"), date_today(), "测试员", &err), -1);
	CHECK_INT(ask_followup(fx.db, &q, QFU_UNSATISFIED, "嫌慢", day("2026-10-15"), date_today(), "测试员", &err), 0);
	CHECK_INT(ask_followup(fx.db, &q, QFU_SATISFIED, "", day("2026-10-15"), date_today(), "测试员", &err), -1);
	CHECK_CONTAINS(err.msg, "already");
	CHECK_INT(ask_load(fx.db, "WSGT-ZX-2026-00001", &again, &err), 0);
	CHECK_INT(again.followup, QFU_UNSATISFIED);
	CHECK_STR(again.followup_note, "嫌慢");
	ask_free(&again);
	ask_free(&q);
	teardown(&fx);
}

static void test_answer(void)
{
	struct fixture fx;
	struct ask q, other;
	struct zerr err = ZERR_INIT;
	struct kb_hit *hits;
	int n, learned;
	const char *words = "老汉儿满六十了，养老钱咋个领？";

	setup(&fx);
	logged(&fx, &q, words, NULL, "2026-09-30");
	/* A draft or an expired entry is never given as an answer. */
	CHECK_INT(ask_answer(fx.db, &fx.syn, &q, "KB004", date_today(), "测试员", &learned, &err), -1);
	CHECK_CONTAINS(err.msg, "not published");
	CHECK_INT(ask_answer(fx.db, &fx.syn, &q, "KB003", date_today(), "测试员", &learned, &err), -1);
	CHECK_CONTAINS(err.msg, "已失效");
	CHECK_INT(ask_answer(fx.db, &fx.syn, &q, "KB999", date_today(), "测试员", &learned, &err), -1);
	CHECK_INT(q.state, QS_LOGGED);
	/* Answered with the entry the search found first and confidently: nothing to learn. */
	CHECK_INT(kb_search(fx.db, &fx.syn, "城乡居民医保每年什么时候缴费", 1, date_today(), &hits, &n, &err), 0);
	CHECK_INT(n, 1);
	logged(&fx, &other, "城乡居民医保每年什么时候缴费", NULL, "2026-09-30");
	CHECK_INT(ask_answer(fx.db, &fx.syn, &other, "KB002", date_today(), "测试员", &learned, &err), 0);
	CHECK_INT(learned, hits[0].confident ? 0 : 1);
	kb_hits_free(hits, n);
	ask_free(&other);
	/* Answered by hand with another entry: the citizen's words become an alias of it. */
	CHECK_INT(ask_answer(fx.db, &fx.syn, &q, "KB001", date_today(), "测试员", &learned, &err), 0);
	CHECK_INT(q.state, QS_ANSWERED);
	CHECK_STR(q.entry_code, "KB001");
	CHECK_INT(kb_search(fx.db, &fx.syn, words, 1, date_today(), &hits, &n, &err), 0);
	CHECK_INT(n, 1);
	CHECK_STR(n ? hits[0].code : "", "KB001");
	CHECK(n && hits[0].confident);
	kb_hits_free(hits, n);
	/* The next citizen who says it so is found first: nothing more to learn, no duplicate alias. */
	logged(&fx, &other, "老汉儿满六十了养老钱咋个领", NULL, "2026-09-30");
	CHECK_INT(ask_answer(fx.db, &fx.syn, &other, "KB001", date_today(), "测试员", &learned, &err), 0);
	CHECK_INT(learned, 0);
	ask_free(&other);
	/* The answer slip carries the entry's answer and source. */
	fx.cfg.site_name = "高唐街道便民服务中心";
	fx.cfg.site_phone = "";
	setenv("ZWGK_FORMSDIR", t_src("forms"), 1);
	{
		char *slip = ask_slip_text(fx.db, &fx.cfg, &q, "测试员", &err);

		CHECK_CONTAINS(slip, "政策咨询答复单");
		CHECK_CONTAINS(slip, "年满60周岁");
		CHECK_CONTAINS(slip, "实施办法");
		free(slip);
	}
	ask_free(&q);
	teardown(&fx);
}

static void test_draft(void)
{
	struct fixture fx;
	struct ask q;
	struct kb_entry e, stored;
	struct zerr err = ZERR_INIT;

	setup(&fx);
	logged(&fx, &q, "村里修路的补助啥时候发？", "李四", "2026-09-30");
	CHECK_INT(ask_make_draft(fx.db, &q, "测试员", &e, &err), -1);
	CHECK_CONTAINS(err.msg, "no reply yet");
	kb_entry_free(&e);
	CHECK_INT(ask_dispatch(fx.db, &fx.cal, &q, "巫山县交通运输委员会", "paper", day("2026-09-30"), "测试员", &err), 0);
	CHECK_INT(ask_reply(fx.db, &q, "补助在年底前统一发放到户。", day("2026-09-30"), date_today(), "测试员", &err), 0);
	CHECK_INT(ask_make_draft(fx.db, &q, "测试员", &e, &err), 0);
	CHECK_INT(kb_load(fx.db, e.f[KF_CODE], &stored, &err), 0);
	CHECK_INT(stored.status, KB_DRAFT);
	CHECK_INT(stored.consultation_id, q.id);
	CHECK_STR(stored.f[KF_ANSWER], "补助在年底前统一发放到户。");
	CHECK_STR(stored.f[KF_UNIT], "巫山县交通运输委员会");
	kb_entry_free(&stored);
	kb_entry_free(&e);
	/* Once only. */
	CHECK_INT(ask_make_draft(fx.db, &q, "测试员", &e, &err), -1);
	CHECK_CONTAINS(err.msg, "already");
	kb_entry_free(&e);
	ask_free(&q);
	teardown(&fx);
}

static void test_stale(void)
{
	struct fixture fx;
	struct ask q, other;
	struct zerr err = ZERR_INIT;

	setup(&fx);
	logged(&fx, &q, "问题", "李四", "2026-09-30");
	CHECK_INT(ask_load(fx.db, q.serial, &other, &err), 0);
	CHECK_INT(ask_redirect(fx.db, &other, "巫山县交通运输委员会", date_today(), "测试员", &err), 0);
	/* The first window still shows it logged: its dispatch is refused and it reloads as stored. */
	CHECK_INT(ask_dispatch(fx.db, &fx.cal, &q, "巫山县交通运输委员会", "paper", day("2026-09-30"), "测试员", &err), -1);
	CHECK_CONTAINS(err.msg, "another window");
	CHECK_INT(q.state, QS_REDIRECTED);
	ask_free(&other);
	ask_free(&q);
	teardown(&fx);
}

T_SUITE(ask_tests) = {
	{ "ask: checks of a logged question", test_validate },
	{ "ask: dispatch, deadline over the holidays, overdue, reply, follow-up", test_dispatch },
	{ "ask: answered from the knowledge base, the desk learns the wording", test_answer },
	{ "ask: a reply becomes a draft entry once", test_draft },
	{ "ask: two windows: a stale record is refused", test_stale },
	T_END
};
