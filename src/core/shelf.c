/* shelf.c - the reading room's shelf catalogue: checks, editions, history, stale items, the catalogue. */
#include "shelf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appl.h"
#include "check.h"
#include "choice.h"
#include "db.h"
#include "print.h"
#include "register.h"
#include "table.h"
#include "width.h"

static const struct field_spec fields[HF_COUNT] = {
	[HF_TITLE] = { "title", N_("Title of the material"), 60 },
	[HF_KIND] = { "kind", N_("Kind of material"), 40 },
	[HF_EDITION] = { "edition", N_("Issue or edition"), 30 },
	[HF_POSITION] = { "position", N_("Place on the shelf"), 20 },
	[HF_COPIES] = { "copies", N_("Copies"), 6 },
	[HF_PLACED] = { "placed", N_("Placed on"), 10 },
	[HF_TAKE_AWAY] = { "take_away", N_("May be taken away"), 5 },
};

static const char *const short_labels[SK_COUNT] = {
	N_("Policy compilation"), N_("Work report"), N_("State Council gazette"), N_("City gazette"),
	N_("Disclosure rules"), N_("Disclosure guide"), N_("Standard catalogue"), N_("Service guide"),
};

const char *shelf_field_key(int field)
{
	return fields[field].key;
}

const char *shelf_field_label(int field)
{
	return _(fields[field].label);
}

int shelf_field_by_key(const char *key)
{
	return field_spec_find(fields, HF_COUNT, key);
}

int shelf_field_max(int field)
{
	return fields[field].max;
}

const char *shelf_kind_code(int kind)
{
	return kind >= 0 && kind < SK_COUNT ? shelf_kinds[kind].code : "?";
}

const char *shelf_kind_label(int kind)
{
	return kind >= 0 && kind < SK_COUNT ? _(shelf_kinds[kind].label) : "?";
}

const char *shelf_kind_short(int kind)
{
	return kind >= 0 && kind < SK_COUNT ? _(short_labels[kind]) : "?";
}

int shelf_interval(const struct config *cfg, int kind)
{
	return kind >= 0 && kind < SK_COUNT ? cfg->shelf_refresh[kind] : 0;
}

zdate shelf_due(const struct config *cfg, const struct shelf_item *it)
{
	return it->placed + shelf_interval(cfg, it->kind);
}

int shelf_stale(const struct config *cfg, const struct shelf_item *it, zdate today)
{
	return !it->retired && today > shelf_due(cfg, it);
}

char *shelf_state_text(const struct config *cfg, const struct shelf_item *it, zdate today)
{
	zdate due = shelf_due(cfg, it);
	char day[DATE_BUFSZ];

	if (it->retired)
		return xstrdup(_("Taken off the shelf."));
	if (today > due)
		return xasprintf(_("Out of date since %s (%d day(s)): put the new issue or edition on the shelf."),
				 date_format(due + 1, day), today - due);
	return xasprintf(_("Current until %s; this kind is renewed every %d day(s)."), date_format(due, day),
			 shelf_interval(cfg, it->kind));
}

void shelf_init(struct shelf_item *it)
{
	memset(it, 0, sizeof *it);
	fields_init(it->f, HF_COUNT);
	it->kind = -1;
}

void shelf_free(struct shelf_item *it)
{
	fields_free(it->f, HF_COUNT);
	free(it->created_at);
	free(it->created_by);
	free(it->updated_at);
	free(it->updated_by);
	memset(it, 0, sizeof *it);
}

void shelf_set(struct shelf_item *it, int field, const char *value)
{
	field_set(it->f, field, value);
}

int shelf_parse_copies(const char *s)
{
	int n = 0;

	if (!s || !*s || strlen(s) > 3)
		return -1;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		n = n * 10 + (*p - '0');
	}
	return n >= 1 && n <= 999 ? n : -1;
}

