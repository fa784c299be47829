/* scr_units.c - the unit directory: browse, search, add, edit, retire. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "list.h"
#include "uipriv.h"
#include "unit.h"
#include "width.h"

struct units {
	struct ui *ui;
	struct list list;
	char *filter;
	int count;
	char *title;
	char *error;		/* the last database error, shown under the list */
	int pick;		/* choosing a unit for a form: Enter returns it */
};

static const int col_name = 30, col_kind = 12, col_town = 12;

static int fetch_units(void *ctx, const void *anchor, int backwards, int limit, void **out)
{
	struct units *s = ctx;
	const struct unit *a = anchor;
	struct unit_key key = { a ? a->kind : 0, a ? a->f[UF_NAME] : NULL };
	struct zerr err = ZERR_INIT;
	struct unit *rows;
	int n;

	if (unit_page(s->ui->app->db, s->filter, a ? &key : NULL, backwards, limit, &rows, &n, &err) != 0) {
		free(s->error);
		s->error = xstrdup(err.msg);
		return -1;
	}
	return list_box(rows, sizeof *rows, n, out);
}

static void free_unit(void *ctx, void *row)
{
	(void)ctx;
	unit_free(row);
	free(row);
}

static void draw_unit_row(void *ctx, const void *row, int y, int x, int width, int selected)
{
	const struct unit *u = row;
	attr_t a = selected ? the_ui->attr[A_SELECTED] : (u->retired ? the_ui->attr[A_GREY] : A_NORMAL);
	char *name = unit_display_name(u);
	int rest = width - col_name - col_kind - col_town - 3;

	(void)ctx;
	ui_fill(y, x, width, a);
	ui_text(y, x, col_name, name, a, ALIGN_LEFT);
	ui_text(y, x + col_name + 1, col_kind, unit_kind_label(u->kind), a, ALIGN_LEFT);
	ui_text(y, x + col_name + col_kind + 2, col_town, u->f[UF_TOWNSHIP], a, ALIGN_LEFT);
	ui_text(y, x + col_name + col_kind + col_town + 3, rest, u->f[UF_PHONE], a, ALIGN_LEFT);
	free(name);
}

static const struct list_ops unit_list_ops = { fetch_units, free_unit, draw_unit_row };

static void draw_units(void *ctx)
{
	struct units *s = ctx;
	int top = ui_body_top(), bottom = ui_body_bottom(), width = COLS - 2;
	const struct unit *cur;

	ui_fill(top, 0, COLS, the_ui->attr[A_HEAD]);
	ui_text(top, 1, col_name, unit_field_label(UF_NAME), the_ui->attr[A_HEAD], ALIGN_LEFT);
	ui_text(top, 1 + col_name + 1, col_kind, unit_field_label(UF_KIND), the_ui->attr[A_HEAD], ALIGN_LEFT);
	ui_text(top, 1 + col_name + col_kind + 2, col_town, unit_field_label(UF_TOWNSHIP), the_ui->attr[A_HEAD],
		ALIGN_LEFT);
	ui_text(top, 1 + col_name + col_kind + col_town + 3, width - col_name - col_kind - col_town - 3,
		unit_field_label(UF_PHONE), the_ui->attr[A_HEAD], ALIGN_LEFT);
	list_draw(&s->list, top + 1, 1, width, bottom - top - 5);

	/* The selected unit's details, under the list. */
	mvhline(bottom - 4, 0, ACS_HLINE, COLS);
	if (s->filter) {
		char *f = xasprintf(_(" Search: %s (%d found; Esc shows all) "), s->filter, s->count);

		ui_text(bottom - 4, 2, width_str(f) < COLS - 4 ? width_str(f) : COLS - 4, f, A_BOLD, ALIGN_LEFT);
		free(f);
	}
	cur = list_current(&s->list);
	if (s->error) {
		ui_text(bottom - 3, 1, width, s->error, the_ui->attr[A_ERROR], ALIGN_LEFT);
	} else if (cur) {
		char *l1 = xasprintf("%s: %s  %s: %s", unit_field_label(UF_ADDRESS), *cur->f[UF_ADDRESS] ? cur->f[UF_ADDRESS] : "-",
				     unit_field_label(UF_POSTCODE), *cur->f[UF_POSTCODE] ? cur->f[UF_POSTCODE] : "-");
		char *l2 = xasprintf("%s: %s  %s: %s", unit_field_label(UF_EMAIL), *cur->f[UF_EMAIL] ? cur->f[UF_EMAIL] : "-",
				     unit_field_label(UF_HOURS), *cur->f[UF_HOURS] ? cur->f[UF_HOURS] : "-");
		char *stamp = xasprintf(_("Last changed %s by %s"), cur->updated_at, cur->updated_by);
		int sw = width_str(stamp) < width * 2 / 3 ? width_str(stamp) : width * 2 / 3;

		/* The selected unit's name, so it is plain which row the details belong to. */
		ui_text(bottom - 3, 1, width - sw - 2, cur->f[UF_NAME], A_BOLD, ALIGN_LEFT);
		ui_text(bottom - 3, 1 + width - sw, sw, stamp, the_ui->attr[A_GREY], ALIGN_RIGHT);
		ui_text(bottom - 2, 1, width, l1, A_NORMAL, ALIGN_LEFT);
		ui_text(bottom - 1, 1, width, l2, A_NORMAL, ALIGN_LEFT);
		free(l1);
		free(l2);
		free(stamp);
	} else {
		ui_text(bottom - 3, 1, width, s->filter ? _("No unit matches the search.") : _("The directory is empty: press a to add a unit, or import a CSV with zwgk unit import."),
			A_NORMAL, ALIGN_LEFT);
	}
}

