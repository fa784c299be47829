/* unit.c - the unit directory: validation, storage, keyset paging, CSV import and export. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "csv.h"
#include "db.h"
#include "width.h"

static const char *const kind_codes[UK_COUNT] = { "county_gov", "county_dept", "township", "village", "other" };
static const char *const kind_labels[UK_COUNT] = {
	N_("County government"), N_("County department"), N_("Township or street"), N_("Village"), N_("Other")
};
/* The Chinese names a clerk's spreadsheet may use instead of the codes. */
static const char *const kind_zh[UK_COUNT][3] = {
	{ "县政府", "县人民政府", NULL },
	{ "县级部门", "县政府部门", "部门" },
	{ "乡镇（街道）", "乡镇", "街道" },
	{ "村（居）", "村", "社区" },
	{ "其他", NULL, NULL },
};

static const struct {
	const char *code, *zh, *label;
	int max;
} fields[UF_COUNT] = {
	[UF_NAME] = { "name", "名称", N_("Name"), 60 },
	[UF_KIND] = { "kind", "类别", N_("Kind"), 20 },
	[UF_TOWNSHIP] = { "township", "所属乡镇", N_("Township"), 30 },
	[UF_PHONE] = { "phone", "依申请公开电话", N_("Phone for applications"), 60 },
	[UF_ADDRESS] = { "address", "接收地址", N_("Receiving address"), 100 },
	[UF_POSTCODE] = { "postcode", "邮政编码", N_("Postcode"), 6 },
	[UF_EMAIL] = { "email", "电子邮箱", N_("E-mail"), 80 },
	[UF_HOURS] = { "hours", "办公时间", N_("Office hours"), 60 },
};

const char *unit_kind_code(int kind)
{
	return kind >= 0 && kind < UK_COUNT ? kind_codes[kind] : "?";
}

const char *unit_kind_label(int kind)
{
	return kind >= 0 && kind < UK_COUNT ? _(kind_labels[kind]) : "?";
}

int unit_kind_parse(const char *s)
{
	for (int k = 0; k < UK_COUNT; k++) {
		if (strcmp(s, kind_codes[k]) == 0 || strcmp(s, _(kind_labels[k])) == 0)
			return k;
		for (int j = 0; j < 3 && kind_zh[k][j]; j++)
			if (strcmp(s, kind_zh[k][j]) == 0)
				return k;
	}
	return -1;
}

const char *unit_field_label(int field)
{
	return _(fields[field].label);
}

int unit_field_max(int field)
{
	return fields[field].max;
}

char *unit_display_name(const struct unit *u)
{
	return u->retired ? xasprintf(_("%s (retired)"), u->f[UF_NAME]) : xstrdup(u->f[UF_NAME]);
}

void unit_init(struct unit *u)
{
	memset(u, 0, sizeof *u);
	fields_init(u->f, UF_COUNT);
	u->kind = UK_COUNTY_DEPT;
	free(u->f[UF_KIND]);
	u->f[UF_KIND] = xstrdup(kind_codes[u->kind]);
}

void unit_free(struct unit *u)
{
	fields_free(u->f, UF_COUNT);
	free(u->updated_at);
	free(u->updated_by);
	memset(u, 0, sizeof *u);
}

void unit_set(struct unit *u, int field, const char *value)
{
	field_set(u->f, field, value);
}

