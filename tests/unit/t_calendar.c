/* t_calendar.c - working days: the issue's vectors, make-up days, year boundaries, the file format. */
#include <stdlib.h>

#include "calendar.h"
#include "t.h"

static struct calendar cal;

static void load(void)
{
	struct zerr err = ZERR_INIT;

	CHECK_INT(cal_load(&cal, t_src("contrib/holidays.txt"), &err), 0);
	if (err.code)
		printf("    %s\n", err.msg);
}

static zdate d(const char *s)
{
	zdate day = 0;

	if (date_parse(s, &day) != 0)
		printf("    bad date in test: %s\n", s);
	return day;
}

static void expect_add(const char *from, int n, const char *want, int want_prov)
{
	char buf[DATE_BUFSZ];
	int prov = 0;
	zdate got = cal_add_workdays(&cal, d(from), n, &prov);

	CHECK_STR(date_format(got, buf), want);
	CHECK_INT(prov, want_prov);
	if (strcmp(buf, want) != 0 || prov != want_prov)
		printf("    (%s + %d)\n", from, n);
}

static void test_issue_vectors(void)
{
	load();
	expect_add("2026-02-13", 5, "2026-02-27", 0);
	expect_add("2026-02-13", 20, "2026-03-19", 0);
	expect_add("2026-09-18", 5, "2026-09-24", 0);
	expect_add("2026-09-24", 5, "2026-10-09", 0);
	expect_add("2026-09-30", 20, "2026-11-03", 0);
	expect_add("2025-09-26", 5, "2025-10-10", 0);
	expect_add("2026-04-30", 5, "2026-05-11", 0);
	expect_add("2026-01-02", 1, "2026-01-04", 0);
	expect_add("2026-12-15", 20, "2027-01-13", 1);
	cal_free(&cal);
}

static void test_makeup_days(void)
{
	int prov = 0;

	load();
	/* Every make-up working day in domain.md is a working day though it is a weekend. */
	const char *work[] = { "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
			       "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10" };
	for (size_t i = 0; i < sizeof work / sizeof work[0]; i++) {
		CHECK(date_weekday(d(work[i])) >= 6);
		CHECK_INT(cal_is_workday(&cal, d(work[i]), &prov), 1);
	}
	/* Holidays on weekdays are not working days; plain weekends are not either. */
	CHECK_INT(cal_is_workday(&cal, d("2026-02-16"), &prov), 0);
	CHECK_INT(cal_is_workday(&cal, d("2025-10-08"), &prov), 0);
	CHECK_INT(cal_is_workday(&cal, d("2026-06-19"), &prov), 0);
	CHECK_INT(cal_is_workday(&cal, d("2026-03-07"), &prov), 0);
	CHECK_INT(cal_is_workday(&cal, d("2026-03-09"), &prov), 1);
	CHECK_INT(prov, 0);
	cal_free(&cal);
}

static void test_year_boundaries(void)
{
	int prov = 0;

	load();
	/* 2025-12-31 (Wed) + 1: 2026-01-01..03 are off, 01-04 (Sun) is a make-up day. */
	expect_add("2025-12-31", 1, "2026-01-04", 0);
	expect_add("2025-12-30", 1, "2025-12-31", 0);
	/* Into an uncovered year: only the fixed-date holidays, and provisional. */
	expect_add("2026-12-31", 1, "2027-01-04", 1);
	expect_add("2027-04-30", 1, "2027-05-03", 1);
	expect_add("2027-09-30", 1, "2027-10-04", 1);
	/* Before the covered years too. */
	expect_add("2024-12-30", 2, "2025-01-02", 1);
	/* A span wholly inside a covered year is never provisional. */
	expect_add("2026-12-01", 5, "2026-12-08", 0);
	/* n = 0 is the day itself. */
	expect_add("2026-02-15", 0, "2026-02-15", 0);
	CHECK_INT(cal_workdays_between(&cal, d("2026-02-13"), d("2026-02-27"), &prov), 5);
	CHECK_INT(cal_workdays_between(&cal, d("2026-02-27"), d("2026-02-13"), &prov), 0);
	CHECK_INT(cal_workdays_between(&cal, d("2026-09-30"), d("2026-11-03"), &prov), 20);
	CHECK_INT(prov, 0);
	CHECK(cal_covers(&cal, 2025) && cal_covers(&cal, 2026) && !cal_covers(&cal, 2027));
	cal_free(&cal);
}

static void expect_parse_error(const char *text, const char *want)
{
	struct calendar c;
	struct zerr err = ZERR_INIT;

	CHECK_INT(cal_parse(&c, text, strlen(text), "cal.txt", &err), -1);
	CHECK_CONTAINS(err.msg, want);
}