static void update_title(struct units *s)
{
	struct zerr err = ZERR_INIT;

	s->count = unit_count(s->ui->app->db, s->filter, &err);
	free(s->title);
	s->title = s->pick ? xasprintf(_("Choose the unit (%d): Enter picks it"), s->count < 0 ? 0 : s->count)
			   : xasprintf(_("Unit directory (%d)"), s->count < 0 ? 0 : s->count);
	s->ui->title = s->title;
	s->ui->layers[s->ui->nlayers - 1].title = s->title;
}

struct unit_edit {
	struct ui *ui;
	struct unit *u;
};

static int save_unit(void *ctx, struct form *fm, struct zerr *err)
{
	struct unit_edit *ue = ctx;
	struct unit *u = ue->u;

	for (int i = 0; i < UF_COUNT; i++) {
		char *v = form_value(fm, i);

		if (i == UF_KIND)
			unit_set(u, i, unit_kind_code(atoi(v)));
		else
			unit_set(u, i, v);
		free(v);
	}
	return u->id ? unit_update(ue->ui->app->db, u, ue->ui->app->operator, err)
		     : unit_insert(ue->ui->app->db, u, ue->ui->app->operator, err);
}

/* Opens the form on a copy of `from` (a new unit when NULL); when saved, shows it in the list. */
static int edit_unit(struct units *s, const struct unit *from)
{
	struct ui *ui = s->ui;
	const char *kinds[UK_COUNT];
	struct unit u;
	struct form fm;
	struct unit_edit ue = { ui, &u };
	struct zerr err = ZERR_INIT;
	int saved;

	if (from) {
		/* Read it again: the row on screen may be older than the database. */
		if (unit_get(ui->app->db, from->id, &u, &err) != 0) {
			ui_message(ui, _("Unit directory"), err.msg);
			return 0;
		}
	} else {
		unit_init(&u);
	}
	for (int k = 0; k < UK_COUNT; k++)
		kinds[k] = unit_kind_label(k);
	form_init(&fm, from ? _("Edit unit") : _("Add a unit"), UF_COUNT);
	for (int i = 0; i < UF_COUNT; i++) {
		if (i == UF_KIND)
			form_choice(&fm, i, unit_field_label(i), kinds, UK_COUNT, u.kind);
		else
			form_text(&fm, i, unit_field_label(i), u.f[i], unit_field_max(i));
	}
	saved = form_run(ui, &fm, save_unit, &ue);
	if (saved) {
		update_title(s);
		list_show(&s->list, &u);
	}
	form_free(&fm);
	unit_free(&u);
	return saved;
}

int scr_units(struct ui *ui)
{
	return scr_units_run(ui, 0, NULL);
}

int scr_units_run(struct ui *ui, int pick, char **picked)
{
	struct units s;
	int result = 0;

	memset(&s, 0, sizeof s);
	s.ui = ui;
	s.pick = pick;
	list_init(&s.list, &unit_list_ops, &s);
	ui_push(ui, draw_units, &s, SCR_LIST, _("Unit directory"));
	update_title(&s);
	list_top(&s.list);
	for (;;) {
		const struct unit *cur;
		char *text = NULL, *msg;
		struct zerr err = ZERR_INIT;
		int key;

		ui_redraw(ui);
		key = ui_getkey(ui);
		if (key == ZK_STOP)
			break;
		cur = list_current(&s.list);
		free(s.error);
		s.error = NULL;
		switch (ui_action(ui, key)) {
		case ACT_BACK:
			if (!s.filter)
				goto out;
			free(s.filter);
			s.filter = NULL;
			update_title(&s);
			list_top(&s.list);
			break;
		case ACT_HELP:
			ui_help(ui);
			break;
		case ACT_UP:
			list_up(&s.list);
			break;
		case ACT_DOWN:
			list_down(&s.list);
			break;
		case ACT_PGUP:
			list_page_up(&s.list);
			break;
		case ACT_PGDN:
			list_page_down(&s.list);
			break;
		case ACT_HOME:
			list_top(&s.list);
			break;
		case ACT_END:
			list_bottom(&s.list);
			break;
		case ACT_SEARCH:
			if (ui_prompt(ui, _("Search (name, township or phone):"), s.filter, 30, &text)) {
				free(s.filter);
				s.filter = *str_trim(text) ? xstrdup(str_trim(text)) : NULL;
				update_title(&s);
				list_top(&s.list);
			}
			free(text);
			break;
		case ACT_OPEN:
			if (pick && cur && cur->retired) {
				ui_message(ui, _("Unit directory"), _("This unit is retired; choose another, or restore it first."));
			} else if (pick && cur) {
				*picked = xstrdup(cur->f[UF_NAME]);
				result = 1;
				goto out;
			} else if (cur) {
				edit_unit(&s, cur);
			}
			break;
		case ACT_ADD:
			if (!pick)
				edit_unit(&s, NULL);
			break;
		case ACT_EDIT:
			if (cur && !pick)
				edit_unit(&s, cur);
			break;
		case ACT_RETIRE:
			if (!cur || pick)
				break;
			msg = xasprintf(cur->retired ? _("Restore %s to the directory?")
						     : _("Retire %s? It stays in the records but is no longer offered."),
					cur->f[UF_NAME]);
			if (ui_confirm(ui, msg)) {
				if (unit_set_retired(ui->app->db, cur->id, !cur->retired, ui->app->operator, &err) != 0)
					ui_message(ui, _("Unit directory"), err.msg);
				list_reload(&s.list);
			}
			free(msg);
			break;
		default:
			break;
		}
	}
out:
	ui_pop(ui);
	list_free(&s.list);
	free(s.filter);
	free(s.title);
	free(s.error);
	return result;
}
