/* ask.c - the consultation register: logging, the outcomes, deadlines, the knowledge loop, the slips. */
#include "ask.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "choice.h"
#include "db.h"
#include "mail.h"
#include "print.h"
#include "register.h"

static const struct field_spec fields[QF_COUNT] = {
	[QF_NAME] = { "name", N_("Name (may be left out)"), 60 },
	[QF_CONTACT] = { "contact", N_("Contact (may be left out)"), 100 },
	[QF_QUESTION] = { "question", N_("Question"), 1000 },
	[QF_CHANNEL] = { "channel", N_("How it came"), 20 },
	[QF_RECEIVED] = { "received", N_("Asked on"), 10 },
};

static const char *const state_codes[QS_COUNT] = { "logged", "answered", "dispatched", "replied", "redirected" };
static const char *const state_labels[QS_COUNT] = { N_("Logged"), N_("Answered"), N_("Dispatched"), N_("Replied"),
						    N_("Redirected") };
static const struct state_names states = { state_codes, state_labels, QS_COUNT };

static const char *const followup_codes[QFU_COUNT] = { "", "satisfied", "unsatisfied" };
static const char *const followup_labels[QFU_COUNT] = { N_("Not called back"), N_("Satisfied"), N_("Not satisfied") };
static const struct state_names followups = { followup_codes, followup_labels, QFU_COUNT };

const char *ask_field_key(int field)
{
	return fields[field].key;
}

const char *ask_field_label(int field)
{
	return _(fields[field].label);
}

int ask_field_by_key(const char *key)
{
	return field_spec_find(fields, QF_COUNT, key);
}

int ask_field_max(int field)
{
	return fields[field].max;
}

const char *ask_state_code(int state)
{
	return state_code(&states, state);
}

const char *ask_state_label(int state)
{
	return state_label(&states, state);
}

int ask_state_parse(const char *s)
{
	return state_parse(&states, s);
}

const char *ask_followup_label(int followup)
{
	return state_label(&followups, followup);
}

int ask_followup_parse(const char *s)
{
	int r = s && *s ? state_parse(&followups, s) : -1;

	return r == QFU_NONE ? -1 : r;
}

void ask_init(struct ask *q)
{
	memset(q, 0, sizeof *q);
	fields_init(q->f, QF_COUNT);
	q->serial = xstrdup("");
	q->logged_at = xstrdup("");
	q->logged_by = xstrdup("");
	q->entry_code = xstrdup("");
	q->unit_name = xstrdup("");
	q->dispatch_method = xstrdup("");
	q->reply = xstrdup("");
	q->followup_note = xstrdup("");
}

void ask_free(struct ask *q)
{
	fields_free(q->f, QF_COUNT);
	free(q->serial);
	free(q->logged_at);
	free(q->logged_by);
	free(q->entry_code);
	free(q->unit_name);
	free(q->dispatch_method);
	free(q->reply);
	free(q->followup_note);
	memset(q, 0, sizeof *q);
}

void ask_set(struct ask *q, int field, const char *value)
{
	field_set(q->f, field, value);
}

static void set_str(char **slot, const char *value)
{
	free(*slot);
	*slot = xstrdup(value ? value : "");
}

int ask_overdue(const struct ask *q, zdate today)
{
	return q->state == QS_DISPATCHED && q->due && q->due < today;
}

int ask_validate(struct ask *q, zdate today, struct appl_check *c)
{
	memset(c, 0, sizeof *c);
	for (int f = 0; f < QF_COUNT; f++)
		if ((f == QF_QUESTION ? check_text_lines(q->f[f], fields[f].max) : check_text(q->f[f], fields[f].max)) < 0)
			appl_check_add(c, f, 0, _("at most %d characters, no control characters"), fields[f].max);
	if (c->errors)
		return c->errors;
	if (!*str_trim(q->f[QF_QUESTION]))
		appl_check_add(c, QF_QUESTION, 0, _("required: what does the citizen ask?"));
	check_choice(c, q->f, QF_CHANNEL, ask_channels, 0);
	q->received = check_received(c, q->f, QF_RECEIVED, today);
	return c->errors;
}

static const char event_sql[] = "INSERT INTO ask_event (ask_id, at, day, operator, event, detail)"
				" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

struct new_ask {
	struct ask *q;
	const char *op;
	char now[20];
};

