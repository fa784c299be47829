/* t_appl.c - identity checksums, serial numbers, intake checks, scope, states and deadlines. */
#include <stdlib.h>

#include "appl.h"
#include "choice.h"
#include "db.h"
#include "fsutil.h"
#include "ident.h"
#include "serial.h"
#include "t.h"

static zdate d(const char *s)
{
	zdate day = 0;

	date_parse(s, &day);
	return day;
}

static void test_citizen_id(void)
{
	zdate today = d("2026-03-09");
	char *m;

	CHECK_INT(ident_check_id("11010519491231002X", today), ID_OK);
	CHECK_INT(ident_check_id("11010519491231002x", today), ID_OK);
	CHECK_INT(ident_check_id("110105194912310021", today), ID_BAD_CHECK);
	CHECK_INT(ident_check_id("11010519491231002", today), ID_BAD_LENGTH);
	CHECK_INT(ident_check_id("1101051949123100XX", today), ID_BAD_CHAR);
	CHECK_INT(ident_check_id("11010520260230002X", today), ID_BAD_BIRTH);
	/* A birth date after today is no birth date. */
	{
		char id[19] = "11010520270101001";

		id[17] = ident_id_check_char(id);
		id[18] = '\0';
		CHECK_INT(ident_check_id(id, today), ID_BAD_BIRTH);
		CHECK_INT(ident_check_id(id, d("2027-01-01")), ID_OK);
	}
	m = ident_mask_id("50023719800101123X");
	CHECK_STR(m, "5002**********123X");
	free(m);
	m = ident_mask_phone("13812345678");
	CHECK_STR(m, "138****5678");
	free(m);
	CHECK_INT(ident_check_doc(DOC_PASSPORT, "E12345678", today), ID_OK);
	CHECK_INT(ident_check_doc(DOC_HK_MACAO, "H12345678", today), ID_OK);
	CHECK(ident_check_doc(DOC_HK_MACAO, "X12345678", today) != ID_OK);
	CHECK_INT(ident_doc_parse("居民身份证"), DOC_ID_CARD);
}

static void test_credit_code(void)
{
	char code[19] = "91500237MA5UABCD1";

	code[17] = ident_uscc_check_char(code);
	code[18] = '\0';
	CHECK_INT(ident_check_uscc(code), ID_OK);
	code[10] = code[10] == '5' ? '6' : '5';
	CHECK_INT(ident_check_uscc(code), ID_BAD_CHECK);
	CHECK_INT(ident_check_uscc("91500237MA5UABCD1I"), ID_BAD_CHAR);	/* I is not used */
	CHECK_INT(ident_check_uscc("9150023"), ID_BAD_LENGTH);
}

static void test_serials(void)
{
	sqlite3 *db;
	struct zerr err = ZERR_INIT;
	char *s;
	int seq;

	CHECK_INT(serial_pattern_check("{site}-{yyyy}-{seq:05}"), 0);
	CHECK_INT(serial_pattern_check("SQ{yy}{seq}"), 0);
	CHECK_INT(serial_pattern_check("{site}-{seq}"), -1);
	CHECK_INT(serial_pattern_check("{yyyy}-{seq}-{seq}"), -1);
	CHECK_INT(serial_pattern_check("{yyyy}-{sequence}"), -1);
	s = serial_format("{site}-{yyyy}-{seq:05}", "WSGT", 2026, 42);
	CHECK_STR(s, "WSGT-2026-00042");
	free(s);
	s = serial_format("申{yy}第{seq}号", "X", 2026, 7);
	CHECK_STR(s, "申26第7号");
	free(s);
	CHECK_INT(db_open(&db, ":memory:", DB_MUST_EXIST, &err), 0);
	CHECK_INT(serial_next(db, "app", 2026, &seq, &err), 0);
	CHECK_INT(seq, 1);
	CHECK_INT(serial_next(db, "app", 2026, &seq, &err), 0);
	CHECK_INT(seq, 2);
	CHECK_INT(serial_next(db, "app", 2027, &seq, &err), 0);
	CHECK_INT(seq, 1);
	CHECK_INT(serial_next(db, "sug", 2026, &seq, &err), 0);
	CHECK_INT(seq, 1);
	db_close(db);
}

/* A township site of the demo, with the demo's units and calendar. */
struct fixture {
	sqlite3 *db;
	struct config cfg;
	struct calendar cal;
};

