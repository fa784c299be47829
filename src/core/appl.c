/* appl.c - the application register: checks, scope, registration, states and deadlines. */
#include "appl.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "choice.h"
#include "db.h"
#include "ident.h"
#include "register.h"

enum { FOR_BOTH, FOR_PERSON, FOR_ORG };

static const struct field_spec fields[AF_COUNT] = {
	[AF_APPLICANT_KIND] = { "applicant_kind", N_("Applicant"), 20, FOR_BOTH },
	[AF_NAME] = { "name", N_("Applicant's name"), 60, FOR_BOTH },
	[AF_EMPLOYER] = { "employer", N_("Work unit"), 60, FOR_PERSON },
	[AF_ID_TYPE] = { "id_type", N_("Document type"), 30, FOR_PERSON },
	[AF_ID_NUMBER] = { "id_number", N_("Document number"), 30, FOR_PERSON },
	[AF_ORG_KIND] = { "org_kind", N_("Kind of organisation"), 20, FOR_ORG },
	[AF_USCC] = { "uscc", N_("Unified social credit code"), 18, FOR_ORG },
	[AF_LEGAL_REP] = { "legal_rep", N_("Legal representative"), 30, FOR_ORG },
	[AF_CONTACT_NAME] = { "contact_name", N_("Contact person"), 30, FOR_ORG },
	[AF_PHONE] = { "phone", N_("Phone"), 30, FOR_BOTH },
	[AF_ADDRESS] = { "address", N_("Postal address"), 100, FOR_BOTH },
	[AF_POSTCODE] = { "postcode", N_("Postcode"), 6, FOR_BOTH },
	[AF_EMAIL] = { "email", N_("E-mail"), 80, FOR_BOTH },
	[AF_TARGET_UNIT] = { "target_unit", N_("Unit applied to"), 60, FOR_BOTH },
	[AF_DESCRIPTION] = { "description", N_("Information wanted"), 2000, FOR_BOTH },
	[AF_FORM] = { "form", N_("Form wanted"), 20, FOR_BOTH },
	[AF_DELIVERY] = { "delivery", N_("How to obtain it"), 20, FOR_BOTH },
	[AF_ORAL] = { "oral", N_("Oral, written down by the clerk"), 5, FOR_BOTH },
	[AF_RECEIVED] = { "received", N_("Received on"), 10, FOR_BOTH },
};

static const char *const state_codes[AS_COUNT] = { "received", "forwarded", "supplement", "answered", "withdrawn",
						   "lapsed" };
static const char *const state_labels[AS_COUNT] = {
	N_("Received"), N_("Forwarded"), N_("Awaiting supplement"), N_("Answered"), N_("Withdrawn"), N_("Lapsed")
};
static const struct state_names states = { state_codes, state_labels, AS_COUNT };

const char *appl_field_key(int field)
{
	return fields[field].key;
}

const char *appl_field_label(int field)
{
	return _(fields[field].label);
}

int appl_field_max(int field)
{
	return fields[field].max;
}

int appl_field_by_key(const char *key)
{
	return field_spec_find(fields, AF_COUNT, key);
}

static int is_org(const struct appl *a)
{
	return strcmp(a->f[AF_APPLICANT_KIND], "org") == 0;
}

int appl_field_applies(const struct appl *a, int field)
{
	return fields[field].applies == FOR_BOTH || fields[field].applies == (is_org(a) ? FOR_ORG : FOR_PERSON);
}

const char *appl_state_code(int state)
{
	return state_code(&states, state);
}

const char *appl_state_label(int state)
{
	return state_label(&states, state);
}

int appl_state_parse(const char *s)
{
	return state_parse(&states, s);
}

void appl_init(struct appl *a)
{
	memset(a, 0, sizeof *a);
	fields_init(a->f, AF_COUNT);
	a->outcome = xstrdup("");
	a->forwarded_at = xstrdup("");
	a->created_by = xstrdup("");
}

void appl_free(struct appl *a)
{
	fields_free(a->f, AF_COUNT);
	free(a->serial);
	free(a->outcome);
	free(a->forwarded_at);
	free(a->created_by);
	memset(a, 0, sizeof *a);
}

void appl_set(struct appl *a, int field, const char *value)
{
	field_set(a->f, field, value);
}

void appl_check_free(struct appl_check *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->v[i].msg);
	free(c->v);
	memset(c, 0, sizeof *c);
}

void appl_check_add(struct appl_check *c, int field, int warning, const char *fmt, ...)
{
	va_list ap;

	c->v = xrealloc(c->v, sizeof *c->v * (size_t)(c->n + 1));
	c->v[c->n].field = field;
	c->v[c->n].warning = warning;
	va_start(ap, fmt);
	c->v[c->n].msg = xvasprintf(fmt, ap);
	va_end(ap);
	c->n++;
	c->errors += !warning;
}

