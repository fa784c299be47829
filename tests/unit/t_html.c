/* t_html.c - portal pages: charsets, XPath values and links, metadata tables, text layout. */
#include <iconv.h>
#include <stdlib.h>

#include "html.h"
#include "t.h"
#include "width.h"

/* s converted from UTF-8 to GBK with iconv, as a GBK site would serve it. */
static char *to_gbk(const char *s, size_t *len)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	size_t inleft = strlen(s), outleft = inleft * 2 + 1;
	char *in = (char *)s, *out = calloc(1, outleft), *p = out;

	iconv(cd, &in, &inleft, &p, &outleft);
	iconv_close(cd);
	*len = (size_t)(p - out);
	return out;
}

static void test_charsets(void)
{
	struct zerr err = ZERR_INIT;
	const char *page = "<html><head><title>t</title></head><body><p>巫山县政务公开</p></body></html>";
	const char *meta = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
		"</head><body><p>巫山县政务公开</p></body></html>";
	char *gbk, *s;
	size_t glen, len;

	/* UTF-8 with and without a declaration; a BOM is dropped. */
	s = html_to_utf8(page, strlen(page), "text/html; charset=UTF-8", &len, &err);
	CHECK_STR(s, page);
	CHECK_INT(len, strlen(page));
	free(s);
	s = html_to_utf8("\xef\xbb\xbf<p>公开</p>", 16, NULL, &len, &err);
	CHECK_STR(s, "<p>公开</p>");
	free(s);

	/* GBK by the header, by <meta>, and behind a header that says UTF-8. */
	gbk = to_gbk(page, &glen);
	CHECK(glen < strlen(page));
	s = html_to_utf8(gbk, glen, "text/html;charset=\"GBK\"", &len, &err);
	CHECK_STR(s, page);
	free(s);
	s = html_to_utf8(gbk, glen, "text/html; charset=utf-8", &len, &err);
	CHECK_STR(s, page);
	free(s);
	free(gbk);
	gbk = to_gbk(meta, &glen);
	s = html_to_utf8(gbk, glen, "text/html; charset=ISO-8859-1", &len, &err);
	CHECK_STR(s, meta);
	free(s);
	s = html_to_utf8(gbk, glen, "text/html", &len, &err);
	CHECK_STR(s, meta);
	CHECK_INT(err.code, 0);
	{
		/* The <meta> left in the text does not make the parser decode it again. */
		struct html *h = html_parse(s, len, "http://example.gov.cn/", &err);
		char *v = html_value(h, -1, "//p", &err);

		CHECK_STR(v, "巫山县政务公开");
		free(v);
		html_free(h);
	}
	free(s);
	free(gbk);

	/* Bytes that are neither UTF-8 nor GB18030. */
	s = html_to_utf8("<p>\x80\xff\xfe\x80</p>", 11, "text/html; charset=utf-8", &len, &err);
	CHECK(s == NULL);
	CHECK(err.code != 0);
	CHECK_CONTAINS(err.msg, "UTF-8, GB18030");
}

static const char list_page[] =
	"<html><head><title>信息公开目录</title><base href=\"http://www.cqws.gov.cn/zwgk/\">"
	"<script>var x = '<li>not an item</li>';</script></head><body>"
	"<div class=\"nav\"><a href=\"/\">首页</a></div>"
	"<ul class=\"list\">"
	"<li><a href=\"fdzdgk/202405/t20240501_1.html\" title=\"关于 2024 年\n  防汛工作的通知\">关于2024年防汛…</a>"
	"<span>2024-05-01</span>"
	"<li><a href=\"../xxgk/t2.html\">　县政府　办公室&nbsp;通知 </a><span>2024-04-28</span>"
	"<li><a href=\"http://other.gov.cn/x.html\">外链<b>加粗</span></a><span>2024-04-01"
	"</ul><p>共 3 条</body></html>";

