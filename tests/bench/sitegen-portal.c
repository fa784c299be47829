/*
 * sitegen-portal.c - sitegen's mirror of the county portal: documents of the 政府信息公开目录
 * of the kinds a county portal lists, with the lengths such documents have, stored as
 * `zwgk portal sync` stores them (listed, then fetched: portal_store_doc writes the row and the
 * search index through the same tokenizer).
 *
 * Lengths in characters, per kind: 公示 about 600 at the median, 公告 900, 通知 1,500, 政策解读
 * 2,200, 实施方案 4,000, 部门预决算说明 and 工作报告 5,000; spread log-normally (σ 0.55) and kept
 * within 150–30,000. The sentences are those of the site's knowledge-base answers (policy
 * language of the same county), set in headings, numbered sections, an occasional table and a
 * signature, laid out in lines of 72 columns as the sync lays out a page.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "sitegen.h"

#include "db.h"
#include "portal.h"
#include "width.h"

#define TEXT_COLS 72
#define DOCS_PER_COMMIT 500

#define PICK(a) (a[pick((int)(sizeof a / sizeof a[0]))])

static const struct {
	const char *name, *abbr, *code;
} depts[] = {
	{ "巫山县人民政府办公室", "巫山府办发", "GOV" }, { "巫山县财政局", "巫山财发", "CZJ" },
	{ "巫山县农业农村委员会", "巫山农委发", "NYW" }, { "巫山县人力资源和社会保障局", "巫山人社发", "RSJ" },
	{ "巫山县民政局", "巫山民发", "MZJ" }, { "巫山县住房和城乡建设委员会", "巫山建委发", "JWH" },
	{ "巫山县交通运输委员会", "巫山交委发", "JTW" }, { "巫山县教育委员会", "巫山教委发", "JYW" },
	{ "巫山县卫生健康委员会", "巫山卫健委发", "WJW" }, { "巫山县医疗保障局", "巫山医保发", "YBJ" },
	{ "巫山县规划和自然资源局", "巫山规资发", "GZJ" }, { "巫山县生态环境局", "巫山环发", "HBJ" },
	{ "巫山县退役军人事务局", "巫山退役军人发", "TYJ" }, { "巫山县应急管理局", "巫山应急发", "YJJ" },
	{ "巫山县水利局", "巫山水发", "SLJ" }, { "巫山县林业局", "巫山林发", "LYJ" },
	{ "巫山县市场监督管理局", "巫山市监发", "SJJ" }, { "巫山县乡村振兴局", "巫山振兴发", "XZJ" },
	{ "巫山县高唐街道办事处", "高唐街道发", "GTJ" }, { "巫山县大昌镇人民政府", "大昌府发", "DCZ" },
};

static const char *const townships[] = {
	"高唐街道", "龙门街道", "巫峡镇", "庙宇镇", "大昌镇", "福田镇", "龙溪镇", "双龙镇", "官阳镇", "骡坪镇",
	"抱龙镇", "官渡镇", "铜鼓镇", "曲尺乡", "建平乡", "大溪乡", "金坪乡", "平河乡", "两坪乡", "培石乡",
};

static const char *const topics[] = {
	"耕地地力保护补贴发放", "城乡居民基本养老保险缴费", "农村危房改造", "高标准农田建设", "脆李产业发展扶持资金",
	"城乡最低生活保障", "地质灾害避险搬迁", "农村义务教育学生营养改善计划", "退役军人优待抚恤", "城乡公益性岗位补贴",
	"城乡居民基本医疗保险参保缴费", "巩固拓展脱贫攻坚成果同乡村振兴有效衔接资金", "森林防灭火", "城镇老旧小区改造",
	"集体土地征收补偿安置", "农村集中供水工程", "农村公路改建工程", "河长制工作", "安全生产大检查",
	"农村人居环境整治", "困难残疾人生活补贴和重度残疾人护理补贴", "临时救助", "特困人员救助供养", "创业担保贷款贴息",
	"失业保险稳岗返还", "种粮大户补贴", "生猪生产稳产保供", "中药材产业发展", "农村宅基地审批管理",
	"政府信息公开工作年度报告", "乡镇便民服务中心标准化建设", "防汛抗旱", "义务教育阶段招生入学", "学生资助",
	"家庭医生签约服务", "农村客运班线", "长江十年禁渔", "耕地保护和粮食安全责任制考核", "高龄失能老人补贴",
	"残疾人就业保障金征收", "公共租赁住房配租", "乡村旅游发展", "产业发展贷款风险补偿", "电子商务进农村",
};

static const char *const headings[] = {
	"总体要求", "补贴对象", "补贴标准", "申报程序", "资金管理", "工作步骤", "保障措施", "监督检查", "工作要求",
	"实施范围", "主要任务", "职责分工", "办理流程", "申请条件", "政策依据", "其他事项", "目标任务", "进度安排",
};

static const char *const table_rows[][4] = {
	{ "耕地地力保护补贴", "每亩98.5元", "中央财政", "“一卡通”直接发放" },
	{ "种粮大户补贴", "每亩50元", "县级财政", "银行转账" },
	{ "营养改善计划补助", "每生每天5元", "中央、市级财政", "学校食堂统一供餐" },
	{ "公益性岗位补贴", "每人每月1800元", "就业补助资金", "按月发放" },
	{ "高龄失能老人补贴", "每人每月100元", "县级财政", "社保卡发放" },
	{ "重度残疾人护理补贴", "每人每月90元", "市、县财政", "“一卡通”直接发放" },
	{ "危房改造补助", "每户1.5万元", "中央、市级财政", "分两次拨付" },
	{ "临时救助", "一般不超过6个月低保标准", "县级财政", "乡镇审批后发放" },
};

/* The kinds of documents, how often each is listed (per mille), and its median length. */
enum { K_NOTICE_PUBLIC, K_ANNOUNCE, K_NOTICE, K_READING, K_PLAN, K_BUDGET, K_COUNT };
static const struct {
	int per_mille, median;
} kinds[K_COUNT] = {
	[K_NOTICE_PUBLIC] = { 300, 600 }, [K_ANNOUNCE] = { 100, 900 }, [K_NOTICE] = { 300, 1500 },
	[K_READING] = { 100, 2200 }, [K_PLAN] = { 120, 4000 }, [K_BUDGET] = { 80, 5000 },
};

