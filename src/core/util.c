/* util.c - allocation wrappers, error values and small string helpers. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*fail_hook)(void);

void util_set_fail_hook(void (*hook)(void))
{
	fail_hook = hook;
}

void fail(const char *fmt, ...)
{
	va_list ap;

	if (fail_hook)
		fail_hook();
	fputs("zwgk: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void zerr_set(struct zerr *err, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err)
		return;
	err->code = 1;
	err->field = -1;
	va_start(ap, fmt);
	n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof err->msg) {
		/* Cut at a character boundary, never inside a UTF-8 sequence. */
		size_t len = sizeof err->msg - 1;

		while (len > 0 && ((unsigned char)err->msg[len] & 0xc0) == 0x80)
			len--;
		err->msg[len] = '\0';
	}
}

void zerr_clear(struct zerr *err)
{
	if (err) {
		err->code = 0;
		err->field = -1;
		err->msg[0] = '\0';
	}
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		fail(_("out of memory"));
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		fail(_("out of memory"));
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		fail(_("out of memory"));
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p;

	n = strnlen(s, n);
	p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fail("vsnprintf");
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void sbuf_addn(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = xrealloc(b->s, cap);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sbuf_add(struct sbuf *b, const char *s)
{
	sbuf_addn(b, s, strlen(s));
}

void sbuf_addc(struct sbuf *b, char c)
{
	sbuf_addn(b, &c, 1);
}

void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	sbuf_add(b, p);
	free(p);
}

char *sbuf_take(struct sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void sbuf_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void fields_init(char **f, int n)
{
	for (int i = 0; i < n; i++)
		f[i] = xstrdup("");
}

void fields_free(char **f, int n)
{
	for (int i = 0; i < n; i++) {
		free(f[i]);
		f[i] = NULL;
	}
}

void field_set(char **f, int i, const char *value)
{
	char *copy = xstrdup(value);

	free(f[i]);
	f[i] = xstrdup(str_trim(copy));
	free(copy);
}

#define IDEOGRAPHIC_SPACE "\xe3\x80\x80"	/* U+3000, the space a Chinese input method types */

char *str_trim(char *s)
{
	char *e;

	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (str_startswith(s, IDEOGRAPHIC_SPACE))
			s += 3;
		else
			break;
	}
	e = s + strlen(s);
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
			*--e = '\0';
		else if (e - s >= 3 && memcmp(e - 3, IDEOGRAPHIC_SPACE, 3) == 0)
			*(e -= 3) = '\0';
		else
			break;
	}
	return s;
}

int str_startswith(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

char *str_head(const char *s, int chars)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (((unsigned char)s[n] & 0xc0) != 0x80 && chars-- <= 0)
			break;
	return xstrndup(s, n);
}

int str_valid_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		unsigned c = *p;
		size_t len;
		unsigned cp;

		if (c < 0x80) {
			p++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			len = 2, cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3, cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4, cp = c & 0x07;
		} else {
			return 0;
		}
		if ((size_t)(end - p) < len)
			return 0;
		for (size_t i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		p += len;
	}
	return 1;
}

/* Length of a list separator at s (ASCII or full-width), or 0. */
static size_t list_sep(const char *s)
{
	static const char *const seps[] = { ",", ";", "\xef\xbc\x8c", "\xe3\x80\x81", "\xef\xbc\x9b" };

	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
		if (str_startswith(s, seps[i]))
			return strlen(seps[i]);
	return 0;
}

int str_split_list(const char *s, char ***items)
{
	char **v = xcalloc(1, sizeof *v);
	int n = 0;
	const char *start = s;

	for (;;) {
		size_t sep = *s ? list_sep(s) : 0;

		if (!*s || sep) {
			char *item = xstrndup(start, (size_t)(s - start));
			char *t = str_trim(item);

			if (*t) {
				v = xrealloc(v, sizeof *v * (size_t)(n + 2));
				v[n++] = xstrdup(t);
				v[n] = NULL;
			}
			free(item);
			if (!*s)
				break;
			s += sep;
			start = s;
		} else {
			s++;
		}
	}
	*items = v;
	return n;
}

void strv_free(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

void rows_reverse(void *rows, int n, size_t size)
{
	char *p = rows, *tmp = xmalloc(size ? size : 1);

	for (int i = 0; i < n / 2; i++) {
		char *a = p + (size_t)i * size, *b = p + (size_t)(n - 1 - i) * size;

		memcpy(tmp, a, size);
		memcpy(a, b, size);
		memcpy(b, tmp, size);
	}
	free(tmp);
}

char *like_anywhere(const char *text)
{
	struct sbuf pat = { 0 };

	sbuf_addc(&pat, '%');
	for (const char *p = text; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			sbuf_addc(&pat, '\\');
		sbuf_addc(&pat, *p);
	}
	sbuf_addc(&pat, '%');
	return sbuf_take(&pat);
}

static size_t str_hash(const char *s)
{
	size_t h = 14695981039346656037u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

int strset_add(struct strset *set, const char *s)
{
	size_t i;

	if (2 * (set->n + 1) > set->cap) {
		struct strset bigger = { xcalloc(set->cap ? 2 * set->cap : 64, sizeof(char *)), set->cap ? 2 * set->cap : 64, 0 };

		for (size_t k = 0; k < set->cap; k++)
			if (set->slot[k]) {
				for (i = str_hash(set->slot[k]) & (bigger.cap - 1); bigger.slot[i]; i = (i + 1) & (bigger.cap - 1))
					;
				bigger.slot[i] = set->slot[k];
				bigger.n++;
			}
		free(set->slot);
		*set = bigger;
	}
	for (i = str_hash(s) & (set->cap - 1); set->slot[i]; i = (i + 1) & (set->cap - 1))
		if (strcmp(set->slot[i], s) == 0)
			return 0;
	set->slot[i] = xstrdup(s);
	set->n++;
	return 1;
}

void strset_free(struct strset *set)
{
	for (size_t k = 0; k < set->cap; k++)
		free(set->slot[k]);
	free(set->slot);
	memset(set, 0, sizeof *set);
}