static void test_values(void)
{
	struct zerr err = ZERR_INIT;
	struct html *h = html_parse(list_page, strlen(list_page), "http://www.cqws.gov.cn/zwgk/list/index.html", &err);
	char *v;
	int n = -1;

	CHECK(h != NULL);
	CHECK_INT(html_select(h, "//ul[@class='list']/li", &n, &err), 0);
	CHECK_INT(n, 3);
	v = html_value(h, 0, "a/@title", &err);
	CHECK_STR(v, "关于 2024 年防汛工作的通知");
	free(v);
	v = html_value(h, 1, "a", &err);
	CHECK_STR(v, "县政府 办公室 通知");
	free(v);
	/* Unclosed tags: the items still hold their own dates. */
	v = html_value(h, 1, "span", &err);
	CHECK_STR(v, "2024-04-28");
	free(v);
	v = html_value(h, 2, "span", &err);
	CHECK_STR(v, "2024-04-01");
	free(v);
	v = html_value(h, 2, "a", &err);
	CHECK_STR(v, "外链加粗");
	free(v);
	v = html_value(h, 0, "em", &err);
	CHECK_STR(v, "");
	free(v);
	v = html_value(h, -1, "count(//li)", &err);
	CHECK_STR(v, "3");
	free(v);
	/* Links against <base>, which overrides the page's own address. */
	v = html_link(h, 0, "a/@href", &err);
	CHECK_STR(v, "http://www.cqws.gov.cn/zwgk/fdzdgk/202405/t20240501_1.html");
	free(v);
	v = html_link(h, 1, "a/@href", &err);
	CHECK_STR(v, "http://www.cqws.gov.cn/xxgk/t2.html");
	free(v);
	v = html_link(h, 2, "a/@href", &err);
	CHECK_STR(v, "http://other.gov.cn/x.html");
	free(v);
	CHECK_INT(err.code, 0);

	/* A bad XPath is an error, not an empty answer. */
	CHECK_INT(html_select(h, "//li[", &n, &err), -1);
	CHECK_CONTAINS(err.msg, "//li[");
	zerr_clear(&err);
	CHECK(html_value(h, -1, "//a/@@href", &err) == NULL);
	CHECK(err.code != 0);
	zerr_clear(&err);
	CHECK(html_render(h, "///", 80, &err) == NULL);
	CHECK(err.code != 0);
	html_free(h);

	/* Without <base> a link resolves against the page. */
	h = html_parse("<a href='../a/b.html'>x</a>", 27, "http://x.gov.cn/zwgk/list/index.html", &err);
	v = html_link(h, -1, "//a/@href", &err);
	CHECK_STR(v, "http://x.gov.cn/zwgk/a/b.html");
	free(v);
	html_free(h);

	v = html_resolve("http://x.gov.cn/a/b.html", "?page=2");
	CHECK_STR(v, "http://x.gov.cn/a/b.html?page=2");
	free(v);
	v = html_resolve("http://x.gov.cn/a/b.html", "附件 1.doc");
	CHECK_STR(v, "http://x.gov.cn/a/%E9%99%84%E4%BB%B6%201.doc");
	free(v);
}

static void test_pairs(void)
{
	struct zerr err = ZERR_INIT;
	const char *page = "<table class=\"meta\">"
		"<tr><th>索引号：</th><td>11500237MB1234567X/2024-00012</td><th>主题分类:</th><td>综合政务</td></tr>"
		"<tr><th>发布机构：</th><td>巫山县人民政府办公室</td><th>成文日期：</th><td>2024年05月01日</td></tr>"
		"<tr><td colspan=\"4\">标题</td></tr>"
		"<tr><td>文　　号：</td><td> 巫山府办发〔2024〕12号 </td><td>发布日期：</td><td></td></tr>"
		"</table>";
	struct html *h = html_parse(page, strlen(page), NULL, &err);
	char *s = html_pairs(h, "//table[@class='meta']", &err);

	CHECK_STR(s, "索引号\t11500237MB1234567X/2024-00012\n"
		"主题分类\t综合政务\n"
		"发布机构\t巫山县人民政府办公室\n"
		"成文日期\t2024年05月01日\n"
		"文 号\t巫山府办发〔2024〕12号\n"
		"发布日期\t\n");
	free(s);
	s = html_pairs(h, "//table[@class='none']", &err);
	CHECK_STR(s, "");
	free(s);
	html_free(h);
}

static void test_render(void)
{
	struct zerr err = ZERR_INIT;
	const char *page = "<html><head><style>p { color: red }</style></head><body><div id=\"content\">"
		"<h1>巫山县政务公开专区</h1>"
		"<p>政务公开专区是集政府信息查询、政府信息公开申请于一体的服务场所。</p>\n\n"
		"<p>  Opening hours:   <strong>9:00</strong> to 17:00.<br>Closed on holidays. </p>"
		"<p></p><div><div></div></div>"
		"<ul><li>查阅政府公报<li>申请公开 <em>政府信息</em></li><li>A longer item in English that wraps onto a second line</li></ul>"
		"<ol><li>取号</li><li>填表</li></ol>"
		"<script>document.write('no');</script><img src=\"x.png\">"
		"<table><caption> 办理 时限表 </caption><tr><th>事项</th><th>时限</th><th>Fee</th></tr>"
		"<tr><td>政府信息公开申请</td><td>20个工作日</td><td>0</td></tr>"
		"<tr><td>查阅</td><td>当场</td><td>free</td></tr></table>"
		"<p>完</p></div></body></html>";
	const char *expect =
		"          巫山县政务公开专区\n"
		"\n"
		"政务公开专区是集政府信息查询、政府信息\n"
		"公开申请于一体的服务场所。\n"
		"\n"
		"Opening hours: 9:00 to 17:00.\n"
		"Closed on holidays.\n"
		"\n"
		"• 查阅政府公报\n"
		"• 申请公开 政府信息\n"
		"• A longer item in English that wraps\n"
		"  onto a second line\n"
		"\n"
		"1. 取号\n"
		"2. 填表\n"
		"\n"
		"           办理 时限表\n"
		"事项              时限        Fee\n"
		"----------------------------------\n"
		"政府信息公开申请  20个工作日  0\n"
		"查阅              当场        free\n"
		"\n"
		"完\n";
	struct html *h = html_parse(page, strlen(page), NULL, &err);
	char *s = html_render(h, "//div[@id='content']", 38, &err);

	CHECK_STR(s, expect);
	free(s);
	s = html_render(h, "//div[@id='none']", 38, &err);
	CHECK_STR(s, "");
	free(s);
	html_free(h);
}