static void check_identity(struct appl *a, zdate today, struct appl_check *c)
{
	int doc, rc;

	if (!*a->f[AF_ID_TYPE] && *a->f[AF_ID_NUMBER])
		appl_set(a, AF_ID_TYPE, ident_doc_code(DOC_ID_CARD));
	if (!*a->f[AF_ID_TYPE]) {
		appl_check_add(c, AF_ID_TYPE, 0, _("required"));
		return;
	}
	doc = ident_doc_parse(a->f[AF_ID_TYPE]);
	if (doc < 0) {
		appl_check_add(c, AF_ID_TYPE, 0, _("'%s' is not a document type; allowed: id_card, passport, hk_macao, taiwan, foreign_pr"),
			a->f[AF_ID_TYPE]);
		return;
	}
	appl_set(a, AF_ID_TYPE, ident_doc_code(doc));
	if (!*a->f[AF_ID_NUMBER]) {
		appl_check_add(c, AF_ID_NUMBER, 0, _("required (Art. 29: proof of identity)"));
		return;
	}
	rc = ident_check_doc(doc, a->f[AF_ID_NUMBER], today);
	if (doc == DOC_ID_CARD && rc == ID_OK && a->f[AF_ID_NUMBER][17] == 'x')
		a->f[AF_ID_NUMBER][17] = 'X';
	switch (rc) {
	case ID_OK:
		break;
	case ID_BAD_LENGTH:
		appl_check_add(c, AF_ID_NUMBER, 0, _("an ID card number has 18 characters; this one has %zu"),
			strlen(a->f[AF_ID_NUMBER]));
		break;
	case ID_BAD_BIRTH:
		appl_check_add(c, AF_ID_NUMBER, 0, _("the birth date in the number (characters 7 to 14) is not a real past date"));
		break;
	case ID_BAD_CHECK:
		appl_check_add(c, AF_ID_NUMBER, 0, _("the last character does not match the others: a digit was probably mistyped"));
		break;
	default:
		appl_check_add(c, AF_ID_NUMBER, 0, doc == DOC_ID_CARD ? _("only digits, and X as the last character")
							     : _("this is not the shape of such a document number"));
	}
}

