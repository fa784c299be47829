/* scr_menu.c - who is at the desk, the main menu of zones, and the settings page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appl.h"
#include "db.h"
#include "uipriv.h"
#include "width.h"

static int scr_settings(struct ui *ui);

static void draw_choices(void *ctx)
{
	struct menu *c = ctx;
	int room = ui_body_bottom() - ui_body_top() - 7, shown = c->n < room ? c->n : room;
	int w = COLS - 8, h = shown + 6, y = ui_body_top() + 1, x = 4, lw = 0;

	/* A list covers the body, so a menu under it does not show through. */
	for (int r = ui_body_top(); r < ui_body_bottom(); r++)
		ui_fill(r, 0, COLS, A_NORMAL);
	ui_box(y, x, h, w, c->title);
	ui_text(y + 1, x + 3, w - 6, c->intro ? c->intro : "", A_NORMAL, ALIGN_LEFT);
	for (int i = 0; i < c->n; i++)
		if (width_str(c->items[i]) > lw)
			lw = width_str(c->items[i]);
	/* With notes the labels take at most half the box; alone they may use all of it. */
	lw = !c->notes ? w - 8 : lw + 5 < w / 2 ? lw + 5 : w / 2;
	if (c->cur < c->top)
		c->top = c->cur;
	if (c->cur >= c->top + shown)
		c->top = c->cur - shown + 1;
	for (int r = 0; r < shown; r++) {
		int i = c->top + r;
		char *label = xasprintf("%d  %s", i + 1, c->items[i]);
		attr_t a = i == c->cur ? the_ui->attr[A_SELECTED] : (c->greyed && c->greyed[i] ? the_ui->attr[A_GREY] : A_NORMAL);

		ui_text(y + 3 + r, x + 3, lw, label, a, ALIGN_LEFT);
		if (c->notes)
			ui_text(y + 3 + r, x + 5 + lw, w - 8 - lw, c->notes[i],
				c->greyed && c->greyed[i] ? the_ui->attr[A_GREY] : A_NORMAL, ALIGN_LEFT);
		free(label);
	}
	if (shown < c->n) {
		char *more = xasprintf(" %d-%d / %d ", c->top + 1, c->top + shown, c->n);

		ui_text(y + h - 1, x + w - width_str(more) - 2, width_str(more), more, the_ui->attr[A_FRAME], ALIGN_LEFT);
		free(more);
	}
}

/* Runs the list (its layer pushed by the caller) until Enter (returns the index), quit or Esc (-1). */
static int run_choices(struct ui *ui, struct menu *c, void (*extra)(struct ui *, int))
{
	int result = -2;

	while (result == -2) {
		int key;

		ui_redraw(ui);
		key = ui_getkey(ui);
		if (key == ZK_STOP) {
			result = -1;
			break;
		}
		if (key >= '1' && key <= '9' && key - '1' < c->n) {
			c->cur = key - '1';
			result = c->cur;
			break;
		}
		switch (ui_action(ui, key)) {
		case ACT_UP:
			c->cur = (c->cur + c->n - 1) % c->n;
			break;
		case ACT_DOWN:
			c->cur = (c->cur + 1) % c->n;
			break;
		case ACT_OPEN:
			result = c->cur;
			break;
		case ACT_QUIT:
		case ACT_BACK:
			result = -1;
			break;
		case ACT_HELP:
			ui_help(ui);
			break;
		case ACT_OPERATOR:
			if (extra)
				extra(ui, ACT_OPERATOR);
			break;
		default:
			break;
		}
	}
	return result;
}

void ui_menu_push(struct ui *ui, struct menu *m)
{
	ui_push(ui, draw_choices, m, SCR_PICK, m->title);
}

int ui_menu_run(struct ui *ui, struct menu *m)
{
	return run_choices(ui, m, NULL);
}

int ui_choose(struct ui *ui, const char *title, const char *intro, const char **items, int n)
{
	struct menu c;
	int pick;

	memset(&c, 0, sizeof c);
	c.title = title;
	c.intro = intro;
	c.items = items;
	c.n = n;
	ui_push(ui, draw_choices, &c, SCR_PICK, title);
	pick = run_choices(ui, &c, NULL);
	ui_pop(ui);
	return pick;
}

/* Asks who is at the desk; returns 0 when chosen, -1 when the clerk quit. */
int scr_operator(struct ui *ui)
{
	char **staff = ui->app->cfg.staff;
	int nstaff = 0, pick;
	const char **items;
	struct menu c;

	while (staff && staff[nstaff])
		nstaff++;
	items = xcalloc((size_t)nstaff + 1, sizeof *items);
	for (int i = 0; i < nstaff; i++)
		items[i] = staff[i];
	items[nstaff] = _("Someone else (type the name)");
	memset(&c, 0, sizeof c);
	c.title = _("Who is at the desk?");
	c.intro = _("Choose your name; it is recorded with every change you make.");
	c.items = items;
	c.n = nstaff + 1;
	ui_push(ui, draw_choices, &c, SCR_PICK, c.title);
	for (;;) {
		char *name = NULL;

		/* With no staff list there is nothing to choose: ask for the name straight away. */
		pick = nstaff ? run_choices(ui, &c, NULL) : nstaff;
		if (pick < 0)
			break;
		/* The staff list is checked when the configuration is loaded. */
		if (pick < nstaff && app_set_operator(ui->app, staff[pick]) == 0)
			break;
		if (ui_prompt(ui, _("Your name:"), "", 20, &name)) {
			char *t = str_trim(name);

			if (*t && app_set_operator(ui->app, t) == 0) {
				free(name);
				break;
			}
		} else if (!nstaff) {
			pick = -1;	/* Esc at the only question: leave */
			break;
		}
		free(name);
	}
	ui_pop(ui);
	free(items);
	return pick < 0 ? -1 : 0;
}