/* 除办事指南外，原则上不得将资料原本带离 (附件1 二). */
static void check_take_away(struct shelf_item *it, struct appl_check *c)
{
	int yes = *it->f[HF_TAKE_AWAY] ? check_yes_no(it->f[HF_TAKE_AWAY]) : it->kind == SK_SERVICE_GUIDE;

	if (yes < 0) {
		appl_check_add(c, HF_TAKE_AWAY, 0, _("'%s' is not yes or no"), it->f[HF_TAKE_AWAY]);
		return;
	}
	if (yes && it->kind >= 0 && it->kind != SK_SERVICE_GUIDE) {
		appl_check_add(c, HF_TAKE_AWAY, 0,
			       _("only service guides (办事指南) may be taken away; %s stays in the reading room, to be read, copied or photographed there"),
			       shelf_kind_label(it->kind));
		return;
	}
	it->take_away = yes;
	shelf_set(it, HF_TAKE_AWAY, yes ? "yes" : "no");
}

int shelf_validate(struct shelf_item *it, zdate today, struct appl_check *c)
{
	memset(c, 0, sizeof *c);
	for (int f = 0; f < HF_COUNT; f++)
		if (check_text(it->f[f], fields[f].max) < 0)
			appl_check_add(c, f, 0, _("at most %d characters, no control characters or line breaks"),
				       fields[f].max);
	if (c->errors)
		return c->errors;
	if (!*it->f[HF_TITLE])
		appl_check_add(c, HF_TITLE, 0, _("required: the title as printed on the cover"));
	check_choice(c, it->f, HF_KIND, shelf_kinds, 1);
	it->kind = *it->f[HF_KIND] ? choice_parse(shelf_kinds, it->f[HF_KIND]) : -1;
	if (!*it->f[HF_EDITION])
		appl_check_add(c, HF_EDITION, 0, _("required: which issue or edition, e.g. 2026年第5期 or 2026年版"));
	if (!*it->f[HF_POSITION])
		appl_check_add(c, HF_POSITION, 0, _("required: where it lies, e.g. A架2层"));
	if (!*it->f[HF_COPIES])
		shelf_set(it, HF_COPIES, "1");
	it->copies = shelf_parse_copies(it->f[HF_COPIES]);
	if (it->copies < 0)
		appl_check_add(c, HF_COPIES, 0, _("'%s' is not a number of copies; allowed: 1 to 999"), it->f[HF_COPIES]);
	it->placed = check_received(c, it->f, HF_PLACED, today);
	check_take_away(it, c);
	return c->errors;
}

static const char event_sql[] = "INSERT INTO shelf_event (item_id, at, day, operator, event, detail)"
				" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* The item of this title and kind on the shelf, other than `self`; 0 when none. */
static long long on_shelf(sqlite3 *db, const struct shelf_item *it, char **edition)
{
	sqlite3_stmt *st = NULL;
	long long id = 0;

	if (sqlite3_prepare_v2(db, "SELECT id, edition FROM shelf_item WHERE retired = 0 AND kind = ?1 AND title = ?2"
			       " AND id <> ?3", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int(st, 1, it->kind);
	sqlite3_bind_text(st, 2, it->f[HF_TITLE], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, it->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		*edition = xstrdup(db_text(st, 1));
	}
	sqlite3_finalize(st);
	return id;
}

static int insert_item(sqlite3 *db, struct shelf_item *it, const char *op, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db,
				      "INSERT INTO shelf_item (title, kind, edition, position, copies, placed, take_away,"
				      " created_at, created_by, updated_at, updated_by)"
				      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)",
				      err);
	char now[20], *detail;
	int rc;

	if (!st)
		return -1;
	db_now(now);
	sqlite3_bind_text(st, 1, it->f[HF_TITLE], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, it->kind);
	sqlite3_bind_text(st, 3, it->f[HF_EDITION], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, it->f[HF_POSITION], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 5, it->copies);
	sqlite3_bind_text(st, 6, it->f[HF_PLACED], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 7, it->take_away);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, op, -1, SQLITE_TRANSIENT);
	if (db_done(db, st, err) != 0)
		return -1;
	it->id = sqlite3_last_insert_rowid(db);
	detail = xasprintf("%s\t%s\t%d", it->f[HF_EDITION], it->f[HF_POSITION], it->copies);
	rc = db_event_add(db, event_sql, it->id, it->placed, op, "added", detail, err);
	free(detail);
	return rc;
}

int shelf_add(sqlite3 *db, struct shelf_item *it, zdate today, const char *op, struct appl_check *c,
	      struct zerr *err)
{
	char *edition = NULL;
	long long dup;

