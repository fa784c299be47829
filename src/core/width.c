/* width.c - the one place that knows how wide text is. */
#include "width.h"

#include <string.h>

#include "util.h"

size_t utf8_decode(const char *s, size_t n, wchar_t *wc)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len;
	unsigned cp;

	if (!n) {
		*wc = 0;
		return 0;
	}
	if (p[0] < 0x80) {
		*wc = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, cp = p[0] & 0x07;
	else
		goto bad;
	if (len > n)
		goto bad;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			goto bad;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		goto bad;
	*wc = (wchar_t)cp;
	return len;
bad:
	*wc = '?';
	return 1;
}

size_t utf8_encode(wchar_t wc, char out[4])
{
	unsigned c = (unsigned)wc;

	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

int char_unsafe(wchar_t wc)
{
	/* Bidirectional embeddings, overrides and isolates would reorder what the reader sees. */
	return wc < 0x20 || (wc >= 0x7f && wc < 0xa0) || wc == 0x2028 || wc == 0x2029 || (wc >= 0x202a && wc <= 0x202e) ||
	       (wc >= 0x2066 && wc <= 0x2069);
}

char *text_safe(const char *s)
{
	struct sbuf b = { 0 };
	size_t n = strlen(s);

	while (n) {
		wchar_t wc;
		size_t k = utf8_decode(s, n, &wc);
		char enc[4];

		if ((char_unsafe(wc) && wc != '\n' && wc != '\t') || (wc == '?' && *s != '?'))
			sbuf_addc(&b, '?');
		else
			sbuf_addn(&b, enc, utf8_encode(wc, enc));
		s += k;
		n -= k;
	}
	return sbuf_take(&b);
}

int width_char(wchar_t wc)
{
	int w;

	if (char_unsafe(wc))
		return 1;
	w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int width_str(const char *s)
{
	size_t n = strlen(s);
	int w = 0;

	while (n) {
		wchar_t wc;
		size_t k = utf8_decode(s, n, &wc);

		w += width_char(wc);
		s += k;
		n -= k;
	}
	return w;
}

size_t width_prefix(const char *s, int cols, int *used)
{
	size_t off = 0;
	int w = 0;

	/* Only what fits is read, not the whole rest: wrapping a long text line by line was quadratic. */
	while (s[off]) {
		wchar_t wc;
		size_t k = utf8_decode(s + off, strnlen(s + off, 4), &wc);
		int cw = width_char(wc);

		if (w + cw > cols)
			break;
		w += cw;
		off += k;
	}
	if (used)
		*used = w;
	return off;
}

/* Appends s, with unsafe characters replaced by '?', up to `cols` columns; returns the width. */
static int add_safe(struct sbuf *b, const char *s, size_t len, int cols)
{
	int w = 0;

	while (len) {
		wchar_t wc;
		size_t k = utf8_decode(s, len, &wc);
		int cw = width_char(wc);
		char enc[4];

		if (w + cw > cols)
			break;
		if (char_unsafe(wc) || wcwidth(wc) < 0)
			sbuf_addc(b, '?');
		else
			sbuf_addn(b, enc, utf8_encode(wc, enc));
		w += cw;
		s += k;
		len -= k;
	}
	return w;
}

char *width_fit(const char *s, int cols, int align)
{
	struct sbuf b = { 0 };
	int w = width_str(s), pad_left = 0, pad_right, shown;

	if (cols <= 0)
		return xstrdup("");
	if (w > cols) {
		shown = add_safe(&b, s, strlen(s), cols - 1);
		sbuf_addc(&b, '~');
		shown++;
		while (shown++ < cols)
			sbuf_addc(&b, ' ');
		return sbuf_take(&b);
	}
	if (align == ALIGN_RIGHT)
		pad_left = cols - w;
	else if (align == ALIGN_CENTER)
		pad_left = (cols - w) / 2;
	pad_right = cols - w - pad_left;
	for (int i = 0; i < pad_left; i++)
		sbuf_addc(&b, ' ');
	add_safe(&b, s, strlen(s), w);
	for (int i = 0; i < pad_right; i++)
		sbuf_addc(&b, ' ');
	return sbuf_take(&b);
}

/* Chinese line-breaking: no line starts with closing punctuation or ends with opening. */
static int no_line_start(wchar_t c)
{
	return wcschr(L"，。、；：？！）」』》〉】”’,.;:?!)%", c) != NULL;
}

static int no_line_end(wchar_t c)
{
	return wcschr(L"（「『《〈【“‘(", c) != NULL;
}

/* Byte offset of the character before `off` in s. */
static size_t prev_char(const char *s, size_t off)
{
	do
		off--;
	while (off > 0 && ((unsigned char)s[off] & 0xc0) == 0x80);
	return off;
}

static void push_line(char ***v, int *n, const char *s, size_t len)
{
	/* Room doubled at each power of two: a long text makes many lines. */
	if (*n < 2 || !(*n & (*n - 1)))
		*v = xrealloc(*v, sizeof **v * (size_t)(*n < 2 ? 4 : 2 * *n + 2));
	(*v)[(*n)++] = xstrndup(s, len);
	(*v)[*n] = NULL;
}

int width_wrap(const char *s, int cols, char ***lines)
{
	char **v = NULL;
	int n = 0;

	if (cols < 2)
		cols = 2;
	for (;;) {
		size_t len = strcspn(s, "\n"), off = 0;

		do {
			size_t take = width_prefix(s + off, cols, NULL);
			size_t rest = len - off;

			if (take >= rest) {
				take = rest;
			} else {
				/* Prefer to break after a space when an ASCII word would be cut. */
				size_t sp = take;

				while (sp > 0 && s[off + sp - 1] != ' ' && (unsigned char)s[off + sp - 1] < 0x80)
					sp--;
				if (sp > 0 && sp < take && (unsigned char)s[off + take] < 0x80 && s[off + take] != ' ')
					take = sp;
				if (take == 0)
					take = 1;
				/* Keep punctuation with its word: move the break back a character or two. */
				for (int tries = 0; tries < 2 && take > 0; tries++) {
					wchar_t next, last;
					size_t before = prev_char(s + off, take);

					utf8_decode(s + off + take, len - off - take, &next);
					utf8_decode(s + off + before, take - before, &last);
					if (before == 0 || (!no_line_start(next) && !no_line_end(last)))
						break;
					take = before;
				}
			}
			push_line(&v, &n, s + off, take);
			off += take;
			while (off < len && s[off] == ' ' && off != 0 && take < rest)
				off++;
		} while (off < len);
		if (!s[len])
			break;
		s += len + 1;
	}
	if (!v)
		push_line(&v, &n, "", 0);
	*lines = v;
	return n;
}
