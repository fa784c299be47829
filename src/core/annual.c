/* annual.c - table 三 of the annual report: counted in SQL, laid out as the national form, checked. */
#include "annual.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "choice.h"
#include "db.h"
#include "print.h"
#include "table.h"
#include "width.h"

/* Paper: the label area and seven number columns of 8, one space before each: 104 columns. */
#define LABEL_W 41
#define NUM_W 8
#define GROUP_W 14	/* （三）不予公开, left of its numbered items as on the form */
#define PAGE_W (LABEL_W + ACOL_COUNT * (NUM_W + 1))
/* Applications named under a check that fails, at most. */
#define BREAKERS_SHOWN 10

/*
 * The register as the table sees it: each application's column (c), the day it closed
 * (`shut`; 9999-12-31 while open) and its outcome code (o; a withdrawn one without a code is
 * 六.3). ?1 and ?2 are the first and last day of the year, ?3 a unit id or NULL. `+received`
 * reads the table in its own order: nearly every row is needed (what was open on 1 January
 * may have been received any year), and through the index each would cost a lookup.
 */
#define APPLICATIONS_SQL \
	"WITH a AS (SELECT id, serial, received, unit_id," \
	"  CASE WHEN applicant_kind = 'person' THEN 0 WHEN org_kind = 'business' THEN 1" \
	"   WHEN org_kind = 'research' THEN 2 WHEN org_kind = 'welfare' THEN 3 WHEN org_kind = 'legal' THEN 4" \
	"   ELSE 5 END AS c," \
	"  CASE WHEN state IN ('answered', 'withdrawn', 'lapsed') AND answered <> '' THEN answered" \
	"   ELSE '9999-12-31' END AS shut," \
	"  CASE WHEN state = 'withdrawn' AND outcome = '' THEN '6.3' ELSE outcome END AS o" \
	" FROM application WHERE +received <= ?2 AND (?3 IS NULL OR unit_id = ?3)) "

/* What a row adds to 一, 二, 三 and 四; an application closed before the year adds nothing. */
#define IN_YEAR "(received >= ?1 OR shut >= ?1)"
#define N_NEW "(received >= ?1)"
#define N_CARRIED "(received < ?1 AND shut >= ?1)"
#define N_CLOSED "(shut BETWEEN ?1 AND ?2)"
#define N_NEXT "(shut > ?2)"

/* The rows of the form in order: numbers (row >= 0) or a heading (-1). */
static const struct form_row {
	int row;
	int level;		/* 0: 一…四; 1: （一）…（七）; 2: a numbered item of a group */
	const char *group;	/* on a group's first item: （三）不予公开 */
	const char *label;
} form[] = {
	{ AROW_NEW, 0, NULL, N_("I. New applications for government information received this year") },
	{ AROW_CARRIED, 0, NULL, N_("II. Applications for government information carried over from last year") },
	{ -1, 0, NULL, N_("III. Results this year") },
	{ AROW_OUTCOME + 0, 1, NULL, N_("(1) Disclosed") },
	{ AROW_OUTCOME + 1, 1, NULL, N_("(2) Partly disclosed (counted here only when handled in parts, in no other row)") },
	{ AROW_OUTCOME + 2, 2, N_("(3) Not disclosed"), N_("1. A state secret") },
	{ AROW_OUTCOME + 3, 2, NULL, N_("2. Forbidden by other laws and administrative regulations") },
	{ AROW_OUTCOME + 4, 2, NULL, N_("3. Endangers the \"three securities and one stability\"") },
	{ AROW_OUTCOME + 5, 2, NULL, N_("4. Protects the lawful rights of a third party") },
	{ AROW_OUTCOME + 6, 2, NULL, N_("5. One of the three kinds of internal affairs") },
	{ AROW_OUTCOME + 7, 2, NULL, N_("6. One of the four kinds of process information") },
	{ AROW_OUTCOME + 8, 2, NULL, N_("7. An administrative enforcement case file") },
	{ AROW_OUTCOME + 9, 2, NULL, N_("8. An administrative enquiry matter") },
	{ AROW_OUTCOME + 10, 2, N_("(4) Cannot be provided"), N_("1. This agency does not hold the information") },
	{ AROW_OUTCOME + 11, 2, NULL, N_("2. Not at hand; it would have to be made") },
	{ AROW_OUTCOME + 12, 2, NULL, N_("3. Still unclear after the supplement") },
	{ AROW_OUTCOME + 13, 2, N_("(5) Not handled"), N_("1. A petition, report or complaint") },
	{ AROW_OUTCOME + 14, 2, NULL, N_("2. A repeated application") },
	{ AROW_OUTCOME + 15, 2, NULL, N_("3. Asks for published material") },
	{ AROW_OUTCOME + 16, 2, NULL, N_("4. Many repeated applications without good reason") },
	{ AROW_OUTCOME + 17, 2, NULL, N_("5. Asks the agency to confirm or reissue information already obtained") },
	{ AROW_OUTCOME + 18, 2, N_("(6) Other handling"),
	  N_("1. The applicant did not supplement in time without good reason; the agency no longer handles the application") },
	{ AROW_OUTCOME + 19, 2, NULL,
	  N_("2. The applicant did not pay the fee as the fee notice asked in time; the agency no longer handles the application") },
	{ AROW_OUTCOME + 20, 2, NULL, N_("3. Other") },
	{ AROW_CLOSED, 1, NULL, N_("(7) Total") },
	{ AROW_NEXT, 0, NULL, N_("IV. Carried over to next year") },
};