static const char *const numerals[] = {
	"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六",
	"十七", "十八", "十九", "二十",
};

struct sentences {
	char **v;
	int n;
};

/* The sentences of the knowledge base's answers (the first 2,000 published entries'). */
static void load_sentences(sqlite3 *db, struct sentences *s)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT answer FROM kb_entry WHERE status = 'published' ORDER BY id LIMIT 2000", -1,
			       &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "sitegen: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(st, 0);

		while (a && *a) {
			const char *end = strstr(a, "。");
			size_t len = end ? (size_t)(end - a) + strlen("。") : strlen(a);

			if (len > 12) {
				s->v = xrealloc(s->v, sizeof *s->v * (size_t)(s->n + 1));
				s->v[s->n++] = xstrndup(a, len);
			}
			a += len;
		}
	}
	sqlite3_finalize(st);
	if (!s->n) {
		fputs("sitegen: the knowledge base has no answers to make documents of\n", stderr);
		exit(1);
	}
}

/* A length from the kind's median, log-normal (Box–Muller on the generator's numbers). */
static int doc_length(int median)
{
	double u1 = (double)(rng() >> 11) / 9007199254740992.0, u2 = (double)(rng() >> 11) / 9007199254740992.0;
	double z = sqrt(-2.0 * log(u1 > 0 ? u1 : 1e-12)) * cos(2 * M_PI * u2);
	double len = median * exp(0.55 * z);

	return len < 150 ? 150 : len > 30000 ? 30000 : (int)len;
}

/* Characters so far (UTF-8: every byte that does not continue one). */
static int chars(const struct sbuf *b)
{
	int n = 0;

	for (size_t i = 0; i < b->len; i++)
		n += ((unsigned char)b->s[i] & 0xC0) != 0x80;
	return n;
}