	it->id = 0;
	if (shelf_validate(it, today, c) != 0) {
		zerr_set(err, _("%d thing(s) to correct: the fields marked ! say what"), c->errors);
		return -1;
	}
	if (db_begin(db, err) != 0)
		return -1;
	dup = on_shelf(db, it, &edition);
	if (dup) {
		zerr_set(err, _("%s (%s) is on the shelf already as item %lld, edition %s: replace its edition instead of adding it again"),
			 it->f[HF_TITLE], shelf_kind_label(it->kind), dup, edition);
		err->field = HF_TITLE;
		free(edition);
		db_rollback(db);
		return -1;
	}
	if (insert_item(db, it, op, err) != 0 || db_commit(db, err) != 0) {
		db_rollback(db);
		it->id = 0;
		return -1;
	}
	it->version = 1;
	return 0;
}

#define ITEM_COLUMNS "id, title, kind, edition, position, copies, placed, take_away, retired, version," \
		     " created_at, created_by, updated_at, updated_by"

static void read_item(sqlite3_stmt *st, struct shelf_item *it)
{
	zdate d;

	shelf_init(it);
	it->id = sqlite3_column_int64(st, 0);
	shelf_set(it, HF_TITLE, db_text(st, 1));
	it->kind = sqlite3_column_int(st, 2);
	shelf_set(it, HF_KIND, shelf_kind_code(it->kind));
	shelf_set(it, HF_EDITION, db_text(st, 3));
	shelf_set(it, HF_POSITION, db_text(st, 4));
	it->copies = sqlite3_column_int(st, 5);
	{
		char n[16];

		snprintf(n, sizeof n, "%d", it->copies);
		shelf_set(it, HF_COPIES, n);
	}
	shelf_set(it, HF_PLACED, db_text(st, 6));
	it->placed = date_parse(db_text(st, 6), &d) == 0 ? d : 0;
	it->take_away = sqlite3_column_int(st, 7);
	shelf_set(it, HF_TAKE_AWAY, it->take_away ? "yes" : "no");
	it->retired = sqlite3_column_int(st, 8);
	it->version = sqlite3_column_int(st, 9);
	it->created_at = xstrdup(db_text(st, 10));
	it->created_by = xstrdup(db_text(st, 11));
	it->updated_at = xstrdup(db_text(st, 12));
	it->updated_by = xstrdup(db_text(st, 13));
}

int shelf_get(sqlite3 *db, long long id, struct shelf_item *it, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " ITEM_COLUMNS " FROM shelf_item WHERE id = ?1", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_item(st, it);
	else if (rc == SQLITE_DONE)
		zerr_set(err, _("there is no item %lld in the shelf catalogue"), id);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* What a change writes: the item's new state, and its events for the history. */
struct item_state {
	const char *edition, *position;
	zdate placed;
	int copies, retired;
};

struct item_event {
	const char *event;
	char *detail;
	zdate day;
};

/* Writes the new state and its events in one transaction, if nobody changed the item meanwhile. */
static int write_state(sqlite3 *db, const struct shelf_item *it, const struct item_state *s,
		       const struct item_event *ev, int nev, const char *op, struct zerr *err)
{
	sqlite3_stmt *st;
	char now[20], placed[DATE_BUFSZ];

	if (db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db,
			"UPDATE shelf_item SET edition = ?1, position = ?2, placed = ?3, copies = ?4, retired = ?5,"
			" updated_at = ?6, updated_by = ?7, version = version + 1 WHERE id = ?8 AND version = ?9",
			err);
	if (!st) {
		db_rollback(db);
		return -1;
	}
	db_now(now);
	sqlite3_bind_text(st, 1, s->edition, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, s->position, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, date_format(s->placed, placed), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 4, s->copies);
	sqlite3_bind_int(st, 5, s->retired);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, op, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 8, it->id);
	sqlite3_bind_int(st, 9, it->version);
	if (db_done(db, st, err) != 0) {
		db_rollback(db);
		return -1;
	}
	if (sqlite3_changes(db) != 1) {
		zerr_set(err, _("item %lld was changed in another window since it was opened; nothing was saved. Open it again"),
			 it->id);
		db_rollback(db);
		return -1;
	}
	for (int i = 0; i < nev; i++) {
		if (db_event_add(db, event_sql, it->id, ev[i].day, op, ev[i].event, ev[i].detail, err) != 0) {
			db_rollback(db);
			return -1;
		}
	}
	return db_commit(db, err);
}

