/* superv.c - the monthly and quarterly supervision report: figures in SQL, the overdue list streamed. */
#include "superv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "print.h"
#include "table.h"
#include "width.h"

/*
 * Every statement binds ?1 and ?2 to the period's first and last day and ?3 to the as-of day.
 * An application closes on its `answered` day (`shut`; 9999-12-31 while open); `fwd` is the
 * day it was forwarded. What was open on the as-of day may have been received any time before,
 * so the tables are read whole in their own order (`+received`: not a lookup per row through
 * the index).
 */
#define APPL_CTE \
	"WITH a AS (SELECT serial, unit_name, received, substr(forwarded_at, 1, 10) AS fwd, state, deadline," \
	"  CASE WHEN state IN ('answered', 'withdrawn', 'lapsed') AND answered <> '' THEN answered" \
	"   ELSE '9999-12-31' END AS shut" \
	" FROM application WHERE +received <= ?3) "
#define IN_PERIOD "received BETWEEN ?1 AND ?2"
#define NOT_FORWARDED "(fwd = '' OR fwd > ?3)"
/*
 * What was received and closed before the period adds to no figure, so it is not counted at
 * all: an application closed before it; a consultation not dispatched, or replied before it.
 */
#define IN_OR_AFTER "(received >= ?1 OR shut >= ?1)"
#define ASK_IN_OR_AFTER "(received >= ?1 OR state = 'dispatched' OR replied >= ?1)"
#define APPL_OVERDUE "(shut > ?3 AND deadline <> '' AND deadline < ?3)"
#define ASK_OVERDUE "(dispatched <> '' AND dispatched <= ?3 AND (replied = '' OR replied > ?3) AND due <> '' AND due < ?3)"

int superv_parse(int kind, const char *s, struct superv_period *p)
{
	int y, m;

	memset(p, 0, sizeof *p);
	p->kind = kind;
	if (kind == SUPERV_MONTH) {
		if (date_parse_month(s, &y, &m) != 0)
			return -1;
		p->from = date_from_ymd(y, m, 1);
		p->to = date_from_ymd(y, m, date_days_in_month(y, m));
	} else {
		char ym[8];

		if (strlen(s) != 7 || (s[5] != 'Q' && s[5] != 'q') || s[6] < '1' || s[6] > '4')
			return -1;
		/* The year is read as the year of a month would be. */
		snprintf(ym, sizeof ym, "%.4s-01", s);
		if (s[4] != '-' || date_parse_month(ym, &y, &m) != 0)
			return -1;
		m = s[6] - '0';
		p->from = date_from_ymd(y, 3 * m - 2, 1);
		p->to = date_from_ymd(y, 3 * m, date_days_in_month(y, 3 * m));
	}
	p->year = y;
	p->part = m;
	return 0;
}

char *superv_period_name(const struct superv_period *p)
{
	static const char *const quarters[] = {
		N_("first quarter"), N_("second quarter"), N_("third quarter"), N_("fourth quarter"),
	};

	if (p->kind == SUPERV_MONTH)
		return xasprintf(_("%d-%02d"), p->year, p->part);
	return xasprintf(_("%d, %s"), p->year, _(quarters[p->part - 1]));
}

zdate superv_asof(const struct superv_period *p, zdate today)
{
	if (today < p->from)
		return 0;
	return today < p->to ? today : p->to;
}