#define NFORM ((int)(sizeof form / sizeof form[0]))

/* The row of an outcome code ("3.4"), or -1 when it is no row of the table. */
static int outcome_row(const char *code)
{
	for (int i = 0; outcomes[i].code && i < ANNUAL_OUTCOMES; i++)
		if (strcmp(outcomes[i].code, code) == 0)
			return AROW_OUTCOME + i;
	return -1;
}

/* The columns' heads, short enough for 8 columns in English; in Chinese the form's words. */
static const char *col_label(int col)
{
	static const char *const heads[ACOL_COUNT] = {
		/* i18n: the heads of table 三: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计 */
		N_("Natural person"), N_("Business"), N_("Research"), N_("Welfare"), N_("Legal service"), N_("Other"),
		N_("Total"),
	};

	return _(heads[col]);
}

int annual_unit(sqlite3 *db, const char *name, long long *id, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM unit WHERE name = ?1", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		zerr_set(err, _("no unit named '%s' in the unit directory (search it there, or with zwgk unit list)"), name);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static void bind_year(sqlite3_stmt *st, int year, long long unit_id)
{
	char first[16], last[16];

	snprintf(first, sizeof first, "%04d-01-01", year);
	snprintf(last, sizeof last, "%04d-12-31", year);
	sqlite3_bind_text(st, 1, first, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, last, -1, SQLITE_TRANSIENT);
	if (unit_id)
		sqlite3_bind_int64(st, 3, unit_id);
}

/* The total column and row 三（七）, from the rest. */
static void complete(struct annual_table *t)
{
	for (int r = 0; r < AROW_COUNT; r++) {
		t->n[r][ACOL_TOTAL] = 0;
		for (int c = 0; c < ACOL_TOTAL; c++)
			t->n[r][ACOL_TOTAL] += t->n[r][c];
	}
	t->unplaced[ACOL_TOTAL] = 0;
	for (int c = 0; c < ACOL_TOTAL; c++)
		t->unplaced[ACOL_TOTAL] += t->unplaced[c];
	for (int c = 0; c < ACOL_COUNT; c++) {
		t->n[AROW_CLOSED][c] = 0;
		for (int r = AROW_OUTCOME; r < AROW_CLOSED; r++)
			t->n[AROW_CLOSED][c] += t->n[r][c];
	}
}

static void add_into(struct annual_table *sum, const struct annual_table *t)
{
	for (int r = 0; r < AROW_COUNT; r++)
		for (int c = 0; c < ACOL_COUNT; c++)
			sum->n[r][c] += t->n[r][c];
	for (int c = 0; c < ACOL_COUNT; c++)
		sum->unplaced[c] += t->unplaced[c];
}

/* A unit's table is complete: handed on, and added into the table of all units. */
static int unit_done(struct annual_table *cur, struct annual_table *all,
		     int (*fn)(void *ctx, const struct annual_table *t), void *ctx)
{
	complete(cur);
	add_into(all, cur);
	return fn(ctx, cur);
}

int annual_tally(sqlite3 *db, const struct annual_opts *opts, int (*fn)(void *ctx, const struct annual_table *t),
		 void *ctx, struct zerr *err)
{
	static const char sql[] = APPLICATIONS_SQL
		"SELECT k, (SELECT name FROM unit WHERE unit.id = k), c, o, sum(n1), sum(n2), sum(n3), sum(n4) FROM ("
		" SELECT CASE WHEN ?4 THEN unit_id ELSE 0 END AS k, c, CASE WHEN " N_CLOSED " THEN o ELSE '' END AS o,"
		"  " N_NEW " AS n1, " N_CARRIED " AS n2, " N_CLOSED " AS n3, " N_NEXT " AS n4"
		" FROM a WHERE " IN_YEAR ")"
		" GROUP BY k, c, o ORDER BY 2, 1";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	struct annual_table cur, all;
	char *name = NULL;
	int rc, stop = 0, any = 0;

	if (!st)
		return -1;
	bind_year(st, opts->year, opts->unit_id);
	sqlite3_bind_int(st, 4, opts->each_unit);
	memset(&cur, 0, sizeof cur);
	memset(&all, 0, sizeof all);
	all.year = cur.year = opts->year;
	all.unit_id = cur.unit_id = opts->unit_id;
	all.unit_name = cur.unit_name = opts->unit_id && opts->unit_name ? opts->unit_name : "";
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long k = sqlite3_column_int64(st, 0), closed = sqlite3_column_int64(st, 6);
		int c = sqlite3_column_int(st, 2), row = outcome_row(db_text(st, 3));

		/* Grouped by unit first: a new unit ends the table of the one before. */
		if (opts->each_unit && (!any || k != cur.unit_id)) {
			if (any && (stop = unit_done(&cur, &all, fn, ctx)) != 0)
				break;
			memset(&cur, 0, sizeof cur);
			cur.year = opts->year;
			cur.unit_id = k;
			free(name);
			name = xstrdup(db_text(st, 1));
			cur.unit_name = name;
		}
		any = 1;
		if (c < 0 || c >= ACOL_TOTAL)
			c = ACOL_OTHER;
		cur.n[AROW_NEW][c] += sqlite3_column_int64(st, 4);
		cur.n[AROW_CARRIED][c] += sqlite3_column_int64(st, 5);
		cur.n[AROW_NEXT][c] += sqlite3_column_int64(st, 7);
		if (row >= 0)
			cur.n[row][c] += closed;
		else
			cur.unplaced[c] += closed;
	}
	if (!stop && rc != SQLITE_DONE) {
		db_error(db, err);
		stop = -1;
	}
	sqlite3_finalize(st);
	if (!stop && opts->each_unit && any)
		stop = unit_done(&cur, &all, fn, ctx);
	free(name);
	if (stop)
		return stop;
	if (!opts->each_unit)
		all = cur;
	complete(&all);
	return fn(ctx, &all);
}

