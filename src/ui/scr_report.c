/*
 * scr_report.c - 台账与统计: every ledger for a range of days on screen, paged from the
 * database, printed (landscape or portrait) or exported for a spreadsheet; and printing a
 * register's ledger from its own screen.
 */
#include <stdlib.h>
#include <string.h>

#include "annual.h"
#include "fsutil.h"
#include "ledger.h"
#include "list.h"
#include "print.h"
#include "superv.h"
#include "table.h"
#include "uipriv.h"
#include "width.h"

/* The first day of today's month: where a range starts unless the clerk says otherwise. */
static zdate month_start(zdate today)
{
	int y, m, d;

	date_to_ymd(today, &y, &m, &d);
	return date_from_ymd(y, m, 1);
}

/* Asks for a range of days; 0 when the clerk gave up (nothing changed then). */
static int ask_range(struct ui *ui, const char *title, zdate *from, zdate *to)
{
	zdate f = ui_ask_date(ui, *from ? *from : month_start(ui->today), _("Ledger of the days from:")), t;

	if (!f || !(t = ui_ask_date(ui, *to ? *to : ui->today, _("up to:"))))
		return 0;
	if (t < f) {
		ui_message(ui, title, _("The range ends before it starts."));
		return 0;
	}
	*from = f;
	*to = t;
	return 1;
}

/* Laid out first, so the clerk sees how many pages a range makes before any paper is used. */
static void print_query(struct ui *ui, const struct ledger_query *q)
{
	struct zerr err = ZERR_INIT;
	struct ledger_spool sp;
	char *job = NULL, *msg, *range, *ask;
	int rc;

	ui_busy(ui, _("Laying out the pages..."));
	if (ledger_spool(ui->app->db, &ui->app->cfg, q, &sp, &err) != 0) {
		msg = xasprintf(_("%s was not printed: %s"), ledger_title(q->kind), err.msg);
		ui_message(ui, ledger_title(q->kind), msg);
		free(msg);
		return;
	}
	range = ledger_range_text(q->from, q->to);
	ask = xasprintf(ngettext("Print %s, %s: %d page?", "Print %s, %s: %d pages?", (unsigned long)sp.pages),
			ledger_title(q->kind), range, sp.pages);
	free(range);
	if (!ui_confirm(ui, ask)) {
		ledger_spool_discard(&sp);
		free(ask);
		return;
	}
	free(ask);
	ui_busy(ui, _("Printing..."));
	rc = ledger_spool_send(ui->app->db, &ui->app->cfg, q, &sp, ui->app->operator, &job, &err);
	msg = rc == 0 ? xasprintf(_("%s is printing."), ledger_title(q->kind))
		      : xasprintf(_("%s was not printed: %s"), ledger_title(q->kind), err.msg);
	ui_message(ui, ledger_title(q->kind), msg);
	free(msg);
	free(job);
}

void ui_print_ledger(struct ui *ui, int kind, zdate from, zdate to)
{
	struct ledger_query q = { .kind = kind, .from = from, .to = to, .today = ui->today };

	if (ask_range(ui, ledger_title(kind), &q.from, &q.to))
		print_query(ui, &q);
}

/* A ledger on screen: the paper columns fitted to the window, a page of rows at a time. */
struct lview {
	struct ui *ui;
	struct list list;
	struct ledger_query q;
	struct table_col cols[16];
	int ncols, width;
	int format;		/* of the export being written */
	char *error;
};

static int fetch_rows(void *ctx, const void *anchor, int backwards, int limit, void **out)
{
	struct lview *v = ctx;
	struct zerr err = ZERR_INIT;
	struct ledger_row *rows;
	int n;

	if (ledger_page(v->ui->app->db, &v->q, anchor, backwards, limit, &rows, &n, &err) != 0) {
		free(v->error);
		v->error = xstrdup(err.msg);
		return -1;
	}
	return list_box(rows, sizeof *rows, n, out);
}

static void free_row(void *ctx, void *row)
{
	(void)ctx;
	ledger_row_free(row);
	free(row);
}

/* The columns for a window `width` wide (recomputed when the window is resized). */
static void fit_columns(struct lview *v, int width)
{
	const struct table_col *cols = ledger_cols(v->q.kind, width, &v->ncols);

	memcpy(v->cols, cols, sizeof *cols * (size_t)v->ncols);
	v->width = width;
}

static void draw_cells(const struct lview *v, const char *const *cells, int y, int x, attr_t at)
{
	for (int i = 0; i < v->ncols; i++) {
		if (v->cols[i].width <= 0)
			continue;
		ui_text(y, x, v->cols[i].width, cells[i], at, v->cols[i].align);
		x += v->cols[i].width + 1;
	}
}

