/* t_misc.c - width, CSV, key names and format checks. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "check.h"
#include "csv.h"
#include "keys.h"
#include "t.h"
#include "table.h"
#include "width.h"

static void test_width(void)
{
	char *s;
	char **lines;
	int n;

	CHECK_INT(width_str("abc"), 3);
	CHECK_INT(width_str("单位目录"), 8);
	CHECK_INT(width_str("A单B"), 4);
	s = width_fit("巫山县人民政府", 9, ALIGN_LEFT);
	CHECK_STR(s, "巫山县人~");
	CHECK_INT(width_str(s), 9);
	free(s);
	s = width_fit("巫山县", 8, ALIGN_RIGHT);
	CHECK_STR(s, "  巫山县");
	free(s);
	s = width_fit("ab", 6, ALIGN_CENTER);
	CHECK_STR(s, "  ab  ");
	free(s);
	/* An escape sequence typed into a name never reaches the terminal. */
	s = width_fit("张\x1b[2J三\x07", 10, ALIGN_LEFT);
	CHECK(!strchr(s, 0x1b) && !strchr(s, 0x07));
	CHECK_INT(width_str(s), 10);
	free(s);
	s = width_fit("bad \xff\xfe utf8", 14, ALIGN_LEFT);
	CHECK_STR(s, "bad ?? utf8   ");
	free(s);
	/* C1 controls, the line separator and bidirectional overrides (which reorder what is read) too. */
	s = text_safe("a\xc2\x9b" "31mb\xe2\x80\xa8" "c\xe2\x80\xae" "d\xe2\x81\xa6" "e\tf\n");
	CHECK_STR(s, "a?31mb?c?d?e\tf\n");
	free(s);
	n = width_wrap("政务公开专区是集政府信息查询、政府信息公开申请于一体的服务场所。", 20, &lines);
	CHECK_INT(n, 4);
	for (int i = 0; i < n; i++)
		CHECK(width_str(lines[i]) <= 20);
	CHECK_STR(lines[0], "政务公开专区是集政府");
	strv_free(lines);
	/* No line begins with closing punctuation, none ends with opening. */
	n = width_wrap("巫山县高唐街道（演示地址）", 14, &lines);
	CHECK_STR(lines[0], "巫山县高唐街道");
	CHECK_STR(lines[1], "（演示地址）");
	strv_free(lines);
	n = width_wrap("一二三四五六，七八", 12, &lines);
	CHECK_STR(lines[0], "一二三四五");
	CHECK_STR(lines[1], "六，七八");
	strv_free(lines);
	n = width_wrap("one two three four\n\nfive", 9, &lines);
	CHECK_INT(n, 5);
	CHECK_STR(lines[0], "one two ");
	CHECK_STR(lines[1], "three ");
	CHECK_STR(lines[2], "four");
	CHECK_STR(lines[3], "");
	CHECK_STR(lines[4], "five");
	strv_free(lines);
}

static void test_csv(void)
{
	const char *text = "\xef\xbb\xbf" "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\r\n\"multi\nline\",,x\n";
	struct csv_reader r;
	struct zerr err = ZERR_INIT;
	char **f;
	int line;
	struct sbuf out = { 0 };
	const char *row[3] = { "a,b", "q\"", "plain" };

	csv_init(&r, text, strlen(text));
	CHECK_INT(csv_read(&r, &f, &line, &err), 3);
	CHECK_INT(line, 1);
	CHECK_STR(f[0], "a");
	CHECK_STR(f[1], "b,c");
	CHECK_STR(f[2], "say \"hi\"");
	strv_free(f);
	CHECK_INT(csv_read(&r, &f, &line, &err), 3);
	CHECK_INT(line, 3);
	CHECK_STR(f[0], "multi\nline");
	CHECK_STR(f[1], "");
	strv_free(f);
	CHECK_INT(csv_read(&r, &f, &line, &err), 0);
	csv_init(&r, "a\"b,c\n", 6);
	CHECK_INT(csv_read(&r, &f, &line, &err), -1);
	CHECK_CONTAINS(err.msg, "quote");
	csv_write_row(&out, row, 3);
	CHECK_STR(out.s, "\"a,b\",\"q\"\"\",plain\r\n");
	sbuf_free(&out);
}