int unit_validate(struct unit *u, struct zerr *err)
{
	const char *label;

	for (int i = 0; i < UF_COUNT; i++) {
		if (check_text(u->f[i], fields[i].max) < 0) {
			zerr_set(err, _("%s: at most %d characters, no control characters"), _(fields[i].label),
				 fields[i].max);
			err->field = i;
			return -1;
		}
	}
	label = unit_field_label(UF_NAME);
	if (!*u->f[UF_NAME]) {
		zerr_set(err, _("%s: required"), label);
		err->field = UF_NAME;
		return -1;
	}
	u->kind = unit_kind_parse(u->f[UF_KIND]);
	if (u->kind < 0) {
		zerr_set(err, _("%s: '%s' is not a kind; allowed: %s, %s, %s, %s, %s"), unit_field_label(UF_KIND),
			 u->f[UF_KIND], kind_codes[0], kind_codes[1], kind_codes[2], kind_codes[3], kind_codes[4]);
		err->field = UF_KIND;
		return -1;
	}
	unit_set(u, UF_KIND, kind_codes[u->kind]);
	if (u->kind == UK_VILLAGE && !*u->f[UF_TOWNSHIP]) {
		zerr_set(err, _("%s: required for a village"), unit_field_label(UF_TOWNSHIP));
		err->field = UF_TOWNSHIP;
		return -1;
	}
	if (*u->f[UF_PHONE] && !check_phone_list(u->f[UF_PHONE])) {
		zerr_set(err, _("%s: '%s' is not a phone number; allowed: 023-12345678, 13812345678 or 12345, several separated by '/'"),
			 unit_field_label(UF_PHONE), u->f[UF_PHONE]);
		err->field = UF_PHONE;
		return -1;
	}
	if (*u->f[UF_POSTCODE] && !check_postcode(u->f[UF_POSTCODE])) {
		zerr_set(err, _("%s: '%s' is not a postcode; allowed: 6 digits"), unit_field_label(UF_POSTCODE),
			 u->f[UF_POSTCODE]);
		err->field = UF_POSTCODE;
		return -1;
	}
	if (*u->f[UF_EMAIL] && !check_email(u->f[UF_EMAIL])) {
		zerr_set(err, _("%s: '%s' is not an e-mail address"), unit_field_label(UF_EMAIL), u->f[UF_EMAIL]);
		err->field = UF_EMAIL;
		return -1;
	}
	return 0;
}

/* Binds the editable fields to ?1..?8 in UF order (kind as its number). */
static void bind_fields(sqlite3_stmt *st, const struct unit *u)
{
	for (int i = 0; i < UF_COUNT; i++) {
		if (i == UF_KIND)
			sqlite3_bind_int(st, i + 1, u->kind);
		else
			sqlite3_bind_text(st, i + 1, u->f[i], -1, SQLITE_TRANSIENT);
	}
}

static int name_taken(sqlite3 *db, const struct unit *u, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM unit WHERE name = ?1 AND id <> ?2", err);
	int taken;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, u->f[UF_NAME], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, u->id);
	taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (taken) {
		zerr_set(err, _("%s: a unit named '%s' is already in the directory"), unit_field_label(UF_NAME),
			 u->f[UF_NAME]);
		err->field = UF_NAME;
	}
	return taken ? -1 : 0;
}

/* Inserts or updates inside the caller's transaction. */
static int write_unit(sqlite3 *db, struct unit *u, const char *op, struct zerr *err)
{
	static const char insert_sql[] =
		"INSERT INTO unit (name, kind, township, phone, address, postcode, email, hours,"
		" created_at, created_by, updated_at, updated_by, retired)"
		" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?9,?10,?13)";
	static const char update_sql[] =
		"UPDATE unit SET name=?1, kind=?2, township=?3, phone=?4, address=?5, postcode=?6, email=?7,"
		" hours=?8, updated_at=?9, updated_by=?10, retired=?13, version=version+1 WHERE id=?11 AND version=?12";
	char now[20];
	sqlite3_stmt *st;

	if (unit_validate(u, err) != 0 || name_taken(db, u, err) != 0)
		return -1;
	st = db_prepare(db, u->id ? update_sql : insert_sql, err);
	if (!st)
		return -1;
	db_now(now);
	bind_fields(st, u);
	sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 10, op, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 13, u->retired ? 1 : 0);
	if (u->id) {
		sqlite3_bind_int64(st, 11, u->id);
		sqlite3_bind_int(st, 12, u->version);
	}
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_error(db, err);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	if (!u->id) {
		u->id = sqlite3_last_insert_rowid(db);
		u->version = 1;
	} else if (sqlite3_changes(db) != 1) {
		zerr_set(err, _("this unit was changed in another window since you opened it; nothing was saved. Open it again to see the new version"));
		return -1;
	} else {
		u->version++;
	}
	return 0;
}

static int write_one(sqlite3 *db, struct unit *u, const char *op, struct zerr *err)
{
	long long old_id = u->id;
	int old_version = u->version;

	if (db_begin(db, err) != 0)
		return -1;
	if (write_unit(db, u, op, err) != 0) {
		db_rollback(db);
		u->id = old_id;
		u->version = old_version;
		return -1;
	}
	if (db_commit(db, err) != 0) {
		u->id = old_id;
		u->version = old_version;
		return -1;
	}
	return 0;
}

int unit_insert(sqlite3 *db, struct unit *u, const char *op, struct zerr *err)
{
	u->id = 0;
	return write_one(db, u, op, err);
}

int unit_update(sqlite3 *db, struct unit *u, const char *op, struct zerr *err)
{
	return write_one(db, u, op, err);
}

