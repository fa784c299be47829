/* t_qr.c - QR codes as text: size, quiet zone, finder patterns, determinism, too long. */
#include <stdlib.h>

#include "qr.h"
#include "t.h"
#include "util.h"

/* The lines of a drawing; returns their number (at most max). */
static int split_lines(char *s, char **line, int max)
{
	int n = 0;

	for (char *p = s; *p && n < max; n++) {
		char *nl = strchr(p, '\n');

		line[n] = p;
		if (!nl)
			return n + 1;
		*nl = '\0';
		p = nl + 1;
	}
	return n;
}

/* Module (x, y) of an ASCII drawing: 1 dark, 0 light, -1 neither. */
static int module(char **line, int x, int y)
{
	const char *m = line[y] + 2 * x;

	return strncmp(m, "##", 2) == 0 ? 1 : strncmp(m, "  ", 2) == 0 ? 0 : -1;
}

/* A finder pattern with its top-left module at (x, y): dark ring, light ring, dark 3x3 centre. */
static int finder_at(char **line, int x, int y)
{
	for (int dy = 0; dy < 7; dy++) {
		for (int dx = 0; dx < 7; dx++) {
			int ring = dx < dy ? dx : dy, want;

			ring = 6 - dx < ring ? 6 - dx : ring;
			ring = 6 - dy < ring ? 6 - dy : ring;
			want = ring != 1;
			if (module(line, x + dx, y + dy) != want)
				return 0;
		}
	}
	return 1;
}

static void test_qr_ascii(void)
{
	struct zerr err = ZERR_INIT;
	/* 24 bytes: version 2 at level M (26 bytes at most), 25 modules, 33 with the quiet zone. */
	char *s = qr_text("https://www.cqws.gov.cn/", QR_ASCII, &err), *line[64];
	int n;

	CHECK(s != NULL);
	if (!s)
		return;
	n = split_lines(s, line, 64);
	CHECK_INT(n, 33);
	for (int y = 0; y < n; y++)
		CHECK_INT(strlen(line[y]), 66);
	/* The quiet zone: 4 light modules on every side. */
	for (int i = 0; i < 33; i++) {
		for (int q = 0; q < 4; q++) {
			CHECK_INT(module(line, i, q), 0);
			CHECK_INT(module(line, i, 32 - q), 0);
			CHECK_INT(module(line, q, i), 0);
			CHECK_INT(module(line, 32 - q, i), 0);
		}
	}
	/* Finder patterns top left, top right and bottom left; none at the bottom right. */
	CHECK(finder_at(line, 4, 4));
	CHECK(finder_at(line, 4 + 25 - 7, 4));
	CHECK(finder_at(line, 4, 4 + 25 - 7));
	CHECK(!finder_at(line, 4 + 25 - 7, 4 + 25 - 7));
	/* The separator around each finder is light. */
	for (int i = 0; i < 8; i++) {
		CHECK_INT(module(line, 4 + 7, 4 + i), 0);
		CHECK_INT(module(line, 4 + i, 4 + 7), 0);
	}
	free(s);
}

static void test_qr_unicode(void)
{
	struct zerr err = ZERR_INIT;
	char *a = qr_text("https://www.cqws.gov.cn/", QR_UNICODE, &err), *b, *c, *line[64];
	int n;

	CHECK(a != NULL);
	b = qr_text("https://www.cqws.gov.cn/", QR_UNICODE, &err);
	c = qr_text("https://www.cqws.gov.cn/", QR_ASCII, &err);
	if (!a || !b || !c) {
		free(a), free(b), free(c);
		return;
	}
	/* The same text gives the same code every time. */
	CHECK_STR(a, b);
	free(b);
	b = qr_text("https://WWW.cqws.gov.cn/", QR_UNICODE, &err);
	CHECK(b && strcmp(a, b) != 0);	/* 8-bit mode: case is kept */
	free(b);
	/* 33 module rows in 17 lines of 33 cells: quiet zone lines are spaces. */
	n = split_lines(a, line, 64);
	CHECK_INT(n, 17);
	for (int y = 0; y < n; y++) {
		int cells = 0;

		for (const char *p = line[y]; *p; p++)
			cells += ((unsigned char)*p & 0xc0) != 0x80;
		CHECK_INT(cells, 33);
	}
	for (int y = 0; y < 2; y++)
		CHECK_INT(strspn(line[y], " "), 33);
	CHECK_INT(strspn(line[16], " "), 33);
	/* Module rows 4 and 5: the top edge of two finders (dark) over their second row (dark ends, light inside). */
	CHECK(strncmp(line[2], "    \xe2\x96\x88\xe2\x96\x80\xe2\x96\x80", 13) == 0);
	/* Each cell matches the two rows of the ASCII drawing. */
	{
		char *aline[64];
		int an = split_lines(c, aline, 64), ok = an == 33;

		for (int y = 0; ok && y < n; y++) {
			const char *p = line[y];

			for (int x = 0; x < 33; x++) {
				int top = module(aline, x, 2 * y), bottom = 2 * y + 1 < an ? module(aline, x, 2 * y + 1) : 0;
				const char *want = top && bottom ? "\xe2\x96\x88" : top ? "\xe2\x96\x80" : bottom ? "\xe2\x96\x84" : " ";

				ok = strncmp(p, want, strlen(want)) == 0;
				p += strlen(want);
				if (!ok)
					break;
			}
		}
		CHECK(ok);
	}
	free(a);
	free(c);
}