static void bind_new(sqlite3_stmt *st, void *ctx)
{
	struct new_ask *n = ctx;
	char day[DATE_BUFSZ];

	sqlite3_bind_text(st, 2, n->q->f[QF_NAME], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, n->q->f[QF_CONTACT], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, str_trim(n->q->f[QF_QUESTION]), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, n->q->f[QF_CHANNEL], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, date_format(n->q->received, day), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, n->now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, n->op, -1, SQLITE_TRANSIENT);
}

int ask_log(sqlite3 *db, const struct config *cfg, struct ask *q, const char *op, struct zerr *err)
{
	struct new_ask n = { q, op, "" };
	const struct record_insert r = {
		"ask", cfg->consultation_serial, cfg->site_code, q->received,
		"INSERT INTO consultation (serial, name, contact, question, channel, received, state,"
		" created_at, created_by, updated_at, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'logged', ?7, ?8, ?7, ?8)",
		bind_new, &n, event_sql, "logged", q->f[QF_CHANNEL], op,
	};
	char *serial;

	db_now(n.now);
	serial = record_insert(db, &r, &q->id, err);
	if (!serial)
		return -1;
	set_str(&q->serial, serial);
	set_str(&q->logged_at, n.now);
	set_str(&q->logged_by, op);
	free(serial);
	q->state = QS_LOGGED;
	q->version = 1;
	return 0;
}

#define ASK_COLUMNS "id, serial, name, contact, question, channel, received, state, entry_id, entry_code," \
		    " unit_id, unit_name, dispatch_method, dispatched, due, reply, replied, followup, followup_day," \
		    " followup_note, version, created_at, created_by"

static zdate column_date(sqlite3_stmt *st, int col)
{
	zdate d;

	return date_parse(db_text(st, col), &d) == 0 ? d : 0;
}

static void read_ask(sqlite3_stmt *st, struct ask *q)
{
	ask_init(q);
	q->id = sqlite3_column_int64(st, 0);
	set_str(&q->serial, db_text(st, 1));
	ask_set(q, QF_NAME, db_text(st, 2));
	ask_set(q, QF_CONTACT, db_text(st, 3));
	ask_set(q, QF_QUESTION, db_text(st, 4));
	ask_set(q, QF_CHANNEL, db_text(st, 5));
	ask_set(q, QF_RECEIVED, db_text(st, 6));
	q->received = column_date(st, 6);
	q->state = state_parse(&states, db_text(st, 7));
	q->entry_id = sqlite3_column_int64(st, 8);
	set_str(&q->entry_code, db_text(st, 9));
	q->unit_id = sqlite3_column_int64(st, 10);
	set_str(&q->unit_name, db_text(st, 11));
	set_str(&q->dispatch_method, db_text(st, 12));
	q->dispatched = column_date(st, 13);
	q->due = column_date(st, 14);
	set_str(&q->reply, db_text(st, 15));
	q->replied = column_date(st, 16);
	q->followup = *db_text(st, 17) ? state_parse(&followups, db_text(st, 17)) : QFU_NONE;
	q->followup_day = column_date(st, 18);
	set_str(&q->followup_note, db_text(st, 19));
	q->version = sqlite3_column_int(st, 20);
	set_str(&q->logged_at, db_text(st, 21));
	set_str(&q->logged_by, db_text(st, 22));
}

static int load_where(sqlite3 *db, const char *where, const char *serial, long long id, struct ask *q,
		      struct zerr *err)
{
	char *sql = xasprintf("SELECT " ASK_COLUMNS " FROM consultation WHERE %s", where);
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc;

