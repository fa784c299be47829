/*
 * appl.h - the application register (政府信息公开申请): intake checks, scope, registration with a
 * serial number, the states after forwarding, and the legal deadline.
 */
#ifndef ZWGK_APPL_H
#define ZWGK_APPL_H

#include <sqlite3.h>

#include "calendar.h"
#include "config.h"
#include "unit.h"

/* The fields of the form, in form order; their keys are the `key=value` names of `app add`. */
enum appl_field {
	AF_APPLICANT_KIND, AF_NAME, AF_EMPLOYER, AF_ID_TYPE, AF_ID_NUMBER, AF_ORG_KIND, AF_USCC,
	AF_LEGAL_REP, AF_CONTACT_NAME, AF_PHONE, AF_ADDRESS, AF_POSTCODE, AF_EMAIL,
	AF_TARGET_UNIT, AF_DESCRIPTION, AF_FORM, AF_DELIVERY, AF_ORAL, AF_RECEIVED,
	AF_COUNT
};

enum appl_state { AS_RECEIVED, AS_FORWARDED, AS_SUPPLEMENT, AS_ANSWERED, AS_WITHDRAWN, AS_LAPSED, AS_COUNT };

#define APPL_REPLY_DAYS 20	/* Art. 33: working days to answer */
#define APPL_EXTENSION_DAYS 20	/* Art. 33: one extension at most */

struct appl {
	long long id;		/* 0 until registered */
	char *serial;
	char *f[AF_COUNT];	/* as entered; choices hold their codes */
	long long unit_id;
	int state;
	zdate received, clock_start, deadline, answered;	/* 0 = none */
	int extended;
	char *outcome, *forwarded_at;
	char *created_by;	/* the clerk who registered it */
	int receipt_printed;
	int version;
};

/* One finding of the intake check, tied to a field so a form can show it next to it. */
struct appl_problem {
	int field;
	int warning;		/* 1: shown, but saving is allowed (a failed credit-code checksum) */
	char *msg;
};

struct appl_check {
	struct appl_problem *v;
	int n, errors;
};

const char *appl_field_key(int field);		/* "id_number" */
const char *appl_field_label(int field);	/* translated: 证件号码 */
int appl_field_by_key(const char *key);		/* -1 when unknown */
/* Whether a field belongs to this applicant kind's form (person or org). */
int appl_field_applies(const struct appl *a, int field);
int appl_field_max(int field);
const char *appl_state_code(int state);		/* "forwarded" */
const char *appl_state_label(int state);	/* translated: 已转交 */
int appl_state_parse(const char *s);