/* After a write: the item as the database now holds it. */
static void take_state(struct shelf_item *it, const struct item_state *s, const char *op)
{
	char day[DATE_BUFSZ], n[16], now[20];

	shelf_set(it, HF_EDITION, s->edition);
	shelf_set(it, HF_POSITION, s->position);
	it->placed = s->placed;
	shelf_set(it, HF_PLACED, date_format(s->placed, day));
	it->copies = s->copies;
	snprintf(n, sizeof n, "%d", s->copies);
	shelf_set(it, HF_COPIES, n);
	it->retired = s->retired;
	it->version++;
	db_now(now);
	free(it->updated_at);
	it->updated_at = xstrdup(now);
	free(it->updated_by);
	it->updated_by = xstrdup(op);
}

static struct item_state state_of(const struct shelf_item *it)
{
	struct item_state s = { it->f[HF_EDITION], it->f[HF_POSITION], it->placed, it->copies, it->retired };

	return s;
}

static int refuse_retired(const struct shelf_item *it, struct zerr *err)
{
	if (!it->retired)
		return 0;
	zerr_set(err, _("item %lld was taken off the shelf; add it again as a new item"), it->id);
	return -1;
}

static int check_copies(int copies, struct zerr *err)
{
	if (copies == 0 || (copies >= 1 && copies <= 999))
		return 0;
	zerr_set(err, _("%d is not a number of copies; allowed: 1 to 999"), copies);
	return -1;
}

static int finish(sqlite3 *db, struct shelf_item *it, const struct item_state *s, struct item_event *ev, int nev,
		  const char *op, struct zerr *err)
{
	int rc = write_state(db, it, s, ev, nev, op, err);

	if (rc == 0)
		take_state(it, s, op);
	for (int i = 0; i < nev; i++)
		free(ev[i].detail);
	return rc;
}

int shelf_replace(sqlite3 *db, struct shelf_item *it, const char *edition, zdate placed, int copies, zdate today,
		  const char *op, struct zerr *err)
{
	struct item_state s = state_of(it);
	struct item_event ev[2];
	char old_day[DATE_BUFSZ];
	int nev = 0;

	if (refuse_retired(it, err) != 0 || check_copies(copies, err) != 0)
		return -1;
	if (!edition || !*edition || check_text(edition, fields[HF_EDITION].max) < 0) {
		zerr_set(err, _("%s: give the new issue or edition (at most %d characters), e.g. 2026年第5期"),
			 shelf_field_label(HF_EDITION), fields[HF_EDITION].max);
		return -1;
	}
	if (strcmp(edition, it->f[HF_EDITION]) == 0) {
		zerr_set(err, _("%s is the edition on the shelf already; give the new one"), edition);
		return -1;
	}
	if (placed > today) {
		zerr_set(err, _("%s: the day lies in the future"), shelf_field_label(HF_PLACED));
		return -1;
	}
	if (placed < it->placed) {
		zerr_set(err, _("%s: the day lies before the edition on the shelf was placed (%s)"),
			 shelf_field_label(HF_PLACED), date_format(it->placed, old_day));
		return -1;
	}
	s.edition = edition;
	s.placed = placed;
	ev[nev++] = (struct item_event){ "replaced",
					 xasprintf("%s\t%s\t%s", it->f[HF_EDITION], date_format(it->placed, old_day), edition),
					 placed };
	if (copies && copies != it->copies) {
		s.copies = copies;
		ev[nev++] = (struct item_event){ "copies", xasprintf("%d\t%d", it->copies, copies), placed };
	}
	return finish(db, it, &s, ev, nev, op, err);
}

int shelf_change(sqlite3 *db, struct shelf_item *it, int copies, const char *position, zdate today, const char *op,
		 struct zerr *err)
{
	struct item_state s = state_of(it);
	struct item_event ev[2];
	int nev = 0;

	if (refuse_retired(it, err) != 0 || check_copies(copies, err) != 0)
		return -1;
	if (position && (!*position || check_text(position, fields[HF_POSITION].max) < 0)) {
		zerr_set(err, _("%s: give where it lies (at most %d characters), e.g. A架2层"), shelf_field_label(HF_POSITION),
			 fields[HF_POSITION].max);
		return -1;
	}
	if (copies && copies != it->copies) {
		s.copies = copies;
		ev[nev++] = (struct item_event){ "copies", xasprintf("%d\t%d", it->copies, copies), today };
	}
	if (position && strcmp(position, it->f[HF_POSITION]) != 0) {
		s.position = position;
		ev[nev++] = (struct item_event){ "moved", xasprintf("%s\t%s", it->f[HF_POSITION], position), today };
	}
	if (!nev) {
		zerr_set(err, _("nothing to change: the copies and the place are as given"));
		return -1;
	}
	return finish(db, it, &s, ev, nev, op, err);
}