static void setup(struct fixture *fx, int site_type)
{
	struct zerr err = ZERR_INIT;
	size_t len;
	char *csv = fs_read_file(t_src("contrib/units-wushan.csv"), 1 << 20, &len, &err);
	int added, updated;

	memset(fx, 0, sizeof *fx);
	CHECK_INT(db_open(&fx->db, ":memory:", DB_MUST_EXIST, &err), 0);
	CHECK_INT(unit_import_csv(fx->db, csv, len, "t", &added, &updated, &err), 0);
	free(csv);
	CHECK_INT(cal_load(&fx->cal, t_src("contrib/holidays.txt"), &err), 0);
	fx->cfg.site_type = site_type;
	fx->cfg.site_code = "WSGT";
	fx->cfg.site_township = "高唐街道";
	fx->cfg.application_serial = "{site}-{yyyy}-{seq:05}";
	setenv("ZWGK_TODAY", "2026-03-09", 1);
}

static void teardown(struct fixture *fx)
{
	db_close(fx->db);
	cal_free(&fx->cal);
	unsetenv("ZWGK_TODAY");
}

static void citizen(struct appl *a, const char *received)
{
	appl_init(a);
	appl_set(a, AF_APPLICANT_KIND, "公民");
	appl_set(a, AF_NAME, "张三");
	appl_set(a, AF_ID_NUMBER, "11010519491231002X");
	appl_set(a, AF_PHONE, "13812345678");
	appl_set(a, AF_TARGET_UNIT, "巫山县高唐街道办事处");
	appl_set(a, AF_DESCRIPTION, "2025年高唐街道老旧小区改造项目的资金使用情况");
	appl_set(a, AF_FORM, "纸质");
	appl_set(a, AF_DELIVERY, "自行领取");
	appl_set(a, AF_RECEIVED, received);
}

/* The problem on `field`, or NULL. */
static const char *problem_on(const struct appl_check *c, int field)
{
	for (int i = 0; i < c->n; i++)
		if (c->v[i].field == field)
			return c->v[i].msg;
	return NULL;
}

static void test_validate(void)
{
	struct fixture fx;
	struct appl a;
	struct unit u;
	struct appl_check c;

	setup(&fx, SITE_TOWNSHIP);
	citizen(&a, "");
	CHECK_INT(appl_validate(fx.db, &a, d("2026-03-09"), &u, &c), 0);
	CHECK_STR(a.f[AF_APPLICANT_KIND], "person");
	CHECK_STR(a.f[AF_ID_TYPE], "id_card");
	CHECK_STR(a.f[AF_FORM], "paper");
	CHECK_STR(a.f[AF_RECEIVED], "2026-03-09");
	CHECK_STR(u.f[UF_NAME], "巫山县高唐街道办事处");
	CHECK(a.unit_id > 0);
	appl_check_free(&c);
	unit_free(&u);
	appl_free(&a);

	/* Every Art. 29 field missing is reported on its own field. */
	appl_init(&a);
	appl_set(&a, AF_APPLICANT_KIND, "person");
	CHECK(appl_validate(fx.db, &a, d("2026-03-09"), &u, &c) >= 6);
	CHECK(problem_on(&c, AF_NAME) != NULL);
	CHECK(problem_on(&c, AF_ID_TYPE) != NULL);
	CHECK(problem_on(&c, AF_PHONE) != NULL);
	CHECK(problem_on(&c, AF_TARGET_UNIT) != NULL);
	CHECK(problem_on(&c, AF_DESCRIPTION) != NULL);
	CHECK(problem_on(&c, AF_FORM) != NULL);
	CHECK(problem_on(&c, AF_DELIVERY) != NULL);
	appl_check_free(&c);
	unit_free(&u);
	appl_free(&a);

	/* A mistyped ID, a future date, e-mail delivery without an address, an unknown unit. */
	citizen(&a, "2026-03-10");
	appl_set(&a, AF_ID_NUMBER, "110105194912310021");
	appl_set(&a, AF_DELIVERY, "email");
	appl_set(&a, AF_TARGET_UNIT, "巫山县不存在局");
	appl_set(&a, AF_USCC, "91500237MA5UABCD1X");
	CHECK_INT(appl_validate(fx.db, &a, d("2026-03-09"), &u, &c), 5);
	CHECK_CONTAINS(problem_on(&c, AF_ID_NUMBER), "does not match");
	CHECK_CONTAINS(problem_on(&c, AF_RECEIVED), "future");
	CHECK_CONTAINS(problem_on(&c, AF_EMAIL), "e-mail");
	CHECK_CONTAINS(problem_on(&c, AF_TARGET_UNIT), "巫山县不存在局");
	CHECK_CONTAINS(problem_on(&c, AF_USCC), "organisation's application");
	appl_check_free(&c);
	unit_free(&u);
	appl_free(&a);
	teardown(&fx);
}