static void check_org(struct appl *a, struct appl_check *c)
{
	int rc;

	check_choice(c, a->f, AF_ORG_KIND, org_kinds, 1);
	if (!*a->f[AF_USCC]) {
		appl_check_add(c, AF_USCC, 0, _("required (Art. 29: proof of identity)"));
	} else {
		for (char *p = a->f[AF_USCC]; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		rc = ident_check_uscc(a->f[AF_USCC]);
		if (rc == ID_BAD_LENGTH)
			appl_check_add(c, AF_USCC, 0, _("a credit code has 18 characters; this one has %zu"), strlen(a->f[AF_USCC]));
		else if (rc == ID_BAD_CHAR)
			appl_check_add(c, AF_USCC, 0, _("only digits and the capital letters of the code (no I, O, S, V, Z)"));
		else if (rc == ID_BAD_CHECK)
			appl_check_add(c, AF_USCC, 1, _("the check character does not match; early codes can fail this check, so compare it with the licence"));
	}
	if (!*a->f[AF_LEGAL_REP])
		appl_check_add(c, AF_LEGAL_REP, 0, _("required"));
	if (!*a->f[AF_CONTACT_NAME])
		appl_check_add(c, AF_CONTACT_NAME, 0, _("required"));
}

/* Finds the target unit by its exact name among the units in use. */
static void check_unit(sqlite3 *db, struct appl *a, struct unit *unit, struct appl_check *c)
{
	if (!*a->f[AF_TARGET_UNIT]) {
		appl_check_add(c, AF_TARGET_UNIT, 0, _("required: which unit holds the information?"));
		return;
	}
	if (unit_find(db, a->f[AF_TARGET_UNIT], unit) != 0) {
		appl_check_add(c, AF_TARGET_UNIT, 0, _("no unit named '%s' in the unit directory (search it there, or with zwgk unit list)"),
			       a->f[AF_TARGET_UNIT]);
		return;
	}
	a->unit_id = unit->id;
}

int appl_validate(sqlite3 *db, struct appl *a, zdate today, struct unit *unit, struct appl_check *c)
{
	int oral;

	memset(c, 0, sizeof *c);
	unit_init(unit);
	for (int f = 0; f < AF_COUNT; f++) {
		if (check_text(a->f[f], fields[f].max) < 0)
			appl_check_add(c, f, 0, _("at most %d characters, no control characters or line breaks"), fields[f].max);
	}
	if (c->errors)
		return c->errors;
	check_choice(c, a->f, AF_APPLICANT_KIND, applicant_kinds, 1);
	if (!*a->f[AF_NAME])
		appl_check_add(c, AF_NAME, 0, is_org(a) ? _("required: the organisation's name") : _("required: the applicant's name"));
	for (int f = 0; f < AF_COUNT; f++)
		if (*a->f[f] && !appl_field_applies(a, f))
			appl_check_add(c, f, 0, is_org(a) ? _("belongs to a citizen's application, not an organisation's")
						   : _("belongs to an organisation's application, not a citizen's"));
	if (is_org(a))
		check_org(a, c);
	else
		check_identity(a, today, c);
	if (!*a->f[AF_PHONE] && !*a->f[AF_ADDRESS] && !*a->f[AF_EMAIL])
		appl_check_add(c, AF_PHONE, 0, _("give a phone, a postal address or an e-mail (Art. 29: contact details)"));
	if (*a->f[AF_PHONE] && !check_phone_personal(a->f[AF_PHONE]))
		appl_check_add(c, AF_PHONE, 0, _("'%s' is not a phone number; a mobile has 11 digits, a landline its area code: 023-12345678"),
			a->f[AF_PHONE]);
	if (*a->f[AF_POSTCODE] && !check_postcode(a->f[AF_POSTCODE]))
		appl_check_add(c, AF_POSTCODE, 0, _("a postcode has 6 digits"));
	if (*a->f[AF_EMAIL] && !check_email(a->f[AF_EMAIL]))
		appl_check_add(c, AF_EMAIL, 0, _("'%s' is not an e-mail address"), a->f[AF_EMAIL]);
	check_unit(db, a, unit, c);
	if (!*a->f[AF_DESCRIPTION])
		appl_check_add(c, AF_DESCRIPTION, 0, _("required: the name, document number or a description of the information (Art. 29)"));
	check_choice(c, a->f, AF_FORM, provide_forms, 1);
	check_choice(c, a->f, AF_DELIVERY, deliveries, 1);
	if (!*a->f[AF_EMAIL] && (strcmp(a->f[AF_DELIVERY], "email") == 0 || strcmp(a->f[AF_FORM], "email") == 0))
		appl_check_add(c, AF_EMAIL, 0, _("required when the information is to be sent by e-mail"));
	if (!*a->f[AF_ADDRESS] && strcmp(a->f[AF_DELIVERY], "post") == 0)
		appl_check_add(c, AF_ADDRESS, 0, _("required when the information is to be posted"));
	oral = *a->f[AF_ORAL] ? check_yes_no(a->f[AF_ORAL]) : 0;
	if (oral < 0)
		appl_check_add(c, AF_ORAL, 0, _("yes or no"));
	else
		appl_set(a, AF_ORAL, oral ? "yes" : "no");
	if (!*a->f[AF_RECEIVED]) {
		char buf[DATE_BUFSZ];

		appl_set(a, AF_RECEIVED, date_format(today, buf));
	}
	if (date_parse(a->f[AF_RECEIVED], &a->received) != 0)
		appl_check_add(c, AF_RECEIVED, 0, _("'%s' is not a date; allowed: YYYY-MM-DD"), a->f[AF_RECEIVED]);
	else if (a->received > today)
		appl_check_add(c, AF_RECEIVED, 0, _("lies in the future; a posted application keeps the day it was signed for"));
	else if (date_year(a->received) < date_year(today) - 1)
		appl_check_add(c, AF_RECEIVED, 0, _("lies before last year; such an old application cannot be registered now"));
	else if (today - a->received > 7)
		appl_check_add(c, AF_RECEIVED, 1, _("lies %d days back; check it is the day the post was signed for"),
			       (int)(today - a->received));
	return c->errors;
}

int appl_in_scope(const struct config *cfg, const struct unit *unit)
{
	switch (cfg->site_type) {
	case SITE_COUNTY_CENTER:
	case SITE_ARCHIVE:
	case SITE_LIBRARY:
		return unit->kind == UK_COUNTY_GOV || unit->kind == UK_COUNTY_DEPT;
	case SITE_TOWNSHIP:
	case SITE_VILLAGE:
		return unit->kind == UK_TOWNSHIP && strcmp(unit->f[UF_TOWNSHIP], cfg->site_township) == 0;
	default:
		return 0;
	}
}

zdate appl_deadline_from(const struct calendar *cal, zdate clock_start, int extended, int *provisional)
{
	zdate d = cal_add_workdays(cal, clock_start, APPL_REPLY_DAYS, provisional);

	return extended ? cal_add_workdays(cal, d, APPL_EXTENSION_DAYS, provisional) : d;
}

zdate appl_deadline(const struct calendar *cal, const struct appl *a, int *provisional)
{
	if (a->state == AS_SUPPLEMENT || !a->clock_start)
		return 0;
	return appl_deadline_from(cal, a->clock_start, a->extended, provisional);
}

/* What the stored deadlines were counted with: the calendar's digest and the periods of Art. 33. */
static void deadline_basis(const struct calendar *cal, char out[64])
{
	snprintf(out, 64, "%016llx %d %d", cal_fingerprint(cal), APPL_REPLY_DAYS, APPL_EXTENSION_DAYS);
}

/*
 * Every open deadline is counted again only when the calendar (or the law's periods) differs
 * from the one they were counted with, as the meta table remembers it: otherwise each start
 * would read all open applications. Counted inside the write transaction, a row at a time.
 */
int appl_refresh_deadlines(sqlite3 *db, const struct calendar *cal, struct zerr *err)
{
	sqlite3_stmt *st = NULL, *up = NULL, *meta = NULL;
	char basis[64];
	zdate last_clock = 0, last = 0;
	int last_ext = -1, n = 0, rc = 0;

	deadline_basis(cal, basis);
	if (db_meta_is(db, "deadlines_calendar", basis))
		return 0;
	if (db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db,
			"SELECT id, clock_start, extended, deadline FROM application WHERE state IN ('received', 'forwarded')",
			err);
	up = st ? db_prepare(db, "UPDATE application SET deadline = ?1 WHERE id = ?2", err) : NULL;
	meta = up ? db_prepare(db, "INSERT INTO meta (key, value) VALUES ('deadlines_calendar', ?1)"
				   " ON CONFLICT (key) DO UPDATE SET value = excluded.value", err)
		  : NULL;
	if (!meta)
		rc = -1;
	while (rc == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char buf[DATE_BUFSZ];
		zdate clock;
		int ext = sqlite3_column_int(st, 2);

		rc = 0;
		if (date_parse(db_text(st, 1), &clock) != 0)
			continue;
		/* Open applications come by state and day received: most share the day before. */
		if (clock != last_clock || ext != last_ext) {
			int prov = 0;

			last = appl_deadline_from(cal, clock, ext, &prov);
			last_clock = clock;
			last_ext = ext;
		}
		if (strcmp(date_format(last, buf), db_text(st, 3)) == 0)
			continue;
		/* Only a changed deadline is written, and without a new row version: it is no one's edit. */
		sqlite3_bind_text(up, 1, buf, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(up, 2, sqlite3_column_int64(st, 0));
		if (sqlite3_step(up) != SQLITE_DONE)
			rc = -1;
		sqlite3_reset(up);
		n++;
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	if (rc == 0) {
		sqlite3_bind_text(meta, 1, basis, -1, SQLITE_STATIC);
		if (sqlite3_step(meta) != SQLITE_DONE)
			rc = -1;
	}
	if (rc != 0)
		db_error(db, err);
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	sqlite3_finalize(meta);
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err) == 0 ? n : -1;
}

static const char event_sql[] = "INSERT INTO app_event (app_id, at, day, operator, event, detail)"
				" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static const char *opt_date(zdate d, char buf[DATE_BUFSZ])
{
	if (!d) {
		buf[0] = '\0';
		return buf;
	}
	return date_format(d, buf);
}

struct new_appl {
	const struct appl *a;
	const char *op;
};

static void bind_new(sqlite3_stmt *st, void *ctx)
{
	static const int cols[] = { AF_APPLICANT_KIND, AF_NAME, AF_EMPLOYER, AF_ID_TYPE, AF_ID_NUMBER, AF_ORG_KIND,
				    AF_USCC, AF_LEGAL_REP, AF_CONTACT_NAME, AF_PHONE, AF_ADDRESS, AF_POSTCODE,
				    AF_EMAIL };
	const struct new_appl *n = ctx;
	const struct appl *a = n->a;
	char now[20], dbuf[DATE_BUFSZ];

	db_now(now);
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		sqlite3_bind_text(st, (int)i + 2, a->f[cols[i]], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 15, a->unit_id);
	sqlite3_bind_text(st, 16, a->f[AF_TARGET_UNIT], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 17, a->f[AF_DESCRIPTION], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 18, a->f[AF_FORM], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 19, a->f[AF_DELIVERY], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 20, strcmp(a->f[AF_ORAL], "yes") == 0);
	sqlite3_bind_text(st, 21, date_format(a->received, dbuf), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 22, state_codes[AS_RECEIVED], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 23, opt_date(a->deadline, dbuf), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 24, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 25, n->op, -1, SQLITE_TRANSIENT);
}

int appl_register(sqlite3 *db, const struct config *cfg, const struct calendar *cal, struct appl *a,
		  const char *op, struct zerr *err)
{
	struct new_appl n = { a, op };
	const struct record_insert r = {
		"app", cfg->application_serial, cfg->site_code, a->received,
		"INSERT INTO application (serial, applicant_kind, name, employer, id_type, id_number, org_kind, uscc,"
		" legal_rep, contact_name, phone, address, postcode, email, unit_id, unit_name, description, form,"
		" delivery, oral, received, state, clock_start, deadline, created_at, created_by, updated_at, updated_by)"
		" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?21,?23,?24,?25,?24,?25)",
		bind_new, &n, event_sql, "received", strcmp(a->f[AF_ORAL], "yes") == 0 ? "oral" : "", op,
	};
	char *serial;
	int prov = 0;

	a->state = AS_RECEIVED;
	a->clock_start = a->received;
	a->deadline = appl_deadline(cal, a, &prov);
	serial = record_insert(db, &r, &a->id, err);
	if (!serial)
		return -1;
	free(a->serial);
	a->serial = serial;
	free(a->created_by);
	a->created_by = xstrdup(op);
	a->version = 1;
	return 0;
}

int appl_guidance(sqlite3 *db, const char *reg, const struct unit *unit, const char *name,
		  const char *description, const char *op, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db,
				      "INSERT INTO guidance (at, day, operator, register, unit_id, unit_name, name,"
				      " description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				      err);
	char now[20], dbuf[DATE_BUFSZ];

	if (!st)
		return -1;
	db_now(now);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, date_format(date_today(), dbuf), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, op, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, reg, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, unit->id);
	sqlite3_bind_text(st, 6, unit->f[UF_NAME], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, name ? name : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, description ? description : "", -1, SQLITE_TRANSIENT);
	return db_done(db, st, err);
}

int guidance_page(sqlite3 *db, const struct guidance *after, int backwards, int limit, struct guidance **rows,
		  int *n, struct zerr *err)
{
	static const char *const sql[2] = {
		"SELECT id, at, day, operator, register, unit_name, name, description FROM guidance"
		" WHERE id > ?1 ORDER BY id LIMIT ?2",
		"SELECT id, at, day, operator, register, unit_name, name, description FROM guidance"
		" WHERE id < ?1 ORDER BY id DESC LIMIT ?2",
	};
	sqlite3_stmt *st = db_prepare(db, sql[backwards != 0], err);
	struct guidance *out;
	int rc = SQLITE_DONE;

	*rows = NULL;
	*n = 0;
	if (!st)
		return -1;
	/* Always an anchor (no NULL guard), so the page starts with a seek in the rowid. */
	sqlite3_bind_int64(st, 1, after ? after->id : backwards ? LLONG_MAX : 0);
	sqlite3_bind_int(st, 2, limit);
	out = xcalloc((size_t)(limit > 0 ? limit : 1), sizeof *out);
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct guidance *g = &out[(*n)++];

		g->id = sqlite3_column_int64(st, 0);
		g->at = xstrdup(db_text(st, 1));
		g->day = xstrdup(db_text(st, 2));
		g->operator = xstrdup(db_text(st, 3));
		g->reg = xstrdup(db_text(st, 4));
		g->unit = xstrdup(db_text(st, 5));
		g->name = xstrdup(db_text(st, 6));
		g->description = xstrdup(db_text(st, 7));
	}
	sqlite3_finalize(st);
	if (*n < limit && rc != SQLITE_DONE) {
		db_error(db, err);
		guidance_rows_free(out, *n);
		*n = 0;
		return -1;
	}
	if (backwards)
		rows_reverse(out, *n, sizeof *out);
	*rows = out;
	return 0;
}