/* Runs one statement of sums and stores its columns from v[first] on. */
static int sums(sqlite3 *db, const char *sql, const struct superv_period *p, zdate asof, long long *v, int n,
		struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	char d[3][DATE_BUFSZ];
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, date_format(p->from, d[0]), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, date_format(p->to, d[1]), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, date_format(asof, d[2]), -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		for (int i = 0; i < n; i++)
			v[i] = sqlite3_column_int64(st, i);	/* a sum over no rows is NULL: 0 */
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int superv_count(sqlite3 *db, const struct superv_period *p, zdate asof, struct superv_figures *f, struct zerr *err)
{
	static const char appl[] = APPL_CTE
		"SELECT sum(" IN_PERIOD "), sum(" IN_PERIOD " AND fwd = received),"
		" sum(" IN_PERIOD " AND fwd > received AND fwd <= ?3),"
		" sum(" IN_PERIOD " AND " NOT_FORWARDED " AND shut > ?3),"
		" sum(" IN_PERIOD " AND " NOT_FORWARDED " AND shut <= ?3),"
		" sum(shut BETWEEN ?1 AND ?3),"
		" sum(shut BETWEEN ?1 AND ?3 AND state = 'answered' AND (deadline = '' OR shut <= deadline)),"
		" sum(shut BETWEEN ?1 AND ?3 AND state = 'answered' AND deadline <> '' AND shut > deadline),"
		" sum(shut BETWEEN ?1 AND ?3 AND state <> 'answered'),"
		" sum(" APPL_OVERDUE ") FROM a WHERE " IN_OR_AFTER;
	static const char ask[] =
		"SELECT sum(" IN_PERIOD "), sum(" IN_PERIOD " AND state = 'answered'),"
		" sum(" IN_PERIOD " AND state IN ('dispatched', 'replied')), sum(" IN_PERIOD " AND state = 'redirected'),"
		" sum(" IN_PERIOD " AND state = 'logged'),"
		" sum(state = 'replied' AND replied BETWEEN ?1 AND ?3 AND replied <= due),"
		" sum(state = 'replied' AND replied BETWEEN ?1 AND ?3 AND replied > due),"
		" sum(" ASK_OVERDUE ") FROM consultation WHERE +received <= ?3 AND " ASK_IN_OR_AFTER;
	static const char sug[] =
		"SELECT sum(" IN_PERIOD "), sum(replied <> '' AND replied BETWEEN ?1 AND ?3) FROM suggestion"
		" WHERE +received <= ?3";

	memset(f, 0, sizeof *f);
	f->asof = asof;
	if (sums(db, appl, p, asof, &f->v[SV_APPL_RECEIVED], SV_APPL_OVERDUE - SV_APPL_RECEIVED + 1, err) != 0 ||
	    sums(db, ask, p, asof, &f->v[SV_ASK_RECEIVED], SV_ASK_OVERDUE - SV_ASK_RECEIVED + 1, err) != 0 ||
	    sums(db, sug, p, asof, &f->v[SV_SUG_RECEIVED], SV_SUG_REPLIED - SV_SUG_RECEIVED + 1, err) != 0)
		return -1;
	return 0;
}

void superv_hit_rate(const struct superv_figures *f, char buf[32])
{
	long long n = f->v[SV_ASK_RECEIVED], permille;

	if (n <= 0) {
		snprintf(buf, 32, "—");
		return;
	}
	/* In whole numbers, rounded half up: no floating point between the count and the figure. */
	permille = (f->v[SV_ASK_ANSWERED] * 1000 + n / 2) / n;
	snprintf(buf, 32, "%lld.%lld%%", permille / 10, permille % 10);
}

int superv_overdue_each(sqlite3 *db, const struct calendar *cal, zdate asof,
			int (*fn)(void *ctx, const struct superv_overdue *o), void *ctx, struct zerr *err)
{
	static const char sql[] = APPL_CTE
		"SELECT 0, serial, unit_name, deadline FROM a WHERE " APPL_OVERDUE
		" UNION ALL SELECT 1, serial, unit_name, due FROM consultation WHERE +received <= ?3 AND " ASK_OVERDUE
		" ORDER BY 4, 1, 2";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	char day[DATE_BUFSZ];
	zdate last = 0;
	int rc, stop = 0, workdays = 0;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 3, date_format(asof, day), -1, SQLITE_TRANSIENT);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct superv_overdue o = { sqlite3_column_int(st, 0), db_text(st, 1), db_text(st, 2), 0, 0, 0 };

		if (date_parse(db_text(st, 3), &o.deadline) != 0)
			continue;
		/*
		 * The list comes by deadline, so each count follows from the one before: the days
		 * between two deadlines are counted once, not again for every line (a long list).
		 */
		if (!last || o.deadline < last)
			workdays = cal_workdays_between(cal, o.deadline, asof, NULL);
		else
			workdays -= cal_workdays_between(cal, last, o.deadline, NULL);
		last = o.deadline;
		o.workdays = workdays;
		for (int y = date_year(o.deadline + 1); y <= date_year(asof) && !o.provisional; y++)
			o.provisional = !cal_covers(cal, y);
		stop = fn(ctx, &o);
	}
	if (!stop && rc != SQLITE_DONE) {
		db_error(db, err);
		stop = -1;
	}
	sqlite3_finalize(st);
	return stop;
}