static void test_org_warning_only(void)
{
	struct fixture fx;
	struct appl a;
	struct unit u;
	struct appl_check c;
	char code[19] = "91500237MA5UABCD1";

	setup(&fx, SITE_COUNTY_CENTER);
	code[17] = ident_uscc_check_char(code) == '0' ? '1' : '0';	/* a wrong check character */
	code[18] = '\0';
	appl_init(&a);
	appl_set(&a, AF_APPLICANT_KIND, "法人或其他组织");
	appl_set(&a, AF_NAME, "重庆某某律师事务所");
	appl_set(&a, AF_ORG_KIND, "法律服务机构");
	appl_set(&a, AF_USCC, code);
	appl_set(&a, AF_LEGAL_REP, "李四");
	appl_set(&a, AF_CONTACT_NAME, "王五");
	appl_set(&a, AF_EMAIL, "office@example.org");
	appl_set(&a, AF_TARGET_UNIT, "巫山县民政局");
	appl_set(&a, AF_DESCRIPTION, "巫山县2025年度社会组织年检结果");
	appl_set(&a, AF_FORM, "email");
	appl_set(&a, AF_DELIVERY, "email");
	CHECK_INT(appl_validate(fx.db, &a, d("2026-03-09"), &u, &c), 0);
	CHECK_INT(c.n, 1);
	CHECK(c.n == 1 && c.v[0].warning && c.v[0].field == AF_USCC);
	CHECK_STR(a.f[AF_ORG_KIND], "legal");
	CHECK(appl_in_scope(&fx.cfg, &u));
	appl_check_free(&c);
	unit_free(&u);
	appl_free(&a);
	teardown(&fx);
}

static int scope_of(struct fixture *fx, int type, const char *unit_name)
{
	struct unit *rows;
	struct zerr err = ZERR_INIT;
	int n, in = -1;

	fx->cfg.site_type = type;
	if (unit_page(fx->db, unit_name, NULL, 0, 1, &rows, &n, &err) == 0 && n == 1) {
		CHECK_STR(rows[0].f[UF_NAME], unit_name);
		in = appl_in_scope(&fx->cfg, &rows[0]);
	}
	unit_rows_free(rows, n);
	return in;
}

static void test_scope(void)
{
	struct fixture fx;

	setup(&fx, SITE_TOWNSHIP);
	CHECK_INT(scope_of(&fx, SITE_TOWNSHIP, "巫山县高唐街道办事处"), 1);
	CHECK_INT(scope_of(&fx, SITE_TOWNSHIP, "巫山县龙门街道办事处"), 0);
	CHECK_INT(scope_of(&fx, SITE_TOWNSHIP, "巫山县民政局"), 0);
	CHECK_INT(scope_of(&fx, SITE_VILLAGE, "巫山县高唐街道办事处"), 1);
	CHECK_INT(scope_of(&fx, SITE_COUNTY_CENTER, "巫山县民政局"), 1);
	CHECK_INT(scope_of(&fx, SITE_COUNTY_CENTER, "巫山县人民政府办公室"), 1);
	CHECK_INT(scope_of(&fx, SITE_COUNTY_CENTER, "巫山县高唐街道办事处"), 0);
	CHECK_INT(scope_of(&fx, SITE_ARCHIVE, "巫山县民政局"), 1);
	CHECK_INT(scope_of(&fx, SITE_LIBRARY, "巫山县龙溪镇人民政府"), 0);
	teardown(&fx);
}

static void register_one(struct fixture *fx, struct appl *a, const char *received)
{
	struct unit u;
	struct appl_check c;
	struct zerr err = ZERR_INIT;

	citizen(a, received);
	CHECK_INT(appl_validate(fx->db, a, date_today(), &u, &c), 0);
	CHECK_INT(appl_register(fx->db, &fx->cfg, &fx->cal, a, "张敏", &err), 0);
	appl_check_free(&c);
	unit_free(&u);
}