int unit_set_retired(sqlite3 *db, long long id, int retired, const char *op, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db,
				      "UPDATE unit SET retired=?1, updated_at=?2, updated_by=?3, version=version+1"
				      " WHERE id=?4",
				      err);
	char now[20];

	if (!st)
		return -1;
	db_now(now);
	sqlite3_bind_int(st, 1, retired ? 1 : 0);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, op, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, id);
	return db_done(db, st, err);
}

#define UNIT_COLUMNS "id, name, kind, township, phone, address, postcode, email, hours, retired, version," \
		     " updated_at, updated_by"

static void read_row(sqlite3_stmt *st, struct unit *u)
{
	unit_init(u);
	u->id = sqlite3_column_int64(st, 0);
	unit_set(u, UF_NAME, db_text(st, 1));
	u->kind = sqlite3_column_int(st, 2);
	unit_set(u, UF_KIND, unit_kind_code(u->kind));
	unit_set(u, UF_TOWNSHIP, db_text(st, 3));
	unit_set(u, UF_PHONE, db_text(st, 4));
	unit_set(u, UF_ADDRESS, db_text(st, 5));
	unit_set(u, UF_POSTCODE, db_text(st, 6));
	unit_set(u, UF_EMAIL, db_text(st, 7));
	unit_set(u, UF_HOURS, db_text(st, 8));
	u->retired = sqlite3_column_int(st, 9);
	u->version = sqlite3_column_int(st, 10);
	u->updated_at = xstrdup(db_text(st, 11));
	u->updated_by = xstrdup(db_text(st, 12));
}

int unit_get(sqlite3 *db, long long id, struct unit *u, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " UNIT_COLUMNS " FROM unit WHERE id = ?1", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_row(st, u);
		sqlite3_finalize(st);
		return 0;
	}
	if (rc == SQLITE_DONE)
		zerr_set(err, _("the unit is no longer in the directory"));
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return -1;
}