static void test_keys(void)
{
	struct keymap km;
	char buf[64];

	CHECK_INT(zkey_parse("F2"), ZK_F(2));
	CHECK_INT(zkey_parse("f12"), ZK_F(12));
	CHECK_INT(zkey_parse("F13"), -1);
	CHECK_INT(zkey_parse("C-l"), ZK_CTRL('l'));
	CHECK_INT(zkey_parse("C-m"), -1);
	CHECK_INT(zkey_parse("Enter"), ZK_ENTER);
	CHECK_INT(zkey_parse("q"), 'q');
	CHECK_INT(zkey_parse("qq"), -1);
	keymap_defaults(&km);
	CHECK_INT(keymap_lookup(&km, 'q', SCR_MENU), ACT_QUIT);
	CHECK_INT(keymap_lookup(&km, 'q', SCR_LIST), ACT_BACK);
	/* On a form, letters are typed, never acted on. */
	CHECK_INT(keymap_lookup(&km, 'q', SCR_FORM), ACT_NONE);
	CHECK_INT(keymap_lookup(&km, ZK_ESC, SCR_FORM), ACT_BACK);
	CHECK_STR(keymap_describe(&km, ACT_BACK, SCR_FORM, 6, buf, sizeof buf), "Esc, C-c");
	CHECK_STR(keymap_describe(&km, ACT_BACK, SCR_LIST, 6, buf, sizeof buf), "Esc, q, C-c");
	CHECK_STR(keymap_describe(&km, ACT_BACK, SCR_LIST, 1, buf, sizeof buf), "Esc");
	/* Keys that would never arrive, or that the line editor and menus need, are refused. */
	{
		struct zerr err = ZERR_INIT;

		CHECK_INT(zkey_parse("C-h"), -1);
		CHECK_INT(zkey_parse("C-j"), -1);
		CHECK_INT(keymap_override(&km, "save", "Home", &err), -1);
		CHECK_CONTAINS(err.msg, "edits the text of a field");
		CHECK_INT(keymap_override(&km, "operator", "3", &err), -1);
		CHECK_CONTAINS(err.msg, "digits choose menu items");
		CHECK_INT(keymap_override(&km, "redraw", "C-r", &err), 0);
		CHECK_INT(keymap_lookup(&km, ZK_CTRL('r'), SCR_FORM), ACT_REDRAW);
		CHECK_INT(keymap_lookup(&km, ZK_CTRL('l'), SCR_FORM), ACT_NONE);
	}
	/* Every action's default keys parse. */
	for (int a = 1; a < ACT_COUNT; a++)
		CHECK(km.nkeys[a] > 0);
}

