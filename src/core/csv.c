/* csv.c - CSV as WPS and Excel on the county PCs write it. */
#include "csv.h"

#include <stdlib.h>

#include <string.h>

#include "width.h"

void csv_init(struct csv_reader *r, const char *text, size_t len)
{
	r->p = text;
	r->end = text + len;
	r->line = 1;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		r->p += 3;
}

static void push(char ***v, int *n, struct sbuf *field)
{
	*v = xrealloc(*v, sizeof **v * (size_t)(*n + 2));
	(*v)[(*n)++] = sbuf_take(field);
	(*v)[*n] = NULL;
}

int csv_read(struct csv_reader *r, char ***fields, int *line, struct zerr *err)
{
	char **v = NULL;
	int n = 0;
	struct sbuf field = { 0 };

	*fields = NULL;
	*line = r->line;
	/* Skip blank lines between records. */
	while (r->p < r->end && (*r->p == '\n' || *r->p == '\r')) {
		if (*r->p == '\n')
			r->line++;
		r->p++;
	}
	*line = r->line;
	if (r->p >= r->end)
		return 0;
	for (;;) {
		if (r->p < r->end && *r->p == '"') {
			r->p++;
			for (;;) {
				if (r->p >= r->end) {
					zerr_set(err, _("a quoted field is not closed"));
					sbuf_free(&field);
					strv_free(v);
					return -1;
				}
				if (*r->p == '"') {
					if (r->p + 1 < r->end && r->p[1] == '"') {
						sbuf_addc(&field, '"');
						r->p += 2;
						continue;
					}
					r->p++;
					break;
				}
				if (*r->p == '\n')
					r->line++;
				sbuf_addc(&field, *r->p++);
			}
			if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
				zerr_set(err, _("text after a closing quote; a quote inside a field must be doubled (\"\")"));
				sbuf_free(&field);
				strv_free(v);
				return -1;
			}
		} else {
			while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
				if (*r->p == '"') {
					zerr_set(err, _("a quote in the middle of an unquoted field; quote the whole field"));
					sbuf_free(&field);
					strv_free(v);
					return -1;
				}
				sbuf_addc(&field, *r->p++);
			}
		}
		push(&v, &n, &field);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '\r')
			r->p++;
		if (r->p < r->end && *r->p == '\n') {
			r->p++;
			r->line++;
		}
		break;
	}
	*fields = v;
	return n;
}

static void csv_write_field(struct sbuf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		sbuf_add(b, s);
		return;
	}
	sbuf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			sbuf_addc(b, '"');
		sbuf_addc(b, *s);
	}
	sbuf_addc(b, '"');
}

char *csv_cell_safe(const char *s)
{
	char *safe = text_safe(s), *out;

	if (!strchr("=+-@", safe[0]) || !safe[0])
		return safe;
	out = xasprintf("'%s", safe);
	free(safe);
	return out;
}

void csv_write_row(struct sbuf *b, const char *const *fields, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			sbuf_addc(b, ',');
		csv_write_field(b, fields[i]);
	}
	sbuf_add(b, "\r\n");
}