	free(sql);
	if (!st)
		return -1;
	if (serial)
		sqlite3_bind_text(st, 1, serial, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_ask(st, q);
	else if (rc == SQLITE_DONE)
		zerr_set(err, _("no consultation with the serial number %s"), serial ? serial : "?");
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int ask_load(sqlite3 *db, const char *serial, struct ask *q, struct zerr *err)
{
	return load_where(db, "serial = ?1", serial, 0, q, err);
}

int ask_load_id(sqlite3 *db, long long id, struct ask *q, struct zerr *err)
{
	return load_where(db, "id = ?1", NULL, id, q, err);
}

static const char *day_text(zdate d, char buf[DATE_BUFSZ])
{
	return d ? date_format(d, buf) : "";
}

/* Undoes the changes made to q in memory when they could not be saved: q as stored. */
static void restore(sqlite3 *db, struct ask *q)
{
	struct ask fresh;
	struct zerr ignored = ZERR_INIT;

	if (ask_load_id(db, q->id, &fresh, &ignored) == 0) {
		ask_free(q);
		*q = fresh;
	}
}

/*
 * Writes what an outcome changed and one history event in one transaction, if nobody changed
 * the record meanwhile; on failure q is put back as stored.
 */
static int save(sqlite3 *db, struct ask *q, zdate day, const char *op, const char *event, const char *detail,
		struct zerr *err)
{
	sqlite3_stmt *st;
	char now[20], b[4][DATE_BUFSZ];

	if (db_begin(db, err) != 0)
		goto fail_nodb;
	st = db_prepare(db,
			"UPDATE consultation SET name = ?1, contact = ?2, state = ?3, entry_id = ?4, entry_code = ?5,"
			" unit_id = ?6, unit_name = ?7, dispatch_method = ?8, dispatched = ?9, due = ?10, reply = ?11,"
			" replied = ?12, followup = ?13, followup_day = ?14, followup_note = ?15, updated_at = ?16,"
			" updated_by = ?17, version = version + 1 WHERE id = ?18 AND version = ?19",
			err);
	if (!st)
		goto fail;
	db_now(now);
	sqlite3_bind_text(st, 1, q->f[QF_NAME], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, q->f[QF_CONTACT], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, state_codes[q->state], -1, SQLITE_STATIC);
	if (q->entry_id)
		sqlite3_bind_int64(st, 4, q->entry_id);
	sqlite3_bind_text(st, 5, q->entry_code, -1, SQLITE_TRANSIENT);
	if (q->unit_id)
		sqlite3_bind_int64(st, 6, q->unit_id);
	sqlite3_bind_text(st, 7, q->unit_name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, q->dispatch_method, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, day_text(q->dispatched, b[0]), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 10, day_text(q->due, b[1]), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 11, q->reply, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 12, day_text(q->replied, b[2]), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 13, followup_codes[q->followup], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, day_text(q->followup_day, b[3]), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 15, q->followup_note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 16, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 17, op, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 18, q->id);
	sqlite3_bind_int(st, 19, q->version);
	if (sqlite3_step(st) != SQLITE_DONE || sqlite3_changes(db) != 1) {
		if (sqlite3_errcode(db) != SQLITE_DONE && sqlite3_errcode(db) != SQLITE_OK)
			db_error(db, err);
		else
			zerr_set(err, _("consultation %s was changed in another window since it was opened; nothing was saved. Open it again"),
				 q->serial);
		sqlite3_finalize(st);
		goto fail;
	}
	sqlite3_finalize(st);
	if (db_event_add(db, event_sql, q->id, day, op, event, detail, err) != 0)
		goto fail;
	if (db_commit(db, err) != 0)
		goto fail_nodb;
	q->version++;
	return 0;
fail:
	db_rollback(db);
fail_nodb:
	restore(db, q);
	return -1;
}

int ask_need_state(const struct ask *q, int state, const char *doing, struct zerr *err)
{
	if (q->state == state)
		return 0;
	zerr_set(err, _("consultation %s is %s; it cannot be %s now"), q->serial, ask_state_label(q->state), doing);
	return -1;
}

/* A day of an outcome: not before `after` (what it follows), not after today. */
static int check_day(zdate day, zdate after, zdate today, const char *before_msg, struct zerr *err)
{
	if (!day) {
		zerr_set(err, _("give the date as YYYY-MM-DD"));
		return -1;
	}
	if (day < after) {
		zerr_set(err, "%s", before_msg);
		return -1;
	}
	if (day > today) {
		zerr_set(err, _("the date lies in the future"));
		return -1;
	}
	return 0;
}

int ask_answer(sqlite3 *db, const struct zh_synonyms *syn, struct ask *q, const char *entry_code, zdate today,
	       const char *op, int *learned, struct zerr *err)
{
	struct kb_entry e;
	struct kb_hit *hits = NULL;
	int n = 0, rc = -1;

	*learned = 0;
	if (ask_need_state(q, QS_LOGGED, _("answered"), err) != 0)
		return -1;
	if (kb_load(db, entry_code ? entry_code : "", &e, err) != 0)
		return -1;
	if (!kb_entry_valid(&e, today)) {
		zerr_set(err, e.status != KB_PUBLISHED ? _("entry %s is not published; it cannot be given as an answer")
						       : _("entry %s is out of date (已失效); it cannot be given as an answer"),
			 e.f[KF_CODE]);
		goto out;
	}
	/* What the citizen's words find first before this answer is recorded: that decides learning. */
	if (kb_search(db, syn, q->f[QF_QUESTION], 1, today, &hits, &n, err) != 0)
		goto out;
	q->state = QS_ANSWERED;
	q->entry_id = e.id;
	set_str(&q->entry_code, e.f[KF_CODE]);
	if (save(db, q, today, op, "answered", e.f[KF_CODE], err) != 0)
		goto out;
	rc = 0;
	if (n == 0 || hits[0].id != e.id || !hits[0].confident) {
		struct zerr aerr = ZERR_INIT;
		int added = kb_alias_add(db, e.id, q->f[QF_QUESTION], "learned", op, &aerr);

		/* The answer stands even if the wording could not be kept: say so, do not fail. */
		if (added < 0)
			zerr_set(err, _("answered, but the citizen's wording could not be kept as an alias: %s"), aerr.msg);
		*learned = added == 1;
	}
out:
	kb_hits_free(hits, n);
	kb_entry_free(&e);
	return rc;
}

/* The unit of the directory named `name`, or an error saying so. */
static int find_unit(sqlite3 *db, const char *name, struct unit *u, struct zerr *err)
{
	unit_init(u);
	if (!name || !*name) {
		zerr_set(err, _("name the unit (as in the unit directory)"));
		return -1;
	}
	if (unit_find(db, name, u) != 0) {
		zerr_set(err, _("no unit named '%s' in the unit directory (search it there, or with zwgk unit list)"), name);
		return -1;
	}
	return 0;
}

int ask_dispatch(sqlite3 *db, const struct calendar *cal, struct ask *q, const char *unit, const char *method,
		 zdate day, const char *op, struct zerr *err)
{
	struct unit u;
	char *detail;
	int prov = 0, rc = -1;

	if (ask_need_state(q, QS_LOGGED, _("dispatched"), err) != 0)
		return -1;
	if (!*str_trim(q->f[QF_NAME]) || !*str_trim(q->f[QF_CONTACT])) {
		zerr_set(err, _("the unit answers the citizen directly: give the citizen's name and contact first"));
		return -1;
	}
	if (check_text(q->f[QF_NAME], fields[QF_NAME].max) < 0 || check_text(q->f[QF_CONTACT], fields[QF_CONTACT].max) < 0) {
		zerr_set(err, _("the name or contact is too long or holds control characters"));
		return -1;
	}
	if (strcmp(method, "paper") != 0 && strcmp(method, "email") != 0) {
		zerr_set(err, _("'%s' is not a way of dispatching; allowed: paper, email"), method);
		return -1;
	}
	if (check_day(day, q->received, date_today(), _("the date lies before the question was asked"), err) != 0)
		return -1;
	if (find_unit(db, unit, &u, err) != 0)
		goto out;
	q->state = QS_DISPATCHED;
	q->unit_id = u.id;
	set_str(&q->unit_name, u.f[UF_NAME]);
	set_str(&q->dispatch_method, method);
	q->dispatched = day;
	q->due = cal_add_workdays(cal, day, ASK_DUE_WORKDAYS, &prov);
	detail = xasprintf("%s; %s", method, u.f[UF_NAME]);
	rc = save(db, q, day, op, "dispatched", detail, err);
	free(detail);
out:
	unit_free(&u);
	return rc;
}

int ask_redirect(sqlite3 *db, struct ask *q, const char *unit, zdate today, const char *op, struct zerr *err)
{
	struct unit u;
	int rc = -1;

	if (ask_need_state(q, QS_LOGGED, _("redirected"), err) != 0)
		return -1;
	if (find_unit(db, unit, &u, err) != 0)
		goto out;
	q->state = QS_REDIRECTED;
	q->unit_id = u.id;
	set_str(&q->unit_name, u.f[UF_NAME]);
	rc = save(db, q, today, op, "redirected", u.f[UF_NAME], err);
out:
	unit_free(&u);
	return rc;
}

int ask_reply(sqlite3 *db, struct ask *q, const char *text, zdate day, zdate today, const char *op,
	      struct zerr *err)
{
	if (ask_need_state(q, QS_DISPATCHED, _("marked replied"), err) != 0)
		return -1;
	if (!text || !*text || check_text_lines(text, 2000) < 0) {
		zerr_set(err, _("give the unit's reply in short (at most 2000 characters)"));
		return -1;
	}
	if (check_day(day, q->dispatched, today, _("the date lies before the question was dispatched"), err) != 0)
		return -1;
	q->state = QS_REPLIED;
	set_str(&q->reply, text);
	q->replied = day;
	return save(db, q, day, op, "replied", day > q->due ? "late" : "", err);
}

int ask_followup(sqlite3 *db, struct ask *q, int result, const char *note, zdate day, zdate today, const char *op,
		 struct zerr *err)
{
	if (ask_need_state(q, QS_REPLIED, _("called back"), err) != 0)
		return -1;
	if (q->followup != QFU_NONE) {
		zerr_set(err, _("consultation %s has its follow-up call recorded already"), q->serial);
		return -1;
	}
	if (result != QFU_SATISFIED && result != QFU_UNSATISFIED) {
		zerr_set(err, _("say whether the citizen was satisfied: satisfied or unsatisfied"));
		return -1;
	}
	if (check_text(note ? note : "", 200) < 0) {
		zerr_set(err, _("the note: at most 200 characters, no control characters"));
		return -1;
	}
	if (check_day(day, q->replied, today, _("the date lies before the unit replied"), err) != 0)
		return -1;
	q->followup = result;
	q->followup_day = day;
	set_str(&q->followup_note, note);
	return save(db, q, day, op, "followup", followup_codes[result], err);
}

int ask_make_draft(sqlite3 *db, const struct ask *q, const char *op, struct kb_entry *e, struct zerr *err)
{
	sqlite3_stmt *st;
	int rc;

	kb_entry_init(e);
	if (q->state != QS_REPLIED) {
		zerr_set(err, _("consultation %s has no reply yet to make an entry from"), q->serial);
		return -1;
	}
	st = db_prepare(db, "SELECT code FROM kb_entry WHERE consultation_id = ?1", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, q->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		zerr_set(err, _("consultation %s became entry %s already"), q->serial, db_text(st, 0));
	else if (rc != SQLITE_DONE)
		db_error(db, err);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	kb_entry_set(e, KF_QUESTION, q->f[QF_QUESTION]);
	kb_entry_set(e, KF_ANSWER, q->reply);
	kb_entry_set(e, KF_UNIT, q->unit_name);
	e->status = KB_DRAFT;
	e->consultation_id = q->id;
	return kb_add(db, e, op, err);
}

static void read_any(sqlite3_stmt *st, void *row)
{
	read_ask(st, row);
}

static void free_any(void *rows, int n)
{
	ask_rows_free(rows, n);
}

int ask_page(sqlite3 *db, const struct ask_filter *f, const struct ask *after, int backwards, int limit,
	     struct ask **rows, int *n, struct zerr *err)
{
	/* The days and the anchor are seeks in consultation_by_received (page_range, PAGE_AFTER_SQL). */
#define ASK_FILTERS \
	" AND (?6 IS NULL OR state = ?6) AND (?7 IS NULL OR (state = 'dispatched' AND due <> '' AND due < ?7))"
	static const char *const sql[2] = {
		PAGE_AFTER_SQL("SELECT " ASK_COLUMNS " FROM consultation WHERE", "received", ASK_FILTERS, "1", "2", "3", "5"),
		PAGE_BEFORE_SQL("SELECT " ASK_COLUMNS " FROM consultation WHERE", "received", ASK_FILTERS, "1", "3", "4",
				"5"),
	};
	sqlite3_stmt *st = db_prepare(db, sql[backwards != 0], err);
	struct page_range r;
	char day[DATE_BUFSZ];

	*rows = NULL;
	*n = 0;
	if (!st)
		return -1;
	page_range(f ? f->from : 0, f ? f->to : 0, after ? &after->received : NULL, after ? after->id : 0, backwards,
		   &r);
	page_range_bind(st, 1, &r);
	sqlite3_bind_int(st, 5, limit);
	if (f && f->state >= 0 && f->state < QS_COUNT)
		sqlite3_bind_text(st, 6, state_codes[f->state], -1, SQLITE_STATIC);
	if (f && f->overdue)
		sqlite3_bind_text(st, 7, date_format(f->today, day), -1, SQLITE_TRANSIENT);
	return db_page_rows(db, st, limit, backwards, sizeof **rows, read_any, free_any, (void **)rows, n, err);
}

void ask_rows_free(struct ask *rows, int n)
{
	for (int i = 0; i < n; i++)
		ask_free(&rows[i]);
	free(rows);
}

int ask_each(sqlite3 *db, const struct ask_filter *f, int (*fn)(void *ctx, const struct ask *q), void *ctx,
	     struct zerr *err)
{
	struct ask *rows, last = { 0 };
	int n, rc = 0;

	do {
		if (ask_page(db, f, last.id ? &last : NULL, 0, EACH_PAGE, &rows, &n, err) != 0)
			return -1;
		for (int i = 0; i < n && !rc; i++)
			rc = fn(ctx, &rows[i]);
		if (n) {
			last.received = rows[n - 1].received;
			last.id = rows[n - 1].id;
		}
		ask_rows_free(rows, n);
	} while (n == EACH_PAGE && !rc);
	return rc;
}

int ask_count_overdue(sqlite3 *db, zdate today)
{
	sqlite3_stmt *st;
	char day[DATE_BUFSZ];
	int n = -1;

	if (sqlite3_prepare_v2(db,
			       "SELECT count(*) FROM consultation WHERE state = 'dispatched' AND due <> '' AND due < ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, date_format(today, day), -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

int ask_history(sqlite3 *db, long long id,
		void (*fn)(void *ctx, const char *at, const char *day, const char *op, const char *event,
			   const char *detail),
		void *ctx, struct zerr *err)
{
	return db_history(db, "SELECT at, day, operator, event, detail FROM ask_event WHERE ask_id = ?1 ORDER BY id",
			  id, fn, ctx, err);
}

/* The unit's directory entry by name; an empty one (all fields "") when it is not there. */
static void unit_or_blank(sqlite3 *db, const char *name, struct unit *u)
{
	unit_init(u);
	if (*name && unit_find(db, name, u) != 0) {
		unit_free(u);
		unit_init(u);
	}
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static char *render(const struct config *cfg, const char *form_name, const struct tvar *vars, int n, struct zerr *err)
{
	char *form = print_load_form(cfg, form_name, err), *name, *out;

	if (!form)
		return NULL;
	name = xasprintf("%s.txt", form_name);
	out = print_render(form, vars, n, name, err);
	free(name);
	free(form);
	return out;
}

#define NVARS(v) ((int)(sizeof(v) / sizeof(v)[0]))

static char *answer_slip(sqlite3 *db, const struct config *cfg, const struct ask *q, const char *clerk,
			 struct zerr *err)
{
	struct kb_entry e;
	struct unit u;
	char day[DATE_BUFSZ], *out = NULL;

	if (kb_load_id(db, q->entry_id, &e, err) != 0)
		return NULL;
	unit_or_blank(db, e.f[KF_UNIT], &u);
	{
		const struct tvar vars[] = {
			{ "serial", q->serial }, { "today", date_format(q->received, day) },
			{ "question", q->f[QF_QUESTION] }, { "code", e.f[KF_CODE] }, { "answer", e.f[KF_ANSWER] },
			{ "source", or_dash(e.f[KF_SOURCE]) }, { "unit", or_dash(e.f[KF_UNIT]) },
			{ "unit_phone", or_dash(u.f[UF_PHONE]) }, { "site_name", cfg->site_name },
			{ "site_phone", or_dash(cfg->site_phone) }, { "clerk", *q->logged_by ? q->logged_by : clerk },
		};

		out = render(cfg, "answer-slip", vars, NVARS(vars), err);
	}
	unit_free(&u);
	kb_entry_free(&e);
	return out;
}

static char *dispatch_slip(const struct config *cfg, const struct ask *q, const char *clerk, struct zerr *err)
{
	char received[DATE_BUFSZ], dispatched[DATE_BUFSZ], due[DATE_BUFSZ], workdays[12];
	const struct tvar vars[] = {
		{ "serial", q->serial }, { "received", date_format(q->received, received) },
		{ "name", q->f[QF_NAME] }, { "contact", q->f[QF_CONTACT] }, { "question", q->f[QF_QUESTION] },
		{ "unit", q->unit_name }, { "dispatched", day_text(q->dispatched, dispatched) },
		{ "due", day_text(q->due, due) }, { "workdays", workdays },
		{ "site_name", cfg->site_name }, { "site_phone", or_dash(cfg->site_phone) }, { "clerk", clerk },
	};

	snprintf(workdays, sizeof workdays, "%d", ASK_DUE_WORKDAYS);
	return render(cfg, "dispatch", vars, NVARS(vars), err);
}

static char *redirect_slip(sqlite3 *db, const struct config *cfg, const struct ask *q, struct zerr *err)
{
	struct unit u;
	char day[DATE_BUFSZ], *out;

	unit_or_blank(db, q->unit_name, &u);
	{
		const struct tvar vars[] = {
			{ "question", q->f[QF_QUESTION] }, { "unit", q->unit_name }, { "phone", or_dash(u.f[UF_PHONE]) },
			{ "address", or_dash(u.f[UF_ADDRESS]) }, { "postcode", u.f[UF_POSTCODE] },
			{ "hours", or_dash(u.f[UF_HOURS]) }, { "site_name", cfg->site_name },
			{ "today", date_format(q->received, day) },
		};

		out = render(cfg, "redirect", vars, NVARS(vars), err);
	}
	unit_free(&u);
	return out;
}

char *ask_slip_text(sqlite3 *db, const struct config *cfg, const struct ask *q, const char *clerk,
		    struct zerr *err)
{
	switch (q->state) {
	case QS_ANSWERED:
		return answer_slip(db, cfg, q, clerk, err);
	case QS_DISPATCHED:
	case QS_REPLIED:
		return dispatch_slip(cfg, q, clerk, err);
	case QS_REDIRECTED:
		return redirect_slip(db, cfg, q, err);
	default:
		zerr_set(err, _("consultation %s has no outcome yet: answer, dispatch or redirect it first"), q->serial);
		return NULL;
	}
}

int ask_slip_print(sqlite3 *db, const struct config *cfg, const struct ask *q, const char *op, char **job,
		   struct zerr *err)
{
	char *text = ask_slip_text(db, cfg, q, op, err), *title;
	struct zerr logerr = ZERR_INIT;
	int rc;

	*job = NULL;
	if (!text)
		return -1;
	title = xasprintf(_("Consultation %s"), q->serial);
	rc = print_send(cfg, title, text, 1, job, err);
	print_log(db, op, q->state == QS_ANSWERED ? "answer-slip" : q->state == QS_REDIRECTED ? "redirect" : "dispatch",
		  q->serial, 1, rc == 0, *job, rc == 0 ? "" : err->msg, &logerr);
	free(title);
	free(text);
	return rc;
}

int ask_dispatch_mail(sqlite3 *db, const struct config *cfg, const struct calendar *cal, struct ask *q,
		      const char *unit, const char *op, struct zerr *err)
{
	struct ask trial;
	struct unit u;
	char *body = NULL, *subject;
	int prov = 0, rc = -1;

	if (ask_need_state(q, QS_LOGGED, _("dispatched"), err) != 0)
		return -1;
	if (find_unit(db, unit, &u, err) != 0)
		goto out;
	if (!*u.f[UF_EMAIL]) {
		zerr_set(err, _("%s has no e-mail address in the unit directory; add it there, or print the 交办单"),
			 u.f[UF_NAME]);
		goto out;
	}
	/* The 交办单 as it will stand once recorded: the same text whether mailed or printed. */
	trial = *q;
	trial.state = QS_DISPATCHED;
	trial.unit_name = u.f[UF_NAME];
	trial.dispatched = date_today();
	trial.due = cal_add_workdays(cal, trial.dispatched, ASK_DUE_WORKDAYS, &prov);
	body = dispatch_slip(cfg, &trial, op, err);
	if (!body)
		goto out;
	subject = xasprintf(_("Policy question %s dispatched by %s: please answer the citizen within %d working days"),
			    q->serial, cfg->site_name, ASK_DUE_WORKDAYS);
	/* Checked before sending, so no mail goes out for a dispatch that cannot be recorded. */
	if (!*str_trim(q->f[QF_NAME]) || !*str_trim(q->f[QF_CONTACT]))
		zerr_set(err, _("the unit answers the citizen directly: give the citizen's name and contact first"));
	else if (mail_send(cfg, u.f[UF_EMAIL], subject, body, err) == 0)
		rc = ask_dispatch(db, cal, q, u.f[UF_NAME], "email", trial.dispatched, op, err);
	free(subject);
out:
	free(body);
	unit_free(&u);
	return rc;
}
