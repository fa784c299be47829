/* date.c - day-number arithmetic; no time zones, no time of day. */
#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return days[m - 1] + (m == 2 && is_leap(y));
}

int date_valid_ymd(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

/* Counts days in 400-year eras starting in March, so leap days fall at the end of each year. */
zdate date_from_ymd(int y, int m, int d)
{
	int yy = m <= 2 ? y - 1 : y;
	int era = (yy >= 0 ? yy : yy - 399) / 400;
	int yoe = yy - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void date_to_ymd(zdate day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int mm = mp < 10 ? mp + 3 : mp - 9;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mm;
	*y = yoe + era * 400 + (mm <= 2);
}

int date_year(zdate day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return y;
}

int date_weekday(zdate day)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (day + 3) % 7;

	if (w < 0)
		w += 7;
	return w + 1;
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_parse_month(const char *s, int *y, int *m)
{
	if (strlen(s) != 7 || s[4] != '-')
		return -1;
	*y = digits(s, 4);
	*m = digits(s + 5, 2);
	if (*y < 1900 || *m < 1 || *m > 12)
		return -1;
	return 0;
}

int date_parse(const char *s, zdate *out)
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !date_valid_ymd(y, m, d))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

char *date_format(zdate day, char buf[DATE_BUFSZ])
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, DATE_BUFSZ, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 13u, (unsigned)d % 32u);
	return buf;
}

zdate date_today(void)
{
	const char *fixed = getenv("ZWGK_TODAY");
	zdate day;
	time_t now;
	struct tm tm;

	if (fixed && date_parse(fixed, &day) == 0)
		return day;
	now = time(NULL);
	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
