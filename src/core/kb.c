/* kb.c - the knowledge base: entries, aliases, history, TSV import/export and the index. */
#include "kb.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "db.h"
#include "register.h"

static const struct field_spec fields[KF_COUNT] = {
	[KF_CODE] = { "id", N_("Entry"), 30, 0 },
	[KF_CATEGORY] = { "category", N_("Category"), 30, 0 },
	[KF_QUESTION] = { "question", N_("Question"), 500, 0 },
	[KF_ANSWER] = { "answer", N_("Answer"), 5000, 0 },
	[KF_SOURCE] = { "source", N_("Source document"), 200, 0 },
	[KF_UNIT] = { "unit", N_("Responsible unit"), 60, 0 },
	[KF_VALID_FROM] = { "valid_from", N_("Valid from"), 10, 0 },
	[KF_VALID_UNTIL] = { "valid_until", N_("Valid until"), 10, 0 },
	[KF_REVIEWED] = { "reviewed", N_("Last reviewed"), 10, 0 },
};

static const char *const status_codes[KB_STATUS_COUNT] = { "draft", "published", "retired" };
static const char *const status_labels[KB_STATUS_COUNT] = { N_("Draft"), N_("Published"), N_("Retired") };
static const struct state_names statuses = { status_codes, status_labels, KB_STATUS_COUNT };

/* The columns stored for each field, in field order. */
#define KB_COLUMNS "id, code, category, question, answer, source, unit, valid_from, valid_until, reviewed," \
		   " status, consultation_id, version"

const char *kb_field_key(int field)
{
	return fields[field].key;
}

const char *kb_field_label(int field)
{
	return _(fields[field].label);
}

int kb_field_max(int field)
{
	return fields[field].max;
}

const char *kb_status_code(int status)
{
	return state_code(&statuses, status);
}

const char *kb_status_label(int status)
{
	return state_label(&statuses, status);
}

int kb_status_parse(const char *s)
{
	return state_parse(&statuses, s);
}

void kb_entry_init(struct kb_entry *e)
{
	memset(e, 0, sizeof *e);
	fields_init(e->f, KF_COUNT);
	e->status = KB_PUBLISHED;
}

void kb_entry_free(struct kb_entry *e)
{
	fields_free(e->f, KF_COUNT);
	memset(e, 0, sizeof *e);
}

void kb_entry_set(struct kb_entry *e, int field, const char *value)
{
	field_set(e->f, field, value);
}

int kb_dates_valid(const char *from, const char *until, zdate today)
{
	zdate d;

	if (*until && date_parse(until, &d) == 0 && d < today)
		return 0;
	return !(*from && date_parse(from, &d) == 0 && d > today);
}

int kb_entry_valid(const struct kb_entry *e, zdate today)
{
	return e->status == KB_PUBLISHED && kb_dates_valid(e->f[KF_VALID_FROM], e->f[KF_VALID_UNTIL], today);
}

int kb_validate(const struct kb_entry *e, struct appl_check *c)
{
	zdate d[3] = { 0, 0, 0 };

	memset(c, 0, sizeof *c);
	for (int f = 0; f < KF_COUNT; f++)
		if ((f == KF_ANSWER ? check_text_lines(e->f[f], fields[f].max) : check_text(e->f[f], fields[f].max)) < 0)
			appl_check_add(c, f, 0, _("at most %d characters, no control characters"), fields[f].max);
	if (c->errors)
		return c->errors;
	if (strpbrk(e->f[KF_CODE], " \t|"))
		appl_check_add(c, KF_CODE, 0, _("no spaces or '|' in an entry's id"));
	if (!*e->f[KF_QUESTION])
		appl_check_add(c, KF_QUESTION, 0, _("required: the question as the entry answers it"));
	if (!*e->f[KF_ANSWER])
		appl_check_add(c, KF_ANSWER, 0, _("required: the answer"));
	for (int i = 0; i < 3; i++) {
		int f = KF_VALID_FROM + i;

		if (*e->f[f] && date_parse(e->f[f], &d[i]) != 0)
			appl_check_add(c, f, 0, _("'%s' is not a date; allowed: YYYY-MM-DD"), e->f[f]);
	}
	if (d[0] && d[1] && d[1] < d[0])
		appl_check_add(c, KF_VALID_UNTIL, 0, _("ends before the entry becomes valid"));
	return c->errors;
}