int shelf_retire(sqlite3 *db, struct shelf_item *it, zdate today, const char *op, struct zerr *err)
{
	struct item_state s = state_of(it);
	struct item_event ev = { "retired", xstrdup(it->f[HF_EDITION]), today };

	if (refuse_retired(it, err) != 0) {
		free(ev.detail);
		return -1;
	}
	s.retired = 1;
	return finish(db, it, &s, &ev, 1, op, err);
}

/*
 * Which rows a listing holds: ?5 only stale ones, ?6 retired ones too. Out of date means placed
 * before today less the kind's interval (?10 to ?17, one cut-off day per kind).
 */
#define FILTER_SQL " (?6 = 1 OR retired = 0) AND (?5 = 0 OR (retired = 0 AND placed < CASE kind" \
	" WHEN 0 THEN ?10 WHEN 1 THEN ?11 WHEN 2 THEN ?12 WHEN 3 THEN ?13 WHEN 4 THEN ?14 WHEN 5 THEN ?15" \
	" WHEN 6 THEN ?16 WHEN 7 THEN ?17 END))"

static void bind_filter(sqlite3_stmt *st, const struct shelf_filter *f)
{
	sqlite3_bind_int(st, 5, f->stale != 0);
	sqlite3_bind_int(st, 6, f->retired != 0);
	for (int k = 0; k < SK_COUNT; k++) {
		char day[DATE_BUFSZ];

		sqlite3_bind_text(st, 10 + k, date_format(f->today - shelf_interval(f->cfg, k), day), -1, SQLITE_TRANSIENT);
	}
}

static void read_any(sqlite3_stmt *st, void *row)
{
	read_item(st, row);
}

static void free_any(void *rows, int n)
{
	shelf_rows_free(rows, n);
}

int shelf_page(sqlite3 *db, const struct shelf_filter *f, const struct shelf_item *after, int backwards, int limit,
	       struct shelf_item **rows, int *n, struct zerr *err)
{
	static const char *const sql[2] = {
		"SELECT " ITEM_COLUMNS " FROM shelf_item WHERE" FILTER_SQL
		" AND (?1 IS NULL OR (kind, position, title, id) > (?1, ?2, ?3, ?4))"
		" ORDER BY kind, position, title, id LIMIT ?7",
		"SELECT " ITEM_COLUMNS " FROM shelf_item WHERE" FILTER_SQL
		" AND (?1 IS NULL OR (kind, position, title, id) < (?1, ?2, ?3, ?4))"
		" ORDER BY kind DESC, position DESC, title DESC, id DESC LIMIT ?7",
	};
	sqlite3_stmt *st = db_prepare(db, sql[backwards != 0], err);

	*rows = NULL;
	*n = 0;
	if (!st)
		return -1;
	if (after) {
		sqlite3_bind_int(st, 1, after->kind);
		sqlite3_bind_text(st, 2, after->f[HF_POSITION], -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, after->f[HF_TITLE], -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 4, after->id);
	}
	bind_filter(st, f);
	sqlite3_bind_int(st, 7, limit);
	return db_page_rows(db, st, limit, backwards, sizeof **rows, read_any, free_any, (void **)rows, n, err);
}

void shelf_rows_free(struct shelf_item *rows, int n)
{
	for (int i = 0; i < n; i++)
		shelf_free(&rows[i]);
	free(rows);
}