/* The lines of the figures: a heading (value -1), or a figure indented by its level. */
static const struct figure {
	int level;
	int value;		/* enum superv_value; SV_COUNT: the knowledge base's hit rate */
	const char *label;
} figures[] = {
	{ 0, -1, N_("1. Applications for government information") },
	{ 1, SV_APPL_RECEIVED, N_("Applications received in the period") },
	{ 2, SV_FWD_SAME_DAY, N_("forwarded the same day") },
	{ 2, SV_FWD_LATE, N_("forwarded late (after the day received)") },
	{ 2, SV_FWD_NOT_YET, N_("not forwarded yet") },
	{ 2, SV_CLOSED_UNFORWARDED, N_("closed without being forwarded") },
	{ 1, SV_APPL_CLOSED, N_("Applications closed in the period") },
	{ 2, SV_ANSWERED_ON_TIME, N_("answered on time") },
	{ 2, SV_ANSWERED_LATE, N_("answered late") },
	{ 2, SV_CLOSED_OTHERWISE, N_("withdrawn, or lapsed for want of a supplement") },
	{ 1, SV_APPL_OVERDUE, N_("Applications open and overdue at the as-of day") },
	{ 0, -1, N_("2. Policy consultations") },
	{ 1, SV_ASK_RECEIVED, N_("Consultations received in the period") },
	{ 2, SV_ASK_ANSWERED, N_("answered on the spot from the knowledge base") },
	{ 2, SV_ASK_DISPATCHED, N_("dispatched to the unit in charge") },
	{ 2, SV_ASK_REDIRECTED, N_("redirected to another unit") },
	{ 2, SV_ASK_LOGGED, N_("only logged") },
	{ 1, SV_COUNT, N_("Answered on the spot (knowledge-base hit rate)") },
	{ 1, SV_REPLY_ON_TIME, N_("Dispatched consultations replied in the period on time") },
	{ 1, SV_REPLY_LATE, N_("Dispatched consultations replied in the period late") },
	{ 1, SV_ASK_OVERDUE, N_("Dispatched consultations not replied and overdue at the as-of day") },
	{ 0, -1, N_("3. Suggestions") },
	{ 1, SV_SUG_RECEIVED, N_("Suggestions received in the period") },
	{ 1, SV_SUG_REPLIED, N_("Suggestions answered in the period") },
};

#define NFIGURES ((int)(sizeof figures / sizeof figures[0]))

/* What superv_write carries while the overdue list streams. */
struct run {
	struct table t;
	int format;
	int (*emit)(void *ctx, const char *s, size_t n, struct zerr *err);
	void *ctx;
	struct zerr *err;
	long rows;
};

/* Hands on what has collected, once there is at least `at_least` of it (0: whatever there is). */
static int drain(struct run *r, size_t at_least)
{
	int rc;

	if (!r->t.out.len || r->t.out.len < at_least)
		return 0;
	rc = r->emit(r->ctx, r->t.out.s, r->t.out.len, r->err);
	r->t.out.len = 0;
	r->t.out.s[0] = '\0';
	return rc;
}

