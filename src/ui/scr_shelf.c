/* scr_shelf.c - the 资料阅览区 at the desk: the shelf catalogue, new editions, what is out of date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appl.h"
#include "choice.h"
#include "form.h"
#include "list.h"
#include "shelf.h"
#include "uipriv.h"
#include "width.h"

struct shelf_screen {
	struct ui *ui;
	struct list list;
	struct shelf_filter filter;
	int count;
	char *title;
	char *error;		/* the last database error, shown under the list */
};

/*
 * Columns of a row after the title, which takes what a wider window gives (24 of the list's
 * 78 at 80 columns): kind, edition, place, copies, placed, mark, as offsets from the title's end.
 */
enum { C_KIND = 1, W_KIND = 10, C_EDITION = 12, W_EDITION = 12, C_PLACE = 25, W_PLACE = 8, C_COPIES = 34,
       W_COPIES = 4, C_PLACED = 39, W_PLACED = 10, C_MARK = 50, W_MARK = 4, W_REST = 54 };

static int title_width(int width)
{
	return width - W_REST > 10 ? width - W_REST : 10;
}

static int fetch(void *ctx, const void *anchor, int backwards, int limit, void **out)
{
	struct shelf_screen *s = ctx;
	struct zerr err = ZERR_INIT;
	struct shelf_item *rows;
	int n;

	if (shelf_page(s->ui->app->db, &s->filter, anchor, backwards, limit, &rows, &n, &err) != 0) {
		free(s->error);
		s->error = xstrdup(err.msg);
		return -1;
	}
	return list_box(rows, sizeof *rows, n, out);
}

static void free_row(void *ctx, void *row)
{
	(void)ctx;
	shelf_free(row);
	free(row);
}

static void draw_row(void *ctx, const void *row, int y, int x, int width, int selected)
{
	const struct shelf_screen *s = ctx;
	const struct shelf_item *it = row;
	int stale = shelf_stale(&s->ui->app->cfg, it, s->ui->today);
	/* Out of date: red where there is colour, and marked in words for a monochrome screen. */
	attr_t a = selected ? the_ui->attr[A_SELECTED] : stale ? the_ui->attr[A_ERROR] : A_NORMAL;
	int tw = title_width(width), r = x + tw;

	ui_fill(y, x, width, a);
	ui_text(y, x, tw, it->f[HF_TITLE], a, ALIGN_LEFT);
	ui_text(y, r + C_KIND, W_KIND, shelf_kind_short(it->kind), a, ALIGN_LEFT);
	ui_text(y, r + C_EDITION, W_EDITION, it->f[HF_EDITION], a, ALIGN_LEFT);
	ui_text(y, r + C_PLACE, W_PLACE, it->f[HF_POSITION], a, ALIGN_LEFT);
	ui_text(y, r + C_COPIES, W_COPIES, it->f[HF_COPIES], a, ALIGN_RIGHT);
	ui_text(y, r + C_PLACED, W_PLACED, it->f[HF_PLACED], a, ALIGN_LEFT);
	if (stale)
		ui_text(y, r + C_MARK, W_MARK, _("Stale"), a | A_BOLD, ALIGN_LEFT);
}

static const struct list_ops ops = { fetch, free_row, draw_row };

/* The selected item under the list: its full title, what it is, until when it is current. */
static void draw_current(const struct shelf_screen *s, const struct shelf_item *cur, int y)
{
	const struct config *cfg = &s->ui->app->cfg;
	int stale = shelf_stale(cfg, cur, s->ui->today), width = COLS - 2;
	char *stamp = xasprintf(_("Last changed %s by %s"), cur->updated_at, cur->updated_by);
	char *what = cur->take_away ? xasprintf(_("%s, may be taken away"), shelf_kind_label(cur->kind))
				    : xstrdup(shelf_kind_label(cur->kind));
	char *when = shelf_state_text(cfg, cur, s->ui->today);
	int ww = width_str(what) < width / 2 ? width_str(what) : width / 2;

	/* The title whole on a line of its own: the list cuts long ones. */
	ui_text(y, 1, width, cur->f[HF_TITLE], A_BOLD, ALIGN_LEFT);
	ui_text(y + 1, 1, ww, what, A_NORMAL, ALIGN_LEFT);
	ui_text(y + 1, 3 + ww, width - ww - 2, stamp, the_ui->attr[A_GREY], ALIGN_RIGHT);
	ui_text(y + 2, 1, width, when, stale ? the_ui->attr[A_ERROR] : A_NORMAL, ALIGN_LEFT);
	free(stamp);
	free(what);
	free(when);
}

