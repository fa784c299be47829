/* serial.c - formatting and allocating serial numbers. */
#include "serial.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

/* Parses the token at p ("{...}"); returns its kind and the digits for {seq:0N}. */
enum { TOK_BAD, TOK_SITE, TOK_YYYY, TOK_YY, TOK_SEQ };

static int token(const char *p, size_t *len, int *digits)
{
	const char *end = strchr(p, '}');
	size_t n;

	*digits = 0;
	if (!end)
		return TOK_BAD;
	n = (size_t)(end - p + 1);
	*len = n;
	if (n == 6 && strncmp(p, "{site}", 6) == 0)
		return TOK_SITE;
	if (n == 6 && strncmp(p, "{yyyy}", 6) == 0)
		return TOK_YYYY;
	if (n == 4 && strncmp(p, "{yy}", 4) == 0)
		return TOK_YY;
	if (n == 5 && strncmp(p, "{seq}", 5) == 0)
		return TOK_SEQ;
	if (n == 8 && strncmp(p, "{seq:0", 6) == 0 && p[6] >= '1' && p[6] <= '9' && p[7] == '}') {
		*digits = p[6] - '0';
		return TOK_SEQ;
	}
	return TOK_BAD;
}

int serial_pattern_check(const char *pattern)
{
	int year = 0, seq = 0;

	for (const char *p = pattern; *p; p++) {
		size_t len;
		int digits, t;

		if (*p == '}')
			return -1;
		if (*p != '{')
			continue;
		t = token(p, &len, &digits);
		if (t == TOK_BAD)
			return -1;
		year += t == TOK_YYYY || t == TOK_YY;
		seq += t == TOK_SEQ;
		p += len - 1;
	}
	return year == 1 && seq == 1 ? 0 : -1;
}

char *serial_format(const char *pattern, const char *site, int year, int seq)
{
	struct sbuf b = { 0 };

	for (const char *p = pattern; *p; p++) {
		size_t len;
		int digits;

		if (*p != '{') {
			sbuf_addc(&b, *p);
			continue;
		}
		switch (token(p, &len, &digits)) {
		case TOK_SITE:
			sbuf_add(&b, site);
			break;
		case TOK_YYYY:
			sbuf_printf(&b, "%04d", year);
			break;
		case TOK_YY:
			sbuf_printf(&b, "%02d", year % 100);
			break;
		case TOK_SEQ:
			sbuf_printf(&b, "%0*d", digits, seq);
			break;
		default:
			sbuf_addc(&b, *p);
			continue;
		}
		p += len - 1;
	}
	return sbuf_take(&b);
}

int serial_next(sqlite3 *db, const char *reg, int year, int *seq, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db,
				      "INSERT INTO serial_counter (reg, year, last) VALUES (?1, ?2, 1)"
				      " ON CONFLICT (reg, year) DO UPDATE SET last = last + 1 RETURNING last",
				      err);

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, reg, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_error(db, err);
		sqlite3_finalize(st);
		return -1;
	}
	*seq = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}
