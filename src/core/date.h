/* date.h - calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian). */
#ifndef ZWGK_DATE_H
#define ZWGK_DATE_H

typedef int zdate;

#define DATE_BUFSZ 11	/* "YYYY-MM-DD" and NUL */

int date_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);
zdate date_from_ymd(int y, int m, int d);
void date_to_ymd(zdate day, int *y, int *m, int *d);
int date_year(zdate day);
/* 1 = Monday ... 7 = Sunday */
int date_weekday(zdate day);
/* Strict YYYY-MM-DD; returns 0 on success, -1 when malformed or not a real date. */
int date_parse(const char *s, zdate *out);
/* Strict YYYY-MM; returns 0 on success. */
int date_parse_month(const char *s, int *y, int *m);
char *date_format(zdate day, char buf[DATE_BUFSZ]);
/* Today in local time, or $ZWGK_TODAY when set (tests and demos fix the date with it). */
zdate date_today(void);

#endif