static void draw_shelf(void *ctx)
{
	struct shelf_screen *s = ctx;
	int top = ui_body_top(), bottom = ui_body_bottom();
	const struct shelf_item *cur;
	attr_t h = the_ui->attr[A_HEAD];
	int tw = title_width(COLS - 2), r = 1 + tw;

	ui_fill(top, 0, COLS, h);
	ui_text(top, 1, tw, shelf_field_label(HF_TITLE), h, ALIGN_LEFT);
	ui_text(top, r + C_KIND, W_KIND, shelf_field_label(HF_KIND), h, ALIGN_LEFT);
	ui_text(top, r + C_EDITION, W_EDITION, shelf_field_label(HF_EDITION), h, ALIGN_LEFT);
	ui_text(top, r + C_PLACE, W_PLACE, shelf_field_label(HF_POSITION), h, ALIGN_LEFT);
	ui_text(top, r + C_COPIES, W_COPIES, shelf_field_label(HF_COPIES), h, ALIGN_RIGHT);
	ui_text(top, r + C_PLACED, W_PLACED, shelf_field_label(HF_PLACED), h, ALIGN_LEFT);
	ui_text(top, r + C_MARK, W_MARK, _("State"), h, ALIGN_LEFT);
	list_draw(&s->list, top + 1, 1, COLS - 2, bottom - top - 5);
	mvhline(bottom - 4, 0, ACS_HLINE, COLS);
	if (s->filter.stale) {
		char *f = xasprintf(_(" Out of date only: %d (t shows all) "), s->count);

		ui_text(bottom - 4, 2, width_str(f) < COLS - 4 ? width_str(f) : COLS - 4, f, A_BOLD, ALIGN_LEFT);
		free(f);
	}
	cur = list_current(&s->list);
	if (s->error)
		ui_text(bottom - 3, 1, COLS - 2, s->error, the_ui->attr[A_ERROR], ALIGN_LEFT);
	else if (cur)
		draw_current(s, cur, bottom - 3);
	else
		ui_text(bottom - 3, 1, COLS - 2,
			s->filter.stale ? _("Nothing on the shelf is out of date.")
					: _("The shelf catalogue is empty: press a to put the first item on it."),
			A_NORMAL, ALIGN_LEFT);
}

static void update_title(struct shelf_screen *s)
{
	struct zerr err = ZERR_INIT;

	s->count = shelf_count(s->ui->app->db, &s->filter, &err);
	free(s->title);
	s->title = xasprintf(_("Reading room shelf (%d)"), s->count < 0 ? 0 : s->count);
	s->ui->title = s->title;
	s->ui->layers[s->ui->nlayers - 1].title = s->title;
}

/* The add form: the fields of enum shelf_field; take-away only shows for 办事指南. */
struct add_form {
	struct ui *ui;
	struct shelf_item *it;
	const char *kinds[SK_COUNT], *yes_no[2];
};

static void add_changed(void *ctx, struct form *fm)
{
	(void)ctx;
	fm->f[HF_TAKE_AWAY].hidden = fm->f[HF_KIND].choice != SK_SERVICE_GUIDE;
}