unsigned annual_check(const struct annual_table *t)
{
	unsigned bad = 0;

	for (int c = 0; c < ACOL_COUNT; c++)
		if (t->n[AROW_NEW][c] + t->n[AROW_CARRIED][c] != t->n[AROW_CLOSED][c] + t->n[AROW_NEXT][c])
			bad |= 1u << c;
	return bad;
}

int annual_breakers(sqlite3 *db, int year, long long unit_id,
		    int (*fn)(void *ctx, const char *serial, const char *why), void *ctx, struct zerr *err)
{
	struct sbuf sql = { 0 };
	sqlite3_stmt *st;
	int rc, stop = 0;

	/* A row breaks the check when what it adds to 一 + 二 is not what it adds to 三 + 四. */
	sbuf_add(&sql, APPLICATIONS_SQL "SELECT serial, received, shut, o FROM a WHERE " IN_YEAR " AND " N_NEW " + "
		 N_CARRIED " <> (" N_CLOSED " AND o IN (");
	for (int i = 0; i < ANNUAL_OUTCOMES; i++)
		sbuf_printf(&sql, "%s?%d", i ? ", " : "", 4 + i);
	sbuf_add(&sql, ")) + " N_NEXT " ORDER BY received, id");
	st = db_prepare(db, sql.s, err);
	sbuf_free(&sql);
	if (!st)
		return -1;
	bind_year(st, year, unit_id);
	for (int i = 0; i < ANNUAL_OUTCOMES; i++)
		sqlite3_bind_text(st, 4 + i, outcomes[i].code, -1, SQLITE_STATIC);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *received = db_text(st, 1), *shut = db_text(st, 2), *o = db_text(st, 3);
		char *why;

		if (strcmp(shut, received) < 0)
			why = xasprintf(_("closed on %s, before it was received on %s"), shut, received);
		else if (!*o)
			why = xasprintf(_("closed on %s without an outcome code"), shut);
		else
			why = xasprintf(_("closed on %s with the outcome code '%s', which is no row of the table"), shut, o);
		stop = fn(ctx, db_text(st, 0), why);
		free(why);
	}
	if (!stop && rc != SQLITE_DONE) {
		db_error(db, err);
		stop = -1;
	}
	sqlite3_finalize(st);
	return stop;
}

