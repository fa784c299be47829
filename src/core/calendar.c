/*
 * calendar.c - working days from a plain-text calendar file.
 *
 * File format, one directive per line ('#' starts a comment):
 *   year 2026 SOURCE...            starts a year and names the notice that published it
 *   off 2026-02-15..2026-02-23 NAME  public holidays (a single date or an inclusive range)
 *   work 2026-02-14 NAME           a make-up working day on a weekend
 * Years the file does not cover fall back to Monday-Friday minus the fixed-date statutory
 * holidays, and every answer touching them is marked provisional.
 */
#include "calendar.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"

static const struct {
	int month, day;
	const char *name;
} fixed_holidays[] = {
	{ 1, 1, N_("New Year's Day") },
	{ 5, 1, N_("Labour Day") },
	{ 5, 2, N_("Labour Day") },
	{ 10, 1, N_("National Day") },
	{ 10, 2, N_("National Day") },
	{ 10, 3, N_("National Day") },
};

static int cmp_day(const void *a, const void *b)
{
	const struct cal_day *x = a, *y = b;

	return (x->day > y->day) - (x->day < y->day);
}

static int cmp_year(const void *a, const void *b)
{
	const struct cal_year *x = a, *y = b;

	return (x->year > y->year) - (x->year < y->year);
}

void cal_free(struct calendar *cal)
{
	for (int i = 0; i < cal->nyears; i++)
		free(cal->years[i].source);
	for (int i = 0; i < cal->nnames; i++)
		free(cal->names[i]);
	free(cal->years);
	free(cal->days);
	free(cal->names);
	free(cal->path);
	memset(cal, 0, sizeof *cal);
}

/* Room for one more of n items: doubled at each power of two, so a long file grows in few steps. */
static void *grow(void *v, int n, size_t size)
{
	return n && (n < 16 || (n & (n - 1))) ? v : xrealloc(v, size * (size_t)(n ? 2 * n : 16));
}

static const char *keep_name(struct calendar *cal, const char *name)
{
	if (cal->nnames && strcmp(cal->names[cal->nnames - 1], name) == 0)
		return cal->names[cal->nnames - 1];
	cal->names = grow(cal->names, cal->nnames, sizeof *cal->names);
	cal->names[cal->nnames] = xstrdup(name);
	return cal->names[cal->nnames++];
}

static void add_day(struct calendar *cal, zdate day, int work, const char *name)
{
	cal->days = grow(cal->days, cal->ndays, sizeof *cal->days);
	cal->days[cal->ndays].day = day;
	cal->days[cal->ndays].work = work;
	cal->days[cal->ndays].name = name;
	cal->ndays++;
}

static const struct cal_day *find_day(const struct calendar *cal, zdate day)
{
	struct cal_day key = { day, 0, NULL };

	if (!cal->ndays)
		return NULL;
	return bsearch(&key, cal->days, (size_t)cal->ndays, sizeof key, cmp_day);
}

/* Splits off the next space-separated word of *p; returns NULL at the end of the line. */
static char *next_word(char **p)
{
	char *s = *p, *w;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s) {
		*p = s;
		return NULL;
	}
	w = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s)
		*s++ = '\0';
	*p = s;
	return w;
}

static int parse_line(struct calendar *cal, char *line, int *cur_year, struct strset *listed, struct zerr *err)
{
	char *p = line, *word, *arg;
	zdate from, to;
	int work;

	word = next_word(&p);
	if (!word)
		return 0;
	arg = next_word(&p);
	if (strcmp(word, "year") == 0) {
		char *end;
		long y;

		if (!arg) {
			zerr_set(err, _("'year' needs a year and the notice that published it"));
			return -1;
		}
		errno = 0;
		y = strtol(arg, &end, 10);
		if (*end || errno || y < 1949 || y > 9999) {
			zerr_set(err, _("'%s' is not a year"), arg);
			return -1;
		}
		if (cal_covers(cal, (int)y)) {
			zerr_set(err, _("year %ld appears twice"), y);
			return -1;
		}
		cal->years = grow(cal->years, cal->nyears, sizeof *cal->years);
		cal->years[cal->nyears].year = (int)y;
		cal->years[cal->nyears].source = xstrdup(str_trim(p));
		cal->nyears++;
		qsort(cal->years, (size_t)cal->nyears, sizeof *cal->years, cmp_year);
		*cur_year = (int)y;
		return 0;
	}
	if (strcmp(word, "off") == 0)
		work = 0;
	else if (strcmp(word, "work") == 0)
		work = 1;
	else {
		zerr_set(err, _("unknown directive '%s'; expected year, off or work"), word);
		return -1;
	}
	if (!*cur_year) {
		zerr_set(err, _("'%s' before any 'year' line"), word);
		return -1;
	}
	if (!arg) {
		zerr_set(err, _("'%s' needs a date (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)"), word);
		return -1;
	}
	{
		char *dots = strstr(arg, "..");

		if (dots)
			*dots = '\0';
		if (date_parse(arg, &from) != 0 || (dots && date_parse(dots + 2, &to) != 0)) {
			zerr_set(err, _("'%s' is not a date (YYYY-MM-DD)"), dots && date_parse(arg, &from) == 0 ? dots + 2 : arg);
			return -1;
		}
		if (!dots)
			to = from;
		if (work && dots) {
			zerr_set(err, _("a make-up working day is a single date, not a range"));
			return -1;
		}
	}
	if (to < from || to - from > 31) {
		zerr_set(err, _("the range is backwards or longer than a month"));
		return -1;
	}
	/* A year's notice may arrange days at the end of the year before or the start of the next. */
	if (date_year(from) < *cur_year - 1 || date_year(to) > *cur_year + 1) {
		zerr_set(err, _("the date is not in year %d or next to it"), *cur_year);
		return -1;
	}
	if (work && date_weekday(from) < 6) {
		zerr_set(err, _("a make-up working day must fall on a Saturday or Sunday"));
		return -1;
	}
	{
		const char *name = keep_name(cal, *str_trim(p) ? str_trim(p) : "");

		for (zdate d = from; d <= to; d++) {
			char buf[DATE_BUFSZ];

			/* A set, not a scan of the days so far: that made loading quadratic, and a 1 MB
			 * file listing every day of its years took over ten minutes. */
			if (!strset_add(listed, date_format(d, buf))) {
				zerr_set(err, _("%s is listed twice"), buf);
				return -1;
			}
			add_day(cal, d, work, name);
		}
	}
	return 0;
}