static void read_entry(sqlite3_stmt *st, struct kb_entry *e)
{
	kb_entry_init(e);
	e->id = sqlite3_column_int64(st, 0);
	for (int f = 0; f < KF_COUNT; f++)
		kb_entry_set(e, f, db_text(st, 1 + f));
	e->status = kb_status_parse(db_text(st, 10));
	e->consultation_id = sqlite3_column_int64(st, 11);
	e->version = sqlite3_column_int(st, 12);
}

static int load_where(sqlite3 *db, const char *sql, const char *code, long long id, struct kb_entry *e,
		      struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc;

	if (!st)
		return -1;
	if (code)
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_entry(st, e);
	else if (rc == SQLITE_DONE)
		zerr_set(err, _("no knowledge-base entry %s"), code ? code : "?");
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int kb_load(sqlite3 *db, const char *code, struct kb_entry *e, struct zerr *err)
{
	return load_where(db, "SELECT " KB_COLUMNS " FROM kb_entry WHERE code = ?1", code, 0, e, err);
}

int kb_load_id(sqlite3 *db, long long id, struct kb_entry *e, struct zerr *err)
{
	return load_where(db, "SELECT " KB_COLUMNS " FROM kb_entry WHERE id = ?1", NULL, id, e, err);
}

static int add_event(sqlite3 *db, long long id, const char *op, const char *event, const char *detail,
		     struct zerr *err)
{
	return db_event_add(db,
			    "INSERT INTO kb_event (entry_id, at, day, operator, event, detail)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			    id, date_today(), op, event, detail, err);
}

int kb_history(sqlite3 *db, long long id,
	       void (*fn)(void *ctx, const char *at, const char *day, const char *op, const char *event,
			  const char *detail),
	       void *ctx, struct zerr *err)
{
	return db_history(db, "SELECT at, day, operator, event, detail FROM kb_event WHERE entry_id = ?1 ORDER BY id",
			  id, fn, ctx, err);
}

/* Writes the entry's row of the index (question, aliases, answer) and its bags. Inside the caller's transaction. */
static int reindex(sqlite3 *db, long long id, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM kb_fts WHERE rowid = ?1", err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (db_done(db, st, err) != 0)
		return -1;
	st = db_prepare(db,
			"INSERT INTO kb_fts (rowid, question, aliases, answer)"
			" SELECT id, question, (SELECT ifnull(group_concat(alias, ' | '), '') FROM kb_alias"
			"   WHERE entry_id = kb_entry.id), answer FROM kb_entry WHERE id = ?1",
			err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return db_done(db, st, err) != 0 ? -1 : kb_bags_update(db, id, err);
}

static void bind_entry(sqlite3_stmt *st, const struct kb_entry *e)
{
	for (int f = 0; f < KF_COUNT; f++)
		sqlite3_bind_text(st, 1 + f, e->f[f], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 10, status_codes[e->status], -1, SQLITE_STATIC);
	if (e->consultation_id)
		sqlite3_bind_int64(st, 11, e->consultation_id);
}

/* The next free code of the form KB-N. */
static char *new_code(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	long long n = 0;

	if (sqlite3_prepare_v2(db, "SELECT ifnull(max(CAST(substr(code, 4) AS INTEGER)), 0) FROM kb_entry"
				   " WHERE code GLOB 'KB-[0-9]*'", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return xasprintf("KB-%lld", n + 1);
}

/* Inserts inside the caller's transaction. */
static int insert_entry(sqlite3 *db, struct kb_entry *e, const char *op, const char *event, struct zerr *err)
{
	sqlite3_stmt *st;
	char now[20];

	if (!*e->f[KF_CODE]) {
		char *code = new_code(db);

		kb_entry_set(e, KF_CODE, code);
		free(code);
	}
	st = db_prepare(db,
			"INSERT INTO kb_entry (code, category, question, answer, source, unit, valid_from, valid_until,"
			" reviewed, status, consultation_id, created_at, created_by, updated_at, updated_by)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?13)",
			err);
	if (!st)
		return -1;
	bind_entry(st, e);
	db_now(now);
	sqlite3_bind_text(st, 12, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 13, op, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE) {
		if ((sqlite3_extended_errcode(db)) == SQLITE_CONSTRAINT_UNIQUE)
			zerr_set(err, _("there is an entry %s already"), e->f[KF_CODE]);
		else
			db_error(db, err);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	e->id = sqlite3_last_insert_rowid(db);
	e->version = 1;
	return add_event(db, e->id, op, event, "", err) != 0 || reindex(db, e->id, err) != 0 ? -1 : 0;
}

int kb_add(sqlite3 *db, struct kb_entry *e, const char *op, struct zerr *err)
{
	if (db_begin(db, err) != 0)
		return -1;
	if (insert_entry(db, e, op, "created", err) != 0) {
		db_rollback(db);
		e->id = 0;
		return -1;
	}
	return db_commit(db, err);
}

/* The names of the fields that differ, for the history: "question, answer". */
static char *changed_fields(const struct kb_entry *old, const struct kb_entry *e)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (int f = 0; f < KF_COUNT; f++)
		if (strcmp(old->f[f], e->f[f]) != 0)
			sbuf_printf(&b, "%s%s", b.len ? ", " : "", fields[f].key);
	if (old->status != e->status)
		sbuf_printf(&b, "%s%s", b.len ? ", " : "", "status");
	return sbuf_take(&b);
}

/*
 * Updates inside the caller's transaction; the version must still be the one read. Returns 1
 * when something changed, 0 when the entry was the same already, -1 on error.
 */
static int update_entry(sqlite3 *db, struct kb_entry *e, const char *op, const char *event, struct zerr *err)
{
	struct kb_entry old;
	sqlite3_stmt *st;
	char now[20], *what;
	int rc, changed;

	if (kb_load_id(db, e->id, &old, err) != 0)
		return -1;
	what = changed_fields(&old, e);
	kb_entry_free(&old);
	if (!*what) {
		free(what);
		return 0;
	}
	changed = 1;
	st = db_prepare(db,
			"UPDATE kb_entry SET code = ?1, category = ?2, question = ?3, answer = ?4, source = ?5, unit = ?6,"
			" valid_from = ?7, valid_until = ?8, reviewed = ?9, status = ?10,"
			" consultation_id = ?11, updated_at = ?12, updated_by = ?13, version = version + 1"
			" WHERE id = ?14 AND version = ?15",
			err);
	if (!st) {
		free(what);
		return -1;
	}
	bind_entry(st, e);
	db_now(now);
	sqlite3_bind_text(st, 12, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 13, op, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 14, e->id);
	sqlite3_bind_int(st, 15, e->version);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || sqlite3_changes(db) != 1) {
		if (rc != SQLITE_DONE)
			db_error(db, err);
		else
			zerr_set(err, _("entry %s was changed in another window since it was opened; nothing was saved. Open it again"),
				 e->f[KF_CODE]);
		free(what);
		return -1;
	}
	rc = add_event(db, e->id, op, event, what, err) != 0 || reindex(db, e->id, err) != 0 ? -1 : changed;
	free(what);
	if (rc > 0)
		e->version++;
	return rc;
}

int kb_update(sqlite3 *db, struct kb_entry *e, const char *op, struct zerr *err)
{
	if (db_begin(db, err) != 0)
		return -1;
	if (update_entry(db, e, op, "edited", err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int kb_set_status(sqlite3 *db, struct kb_entry *e, int status, const char *op, struct zerr *err)
{
	static const char *const events[KB_STATUS_COUNT] = { "drafted", "published", "retired" };
	int old = e->status, rc;

	if (status == old)
		return 0;
	e->status = status;
	if (db_begin(db, err) != 0) {
		e->status = old;
		return -1;
	}
	rc = update_entry(db, e, op, events[status], err);
	if (rc >= 0 && db_commit(db, err) == 0)
		return 0;
	db_rollback(db);
	e->status = old;
	return -1;
}

static void read_any(sqlite3_stmt *st, void *row)
{
	read_entry(st, row);
}

static void free_any(void *rows, int n)
{
	kb_rows_free(rows, n);
}

int kb_page(sqlite3 *db, const char *text, const char *after, int backwards, int limit, struct kb_entry **rows,
	    int *n, struct zerr *err)
{
	/*
	 * One seek in the index of codes between ?1 and ?4: "?1 IS NULL OR code > ?1" would read the
	 * index from its start up to the anchor at every page. No code is empty, and every text sorts
	 * before a blob, so '' and x'FF' stand for the open ends.
	 */
	static const char *const sql[2] = {
		"SELECT " KB_COLUMNS " FROM kb_entry WHERE code > ?1 AND code < ?4"
		" AND (?2 IS NULL OR code LIKE ?2 ESCAPE '\\' OR question LIKE ?2 ESCAPE '\\' OR category LIKE ?2 ESCAPE '\\')"
		" ORDER BY code LIMIT ?3",
		"SELECT " KB_COLUMNS " FROM kb_entry WHERE code > ?1 AND code < ?4"
		" AND (?2 IS NULL OR code LIKE ?2 ESCAPE '\\' OR question LIKE ?2 ESCAPE '\\' OR category LIKE ?2 ESCAPE '\\')"
		" ORDER BY code DESC LIMIT ?3",
	};
	sqlite3_stmt *st = db_prepare(db, sql[backwards != 0], err);

	*rows = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, after && !backwards ? after : "", -1, SQLITE_TRANSIENT);
	if (after && backwards)
		sqlite3_bind_text(st, 4, after, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_blob(st, 4, "\xff", 1, SQLITE_STATIC);
	if (text && *text)
		sqlite3_bind_text(st, 2, like_anywhere(text), -1, free);
	sqlite3_bind_int(st, 3, limit);
	return db_page_rows(db, st, limit, backwards, sizeof **rows, read_any, free_any, (void **)rows, n, err);
}

void kb_rows_free(struct kb_entry *rows, int n)
{
	for (int i = 0; i < n; i++)
		kb_entry_free(&rows[i]);
	free(rows);
}

/* Aliases. */

int kb_aliases(sqlite3 *db, long long entry_id, struct kb_alias **out, int *n, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db,
				      "SELECT id, alias, origin, at, operator FROM kb_alias WHERE entry_id = ?1 ORDER BY id",
				      err);
	int cap = 0, rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, entry_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct kb_alias *a;

		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			*out = xrealloc(*out, sizeof **out * (size_t)cap);
		}
		a = &(*out)[(*n)++];
		a->id = sqlite3_column_int64(st, 0);
		a->text = xstrdup(db_text(st, 1));
		a->origin = xstrdup(db_text(st, 2));
		a->at = xstrdup(db_text(st, 3));
		a->op = xstrdup(db_text(st, 4));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_error(db, err);
		kb_aliases_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void kb_aliases_free(struct kb_alias *a, int n)
{
	for (int i = 0; i < n; i++) {
		free(a[i].text);
		free(a[i].origin);
		free(a[i].at);
		free(a[i].op);
	}
	free(a);
}

/* Adds inside the caller's transaction; 1 added, 0 already there, -1 error. */
static int insert_alias(sqlite3 *db, long long entry_id, const char *text, const char *origin, const char *op,
			struct zerr *err)
{
	char *norm = zh_normalize(text), now[20];
	sqlite3_stmt *st;
	int rc;

	if (!*norm) {
		free(norm);
		zerr_set(err, _("an alias needs some words"));
		return -1;
	}
	st = db_prepare(db,
			"INSERT INTO kb_alias (entry_id, alias, norm, origin, at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
			" ON CONFLICT (entry_id, norm) DO NOTHING",
			err);
	if (!st) {
		free(norm);
		return -1;
	}
	db_now(now);
	sqlite3_bind_int64(st, 1, entry_id);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, norm, -1, free);
	sqlite3_bind_text(st, 4, origin, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, op, -1, SQLITE_TRANSIENT);
	if (db_done(db, st, err) != 0)
		return -1;
	rc = sqlite3_changes(db) == 1;
	if (rc && (add_event(db, entry_id, op, strcmp(origin, "learned") == 0 ? "alias_learned" : "alias_added", text,
			     err) != 0 ||
		   reindex(db, entry_id, err) != 0))
		return -1;
	return rc;
}

int kb_alias_add(sqlite3 *db, long long entry_id, const char *text, const char *origin, const char *op,
		 struct zerr *err)
{
	int rc;

	if (!text || check_text(text, 200) < 0) {
		zerr_set(err, _("an alias is at most 200 characters on one line"));
		return -1;
	}
	if (db_begin(db, err) != 0)
		return -1;
	rc = insert_alias(db, entry_id, text, origin, op, err);
	if (rc < 0 || db_commit(db, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return rc;
}

int kb_alias_remove(sqlite3 *db, long long alias_id, const char *op, struct zerr *err)
{
	sqlite3_stmt *st;
	long long entry = 0;
	char *text = NULL;

	if (db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db, "SELECT entry_id, alias FROM kb_alias WHERE id = ?1", err);
	if (st) {
		sqlite3_bind_int64(st, 1, alias_id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			entry = sqlite3_column_int64(st, 0);
			text = xstrdup(db_text(st, 1));
		}
		sqlite3_finalize(st);
	}
	if (!entry) {
		if (st)
			zerr_set(err, _("that alias is gone already"));
		goto fail;
	}
	st = db_prepare(db, "DELETE FROM kb_alias WHERE id = ?1", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, alias_id);
	if (db_done(db, st, err) != 0 || add_event(db, entry, op, "alias_removed", text, err) != 0 ||
	    reindex(db, entry, err) != 0 || db_commit(db, err) != 0)
		goto fail;
	free(text);
	return 0;
fail:
	free(text);
	db_rollback(db);
	return -1;
}

/* Import and export. */

enum { COL_ALIASES = KF_COUNT, COL_STATUS, NCOLS };

static const char *column_name(int col)
{
	return col == COL_ALIASES ? "aliases" : col == COL_STATUS ? "status" : fields[col].key;
}

/* Splits one TSV line into at most `max` cells (in place); returns the number of cells. */
static int split_tsv(char *line, char **cells, int max)
{
	int n = 0;

	for (;;) {
		char *tab = strchr(line, '\t');

		if (n < max)
			cells[n] = line;
		n++;
		if (!tab)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	return n;
}

/* A line break inside a field travels as "\n" and a backslash as "\\". */
static char *tsv_unescape(const char *s)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (; *s; s++) {
		if (*s == '\\' && (s[1] == 'n' || s[1] == '\\')) {
			sbuf_addc(&b, s[1] == 'n' ? '\n' : '\\');
			s++;
		} else {
			sbuf_addc(&b, *s);
		}
	}
	return sbuf_take(&b);
}

static void tsv_escape(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			sbuf_add(b, "\\n");
		else if (*s == '\\')
			sbuf_add(b, "\\\\");
		else if (*s == '\t' || *s == '\r')
			sbuf_addc(b, ' ');
		else
			sbuf_addc(b, *s);
	}
}

static int read_kb_header(char *line, int *map, int *ncols, struct zerr *err)
{
	char *cells[NCOLS + 1];
	int n = split_tsv(line, cells, NCOLS + 1), seen[NCOLS] = { 0 };

	if (n > NCOLS) {
		zerr_set(err, _("line 1: too many columns (%d)"), n);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		int col = -1;

		for (int c = 0; c < NCOLS && col < 0; c++)
			if (strcmp(str_trim(cells[i]), column_name(c)) == 0)
				col = c;
		if (col < 0 || seen[col]) {
			zerr_set(err, col < 0 ? _("line 1: unknown column '%s'; the columns are id, category, question, answer, source, unit (and aliases, status, valid_from, valid_until, reviewed)")
					      : _("line 1: the column '%s' is there twice"),
				 cells[i]);
			return -1;
		}
		seen[col] = 1;
		map[i] = col;
	}
	for (int c = KF_CODE; c <= KF_UNIT; c++)
		if (!seen[c]) {
			zerr_set(err, _("line 1: the column '%s' is missing"), column_name(c));
			return -1;
		}
	*ncols = n;
	return 0;
}

/* Looks an entry up by code inside the import's transaction: its id and version, or 0. */
static long long id_by_code(sqlite3 *db, const char *code, int *version)
{
	sqlite3_stmt *st = NULL;
	long long id = 0;

	if (sqlite3_prepare_v2(db, "SELECT id, version FROM kb_entry WHERE code = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			*version = sqlite3_column_int(st, 1);
		}
	}
	sqlite3_finalize(st);
	return id;
}

static void note_bad(struct sbuf *bad, int *nbad, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void note_bad(struct sbuf *bad, int *nbad, const char *fmt, ...)
{
	va_list ap;

	if (++*nbad > 20)
		return;
	va_start(ap, fmt);
	{
		char *msg = xvasprintf(fmt, ap);

		sbuf_add(bad, msg);
		free(msg);
	}
	va_end(ap);
}

/* One data line of an import: checked, then stored or updated. */
static void import_line(sqlite3 *db, char *line, int lineno, const int *map, int ncols, struct strset *seen,
			const char *op, int *added, int *updated, struct sbuf *bad, int *nbad)
{
	char *cells[NCOLS + 1], *aliases = NULL;
	struct kb_entry e;
	struct appl_check c;
	struct zerr err = ZERR_INIT;
	int n = split_tsv(line, cells, NCOLS + 1), version = 0, rc;

	if (n != ncols) {
		note_bad(bad, nbad, _("line %d: %d fields, the header has %d\n"), lineno, n, ncols);
		return;
	}
	kb_entry_init(&e);
	for (int i = 0; i < n; i++) {
		char *v = tsv_unescape(cells[i]);

		if (map[i] == COL_ALIASES) {
			aliases = v;
			continue;
		}
		if (map[i] == COL_STATUS) {
			e.status = *str_trim(v) ? kb_status_parse(str_trim(v)) : KB_PUBLISHED;
			if (e.status < 0)
				note_bad(bad, nbad, _("line %d: status: '%s' is not one of draft, published, retired\n"), lineno, v);
		} else {
			kb_entry_set(&e, map[i], v);
		}
		free(v);
	}
	if (e.status < 0)
		goto out;
	if (!*e.f[KF_CODE]) {
		note_bad(bad, nbad, _("line %d: id: required\n"), lineno);
		goto out;
	}
	if (!strset_add(seen, e.f[KF_CODE])) {
		note_bad(bad, nbad, _("line %d: id: %s is on an earlier line too\n"), lineno, e.f[KF_CODE]);
		goto out;
	}
	if (kb_validate(&e, &c)) {
		for (int i = 0; i < c.n; i++)
			if (!c.v[i].warning)
				note_bad(bad, nbad, _("line %d: %s: %s\n"), lineno, fields[c.v[i].field].key, c.v[i].msg);
		appl_check_free(&c);
		goto out;
	}
	appl_check_free(&c);
	if (aliases) {
		char *copy = xstrdup(aliases), *save = NULL;

		/* The rule of an alias typed at the desk (kb_alias_add): imported ones went in unchecked. */
		for (char *a = strtok_r(copy, "|", &save); a; a = strtok_r(NULL, "|", &save))
			if (check_text(str_trim(a), 200) < 0) {
				note_bad(bad, nbad, _("line %d: aliases: %s\n"), lineno,
					 _("an alias is at most 200 characters on one line"));
				break;
			}
		free(copy);
	}
	if (*nbad)
		goto out;	/* nothing will be kept: checking the rest is enough */
	e.id = id_by_code(db, e.f[KF_CODE], &version);
	e.version = version;
	rc = e.id ? update_entry(db, &e, op, "imported", &err) : insert_entry(db, &e, op, "imported", &err);
	if (rc < 0) {
		note_bad(bad, nbad, _("line %d: %s\n"), lineno, err.msg);
		goto out;
	}
	if (!version)
		(*added)++;
	else if (rc > 0)
		(*updated)++;
	if (aliases) {
		char *save = NULL;

		for (char *a = strtok_r(aliases, "|", &save); a; a = strtok_r(NULL, "|", &save))
			if (*str_trim(a) && insert_alias(db, e.id, str_trim(a), "clerk", op, &err) < 0)
				note_bad(bad, nbad, _("line %d: aliases: %s\n"), lineno, err.msg);
	}
out:
	free(aliases);
	kb_entry_free(&e);
}

int kb_import(sqlite3 *db, const char *text, size_t len, const char *name, const char *op, int *added,
	      int *updated, struct zerr *err)
{
	struct sbuf bad = { 0 };
	char *copy, *p;
	struct strset seen = { NULL, 0, 0 };
	int map[NCOLS + 1], ncols = 0, lineno = 1, nbad = 0;

	*added = *updated = 0;
	if (!str_valid_utf8(text, len) || memchr(text, '\0', len)) {
		zerr_set(err, _("%s is not UTF-8 text (convert it with iconv -f GBK -t UTF-8)"), name);
		return -1;
	}
	copy = xstrndup(text, len);
	p = copy;
	if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	{
		size_t l = strcspn(p, "\n");

		if (p[l] == '\0' && l == 0) {
			zerr_set(err, _("%s is empty; the first line must name the columns"), name);
			goto fail_early;
		}
		if (l && p[l - 1] == '\r')
			p[l - 1] = '\0';
		p[l] = '\0';
		if (read_kb_header(p, map, &ncols, err) != 0)
			goto fail_early;
		p += l + 1;
	}
	if (db_begin(db, err) != 0)
		goto fail_early;
	while (p < copy + len) {
		size_t l = strcspn(p, "\n");
		char *line = p;

		lineno++;
		p += l + 1;
		line[l] = '\0';
		if (l && line[l - 1] == '\r')
			line[--l] = '\0';
		if (!line[strspn(line, " \t")])
			continue;
		import_line(db, line, lineno, map, ncols, &seen, op, added, updated, &bad, &nbad);
	}
	if (nbad) {
		if (nbad > 20)
			sbuf_printf(&bad, _("... and %d more\n"), nbad - 20);
		zerr_set(err, _("%s: nothing was imported:\n%s"), name, bad.s);
		db_rollback(db);
		goto fail;
	}
	if (db_commit(db, err) != 0)
		goto fail;
	strset_free(&seen);
	free(copy);
	sbuf_free(&bad);
	return 0;
fail:
	*added = *updated = 0;
fail_early:
	strset_free(&seen);
	free(copy);
	sbuf_free(&bad);
	return -1;
}

char *kb_export(sqlite3 *db, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db,
				      "SELECT code, category, question, answer, source, unit,"
				      " (SELECT ifnull(group_concat(alias, '|'), '') FROM"
				      "   (SELECT alias FROM kb_alias WHERE entry_id = kb_entry.id ORDER BY id)),"
				      " status, valid_from, valid_until, reviewed FROM kb_entry ORDER BY code",
				      err);
	struct sbuf b = { 0 };
	int rc;

	if (!st)
		return NULL;
	sbuf_add(&b, "id\tcategory\tquestion\tanswer\tsource\tunit\taliases\tstatus\tvalid_from\tvalid_until\treviewed\n");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < 11; i++) {
			tsv_escape(&b, db_text(st, i));
			sbuf_addc(&b, i < 10 ? '\t' : '\n');
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_error(db, err);
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_take(&b);
}

int kb_sync_index(sqlite3 *db, const struct zh_synonyms *syn, struct zerr *err)
{
	char want[32];
	sqlite3_stmt *st = db_prepare(db, "SELECT value FROM meta WHERE key = 'kb_synonyms'", err);
	int same = 0;

	if (!st)
		return -1;
	snprintf(want, sizeof want, "%lx", syn ? syn->hash : 0UL);
	if (sqlite3_step(st) == SQLITE_ROW)
		same = strcmp(db_text(st, 0), want) == 0;
	sqlite3_finalize(st);
	zh_fts5_set_synonyms(syn);
	if (same)
		return kb_bags_setup(db, 0, err);
	if (db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('kb_synonyms', ?1)", err);
	if (!st) {
		db_rollback(db);
		return -1;
	}
	sqlite3_bind_text(st, 1, want, -1, SQLITE_TRANSIENT);
	if (db_done(db, st, err) != 0 || db_exec(db, "INSERT INTO kb_fts (kb_fts) VALUES ('rebuild')", err) != 0 ||
	    /* The portal's mirror is indexed through the same synonyms. */
	    db_exec(db, "INSERT INTO portal_fts (portal_fts) VALUES ('rebuild')", err) != 0 ||
	    kb_bags_setup(db, 1, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}
