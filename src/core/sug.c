/* sug.c - the suggestion register: checks, registration, forwarding, replies. */
#include "sug.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "choice.h"
#include "db.h"
#include "register.h"

static const struct field_spec fields[SF_COUNT] = {
	[SF_NAME] = { "name", N_("Name (may be left out)"), 60 },
	[SF_CONTACT] = { "contact", N_("Contact (may be left out)"), 100 },
	[SF_TARGET_UNIT] = { "target_unit", N_("Unit concerned"), 60 },
	[SF_CONTENT] = { "content", N_("Suggestion"), 2000 },
	[SF_CHANNEL] = { "channel", N_("How it came"), 20 },
	[SF_RECEIVED] = { "received", N_("Received on"), 10 },
};

static const char *const state_codes[SS_COUNT] = { "received", "forwarded", "answered" };
static const char *const state_labels[SS_COUNT] = { N_("Received"), N_("Forwarded"), N_("Answered") };
static const struct state_names states = { state_codes, state_labels, SS_COUNT };

const char *sug_field_key(int field)
{
	return fields[field].key;
}

const char *sug_field_label(int field)
{
	return _(fields[field].label);
}

int sug_field_max(int field)
{
	return fields[field].max;
}

int sug_field_by_key(const char *key)
{
	return field_spec_find(fields, SF_COUNT, key);
}

const char *sug_state_label(int state)
{
	return state_label(&states, state);
}

void sug_init(struct sug *s)
{
	memset(s, 0, sizeof *s);
	fields_init(s->f, SF_COUNT);
	s->reply = xstrdup("");
	s->forwarded_at = xstrdup("");
}

void sug_free(struct sug *s)
{
	fields_free(s->f, SF_COUNT);
	free(s->serial);
	free(s->reply);
	free(s->forwarded_at);
	memset(s, 0, sizeof *s);
}

void sug_set(struct sug *s, int field, const char *value)
{
	field_set(s->f, field, value);
}

int sug_validate(sqlite3 *db, struct sug *s, zdate today, struct unit *unit, struct appl_check *c)
{
	memset(c, 0, sizeof *c);
	unit_init(unit);
	for (int f = 0; f < SF_COUNT; f++)
		if (check_text(s->f[f], fields[f].max) < 0)
			appl_check_add(c, f, 0, _("at most %d characters, no control characters or line breaks"),
				       fields[f].max);
	if (c->errors)
		return c->errors;
	if (!*s->f[SF_TARGET_UNIT])
		appl_check_add(c, SF_TARGET_UNIT, 0, _("required: which unit is the suggestion for?"));
	else if (unit_find(db, s->f[SF_TARGET_UNIT], unit) != 0)
		appl_check_add(c, SF_TARGET_UNIT, 0, _("no unit named '%s' in the unit directory (search it there, or with zwgk unit list)"),
			       s->f[SF_TARGET_UNIT]);
	else
		s->unit_id = unit->id;
	if (!*s->f[SF_CONTENT])
		appl_check_add(c, SF_CONTENT, 0, _("required: what does the citizen suggest?"));
	check_choice(c, s->f, SF_CHANNEL, sug_channels, 0);
	s->received = check_received(c, s->f, SF_RECEIVED, today);
	return c->errors;
}

static const char event_sql[] = "INSERT INTO sug_event (sug_id, at, day, operator, event, detail)"
				" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

struct new_sug {
	const struct sug *s;
	const char *op;
};

static void bind_new(sqlite3_stmt *st, void *ctx)
{
	const struct new_sug *n = ctx;
	char now[20], day[DATE_BUFSZ];

	db_now(now);
	sqlite3_bind_text(st, 2, n->s->f[SF_NAME], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, n->s->f[SF_CONTACT], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, n->s->unit_id);
	sqlite3_bind_text(st, 5, n->s->f[SF_TARGET_UNIT], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, n->s->f[SF_CONTENT], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, n->s->f[SF_CHANNEL], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, date_format(n->s->received, day), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 10, n->op, -1, SQLITE_TRANSIENT);
}

