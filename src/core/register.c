/* register.c - what the registers share: field tables, state names, forwarding checks, paging. */
#include "register.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appl.h"
#include "check.h"
#include "choice.h"
#include "db.h"
#include "serial.h"

int field_spec_find(const struct field_spec *specs, int n, const char *key)
{
	for (int f = 0; f < n; f++)
		if (strcmp(key, specs[f].key) == 0)
			return f;
	return -1;
}

const char *state_code(const struct state_names *s, int state)
{
	return state >= 0 && state < s->n ? s->codes[state] : "?";
}

const char *state_label(const struct state_names *s, int state)
{
	return state >= 0 && state < s->n ? _(s->labels[state]) : "?";
}

int state_parse(const struct state_names *s, const char *text)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(text, s->codes[i]) == 0 || strcmp(text, _(s->labels[i])) == 0)
			return i;
	return -1;
}

int forward_check(const char *method, const char *to, zdate received, zdate day, const char *taker_msg,
		  const char *before_msg, struct zerr *err)
{
	int m = method ? choice_parse(forward_methods, method) : -1;

	if (day < received) {
		zerr_set(err, "%s", before_msg);
		return -1;
	}
	if (day > date_today()) {
		zerr_set(err, _("the date lies in the future"));
		return -1;
	}
	if (m < 0) {
		char *allowed = choice_allowed(forward_methods);

		zerr_set(err, _("'%s' is not a way of forwarding; allowed: %s"), method ? method : "", allowed);
		free(allowed);
		return -1;
	}
	if (!to || !*to || check_text(to, 30) < 0) {
		zerr_set(err, "%s", taker_msg);
		return -1;
	}
	return m;
}

char *forward_detail(int method, const char *to, zdate received, zdate day)
{
	/* 于接收当日转交: a forwarding on a later day is marked late in the history. */
	return xasprintf("%s; %s%s", forward_methods[method].code, to, day > received ? "; late" : "");
}

void check_choice(struct appl_check *c, char **fields, int field, const struct choice *list, int required)
{
	int ch = *fields[field] ? choice_parse(list, fields[field]) : 0;

	if (!*fields[field] && required) {
		appl_check_add(c, field, 0, _("required"));
	} else if (ch < 0) {
		char *allowed = choice_allowed(list);

		appl_check_add(c, field, 0, _("'%s' is not one of: %s"), fields[field], allowed);
		free(allowed);
	} else {
		field_set(fields, field, list[ch].code);
	}
}

zdate check_received(struct appl_check *c, char **fields, int field, zdate today)
{
	zdate day = 0;

	if (!*fields[field]) {
		char buf[DATE_BUFSZ];

		field_set(fields, field, date_format(today, buf));
	}
	if (date_parse(fields[field], &day) != 0) {
		appl_check_add(c, field, 0, _("'%s' is not a date; allowed: YYYY-MM-DD"), fields[field]);
		return 0;
	}
	if (day > today) {
		appl_check_add(c, field, 0, _("lies in the future"));
		return 0;
	}
	return day;
}

char *record_insert(sqlite3 *db, const struct record_insert *r, long long *id, struct zerr *err)
{
	sqlite3_stmt *st = NULL;
	char *serial = NULL;
	int seq;

	*id = 0;
	if (db_begin(db, err) != 0)
		return NULL;
	if (serial_next(db, r->reg, date_year(r->received), &seq, err) != 0)
		goto fail;
	serial = serial_format(r->pattern, r->site, date_year(r->received), seq);
	st = db_prepare(db, r->sql, err);
	if (!st)
		goto fail;
	sqlite3_bind_text(st, 1, serial, -1, SQLITE_TRANSIENT);
	r->bind(st, r->ctx);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_error(db, err);
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	*id = sqlite3_last_insert_rowid(db);
	if (db_event_add(db, r->event_sql, *id, r->received, r->op, r->event, r->detail, err) != 0)
		goto fail;
	if (db_commit(db, err) != 0)
		goto fail_committed;
	return serial;
fail:
	sqlite3_finalize(st);
	db_rollback(db);
fail_committed:
	free(serial);
	*id = 0;
	return NULL;
}

void page_range(zdate from, zdate to, const zdate *anchor_day, long long anchor_id, int backwards,
		struct page_range *r)
{
	/* No id is 0 or LLONG_MAX: (day, 0) and (day, LLONG_MAX) stand for the whole day's edges. */
	r->lo_day[0] = '\0';
	snprintf(r->hi_day, sizeof r->hi_day, "9999-99-99");
	r->lo_id = 0;
	r->hi_id = LLONG_MAX;
	if (from)
		date_format(from, r->lo_day);
	if (to)
		date_format(to, r->hi_day);
	if (!anchor_day)
		return;
	if (!backwards && (!from || *anchor_day >= from)) {
		date_format(*anchor_day, r->lo_day);
		r->lo_id = anchor_id;
	} else if (backwards && (!to || *anchor_day <= to)) {
		date_format(*anchor_day, r->hi_day);
		r->hi_id = anchor_id;
	}
}

void page_range_bind(sqlite3_stmt *st, int n, const struct page_range *r)
{
	sqlite3_bind_text(st, n, r->lo_day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, n + 1, r->lo_id);
	sqlite3_bind_text(st, n + 2, r->hi_day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, n + 3, r->hi_id);
}