static void test_render_narrow_table(void)
{
	struct zerr err = ZERR_INIT;
	const char *page = "<table><tr><td>索引号</td><td>11500237MB1234567X</td></tr>"
		"<tr><td>标题</td><td>关于做好2024年汛期政府信息公开工作的通知</td></tr></table>";
	const char *expect =
		"索引号  11500237MB1234567X\n"
		"标题    关于做好2024年汛期政府\n"
		"        信息公开工作的通知\n";
	struct html *h = html_parse(page, strlen(page), NULL, &err);
	char *s = html_render(h, NULL, 30, &err);

	CHECK_STR(s, expect);
	free(s);
	html_free(h);

	/* More columns than the width holds: rows as lines. */
	page = "<table><tr><td>一</td><td>二</td><td>三</td><td>四</td><td>五</td><td>六</td></tr></table>";
	h = html_parse(page, strlen(page), NULL, &err);
	s = html_render(h, "//table", 16, &err);
	CHECK_STR(s, "一 | 二 | 三 |\n四 | 五 | 六\n");
	free(s);
	html_free(h);

	/* A caption wider than its table: wrapped like a paragraph. */
	page = "<table><caption>巫山县2026年耕地地力保护补贴标准表</caption><tr><td>一</td><td>98.5</td></tr></table>";
	h = html_parse(page, strlen(page), NULL, &err);
	s = html_render(h, "//table", 20, &err);
	CHECK_STR(s, "巫山县2026年耕地地力\n保护补贴标准表\n一  98.5\n");
	free(s);
	html_free(h);
}

/* What fuzz_html found: markup a portal may serve, laid out without a crash or an overflow. */
static void test_render_odd(void)
{
	struct zerr err = ZERR_INIT;
	const char *page = "<table><tr><th></th></tr><tr><td></td></tr></table><p>后</p>";
	struct html *h = html_parse(page, strlen(page), NULL, &err);
	char *s = html_render(h, NULL, 40, &err);

	/* A header row of empty cells: its empty line, the row's, no rule under them. */
	CHECK_STR(s, "\n\n\n后\n");
	free(s);
	html_free(h);
	/* A control character in <base href> never reaches a link (it would be printed raw). */
	page = "<base href=\"http://www.\x13\x13.gov.cn/a/\"><a href=\"/b.html\">甲</a>";
	h = html_parse(page, strlen(page), "http://x/", &err);
	s = html_link(h, -1, "//a/@href", &err);
	CHECK_STR(s, "http://www.%13%13.gov.cn/b.html");
	free(s);
	html_free(h);
	page = "<base href=\"http://www.cqws.gov.cn/a\x1b/\"><a href=\"b.html\">甲</a>";
	h = html_parse(page, strlen(page), "http://x/", &err);
	s = html_link(h, -1, "//a/@href", &err);
	CHECK_STR(s, "http://www.cqws.gov.cn/a%1B/b.html");
	free(s);
	html_free(h);
	s = html_resolve("http://x/", "c\x7f\xc2\x9b.html");
	CHECK_STR(s, "http://x/c%7F%C2%9B.html");
	free(s);
	page = "<ol start=2147483647><li>甲</li><li>乙</li></ol>";
	h = html_parse(page, strlen(page), NULL, &err);
	s = html_render(h, NULL, 40, &err);
	CHECK_STR(s, "1. 甲\n2. 乙\n");
	free(s);
	html_free(h);
}