static int overdue_row(void *ctx, const struct superv_overdue *o)
{
	struct run *r = ctx;
	char deadline[DATE_BUFSZ], *days = o->provisional ? xasprintf(_("%d, provisional"), o->workdays)
							  : xasprintf("%d", o->workdays);
	const char *cells[] = { o->consultation ? _("Consultation") : _("Application"), o->serial, o->unit,
				date_format(o->deadline, deadline), days };

	if (r->format == TABLE_PAGED)
		table_row(&r->t, cells);
	else
		table_flat_row(&r->t.out, r->format, cells, 5);
	r->rows++;
	free(days);
	/* Handed on once worth a write: the list is never held whole. */
	return drain(r, 65536);
}

/* A sheet's first rows: the BOM (first sheet of a CSV file), a caption row, the heads. */
static void sheet_begin(struct sbuf *b, int format, int first, const char *title, const char *sub,
			const struct table_col *cols, int ncols)
{
	const char *caption[] = { title, sub };
	const char *heads[8];

	if (first && format == TABLE_CSV)
		sbuf_add(b, "\xEF\xBB\xBF");	/* so WPS and Excel read UTF-8 */
	table_flat_row(b, format, caption, sub ? 2 : 1);
	for (int i = 0; i < ncols && i < 8; i++)
		heads[i] = cols[i].label;
	table_flat_row(b, format, heads, ncols);
}

static void figure_cells(const struct superv_figures *f, int i, char *label, size_t lsz, char value[32], int indent)
{
	const struct figure *g = &figures[i];

	snprintf(label, lsz, "%*s%s", indent ? 2 * g->level : 0, "", _(g->label));
	if (g->value < 0)
		value[0] = '\0';
	else if (g->value == SV_COUNT)
		superv_hit_rate(f, value);
	else
		snprintf(value, 32, "%lld", f->v[g->value]);
}

