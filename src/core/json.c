/* json.c - a small recursive-descent JSON reader for the portal's live search. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#define JSON_DEPTH 64

struct reader {
	const char *begin, *s, *end;
	int depth;
	struct zerr *err;
	int failed;
};

static void bad(struct reader *r, const char *what)
{
	if (!r->failed)
		zerr_set(r->err, _("the search answer is not valid JSON (%s at byte %ld)"), _(what), (long)(r->s - r->begin));
	r->failed = 1;
}

static void skip_space(struct reader *r)
{
	while (r->s < r->end && (*r->s == ' ' || *r->s == '\t' || *r->s == '\n' || *r->s == '\r'))
		r->s++;
}

static int hex4(const char *p, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

static void put_utf8(struct sbuf *b, unsigned cp)
{
	if (cp < 0x80) {
		sbuf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		sbuf_addc(b, (char)(0xC0 | cp >> 6));
		sbuf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		sbuf_addc(b, (char)(0xE0 | cp >> 12));
		sbuf_addc(b, (char)(0x80 | (cp >> 6 & 0x3F)));
		sbuf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		sbuf_addc(b, (char)(0xF0 | cp >> 18));
		sbuf_addc(b, (char)(0x80 | (cp >> 12 & 0x3F)));
		sbuf_addc(b, (char)(0x80 | (cp >> 6 & 0x3F)));
		sbuf_addc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

/* A string at r->s (on its opening quote); a new UTF-8 string, or NULL. */
static char *read_string(struct reader *r)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	r->s++;
	while (r->s < r->end && *r->s != '"') {
		unsigned char c = (unsigned char)*r->s;

		if (c < 0x20) {
			bad(r, N_("a control character in a string"));
			break;
		}
		if (c != '\\') {
			sbuf_addc(&b, (char)c);
			r->s++;
			continue;
		}
		if (++r->s >= r->end)
			break;
		switch (*r->s) {
		case '"': sbuf_addc(&b, '"'); break;
		case '\\': sbuf_addc(&b, '\\'); break;
		case '/': sbuf_addc(&b, '/'); break;
		case 'b': sbuf_addc(&b, '\b'); break;
		case 'f': sbuf_addc(&b, '\f'); break;
		case 'n': sbuf_addc(&b, '\n'); break;
		case 'r': sbuf_addc(&b, '\r'); break;
		case 't': sbuf_addc(&b, '\t'); break;
		case 'u': {
			unsigned cp, lo;

			if (r->end - r->s < 5 || hex4(r->s + 1, &cp) != 0) {
				bad(r, N_("a bad \\u escape"));
				goto out;
			}
			r->s += 4;
			/* A surrogate pair makes one character beyond the basic plane. */
			if (cp >= 0xD800 && cp < 0xDC00 && r->end - r->s >= 7 && r->s[1] == '\\' && r->s[2] == 'u' &&
			    hex4(r->s + 3, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				r->s += 6;
			} else if (cp >= 0xD800 && cp < 0xE000) {
				cp = 0xFFFD;
			}
			put_utf8(&b, cp);
			break;
		}
		default:
			bad(r, N_("a bad escape"));
			goto out;
		}
		r->s++;
	}
	if (r->s >= r->end)
		bad(r, N_("a string without its end"));
	else
		r->s++;
out:
	if (r->failed) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_take(&b);
}

static int read_value(struct reader *r, struct json *j);

static void add_item(struct json *j, int *cap)
{
	if (j->n == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		j->items = xrealloc(j->items, sizeof *j->items * (size_t)*cap);
		if (j->type == JSON_OBJECT)
			j->keys = xrealloc(j->keys, sizeof *j->keys * (size_t)*cap);
	}
	memset(&j->items[j->n], 0, sizeof j->items[j->n]);
	if (j->type == JSON_OBJECT)
		j->keys[j->n] = NULL;
	j->n++;
}