int unit_find(sqlite3 *db, const char *name, struct unit *u)
{
	sqlite3_stmt *st = NULL;
	int found = 0;

	if (sqlite3_prepare_v2(db, "SELECT " UNIT_COLUMNS " FROM unit WHERE name = ?1 AND retired = 0", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		unit_free(u);
		read_row(st, u);
		found = 1;
	}
	sqlite3_finalize(st);
	return found ? 0 : -1;
}

#define FILTER_SQL "(?1 IS NULL OR name LIKE ?1 ESCAPE '\\' OR township LIKE ?1 ESCAPE '\\'" \
		   " OR phone LIKE ?1 ESCAPE '\\')"

int unit_page(sqlite3 *db, const char *filter, const struct unit_key *after, int backwards, int limit,
	      struct unit **rows, int *nrows, struct zerr *err)
{
	static const char *const sql[2][2] = {
		{ "SELECT " UNIT_COLUMNS " FROM unit WHERE " FILTER_SQL " ORDER BY kind, name LIMIT ?4",
		  "SELECT " UNIT_COLUMNS " FROM unit WHERE " FILTER_SQL
		  " AND (kind, name) > (?2, ?3) ORDER BY kind, name LIMIT ?4" },
		{ "SELECT " UNIT_COLUMNS " FROM unit WHERE " FILTER_SQL " ORDER BY kind DESC, name DESC LIMIT ?4",
		  "SELECT " UNIT_COLUMNS " FROM unit WHERE " FILTER_SQL
		  " AND (kind, name) < (?2, ?3) ORDER BY kind DESC, name DESC LIMIT ?4" },
	};
	sqlite3_stmt *st = db_prepare(db, sql[backwards != 0][after != NULL], err);
	char *pattern = filter && *filter ? like_anywhere(filter) : NULL;
	struct unit *out = xcalloc((size_t)(limit > 0 ? limit : 1), sizeof *out);
	int n = 0, rc;

	*rows = NULL;
	*nrows = 0;
	if (!st) {
		free(pattern);
		free(out);
		return -1;
	}
	if (pattern)
		sqlite3_bind_text(st, 1, pattern, -1, SQLITE_TRANSIENT);
	if (after) {
		sqlite3_bind_int(st, 2, after->kind);
		sqlite3_bind_text(st, 3, after->name, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int(st, 4, limit);
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, &out[n++]);
	if (n < limit && rc != SQLITE_DONE) {
		db_error(db, err);
		unit_rows_free(out, n);
		sqlite3_finalize(st);
		free(pattern);
		return -1;
	}
	sqlite3_finalize(st);
	free(pattern);
	if (backwards)
		rows_reverse(out, n, sizeof *out);
	*rows = out;
	*nrows = n;
	return 0;
}

void unit_rows_free(struct unit *rows, int n)
{
	for (int i = 0; i < n; i++)
		unit_free(&rows[i]);
	free(rows);
}

int unit_each(sqlite3 *db, const char *filter, void (*fn)(void *ctx, const struct unit *u), void *ctx,
	      struct zerr *err)
{
	struct unit_key key = { 0, NULL };
	int n;

	do {
		struct unit *rows;

		if (unit_page(db, filter, key.name ? &key : NULL, 0, 200, &rows, &n, err) != 0) {
			free(key.name);
			return -1;
		}
		for (int i = 0; i < n; i++)
			fn(ctx, &rows[i]);
		if (n) {
			free(key.name);
			key.kind = rows[n - 1].kind;
			key.name = xstrdup(rows[n - 1].f[UF_NAME]);
		}
		unit_rows_free(rows, n);
	} while (n == 200);
	free(key.name);
	return 0;
}

int unit_count(sqlite3 *db, const char *filter, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM unit WHERE " FILTER_SQL, err);
	char *pattern = filter && *filter ? like_anywhere(filter) : NULL;
	int n = -1;

	if (!st) {
		free(pattern);
		return -1;
	}
	if (pattern)
		sqlite3_bind_text(st, 1, pattern, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	free(pattern);
	return n;
}

/* Maps header names (codes or Chinese) to fields; fills map[col] = field. */
/* The CSV's extra column after the editable fields: whether the unit is retired. */
#define COL_RETIRED UF_COUNT
#define RETIRED_CODE "retired"
#define RETIRED_ZH "已停用"

/* "name, kind, ..." for messages, from the field table. */
static char *column_names(void)
{
	struct sbuf b = { 0 };

	for (int f = 0; f < UF_COUNT; f++)
		sbuf_printf(&b, "%s, ", fields[f].code);
	sbuf_add(&b, RETIRED_CODE);
	return sbuf_take(&b);
}

/* Maps header names (codes or Chinese) to columns; fills map[col] and seen[column]. */
static int read_header(char **hdr, int n, int *map, int *seen, struct zerr *err)
{
	for (int c = 0; c < n; c++) {
		char *name = str_trim(hdr[c]);
		int f;

		for (f = 0; f < UF_COUNT; f++)
			if (strcmp(name, fields[f].code) == 0 || strcmp(name, fields[f].zh) == 0)
				break;
		if (f == UF_COUNT && strcmp(name, RETIRED_CODE) != 0 && strcmp(name, RETIRED_ZH) != 0) {
			char *names = column_names();

			zerr_set(err, _("line 1: unknown column '%s'; allowed: %s"), name, names);
			free(names);
			return -1;
		}
		if (seen[f]++) {
			zerr_set(err, _("line 1: column '%s' appears twice"), name);
			return -1;
		}
		map[c] = f;
	}
	if (!seen[UF_NAME] || !seen[UF_KIND]) {
		zerr_set(err, _("line 1: the header must name at least the columns name and kind"));
		return -1;
	}
	return 0;
}

static long long id_by_name(sqlite3 *db, const char *name, int *version)
{
	sqlite3_stmt *st = NULL;
	long long id = 0;

	if (sqlite3_prepare_v2(db, "SELECT id, version FROM unit WHERE name = ?1", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		*version = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return id;
}

int unit_import_csv(sqlite3 *db, const char *text, size_t len, const char *op, int *added, int *updated,
		    struct zerr *err)
{
	struct csv_reader r;
	struct sbuf bad = { 0 };
	char **row = NULL;
	long long *touched = NULL;
	int map[UF_COUNT + 1], present[UF_COUNT + 1] = { 0 }, ncols, line, nbad = 0, ntouched = 0, rc = -1;
	struct zerr e = ZERR_INIT;

	*added = *updated = 0;
	if (!str_valid_utf8(text, len) || memchr(text, '\0', len)) {
		zerr_set(err, _("the file is not UTF-8 text; save it as \"CSV UTF-8\" (or convert it with iconv -f GBK -t UTF-8)"));
		return -1;
	}
	csv_init(&r, text, len);
	ncols = csv_read(&r, &row, &line, &e);
	if (ncols <= 0) {
		if (ncols == 0)
			zerr_set(err, _("the file is empty; the first line must name the columns"));
		else
			zerr_set(err, _("line %d: %s"), line, e.msg);
		strv_free(row);
		return -1;
	}
	if (ncols > UF_COUNT + 1 || read_header(row, ncols, map, present, err) != 0) {
		if (ncols > UF_COUNT + 1)
			zerr_set(err, _("line 1: too many columns (%d)"), ncols);
		strv_free(row);
		return -1;
	}
	strv_free(row);
	if (db_begin(db, err) != 0)
		return -1;
	for (;;) {
		struct unit u;
		int n = csv_read(&r, &row, &line, &e);

		if (n == 0)
			break;
		if (n < 0) {
			sbuf_printf(&bad, _("line %d: %s\n"), line, e.msg);
			nbad++;
			break;	/* the rest of the file cannot be trusted after a broken quote */
		}
		if (n != ncols) {
			sbuf_printf(&bad, _("line %d: %d fields, the header has %d\n"), line, n, ncols);
			nbad++;
			strv_free(row);
			continue;
		}
		unit_init(&u);
		u.retired = -2;
		for (int c = 0; c < n; c++) {
			if (map[c] == COL_RETIRED)
				u.retired = *str_trim(row[c]) ? check_yes_no(str_trim(row[c])) : 0;
			else
				unit_set(&u, map[c], row[c]);
		}
		strv_free(row);
		if (u.retired == -1) {
			sbuf_printf(&bad, _("line %d: %s: allowed: 0 or 1, yes or no, 是 or 否\n"), line, RETIRED_ZH);
			nbad++;
			unit_free(&u);
			continue;
		}
		u.id = id_by_name(db, u.f[UF_NAME], &u.version);
		if (u.id) {
			/* Columns the file does not have keep what the directory holds. */
			struct unit old;

			if (unit_get(db, u.id, &old, &e) == 0) {
				for (int f = 0; f < UF_COUNT; f++)
					if (!present[f])
						unit_set(&u, f, old.f[f]);
				if (!present[COL_RETIRED])
					u.retired = old.retired;
				unit_free(&old);
			}
		}
		if (u.retired < 0)
			u.retired = 0;
		{
			int existed = u.id != 0, twice = 0;

			for (int i = 0; i < ntouched && existed; i++)
				twice |= touched[i] == u.id;
			zerr_clear(&e);
			if (twice) {
				sbuf_printf(&bad, _("line %d: '%s' appears twice in the file\n"), line, u.f[UF_NAME]);
				nbad++;
			} else if (write_unit(db, &u, op, &e) != 0) {
				sbuf_printf(&bad, _("line %d: %s\n"), line, e.msg);
				nbad++;
			} else {
				touched = xrealloc(touched, sizeof *touched * (size_t)(ntouched + 1));
				touched[ntouched++] = u.id;
				if (existed)
					(*updated)++;
				else
					(*added)++;
			}
		}
		unit_free(&u);
		if (nbad >= 20) {
			sbuf_add(&bad, _("(stopped after 20 bad lines)\n"));
			break;
		}
	}
	if (nbad) {
		db_rollback(db);
		if (bad.len && bad.s[bad.len - 1] == '\n')
			bad.s[--bad.len] = '\0';
		zerr_set(err, "%s", bad.s);
		*added = *updated = 0;
	} else {
		rc = db_commit(db, err);
		if (rc != 0)
			*added = *updated = 0;
	}
	sbuf_free(&bad);
	free(touched);
	return rc;
}

char *unit_export_csv(sqlite3 *db, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " UNIT_COLUMNS " FROM unit ORDER BY kind, name", err);
	struct sbuf b = { 0 };
	const char *row[UF_COUNT + 1];
	int rc;

	if (!st)
		return NULL;
	for (int i = 0; i < UF_COUNT; i++)
		row[i] = fields[i].code;
	row[COL_RETIRED] = RETIRED_CODE;
	csv_write_row(&b, row, UF_COUNT + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct unit u;

		char *safe[UF_COUNT];

		read_row(st, &u);
		/* The import lets no control character in; one put there by other means stays out too. */
		for (int i = 0; i < UF_COUNT; i++)
			row[i] = safe[i] = text_safe(u.f[i]);
		row[COL_RETIRED] = u.retired ? "1" : "0";
		csv_write_row(&b, row, UF_COUNT + 1);
		for (int i = 0; i < UF_COUNT; i++)
			free(safe[i]);
		unit_free(&u);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_error(db, err);
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_take(&b);
}
