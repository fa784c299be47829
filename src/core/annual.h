/*
 * annual.h - table 三 of the annual report (政府信息公开工作年度报告, format of 国办公开办函
 * 〔2021〕30号): 收到和处理政府信息公开申请情况, counted from the application register with SQL
 * aggregates, laid out as on the national form (text for A4 landscape, or CSV), and checked.
 *
 * What each row counts, for YEAR (the day an application closes is its `answered` date, set
 * when it is answered, withdrawn or lapsed):
 *   一  received in YEAR;
 *   二  received before YEAR-01-01 and not closed by YEAR-1-12-31;
 *   三  closed in YEAR, by the outcome code recorded (a row each; a withdrawn application is
 *       六.3 其他, also an old one stored without a code; a lapsed one is 六.1); （七） is their sum;
 *   四  received by YEAR-12-31 and not closed by then.
 * Columns: the applicant, a natural person or an organisation of its kind (one of no known
 * kind counts under 其他), and 总计. The form's check 一 + 二 = 三（七） + 四 holds column by
 * column unless an application closed in YEAR has no outcome code of the table, or its dates
 * are inconsistent; those are named.
 */
#ifndef ZWGK_ANNUAL_H
#define ZWGK_ANNUAL_H

#include <sqlite3.h>

#include "config.h"
#include "util.h"

/* The seven number columns of the form. */
enum annual_col { ACOL_PERSON, ACOL_BUSINESS, ACOL_RESEARCH, ACOL_WELFARE, ACOL_LEGAL, ACOL_OTHER, ACOL_TOTAL,
		  ACOL_COUNT };

/* Rows of the form that hold numbers; the outcome rows follow outcomes[] of choice.h. */
#define ANNUAL_OUTCOMES 21
enum annual_row { AROW_NEW, AROW_CARRIED, AROW_OUTCOME, AROW_CLOSED = AROW_OUTCOME + ANNUAL_OUTCOMES, AROW_NEXT,
		  AROW_COUNT };

/* One filled table: all units (unit_id 0) or one. */
struct annual_table {
	int year;
	long long unit_id;
	const char *unit_name;		/* "" for all units */
	long long n[AROW_COUNT][ACOL_COUNT];
	long long unplaced[ACOL_COUNT];	/* closed in the year without an outcome code of the table */
};

/* What to count and how to lay it out. */
struct annual_opts {
	int year;
	long long unit_id;	/* 0: all units */
	const char *unit_name;	/* its name, for the title */
	int each_unit;		/* a table per unit with applications, then all units together */
	int format;		/* TABLE_PAGED (the text for paper) or TABLE_CSV */
};

/* Result of a write: how many tables do not balance, and a message saying where (caller frees). */
struct annual_result {
	int unbalanced;
	char *problem;
};

/* The unit of the directory with this name, retired ones included; -1 with err when none. */
int annual_unit(sqlite3 *db, const char *name, long long *id, struct zerr *err);

/*
 * Counts table 三 for the year and calls fn with each table filled: one for opts->unit_id (0 =
 * all), or with each_unit one per unit that has applications counted (by name) and then all
 * together. One pass over the register, grouped in SQL; nothing but the sums is held.
 */
int annual_tally(sqlite3 *db, const struct annual_opts *opts, int (*fn)(void *ctx, const struct annual_table *t),
		 void *ctx, struct zerr *err);

/* The columns (bits 1 << enum annual_col) where 一 + 二 differs from 三（七） + 四. */
unsigned annual_check(const struct annual_table *t);

/*
 * Calls fn with every application counted in the table of `unit_id` (0: all) that breaks the
 * check, with what is wrong in words, in (received, id) order.
 */
int annual_breakers(sqlite3 *db, int year, long long unit_id,
		    int (*fn)(void *ctx, const char *serial, const char *why), void *ctx, struct zerr *err);

/*
 * Writes the table (or tables) in opts->format to emit: on paper each table is one A4
 * landscape page (104 columns; 40 lines in Chinese when it balances), with the check line under it.
 * Fills *res (res->problem NULL when everything balances).
 */
int annual_write(sqlite3 *db, const struct config *cfg, const struct annual_opts *opts,
		 int (*emit)(void *ctx, const char *s, size_t n, struct zerr *err), void *ctx, struct annual_result *res,
		 struct zerr *err);
/* The same collected into one text; NULL on error. */
char *annual_collect(sqlite3 *db, const struct config *cfg, const struct annual_opts *opts, struct annual_result *res,
		     struct zerr *err);
/* Prints the text in landscape through the desk's printer and logs the print. */
int annual_print(sqlite3 *db, const struct config *cfg, const struct annual_opts *opts, const char *op, char **job,
		 struct annual_result *res, struct zerr *err);

#endif
