/*
 * fuzz_html.c - a portal page as sync reads it (html.c, htmlrender.c): the body turned into
 * UTF-8 under one of several Content-Type headers, parsed, a list page's items read with the
 * fixture site's XPaths, a document laid out as text and its metadata table read. The first
 * byte chooses the header, the width and whether the XPaths come from the input (then the
 * part before the first 0x1e byte is one). Asserts: what html_to_utf8 gives is UTF-8; every
 * value, link, layout and pair is fit for a terminal (no ESC, no control but newline).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "html.h"
#include "util.h"

static const char *const content_types[] = {
	NULL, "text/html", "text/html; charset=utf-8", "text/html; charset=GBK", "text/html;charset=ISO-8859-1",
	"text/html; charset=\"gb2312\"", "application/xhtml+xml; charset=UTF-16", "text/html; charset=bogus-1",
};

/* The fixture site's [portal] XPaths (tests/portal/fixture.ini.part). */
static const char *const item_xpath = "//ul[@class='zwgk-list']/li";
static const char *const value_xpaths[] = { "a/@title", "span[@class='date']", "span[@class='fbjg']",
	"span[@class='bm']", "span[@class='syh']", "normalize-space(.)", "count(*)" };
static const char *const content_xpath = "//div[@class='zwgk-content']";
static const char *const meta_xpath = "//table[@class='zwgk-meta']";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_setup();
	return 0;
}

static void check_text(const char *what, char *s, int lines)
{
	if (s)
		fz_assert_safe(what, s, lines);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zerr err = ZERR_INIT;
	const char *body = (const char *)data + 1, *xpath = NULL;
	char *own = NULL, *utf8;
	size_t len = size ? size - 1 : 0, ulen = 0;
	struct html *h;
	int flags, width, items = 0;

	if (!size)
		return 0;
	flags = data[0];
	width = 10 + (flags >> 3) * 4;	/* 10 .. 134 columns */
	if (flags & 0x04) {
		const char *cut = memchr(body, 0x1e, len);

		if (cut) {
			own = xstrndup(body, (size_t)(cut - body));
			xpath = own;
			len -= (size_t)(cut - body) + 1;
			body = cut + 1;
		}
	}
	utf8 = html_to_utf8(body, len, content_types[flags & 7], &ulen, &err);
	if (!utf8) {
		free(own);
		return 0;
	}
	if (!str_valid_utf8(utf8, ulen))
		fz_fail("html_to_utf8 gave text that is not UTF-8");
	h = html_parse(utf8, ulen, "http://www.cqws.gov.cn/zwgk/list_1.html", &err);
	free(utf8);
	if (!h) {
		free(own);
		return 0;
	}
	if (html_select(h, xpath ? xpath : item_xpath, &items, &err) == 0) {
		for (int i = 0; i < items && i < 64; i++) {
			for (size_t k = 0; k < sizeof value_xpaths / sizeof value_xpaths[0]; k++)
				check_text("html_value", html_value(h, i, value_xpaths[k], &err), 1);
			check_text("html_link", html_link(h, i, "a/@href", &err), 0);
		}
	}
	check_text("html_render of the content", html_render(h, xpath ? xpath : content_xpath, width, &err), 1);
	check_text("html_render of the page", html_render(h, NULL, width, &err), 1);
	check_text("html_pairs", html_pairs(h, xpath ? xpath : meta_xpath, &err), 1);
	check_text("html_value of the page", html_value(h, -1, xpath ? xpath : "//title", &err), 1);
	html_free(h);
	free(own);
	return 0;
}
