/*
 * sitegen.c - a large site for the report benchmark: years of applications and consultations.
 *
 * usage: sitegen [-s SEED] [--from YYYY-MM-DD] [--kb FILE.tsv] [--portal N] CONFIG APPLICATIONS CONSULTATIONS
 *
 * Fills the database of a site made by `zwgk init --demo` (with the sample knowledge base
 * imported) from --from (default: three years before today) to today ($ZWGK_TODAY), a working
 * day at a time, as the desk would have: applications of citizens and of every kind of
 * organisation to the units in the site's scope, forwarded (mostly the same day), sent back for
 * a supplement, extended, answered with every outcome code (some late, some still open and
 * overdue), withdrawn or lapsed, each with its history; consultations answered with an entry,
 * dispatched with a due day and replied on time or late, redirected or only logged; and a
 * twentieth as many suggestions, a tenth as many guidance records, a fiftieth as many paid
 * prints, with the print log of receipts, slips, forms and ledgers. Deadlines and due days are
 * counted on the site's calendar; serial numbers follow the site's patterns, and the counters
 * end where the serials do. The same seed gives the same site.
 *
 * --kb imports a knowledge base first (as `zwgk kb import` does; tests/bench/kbgen makes one of
 * any size); --portal adds N documents to the portal mirror (sitegen-portal.c). With 0
 * applications and 0 consultations the registers are left as they are, so these can be added
 * to a site made before.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rng.h"
#include "sitegen.h"

#include "app.h"
#include "appl.h"
#include "ask.h"
#include "db.h"
#include "fsutil.h"
#include "ident.h"
#include "kb.h"
#include "register.h"
#include "serial.h"
#include "unit.h"

/* Rows written between two commits. */
#define BATCH 5000
#define MAX_YEARS 16

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
	"何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
	"肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任",
	"向", "谭", "冉", "秦", "熊", "龚", "覃", "牟", "税", "邹", "汪", "龙", "万", "毛", "付", "江",
};

static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
	"超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "建", "国", "志", "红", "文", "德",
	"成", "福", "海", "林", "春", "荣", "祥", "燕", "萍", "辉", "鹏", "波", "琴", "云", "凤", "飞",
};

/* Words village and company names are made of. */
static const char *const place[] = {
	"红岩", "青石", "龙井", "白泉", "柳坪", "双河", "金竹", "桂花", "松林", "梨子坪", "茶园", "大坝",
	"黄岭", "朝阳", "新华", "凤鸣", "石槽", "高峰", "庙堂", "水田", "竹园", "东坪", "楠木", "石龙",
};

static const char *const business[] = {
	"重庆{v}农业开发有限公司", "巫山县{v}建筑工程有限公司", "重庆{v}脆李专业合作社", "巫山县{v}旅游开发有限公司",
	"重庆{v}物流有限公司", "巫山县{v}商贸有限责任公司", "重庆{v}矿业有限公司", "巫山县{v}房地产开发有限公司",
};
static const char *const research[] = {
	"重庆市{v}农业科学研究所", "巫山县{v}中药材研究中心", "重庆{v}生态环境研究院",
};
static const char *const welfare[] = {
	"巫山县{v}志愿者协会", "巫山县{v}慈善会", "重庆市{v}公益服务中心", "巫山县{v}老年协会",
};
static const char *const legal[] = {
	"重庆{v}律师事务所", "巫山县{v}法律服务所", "重庆{v}公证处",
};
static const char *const other_org[] = {
	"巫山县{v}村股份经济合作联合社", "巫山县{v}村民委员会", "巫山县{v}小区业主委员会",
};

/* What people ask for; {t} stands for a township, {v} a village (or a place), {y} a year. */
static const char *const wanted[] = {
	"{y}年度部门预算、决算及“三公”经费使用情况",
	"{t}{v}村征地补偿安置方案及补偿标准",
	"{t}{v}村房屋征收补偿决定书及评估报告",
	"{t}至{v}村公路改建工程的立项批复和环评批复",
	"{y}年{t}最低生活保障和特困人员救助金发放名单",
	"{t}{v}村高标准农田建设项目资金使用情况",
	"{t}{v}村地质灾害避险搬迁安置补助名单及标准",
	"{y}年耕地地力保护补贴发放明细（{t}{v}村）",
	"{t}老旧小区改造项目的招标文件和中标结果",
	"{y}年对本人作出的行政处罚决定书及其依据",
	"{t}{v}村集体土地使用权出让的审批文件",
	"{y}年{t}农村危房改造补助对象名单",
	"{t}{v}村脆李产业园项目的规划许可和验收材料",
	"{y}年巫山县城乡规划调整方案（涉及{t}）",
	"本人在{t}办理的宅基地审批材料（{y}年）",
};

static const char *const suggestions[] = {
	"建议在{t}{v}村增设公交站点，方便群众出行",
	"建议{t}便民服务中心延长周六办事时间",
	"{v}村道路破损严重，建议尽快维修",
	"建议公开{t}{y}年惠民资金发放情况",
	"建议在{t}增加自助查询机并安排人员指导老年人使用",
	"{v}村饮水管道老化，建议列入{y}年改造计划",
};

static const char *const ask_openings[] = { "", "", "", "请问，", "我想问一下，", "麻烦问下，", "同志，" };

static const char *const refusals[] = {
	"请补充申请内容的具体名称、文号或者便于查询的其他特征性描述",
	"请补充身份证明材料复印件",
	"请明确所需信息的时间范围",
};

static const char *const form_names[] = { "application", "sample", "suggestion", "contacts" };