/* An array or an object: items (and names) up to the closing bracket. */
static int read_container(struct reader *r, struct json *j, char close)
{
	int cap = 0;

	r->s++;
	skip_space(r);
	if (r->s < r->end && *r->s == close) {
		r->s++;
		return 0;
	}
	while (!r->failed) {
		skip_space(r);
		add_item(j, &cap);
		if (j->type == JSON_OBJECT) {
			if (r->s >= r->end || *r->s != '"') {
				bad(r, N_("a member without a name"));
				return -1;
			}
			j->keys[j->n - 1] = read_string(r);
			skip_space(r);
			if (r->s >= r->end || *r->s != ':') {
				bad(r, N_("a name without ':'"));
				return -1;
			}
			r->s++;
		}
		if (read_value(r, &j->items[j->n - 1]) != 0)
			return -1;
		skip_space(r);
		if (r->s < r->end && *r->s == ',') {
			r->s++;
			continue;
		}
		if (r->s < r->end && *r->s == close) {
			r->s++;
			return 0;
		}
		bad(r, N_("a missing ',' or closing bracket"));
	}
	return -1;
}

static int read_value(struct reader *r, struct json *j)
{
	static const char *const words[] = { "true", "false", "null" };
	const char *start;

	skip_space(r);
	memset(j, 0, sizeof *j);
	if (r->s >= r->end) {
		bad(r, N_("the end came early"));
		return -1;
	}
	if (*r->s == '{' || *r->s == '[') {
		int rc;

		if (++r->depth > JSON_DEPTH) {
			bad(r, N_("nested too deep"));
			return -1;
		}
		j->type = *r->s == '{' ? JSON_OBJECT : JSON_ARRAY;
		rc = read_container(r, j, *r->s == '{' ? '}' : ']');
		r->depth--;
		return rc;
	}
	if (*r->s == '"') {
		j->type = JSON_STRING;
		j->text = read_string(r);
		return j->text ? 0 : -1;
	}
	for (int i = 0; i < 3; i++) {
		size_t n = strlen(words[i]);

		if ((size_t)(r->end - r->s) >= n && strncmp(r->s, words[i], n) == 0) {
			j->type = i < 2 ? JSON_BOOL : JSON_NULL;
			j->text = xstrdup(i < 2 ? words[i] : "");
			r->s += n;
			return 0;
		}
	}
	start = r->s;
	while (r->s < r->end && strchr("+-0123456789.eE", *r->s))
		r->s++;
	if (r->s == start) {
		bad(r, N_("an unexpected character"));
		return -1;
	}
	j->type = JSON_NUMBER;
	j->text = xstrndup(start, (size_t)(r->s - start));
	return 0;
}

static void free_value(struct json *j)
{
	for (int i = 0; i < j->n; i++) {
		free_value(&j->items[i]);
		if (j->keys)
			free(j->keys[i]);
	}
	free(j->items);
	free(j->keys);
	free(j->text);
}

void json_free(struct json *j)
{
	if (!j)
		return;
	free_value(j);
	free(j);
}

struct json *json_parse(const char *text, size_t len, struct zerr *err)
{
	struct reader r = { text, text, text + len, 0, err, 0 };
	struct json *j = xcalloc(1, sizeof *j);

	/* A byte-order mark is not part of the text. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		r.s += 3;
	if (read_value(&r, j) == 0) {
		skip_space(&r);
		if (r.s < r.end)
			bad(&r, N_("text after the end"));
	}
	if (r.failed) {
		json_free(j);
		return NULL;
	}
	return j;
}

const struct json *json_path(const struct json *j, const char *path)
{
	while (j && path && *path) {
		size_t n = strcspn(path, ".");
		const struct json *next = NULL;

		for (int i = 0; j->type == JSON_OBJECT && i < j->n && !next; i++)
			if (j->keys[i] && strlen(j->keys[i]) == n && strncmp(j->keys[i], path, n) == 0)
				next = &j->items[i];
		j = next;
		path += n + (path[n] == '.');
	}
	return j;
}

const char *json_field(const struct json *j, const char *name)
{
	const struct json *v = name && *name ? json_path(j, name) : NULL;

	return v && v->text && v->type != JSON_NULL ? v->text : "";
}