static int add_save(void *ctx, struct form *fm, struct zerr *err)
{
	struct add_form *af = ctx;
	struct app *app = af->ui->app;
	struct appl_check c;
	int rc;

	for (int f = 0; f < HF_COUNT; f++) {
		char *v = form_value(fm, f);

		if (f == HF_KIND)
			shelf_set(af->it, f, shelf_kind_code(fm->f[f].choice));
		else if (f == HF_TAKE_AWAY)
			shelf_set(af->it, f, !fm->f[f].hidden && fm->f[f].choice ? "yes" : "no");
		else
			shelf_set(af->it, f, v);
		free(v);
	}
	rc = shelf_add(app->db, af->it, af->ui->today, app->operator, &c, err);
	form_clear_problems(fm);
	for (int i = c.n - 1; i >= 0; i--)
		form_problem(fm, c.v[i].field, c.v[i].msg, c.v[i].warning);
	appl_check_free(&c);
	return rc;
}

static void add_item(struct shelf_screen *s)
{
	struct ui *ui = s->ui;
	struct shelf_item it;
	struct add_form af;
	struct form fm;
	char today[DATE_BUFSZ];

	shelf_init(&it);
	memset(&af, 0, sizeof af);
	af.ui = ui;
	af.it = &it;
	for (int k = 0; k < SK_COUNT; k++)
		af.kinds[k] = shelf_kind_label(k);
	af.yes_no[0] = _("no");
	af.yes_no[1] = _("yes");
	form_init(&fm, _("Put an item on the shelf"), HF_COUNT);
	fm.ctx = &af;
	fm.changed = add_changed;
	for (int f = 0; f < HF_COUNT; f++) {
		if (f == HF_KIND)
			form_choice(&fm, f, shelf_field_label(f), af.kinds, SK_COUNT, 0);
		else if (f == HF_TAKE_AWAY)
			/* 办事指南 are there to be taken: yes unless the clerk says otherwise. */
			form_choice(&fm, f, shelf_field_label(f), af.yes_no, 2, 1);
		else
			form_text(&fm, f, shelf_field_label(f),
				  f == HF_PLACED ? date_format(ui->today, today) : f == HF_COPIES ? "1" : "", shelf_field_max(f));
	}
	fm.draft = "shelf-item";
	if (form_run(ui, &fm, add_save, &af)) {
		char *msg = xasprintf(_("%s is on the shelf as item %lld, at %s."), it.f[HF_TITLE], it.id, it.f[HF_POSITION]);

		/* The list shows it, selected, under the message. */
		update_title(s);
		list_show(&s->list, &it);
		ui_message(ui, _("Reading room shelf"), msg);
		free(msg);
	}
	form_free(&fm);
	shelf_free(&it);
}

/* The item as the database holds it now (the row on screen may be older); 0 when it could be read. */
static int reload(struct shelf_screen *s, const struct shelf_item *row, struct shelf_item *it)
{
	struct zerr err = ZERR_INIT;

	if (shelf_get(s->ui->app->db, row->id, it, &err) != 0) {
		ui_message(s->ui, _("Reading room shelf"), err.msg);
		return -1;
	}
	return 0;
}

struct change_form {
	struct ui *ui;
	struct shelf_item *it;
	int replace;		/* a new edition; else copies and place */
};

enum { RF_EDITION, RF_PLACED, RF_COPIES, RF_COUNT };
enum { EF_COPIES, EF_POSITION, EF_COUNT };

static int change_save(void *ctx, struct form *fm, struct zerr *err)
{
	struct change_form *cf = ctx;
	struct app *app = cf->ui->app;
	char *copies = form_value(fm, cf->replace ? RF_COPIES : EF_COPIES);
	int n = shelf_parse_copies(str_trim(copies)), rc = -1;

	form_clear_problems(fm);
	if (n < 0) {
		zerr_set(err, _("'%s' is not a number of copies; allowed: 1 to 999"), copies);
		err->field = cf->replace ? RF_COPIES : EF_COPIES;
	} else if (cf->replace) {
		char *edition = form_value(fm, RF_EDITION), *day = form_value(fm, RF_PLACED);
		zdate placed;

		if (date_parse(str_trim(day), &placed) != 0) {
			zerr_set(err, _("'%s' is not a date; allowed: YYYY-MM-DD"), day);
			err->field = RF_PLACED;
		} else {
			rc = shelf_replace(app->db, cf->it, str_trim(edition), placed, n, cf->ui->today, app->operator, err);
		}
		free(edition);
		free(day);
	} else {
		char *position = form_value(fm, EF_POSITION);

		rc = shelf_change(app->db, cf->it, n, str_trim(position), cf->ui->today, app->operator, err);
		free(position);
	}
	free(copies);
	return rc;
}