int sug_register(sqlite3 *db, const struct config *cfg, struct sug *s, const char *op, struct zerr *err)
{
	struct new_sug n = { s, op };
	const struct record_insert r = {
		"sug", cfg->suggestion_serial, cfg->site_code, s->received,
		"INSERT INTO suggestion (serial, name, contact, unit_id, unit_name, content, channel, received,"
		" state, created_at, created_by, updated_at, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'received', ?9, ?10, ?9, ?10)",
		bind_new, &n, event_sql, "received", s->f[SF_CHANNEL], op,
	};
	char *serial = record_insert(db, &r, &s->id, err);

	if (!serial)
		return -1;
	free(s->serial);
	s->serial = serial;
	s->state = SS_RECEIVED;
	s->version = 1;
	return 0;
}

#define SUG_COLUMNS "id, serial, name, contact, unit_id, unit_name, content, channel, received, state," \
		    " forwarded_at, reply, replied, version"

static void read_sug(sqlite3_stmt *st, struct sug *s)
{
	zdate d;

	sug_init(s);
	s->id = sqlite3_column_int64(st, 0);
	s->serial = xstrdup(db_text(st, 1));
	sug_set(s, SF_NAME, db_text(st, 2));
	sug_set(s, SF_CONTACT, db_text(st, 3));
	s->unit_id = sqlite3_column_int64(st, 4);
	sug_set(s, SF_TARGET_UNIT, db_text(st, 5));
	sug_set(s, SF_CONTENT, db_text(st, 6));
	sug_set(s, SF_CHANNEL, db_text(st, 7));
	sug_set(s, SF_RECEIVED, db_text(st, 8));
	s->received = date_parse(db_text(st, 8), &d) == 0 ? d : 0;
	s->state = state_parse(&states, db_text(st, 9));
	free(s->forwarded_at);
	s->forwarded_at = xstrdup(db_text(st, 10));
	free(s->reply);
	s->reply = xstrdup(db_text(st, 11));
	s->replied = date_parse(db_text(st, 12), &d) == 0 ? d : 0;
	s->version = sqlite3_column_int(st, 13);
}

int sug_load(sqlite3 *db, const char *serial, struct sug *s, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " SUG_COLUMNS " FROM suggestion WHERE serial = ?1", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, serial, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_sug(st, s);
	else if (rc == SQLITE_DONE)
		zerr_set(err, _("no suggestion with the serial number %s"), serial);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Writes the new state and one event in one transaction, if nobody changed the record meanwhile. */
static int save_state(sqlite3 *db, struct sug *s, zdate day, const char *op, const char *event, const char *detail,
		      struct zerr *err)
{
	sqlite3_stmt *st;
	char now[20], replied[DATE_BUFSZ];

	if (db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db,
			"UPDATE suggestion SET state = ?1, forwarded_at = ?2, reply = ?3, replied = ?4, updated_at = ?5,"
			" updated_by = ?6, version = version + 1 WHERE id = ?7 AND version = ?8",
			err);
	if (!st) {
		db_rollback(db);
		return -1;
	}
	db_now(now);
	sqlite3_bind_text(st, 1, state_codes[s->state], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->forwarded_at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, s->reply, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, s->replied ? date_format(s->replied, replied) : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, op, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, s->id);
	sqlite3_bind_int(st, 8, s->version);
	if (sqlite3_step(st) != SQLITE_DONE || sqlite3_changes(db) != 1) {
		if (sqlite3_errcode(db) != SQLITE_DONE && sqlite3_errcode(db) != SQLITE_OK)
			db_error(db, err);
		else
			zerr_set(err, _("suggestion %s was changed in another window since it was opened; nothing was saved. Open it again"),
				 s->serial);
		sqlite3_finalize(st);
		db_rollback(db);
		return -1;
	}
	sqlite3_finalize(st);
	if (db_event_add(db, event_sql, s->id, day, op, event, detail, err) != 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, err) != 0)
		return -1;
	s->version++;
	return 0;
}

int sug_forward(sqlite3 *db, struct sug *s, const char *method, const char *to, zdate day, const char *op,
		struct zerr *err)
{
	char now[20], *detail, *old = s->forwarded_at;
	int m, rc;