/* Outcome codes per thousand answered applications; 6.1 comes from lapsed ones. */
static const struct {
	const char *code;
	int per_mille;
} outcome_mix[] = {
	{ "1", 380 }, { "2", 150 }, { "3.1", 3 }, { "3.2", 10 }, { "3.3", 5 }, { "3.4", 20 }, { "3.5", 10 },
	{ "3.6", 15 }, { "3.7", 10 }, { "3.8", 7 }, { "4.1", 170 }, { "4.2", 40 }, { "4.3", 15 }, { "5.1", 40 },
	{ "5.2", 30 }, { "5.3", 15 }, { "5.4", 10 }, { "5.5", 20 }, { "6.2", 10 }, { "6.3", 40 },
};

/* In tenths of a percent, for the rare cases. */
static int chance(int per_mille)
{
	return pick(1000) < per_mille;
}

#define PICK(a) (a[pick((int)(sizeof a / sizeof a[0]))])

struct unitref {
	long long id;
	char *name, *township;
};

struct kbref {
	long long id;
	char *code, *question;
};

/* What the generator keeps while it writes: statements, the directory, counters. */
struct gen {
	struct app app;
	sqlite3 *db;
	const char *const *staff;
	int nstaff;
	sqlite3_stmt *app_ins, *app_ev, *ask_ins, *ask_ev, *sug_ins, *sug_ev, *guid_ins, *print_ins, *fee_ins;
	struct unitref *scope, *all, *outside;
	int nscope, nall, noutside;
	struct kbref *kb;	/* the published entries */
	int nkb;
	char **townships;
	int ntownships;
	zdate first, today;
	int first_year;
	int seq[3][MAX_YEARS];	/* app, sug, ask */
	long long jobs, rows;
	zdate *slip_day;	/* per scope unit: the last day a transfer slip was printed */
};

enum { REG_APP, REG_SUG, REG_ASK };

static void die_db(struct gen *g, const char *what)
{
	fprintf(stderr, "sitegen: %s: %s\n", what, sqlite3_errmsg(g->db));
	exit(1);
}

static sqlite3_stmt *prep(struct gen *g, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(g->db, sql, -1, &st, NULL) != SQLITE_OK)
		die_db(g, sql);
	return st;
}

static void done(struct gen *g, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die_db(g, sqlite3_sql(st));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	g->rows++;
}