/* r: a new issue or edition in place of the old; e: copies and place. */
static void change_item(struct shelf_screen *s, const struct shelf_item *row, int replace)
{
	struct ui *ui = s->ui;
	struct shelf_item it;
	struct change_form cf = { ui, &it, replace };
	struct form fm;
	char today[DATE_BUFSZ], *title;

	if (reload(s, row, &it) != 0)
		return;
	if (replace) {
		title = xasprintf(_("New edition of %s (now %s)"), it.f[HF_TITLE], it.f[HF_EDITION]);
		form_init(&fm, title, RF_COUNT);
		form_text(&fm, RF_EDITION, shelf_field_label(HF_EDITION), "", shelf_field_max(HF_EDITION));
		form_text(&fm, RF_PLACED, shelf_field_label(HF_PLACED), date_format(ui->today, today), 10);
		form_text(&fm, RF_COPIES, shelf_field_label(HF_COPIES), it.f[HF_COPIES], 3);
	} else {
		title = xasprintf(_("Copies and place of %s"), it.f[HF_TITLE]);
		form_init(&fm, title, EF_COUNT);
		form_text(&fm, EF_COPIES, shelf_field_label(HF_COPIES), it.f[HF_COPIES], 3);
		form_text(&fm, EF_POSITION, shelf_field_label(HF_POSITION), it.f[HF_POSITION], shelf_field_max(HF_POSITION));
	}
	if (form_run(ui, &fm, change_save, &cf)) {
		/* A new edition is current again: in the out-of-date view it leaves the list. */
		update_title(s);
		list_reload(&s->list);
	}
	form_free(&fm);
	free(title);
	shelf_free(&it);
}

static void take_off(struct shelf_screen *s, const struct shelf_item *row)
{
	struct zerr err = ZERR_INIT;
	struct shelf_item it;
	char *ask;

	if (reload(s, row, &it) != 0)
		return;
	ask = xasprintf(_("Take %s (%s) off the shelf? It stays in the records with its history."), it.f[HF_TITLE],
			it.f[HF_EDITION]);
	if (ui_confirm(s->ui, ask)) {
		if (shelf_retire(s->ui->app->db, &it, s->ui->today, s->ui->app->operator, &err) != 0)
			ui_message(s->ui, _("Reading room shelf"), err.msg);
		update_title(s);
		list_reload(&s->list);
	}
	free(ask);
	shelf_free(&it);
}

static void history_line(void *ctx, const char *at, const char *day, const char *op, const char *event,
			 const char *detail)
{
	char *label = width_fit(shelf_event_label(event), 12, ALIGN_LEFT), *words = shelf_event_detail(event, detail);
	char *head = xasprintf("  %s  %s %s  ", day, label, op), **lines;
	/* What happened wraps under itself, within the page (COLS - 8 wide). */
	int indent = width_str(head), room = COLS - 8 - indent, n = width_wrap(words, room > 20 ? room : 20, &lines);

	(void)at;
	if (!n)
		ui_lines_add(ctx, xstrdup(head));
	for (int i = 0; i < n; i++)
		ui_lines_add(ctx, i ? xasprintf("%*s%s", indent, "", lines[i]) : xasprintf("%s%s", head, lines[i]));
	strv_free(lines);
	free(head);
	free(words);
	free(label);
}