int shelf_each(sqlite3 *db, const struct shelf_filter *f, int (*fn)(void *ctx, const struct shelf_item *it),
	       void *ctx, struct zerr *err)
{
	struct shelf_item last;
	int n, rc = 0, have = 0;

	shelf_init(&last);
	do {
		struct shelf_item *rows;

		if (shelf_page(db, f, have ? &last : NULL, 0, EACH_PAGE, &rows, &n, err) != 0) {
			shelf_free(&last);
			return -1;
		}
		for (int i = 0; i < n && !rc; i++)
			rc = fn(ctx, &rows[i]);
		if (n) {
			last.kind = rows[n - 1].kind;
			last.id = rows[n - 1].id;
			shelf_set(&last, HF_POSITION, rows[n - 1].f[HF_POSITION]);
			shelf_set(&last, HF_TITLE, rows[n - 1].f[HF_TITLE]);
			have = 1;
		}
		shelf_rows_free(rows, n);
	} while (n == EACH_PAGE && !rc);
	shelf_free(&last);
	return rc;
}

int shelf_count(sqlite3 *db, const struct shelf_filter *f, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM shelf_item WHERE" FILTER_SQL, err);
	int n = -1;

	if (!st)
		return -1;
	bind_filter(st, f);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return n;
}

int shelf_history(sqlite3 *db, long long id,
		  void (*fn)(void *ctx, const char *at, const char *day, const char *op, const char *event,
			     const char *detail),
		  void *ctx, struct zerr *err)
{
	return db_history(db, "SELECT at, day, operator, event, detail FROM shelf_event WHERE item_id = ?1 ORDER BY id",
			  id, fn, ctx, err);
}

static const struct {
	const char *event, *label;
} event_labels[] = {
	{ "added", N_("Placed on the shelf") }, { "replaced", N_("New edition") }, { "copies", N_("Copies changed") },
	{ "moved", N_("Moved") }, { "retired", N_("Taken off the shelf") },
};

const char *shelf_event_label(const char *event)
{
	for (size_t i = 0; i < sizeof event_labels / sizeof event_labels[0]; i++)
		if (strcmp(event, event_labels[i].event) == 0)
			return _(event_labels[i].label);
	return event;
}