static void draw_row(void *ctx, const void *row, int y, int x, int width, int selected)
{
	const struct lview *v = ctx;
	const struct ledger_row *r = row;
	attr_t at = selected ? the_ui->attr[A_SELECTED] : r->mark ? the_ui->attr[A_ERROR] : A_NORMAL;

	ui_fill(y, x, width, at);
	draw_cells(v, (const char *const *)r->cells, y, x, at);
}

static const struct list_ops row_ops = { fetch_rows, free_row, draw_row };

static void draw_view(void *ctx)
{
	struct lview *v = ctx;
	int top = ui_body_top(), bottom = ui_body_bottom();
	const char *labels[16];
	char *range, *line;

	if (v->width != COLS - 2)
		fit_columns(v, COLS - 2);
	for (int i = 0; i < v->ncols; i++)
		labels[i] = v->cols[i].label;
	ui_fill(top, 0, COLS, the_ui->attr[A_HEAD]);
	draw_cells(v, labels, top, 1, the_ui->attr[A_HEAD]);
	list_draw(&v->list, top + 1, 1, COLS - 2, bottom - top - 3);
	mvhline(bottom - 2, 0, ACS_HLINE, COLS);
	range = ledger_range_text(v->q.from, v->q.to);
	line = xasprintf(_("%s   paper: %s"), range, v->q.portrait ? _("A4 portrait") : _("A4 landscape"));
	if (v->error)
		ui_text(bottom - 1, 1, COLS - 2, v->error, the_ui->attr[A_ERROR], ALIGN_LEFT);
	else if (!v->list.n)
		ui_text(bottom - 1, 1, COLS - 2, _("Nothing in these days."), A_NORMAL, ALIGN_LEFT);
	else
		ui_text(bottom - 1, 1, COLS - 2, line, A_NORMAL, ALIGN_LEFT);
	free(range);
	free(line);
}

/* One row whole, every column (those only spreadsheets get too), a line each. */
static void show_row(struct ui *ui, const struct lview *v, const struct ledger_row *r)
{
	int n;
	const struct table_col *cols = ledger_cols(v->q.kind, 0, &n);
	char **lines = NULL;

	for (int i = 0; i < n; i++) {
		char **wrapped;
		int k = width_wrap(*r->cells[i] ? r->cells[i] : "-", 56, &wrapped);
		char *label = width_fit(cols[i].label, 16, ALIGN_LEFT);

		for (int j = 0; j < k; j++)
			ui_lines_add(&lines, xasprintf("%s  %s", j ? "                " : label, wrapped[j]));
		strv_free(wrapped);
		free(label);
	}
	ui_view_lines(ui, ledger_title(v->q.kind), lines);
	strv_free(lines);
}

/* Where an export goes unless the clerk types another path (a USB stick's, say): the site's exports/. */
static char *export_path(struct ui *ui, const char *name)
{
	char *site = realpath(ui->app->cfg.dir, NULL), *dir, *path;

	/* The whole path, so the clerk knows where to find it. */
	dir = fs_join(site ? site : ui->app->cfg.dir, "exports");
	path = fs_join(dir, name);
	free(site);
	free(dir);
	return path;
}

/*
 * Asks where to write an export (suggesting `name` in exports/), makes its folder and calls
 * write(); says where it went, or why not. Returns 1 when it was written.
 */
static int export_to(struct ui *ui, const char *title, const char *name,
		     int (*write)(void *ctx, const char *path, struct zerr *err), void *ctx)
{
	struct zerr err = ZERR_INIT;
	char *path = NULL, *suggested = export_path(ui, name), *dir, *msg = NULL;

	if (!ui_prompt(ui, _("Export to:"), suggested, 200, &path)) {
		free(suggested);
		return 0;
	}
	free(suggested);
	dir = fs_dirname(str_trim(path));
	if (!*str_trim(path)) {
		zerr_set(&err, _("no file name given"));
	} else if (fs_mkdir_p(dir, 0700, &err) == 0) {
		ui_busy(ui, _("Exporting..."));
		if (write(ctx, str_trim(path), &err) == 0)
			msg = xasprintf(_("Exported to %s"), str_trim(path));
	}
	/* The whole path in a box (it may be longer than a line), or why it could not be written. */
	ui_message(ui, title, msg ? msg : err.msg);
	free(msg);
	free(dir);
	free(path);
	return msg != NULL;
}

static int write_ledger(void *ctx, const char *path, struct zerr *err)
{
	struct lview *v = ctx;

	return ledger_export(v->ui->app->db, &v->ui->app->cfg, &v->q, v->format, path, err);
}