/* 补贴发放明细 as county portals publish it: ten columns, names, masked ID numbers, amounts. */
static const char wide_table[] =
	"<table border=\"1\"><caption>2026年耕地地力保护补贴发放明细（演示）</caption>"
	"<tr><th>序号</th><th>乡镇（街道）</th><th>村（社区）</th><th>姓名</th><th>身份证号</th>"
	"<th>补贴项目</th><th>面积</th><th>标准</th><th>金额</th><th>备注</th></tr>"
	"<tr><td>1</td><td>高唐街道</td><td>龙门村</td><td>王某某</td><td>500237********1234</td>"
	"<td>耕地地力保护补贴</td><td>3.50</td><td>98.5</td><td>344.75</td><td></td></tr>"
	"<tr><td>2</td><td>大昌镇</td><td>江东村</td><td>欧阳某某</td><td>500237********567X</td>"
	"<td>耕地地力保护补贴</td><td>12.00</td><td>98.5</td><td>1182.00</td><td>户主已故，由配偶代领，已提交村委会证明</td></tr>"
	"<tr><td colspan=\"8\">合计</td><td>1526.75</td><td></td></tr>"
	"</table>";

static void test_render_wide_table(void)
{
	struct zerr err = ZERR_INIT;
	struct html *h = html_parse(wide_table, strlen(wide_table), NULL, &err);
	char *s = html_render(h, "//table", 72, &err);

	/* Too wide for 72 columns even with names whole: each row a record under the header's labels. */
	CHECK_STR(s, "2026年耕地地力保护补贴发放明细（演示）\n"
		"\n"
		"序号：        1\n"
		"乡镇（街道）：高唐街道\n"
		"村（社区）：  龙门村\n"
		"姓名：        王某某\n"
		"身份证号：    500237********1234\n"
		"补贴项目：    耕地地力保护补贴\n"
		"面积：        3.50\n"
		"标准：        98.5\n"
		"金额：        344.75\n"
		"\n"
		"序号：        2\n"
		"乡镇（街道）：大昌镇\n"
		"村（社区）：  江东村\n"
		"姓名：        欧阳某某\n"
		"身份证号：    500237********567X\n"
		"补贴项目：    耕地地力保护补贴\n"
		"面积：        12.00\n"
		"标准：        98.5\n"
		"金额：        1182.00\n"
		"备注：        户主已故，由配偶代领，已提交村委会证明\n"
		"\n"
		"合计\n"
		"金额：        1526.75\n");
	free(s);
	/* Narrower, a long remark wraps under its own column. */
	s = html_render(h, "//table", 40, &err);
	CHECK_CONTAINS(s, "\n备注：        户主已故，由配偶代领，已提\n              交村委会证明\n");

	free(s);
	html_free(h);
}

static void test_render_names_whole(void)
{
	struct zerr err = ZERR_INIT;
	const char *page = "<table><tr><th>序号</th><th>乡镇（街道）</th><th>村（社区）</th><th>姓名</th><th>补贴项目</th>"
		"<th>面积（亩）</th><th>金额（元）</th><th>备注</th></tr>"
		"<tr><td>1</td><td>高唐街道</td><td>龙门村</td><td>王某某</td><td>耕地地力保护补贴</td><td>3.50</td>"
		"<td>344.75</td><td></td></tr>"
		"<tr><td>2</td><td>大昌镇</td><td>江东村</td><td>欧阳某某</td><td>种粮大户补贴</td><td>52.00</td><td>2600.00</td>"
		"<td>含流转土地，按实际种植面积核定</td></tr></table>";
	struct html *h = html_parse(page, strlen(page), NULL, &err);
	char *s = html_render(h, NULL, 72, &err);

	/* Names, places and amounts whole; the item and the remark wrap in their columns. */
	CHECK_STR(s, "序号  乡镇（街  村（社  姓名      补贴项目   面积   金额     备注\n"
		"      道）      区）                         （     （元）\n"
		"                                             亩）\n"
		"------------------------------------------------------------------------\n"
		"1     高唐街道  龙门村  王某某    耕地地力   3.50   344.75\n"
		"                                  保护补贴\n"
		"2     大昌镇    江东村  欧阳某某  种粮大户   52.00  2600.00  含流转土\n"
		"                                  补贴                       地，按实际\n"
		"                                                             种植面积核\n"
		"                                                             定\n");
	free(s);
	html_free(h);
}

T_SUITE(html_tests) = {
	{ "html: charsets (UTF-8, GBK by header and meta, a lying header, garbage)", test_charsets },
	{ "html: XPath values and links, broken markup, bad XPath", test_values },
	{ "html: metadata pairs", test_pairs },
	{ "html: rendering (heading, paragraphs, lists, a CJK table with its caption)", test_render },
	{ "html: a table wrapped in its column", test_render_narrow_table },
	{ "html: a table of empty cells, controls in a base address, a list starting at INT_MAX", test_render_odd },
	{ "html: a ten-column table as records (label：value)", test_render_wide_table },
	{ "html: names and numbers whole in a crowded table", test_render_names_whole },
	T_END
};