/* A paragraph laid out in lines of TEXT_COLS, then a blank line. */
static void paragraph(struct sbuf *b, const char *text)
{
	char **lines;
	int n = width_wrap(text, TEXT_COLS, &lines);

	for (int i = 0; i < n; i++)
		sbuf_printf(b, "%s\n", lines[i]);
	sbuf_add(b, "\n");
	strv_free(lines);
}

static void table(struct sbuf *b)
{
	int first = pick(4), rows = 2 + pick(4);
	char *cells[4];

	sbuf_printf(b, "%28s%s\n", "", "补贴标准表");
	for (int r = -1; r < rows; r++) {
		static const char *const head[4] = { "补贴类别", "补贴标准", "资金来源", "发放方式" };
		const char *const *row = r < 0 ? head : table_rows[(first + r) % 8];

		for (int c = 0; c < 4; c++)
			cells[c] = width_fit(row[c], c == 1 ? 24 : 16, ALIGN_LEFT);
		sbuf_printf(b, "%s  %s  %s  %s\n", cells[0], cells[1], cells[2], cells[3]);
		for (int c = 0; c < 4; c++)
			free(cells[c]);
		if (r < 0)
			sbuf_add(b, "------------------------------------------------------------------\n");
	}
	sbuf_add(b, "\n");
}

static char *title_of(int kind, int year, const char *township, const char *topic, const char *dept)
{
	switch (kind) {
	case K_NOTICE_PUBLIC: return xasprintf("关于%d年%s%s情况的公示", year, township, topic);
	case K_ANNOUNCE: return xasprintf("%s关于%s有关事项的公告", dept, topic);
	case K_NOTICE: return xasprintf("关于做好%d年%s工作的通知", year, topic);
	case K_READING: return xasprintf("《巫山县%s实施办法》政策解读", topic);
	case K_PLAN: return xasprintf("巫山县人民政府办公室关于印发《巫山县%d年%s实施方案》的通知", year, topic);
	default:
		return pick(2) ? xasprintf("%s%d年部门决算公开说明", dept, year - 1)
			       : xasprintf("%s%d年%s工作情况报告", dept, year - 1, topic);
	}
}

/* The document's text: addressee, purpose, numbered sections until `target` characters, signature. */
static char *body(const struct sentences *s, int kind, int target, const char *dept, const char *township,
		  const char *topic, int year, const char *date)
{
	struct sbuf b = { 0 };
	char *p;
	int section = 0;

	sbuf_add(&b, "");
	if (kind == K_NOTICE || kind == K_PLAN)
		sbuf_add(&b, "各乡镇人民政府、街道办事处，县政府各部门，有关单位：\n\n");
	p = xasprintf("为进一步做好%d年%s%s工作，根据有关政策规定，结合我县实际，现将有关事项%s。", year, township, topic,
		      kind == K_NOTICE_PUBLIC ? "公示如下，公示期为7个工作日" : kind == K_READING ? "解读如下" : "通知如下");
	paragraph(&b, p);
	free(p);
	while (chars(&b) < target - 40 && section < 20) {
		struct sbuf para = { 0 };
		int sentences = 1 + pick(4);

		sbuf_printf(&b, "%s、%s\n\n", numerals[section++], PICK(headings));
		if (kind != K_NOTICE_PUBLIC && pick(100) < 12)
			table(&b);
		for (int k = 0; k < 1 + pick(3) && chars(&b) < target - 40; k++) {
			sbuf_add(&para, "");
			for (int i = 0; i < sentences; i++)
				sbuf_add(&para, s->v[pick(s->n)]);
			paragraph(&b, para.s);
			sbuf_free(&para);
		}
	}
	sbuf_printf(&b, "政策咨询电话：023-000000%02d（演示号码）。\n\n%s\n%s\n", pick(100), dept, date);
	return sbuf_take(&b);
}