static void export(struct ui *ui, struct lview *v)
{
	const char *formats[] = { _("CSV (WPS, Excel)"), _("TSV (tab-separated text)") };
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ], *name;
	int pick = ui_choose(ui, _("Export the ledger"), _("A spreadsheet file of every column:"), formats, 2);

	if (pick < 0)
		return;
	v->format = pick == 0 ? TABLE_CSV : TABLE_TSV;
	name = xasprintf("%s_%s_%s.%s", ledger_name(v->q.kind), v->q.from ? date_format(v->q.from, d1) : "start",
			 v->q.to ? date_format(v->q.to, d2) : "end", pick == 0 ? "csv" : "tsv");
	export_to(ui, _("Export the ledger"), name, write_ledger, v);
	free(name);
}

static void ledger_view(struct ui *ui, int kind)
{
	struct lview v;

	memset(&v, 0, sizeof v);
	v.ui = ui;
	v.q.kind = kind;
	v.q.today = ui->today;
	if (!ask_range(ui, ledger_title(kind), &v.q.from, &v.q.to))
		return;
	fit_columns(&v, COLS - 2);
	list_init(&v.list, &row_ops, &v);
	ui_push(ui, draw_view, &v, SCR_REPORT, ledger_title(kind));
	list_top(&v.list);
	for (;;) {
		const struct ledger_row *cur;
		int key;

		ui_redraw(ui);
		key = ui_getkey(ui);
		if (key == ZK_STOP)
			break;
		cur = list_current(&v.list);
		free(v.error);
		v.error = NULL;
		switch (ui_action(ui, key)) {
		case ACT_BACK: goto out;
		case ACT_HELP: ui_help(ui); break;
		case ACT_OPEN:
			if (cur)
				show_row(ui, &v, cur);
			break;
		case ACT_FILTER:
			if (ask_range(ui, ledger_title(kind), &v.q.from, &v.q.to))
				list_top(&v.list);
			break;
		case ACT_PAPER: v.q.portrait = !v.q.portrait; break;
		case ACT_PRINT_DOC: print_query(ui, &v.q); break;
		case ACT_EXPORT: export(ui, &v); break;
		default: list_move(&v.list, ui_action(ui, key)); break;
		}
	}
out:
	ui_pop(ui);
	list_free(&v.list);
	free(v.error);
}

/* A report of the menu: the supervision report of a month or a quarter, or table 三 of a year. */
enum { REPORT_MONTH, REPORT_QUARTER, REPORT_ANNUAL, REPORT_COUNT };

struct report {
	struct ui *ui;
	int which;
	struct superv_period period;
	struct annual_opts annual;
	char *title;
};

/* The report's text in `format`; NULL with err set. For table 三 a check that fails is said too. */
static char *report_text(struct report *r, int format, struct zerr *err)
{
	struct app *app = r->ui->app;

	if (r->which == REPORT_ANNUAL) {
		struct annual_result res = { 0, NULL };
		struct annual_opts o = r->annual;
		char *text;

		o.format = format;
		text = annual_collect(app->db, &app->cfg, &o, &res, err);
		free(res.problem);
		return text;
	}
	return superv_collect(app->db, &app->cfg, &app->cal, &r->period, r->ui->today, format, err);
}

static int write_report(void *ctx, const char *path, struct zerr *err)
{
	char *text = report_text(ctx, TABLE_CSV, err);
	int rc = text ? fs_write_atomic(path, text, strlen(text), 0600, err) : -1;

	free(text);
	return rc;
}

static void print_report(struct report *r)
{
	struct app *app = r->ui->app;
	struct zerr err = ZERR_INIT;
	char *job = NULL, *msg;
	int rc;

	ui_busy(r->ui, _("Printing..."));
	if (r->which == REPORT_ANNUAL) {
		struct annual_result res = { 0, NULL };

		rc = annual_print(app->db, &app->cfg, &r->annual, app->operator, &job, &res, &err);
		free(res.problem);
	} else {
		rc = superv_print(app->db, &app->cfg, &app->cal, &r->period, r->ui->today, app->operator, &job, &err);
	}
	msg = rc == 0 ? xasprintf(_("%s is printing."), r->title) : xasprintf(_("%s was not printed: %s"), r->title, err.msg);
	ui_message(r->ui, r->title, msg);
	free(msg);
	free(job);
}