void guidance_free(struct guidance *g)
{
	free(g->at);
	free(g->day);
	free(g->operator);
	free(g->reg);
	free(g->unit);
	free(g->name);
	free(g->description);
	memset(g, 0, sizeof *g);
}

void guidance_rows_free(struct guidance *rows, int n)
{
	for (int i = 0; i < n; i++)
		guidance_free(&rows[i]);
	free(rows);
}

#define APPL_COLUMNS "id, serial, applicant_kind, name, employer, id_type, id_number, org_kind, uscc, legal_rep," \
		     " contact_name, phone, address, postcode, email, unit_name, description, form, delivery, oral," \
		     " received, unit_id, state, clock_start, extended, deadline, outcome, answered, forwarded_at," \
		     " receipt_printed, version, created_by"

static zdate col_date(sqlite3_stmt *st, int col)
{
	zdate d;

	return date_parse(db_text(st, col), &d) == 0 ? d : 0;
}

static void read_appl(sqlite3_stmt *st, struct appl *a)
{
	static const int order[] = { AF_APPLICANT_KIND, AF_NAME, AF_EMPLOYER, AF_ID_TYPE, AF_ID_NUMBER, AF_ORG_KIND,
				     AF_USCC, AF_LEGAL_REP, AF_CONTACT_NAME, AF_PHONE, AF_ADDRESS, AF_POSTCODE,
				     AF_EMAIL, AF_TARGET_UNIT, AF_DESCRIPTION, AF_FORM, AF_DELIVERY };
	size_t n = sizeof order / sizeof order[0];

	appl_init(a);
	a->id = sqlite3_column_int64(st, 0);
	a->serial = xstrdup(db_text(st, 1));
	for (size_t i = 0; i < n; i++)
		appl_set(a, order[i], db_text(st, (int)i + 2));
	appl_set(a, AF_ORAL, sqlite3_column_int(st, 19) ? "yes" : "no");
	appl_set(a, AF_RECEIVED, db_text(st, 20));
	a->received = col_date(st, 20);
	a->unit_id = sqlite3_column_int64(st, 21);
	a->state = appl_state_parse(db_text(st, 22));
	a->clock_start = col_date(st, 23);
	a->extended = sqlite3_column_int(st, 24);
	a->deadline = col_date(st, 25);
	free(a->outcome);
	a->outcome = xstrdup(db_text(st, 26));
	a->answered = col_date(st, 27);
	free(a->forwarded_at);
	a->forwarded_at = xstrdup(db_text(st, 28));
	a->receipt_printed = sqlite3_column_int(st, 29);
	a->version = sqlite3_column_int(st, 30);
	free(a->created_by);
	a->created_by = xstrdup(db_text(st, 31));
}