static void exec(struct gen *g, const char *sql)
{
	if (sqlite3_exec(g->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die_db(g, sql);
}

static void text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* A time of the working day, "YYYY-MM-DD HH:MM:SS", `minute` minutes after midnight. */
static void at(char out[20], zdate day, int minute)
{
	char d[DATE_BUFSZ];

	if (minute > 17 * 60 + 50)
		minute = 17 * 60 + 50;
	snprintf(out, 20, "%s %02d:%02d:%02d", date_format(day, d), minute / 60, minute % 60, pick(60));
}

static const char *op(struct gen *g)
{
	return g->staff[pick(g->nstaff)];
}

static char *person(void)
{
	return xasprintf("%s%s%s", PICK(surnames), PICK(given), pick(3) ? PICK(given) : "");
}

static char *phone(void)
{
	static const char second[] = "35789";

	return xasprintf("1%c%09d", second[pick(5)], pick(1000000000));
}

static const char *township(struct gen *g)
{
	return g->townships[pick(g->ntownships)];
}

static zdate next_workday(struct gen *g, zdate d, int n)
{
	return cal_add_workdays(&g->app.cal, d, n, NULL);
}

/* The next serial of a register in the site's pattern. */
static char *serial(struct gen *g, int reg, zdate day)
{
	const char *pattern = reg == REG_APP ? g->app.cfg.application_serial
			      : reg == REG_SUG ? g->app.cfg.suggestion_serial
					       : g->app.cfg.consultation_serial;
	int y = date_year(day);

	return serial_format(pattern, g->app.cfg.site_code, y, ++g->seq[reg][y - g->first_year]);
}

static void print_row(struct gen *g, const char *when, const char *what, const char *ref, int copies)
{
	sqlite3_stmt *st = g->print_ins;
	int ok = !chance(8);
	char job[32];

	snprintf(job, sizeof job, "desk-%lld", ++g->jobs);
	text(st, 1, when);
	text(st, 2, op(g));
	text(st, 3, what);
	text(st, 4, ref);
	sqlite3_bind_int(st, 5, copies);
	sqlite3_bind_int(st, 6, ok);
	text(st, 7, ok ? job : "");
	text(st, 8, ok ? "" : "lp: 打印机未就绪（脱机或缺纸）");
	done(g, st);
}

/* The history of one record, kept until the record is written and has its id. */
struct hist {
	int n;
	struct {
		char at[20];
		zdate day;
		const char *who, *ev;
		char *detail;
	} e[12];
};

static const char *hist_add(struct gen *g, struct hist *h, zdate day, int minute, const char *ev, char *detail)
{
	if (h->n == (int)(sizeof h->e / sizeof h->e[0])) {
		fputs("sitegen: too long a history\n", stderr);
		exit(1);
	}
	at(h->e[h->n].at, day, minute);
	h->e[h->n].day = day;
	h->e[h->n].who = op(g);
	h->e[h->n].ev = ev;
	h->e[h->n].detail = detail;
	return h->e[h->n++].at;
}

/* The history rows of record `id` (the registers' event tables share their columns). */
static void hist_write(struct gen *g, sqlite3_stmt *st, long long id, struct hist *h)
{
	for (int i = 0; i < h->n; i++) {
		char d[DATE_BUFSZ];

		sqlite3_bind_int64(st, 1, id);
		text(st, 2, h->e[i].at);
		text(st, 3, date_format(h->e[i].day, d));
		text(st, 4, h->e[i].who);
		text(st, 5, h->e[i].ev);
		text(st, 6, h->e[i].detail);
		done(g, st);
		free(h->e[i].detail);
	}
	h->n = 0;
}

/* A record's whole history: its registration (at `created`, by `clerk`), then what followed. */
static void history(struct gen *g, sqlite3_stmt *st, long long id, const char *created, zdate day, const char *clerk,
		    const char *ev, const char *detail, struct hist *h)
{
	struct hist first = { 0 };

	memcpy(first.e[0].at, created, 20);
	first.e[0].day = day;
	first.e[0].who = clerk;
	first.e[0].ev = ev;
	first.e[0].detail = xstrdup(detail);
	first.n = 1;
	hist_write(g, st, id, &first);
	hist_write(g, st, id, h);
}

static const char *pick_outcome(void)
{
	int r = pick(1000);

	for (size_t i = 0; i < sizeof outcome_mix / sizeof outcome_mix[0]; i++) {
		if (r < outcome_mix[i].per_mille)
			return outcome_mix[i].code;
		r -= outcome_mix[i].per_mille;
	}
	return "1";
}

/* An identity card number of Wushan (500237) with its check character. */
static void id_number(char out[19])
{
	zdate birth = date_from_ymd(1945, 1, 1) + pick(60 * 365);
	int y, m, d;

	date_to_ymd(birth, &y, &m, &d);
	snprintf(out, 19, "500237%04d%02d%02d%03d", y, m, d, pick(1000));
	out[17] = ident_id_check_char(out);
	out[18] = '\0';
}

/* A credit code: registering office and kind, Wushan, nine characters, the check character. */
static void credit_code(char out[19], const char *head)
{
	static const char chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	snprintf(out, 19, "%s500237", head);
	for (int i = 8; i < 17; i++)
		out[i] = chars[pick((int)sizeof chars - 1)];
	out[17] = ident_uscc_check_char(out);
	out[18] = '\0';
}


/* An application as the register holds it once its history so far has happened. */
struct life {
	int state, extended, receipt;
	zdate clock, deadline, answered;
	const char *outcome;
	char forwarded_at[20];
	struct hist h;
};

static zdate deadline_of(struct gen *g, zdate clock, int extended)
{
	int prov = 0;

	return appl_deadline_from(&g->app.cal, clock, extended, &prov);
}

/* Closes the application on `day` (answered, withdrawn or lapsed) with its outcome code. */
static void close_on(struct gen *g, struct life *l, zdate day, int state, const char *ev, const char *code)
{
	hist_add(g, &l->h, day, 540 + pick(450), ev, xstrdup(code));
	l->state = state;
	l->outcome = code;
	l->answered = day;
}

/* A supplement asked for (Art. 30, once); returns 1 when the application is closed or still waiting. */
static int supplement(struct gen *g, struct life *l, zdate fwd)
{
	zdate day = next_workday(g, fwd, chance(100) ? 7 + pick(4) : 1 + pick(5)), back;
	const char *why = PICK(refusals);

	if (day > g->today)
		return 0;
	hist_add(g, &l->h, day, 540 + pick(400), "supplement_requested",
		 chance(100) ? xasprintf("%s; late", why) : xstrdup(why));
	l->state = AS_SUPPLEMENT;
	l->deadline = 0;
	if (chance(200)) {
		back = next_workday(g, day, 15 + pick(6));
		if (back <= g->today)
			close_on(g, l, back, AS_LAPSED, "lapsed", "6.1");
		return 1;
	}
	if (chance(100)) {
		back = next_workday(g, day, 1 + pick(10));
		if (back <= g->today)
			close_on(g, l, back, AS_WITHDRAWN, "withdrawn", "6.3");
		return 1;
	}
	back = next_workday(g, day, 2 + pick(12));
	if (back > g->today)
		return 1;
	hist_add(g, &l->h, back, 540 + pick(400), "supplement_received", xstrdup(""));
	l->state = AS_FORWARDED;
	l->clock = back;
	l->deadline = deadline_of(g, back, 0);
	return 0;
}

/* From forwarding on: a supplement, a withdrawal, an extension, the answer; or open at today. */
static void handle(struct gen *g, struct life *l, zdate fwd)
{
	zdate day;

	if (chance(50) && supplement(g, l, fwd))
		return;
	if (chance(20)) {
		day = next_workday(g, l->clock, 1 + pick(12));
		if (day <= g->today)
			close_on(g, l, day, AS_WITHDRAWN, "withdrawn", "6.3");
		return;
	}
	/* Art. 33: one extension, decided before the deadline. */
	if (chance(80)) {
		day = next_workday(g, l->clock, 12 + pick(8));
		if (day > g->today)
			return;
		hist_add(g, &l->h, day, 540 + pick(400), "extended", person());
		l->extended = 1;
		l->deadline = deadline_of(g, l->clock, 1);
	}
	/* A few are forgotten: open and overdue at today. */
	if (chance(2))
		return;
	if (chance(30))
		day = next_workday(g, l->deadline, 1 + pick(15));
	else
		day = next_workday(g, l->clock, 2 + pick(l->extended ? 38 : 18));
	if (day <= g->today)
		close_on(g, l, day, AS_ANSWERED, "answered", pick_outcome());
}

/* A template with its township, place and year filled in. */
static char *fill(const char *tpl, const char *township, const char *village, int year)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (const char *p = tpl; *p; p++) {
		if (strncmp(p, "{t}", 3) == 0)
			sbuf_add(&b, township);
		else if (strncmp(p, "{v}", 3) == 0)
			sbuf_add(&b, village);
		else if (strncmp(p, "{y}", 3) == 0)
			sbuf_printf(&b, "%d", year);
		else {
			sbuf_addc(&b, *p);
			continue;
		}
		p += 2;
	}
	return sbuf_take(&b);
}

static char *org_name(int kind)
{
	const char *tpl = kind == 0 ? PICK(business) : kind == 1 ? PICK(research) : kind == 2 ? PICK(welfare)
			  : kind == 3 ? PICK(legal) : PICK(other_org);

	return fill(tpl, "", PICK(place), 0);
}

/* Received, the receipt printed, forwarded (mostly the same day, with the unit's slip), handled. */
static void lifecycle(struct gen *g, struct life *l, const struct unitref *u, zdate day, int minute,
		      const char *serial_no)
{
	int r = pick(1000);
	zdate fwd;

	l->state = AS_RECEIVED;
	l->clock = day;
	l->deadline = deadline_of(g, day, 0);
	if (chance(900)) {
		const char *when = hist_add(g, &l->h, day, minute + 2, "receipt_printed", xstrdup(""));

		l->receipt = 1;
		print_row(g, when, "receipt", serial_no, g->app.cfg.printer_copies);
	}
	/* 于接收当日转交: nearly always the same day; today's last ones not yet. */
	fwd = r < 920 ? day : next_workday(g, day, r < 980 ? 1 : 2 + pick(2));
	if (fwd > g->today || (day == g->today && chance(300)))
		return;
	{
		char *taker = person();
		const char *when = hist_add(g, &l->h, fwd, fwd == day ? minute + 15 + pick(90) : 540 + pick(300),
					    "forwarded",
					    forward_detail(pick(4), taker, day, fwd));

		free(taker);
		memcpy(l->forwarded_at, when, 20);
	}
	l->state = AS_FORWARDED;
	/*
	 * The day's transfer slip of the unit, printed with its first application of the day
	 * (one forwarded late is on a later day's slip: the log stays in the order of time).
	 */
	if (fwd == day && g->slip_day[u - g->scope] != fwd) {
		g->slip_day[u - g->scope] = fwd;
		print_row(g, l->forwarded_at, "slip", u->name, 1);
	}
	handle(g, l, fwd);
}

static void application(struct gen *g, zdate day)
{
	static const char *const org_codes[] = { "business", "research", "welfare", "legal", "other" };
	static const char *const org_heads[] = { "91", "12", "52", "31", "N2" };
	static const int org_mix[] = { 550, 80, 120, 150, 100 };
	static const char *const forms[] = { "paper", "email", "disc", "other" };
	static const char *const deliveries[] = { "post", "pickup", "onsite", "email", "fax" };
	sqlite3_stmt *st = g->app_ins;
	const struct unitref *u = &g->scope[pick(g->nscope)];
	int org = chance(250), oral = chance(50), kind = 0, minute = 510 + pick(420), r = pick(1000), form, delivery;
	char *name, *s = serial(g, REG_APP, day), *desc, *addr, *tel = phone(), *rep = NULL, *contact = NULL;
	char idn[19], created[20], d[4][DATE_BUFSZ];
	const char *clerk = op(g);
	struct life l;

	memset(&l, 0, sizeof l);
	while (org && kind < 4 && r >= org_mix[kind])
		r -= org_mix[kind++];
	name = org ? org_name(kind) : person();
	desc = fill(PICK(wanted), township(g), PICK(place), date_year(day) - pick(3));
	addr = xasprintf("巫山县%s%s村%d组%d号", township(g), PICK(place), 1 + pick(9), 1 + pick(80));
	r = pick(100);
	form = r < 60 ? 0 : r < 88 ? 1 : r < 96 ? 2 : 3;
	r = pick(100);
	delivery = form == 1 ? 3 : r < 40 ? 0 : r < 70 ? 1 : r < 96 ? 2 : 4;
	at(created, day, minute);
	lifecycle(g, &l, u, day, minute, s);
	for (int i = 1; i <= 34; i++)
		text(st, i, "");
	text(st, 1, s);
	text(st, 2, org ? "org" : "person");
	text(st, 3, name);
	if (org) {
		rep = person();
		contact = person();
		credit_code(idn, org_heads[kind]);
		text(st, 7, org_codes[kind]);
		text(st, 8, idn);
		text(st, 9, rep);
		text(st, 10, contact);
	} else {
		id_number(idn);
		if (chance(300)) {
			rep = org_name(pick(5));
			text(st, 4, rep);
		}
		text(st, 5, "id_card");
		text(st, 6, idn);
	}
	text(st, 11, tel);
	text(st, 12, addr);
	text(st, 13, "404700");
	if (form == 1 || delivery == 3)
		text(st, 14, "shenqing@example.cn");
	sqlite3_bind_int64(st, 15, u->id);
	text(st, 16, u->name);
	text(st, 17, desc);
	text(st, 18, forms[form]);
	text(st, 19, deliveries[delivery]);
	sqlite3_bind_int(st, 20, oral);
	text(st, 21, date_format(day, d[0]));
	text(st, 22, appl_state_code(l.state));
	text(st, 23, date_format(l.clock, d[1]));
	sqlite3_bind_int(st, 24, l.extended);
	if (l.deadline)
		text(st, 25, date_format(l.deadline, d[2]));
	if (l.outcome)
		text(st, 26, l.outcome);
	if (l.answered)
		text(st, 27, date_format(l.answered, d[3]));
	text(st, 28, l.forwarded_at);
	sqlite3_bind_int(st, 29, l.receipt);
	sqlite3_bind_int(st, 30, 1 + l.h.n);
	text(st, 31, created);
	text(st, 32, clerk);
	text(st, 33, l.h.n ? l.h.e[l.h.n - 1].at : created);
	text(st, 34, l.h.n ? l.h.e[l.h.n - 1].who : clerk);
	done(g, st);
	history(g, g->app_ev, sqlite3_last_insert_rowid(g->db), created, day, clerk, "received", oral ? "oral" : "", &l.h);
	free(name);
	free(s);
	free(desc);
	free(addr);
	free(tel);
	free(rep);
	free(contact);
}

/* A citizen's question: one of the knowledge base's, as people open it. */
static char *question(struct gen *g, const struct kbref **entry)
{
	*entry = &g->kb[pick(g->nkb)];
	return xasprintf("%s%s", PICK(ask_openings), (*entry)->question);
}

/* Dispatched (交办) to a unit: due in five working days, replied on time, late or not yet. */
static void dispatch(struct gen *g, sqlite3_stmt *st, struct hist *h, zdate day, int minute, const char *serial_no,
		     int *state)
{
	const struct unitref *u = &g->all[pick(g->nall)];
	zdate sent = chance(850) ? day : next_workday(g, day, 1), due, replied;
	const char *method = chance(700) ? "paper" : "email";
	char d[4][DATE_BUFSZ];
	int r = pick(1000);

	if (sent > g->today)
		return;
	due = cal_add_workdays(&g->app.cal, sent, ASK_DUE_WORKDAYS, NULL);
	hist_add(g, h, sent, sent == day ? minute + 10 : 560, "dispatched", xasprintf("%s; %s", method, u->name));
	if (sent == day && chance(900))
		print_row(g, h->e[h->n - 1].at, "dispatch", serial_no, 1);
	*state = QS_DISPATCHED;
	sqlite3_bind_int64(st, 10, u->id);
	text(st, 11, u->name);
	text(st, 12, method);
	text(st, 13, date_format(sent, d[0]));
	text(st, 14, date_format(due, d[1]));
	if (r >= 990)
		return;	/* not replied: overdue once the due day has passed */
	replied = r < 880 ? next_workday(g, sent, 1 + pick(ASK_DUE_WORKDAYS)) : next_workday(g, due, 1 + pick(8));
	if (replied > g->today)
		return;
	*state = QS_REPLIED;
	hist_add(g, h, replied, 540 + pick(450), "replied", xstrdup(replied > due ? "late" : ""));
	{
		char *reply = xasprintf("%s已于%s电话答复群众，告知相关政策规定及办理流程，群众表示清楚。", u->name,
					date_format(replied, d[2]));

		text(st, 15, reply);
		free(reply);
	}
	text(st, 16, date_format(replied, d[2]));
	if (chance(500)) {
		zdate call = next_workday(g, replied, 1 + pick(3));
		int happy = chance(850);

		if (call > g->today)
			return;
		hist_add(g, h, call, 540 + pick(450), "followup", xstrdup(happy ? "satisfied" : "unsatisfied"));
		text(st, 17, happy ? "satisfied" : "unsatisfied");
		text(st, 18, date_format(call, d[3]));
		text(st, 19, happy ? "" : "群众认为答复不够具体");
	}
}

static void consultation(struct gen *g, zdate day)
{
	sqlite3_stmt *st = g->ask_ins;
	const struct kbref *entry;
	int minute = 510 + pick(450), r = pick(1000), state = QS_LOGGED, named = chance(700) || (r >= 550 && r < 770);
	const char *clerk = op(g), *channel = chance(650) ? "onsite" : "phone";
	char *s = serial(g, REG_ASK, day), *q = question(g, &entry), *name = named ? person() : xstrdup("");
	char *contact = named ? phone() : xstrdup(""), created[20], d[DATE_BUFSZ];
	struct hist h = { 0 };

	at(created, day, minute);
	for (int i = 1; i <= 24; i++)
		text(st, i, "");
	sqlite3_bind_null(st, 8);
	sqlite3_bind_null(st, 10);
	if (r < 550) {
		/* Answered on the spot with an entry, its slip mostly printed. */
		const char *when = hist_add(g, &h, day, minute + 3, "answered", xstrdup(entry->code));

		state = QS_ANSWERED;
		sqlite3_bind_int64(st, 8, entry->id);
		text(st, 9, entry->code);
		if (chance(600))
			print_row(g, when, "answer-slip", s, 1);
	} else if (r < 770) {
		dispatch(g, st, &h, day, minute, s, &state);
	} else if (r < 850) {
		const struct unitref *u = &g->all[pick(g->nall)];
		const char *when = hist_add(g, &h, day, minute + 4, "redirected", xstrdup(u->name));

		state = QS_REDIRECTED;
		sqlite3_bind_int64(st, 10, u->id);
		text(st, 11, u->name);
		if (chance(700))
			print_row(g, when, "redirect", s, 1);
	}
	text(st, 1, s);
	text(st, 2, name);
	text(st, 3, contact);
	text(st, 4, q);
	text(st, 5, channel);
	text(st, 6, date_format(day, d));
	text(st, 7, ask_state_code(state));
	sqlite3_bind_int(st, 20, 1 + h.n);
	text(st, 21, created);
	text(st, 22, clerk);
	text(st, 23, h.n ? h.e[h.n - 1].at : created);
	text(st, 24, h.n ? h.e[h.n - 1].who : clerk);
	done(g, st);
	history(g, g->ask_ev, sqlite3_last_insert_rowid(g->db), created, day, clerk, "logged", channel, &h);
	free(s);
	free(q);
	free(name);
	free(contact);
}

static void suggestion(struct gen *g, zdate day)
{
	static const char *const channels[] = { "onsite", "phone", "letter", "box" };
	sqlite3_stmt *st = g->sug_ins;
	const struct unitref *u = &g->all[pick(g->nall)];
	int minute = 510 + pick(450), named = chance(700);
	const char *clerk = op(g), *channel = channels[pick(4)], *state = "received";
	char *s = serial(g, REG_SUG, day), *name = named ? person() : xstrdup(""), *contact = named ? phone() : xstrdup("");
	char *content = fill(PICK(suggestions), township(g), PICK(place), date_year(day) + 1);
	char created[20], d[2][DATE_BUFSZ];
	struct hist h = { 0 };
	zdate fwd = next_workday(g, day, chance(800) ? 0 : 1), replied;

	at(created, day, minute);
	for (int i = 1; i <= 17; i++)
		text(st, i, "");
	if (fwd <= g->today && chance(900)) {
		char *taker = person();
		const char *when = hist_add(g, &h, fwd, fwd == day ? minute + 20 : 560, "forwarded",
					    forward_detail(0, taker, day, fwd));

		state = "forwarded";
		text(st, 10, when);
		free(taker);
		replied = next_workday(g, fwd, 3 + pick(25));
		if (replied <= g->today && chance(850)) {
			char *reply = xasprintf("%s已收悉您的建议，已研究并纳入下步工作安排。", u->name);

			hist_add(g, &h, replied, 540 + pick(450), "answered", xstrdup(""));
			state = "answered";
			text(st, 11, reply);
			text(st, 12, date_format(replied, d[1]));
			free(reply);
		}
	}
	text(st, 1, s);
	text(st, 2, name);
	text(st, 3, contact);
	sqlite3_bind_int64(st, 4, u->id);
	text(st, 5, u->name);
	text(st, 6, content);
	text(st, 7, channel);
	text(st, 8, date_format(day, d[0]));
	text(st, 9, state);
	sqlite3_bind_int(st, 13, 1 + h.n);
	text(st, 14, created);
	text(st, 15, clerk);
	text(st, 16, h.n ? h.e[h.n - 1].at : created);
	text(st, 17, h.n ? h.e[h.n - 1].who : clerk);
	done(g, st);
	history(g, g->sug_ev, sqlite3_last_insert_rowid(g->db), created, day, clerk, "received", channel, &h);
	free(s);
	free(name);
	free(contact);
	free(content);
}

/* Someone whose matter is outside the site's scope, sent to the unit that handles it (引导). */
static void guidance(struct gen *g, zdate day)
{
	sqlite3_stmt *st = g->guid_ins;
	const struct unitref *u = &g->outside[pick(g->noutside)];
	int sug = chance(150);
	char when[20], d[DATE_BUFSZ], *name = chance(600) ? person() : xstrdup("");
	char *what = sug ? fill(PICK(suggestions), u->township, PICK(place), date_year(day))
			 : fill(PICK(wanted), u->township, PICK(place), date_year(day) - pick(3));

	at(when, day, 510 + pick(450));
	text(st, 1, when);
	text(st, 2, date_format(day, d));
	text(st, 3, op(g));
	text(st, 4, sug ? "suggestion" : "application");
	sqlite3_bind_int64(st, 5, u->id);
	text(st, 6, u->name);
	text(st, 7, name);
	text(st, 8, what);
	done(g, st);
	if (chance(500))
		print_row(g, when, "guidance", u->name, 1);
	free(name);
	free(what);
}

/* A portal document printed on the site's approved fees. */
static void paid_print(struct gen *g, zdate day)
{
	sqlite3_stmt *st = g->fee_ins;
	int pages = 1 + pick(12);
	char when[20], d[DATE_BUFSZ], *url;

	url = xasprintf("http://www.cqws.gov.cn/zwgk_%d/fdzdgknr/%04d%02d/t%d.html", 200 + pick(60),
			date_year(day), 1 + pick(12), 1000000 + pick(9000000));
	at(when, day, 510 + pick(450));
	print_row(g, when, "portal", url, 1);
	text(st, 1, when);
	text(st, 2, date_format(day, d));
	text(st, 3, op(g));
	text(st, 4, "portal");
	text(st, 5, url);
	sqlite3_bind_int(st, 6, pages);
	sqlite3_bind_int64(st, 7, 50LL * pages);
	text(st, 8, g->app.cfg.fees_document && *g->app.cfg.fees_document ? g->app.cfg.fees_document : "巫发改〔2024〕12号");
	done(g, st);
	free(url);
}

/* What the desk prints besides the registers' slips: blank forms, and reports at month ends. */
static void day_prints(struct gen *g, zdate day, zdate prev)
{
	int y, m, d, py, pm, pd;
	char when[20], ref[40];

	for (int i = pick(3); i > 0; i--) {
		at(when, day, 510 + pick(450));
		print_row(g, when, "form", PICK(form_names), 1);
	}
	date_to_ymd(day, &y, &m, &d);
	date_to_ymd(prev, &py, &pm, &pd);
	if (!prev || pm == m)
		return;
	/* The first working day of a month: last month's ledgers and report. */
	at(when, day, 600);
	snprintf(ref, sizeof ref, "%04d-%02d-01~%04d-%02d-%02d", py, pm, py, pm, date_days_in_month(py, pm));
	print_row(g, when, "applications", ref, 1);
	print_row(g, when, "consultations", ref, 1);
	snprintf(ref, sizeof ref, "%04d-%02d", py, pm);
	print_row(g, when, "supervision", ref, 1);
	if (pm % 3 == 0) {
		snprintf(ref, sizeof ref, "%04d-Q%d", py, pm / 3);
		print_row(g, when, "supervision", ref, 1);
	}
	if (pm == 12) {
		snprintf(ref, sizeof ref, "%04d", py);
		print_row(g, when, "annual", ref, 1);
	}
}

static void load_units(struct gen *g)
{
	sqlite3_stmt *st = prep(g, "SELECT name FROM unit WHERE retired = 0 ORDER BY id");

	while (sqlite3_step(st) == SQLITE_ROW) {
		struct unit u;
		struct unitref r;
		struct unitref **list;
		int *n;

		unit_init(&u);
		if (unit_find(g->db, db_text(st, 0), &u) != 0) {
			unit_free(&u);
			continue;
		}
		r.id = u.id;
		r.name = xstrdup(u.f[UF_NAME]);
		r.township = xstrdup(*u.f[UF_TOWNSHIP] ? u.f[UF_TOWNSHIP] : g->app.cfg.site_township ? g->app.cfg.site_township : "");
		if (u.kind == UK_TOWNSHIP) {
			g->townships = xrealloc(g->townships, sizeof *g->townships * (size_t)(g->ntownships + 1));
			g->townships[g->ntownships++] = xstrdup(u.f[UF_TOWNSHIP]);
		}
		g->all = xrealloc(g->all, sizeof *g->all * (size_t)(g->nall + 1));
		g->all[g->nall++] = r;
		list = appl_in_scope(&g->app.cfg, &u) ? &g->scope : &g->outside;
		n = list == &g->scope ? &g->nscope : &g->noutside;
		*list = xrealloc(*list, sizeof **list * (size_t)(*n + 1));
		(*list)[(*n)++] = r;
		unit_free(&u);
	}
	sqlite3_finalize(st);
	st = prep(g, "SELECT id, code, question FROM kb_entry WHERE status = 'published' ORDER BY id");
	while (sqlite3_step(st) == SQLITE_ROW) {
		g->kb = xrealloc(g->kb, sizeof *g->kb * (size_t)(g->nkb + 1));
		g->kb[g->nkb].id = sqlite3_column_int64(st, 0);
		g->kb[g->nkb].code = xstrdup(db_text(st, 1));
		g->kb[g->nkb].question = xstrdup(db_text(st, 2));
		g->nkb++;
	}
	sqlite3_finalize(st);
	if (!g->nscope || !g->noutside || !g->nkb || !g->ntownships) {
		fputs("sitegen: the site needs units in its scope and outside it, townships and published entries"
		      " of the knowledge base (zwgk init --demo, then zwgk kb import)\n", stderr);
		exit(1);
	}
	g->slip_day = xcalloc((size_t)g->nscope, sizeof *g->slip_day);
}

static void prepare(struct gen *g)
{
	g->app_ins = prep(g, "INSERT INTO application (serial, applicant_kind, name, employer, id_type, id_number,"
			     " org_kind, uscc, legal_rep, contact_name, phone, address, postcode, email, unit_id, unit_name,"
			     " description, form, delivery, oral, received, state, clock_start, extended, deadline, outcome,"
			     " answered, forwarded_at, receipt_printed, version, created_at, created_by, updated_at,"
			     " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
			     " ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)");
	g->app_ev = prep(g, "INSERT INTO app_event (app_id, at, day, operator, event, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	g->ask_ins = prep(g, "INSERT INTO consultation (serial, name, contact, question, channel, received, state,"
			     " entry_id, entry_code, unit_id, unit_name, dispatch_method, dispatched, due, reply, replied,"
			     " followup, followup_day, followup_note, version, created_at, created_by, updated_at,"
			     " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
			     " ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)");
	g->ask_ev = prep(g, "INSERT INTO ask_event (ask_id, at, day, operator, event, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	g->sug_ins = prep(g, "INSERT INTO suggestion (serial, name, contact, unit_id, unit_name, content, channel,"
			     " received, state, forwarded_at, reply, replied, version, created_at, created_by, updated_at,"
			     " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
	g->sug_ev = prep(g, "INSERT INTO sug_event (sug_id, at, day, operator, event, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	g->guid_ins = prep(g, "INSERT INTO guidance (at, day, operator, register, unit_id, unit_name, name, description)"
			      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	g->print_ins = prep(g, "INSERT INTO print_log (at, day, operator, what, ref, copies, ok, job, error)"
			       " VALUES (?1, substr(?1, 1, 10), ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	g->fee_ins = prep(g, "INSERT INTO fee_log (at, day, operator, what, ref, pages, amount_fen, document)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
}

/* The serial counters end where the serials do, as if every record had been registered at the desk. */
static void counters(struct gen *g)
{
	static const char *const regs[] = { "app", "sug", "ask" };
	sqlite3_stmt *st = prep(g, "INSERT INTO serial_counter (reg, year, last) VALUES (?1, ?2, ?3)"
				   " ON CONFLICT (reg, year) DO UPDATE SET last = max(last, excluded.last)");

	for (int r = 0; r < 3; r++) {
		for (int y = 0; y < MAX_YEARS; y++) {
			if (!g->seq[r][y])
				continue;
			text(st, 1, regs[r]);
			sqlite3_bind_int(st, 2, g->first_year + y);
			sqlite3_bind_int(st, 3, g->seq[r][y]);
			done(g, st);
		}
	}
	sqlite3_finalize(st);
}

/* How many of `total` fall on working day k of n: spread evenly, every day its share. */
static long share(long total, long k, long n)
{
	return total * (k + 1) / n - total * k / n;
}

static void report(void *ctx, int severity, const char *msg)
{
	(void)ctx;
	(void)severity;
	fprintf(stderr, "sitegen: %s\n", msg);
}

/* A knowledge base in the import format, added as `zwgk kb import` adds it. */
static void import_kb(struct gen *g, const char *file)
{
	struct zerr err = ZERR_INIT;
	size_t len;
	char *text = fs_read_file(file, (size_t)1 << 30, &len, &err);
	int added, updated;

	if (!text || kb_import(g->db, text, len, file, "sitegen", &added, &updated, &err) != 0) {
		fprintf(stderr, "sitegen: %s: %s\n", file, err.msg);
		exit(1);
	}
	fprintf(stderr, "sitegen: knowledge base: %d entries added, %d updated\n", added, updated);
	free(text);
}

static int usage(void)
{
	fputs("usage: sitegen [-s SEED] [--from YYYY-MM-DD] [--kb FILE.tsv] [--portal N] CONFIG APPLICATIONS"
	      " CONSULTATIONS\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	static struct gen g;
	struct zerr err = ZERR_INIT;
	long napps, nasks, nwork = 0, k = 0, ndocs = 0;
	const char *kb_file = NULL;
	int i = 1;
	zdate prev = 0;

	/* Display widths (the documents' lines) are the locale's: C.UTF-8 as the benchmarks run. */
	setlocale(LC_ALL, "");
	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (strcmp(argv[i], "-s") == 0)
			rng_state = strtoull(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--from") == 0 && date_parse(argv[i + 1], &g.first) == 0)
			;
		else if (strcmp(argv[i], "--kb") == 0)
			kb_file = argv[i + 1];
		else if (strcmp(argv[i], "--portal") == 0)
			ndocs = atol(argv[i + 1]);
		else
			return usage();
	}
	if (argc - i != 3)
		return usage();
	napps = atol(argv[i + 1]);
	nasks = atol(argv[i + 2]);
	if (app_open(&g.app, argv[i], APP_ALL, report, NULL, &err) != EXIT_OK) {
		fprintf(stderr, "sitegen: %s: %s\n", argv[i], err.msg);
		return 1;
	}
	g.db = g.app.db;
	g.today = date_today();
	if (!g.first)
		g.first = g.today - 3 * 365 + 1;
	g.first_year = date_year(g.first);
	if (g.first > g.today || date_year(g.today) - g.first_year >= MAX_YEARS) {
		fputs("sitegen: --from must lie before today, and less than 16 years back\n", stderr);
		return 1;
	}
	if (kb_file)
		import_kb(&g, kb_file);
	if (!napps && !nasks) {
		if (ndocs)
			g.rows += sitegen_portal(g.db, ndocs, g.first, g.today, rng_state);
		exec(&g, "PRAGMA wal_checkpoint(TRUNCATE)");
		fprintf(stderr, "sitegen: %ld documents in the portal mirror\n", ndocs);
		app_close(&g.app);
		return 0;
	}
	for (g.nstaff = 0; g.app.cfg.staff && g.app.cfg.staff[g.nstaff]; g.nstaff++)
		;
	g.staff = (const char *const *)g.app.cfg.staff;
	if (!g.nstaff) {
		static const char *const clerk[] = { "值班员" };

		g.staff = clerk;
		g.nstaff = 1;
	}
	load_units(&g);
	prepare(&g);
	for (zdate d = g.first; d <= g.today; d++)
		nwork += cal_is_workday(&g.app.cal, d, NULL);
	exec(&g, "BEGIN IMMEDIATE");
	for (zdate d = g.first; d <= g.today; d++) {
		long rows = g.rows;

		if (!cal_is_workday(&g.app.cal, d, NULL))
			continue;
		for (long n = share(napps, k, nwork); n > 0; n--)
			application(&g, d);
		for (long n = share(nasks, k, nwork); n > 0; n--)
			consultation(&g, d);
		for (long n = share(napps / 20, k, nwork); n > 0; n--)
			suggestion(&g, d);
		for (long n = share(napps / 10, k, nwork); n > 0; n--)
			guidance(&g, d);
		for (long n = share(napps / 50, k, nwork); n > 0; n--)
			paid_print(&g, d);
		day_prints(&g, d, prev);
		prev = d;
		k++;
		/* A commit now and then: the write-ahead log stays small. */
		if (g.rows / (BATCH * 20) != rows / (BATCH * 20)) {
			exec(&g, "COMMIT");
			exec(&g, "BEGIN IMMEDIATE");
			if (isatty(2))
				fprintf(stderr, "\rsitegen: %ld of %ld working days, %lld rows", k, nwork, g.rows);
		}
	}
	counters(&g);
	exec(&g, "COMMIT");
	if (ndocs)
		g.rows += sitegen_portal(g.db, ndocs, g.first, g.today, rng_state);
	exec(&g, "PRAGMA wal_checkpoint(TRUNCATE)");
	fprintf(stderr, "%ssitegen: %ld working days from %d, %ld applications, %ld consultations, %lld rows\n",
		isatty(2) ? "\r" : "", nwork, g.first_year, napps, nasks, g.rows);
	sqlite3_finalize(g.app_ins);
	sqlite3_finalize(g.app_ev);
	sqlite3_finalize(g.ask_ins);
	sqlite3_finalize(g.ask_ev);
	sqlite3_finalize(g.sug_ins);
	sqlite3_finalize(g.sug_ev);
	sqlite3_finalize(g.guid_ins);
	sqlite3_finalize(g.print_ins);
	sqlite3_finalize(g.fee_ins);
	app_close(&g.app);
	return 0;
}
