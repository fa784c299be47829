/* fuzz.c - the harnesses' shared helpers; see fuzz.h. */
#include "fuzz.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "fsutil.h"
#include "util.h"
#include "width.h"

#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR "."
#endif

void fz_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("fuzz: invariant broken: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

static const char *srcdir(void)
{
	const char *env = getenv("ZWGK_SRC");

	return env && *env ? env : FUZZ_SRCDIR;
}

char *fz_src_path(const char *rel)
{
	return xasprintf("%s/%s", srcdir(), rel);
}

char *fz_src_read(const char *rel, size_t *len)
{
	struct zerr err = ZERR_INIT;
	char *path = fz_src_path(rel), *text = fs_read_file(path, 1 << 20, len, &err);

	free(path);
	return text;
}

void fz_setup(void)
{
	char *forms = fz_src_path("forms");

	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "en", 1);
	setenv("ZWGK_TODAY", "2026-03-09", 1);
	setenv("ZWGK_NOW", "2026-03-09 10:00:00", 1);
	setenv("ZWGK_FORMSDIR", forms, 1);
	free(forms);
}

int fz_parts(const uint8_t *data, size_t size, char **parts, int max)
{
	int n = 0;
	size_t start = 0;

	for (size_t i = 0; i <= size && n < max; i++) {
		if (i == size || (data[i] == 0x1e && n < max - 1)) {
			parts[n++] = xstrndup((const char *)data + start, i - start);
			start = i + 1;
		}
	}
	while (n < max)
		parts[n++] = xstrdup("");
	return n;
}

void fz_parts_free(char **parts, int n)
{
	for (int i = 0; i < n; i++)
		free(parts[i]);
}

sqlite3 *fz_db(void (*setup)(sqlite3 *db))
{
	static sqlite3 *pristine, *work;
	struct zerr err = ZERR_INIT;
	sqlite3_backup *b;

	if (!pristine) {
		if (db_open(&pristine, ":memory:", DB_CREATE, &err) != 0 || db_open(&work, ":memory:", DB_CREATE, &err) != 0)
			fz_fail("cannot open the database: %s", err.msg);
		if (setup)
			setup(pristine);
	}
	b = sqlite3_backup_init(work, "main", pristine, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE)
		fz_fail("cannot copy the database: %s", sqlite3_errmsg(work));
	sqlite3_backup_finish(b);
	return work;
}

/* The byte offset of the first thing unfit for a terminal in s, or -1; *wc gets it. */
static long first_unsafe(const char *s, int lines, wchar_t *wc)
{
	size_t n = strlen(s);

	*wc = 0;
	if (!str_valid_utf8(s, n))
		return 0;
	for (size_t i = 0; i < n;) {
		size_t k = utf8_decode(s + i, n - i, wc);

		if (char_unsafe(*wc) && !(lines && (*wc == '\n' || *wc == '\t')))
			return (long)i;
		i += k;
	}
	return -1;
}

void fz_assert_safe(const char *what, const char *s, int lines)
{
	wchar_t wc;
	long at = first_unsafe(s, lines, &wc);

	if (at >= 0)
		fz_fail("%s: %s U+%04X at byte %ld", what, wc ? "holds" : "is not UTF-8, or holds", (unsigned)wc, at);
}

int fz_is_safe(const char *s, int lines)
{
	wchar_t wc;

	return first_unsafe(s, lines, &wc) < 0;
}
