/*
 * audit.c - the audit trail: every record added to, changed in or removed from the registers,
 * the knowledge base, the unit directory and the shelf, with the time, the operator and what
 * changed, written by triggers so that no path of the program can leave it out. The table itself
 * refuses UPDATE and DELETE (its own triggers), so the program cannot alter it.
 */
#include "audit.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "width.h"

/*
 * What is watched: the table, the column naming a record for people, the columns whose changes
 * are written, and those written only as *** (personal data: no ID number or phone in the trail).
 * Lists as str_split_list reads them. A migration that adds a column to one of these tables makes
 * the triggers anew from this list.
 */
static const struct audited {
	const char *table, *key, *columns, *masked;
} audited[] = {
	{ "application", "serial",
	  "applicant_kind, name, employer, id_type, id_number, org_kind, uscc, legal_rep, contact_name, phone, address, postcode, "
	  "email, unit_id, unit_name, description, form, delivery, oral, received, state, clock_start, extended, deadline, outcome, "
	  "answered, forwarded_at, receipt_printed",
	  "id_number, phone, address, postcode, email" },
	{ "suggestion", "serial",
	  "name, contact, unit_id, unit_name, content, channel, received, state, forwarded_at, reply, replied", "contact" },
	{ "consultation", "serial",
	  "name, contact, question, channel, received, state, entry_id, entry_code, unit_id, unit_name, dispatch_method, "
	  "dispatched, due, reply, replied, followup, followup_day, followup_note",
	  "contact" },
	{ "kb_entry", "code",
	  "code, category, question, answer, source, unit, valid_from, valid_until, reviewed, status, consultation_id", "" },
	{ "unit", "name", "name, kind, township, phone, address, postcode, email, hours, retired", "" },
	{ "shelf_item", "id", "title, kind, edition, position, copies, placed, take_away, retired", "" },
};

/* json_object('col', P.col, ...) of a table's watched columns, P being NEW or OLD. */
static void add_object(struct sbuf *b, const struct audited *a, const char *p)
{
	char **cols;
	int n = str_split_list(a->columns, &cols);

	sbuf_add(b, "json_object(");
	for (int i = 0; i < n; i++)
		sbuf_printf(b, "%s'%s', %s.%s", i ? ", " : "", cols[i], p, cols[i]);
	sbuf_add(b, ")");
	strv_free(cols);
}

/* The value of json_each row `j` as the trail shows it: *** for a masked column. */
static void add_value(struct sbuf *b, const struct audited *a, const char *j, const char *value)
{
	char **masked;
	int n = str_split_list(a->masked, &masked);

	if (n == 0) {
		sbuf_printf(b, "coalesce(%s, '')", value);
	} else {
		sbuf_printf(b, "CASE WHEN %s.key IN (", j);
		for (int i = 0; i < n; i++)
			sbuf_printf(b, "%s'%s'", i ? ", " : "", masked[i]);
		sbuf_printf(b, ") THEN '***' ELSE coalesce(%s, '') END", value);
	}
	strv_free(masked);
}

char *audit_triggers_sql(void)
{
	struct sbuf b = { 0 };

	for (size_t t = 0; t < sizeof audited / sizeof audited[0]; t++) {
		const struct audited *a = &audited[t];

		/* Added: every watched field that holds something. */
		sbuf_printf(&b, "CREATE TRIGGER audit_%s_insert AFTER INSERT ON %s BEGIN INSERT INTO audit"
			    " (at, operator, tbl, record, action, changes) SELECT NEW.updated_at, NEW.updated_by, '%s',"
			    " CAST(NEW.%s AS TEXT), 'insert', coalesce((SELECT group_concat(j.key || ': ' || ",
			    a->table, a->table, a->table, a->key);
		add_value(&b, a, "j", "j.value");
		sbuf_add(&b, ", char(10)) FROM json_each(");
		add_object(&b, a, "NEW");
		sbuf_add(&b, ") j WHERE j.value IS NOT NULL AND j.value <> ''), ''); END;\n");
		/*
		 * Changed: each field that differs, old -> new. A change without a new row version is
		 * the program's own (a deadline counted again on a new calendar), not the last editor's.
		 */
		sbuf_printf(&b, "CREATE TRIGGER audit_%s_update AFTER UPDATE ON %s BEGIN INSERT INTO audit"
			    " (at, operator, tbl, record, action, changes) SELECT"
			    " CASE WHEN NEW.version = OLD.version THEN strftime('%%Y-%%m-%%d %%H:%%M:%%S', 'now', 'localtime')"
			    " ELSE NEW.updated_at END, CASE WHEN NEW.version = OLD.version THEN 'zwgk' ELSE NEW.updated_by END,"
			    " '%s', CAST(NEW.%s AS TEXT), 'update', c FROM (SELECT group_concat(o.key || ': ' || ",
			    a->table, a->table, a->table, a->key);
		add_value(&b, a, "o", "o.value");
		sbuf_add(&b, " || ' -> ' || ");
		add_value(&b, a, "o", "n.value");
		sbuf_add(&b, ", char(10)) AS c FROM json_each(");
		add_object(&b, a, "OLD");
		sbuf_add(&b, ") o JOIN json_each(");
		add_object(&b, a, "NEW");
		sbuf_add(&b, ") n ON n.key = o.key WHERE o.value IS NOT n.value) WHERE c IS NOT NULL; END;\n");
		/* Removed: the program removes no such record, so one removed is worth a line. */
		sbuf_printf(&b, "CREATE TRIGGER audit_%s_delete AFTER DELETE ON %s BEGIN INSERT INTO audit"
			    " (at, operator, tbl, record, action, changes) VALUES (strftime('%%Y-%%m-%%d %%H:%%M:%%S', 'now',"
			    " 'localtime'), 'zwgk', '%s', CAST(OLD.%s AS TEXT), 'delete', ''); END;\n",
			    a->table, a->table, a->table, a->key);
	}
	return sbuf_take(&b);
}

const char *audit_table_label(const char *table)
{
	static const struct {
		const char *table, *label;
	} labels[] = {
		{ "application", N_("Application") }, { "suggestion", N_("A suggestion") },
		{ "consultation", N_("A consultation") }, { "kb_entry", N_("Knowledge-base entry") },
		{ "unit", N_("A unit of the directory") }, { "shelf_item", N_("Shelf item") },
	};

	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(table, labels[i].table) == 0)
			return _(labels[i].label);
	return table;
}

int audit_each(sqlite3 *db, const char *record, int (*fn)(void *ctx, const struct audit_row *r), void *ctx,
	       struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db,
				      "SELECT id, at, operator, tbl, record, action, changes FROM audit"
				      " WHERE ?1 IS NULL OR record = ?1 ORDER BY id",
				      err);
	int rc = 0, step;

	if (!st)
		return -1;
	if (record)
		sqlite3_bind_text(st, 1, record, -1, SQLITE_TRANSIENT);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_row r = {
			sqlite3_column_int64(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3),
			db_text(st, 4),	db_text(st, 5), db_text(st, 6),
		};

		rc = fn(ctx, &r);
	}
	if (rc == 0 && step != SQLITE_DONE) {
		db_error(db, err);
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}