int cal_parse(struct calendar *cal, const char *text, size_t len, const char *name, struct zerr *err)
{
	int lineno = 0, cur_year = 0;
	const char *p = text, *end = text + len;
	struct strset listed = { NULL, 0, 0 };

	memset(cal, 0, sizeof *cal);
	if (!str_valid_utf8(text, len) || memchr(text, '\0', len)) {
		zerr_set(err, _("%s: not a UTF-8 text file"), name);
		return -1;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		/* A file saved on Windows ends its lines with CR LF. */
		size_t linelen = n && p[n - 1] == '\r' ? n - 1 : n;
		char *line = xstrndup(p, linelen), *hash = strchr(line, '#');
		struct zerr lerr = ZERR_INIT;

		lineno++;
		if (hash)
			*hash = '\0';
		if (parse_line(cal, line, &cur_year, &listed, &lerr) != 0) {
			zerr_set(err, "%s:%d: %s", name, lineno, lerr.msg);
			free(line);
			strset_free(&listed);
			cal_free(cal);
			return -1;
		}
		free(line);
		p += n + (nl != NULL);
	}
	strset_free(&listed);
	if (cal->ndays)
		qsort(cal->days, (size_t)cal->ndays, sizeof *cal->days, cmp_day);
	cal->path = xstrdup(name);
	return 0;
}

int cal_load(struct calendar *cal, const char *path, struct zerr *err)
{
	struct zerr ferr = ZERR_INIT;
	size_t len;
	char *text = fs_read_file(path, 1 << 20, &len, &ferr);
	int rc;

	memset(cal, 0, sizeof *cal);
	if (!text) {
		zerr_set(err, _("calendar file %s: %s"), path, ferr.msg);
		return -1;
	}
	rc = cal_parse(cal, text, len, path, err);
	free(text);
	return rc;
}

int cal_covers(const struct calendar *cal, int year)
{
	struct cal_year key = { year, NULL };

	/* Asked for every day counted: a search of the sorted years, not a walk through them. */
	return cal->nyears && bsearch(&key, cal->years, (size_t)cal->nyears, sizeof key, cmp_year) != NULL;
}

int cal_special(const struct calendar *cal, zdate day, struct cal_day *out)
{
	int y, m, d;
	const struct cal_day *hit;

	date_to_ymd(day, &y, &m, &d);
	hit = find_day(cal, day);
	if (hit) {
		*out = *hit;
		return 1;
	}
	if (cal_covers(cal, y))
		return 0;
	for (size_t i = 0; i < sizeof fixed_holidays / sizeof fixed_holidays[0]; i++) {
		if (fixed_holidays[i].month == m && fixed_holidays[i].day == d) {
			out->day = day;
			out->work = 0;
			out->name = _(fixed_holidays[i].name);
			return 1;
		}
	}
	return 0;
}

int cal_is_workday(const struct calendar *cal, zdate day, int *provisional)
{
	struct cal_day sp;

	if (provisional && !cal_covers(cal, date_year(day)))
		*provisional = 1;
	if (cal_special(cal, day, &sp))
		return sp.work;
	return date_weekday(day) <= 5;
}

zdate cal_add_workdays(const struct calendar *cal, zdate from, int n, int *provisional)
{
	zdate d = from;

	while (n > 0) {
		d++;
		if (cal_is_workday(cal, d, provisional))
			n--;
	}
	return d;
}

int cal_workdays_between(const struct calendar *cal, zdate from, zdate to, int *provisional)
{
	int n = 0;

	for (zdate d = from + 1; d <= to; d++)
		n += cal_is_workday(cal, d, provisional);
	return n;
}

/* FNV-1a, 64 bits, over one number. */
static unsigned long long fnv(unsigned long long h, long long v)
{
	for (int i = 0; i < 8; i++) {
		h ^= (unsigned long long)(v >> (8 * i)) & 0xff;
		h *= 0x100000001b3ULL;
	}
	return h;
}

unsigned long long cal_fingerprint(const struct calendar *cal)
{
	unsigned long long h = 0xcbf29ce484222325ULL;

	h = fnv(h, cal->nyears);
	for (int i = 0; i < cal->nyears; i++)
		h = fnv(h, cal->years[i].year);
	h = fnv(h, cal->ndays);
	for (int i = 0; i < cal->ndays; i++)
		h = fnv(fnv(h, cal->days[i].day), cal->days[i].work);
	return h;
}