static void test_checks(void)
{
	CHECK(check_phone("023-57681234"));
	CHECK(check_phone("02357681234"));
	CHECK(check_phone("13812345678"));
	CHECK(check_phone("12345"));
	CHECK(check_phone("023-5768123转806"));
	CHECK(!check_phone("1381234567"));
	CHECK(!check_phone("023-123"));
	CHECK(!check_phone("phone"));
	CHECK(check_phone_list("023-57681234/13812345678"));
	CHECK(check_phone_list("023-57681234、023-57681235"));
	CHECK(!check_phone_list("023-57681234/abc"));
	CHECK(check_postcode("404700"));
	CHECK(!check_postcode("40470"));
	CHECK(check_email("a.b@example.org"));
	CHECK(!check_email("a@b"));
	CHECK(!check_email("a b@example.org"));
	CHECK_INT(check_text("巫山县", 10), 3);
	CHECK_INT(check_text("巫山县", 2), -1);
	CHECK_INT(check_text("a\tb", 10), -1);
	{
		struct app app;

		/* The operator is recorded in every history: a name a terminal would act on is refused. */
		memset(&app, 0, sizeof app);
		CHECK_INT(app_set_operator(&app, "张敏"), 0);
		CHECK_INT(app_set_operator(&app, "op\x1b[2J"), -1);
		CHECK_INT(app_set_operator(&app, ""), -1);
		CHECK_INT(app_set_operator(&app, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"), -1);
		CHECK_STR(app.operator, "张敏");
	}
	CHECK_INT(check_text("a\xc2\x9b" "b", 10), -1);
}

static int count_lines(const char *s, const char *end)
{
	int n = 0;

	for (; s < end; s++)
		n += *s == '\n';
	return n;
}

static void test_table(void)
{
	static const struct table_col cols[] = {
		{ "编号", 6, ALIGN_LEFT, 0 }, { "内容", 8, ALIGN_LEFT, 0 }, { "件数", 4, ALIGN_RIGHT, 0 }, { "备注", 0, 0, 0 },
	};
	const char *row[] = { "A-1", "老旧小区改造资金使用情况", "12", "only in a spreadsheet" };
	struct table t;
	int pages = 1;

	/* Paper: the width-0 column is left out; CJK wraps inside its column; right alignment. */
	table_begin(&t, TABLE_PAGED, cols, 4, "台账", "2026-03", 14);
	CHECK_INT(table_width(&t), 20);
	for (int i = 0; i < 5; i++)
		table_row(&t, row);
	table_end(&t, "合计 5 件");
	CHECK(strstr(t.out.s, "A-1    老旧小区   12\n") != NULL);
	CHECK(strstr(t.out.s, "       改造资金\n") != NULL);
	CHECK(!strstr(t.out.s, "spreadsheet"));
	CHECK(strstr(t.out.s, "合计 5 件\n") != NULL);
	/* Pages of at most 14 lines, each with its header; a 3-line row is never split. */
	for (const char *p = t.out.s, *ff; p; p = ff ? ff + 1 : NULL) {
		ff = strchr(p, '\f');
		CHECK(count_lines(p, ff ? ff : p + strlen(p)) <= 14);
		CHECK(strstr(p, "编号") != NULL);
		pages += ff != NULL;
	}
	CHECK_INT(pages, 3);
	CHECK(strstr(t.out.s, "第 3 页") || strstr(t.out.s, "Page 3"));
	sbuf_free(&t.out);

	/* Spreadsheets: every column, a BOM for CSV, formula-safe cells, TSV without tabs inside. */
	table_begin(&t, TABLE_CSV, cols, 4, "台账", NULL, 0);
	row[1] = "=SUM(A1)";
	table_row(&t, row);
	table_end(&t, "ignored");
	CHECK_STR(t.out.s, "\xEF\xBB\xBF编号,内容,件数,备注\r\nA-1,'=SUM(A1),12,only in a spreadsheet\r\n");
	sbuf_free(&t.out);
	table_begin(&t, TABLE_TSV, cols, 4, "台账", NULL, 0);
	row[1] = "a\tb";
	table_row(&t, row);
	CHECK_STR(t.out.s, "编号\t内容\t件数\t备注\nA-1\ta b\t12\tonly in a spreadsheet\n");
	CHECK_INT(t.rows, 1);
	sbuf_free(&t.out);
	CHECK_INT(table_format_parse("csv"), TABLE_CSV);
	CHECK_INT(table_format_parse("xls"), -1);
}

static void test_table_fit(void)
{
	struct table_col cols[] = {
		{ "编号", 10, ALIGN_LEFT, 0 }, { "申请人", 10, ALIGN_LEFT, 4 }, { "内容", 20, ALIGN_LEFT, 6 },
		{ "期限", 10, ALIGN_LEFT, 0 }, { "备注", 0, 0, 0 },
	};
	struct table_col c[5];

	/* Wide enough: nothing changes. */
	memcpy(c, cols, sizeof c);
	table_cols_fit(c, 5, 53);
	CHECK(c[0].width == 10 && c[1].width == 10 && c[2].width == 20 && c[3].width == 10 && c[4].width == 0);
	/* Narrower: the column with most to spare gives first, then both; fixed ones keep their width. */
	memcpy(c, cols, sizeof c);
	table_cols_fit(c, 5, 43);
	CHECK(c[0].width == 10 && c[1].width == 9 && c[2].width == 11 && c[3].width == 10);
	/* At their minimum and still too wide: the last column is left to the spreadsheet. */
	memcpy(c, cols, sizeof c);
	table_cols_fit(c, 5, 25);
	CHECK(c[0].width == 10 && c[1].width == 5 && c[2].width == 8 && c[3].width == 0);
	/* A column marked -1 goes first, and the others get its room back. */
	memcpy(c, cols, sizeof c);
	c[0].min = -1;
	table_cols_fit(c, 5, 30);
	CHECK(c[0].width == 0 && c[1].width == 8 && c[2].width == 10 && c[3].width == 10);
}

/* Group headings: kept with their first row, repeated as continued on the pages a group goes on to. */
static void test_table_headings(void)
{
	static const struct table_col cols[] = { { "名称", 10, ALIGN_LEFT, 0 }, { "份", 4, ALIGN_RIGHT, 0 } };
	const char *row[] = { "国务院公报", "1" };
	struct table t;
	const char *p, *ff;
	int page = 0;

	table_begin(&t, TABLE_PAGED, cols, 2, "目录", "站点", 14);
	table_heading(&t, "【甲】");
	for (int i = 0; i < 9; i++)
		table_row(&t, row);
	table_heading(&t, "【乙】");
	table_row(&t, row);
	table_end(&t, "合计\n两行");
	CHECK(strncmp(strstr(t.out.s, "---------------\n"), "---------------\n【甲】\n国务院公报",
		      strlen("---------------\n【甲】\n国务院公报")) == 0);
	for (p = t.out.s; p; p = ff ? ff + 1 : NULL) {
		const char *body;

		ff = strchr(p, '\f');
		page++;
		CHECK(count_lines(p, ff ? ff : p + strlen(p)) <= 14);
		/* Under the page head (5 lines): a continued group says so. */
		body = p;
		for (int i = 0; i < 5 && body; i++)
			body = strchr(body, '\n') + 1;
		if (page == 2)
			CHECK(strncmp(body, "【甲】 (continued)\n", strlen("【甲】 (continued)\n")) == 0);
	}
	CHECK(page >= 2);
	/* A heading never ends a page: the line after it is a row. */
	for (p = strstr(t.out.s, "【乙】"); p && p[strlen("【乙】")] == '\n'; p = NULL)
		CHECK(strncmp(p + strlen("【乙】\n"), "国务院公报", strlen("国务院公报")) == 0);
	CHECK(strstr(t.out.s, "合计\n两行\n") != NULL);
	sbuf_free(&t.out);

	/* Spreadsheets have no headings. */
	table_begin(&t, TABLE_TSV, cols, 2, "目录", NULL, 0);
	table_heading(&t, "【甲】");
	table_row(&t, row);
	CHECK_STR(t.out.s, "名称\t份\n国务院公报\t1\n");
	sbuf_free(&t.out);
}

static void test_strset(void)
{
	struct strset set = { NULL, 0, 0 };
	char buf[16];

	CHECK_INT(strset_add(&set, "KB001"), 1);
	CHECK_INT(strset_add(&set, "KB001"), 0);
	CHECK_INT(strset_add(&set, ""), 1);
	CHECK_INT(strset_add(&set, ""), 0);
	/* Past several growths, every one still found once. */
	for (int i = 0; i < 5000; i++) {
		snprintf(buf, sizeof buf, "N%d", i);
		CHECK_INT(strset_add(&set, buf), 1);
	}
	for (int i = 0; i < 5000; i += 97) {
		snprintf(buf, sizeof buf, "N%d", i);
		CHECK_INT(strset_add(&set, buf), 0);
	}
	CHECK_INT((long long)set.n, 5002);
	strset_free(&set);
}

static void test_str_head(void)
{
	char *s;

	CHECK_STR(s = str_head("巫山县abc", 4), "巫山县a");
	free(s);
	CHECK_STR(s = str_head("巫山", 5), "巫山");
	free(s);
	CHECK_STR(s = str_head("巫山", 0), "");
	free(s);
	/* A stray continuation byte stays with the character before it. */
	CHECK_STR(s = str_head("a\x80" "b", 1), "a\x80");
	free(s);
}

T_SUITE(table_tests) = {
	{ "table: paper pages, CJK columns, CSV and TSV", test_table },
	{ "table: columns fitted to a narrower page", test_table_fit },
	{ "table: group headings kept with their rows, continued on the next page", test_table_headings },
	{ "util: a set of strings", test_strset },
	{ "util: the first characters of a string", test_str_head },
	T_END
};

T_SUITE(width_tests) = {
	{ "width: CJK columns, fitting, sanitising, wrapping", test_width },
	T_END
};

T_SUITE(csv_tests) = {
	{ "csv: quotes, CRLF, BOM, multi-line fields, errors", test_csv },
	T_END
};

T_SUITE(keys_tests) = {
	{ "keys: names, action lookup per screen, descriptions", test_keys },
	T_END
};

T_SUITE(check_tests) = {
	{ "check: phone, postcode, e-mail, text", test_checks },
	T_END
};