static int write_report(sqlite3 *db, const struct config *cfg, const struct calendar *cal,
			const struct superv_period *p, zdate today, int format,
			int (*emit)(void *ctx, const char *s, size_t n, struct zerr *err), void *ctx, struct zerr *err)
{
	/* At most 72 columns: A4 portrait, and the desk's page view on an 80-column screen. */
	const struct table_col fig_cols[] = { { _("Item"), 56, ALIGN_LEFT, 0 }, { _("Count"), 12, ALIGN_RIGHT, 0 } };
	const struct table_col due_cols[] = {
		{ _("Kind"), 6, ALIGN_LEFT, 0 }, { _("Serial"), 18, ALIGN_LEFT, 0 }, { _("Unit in charge"), 22, ALIGN_LEFT, 0 },
		{ _("Deadline or due day"), 10, ALIGN_LEFT, 0 }, { _("Working days overdue"), 12, ALIGN_RIGHT, 0 },
	};
	struct superv_figures f;
	struct run r;
	char asof_s[DATE_BUFSZ], d1[DATE_BUFSZ], d2[DATE_BUFSZ], label[512], value[32];
	char *name, *title, *sub, *total, *due_title;
	zdate asof = superv_asof(p, today);
	long long overdue;
	int rc, pages;

	if (!asof) {
		name = superv_period_name(p);
		zerr_set(err, _("the period %s has not begun yet"), name);
		free(name);
		return -1;
	}
	if (superv_count(db, p, asof, &f, err) != 0)
		return -1;
	memset(&r, 0, sizeof r);
	r.format = format;
	r.emit = emit;
	r.ctx = ctx;
	r.err = err;
	name = superv_period_name(p);
	title = xasprintf(p->kind == SUPERV_MONTH ? _("Monthly report of the disclosure zone, %s")
						   : _("Quarterly report of the disclosure zone, %s"), name);
	sub = xasprintf(_("%s   period %s to %s   as of %s"), cfg->site_name ? cfg->site_name : "",
			date_format(p->from, d1), date_format(p->to, d2), date_format(asof, asof_s));
	overdue = f.v[SV_APPL_OVERDUE] + f.v[SV_ASK_OVERDUE];
	total = overdue ? xasprintf(_("%lld open and overdue at %s: listed on the next page."), overdue, asof_s)
			: xasprintf(_("Nothing was open and overdue at %s."), asof_s);
	if (format == TABLE_PAGED)
		table_begin(&r.t, format, fig_cols, 2, title, sub, TABLE_PORTRAIT_LINES);
	else {
		sheet_begin(&r.t.out, format, 1, title, sub, fig_cols, 2);
		r.t.format = format;	/* rows as table_row writes them for a spreadsheet */
		r.t.ncols = 2;
	}
	for (int i = 0; i < NFIGURES; i++) {
		const char *cells[2] = { label, value };

		figure_cells(&f, i, label, sizeof label, value, format == TABLE_PAGED);
		table_row(&r.t, cells);
	}
	table_end(&r.t, total);
	pages = r.t.page;
	rc = drain(&r, 0);
	due_title = xasprintf(_("Open and overdue at %s"), asof_s);
	if (rc == 0 && overdue) {
		sbuf_free(&r.t.out);
		if (format == TABLE_PAGED) {
			rc = emit(ctx, "\f", 1, err);
			table_begin(&r.t, format, due_cols, 5, due_title, sub, TABLE_PORTRAIT_LINES);
			/* The list's pages go on from the figures'. */
			r.t.page = pages + 1;
		} else {
			sbuf_add(&r.t.out, format == TABLE_CSV ? "\r\n" : "\n");
			sheet_begin(&r.t.out, format, 0, due_title, NULL, due_cols, 5);
		}
		if (rc == 0)
			rc = superv_overdue_each(db, cal, asof, overdue_row, &r, err);
		if (rc == 0 && format == TABLE_PAGED) {
			char *n = xasprintf(_("Total: %ld"), r.rows);

			table_end(&r.t, n);
			free(n);
		}
		if (rc == 0)
			rc = drain(&r, 0);
	}
	sbuf_free(&r.t.out);
	free(due_title);
	free(name);
	free(title);
	free(sub);
	free(total);
	return rc;
}

int superv_write(sqlite3 *db, const struct config *cfg, const struct calendar *cal, const struct superv_period *p,
		 zdate today, int format, int (*emit)(void *ctx, const char *s, size_t n, struct zerr *err), void *ctx,
		 struct zerr *err)
{
	int cache = db_report_begin(db), rc = write_report(db, cfg, cal, p, today, format, emit, ctx, err);

	db_report_end(db, cache);
	return rc;
}

char *superv_collect(sqlite3 *db, const struct config *cfg, const struct calendar *cal,
		     const struct superv_period *p, zdate today, int format, struct zerr *err)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	if (superv_write(db, cfg, cal, p, today, format, table_sink_sbuf, &b, err) != 0) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_take(&b);
}

int superv_print(sqlite3 *db, const struct config *cfg, const struct calendar *cal, const struct superv_period *p,
		 zdate today, const char *op, char **job, struct zerr *err)
{
	char *text = superv_collect(db, cfg, cal, p, today, TABLE_PAGED, err), *name, *title, ref[16];
	int rc;

	*job = NULL;
	if (!text)
		return -1;
	if (p->kind == SUPERV_MONTH)
		snprintf(ref, sizeof ref, "%04d-%02d", p->year, p->part);
	else
		snprintf(ref, sizeof ref, "%04d-Q%d", p->year, p->part);
	name = superv_period_name(p);
	title = xasprintf(p->kind == SUPERV_MONTH ? _("Monthly report of the disclosure zone, %s")
						   : _("Quarterly report of the disclosure zone, %s"), name);
	rc = print_send_logged(db, cfg, title, text, NULL, op, "supervision", ref, job, err);
	free(title);
	free(name);
	free(text);
	return rc;
}