	if (s->state != SS_RECEIVED) {
		zerr_set(err, _("suggestion %s was forwarded already"), s->serial);
		return -1;
	}
	m = forward_check(method, to, s->received, day,
			  _("name the person at the unit who took the suggestion (at most 30 characters)"),
			  _("the date lies before the suggestion was received"), err);
	if (m < 0)
		return -1;
	db_now(now);
	s->state = SS_FORWARDED;
	s->forwarded_at = xstrdup(now);
	detail = forward_detail(m, to, s->received, day);
	rc = save_state(db, s, day, op, "forwarded", detail, err);
	free(detail);
	if (rc != 0) {
		free(s->forwarded_at);
		s->forwarded_at = old;
		s->state = SS_RECEIVED;
	} else {
		free(old);
	}
	return rc;
}

int sug_reply(sqlite3 *db, struct sug *s, const char *reply, zdate day, const char *op, struct zerr *err)
{
	char *old = s->reply;
	int old_state = s->state, rc;

	if (s->state == SS_ANSWERED) {
		zerr_set(err, _("suggestion %s was answered already"), s->serial);
		return -1;
	}
	if (!reply || !*reply || check_text(reply, 2000) < 0) {
		zerr_set(err, _("give the reply (at most 2000 characters)"));
		return -1;
	}
	if (day < s->received || day > date_today()) {
		zerr_set(err, day < s->received ? _("the date lies before the suggestion was received")
						: _("the date lies in the future"));
		return -1;
	}
	s->reply = xstrdup(reply);
	s->state = SS_ANSWERED;
	s->replied = day;
	rc = save_state(db, s, day, op, "answered", "", err);
	if (rc != 0) {
		free(s->reply);
		s->reply = old;
		s->state = old_state;
		s->replied = 0;
	} else {
		free(old);
	}
	return rc;
}

static void read_any(sqlite3_stmt *st, void *row)
{
	read_sug(st, row);
}

static void free_any(void *rows, int n)
{
	sug_rows_free(rows, n);
}

int sug_page(sqlite3 *db, zdate from, zdate to, const struct sug *after, int backwards, int limit, struct sug **rows,
	     int *n, struct zerr *err)
{
	/* The days and the anchor are seeks in suggestion_by_received (page_range, PAGE_AFTER_SQL). */
	static const char *const sql[2] = {
		PAGE_AFTER_SQL("SELECT " SUG_COLUMNS " FROM suggestion WHERE", "received", "", "1", "2", "3", "5"),
		PAGE_BEFORE_SQL("SELECT " SUG_COLUMNS " FROM suggestion WHERE", "received", "", "1", "3", "4", "5"),
	};
	sqlite3_stmt *st = db_prepare(db, sql[backwards != 0], err);
	struct page_range r;

	*rows = NULL;
	*n = 0;
	if (!st)
		return -1;
	page_range(from, to, after ? &after->received : NULL, after ? after->id : 0, backwards, &r);
	page_range_bind(st, 1, &r);
	sqlite3_bind_int(st, 5, limit);
	return db_page_rows(db, st, limit, backwards, sizeof **rows, read_any, free_any, (void **)rows, n, err);
}

int sug_each(sqlite3 *db, zdate from, zdate to, int (*fn)(void *ctx, const struct sug *s), void *ctx,
	     struct zerr *err)
{
	struct sug *rows, last = { 0 };
	int n, rc = 0;

	do {
		if (sug_page(db, from, to, last.id ? &last : NULL, 0, EACH_PAGE, &rows, &n, err) != 0)
			return -1;
		for (int i = 0; i < n && !rc; i++)
			rc = fn(ctx, &rows[i]);
		if (n) {
			last.received = rows[n - 1].received;
			last.id = rows[n - 1].id;
		}
		sug_rows_free(rows, n);
	} while (n == EACH_PAGE && !rc);
	return rc;
}

void sug_rows_free(struct sug *rows, int n)
{
	for (int i = 0; i < n; i++)
		sug_free(&rows[i]);
	free(rows);
}

int sug_history(sqlite3 *db, long long id,
		void (*fn)(void *ctx, const char *at, const char *day, const char *op, const char *event,
			   const char *detail),
		void *ctx, struct zerr *err)
{
	return db_history(db, "SELECT at, day, operator, event, detail FROM sug_event WHERE sug_id = ?1 ORDER BY id",
			  id, fn, ctx, err);
}