static void test_register_serials(void)
{
	struct fixture fx;
	struct appl a, b, y, bad;
	struct zerr err = ZERR_INIT;
	char buf[DATE_BUFSZ];

	setup(&fx, SITE_TOWNSHIP);
	register_one(&fx, &a, "2026-02-13");
	CHECK_STR(a.serial, "WSGT-2026-00001");
	/* 20 working days over the 2026 Spring Festival. */
	CHECK_STR(date_format(a.deadline, buf), "2026-03-19");
	/* A failed registration (here a unit that vanished) uses no number. */
	register_one(&fx, &bad, "2026-03-01");
	appl_free(&bad);
	citizen(&bad, "2026-03-02");
	bad.unit_id = 999999;
	bad.received = d("2026-03-02");
	appl_set(&bad, AF_APPLICANT_KIND, "person");
	appl_set(&bad, AF_ID_TYPE, "id_card");
	appl_set(&bad, AF_FORM, "paper");
	appl_set(&bad, AF_DELIVERY, "pickup");
	appl_set(&bad, AF_ORAL, "no");
	CHECK_INT(appl_register(fx.db, &fx.cfg, &fx.cal, &bad, "张敏", &err), -1);
	CHECK(bad.serial == NULL && bad.id == 0);
	register_one(&fx, &b, "2026-03-09");
	CHECK_STR(b.serial, "WSGT-2026-00003");
	/* A posted application received last year counts in last year's series. */
	register_one(&fx, &y, "2025-12-30");
	CHECK_STR(y.serial, "WSGT-2025-00001");
	appl_free(&a);
	appl_free(&b);
	appl_free(&y);
	appl_free(&bad);
	teardown(&fx);
}

static int events;

static void count_event(void *ctx, const char *at, const char *day, const char *op, const char *event,
			const char *detail)
{
	(void)ctx, (void)at, (void)day, (void)op, (void)event, (void)detail;
	events++;
}

static void test_states_and_deadlines(void)
{
	struct fixture fx;
	struct appl a, stale;
	struct zerr err = ZERR_INIT;
	char buf[DATE_BUFSZ];
	int prov = 0;

	setup(&fx, SITE_TOWNSHIP);
	register_one(&fx, &a, "2026-02-13");
	CHECK_INT(appl_load(fx.db, a.serial, &stale, &err), 0);
	CHECK_INT(appl_answer(fx.db, &a, "1", d("2026-02-20"), "张敏", &err), 0);
	CHECK_INT(a.state, AS_ANSWERED);
	/* The copy read before is refused: it would overwrite the answer. */
	CHECK_INT(appl_forward(fx.db, &stale, "in_person", "刘洋", d("2026-02-13"), "李华", &err), -1);
	CHECK_CONTAINS(err.msg, "changed in another window");
	CHECK_INT(stale.state, AS_RECEIVED);
	appl_free(&stale);
	CHECK_INT(appl_answer(fx.db, &a, "2", d("2026-02-24"), "张敏", &err), -1);
	CHECK_CONTAINS(err.msg, "cannot be answered now");
	appl_free(&a);

	register_one(&fx, &a, "2026-02-13");
	CHECK_INT(appl_forward(fx.db, &a, "fly", "刘洋", d("2026-02-13"), "张敏", &err), -1);
	CHECK_INT(appl_forward(fx.db, &a, "当面送达", "刘洋", d("2026-02-14"), "张敏", &err), 0);
	CHECK_INT(a.state, AS_FORWARDED);
	/* 补正 stops the clock, the supplement restarts it from its own day. */
	CHECK_INT(appl_request_supplement(fx.db, &fx.cal, &a, d("2026-02-24"), "请说明具体年份", "张敏", &err), 0);
	CHECK_STR(err.msg, "");
	CHECK_INT(appl_deadline(&fx.cal, &a, &prov), 0);
	CHECK_INT(appl_supplement_received(fx.db, &fx.cal, &a, d("2026-03-02"), "张敏", &err), 0);
	CHECK_STR(date_format(a.deadline, buf), "2026-03-30");
	CHECK_INT(appl_extend(fx.db, &fx.cal, &a, "", d("2026-03-05"), "张敏", &err), -1);
	CHECK_INT(appl_extend(fx.db, &fx.cal, &a, "县政府办公室主任", d("2026-03-05"), "张敏", &err), 0);
	CHECK_STR(date_format(a.deadline, buf), "2026-04-28");
	CHECK_INT(appl_extend(fx.db, &fx.cal, &a, "主任", d("2026-03-05"), "张敏", &err), -1);
	CHECK_CONTAINS(err.msg, "one extension");
	CHECK_INT(appl_answer(fx.db, &a, "9.9", d("2026-03-06"), "张敏", &err), -1);
	CHECK_INT(appl_answer(fx.db, &a, "4.1", d("2026-03-06"), "张敏", &err), 0);
	CHECK_STR(a.outcome, "4.1");
	events = 0;
	CHECK_INT(appl_history(fx.db, a.id, count_event, NULL, &err), 0);
	CHECK_INT(events, 6);
	appl_free(&a);

	/* A late forwarding is marked; a lapse is outcome 6.1; dates before receipt are refused. */
	register_one(&fx, &a, "2026-03-02");
	CHECK_INT(appl_forward(fx.db, &a, "post", "刘洋", d("2026-02-28"), "张敏", &err), -1);
	CHECK_CONTAINS(err.msg, "before the application was received");
	CHECK_INT(appl_forward(fx.db, &a, "post", "刘洋", d("2026-03-03"), "张敏", &err), 0);
	CHECK_INT(appl_lapse(fx.db, &a, d("2026-03-04"), "张敏", &err), -1);
	CHECK_INT(appl_request_supplement(fx.db, &fx.cal, &a, d("2026-03-04"), "", "张敏", &err), 0);
	CHECK_INT(appl_lapse(fx.db, &a, d("2026-03-09"), "张敏", &err), 0);
	CHECK_STR(a.outcome, "6.1");
	appl_free(&a);
	CHECK_INT(appl_load(fx.db, "WSGT-2026-00003", &a, &err), 0);
	CHECK_INT(a.state, AS_LAPSED);
	CHECK(*a.forwarded_at != '\0');
	CHECK_STR(a.outcome, "6.1");
	appl_free(&a);
	teardown(&fx);
}