static void test_file_errors(void)
{
	expect_parse_error("off 2026-01-01 元旦\n", "cal.txt:1:");
	expect_parse_error("year 2026 x\noff 2026-13-01\n", "cal.txt:2:");
	expect_parse_error("year 2026 x\nwork 2026-03-04 a weekday\n", "Saturday or Sunday");
	expect_parse_error("year 2026 x\noff 2024-12-31\n", "not in year 2026 or next to it");
	expect_parse_error("year 2026 x\noff 2026-01-05..2026-01-01\n", "backwards");
	expect_parse_error("year 2026 x\noff 2026-01-01\noff 2026-01-01\n", "twice");
	expect_parse_error("year 2026 x\nyear 2026 y\n", "appears twice");
	expect_parse_error("year 2026 x\nholiday 2026-01-01\n", "unknown directive");
	expect_parse_error("year 2026 \xff\n", "not a UTF-8");
	{
		struct calendar c;
		struct zerr err = ZERR_INIT;

		CHECK_INT(cal_load(&c, "/nonexistent/holidays.txt", &err), -1);
		CHECK_CONTAINS(err.msg, "/nonexistent/holidays.txt");
	}
}

/* The 2019 notice (国办发明电〔2018〕15号) moved days at the end of 2018; 2018 itself is not covered. */
static void test_neighbouring_year(void)
{
	const char *text = "year 2019 国办发明电〔2018〕15号\r\n"
			   "work 2018-12-29 元旦调休\r\n"
			   "off 2018-12-30..2019-01-01 元旦\r\n";
	struct calendar c;
	struct zerr err = ZERR_INIT;
	int prov = 0;

	CHECK_INT(cal_parse(&c, text, strlen(text), "cal.txt", &err), 0);
	CHECK(cal_covers(&c, 2019) && !cal_covers(&c, 2018));
	CHECK_INT(cal_is_workday(&c, d("2018-12-29"), &prov), 1);
	CHECK_INT(prov, 1);
	prov = 0;
	CHECK_INT(cal_is_workday(&c, d("2018-12-31"), &prov), 0);
	CHECK_INT(cal_is_workday(&c, d("2019-01-01"), &prov), 0);
	CHECK_INT(cal_is_workday(&c, d("2019-01-02"), &prov), 1);
	cal_free(&c);
}

static void test_dates(void)
{
	zdate x;
	int y, m, dd;

	CHECK_INT(date_parse("2026-02-29", &x), -1);
	CHECK_INT(date_parse("2024-02-29", &x), 0);
	CHECK_INT(date_parse("2026-2-01", &x), -1);
	CHECK_INT(date_parse("2026-02-01x", &x), -1);
	CHECK_INT(date_weekday(d("2026-11-25")), 3);
	CHECK_INT(date_weekday(d("1970-01-01")), 4);
	for (zdate t = d("1999-12-25"); t < d("2001-03-05"); t++) {
		date_to_ymd(t, &y, &m, &dd);
		CHECK_INT(date_from_ymd(y, m, dd), t);
	}
	setenv("ZWGK_TODAY", "2026-03-09", 1);
	CHECK_INT(date_today(), d("2026-03-09"));
	unsetenv("ZWGK_TODAY");
}

/*
 * A file that lists every day of 300 years, with the last day listed again: it loads in
 * moments (each day was compared with every one before it, quadratic), and the repeat is
 * still named on its own line.
 */
static void test_every_day_listed(void)
{
	struct sbuf b = { 0 };
	struct calendar c;
	struct zerr err = ZERR_INIT;
	int lines = 0, days = 0;

	for (int y = 2001; y <= 2300; y++) {
		sbuf_printf(&b, "year %d 全年放假\n", y);
		lines++;
		for (zdate t = date_from_ymd(y, 1, 1); date_year(t) == y; t += 16) {
			zdate last = t + 15 < date_from_ymd(y + 1, 1, 1) ? t + 15 : date_from_ymd(y + 1, 1, 1) - 1;
			char from[DATE_BUFSZ], to[DATE_BUFSZ];

			sbuf_printf(&b, "off %s..%s 假日\n", date_format(t, from), date_format(last, to));
			lines++;
			days += last - t + 1;
		}
	}
	CHECK_INT(cal_parse(&c, b.s, b.len, "cal.txt", &err), 0);
	CHECK_INT(c.ndays, days);
	CHECK_INT(cal_is_workday(&c, d("2150-06-03"), NULL), 0);
	cal_free(&c);
	sbuf_add(&b, "off 2300-12-31 again\n");
	CHECK_INT(cal_parse(&c, b.s, b.len, "cal.txt", &err), -1);
	{
		char want[64];

		snprintf(want, sizeof want, "cal.txt:%d: 2300-12-31 is listed twice", lines + 1);
		CHECK_CONTAINS(err.msg, want);
	}
	sbuf_free(&b);
}

T_SUITE(calendar_tests) = {
	{ "calendar: the issue's test vectors", test_issue_vectors },
	{ "calendar: make-up working days and holidays", test_makeup_days },
	{ "calendar: year boundaries and uncovered years", test_year_boundaries },
	{ "calendar: file errors name the line", test_file_errors },
	{ "calendar: days next to the year, CRLF lines", test_neighbouring_year },
	{ "calendar: date arithmetic", test_dates },
	{ "calendar: a file listing every day of 300 years", test_every_day_listed },
	T_END
};