int appl_load(sqlite3 *db, const char *serial, struct appl *a, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " APPL_COLUMNS " FROM application WHERE serial = ?1", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, serial, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_appl(st, a);
	else if (rc == SQLITE_DONE)
		zerr_set(err, _("no application with the serial number %s"), serial);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static void read_any(sqlite3_stmt *st, void *row)
{
	read_appl(st, row);
}

static void free_any(void *rows, int n)
{
	appl_rows_free(rows, n);
}

int appl_page(sqlite3 *db, const struct appl_filter *f, const struct appl *after, int backwards, int limit,
	      struct appl **rows, int *n, struct zerr *err)
{
	/*
	 * The range of days and the anchor are seeks in application_by_received (page_range,
	 * PAGE_AFTER_SQL); the other filters are read along the way.
	 */
#define APPL_PAGE_FILTERS \
	" AND (?1 IS NULL OR state = ?1)" \
	" AND (?2 = 0 OR (state IN ('received', 'forwarded') AND deadline <> '' AND deadline < ?3))" \
	" AND (?4 IS NULL OR serial LIKE ?4 ESCAPE '\\' OR name LIKE ?4 ESCAPE '\\'" \
	"      OR description LIKE ?4 ESCAPE '\\')" \
	" AND (?10 IS NULL OR unit_name = ?10)"
	static const char *const sql[2] = {
		PAGE_AFTER_SQL("SELECT " APPL_COLUMNS " FROM application WHERE", "received", APPL_PAGE_FILTERS, "5", "6", "7",
			       "9"),
		PAGE_BEFORE_SQL("SELECT " APPL_COLUMNS " FROM application WHERE", "received", APPL_PAGE_FILTERS, "5", "7",
				"8", "9"),
	};
	sqlite3_stmt *st = db_prepare(db, sql[backwards != 0], err);
	struct page_range r;
	char today[DATE_BUFSZ];
	zdate from = f->from, to = f->to;

	*rows = NULL;
	*n = 0;
	if (!st)
		return -1;
	/* One day received is the range from that day to that day. */
	if (f->received_on && (!from || f->received_on > from))
		from = f->received_on;
	if (f->received_on && (!to || f->received_on < to))
		to = f->received_on;
	page_range(from, to, after ? &after->received : NULL, after ? after->id : 0, backwards, &r);
	if (f->state >= 0)
		sqlite3_bind_text(st, 1, state_codes[f->state], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, f->overdue);
	sqlite3_bind_text(st, 3, date_format(f->today, today), -1, SQLITE_TRANSIENT);
	if (f->text && *f->text)
		sqlite3_bind_text(st, 4, like_anywhere(f->text), -1, free);
	page_range_bind(st, 5, &r);
	sqlite3_bind_int(st, 9, limit);
	if (f->unit)
		sqlite3_bind_text(st, 10, f->unit, -1, SQLITE_TRANSIENT);
	return db_page_rows(db, st, limit, backwards, sizeof **rows, read_any, free_any, (void **)rows, n, err);
}

int appl_each(sqlite3 *db, const struct appl_filter *f, int (*fn)(void *ctx, const struct appl *a), void *ctx,
	      struct zerr *err)
{
	struct appl *rows, last = { 0 };
	int n, rc = 0;

	do {
		if (appl_page(db, f, last.id ? &last : NULL, 0, EACH_PAGE, &rows, &n, err) != 0)
			return -1;
		for (int i = 0; i < n && !rc; i++)
			rc = fn(ctx, &rows[i]);
		if (n) {
			last.received = rows[n - 1].received;
			last.id = rows[n - 1].id;
		}
		appl_rows_free(rows, n);
	} while (n == EACH_PAGE && !rc);
	return rc;
}

void appl_rows_free(struct appl *rows, int n)
{
	for (int i = 0; i < n; i++)
		appl_free(&rows[i]);
	free(rows);
}

/*
 * Writes the state columns of `a` and one event, in one transaction, only if the record is
 * still at the version that was read: another window's change is never overwritten.
 */
static int save_state(sqlite3 *db, struct appl *a, zdate day, const char *op, const char *event,
		      const char *detail, struct zerr *err)
{
	sqlite3_stmt *st;
	char now[20], b1[DATE_BUFSZ], b2[DATE_BUFSZ], b3[DATE_BUFSZ];
	int changed;

	if (db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db,
			"UPDATE application SET state=?1, clock_start=?2, extended=?3, deadline=?4, outcome=?5,"
			" answered=?6, forwarded_at=?7, receipt_printed=?8, updated_at=?9, updated_by=?10,"
			" version=version+1 WHERE id=?11 AND version=?12",
			err);
	if (!st) {
		db_rollback(db);
		return -1;
	}
	db_now(now);
	sqlite3_bind_text(st, 1, state_codes[a->state], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, opt_date(a->clock_start, b1), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, a->extended);
	sqlite3_bind_text(st, 4, opt_date(a->deadline, b2), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, a->outcome, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, opt_date(a->answered, b3), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, a->forwarded_at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 8, a->receipt_printed);
	sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 10, op, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 11, a->id);
	sqlite3_bind_int(st, 12, a->version);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_error(db, err);
		sqlite3_finalize(st);
		db_rollback(db);
		return -1;
	}
	sqlite3_finalize(st);
	changed = sqlite3_changes(db);
	if (changed != 1) {
		zerr_set(err, _("application %s was changed in another window since it was opened; nothing was saved. Open it again"),
			 a->serial);
		db_rollback(db);
		return -1;
	}
	if (db_event_add(db, event_sql, a->id, day, op, event, detail, err) != 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, err) != 0)
		return -1;
	a->version++;
	return 0;
}