char *shelf_event_detail(const char *event, const char *detail)
{
	char *copy = xstrdup(detail), *part[3] = { NULL, NULL, NULL }, *p = copy, *out;
	int n = 0;

	/* Stored as tab-separated values (the texts cannot hold tabs): words in the user's language here. */
	while (n < 3) {
		part[n++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p++ = '\0';
	}
	if (strcmp(event, "added") == 0 && n == 3)
		out = xasprintf(_("%s at %s, %s copies"), part[0], part[1], part[2]);
	else if (strcmp(event, "replaced") == 0 && n == 3)
		out = xasprintf(_("%s (placed %s) replaced by %s"), part[0], part[1], part[2]);
	else if ((strcmp(event, "copies") == 0 || strcmp(event, "moved") == 0) && n == 2)
		out = xasprintf("%s → %s", part[0], part[1]);
	else
		out = xstrdup(detail);
	free(copy);
	return out;
}

/* The catalogue's columns: 78 wide, what an A4 portrait page holds at 10 characters an inch. */
static const struct table_col catalogue_cols[] = {
	{ N_("Title of the material"), 31, ALIGN_LEFT, 0 },
	{ N_("Issue or edition"), 12, ALIGN_LEFT, 0 }, { N_("Place on the shelf"), 8, ALIGN_LEFT, 0 },
	{ N_("Copies"), 4, ALIGN_RIGHT, 0 }, { N_("Placed on"), 10, ALIGN_LEFT, 0 },
	{ N_("May be taken away"), 8, ALIGN_LEFT, 0 },
};
#define NCATALOGUE_COLS ((int)(sizeof catalogue_cols / sizeof catalogue_cols[0]))

struct catalogue {
	struct table t;
	int kind;
	char *heading;		/* the kind's heading, as the table keeps pointing at it */
	long copies;
};

static int catalogue_row(void *ctx, const struct shelf_item *it)
{
	struct catalogue *c = ctx;
	char copies[16];
	const char *cells[NCATALOGUE_COLS];

	if (it->kind != c->kind) {
		char *heading = xasprintf(_("[%s]"), shelf_kind_label(it->kind));

		c->kind = it->kind;
		table_heading(&c->t, heading);
		free(c->heading);
		c->heading = heading;
	}
	snprintf(copies, sizeof copies, "%d", it->copies);
	cells[0] = it->f[HF_TITLE];
	cells[1] = it->f[HF_EDITION];
	cells[2] = it->f[HF_POSITION];
	cells[3] = copies;
	cells[4] = it->f[HF_PLACED];
	cells[5] = it->take_away ? _("yes") : "";
	table_row(&c->t, cells);
	c->copies += it->copies;
	return 0;
}

char *shelf_catalogue(sqlite3 *db, const struct config *cfg, zdate today, struct zerr *err)
{
	struct table_col cols[NCATALOGUE_COLS];
	struct shelf_filter f = { 0, 0, today, cfg };
	struct catalogue c;
	char day[DATE_BUFSZ], *subtitle, *totals;

	for (int i = 0; i < NCATALOGUE_COLS; i++) {
		cols[i] = catalogue_cols[i];
		cols[i].label = _(catalogue_cols[i].label);
	}
	memset(&c, 0, sizeof c);
	c.kind = -1;
	subtitle = xasprintf(_("%s   as of %s"), cfg->site_name ? cfg->site_name : "", date_format(today, day));
	table_begin(&c.t, TABLE_PAGED, cols, NCATALOGUE_COLS, _("Catalogue of the reading room"), subtitle,
		    TABLE_PORTRAIT_LINES);
	if (shelf_each(db, &f, catalogue_row, &c, err) != 0) {
		sbuf_free(&c.t.out);
		free(c.heading);
		free(subtitle);
		return NULL;
	}
	totals = xasprintf(_("Total: %ld item(s), %ld copies.\n%s"), c.t.rows, c.copies,
			   _("Only service guides may be taken away; read, copy or photograph the rest here."));
	table_end(&c.t, totals);
	free(totals);
	free(c.heading);
	free(subtitle);
	return sbuf_take(&c.t.out);
}

int shelf_catalogue_print(sqlite3 *db, const struct config *cfg, const char *op, int *pages, char **job,
			  struct zerr *err)
{
	char *text = shelf_catalogue(db, cfg, date_today(), err);
	struct zerr logerr = ZERR_INIT;
	int rc;

	*job = NULL;
	*pages = 0;
	if (!text)
		return -1;
	*pages = 1;
	for (const char *p = text; *p; p++)
		*pages += *p == '\f';
	rc = print_send(cfg, _("Catalogue of the reading room"), text, 1, job, err);
	print_log(db, op, "shelf", "", 1, rc == 0, *job ? *job : "", rc == 0 ? "" : err->msg, &logerr);
	free(text);
	return rc;
}

int shelf_add_demo(sqlite3 *db, zdate today, const char *op, struct zerr *err)
{
	/* Titles as such material is named; placed so that a gazette and a catalogue are out of date. */
	static const struct {
		const char *title, *kind, *edition, *position, *copies;
		int days_ago;
	} demo[] = {
		{ "巫山县惠民惠农政策汇编", "compilation", "2025年版", "A架1层", "3", 120 },
		{ "巫山县人民政府工作报告", "work_report", "2026年", "A架2层", "2", 40 },
		{ "中华人民共和国国务院公报", "state_gazette", "2026年第3号", "A架3层", "1", 45 },
		{ "重庆市人民政府公报", "city_gazette", "2026年第4期", "A架3层", "1", 12 },
		{ "巫山县政务公开制度汇编", "rules", "2025年版", "B架1层", "2", 200 },
		{ "巫山县人民政府政府信息公开指南", "guide", "2026年版", "B架2层", "2", 60 },
		{ "高唐街道基层政务公开标准目录", "standard_catalogue", "2024年版", "B架3层", "1", 420 },
		{ "高唐街道便民服务事项办事指南", "service_guide", "2026年第1版", "C架1层", "30", 90 },
	};

	for (size_t i = 0; i < sizeof demo / sizeof demo[0]; i++) {
		struct shelf_item it;
		struct appl_check c;
		char day[DATE_BUFSZ];
		int rc;

		shelf_init(&it);
		shelf_set(&it, HF_TITLE, demo[i].title);
		shelf_set(&it, HF_KIND, demo[i].kind);
		shelf_set(&it, HF_EDITION, demo[i].edition);
		shelf_set(&it, HF_POSITION, demo[i].position);
		shelf_set(&it, HF_COPIES, demo[i].copies);
		shelf_set(&it, HF_PLACED, date_format(today - demo[i].days_ago, day));
		rc = shelf_add(db, &it, today, op, &c, err);
		appl_check_free(&c);
		shelf_free(&it);
		if (rc != 0)
			return -1;
	}
	return 0;
}