/* A deadline counted into a year the calendar lacked moves when that year's holidays arrive, and only then. */
static void test_refresh_deadlines(void)
{
	struct fixture fx;
	struct appl a, back;
	struct zerr err = ZERR_INIT;
	struct calendar next;
	const char *text = "year 2026 x\nyear 2027 made-up test year\noff 2027-01-04..2027-01-08 test\n";
	char buf[DATE_BUFSZ];

	setup(&fx, SITE_TOWNSHIP);
	setenv("ZWGK_TODAY", "2026-12-21", 1);
	register_one(&fx, &a, "2026-12-21");
	CHECK_STR(date_format(a.deadline, buf), "2027-01-19");
	CHECK_INT(appl_refresh_deadlines(fx.db, &fx.cal, &err), 0);
	/* The same calendar again: nothing is counted, not even a deadline spoilt by hand. */
	CHECK_INT(db_exec(fx.db, "UPDATE application SET deadline = '2000-01-03'", &err), 0);
	CHECK_INT(appl_refresh_deadlines(fx.db, &fx.cal, &err), 0);
	CHECK_INT(appl_load(fx.db, a.serial, &back, &err), 0);
	CHECK_STR(date_format(back.deadline, buf), "2000-01-03");
	appl_free(&back);
	CHECK_INT(db_exec(fx.db, "UPDATE application SET deadline = '2027-01-19'", &err), 0);
	/* A calendar with the next year's holidays: counted again. */
	CHECK_INT(cal_parse(&next, text, strlen(text), "next.txt", &err), 0);
	CHECK_INT(appl_refresh_deadlines(fx.db, &next, &err), 1);
	CHECK_INT(appl_load(fx.db, a.serial, &back, &err), 0);
	CHECK_STR(date_format(back.deadline, buf), "2027-01-25");
	/* Not an edit: the row version stays, so nobody's open copy is refused. */
	CHECK_INT(back.version, a.version);
	appl_free(&back);
	CHECK_INT(appl_refresh_deadlines(fx.db, &next, &err), 0);
	/* Back to the first calendar (a site restored from a backup): counted again. */
	CHECK_INT(appl_refresh_deadlines(fx.db, &fx.cal, &err), 1);
	CHECK_INT(appl_load(fx.db, a.serial, &back, &err), 0);
	CHECK_STR(date_format(back.deadline, buf), "2027-01-19");
	appl_free(&back);
	appl_free(&a);
	cal_free(&next);
	teardown(&fx);
}

T_SUITE(appl_tests) = {
	{ "appl: stored deadlines follow a calendar update", test_refresh_deadlines },
	{ "ident: citizen ID checksum, birth date, masks", test_citizen_id },
	{ "ident: credit code checksum", test_credit_code },
	{ "serial: patterns, formatting, counters per register and year", test_serials },
	{ "appl: intake checks, each on its field", test_validate },
	{ "appl: a failed credit-code check only warns", test_org_warning_only },
	{ "appl: scope by site type", test_scope },
	{ "appl: serials in one transaction, no gaps, per year", test_register_serials },
	{ "appl: states, 补正, extension, answer, lapse, deadlines", test_states_and_deadlines },
	T_END
};
