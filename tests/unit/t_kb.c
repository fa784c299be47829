/* t_kb.c - Chinese normalisation, tokens, synonyms, and the knowledge base's storage and search. */
#include <stdlib.h>

#include "db.h"
#include "fsutil.h"
#include "kb.h"
#include "t.h"
#include "zhtext.h"

static int collect(void *ctx, int kind, const char *tok, int len)
{
	struct sbuf *b = ctx;

	sbuf_printf(b, "%s%c:%.*s", b->len ? " " : "", kind == ZH_WORD ? 'w' : kind == ZH_UNIGRAM ? 'u' : 'b', len, tok);
	return 0;
}

static char *tokens(const char *s)
{
	struct sbuf b = { 0 };
	char *norm = zh_normalize(s);

	sbuf_add(&b, "");
	zh_tokens(norm, ZH_ALL, collect, &b);
	free(norm);
	return sbuf_take(&b);
}

static void test_normalize(void)
{
	char *s;

	/* Full-width forms, case, traditional characters, punctuation. */
	s = zh_normalize("ＡＢＣ１２３，醫療保險！Hello　World");
	CHECK_STR(s, "abc123 医疗保险 hello world");
	free(s);
	/* Emoji, controls and invalid bytes are separators, never errors. */
	s = zh_normalize("养老\xF0\x9F\x98\x80金\x1b[2J\xff\xfe低保");
	CHECK_STR(s, "养老 金 2j 低保");
	free(s);
	s = zh_normalize("");
	CHECK_STR(s, "");
	free(s);
	s = zh_numerals("满六十岁交了十五年，两千块，一百，老百姓一下");
	CHECK_STR(s, "满60岁交了15年，2000块，100，老百姓一下");
	free(s);
	s = zh_numerals("二十几万 十一年");
	CHECK_STR(s, "20几万 11年");
	free(s);
	/* Mixed Chinese, ASCII and digits: words, characters, and pairs of adjacent characters. */
	s = tokens("2026年医保");
	CHECK_STR(s, "w:2026 u:年 u:医 b:年医 u:保 b:医保");
	free(s);
	s = tokens("ID卡 abc");
	CHECK_STR(s, "w:id u:卡 w:abc");
	free(s);
	CHECK(zh_stop_char("的", 3));
	CHECK(!zh_stop_char("保", 3));
}

static void test_synonyms(void)
{
	struct zh_synonyms syn;
	struct zerr err = ZERR_INIT;
	char *s;

	CHECK_INT(zh_synonyms_parse(&syn,
				    "# comment\n"
				    "城乡居民医保: 合作医疗 农合 居民医保\n"
				    "怎么：咋个 啷个\n"
				    "养老金: 养老钱\n"
				    "什么: 啥子\n"
				    "材料: 带些什么\n",
				    "test", &err),
		  0);
	/* Longest variant first; a canonical word that holds a variant stays whole. */
	s = zh_prepare(&syn, "合作医疗咋个交？城乡居民医保和居民医保");
	CHECK_STR(s, "城乡居民医保怎么交 城乡居民医保和城乡居民医保");
	free(s);
	/* A phrase that appears once its dialect is plain (second pass). */
	s = zh_prepare(&syn, "要带些啥子");
	CHECK_STR(s, "要材料");
	free(s);
	zh_synonyms_free(&syn);
	/* Filler phrases are variants of nothing: the words around one join up; a longer line wins. */
	CHECK_INT(zh_synonyms_parse(&syn, "参保: 买那个\n可以: 能不能\n", "test", &err), 0);
	s = zh_prepare(&syn, "你好，我想问一下耕地那个补助");
	CHECK_STR(s, "耕地补助");
	free(s);
	s = zh_prepare(&syn, "能不能买那个保险");
	CHECK_STR(s, "可以参保保险");
	free(s);
	zh_synonyms_free(&syn);
	/* A variant does not cut a word of the table in two: 能报 stays out of 能报销. */
	CHECK_INT(zh_synonyms_parse(&syn, "报销: 能报 报账\n户口迁移: 户口迁\n迁出: 迁走\n", "test", &err), 0);
	s = zh_prepare(&syn, "住院能报销吗？能报不？户口迁出，户口迁到外地");
	CHECK_STR(s, "住院能报销吗 报销不 户口迁出 户口迁移到外地");
	free(s);
	zh_synonyms_free(&syn);
	/* Adverbs that say nothing of the subject go as greetings do; colloquial words of the table. */
	CHECK_INT(zh_synonyms_load(&syn, t_src("contrib/synonyms.txt"), &err), 0);
	s = zh_prepare(&syn, "突然遭了难，大概好久能批下来，咋回事？");
	CHECK_STR(s, "临时救助 什么时候能批下来");
	free(s);
	s = zh_prepare(&syn, "娃儿刚生下来还没上户口，我帮她去办要得不？");
	CHECK_STR(s, "孩子新生儿还未落户 我代办可以");
	free(s);
	s = zh_prepare(&syn, "每个月有啥子用，剩下的钱么得了");
	CHECK_STR(s, "每月享受 余额没有了");
	free(s);
	zh_synonyms_free(&syn);
	/* Bad lines are reported by number, all of them. */
	CHECK_INT(zh_synonyms_parse(&syn, "医保 农合\n\n养老金:\n", "syn.txt", &err), -1);
	CHECK_CONTAINS(err.msg, "syn.txt");
	CHECK_CONTAINS(err.msg, "line 1");
	CHECK_CONTAINS(err.msg, "line 3");
	/* The shipped table loads. */
	CHECK_INT(zh_synonyms_load(&syn, t_src("contrib/synonyms.txt"), &err), 0);
	CHECK(syn.n > 100);
	zh_synonyms_free(&syn);
}