long sitegen_portal(sqlite3 *db, long n, zdate first, zdate today, unsigned long long seed)
{
	struct sentences s = { NULL, 0 };
	sqlite3_stmt *ins;
	struct zerr err = ZERR_INIT;
	char now[20];
	long rows = 0;

	rng_state = seed ^ 0x706f7274616cULL;
	load_sentences(db, &s);
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO portal_doc (url, title, published, unit, number, index_no, listed_at, state)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'listed')",
			       -1, &ins, NULL) != SQLITE_OK) {
		fprintf(stderr, "sitegen: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	db_now(now);
	if (db_begin(db, &err) != 0)
		goto fail;
	for (long i = 0; i < n; i++) {
		int r = pick(1000), kind = 0, y, m, d;
		int di = pick((int)(sizeof depts / sizeof depts[0]));
		zdate day = first + (zdate)((today - first + 1) * i / (n > 0 ? n : 1));
		char date[DATE_BUFSZ], written[DATE_BUFSZ];
		const char *township = PICK(townships), *topic = PICK(topics);
		struct portal_doc doc;

		while (kind < K_COUNT - 1 && r >= kinds[kind].per_mille)
			r -= kinds[kind++].per_mille;
		date_to_ymd(day, &y, &m, &d);
		memset(&doc, 0, sizeof doc);
		date_format(day, date);
		date_format(day - pick(8), written);
		doc.url = xasprintf("http://www.cqws.gov.cn/zwgk_%s/fdzdgknr/%04d%02d/t%04d%02d%02d_%ld.html", depts[di].code,
				    y, m, y, m, d, 1000000 + i);
		doc.title = title_of(kind, y, township, topic, depts[di].name);
		doc.published = xstrdup(date);
		doc.unit = xstrdup(depts[di].name);
		doc.number = kind == K_NOTICE_PUBLIC || kind == K_READING || pick(4) == 0
				     ? xstrdup("")
				     : xasprintf("%s〔%d〕%d号", depts[di].abbr, y, 1 + pick(120));
		doc.index_no = xasprintf("11500237%s/%d-%05ld", depts[di].code, y, 1 + i % 99999);
		doc.written = xstrdup(written);
		doc.meta = xasprintf("索引号\t%s\n发布机构\t%s\n文号\t%s\n成文日期\t%s\n标题\t%s\n发布日期\t%s\n主题分类\t%s\n",
				     doc.index_no, doc.unit, doc.number, written, doc.title, date, "综合政务/其他");
		doc.text = body(&s, kind, doc_length(kinds[kind].median), doc.unit, township, topic, y, date);
		sqlite3_bind_text(ins, 1, doc.url, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, doc.title, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, doc.published, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 4, doc.unit, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 5, doc.number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 6, doc.index_no, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 7, now, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			db_error(db, &err);
			goto fail;
		}
		sqlite3_reset(ins);
		doc.id = sqlite3_last_insert_rowid(db);
		if (portal_store_doc(db, &doc, "", "", &err) != 0)
			goto fail;
		portal_doc_free(&doc);
		rows += 2;
		if ((i + 1) % DOCS_PER_COMMIT == 0 && (db_commit(db, &err) != 0 || db_begin(db, &err) != 0))
			goto fail;
	}
	/* The mirror was synced last night. */
	{
		char day[DATE_BUFSZ];
		sqlite3_stmt *st = db_prepare(db,
					      "INSERT INTO portal_sync (started_at, finished_at, operator, pages, docs, bytes, state)"
					      " SELECT ?1 || ' 02:00:00', ?1 || ' 02:41:07', 'cron', count(*) / 20, count(*),"
					      " coalesce(sum(length(text)), 0), 'done' FROM portal_doc",
					      &err);

		if (!st)
			goto fail;
		sqlite3_bind_text(st, 1, date_format(today, day), -1, SQLITE_TRANSIENT);
		if (db_done(db, st, &err) != 0 || db_commit(db, &err) != 0)
			goto fail;
	}
	sqlite3_finalize(ins);
	for (int i = 0; i < s.n; i++)
		free(s.v[i]);
	free(s.v);
	return rows;
fail:
	fprintf(stderr, "sitegen: the portal's documents: %s\n", err.msg);
	exit(1);
}