/* What annual_write carries from table to table. */
struct run {
	sqlite3 *db;
	const struct config *cfg;
	const struct annual_opts *opts;
	int (*emit)(void *ctx, const char *s, size_t n, struct zerr *err);
	void *ctx;
	struct zerr *err;
	struct annual_result *res;
	struct sbuf out, problem;
	char made[20];
	int tables;
	/* The breakers of the table being written. */
	struct sbuf *lines;
	long long breakers;
};

static const char *unit_label(const struct annual_table *t)
{
	return t->unit_id ? t->unit_name : _("all units");
}

/* One paper line: the label part as given (fitted to LABEL_W), then the numbers or nothing. */
static void paper_line(struct sbuf *b, const char *label, const long long *nums)
{
	char *cell = width_fit(label, LABEL_W, ALIGN_LEFT);

	sbuf_add(b, cell);
	free(cell);
	for (int c = 0; nums && c < ACOL_COUNT; c++) {
		char num[32];

		snprintf(num, sizeof num, "%lld", nums[c]);
		cell = width_fit(num, NUM_W, ALIGN_RIGHT);
		sbuf_addc(b, ' ');
		sbuf_add(b, cell);
		free(cell);
	}
	while (b->len && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
	sbuf_addc(b, '\n');
}

/*
 * The column heads: a rule that carries 法人或其他组织 over its five columns, then each column's
 * name wrapped in its width, right-aligned over the numbers.
 */
static void paper_head(struct sbuf *b)
{
	const char *span = _(applicant_kinds[1].label);
	int span_w = (ACOL_TOTAL - ACOL_BUSINESS) * (NUM_W + 1) - 1, w = width_str(span) + 2, left;
	char **lines[ACOL_COUNT];
	int n[ACOL_COUNT], height = 1;

	for (int i = 0; i < LABEL_W + 1 + NUM_W; i++)
		sbuf_addc(b, i == LABEL_W ? ' ' : '-');
	sbuf_addc(b, ' ');
	left = w < span_w ? (span_w - w) / 2 : 0;
	for (int i = 0; i < left; i++)
		sbuf_addc(b, '-');
	sbuf_printf(b, " %s ", span);
	for (int i = left + w; i < span_w; i++)
		sbuf_addc(b, '-');
	sbuf_addc(b, ' ');
	for (int i = 0; i < NUM_W; i++)
		sbuf_addc(b, '-');
	sbuf_addc(b, '\n');
	for (int c = 0; c < ACOL_COUNT; c++) {
		n[c] = width_wrap(col_label(c), NUM_W, &lines[c]);
		if (n[c] > height)
			height = n[c];
	}
	for (int k = 0; k < height; k++) {
		struct sbuf line = { 0 };

		for (int i = 0; i < LABEL_W; i++)
			sbuf_addc(&line, ' ');
		for (int c = 0; c < ACOL_COUNT; c++) {
			char *cell = width_fit(k < n[c] ? lines[c][k] : "", NUM_W, ALIGN_RIGHT);

			sbuf_printf(&line, " %s", cell);
			free(cell);
		}
		while (line.len && line.s[line.len - 1] == ' ')
			line.s[--line.len] = '\0';
		sbuf_add(b, line.s);
		sbuf_addc(b, '\n');
		sbuf_free(&line);
	}
	for (int c = 0; c < ACOL_COUNT; c++)
		strv_free(lines[c]);
	table_rule(b, PAGE_W, '-');
}

/* A row of the form: its label wrapped in the label area (an item beside its group's name). */
static void paper_row(struct sbuf *b, const struct form_row *r, const struct annual_table *t)
{
	char **group = NULL, **item;
	int ng = 0, ni, height;

	if (r->level == 2) {
		ng = r->group ? width_wrap(_(r->group), GROUP_W, &group) : 0;
		ni = width_wrap(_(r->label), LABEL_W - GROUP_W - 1, &item);
	} else {
		ni = width_wrap(_(r->label), LABEL_W, &item);
	}
	height = ng > ni ? ng : ni;
	for (int k = 0; k < height; k++) {
		const char *it = k < ni ? item[k] : "";
		char *label = r->level == 2 ? NULL : xstrdup(it);

		if (!label) {
			char *g = width_fit(k < ng ? group[k] : "", GROUP_W, ALIGN_LEFT);

			label = xasprintf("%s %s", g, it);
			free(g);
		}
		paper_line(b, label, k == 0 && r->row >= 0 ? t->n[r->row] : NULL);
		free(label);
	}
	strv_free(group);
	strv_free(item);
}

static int add_breaker(void *ctx, const char *serial, const char *why)
{
	struct run *run = ctx;

	if (run->breakers++ < BREAKERS_SHOWN)
		sbuf_printf(run->lines, "  %s  %s\n", serial, why);
	return 0;
}

/* "商业企业（一＋二＝3，三（七）＋四＝2），总计（…）": the columns that do not agree. */
static char *bad_columns(const struct annual_table *t, unsigned bad, int sums)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (int c = 0; c < ACOL_COUNT; c++) {
		if (!(bad & (1u << c)))
			continue;
		if (b.len)
			sbuf_add(&b, _(", "));
		if (sums)
			sbuf_printf(&b, _("%s (I + II = %lld, III (7) + IV = %lld)"), col_label(c),
				    t->n[AROW_NEW][c] + t->n[AROW_CARRIED][c], t->n[AROW_CLOSED][c] + t->n[AROW_NEXT][c]);
		else
			sbuf_add(&b, col_label(c));
	}
	return sbuf_take(&b);
}