static const char sample[] =
	"id\tcategory\tquestion\tanswer\tsource\tunit\n"
	"KB001\t社会保障\t哪些人可以参加城乡居民基本养老保险？\t年满16周岁的本县户籍居民可以参保。\t办法\t县人力社保局\n"
	"KB002\t医疗保障\t城乡居民医保每年什么时候缴费、缴多少钱？\t每年9月至12月集中缴费。\t通知\t县医保局\n"
	"KB003\t社会救助\t申请低保需要提交哪些材料？\t身份证、户口簿、收入证明。\t办法\t县民政局\n";

static void open_kb(sqlite3 **db, struct zh_synonyms *syn)
{
	struct zerr err = ZERR_INIT;
	int added, updated;

	CHECK_INT(zh_synonyms_load(syn, t_src("contrib/synonyms.txt"), &err), 0);
	CHECK_INT(db_open(db, ":memory:", DB_MUST_EXIST, &err), 0);
	CHECK_INT(kb_sync_index(*db, syn, &err), 0);
	CHECK_INT(kb_import(*db, sample, sizeof sample - 1, "sample", "测试员", &added, &updated, &err), 0);
	CHECK_INT(added, 3);
}

static void close_kb(sqlite3 *db, struct zh_synonyms *syn)
{
	db_close(db);
	zh_fts5_set_synonyms(NULL);
	zh_synonyms_free(syn);
}