void appl_init(struct appl *a);
void appl_free(struct appl *a);
void appl_set(struct appl *a, int field, const char *value);
void appl_check_free(struct appl_check *c);
/* Adds a problem on `field` to a check (shared by the registers). */
void appl_check_add(struct appl_check *c, int field, int warning, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Checks everything a clerk typed (Art. 29 required fields, ID checksum and birth date, credit
 * code, phone, postcode, e-mail when delivery is by e-mail, received date not in the future),
 * finds the target unit in the directory (sets a->unit_id, fills *unit), and normalises codes.
 * Returns the number of errors; warnings do not count.
 */
int appl_validate(sqlite3 *db, struct appl *a, zdate today, struct unit *unit, struct appl_check *out);

/* Whether this site may register an application to `unit` (附件1 三.3). */
int appl_in_scope(const struct config *cfg, const struct unit *unit);

/*
 * Registers a checked application in one transaction: the next serial of the year, the record
 * and its first history event. Fills id, serial, state and deadline.
 */
int appl_register(sqlite3 *db, const struct config *cfg, const struct calendar *cal, struct appl *a,
		  const char *op, struct zerr *err);
/* Records a guidance record (引导记录) for a request outside the site's scope. */
int appl_guidance(sqlite3 *db, const char *reg, const struct unit *unit, const char *name,
		  const char *description, const char *op, struct zerr *err);

int appl_load(sqlite3 *db, const char *serial, struct appl *a, struct zerr *err);

/* A guidance record (引导记录): a request pointed to the unit's own channel. */
struct guidance {
	long long id;
	char *at, *day, *operator, *reg, *unit, *name, *description;
};

/* One page of guidance records in (id) order, as appl_page; free with guidance_rows_free. */
int guidance_page(sqlite3 *db, const struct guidance *after, int backwards, int limit, struct guidance **rows,
		  int *n, struct zerr *err);
void guidance_free(struct guidance *g);
void guidance_rows_free(struct guidance *rows, int n);

/*
 * Recomputes the stored deadlines of open applications from the calendar (a new year's holidays
 * change provisional ones), when the calendar is not the one they were last counted with (its
 * digest in the meta table); writes only the deadlines that changed. Returns how many did, or -1.
 */
int appl_refresh_deadlines(sqlite3 *db, const struct calendar *cal, struct zerr *err);

/* The legal deadline of an application in its current state (0 while 补正 stops the clock). */
zdate appl_deadline(const struct calendar *cal, const struct appl *a, int *provisional);
/* The rule itself: 20 working days from clock_start, 20 more when extended (Art. 33). */
zdate appl_deadline_from(const struct calendar *cal, zdate clock_start, int extended, int *provisional);

/* State changes; each stores an event with time and operator, and refuses a wrong state. */
int appl_forward(sqlite3 *db, struct appl *a, const char *method, const char *to, zdate day, const char *op,
		 struct zerr *err);
/*
 * Art. 30 asks for the notice within 7 working days of receipt: a later one is still recorded
 * (marked late in the history), and on success err->msg then holds a warning (err->code stays 0).
 * `what` (what must be added) is one line of at most APPL_SUPPLEMENT_MAX characters.
 */
#define APPL_SUPPLEMENT_MAX 200
int appl_request_supplement(sqlite3 *db, const struct calendar *cal, struct appl *a, zdate day, const char *what,
			    const char *op, struct zerr *err);
int appl_supplement_received(sqlite3 *db, const struct calendar *cal, struct appl *a, zdate day, const char *op,
			     struct zerr *err);
int appl_extend(sqlite3 *db, const struct calendar *cal, struct appl *a, const char *approver, zdate day,
		const char *op, struct zerr *err);
int appl_answer(sqlite3 *db, struct appl *a, const char *outcome, zdate day, const char *op, struct zerr *err);
int appl_withdraw(sqlite3 *db, struct appl *a, zdate day, const char *op, struct zerr *err);
int appl_lapse(sqlite3 *db, struct appl *a, zdate day, const char *op, struct zerr *err);
int appl_mark_printed(sqlite3 *db, struct appl *a, const char *op, struct zerr *err);
/* Records in the history that someone was shown the ID and phone numbers in full (and who). */
int appl_log_full_view(sqlite3 *db, const struct appl *a, const char *op, struct zerr *err);
/*
 * A field as lists, screens and exports show it: ID and phone numbers (applicant's and contact's)
 * masked (1101**********002X); other fields as they are. Caller frees.
 */
char *appl_field_shown(const struct appl *a, int field);

/* What a list of applications shows; every member is optional. */
struct appl_filter {
	int state;		/* -1: any */
	int overdue;		/* open and past its deadline on `today` */
	zdate today;
	const char *text;	/* in the serial, name or description */
	const char *unit;	/* only applications to this unit */
	zdate received_on;	/* only applications received that day (0: any) */
	zdate from, to;		/* only those received in [from, to] (0: open end) */
};

/*
 * One page in (received, id) order after `after` (before it when backwards; NULL: from the
 * start or the end), rows in display order; free them with appl_rows_free.
 */
int appl_page(sqlite3 *db, const struct appl_filter *f, const struct appl *after, int backwards, int limit,
	      struct appl **rows, int *n, struct zerr *err);
void appl_rows_free(struct appl *rows, int n);
/*
 * Calls fn for every application the filter lets through, in (received, id) order, reading a
 * page at a time. A non-zero return from fn stops the walk and is returned; -1 with err set on a
 * database error.
 */
int appl_each(sqlite3 *db, const struct appl_filter *f, int (*fn)(void *ctx, const struct appl *a), void *ctx,
	      struct zerr *err);

/*
 * Applications not yet forwarded (于接收当日转交): how many, and how many of them were received
 * before `today` (already late). Returns -1 on a database error.
 */
int appl_count_unforwarded(sqlite3 *db, zdate today, int *late);

/* Forwarded on a later day than received (于接收当日转交 missed). */
int appl_forwarded_late(const struct appl *a);

/* A history event's name for people ("forwarded" → 已转交); unknown codes come back as they are. */
const char *appl_event_label(const char *event);
/* An event's detail in words ("in_person; 刘洋; late" → 当面送达，刘洋，逾期转交); caller frees. */
char *appl_event_detail(const char *event, const char *detail);
/* Calls `fn` for each history event, oldest first. */
int appl_history(sqlite3 *db, long long id,
		 void (*fn)(void *ctx, const char *at, const char *day, const char *op, const char *event,
			    const char *detail),
		 void *ctx, struct zerr *err);

#endif