/* Enter: the item whole, with its history. */
static void show_item(struct shelf_screen *s, const struct shelf_item *row)
{
	const struct config *cfg = &s->ui->app->cfg;
	struct zerr err = ZERR_INIT;
	struct shelf_item it;
	char **lines = NULL;

	if (reload(s, row, &it) != 0)
		return;
	for (int f = 0; f < HF_COUNT; f++) {
		const char *shown = f == HF_KIND	 ? shelf_kind_label(it.kind)
				    : f == HF_TAKE_AWAY ? (it.take_away ? _("yes") : _("no"))
							: it.f[f];
		char *label = width_fit(shelf_field_label(f), 18, ALIGN_RIGHT);

		ui_lines_add(&lines, xasprintf("%s  %s", label, shown));
		free(label);
	}
	ui_lines_add(&lines, shelf_state_text(cfg, &it, s->ui->today));
	ui_lines_add(&lines, xstrdup(""));
	ui_lines_add(&lines, xstrdup(_("History:")));
	if (shelf_history(s->ui->app->db, it.id, history_line, &lines, &err) != 0)
		ui_lines_add(&lines, xstrdup(err.msg));
	ui_view_lines(s->ui, it.f[HF_TITLE], lines);
	strv_free(lines);
	shelf_free(&it);
}

static void print_catalogue(struct shelf_screen *s)
{
	struct ui *ui = s->ui;
	struct shelf_filter all = { 0, 0, ui->today, &ui->app->cfg };
	struct zerr err = ZERR_INIT;
	char *ask, *job = NULL;
	int n = shelf_count(ui->app->db, &all, &err), pages;

	ask = xasprintf(_("Print the catalogue of the reading room (%d item(s)) for its wall or table?"), n < 0 ? 0 : n);
	if (ui_confirm(ui, ask)) {
		ui_busy(ui, _("Printing the catalogue..."));
		if (shelf_catalogue_print(ui->app->db, &ui->app->cfg, ui->app->operator, &pages, &job, &err) != 0) {
			ui_message(ui, _("Reading room shelf"), err.msg);
		} else {
			char *msg = xasprintf(_("The catalogue (%d page(s)) was sent to the printer%s%s."), pages, *job ? ": " : "",
					      job);

			ui_message(ui, _("Reading room shelf"), msg);
			free(msg);
		}
	}
	free(ask);
	free(job);
}

void scr_shelf(struct ui *ui)
{
	struct shelf_screen s;

	memset(&s, 0, sizeof s);
	s.ui = ui;
	s.filter.today = ui->today;
	s.filter.cfg = &ui->app->cfg;
	list_init(&s.list, &ops, &s);
	ui_push(ui, draw_shelf, &s, SCR_BROWSE | SCR_SHELF, _("Reading room shelf"));
	update_title(&s);
	list_top(&s.list);
	for (;;) {
		const struct shelf_item *cur;
		enum action act;
		int key;

		ui_redraw(ui);
		key = ui_getkey(ui);
		if (key == ZK_STOP)
			break;
		free(s.error);
		s.error = NULL;
		cur = list_current(&s.list);
		act = ui_action(ui, key);
		switch (act) {
		case ACT_BACK:
			goto out;
		case ACT_HELP:
			ui_help(ui);
			break;
		case ACT_OPEN:
			if (cur)
				show_item(&s, cur);
			break;
		case ACT_ADD:
			add_item(&s);
			break;
		case ACT_REPLACE:
		case ACT_EDIT:
			if (cur)
				change_item(&s, cur, act == ACT_REPLACE);
			break;
		case ACT_TAKE_OFF:
			if (cur)
				take_off(&s, cur);
			break;
		case ACT_STALE:
			s.filter.stale = !s.filter.stale;
			update_title(&s);
			list_top(&s.list);
			break;
		case ACT_PRINT_CATALOGUE:
			print_catalogue(&s);
			break;
		default:
			list_move(&s.list, act);
			break;
		}
	}
out:
	ui_pop(ui);
	list_free(&s.list);
	free(s.title);
	free(s.error);
}