static void test_import(void)
{
	struct zh_synonyms syn;
	struct zerr err = ZERR_INIT;
	sqlite3 *db;
	struct kb_entry e;
	int added, updated;
	char *out;
	static const char bad[] =
		"id\tcategory\tquestion\tanswer\tsource\tunit\n"
		"KB001\t社会保障\t改过的问题\t改过的答案\t\t\n"
		"KB009\t社会保障\t\t没有问题的答案\t\t\n"
		"KB010\t只有三列\t问\n"
		"KB001\t社会保障\t又一次\t答\t\t\n";

	open_kb(&db, &syn);
	/* All or nothing: every bad line by number, and KB001 is untouched. */
	CHECK_INT(kb_import(db, bad, sizeof bad - 1, "bad.tsv", "测试员", &added, &updated, &err), -1);
	CHECK_CONTAINS(err.msg, "line 3: question");
	CHECK_CONTAINS(err.msg, "line 4: 3 fields");
	CHECK_CONTAINS(err.msg, "line 5: id: KB001");
	CHECK_INT(kb_load(db, "KB001", &e, &err), 0);
	CHECK_STR(e.f[KF_QUESTION], "哪些人可以参加城乡居民基本养老保险？");
	kb_entry_free(&e);
	/* An alias is checked as one typed at the desk: no control character, no line break. */
	{
		static const char esc[] = "id\tcategory\tquestion\tanswer\tsource\tunit\taliases\n"
					  "KB011\t其他\t问\t答\t\t\t好的|坏\x1b[2J的\n"
					  "KB012\t其他\t问\t答\t\t\t两\\n行\n";

		CHECK_INT(kb_import(db, esc, sizeof esc - 1, "esc.tsv", "测试员", &added, &updated, &err), -1);
		CHECK_CONTAINS(err.msg, "line 2: aliases: an alias is at most 200 characters on one line");
		CHECK_CONTAINS(err.msg, "line 3: aliases");
		CHECK_INT(kb_load(db, "KB011", &e, &err), -1);
	}
	/* Not UTF-8, no header, an unknown column. */
	CHECK_INT(kb_import(db, "\xb0\xa1", 2, "gbk.tsv", "测试员", &added, &updated, &err), -1);
	CHECK_CONTAINS(err.msg, "UTF-8");
	CHECK_INT(kb_import(db, "id\tquestion\n", 12, "x.tsv", "测试员", &added, &updated, &err), -1);
	CHECK_CONTAINS(err.msg, "missing");
	CHECK_INT(kb_import(db, "id\tcolour\n", 10, "x.tsv", "测试员", &added, &updated, &err), -1);
	CHECK_CONTAINS(err.msg, "colour");
	/* Export and import again: nothing changes, and aliases travel along. */
	CHECK_INT(kb_load(db, "KB003", &e, &err), 0);
	CHECK_INT(kb_alias_add(db, e.id, "吃低保要带啥子", "clerk", "测试员", &err), 1);
	CHECK_INT(kb_alias_add(db, e.id, "吃低保要带啥子！", "learned", "测试员", &err), 0);
	kb_entry_free(&e);
	out = kb_export(db, &err);
	CHECK(out != NULL);
	CHECK_CONTAINS(out, "id\tcategory\tquestion\tanswer\tsource\tunit\taliases\tstatus");
	CHECK_CONTAINS(out, "\t吃低保要带啥子\tpublished\t");
	CHECK_INT(kb_import(db, out, strlen(out), "export", "测试员", &added, &updated, &err), 0);
	CHECK_INT(added, 0);
	free(out);
	close_kb(db, &syn);
}

static void test_search(void)
{
	static const char *const odd[] = {
		"", "   ", "\"", "\"养老\" OR \"", "*", "-养老", "NEAR(养老 医保)", "养老 AND 医保", "养老 NOT 医保",
		"^医保", "医保:", "(", "\xff\xfe\xfd", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80", "a\"b'c", NULL,
	};
	struct zh_synonyms syn;
	struct zerr err = ZERR_INIT;
	struct kb_hit *hits;
	struct kb_entry e;
	sqlite3 *db;
	int n;

	open_kb(&db, &syn);
	/* Colloquial and dialect words find the entry in policy words. */
	CHECK_INT(kb_search(db, &syn, "合作医疗好久交钱，交好多？", 3, date_today(), &hits, &n, &err), 0);
	CHECK(n >= 1 && strcmp(hits[0].code, "KB002") == 0);
	kb_hits_free(hits, n);
	CHECK_INT(kb_search(db, &syn, "想给我妈吃低保，要带些啥子东西", 3, date_today(), &hits, &n, &err), 0);
	CHECK(n >= 1 && strcmp(hits[0].code, "KB003") == 0);
	CHECK(n >= 1 && hits[0].confident);
	kb_hits_free(hits, n);
	/* No input is an error or reaches FTS5 as syntax. */
	for (int i = 0; odd[i]; i++) {
		CHECK_INT(kb_search(db, &syn, odd[i], 5, date_today(), &hits, &n, &err), 0);
		kb_hits_free(hits, n);
	}
	/* A page pasted in whole is searched by its first ZH_QUERY_MAX characters: the same hits,
	 * at once (20,000 characters took minutes). */
	{
		struct sbuf b = { 0 };
		struct kb_hit *head;
		int nhead;

		sbuf_add(&b, "想给我妈吃低保，要带些啥子东西");
		while (b.len < 80000)
			sbuf_add(&b, "邻居家的鸡跑到我菜地里，");
		CHECK_INT(kb_search(db, &syn, b.s, 3, date_today(), &hits, &n, &err), 0);
		{
			char *cut = str_head(b.s, ZH_QUERY_MAX);

			CHECK_INT(kb_search(db, &syn, cut, 3, date_today(), &head, &nhead, &err), 0);
			CHECK_INT(n, nhead);
			for (int i = 0; i < n && i < nhead; i++)
				CHECK_STR(hits[i].code, head[i].code);
			kb_hits_free(head, nhead);
			free(cut);
		}
		kb_hits_free(hits, n);
		sbuf_free(&b);
	}
	/* Nothing related: no confident answer. */
	CHECK_INT(kb_search(db, &syn, "邻居家的鸡跑到我菜地里", 3, date_today(), &hits, &n, &err), 0);
	CHECK(n == 0 || !hits[0].confident);
	kb_hits_free(hits, n);
	/* Past its valid-until date: still shown, after the valid ones, never confident. */
	CHECK_INT(kb_load(db, "KB003", &e, &err), 0);
	kb_entry_set(&e, KF_VALID_UNTIL, "2020-12-31");
	CHECK_INT(kb_update(db, &e, "测试员", &err), 0);
	kb_entry_free(&e);
	CHECK_INT(kb_search(db, &syn, "吃低保要带些啥子材料", 3, date_today(), &hits, &n, &err), 0);
	for (int i = 0; i < n; i++)
		if (strcmp(hits[i].code, "KB003") == 0)
			CHECK(hits[i].expired && !hits[i].confident && i == n - 1);
	kb_hits_free(hits, n);
	/* A retired entry is not found at all. */
	CHECK_INT(kb_load(db, "KB002", &e, &err), 0);
	CHECK_INT(kb_set_status(db, &e, KB_RETIRED, "测试员", &err), 0);
	kb_entry_free(&e);
	CHECK_INT(kb_search(db, &syn, "合作医疗好久交钱", 3, date_today(), &hits, &n, &err), 0);
	for (int i = 0; i < n; i++)
		CHECK(strcmp(hits[i].code, "KB002") != 0);
	kb_hits_free(hits, n);
	close_kb(db, &syn);
}