/*
 * The check under the table: that it holds, or the columns where it does not and the
 * applications that break it. Also adds to the result's problem message.
 */
static int check_lines(struct run *run, const struct annual_table *t, struct sbuf *lines)
{
	unsigned bad = annual_check(t);
	char *cols, *text;
	char **wrapped;
	int n;

	if (!bad) {
		sbuf_add(lines, _("Check: I + II = III (7) + IV: every column agrees."));
		sbuf_addc(lines, '\n');
		return 0;
	}
	run->res->unbalanced++;
	cols = bad_columns(t, bad, 1);
	text = xasprintf(_("Check: I + II = III (7) + IV does not hold in: %s."), cols);
	n = width_wrap(text, PAGE_W, &wrapped);
	for (int i = 0; i < n; i++)
		sbuf_printf(lines, "%s\n", wrapped[i]);
	strv_free(wrapped);
	free(text);
	free(cols);
	sbuf_printf(lines, "%s\n", _("Applications that break it:"));
	run->lines = lines;
	run->breakers = 0;
	if (annual_breakers(run->db, t->year, t->unit_id, add_breaker, run, run->err) != 0)
		return -1;
	if (run->breakers > BREAKERS_SHOWN)
		sbuf_printf(lines, _("  ... and %lld more\n"), run->breakers - BREAKERS_SHOWN);
	else if (!run->breakers)
		sbuf_printf(lines, "  %s\n", _("none found; the register changed while the table was counted"));
	cols = bad_columns(t, bad, 0);
	if (run->problem.len)
		sbuf_add(&run->problem, _("; "));
	sbuf_printf(&run->problem, _("%s: in %s (applications that break it: %lld)"), unit_label(t), cols, run->breakers);
	free(cols);
	return 0;
}

static char *title_of(const struct annual_table *t)
{
	return xasprintf(_("Applications for government information received and handled in %d"), t->year);
}

static int paper_table(struct run *run, const struct annual_table *t)
{
	struct sbuf *b = &run->out, lines = { 0 };
	char *title = title_of(t), *unit = xasprintf(_("unit applied to: %s"), unit_label(t));
	char *made = xasprintf(_("made %s"), run->made);
	char *sub = xasprintf("%s   %s   %s", run->cfg->site_name ? run->cfg->site_name : "", unit, made);
	int rc;

	if (run->tables++)
		sbuf_addc(b, '\f');
	table_centered(b, title, PAGE_W);
	table_centered(b, sub, PAGE_W);
	paper_head(b);
	for (int i = 0; i < NFORM; i++)
		paper_row(b, &form[i], t);
	table_rule(b, PAGE_W, '-');
	sbuf_add(&lines, "");
	rc = check_lines(run, t, &lines);
	sbuf_add(b, lines.s);
	sbuf_free(&lines);
	free(title);
	free(unit);
	free(made);
	free(sub);
	return rc;
}