/* Asks which month, quarter or year (this one, or last year for the annual table); 0 when given up. */
static int ask_period(struct ui *ui, struct report *r)
{
	int y, m, d;
	char initial[32], *answer = NULL;
	const char *label = r->which == REPORT_MONTH ? _("Month (YYYY-MM):")
			    : r->which == REPORT_QUARTER ? _("Quarter (YYYY-Q1 to Q4):") : _("Year:");
	int ok;

	date_to_ymd(ui->today, &y, &m, &d);
	if (r->which == REPORT_MONTH)
		snprintf(initial, sizeof initial, "%04d-%02d", y, m);
	else if (r->which == REPORT_QUARTER)
		snprintf(initial, sizeof initial, "%04d-Q%d", y, (m - 1) / 3 + 1);
	else
		snprintf(initial, sizeof initial, "%04d", y - 1);	/* filed by 31 January for the year before */
	if (!ui_prompt(ui, label, initial, 10, &answer))
		return 0;
	if (r->which == REPORT_ANNUAL) {
		char *end;
		long year = strtol(str_trim(answer), &end, 10);

		ok = *str_trim(answer) && !*end && year >= 2008 && year <= 2100;	/* 条例 in force since 2008 */
		r->annual.year = (int)year;
	} else {
		ok = superv_parse(r->which == REPORT_MONTH ? SUPERV_MONTH : SUPERV_QUARTER, str_trim(answer), &r->period) == 0;
	}
	if (!ok) {
		char *msg = xasprintf(_("'%s' is not a period; give it as %s"), str_trim(answer), initial);

		ui_message(ui, r->title, msg);
		free(msg);
	}
	free(answer);
	return ok;
}

static void report_view(struct ui *ui, int which)
{
	static const char *const titles[REPORT_COUNT] = {
		N_("Supervision report of a month"), N_("Supervision report of a quarter"),
		N_("Table III of the annual report"),
	};
	struct report r = { .ui = ui, .which = which };
	struct zerr err = ZERR_INIT;
	char *text, **lines = NULL, *name;

	r.title = xstrdup(_(titles[which]));
	if (!ask_period(ui, &r)) {
		free(r.title);
		return;
	}
	if (which == REPORT_ANNUAL) {
		const char *ways[] = { _("All units together"), _("A table for each unit, then all together") };
		int pick = ui_choose(ui, r.title, _("Which tables?"), ways, 2);

		if (pick < 0) {
			free(r.title);
			return;
		}
		r.annual.each_unit = pick == 1;
		r.annual.unit_name = "";
	}
	ui_busy(ui, _("Counting..."));
	text = report_text(&r, TABLE_PAGED, &err);
	if (!text) {
		ui_message(ui, r.title, err.msg);
		free(r.title);
		return;
	}
	/* Pages of paper follow each other on screen with a rule between them. */
	for (char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!next && !*line)
			break;
		ui_lines_add(&lines, xstrdup(*line == '\f' ? "────────────────────────────────────────" : line));
		if (*line == '\f' && line[1])
			ui_lines_add(&lines, xstrdup(line + 1));
	}
	free(text);
	if (which == REPORT_ANNUAL)
		name = xasprintf("annual_%d%s.csv", r.annual.year, r.annual.each_unit ? "_units" : "");
	else
		name = xasprintf("%s_%04d-%s%d.csv", which == REPORT_MONTH ? "month" : "quarter", r.period.year,
				 which == REPORT_MONTH ? (r.period.part < 10 ? "0" : "") : "Q", r.period.part);
	for (;;) {
		enum action act = ui_view_lines_on(ui, r.title, lines, SCR_REPORTDOC);

		if (act == ACT_PRINT_DOC)
			print_report(&r);
		else if (act == ACT_EXPORT)
			export_to(ui, r.title, name, write_report, &r);
		else
			break;
	}
	free(name);
	strv_free(lines);
	free(r.title);
}

int scr_reports(struct ui *ui)
{
	const char *items[LEDGER_COUNT + REPORT_COUNT];
	struct menu m;

	for (int k = 0; k < LEDGER_COUNT; k++)
		items[k] = ledger_title(k);
	items[LEDGER_COUNT + REPORT_MONTH] = _("Supervision report of a month (月报)");
	items[LEDGER_COUNT + REPORT_QUARTER] = _("Supervision report of a quarter (季报)");
	items[LEDGER_COUNT + REPORT_ANNUAL] = _("Table III of the annual report (年度报告表三)");
	memset(&m, 0, sizeof m);
	m.title = _("Ledgers and reports");
	m.intro = _("A ledger for a range of days, or a report of a period:");
	m.items = items;
	m.n = LEDGER_COUNT + REPORT_COUNT;
	ui_menu_push(ui, &m);
	for (;;) {
		int pick = ui_menu_run(ui, &m);

		if (pick < 0)
			break;
		if (pick < LEDGER_COUNT)
			ledger_view(ui, pick);
		else
			report_view(ui, pick - LEDGER_COUNT);
	}
	ui_pop(ui);
	return 0;
}