static void test_qr_errors(void)
{
	struct zerr err = ZERR_INIT;
	char *big = xmalloc(3001), *s;

	memset(big, 'a', 3000);
	big[3000] = '\0';
	CHECK(qr_text(big, QR_UNICODE, &err) == NULL);
	CHECK_CONTAINS(err.msg, "too long for a QR code: 3000 bytes, at most 2331");
	/* The largest text at level M still fits (version 40, 177 modules). */
	big[2331] = '\0';
	zerr_clear(&err);
	s = qr_text(big, QR_ASCII, &err);
	CHECK(s != NULL);
	CHECK_INT(s ? strchr(s, '\n') - s : 0, 2 * (177 + 8));
	free(s);
	free(big);
	zerr_clear(&err);
	CHECK(qr_text("", QR_ASCII, &err) == NULL);
	CHECK_CONTAINS(err.msg, "empty");
}

/* Lines of a drawing: its newlines. */
static int count_lines(const char *s)
{
	int n = 0;

	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

/* A long portal address fits 24 lines (thinner quiet zone, then level L); the standard code when there is room. */
static void test_qr_fit(void)
{
	static const char url[] = "http://www.cqws.gov.cn/zwgk_263/fdzdgknr/lzyj/xzgfxwj/202603/"
				  "t20260306_12345678.html?source=zwgk&channel=desk";
	struct zerr err = ZERR_INIT;
	char *s, *std;
	int n;

	/* 110 bytes: version 7 at level M (45 modules, 27 lines with the standard zone). */
	std = qr_text(url, QR_UNICODE, &err);
	CHECK_INT(count_lines(std), 27);
	s = qr_text_fit(url, QR_UNICODE, 100, &n, &err);
	CHECK(s && strcmp(s, std) == 0);
	CHECK_INT(n, 27);
	free(s);
	/* 24 lines: level L, version 6 (41 modules) with 2 modules around: 45 rows, 23 lines. */
	s = qr_text_fit(url, QR_UNICODE, 24, &n, &err);
	CHECK(s != NULL);
	CHECK_INT(n, 23);
	CHECK_INT(count_lines(s), 23);
	/* 45 columns: the first line is quiet zone, a space a column. */
	CHECK_INT(s ? (int)(strchr(s, '\n') - s) : 0, 45);
	free(s);
	/* 21 lines (the frame of an 80x24 screen) is too few: said with the lines it needs. */
	CHECK(qr_text_fit(url, QR_UNICODE, 21, &n, &err) == NULL);
	CHECK_INT(err.code, QR_TOO_TALL);
	CHECK_INT(n, 23);
	CHECK_CONTAINS(err.msg, "needs 23 lines; the window has 21");
	zerr_clear(&err);
	/* As # it needs a line a module: 45 lines. */
	CHECK(qr_text_fit(url, QR_ASCII, 24, &n, &err) == NULL);
	CHECK_INT(n, 45);
	zerr_clear(&err);
	CHECK(qr_text_fit("", QR_ASCII, 24, &n, &err) == NULL);
	CHECK(err.code != QR_TOO_TALL);
	free(std);
}

T_SUITE(qr_tests) = {
	{ "qr: fitted to a screen: thinner quiet zone, then level L", test_qr_fit },
	{ "qr: ASCII size, quiet zone and finder patterns", test_qr_ascii },
	{ "qr: half blocks, deterministic, case kept", test_qr_unicode },
	{ "qr: too long and empty text", test_qr_errors },
	T_END
};
