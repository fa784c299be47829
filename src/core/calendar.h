/* calendar.h - the working-day calendar (工作日): weekdays, public holidays, make-up working days. */
#ifndef ZWGK_CALENDAR_H
#define ZWGK_CALENDAR_H

#include "date.h"
#include "util.h"

struct cal_year {
	int year;
	char *source;		/* the notice that published the year's schedule */
};

struct cal_day {
	zdate day;
	int work;		/* 1 = make-up working day (调休上班), 0 = public holiday */
	const char *name;	/* holiday name from the file, or a fallback name */
};

struct calendar {
	char *path;
	struct cal_year *years;	/* sorted by year */
	int nyears;
	struct cal_day *days;	/* sorted by day */
	int ndays;
	char **names;		/* storage for the names the days point to */
	int nnames;
};

/* Loads the calendar file; on error fills err with "FILE:LINE: what is wrong". */
int cal_load(struct calendar *cal, const char *path, struct zerr *err);
/* Parses calendar text; name is used in error messages. */
int cal_parse(struct calendar *cal, const char *text, size_t len, const char *name, struct zerr *err);
void cal_free(struct calendar *cal);

int cal_covers(const struct calendar *cal, int year);
/* The special day on `day`: from the file, or a fixed-date holiday in a year the file lacks. */
int cal_special(const struct calendar *cal, zdate day, struct cal_day *out);
/* 1 when `day` is a working day; *provisional is set to 1 when the year is not covered. */
int cal_is_workday(const struct calendar *cal, zdate day, int *provisional);
/* The date n working days after `from` (the next working day is day 1). */
zdate cal_add_workdays(const struct calendar *cal, zdate from, int n, int *provisional);
/*
 * A digest of what decides working days: the years covered, the holidays and make-up days
 * (not their names). Two calendars with the same digest count every period alike.
 */
unsigned long long cal_fingerprint(const struct calendar *cal);
/* The number of working days in (from, to]; 0 when to <= from. */
int cal_workdays_between(const struct calendar *cal, zdate from, zdate to, int *provisional);

#endif