/* The mutable part of an application, to put back when a change is refused. */
struct state_copy {
	int state, extended, receipt_printed;
	zdate clock_start, deadline, answered;
	char *outcome, *forwarded_at;
};

static void keep(const struct appl *a, struct state_copy *c)
{
	c->state = a->state;
	c->extended = a->extended;
	c->receipt_printed = a->receipt_printed;
	c->clock_start = a->clock_start;
	c->deadline = a->deadline;
	c->answered = a->answered;
	c->outcome = xstrdup(a->outcome);
	c->forwarded_at = xstrdup(a->forwarded_at);
}

static int finish(struct appl *a, struct state_copy *c, int rc)
{
	if (rc != 0) {
		a->state = c->state;
		a->extended = c->extended;
		a->receipt_printed = c->receipt_printed;
		a->clock_start = c->clock_start;
		a->deadline = c->deadline;
		a->answered = c->answered;
		free(a->outcome);
		free(a->forwarded_at);
		a->outcome = c->outcome;
		a->forwarded_at = c->forwarded_at;
	} else {
		free(c->outcome);
		free(c->forwarded_at);
	}
	return rc;
}

static int require_state(const struct appl *a, unsigned allowed, const char *doing, struct zerr *err)
{
	if (allowed & (1u << a->state))
		return 0;
	zerr_set(err, _("application %s is %s; it cannot be %s now"), a->serial, appl_state_label(a->state), doing);
	return -1;
}

#define OPEN_STATES ((1u << AS_RECEIVED) | (1u << AS_FORWARDED))

static int check_day(const struct appl *a, zdate day, struct zerr *err)
{
	if (day < a->received) {
		zerr_set(err, _("the date lies before the application was received"));
		return -1;
	}
	if (day > date_today()) {
		zerr_set(err, _("the date lies in the future"));
		return -1;
	}
	return 0;
}