/* kb_bag and kb_df as one string, to compare with a rebuild. */
static char *bags_snapshot(sqlite3 *db)
{
	struct zerr err = ZERR_INIT;
	sqlite3_stmt *st = db_prepare(db,
				      "SELECT (SELECT group_concat(entry_id || ':' || question || '/' || aliases || '/' || answer, ';')"
				      " FROM (SELECT * FROM kb_bag ORDER BY entry_id)) || '#' ||"
				      " (SELECT group_concat(term || '=' || n, ' ') FROM (SELECT * FROM kb_df ORDER BY term))",
				      &err);
	char *s;

	CHECK(st != NULL);
	if (!st)
		return xstrdup("");
	CHECK_INT(sqlite3_step(st), SQLITE_ROW);
	s = xstrdup(db_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

/* Entries on one subject told apart by what they ask: where, what to bring, who may. */
static const char asking[] =
	"id\tcategory\tquestion\tanswer\tsource\tunit\n"
	"KB001\t社会救助\t哪些家庭可以申请城乡最低生活保障？\t家庭人均收入低于当地低保标准的。\t办法\t县民政局\n"
	"KB002\t社会救助\t申请低保需要提交哪些材料？\t身份证、户口簿、收入证明。\t办法\t县民政局\n"
	"KB003\t社会救助\t低保在哪里申请，审核流程需要多长时间？\t到乡镇便民服务中心申请，一般30个工作日。\t办法\t县民政局\n";

static void test_asking(void)
{
	static const struct {
		const char *q, *code;
	} cases[] = {
		/* Where, of an entry that asks where and how long. */
		{ "低保去哪里申请嘛？", "KB003" },
		{ "吃低保要找哪个部门？", "KB003" },
		{ "吃低保要带些啥子东西？", "KB002" },
		{ "啥子样的家庭才能吃低保？", "KB001" },
		{ NULL, NULL },
	};
	struct zh_synonyms syn;
	struct zerr err = ZERR_INIT;
	struct kb_hit *hits;
	sqlite3 *db;
	int n, added, updated;

	CHECK_INT(zh_synonyms_load(&syn, t_src("contrib/synonyms.txt"), &err), 0);
	CHECK_INT(db_open(&db, ":memory:", DB_MUST_EXIST, &err), 0);
	CHECK_INT(kb_sync_index(db, &syn, &err), 0);
	CHECK_INT(kb_import(db, asking, sizeof asking - 1, "asking", "测试员", &added, &updated, &err), 0);
	for (int i = 0; cases[i].q; i++) {
		CHECK_INT(kb_search(db, &syn, cases[i].q, 3, date_today(), &hits, &n, &err), 0);
		CHECK(n >= 1 && strcmp(hits[0].code, cases[i].code) == 0);
		kb_hits_free(hits, n);
	}
	close_kb(db, &syn);
}

static void test_bags(void)
{
	struct zh_synonyms syn;
	struct zerr err = ZERR_INIT;
	struct kb_entry e;
	sqlite3 *db;
	sqlite3_stmt *st;
	char *kept, *rebuilt;
	long long id;

	open_kb(&db, &syn);
	/* Edits and aliases keep the bags as a rebuild from the index makes them. */
	CHECK_INT(kb_load(db, "KB003", &e, &err), 0);
	id = e.id;
	kb_entry_set(&e, KF_ANSWER, "身份证、户口簿、收入证明，到乡镇便民服务中心。");
	CHECK_INT(kb_update(db, &e, "测试员", &err), 0);
	kb_entry_free(&e);
	CHECK_INT(kb_alias_add(db, id, "吃低保要交些啥子", "clerk", "测试员", &err), 1);
	CHECK_INT(kb_alias_add(db, id, "低保户口簿", "clerk", "测试员", &err), 1);
	kept = bags_snapshot(db);
	CHECK_CONTAINS(kept, "便民");
	CHECK_CONTAINS(kept, "|");
	CHECK_INT(kb_bags_setup(db, 1, &err), 0);
	rebuilt = bags_snapshot(db);
	CHECK_STR(kept, rebuilt);
	free(kept);
	/* The counts are the index's own: each term's entries as the FTS5 vocabulary has them. */
	st = db_prepare(db, "SELECT count(*) FROM kb_df AS d JOIN kb_vocab AS v ON v.term = d.term WHERE v.doc != d.n", &err);
	CHECK(st != NULL);
	if (st) {
		CHECK_INT(sqlite3_step(st), SQLITE_ROW);
		CHECK_INT(sqlite3_column_int(st, 0), 0);
		sqlite3_finalize(st);
	}
	/* The empty term's count is the number of entries indexed: a search reads it instead of counting them. */
	st = db_prepare(db, "SELECT (SELECT n FROM kb_df WHERE term = '') = (SELECT count(*) FROM kb_bag)", &err);
	CHECK(st != NULL);
	if (st) {
		CHECK_INT(sqlite3_step(st), SQLITE_ROW);
		CHECK_INT(sqlite3_column_int(st, 0), 1);
		sqlite3_finalize(st);
	}
	/* Built, they are said to be in step, and a start does not count them again. */
	CHECK(db_meta_is(db, "kb_bags", "in step"));
	/*
	 * Rows missing in a database from before that was said (no kb_bags in meta) are noticed and
	 * filled again, and then it is said.
	 */
	CHECK_INT(db_exec(db, "DELETE FROM kb_bag WHERE rowid = 1; DELETE FROM meta WHERE key = 'kb_bags'", &err), 0);
	CHECK_INT(kb_bags_setup(db, 0, &err), 0);
	kept = bags_snapshot(db);
	CHECK_STR(kept, rebuilt);
	free(kept);
	CHECK(db_meta_is(db, "kb_bags", "in step"));
	/* Such a database whose bags are in step is only said to be so. */
	CHECK_INT(db_exec(db, "DELETE FROM meta WHERE key = 'kb_bags'", &err), 0);
	CHECK_INT(kb_bags_setup(db, 0, &err), 0);
	CHECK(db_meta_is(db, "kb_bags", "in step"));
	kept = bags_snapshot(db);
	CHECK_STR(kept, rebuilt);
	free(kept);
	free(rebuilt);
	close_kb(db, &syn);
}

static void test_edit(void)
{
	struct zh_synonyms syn;
	struct zerr err = ZERR_INIT;
	struct kb_entry e, other;
	struct appl_check c;
	sqlite3 *db;

	open_kb(&db, &syn);
	/* A new entry gets a code; a bad one is refused field by field. */
	kb_entry_init(&e);
	kb_entry_set(&e, KF_QUESTION, "高龄津贴怎么申请？");
	kb_entry_set(&e, KF_VALID_FROM, "2026-13-01");
	CHECK_INT(kb_validate(&e, &c), 2);
	CHECK_INT(c.v[0].field, KF_ANSWER);
	CHECK_INT(c.v[1].field, KF_VALID_FROM);
	appl_check_free(&c);
	kb_entry_set(&e, KF_VALID_FROM, "");
	kb_entry_set(&e, KF_ANSWER, "第一段。\n第二段。");
	CHECK_INT(kb_validate(&e, &c), 0);
	appl_check_free(&c);
	CHECK_INT(kb_add(db, &e, "测试员", &err), 0);
	CHECK_STR(e.f[KF_CODE], "KB-1");
	/* Two windows editing one entry: the second save is refused. */
	CHECK_INT(kb_load(db, "KB-1", &other, &err), 0);
	kb_entry_set(&e, KF_CATEGORY, "民政事务");
	CHECK_INT(kb_update(db, &e, "测试员", &err), 0);
	kb_entry_set(&other, KF_CATEGORY, "社会救助");
	CHECK_INT(kb_update(db, &other, "测试员", &err), -1);
	CHECK_CONTAINS(err.msg, "another window");
	kb_entry_free(&other);
	kb_entry_free(&e);
	close_kb(db, &syn);
}

/* The knowledge-base list pages by code both ways, from either end and from any entry, filtered or not. */
static void test_pages(void)
{
	struct zh_synonyms syn;
	struct zerr err = ZERR_INIT;
	struct kb_entry *rows;
	sqlite3 *db;
	int n;

	open_kb(&db, &syn);
	CHECK_INT(kb_page(db, NULL, NULL, 0, 2, &rows, &n, &err), 0);
	CHECK_INT(n, 2);
	CHECK_STR(rows[0].f[KF_CODE], "KB001");
	CHECK_STR(rows[1].f[KF_CODE], "KB002");
	kb_rows_free(rows, n);
	CHECK_INT(kb_page(db, NULL, "KB002", 0, 5, &rows, &n, &err), 0);
	CHECK_INT(n, 1);
	CHECK_STR(rows[0].f[KF_CODE], "KB003");
	kb_rows_free(rows, n);
	CHECK_INT(kb_page(db, NULL, "KB003", 0, 5, &rows, &n, &err), 0);
	CHECK_INT(n, 0);
	kb_rows_free(rows, n);
	/* Backwards: in display order, the last page from the end, the rows before an entry. */
	CHECK_INT(kb_page(db, NULL, NULL, 1, 2, &rows, &n, &err), 0);
	CHECK_INT(n, 2);
	CHECK_STR(rows[0].f[KF_CODE], "KB002");
	CHECK_STR(rows[1].f[KF_CODE], "KB003");
	kb_rows_free(rows, n);
	CHECK_INT(kb_page(db, NULL, "KB003", 1, 5, &rows, &n, &err), 0);
	CHECK_INT(n, 2);
	CHECK_STR(rows[0].f[KF_CODE], "KB001");
	kb_rows_free(rows, n);
	CHECK_INT(kb_page(db, NULL, "KB001", 1, 5, &rows, &n, &err), 0);
	CHECK_INT(n, 0);
	kb_rows_free(rows, n);
	/* An anchor that is no entry's code (removed meanwhile) still finds its place. */
	CHECK_INT(kb_page(db, NULL, "KB0015", 0, 5, &rows, &n, &err), 0);
	CHECK_INT(n, 2);
	CHECK_STR(rows[0].f[KF_CODE], "KB002");
	kb_rows_free(rows, n);
	CHECK_INT(kb_page(db, "低保", "KB001", 0, 5, &rows, &n, &err), 0);
	CHECK_INT(n, 1);
	CHECK_STR(rows[0].f[KF_CODE], "KB003");
	kb_rows_free(rows, n);
	CHECK_INT(kb_page(db, "低保", "KB003", 1, 5, &rows, &n, &err), 0);
	CHECK_INT(n, 0);
	kb_rows_free(rows, n);
	close_kb(db, &syn);
}

T_SUITE(kb_tests) = {
	{ "zhtext: normalisation, numbers, tokens", test_normalize },
	{ "zhtext: synonym table, longest first, two passes, bad lines", test_synonyms },
	{ "kb: import all or nothing, export round trip, aliases", test_import },
	{ "kb: search, odd input, expired and retired entries", test_search },
	{ "kb: add, validate, edits from two windows", test_edit },
	{ "kb: the list's pages both ways, from the ends and from an entry", test_pages },
	{ "kb: the scoring's bags follow edits and aliases", test_bags },
	{ "kb: entries on one subject told apart by what is asked", test_asking },
	T_END
};