enum { ITEM_ZONE, ITEM_REPORTS, ITEM_UNITS, ITEM_SETTINGS };

static void change_operator(struct ui *ui, int action)
{
	(void)action;
	scr_operator(ui);
}

int scr_menu(struct ui *ui)
{
	static const char *const zone_notes[ZONE_COUNT] = {
		N_("Look up the county portal's documents, read, print, QR codes"),
		N_("Shelf catalogue: what lies where, which edition, what is out of date"),
		N_("Register applications, print receipts, the ledger"),
		N_("Answer policy questions from the Q&A knowledge base, dispatch the rest"),
	};
	const char *items[ZONE_COUNT + 3], *notes[ZONE_COUNT + 3];
	int kinds[ZONE_COUNT + 3], zones[ZONE_COUNT + 3], n = 0;
	struct menu c;

	for (int z = 0; z < ZONE_COUNT; z++) {
		if (!ui->app->cfg.zones[z])
			continue;
		items[n] = zone_label(z);
		notes[n] = _(zone_notes[z]);
		kinds[n] = ITEM_ZONE;
		zones[n] = z;
		n++;
	}
	items[n] = _("Ledgers and reports");
	notes[n] = _("Every ledger for a range of days: on screen, printed, exported");
	kinds[n++] = ITEM_REPORTS;
	items[n] = _("Unit directory");
	notes[n] = _("Phone and receiving address of every unit");
	kinds[n++] = ITEM_UNITS;
	items[n] = _("Settings");
	notes[n] = _("This site's configuration, calendar and database");
	kinds[n++] = ITEM_SETTINGS;

	memset(&c, 0, sizeof c);
	c.title = _("Main menu");
	c.intro = site_type_label(ui->app->cfg.site_type);
	c.items = items;
	c.notes = notes;
	c.n = n;
	ui_push(ui, draw_choices, &c, SCR_MENU, c.title);
	for (;;) {
		int pick = run_choices(ui, &c, change_operator);

		if (pick < 0) {
			int late, waiting = appl_count_unforwarded(ui->app->db, ui->today, &late);
			char *ask = waiting > 0 && !ui_stopping() ? xasprintf(_("%d application(s) are not forwarded yet; they must reach their units today. Quit anyway?"), waiting)
					  : NULL;

			if (ask && !ui_confirm(ui, ask) && !ui_stopping()) {
				free(ask);
				continue;
			}
			free(ask);
			ui_pop(ui);
			return 0;
		}
		switch (kinds[pick]) {
		case ITEM_ZONE:
			if (zones[pick] == ZONE_QUERY)
				scr_query(ui);
			else if (zones[pick] == ZONE_READING)
				scr_shelf(ui);
			else if (zones[pick] == ZONE_APPLICATION)
				scr_appl(ui);
			else
				scr_ask(ui);
			break;
		case ITEM_REPORTS:
			scr_reports(ui);
			break;
		case ITEM_UNITS:
			scr_units(ui);
			break;
		case ITEM_SETTINGS:
			scr_settings(ui);
			break;
		}
	}
}

struct settings_lines {
	char **v;
	int n;
};

static void add_line(struct settings_lines *s, char *line)
{
	s->v = xrealloc(s->v, sizeof *s->v * (size_t)(s->n + 2));
	s->v[s->n++] = line;
	s->v[s->n] = NULL;
}

static void add_setting(void *ctx, const char *section, const char *key, const char *value, const char *help)
{
	struct settings_lines *s = ctx;
	char *name = xasprintf("[%s] %s", section, key), *cell = width_fit(name, 24, ALIGN_LEFT);

	char **lines;
	int n;

	add_line(s, xasprintf("%s %s", cell, *value ? value : "-"));
	/* Help under the value, wrapped to what an 80-column page leaves beside the names. */
	n = width_wrap(help, 46, &lines);
	for (int i = 0; i < n; i++)
		add_line(s, xasprintf("%*s %s", 24, "", lines[i]));
	strv_free(lines);
	free(name);
	free(cell);
}

static int scr_settings(struct ui *ui)
{
	struct app *app = ui->app;
	struct settings_lines s = { NULL, 0 };
	int this_year = date_year(ui->today);

	add_line(&s, xasprintf(_("Configuration file: %s"), app->cfg.path));
	add_line(&s, xasprintf(_("Database: %s (schema version %d)"), app->cfg.db_path, db_user_version(app->db)));
	for (int y = this_year; y <= this_year + 1; y++)
		add_line(&s, cal_covers(&app->cal, y) ? xasprintf(_("Calendar %d: covered"), y)
						      : xasprintf(_("Calendar %d: NOT covered, deadlines are provisional"), y));
	add_line(&s, xstrdup(_("To change a setting, edit the file, run zwgk check, and restart zwgk.")));
	add_line(&s, xstrdup(""));
	config_each(&app->cfg, add_setting, &s);
	ui_view_lines(ui, _("Settings"), s.v);
	strv_free(s.v);
	return 0;
}