int appl_forward(sqlite3 *db, struct appl *a, const char *method, const char *to, zdate day, const char *op,
		 struct zerr *err)
{
	struct state_copy c;
	char now[20], d[DATE_BUFSZ], *detail;
	int m, rc;

	if (require_state(a, 1u << AS_RECEIVED, _("forwarded"), err) != 0)
		return -1;
	m = forward_check(method, to, a->received, day, _("name the person who took the application (at most 30 characters)"),
			  _("the date lies before the application was received"), err);
	if (m < 0)
		return -1;
	keep(a, &c);
	/* The day given (it may be entered afterwards), at the time it is recorded. */
	db_now(now);
	memcpy(now, date_format(day, d), 10);
	a->state = AS_FORWARDED;
	free(a->forwarded_at);
	a->forwarded_at = xstrdup(now);
	detail = forward_detail(m, to, a->received, day);
	rc = save_state(db, a, day, op, "forwarded", detail, err);
	free(detail);
	return finish(a, &c, rc);
}

static int has_event(sqlite3 *db, long long id, const char *event)
{
	sqlite3_stmt *st = NULL;
	int found = 0;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM app_event WHERE app_id = ?1 AND event = ?2", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, event, -1, SQLITE_STATIC);
		found = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return found;
}

int appl_request_supplement(sqlite3 *db, const struct calendar *cal, struct appl *a, zdate day, const char *what,
			    const char *op, struct zerr *err)
{
	struct state_copy c;
	char *detail;
	int prov = 0, late, rc;

	zerr_clear(err);
	/* The unit asks for 补正 once it has the application, so only after forwarding; and only once
	 * (Art. 30: 一次性告知). */
	if (require_state(a, 1u << AS_FORWARDED, _("sent back for a supplement"), err) != 0 || check_day(a, day, err) != 0)
		return -1;
	if (a->clock_start != a->received || has_event(db, a->id, "supplement_requested")) {
		zerr_set(err, _("application %s was sent back for a supplement already; Art. 30 allows it once"), a->serial);
		return -1;
	}
	if (what && check_text(what, APPL_SUPPLEMENT_MAX) < 0) {
		zerr_set(err, _("what must be added: at most %d characters, no control characters or line breaks"),
			 APPL_SUPPLEMENT_MAX);
		return -1;
	}
	late = cal_workdays_between(cal, a->received, day, &prov) > 7;
	keep(a, &c);
	a->state = AS_SUPPLEMENT;
	a->deadline = 0;
	detail = xasprintf("%s%s", what ? what : "", late ? "; late" : "");
	rc = finish(a, &c, save_state(db, a, day, op, "supplement_requested", detail, err));
	free(detail);
	if (rc == 0 && late) {
		zerr_set(err, _("recorded, but Art. 30 asks for the notice within 7 working days of receipt"));
		err->code = 0;
	}
	return rc;
}

int appl_supplement_received(sqlite3 *db, const struct calendar *cal, struct appl *a, zdate day, const char *op,
			     struct zerr *err)
{
	struct state_copy c;
	int prov = 0;

	if (require_state(a, 1u << AS_SUPPLEMENT, _("given a supplement"), err) != 0 || check_day(a, day, err) != 0)
		return -1;
	keep(a, &c);
	/* Art. 30: the reply period starts again from the day the supplement arrives. */
	a->state = AS_FORWARDED;
	a->clock_start = day;
	a->deadline = appl_deadline(cal, a, &prov);
	return finish(a, &c, save_state(db, a, day, op, "supplement_received", "", err));
}

int appl_extend(sqlite3 *db, const struct calendar *cal, struct appl *a, const char *approver, zdate day,
		const char *op, struct zerr *err)
{
	struct state_copy c;
	int prov = 0;

	/* The unit extends, so after forwarding, and before the deadline has passed. */
	if (require_state(a, 1u << AS_FORWARDED, _("extended"), err) != 0 || check_day(a, day, err) != 0)
		return -1;
	if (a->deadline && day > a->deadline) {
		char buf[DATE_BUFSZ];

		zerr_set(err, _("the deadline %s has passed; an extension must be decided before it"),
			 date_format(a->deadline, buf));
		return -1;
	}
	if (a->extended) {
		zerr_set(err, _("application %s was extended already; Art. 33 allows one extension"), a->serial);
		return -1;
	}
	if (!approver || !*approver || check_text(approver, 30) < 0) {
		zerr_set(err, _("name who approved the extension (at most 30 characters)"));
		return -1;
	}
	keep(a, &c);
	a->extended = 1;
	a->deadline = appl_deadline(cal, a, &prov);
	return finish(a, &c, save_state(db, a, day, op, "extended", approver, err));
}

int appl_answer(sqlite3 *db, struct appl *a, const char *outcome, zdate day, const char *op, struct zerr *err)
{
	struct state_copy c;
	int o = choice_parse(outcomes, outcome);

	if (require_state(a, OPEN_STATES, _("answered"), err) != 0 || check_day(a, day, err) != 0)
		return -1;
	if (o < 0) {
		zerr_set(err, _("'%s' is not an outcome of the annual report's table; allowed: 1, 2, 3.1-3.8, 4.1-4.3, 5.1-5.5, 6.1-6.3"),
			 outcome);
		return -1;
	}
	keep(a, &c);
	a->state = AS_ANSWERED;
	free(a->outcome);
	a->outcome = xstrdup(outcomes[o].code);
	a->answered = day;
	return finish(a, &c, save_state(db, a, day, op, "answered", outcomes[o].code, err));
}