static void csv_row(struct sbuf *b, const char *label, const long long *nums)
{
	char num[ACOL_COUNT][32];
	const char *cells[1 + ACOL_COUNT] = { label };

	for (int c = 0; c < ACOL_COUNT; c++) {
		snprintf(num[c], sizeof num[c], "%lld", nums ? nums[c] : 0);
		cells[1 + c] = nums ? num[c] : "";
	}
	table_flat_row(b, TABLE_CSV, cells, nums ? 1 + ACOL_COUNT : 1);
}

/* CSV: a caption row, the heads, and a row for each row of the form that holds numbers. */
static int csv_table(struct run *run, const struct annual_table *t)
{
	struct sbuf *b = &run->out, lines = { 0 };
	char *title = title_of(t), *unit = xasprintf(_("unit applied to: %s"), unit_label(t));
	char *caption = xasprintf("%s   %s", title, unit);
	const char *heads[1 + ACOL_COUNT] = { _("Item") };
	const char *group = "";
	int rc;

	if (!run->tables++)
		sbuf_add(b, "\xEF\xBB\xBF");	/* so WPS and Excel read UTF-8 */
	csv_row(b, caption, NULL);
	for (int c = 0; c < ACOL_COUNT; c++)
		heads[1 + c] = col_label(c);
	table_flat_row(b, TABLE_CSV, heads, 1 + ACOL_COUNT);
	for (int i = 0; i < NFORM; i++) {
		char *label;

		if (form[i].group)
			group = _(form[i].group);
		if (form[i].row < 0)
			continue;
		label = form[i].level == 2 ? xasprintf("%s %s", group, _(form[i].label)) : xstrdup(_(form[i].label));
		csv_row(b, label, t->n[form[i].row]);
		free(label);
	}
	/* The check is not part of the spreadsheet, but a failure is still reported. */
	sbuf_add(&lines, "");
	rc = check_lines(run, t, &lines);
	sbuf_free(&lines);
	free(title);
	free(unit);
	free(caption);
	return rc;
}

static int write_table(void *ctx, const struct annual_table *t)
{
	struct run *run = ctx;
	int rc = run->opts->format == TABLE_CSV ? csv_table(run, t) : paper_table(run, t);

	if (rc == 0 && run->out.len)
		rc = run->emit(run->ctx, run->out.s, run->out.len, run->err);
	run->out.len = 0;
	if (run->out.s)
		run->out.s[0] = '\0';
	return rc;
}

int annual_write(sqlite3 *db, const struct config *cfg, const struct annual_opts *opts,
		 int (*emit)(void *ctx, const char *s, size_t n, struct zerr *err), void *ctx, struct annual_result *res,
		 struct zerr *err)
{
	struct run run;
	int rc, cache;

	memset(&run, 0, sizeof run);
	memset(res, 0, sizeof *res);
	run.db = db;
	run.cfg = cfg;
	run.opts = opts;
	run.emit = emit;
	run.ctx = ctx;
	run.err = err;
	run.res = res;
	db_now(run.made);
	run.made[16] = '\0';
	cache = db_report_begin(db);
	rc = annual_tally(db, opts, write_table, &run, err);
	db_report_end(db, cache);
	sbuf_free(&run.out);
	if (rc == 0 && res->unbalanced)
		res->problem = xasprintf(_("the check I + II = III (7) + IV of table III does not hold: %s"), run.problem.s);
	sbuf_free(&run.problem);
	return rc;
}

char *annual_collect(sqlite3 *db, const struct config *cfg, const struct annual_opts *opts, struct annual_result *res,
		     struct zerr *err)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	if (annual_write(db, cfg, opts, table_sink_sbuf, &b, res, err) != 0) {
		sbuf_free(&b);
		free(res->problem);
		res->problem = NULL;
		return NULL;
	}
	return sbuf_take(&b);
}

int annual_print(sqlite3 *db, const struct config *cfg, const struct annual_opts *opts, const char *op, char **job,
		 struct annual_result *res, struct zerr *err)
{
	struct annual_opts paper = *opts;
	char *ref, *text, *title;
	int rc;

	*job = NULL;
	paper.format = TABLE_PAGED;
	text = annual_collect(db, cfg, &paper, res, err);
	if (!text)
		return -1;
	ref = xasprintf("%d%s%s", opts->year, opts->unit_id ? " " : opts->each_unit ? " each-unit" : "",
			opts->unit_id && opts->unit_name ? opts->unit_name : "");
	title = xasprintf(_("Applications for government information received and handled in %d"), opts->year);
	rc = print_send_logged(db, cfg, title, text, "landscape", op, "annual", ref, job, err);
	free(title);
	free(ref);
	free(text);
	return rc;
}