int appl_withdraw(sqlite3 *db, struct appl *a, zdate day, const char *op, struct zerr *err)
{
	struct state_copy c;

	if (require_state(a, OPEN_STATES | (1u << AS_SUPPLEMENT), _("withdrawn"), err) != 0 ||
	    check_day(a, day, err) != 0)
		return -1;
	keep(a, &c);
	/* 申请人撤回: counted in the annual table's row 六.3 (其他). */
	a->state = AS_WITHDRAWN;
	free(a->outcome);
	a->outcome = xstrdup("6.3");
	a->answered = day;
	return finish(a, &c, save_state(db, a, day, op, "withdrawn", "6.3", err));
}

int appl_lapse(sqlite3 *db, struct appl *a, zdate day, const char *op, struct zerr *err)
{
	struct state_copy c;

	if (require_state(a, 1u << AS_SUPPLEMENT, _("closed as lapsed"), err) != 0 || check_day(a, day, err) != 0)
		return -1;
	keep(a, &c);
	/* 逾期不补正: counted in the annual table's row 六.1. */
	a->state = AS_LAPSED;
	free(a->outcome);
	a->outcome = xstrdup("6.1");
	a->answered = day;
	return finish(a, &c, save_state(db, a, day, op, "lapsed", "6.1", err));
}

int appl_mark_printed(sqlite3 *db, struct appl *a, const char *op, struct zerr *err)
{
	struct state_copy c;

	keep(a, &c);
	a->receipt_printed = 1;
	return finish(a, &c, save_state(db, a, date_today(), op, "receipt_printed", "", err));
}

int appl_log_full_view(sqlite3 *db, const struct appl *a, const char *op, struct zerr *err)
{
	return db_event_add(db, event_sql, a->id, date_today(), op, "shown_full", "", err);
}

char *appl_field_shown(const struct appl *a, int field)
{
	if (field == AF_ID_NUMBER)
		return ident_mask_id(a->f[field]);
	if (field == AF_PHONE)
		return ident_mask_phone(a->f[field]);
	return xstrdup(a->f[field]);
}

int appl_count_unforwarded(sqlite3 *db, zdate today, int *late)
{
	sqlite3_stmt *st = NULL;
	char day[DATE_BUFSZ];
	int n = -1;

	*late = 0;
	if (sqlite3_prepare_v2(db,
			       "SELECT count(*), coalesce(sum(received < ?1), 0) FROM application WHERE state = 'received'",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, date_format(today, day), -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_int(st, 0);
		*late = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return n;
}

int appl_forwarded_late(const struct appl *a)
{
	char day[DATE_BUFSZ];

	/* forwarded_at starts with the day of forwarding: "YYYY-MM-DD HH:MM:SS". */
	return *a->forwarded_at && strncmp(a->forwarded_at, date_format(a->received, day), 10) > 0;
}

const char *appl_event_label(const char *event)
{
	static const struct {
		const char *code, *label;
	} events[] = {
		{ "received", N_("received") }, { "forwarded", N_("forwarded") },
		{ "supplement_requested", N_("supplement requested") },
		{ "supplement_received", N_("supplement received") }, { "extended", N_("extended") },
		{ "answered", N_("answered") }, { "withdrawn", N_("withdrawn") }, { "lapsed", N_("lapsed") },
		{ "receipt_printed", N_("receipt printed") }, { "shown_full", N_("ID and phone shown in full") },
	};

	for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
		if (strcmp(events[i].code, event) == 0)
			return _(events[i].label);
	return event;
}

char *appl_event_detail(const char *event, const char *detail)
{
	if (strcmp(event, "received") == 0)
		return xstrdup(strcmp(detail, "oral") == 0 ? _("oral, written down by the clerk") : detail);
	if (strcmp(event, "answered") == 0 || strcmp(event, "lapsed") == 0 || strcmp(event, "withdrawn") == 0)
		return xstrdup(choice_label(outcomes, detail));
	if (strcmp(event, "supplement_requested") == 0) {
		size_t n = strlen(detail);

		if (n >= 6 && strcmp(detail + n - 6, "; late") == 0)
			return xasprintf("%.*s%s", (int)(n - 6), detail, _(", later than 7 working days"));
		return xstrdup(detail);
	}
	if (strcmp(event, "forwarded") == 0) {
		char *copy = xstrdup(detail), *save = NULL, *method = strtok_r(copy, ";", &save);
		char *to = strtok_r(NULL, ";", &save), *late = strtok_r(NULL, ";", &save), *out;

		out = xasprintf("%s%s%s%s", method ? choice_label(forward_methods, str_trim(method)) : "",
				to ? ", " : "", to ? str_trim(to) : "", late ? _(", forwarded late") : "");
		free(copy);
		return out;
	}
	return xstrdup(detail);
}

int appl_history(sqlite3 *db, long long id,
		 void (*fn)(void *ctx, const char *at, const char *day, const char *op, const char *event,
			    const char *detail),
		 void *ctx, struct zerr *err)
{
	return db_history(db, "SELECT at, day, operator, event, detail FROM app_event WHERE app_id = ?1 ORDER BY id",
			  id, fn, ctx, err);
}
