/* form.c - forms: one line per field, F2 saves, Esc leaves (asking first if anything changed). */
#include "form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "width.h"

#define LABEL_COLS 18

void form_init(struct form *fm, const char *title, int n)
{
	memset(fm, 0, sizeof *fm);
	fm->title = title;
	fm->n = n;
	fm->f = xcalloc((size_t)n, sizeof *fm->f);
}

void form_free(struct form *fm)
{
	for (int i = 0; i < fm->n; i++) {
		if (fm->f[i].type == FF_TEXT)
			edit_free(&fm->f[i].edit);
		free(fm->f[i].initial);
		free(fm->f[i].problem);
	}
	free(fm->f);
	free(fm->error);
	memset(fm, 0, sizeof *fm);
}

void form_text(struct form *fm, int i, const char *label, const char *value, int max)
{
	fm->f[i].label = label;
	fm->f[i].type = FF_TEXT;
	edit_init(&fm->f[i].edit, value, max);
	fm->f[i].initial = form_value(fm, i);
}

void form_choice(struct form *fm, int i, const char *label, const char *const *choices, int n, int sel)
{
	fm->f[i].label = label;
	fm->f[i].type = FF_CHOICE;
	fm->f[i].choices = choices;
	fm->f[i].nchoices = n;
	fm->f[i].choice = sel;
	fm->f[i].initial = form_value(fm, i);
}

char *form_value(const struct form *fm, int i)
{
	if (fm->f[i].type == FF_CHOICE)
		return xasprintf("%d", fm->f[i].choice);
	return edit_text(&fm->f[i].edit);
}

void form_set_text(struct form *fm, int i, const char *value)
{
	edit_set(&fm->f[i].edit, value);
	fm->f[i].edit.cur = fm->f[i].edit.len;
}

void form_problem(struct form *fm, int i, const char *msg, int warning)
{
	free(fm->f[i].problem);
	fm->f[i].problem = msg ? xstrdup(msg) : NULL;
	fm->f[i].warning = warning;
}

void form_clear_problems(struct form *fm)
{
	for (int i = 0; i < fm->n; i++)
		form_problem(fm, i, NULL, 0);
	free(fm->error);
	fm->error = NULL;
}

static int changed(const struct form *fm)
{
	for (int i = 0; i < fm->n; i++) {
		char *v = form_value(fm, i);
		int diff = strcmp(v, fm->f[i].initial) != 0;

		free(v);
		if (diff)
			return 1;
	}
	return 0;
}

/* The next field that is shown, from i in direction dir; i itself when none is. */
static int next_shown(const struct form *fm, int i, int dir)
{
	for (int k = 1; k <= fm->n; k++) {
		int j = ((i + dir * k) % fm->n + fm->n) % fm->n;

		if (!fm->f[j].hidden)
			return j;
	}
	return i;
}

static void draw_form(void *ctx)
{
	struct form *fm = ctx;
	int top = ui_body_top(), h = ui_body_bottom() - top, w = COLS - 4;
	int fw = w - LABEL_COLS - 6, rows = h - 6, shown = 0, row = 0, cur_row = 0;
	const struct form_field *cf = &fm->f[fm->cur];

	/* The form covers the whole body, so the screen under it does not show at the edges. */
	for (int y = top; y < top + h; y++)
		ui_fill(y, 0, COLS, A_NORMAL);
	ui_box(top, 2, h, w, fm->title);
	/* Scroll so that the current field is on screen. */
	for (int i = 0; i < fm->n; i++) {
		if (fm->f[i].hidden)
			continue;
		if (i == fm->cur)
			cur_row = shown;
		shown++;
	}
	if (cur_row < fm->top)
		fm->top = cur_row;
	if (cur_row >= fm->top + rows)
		fm->top = cur_row - rows + 1;
	if (fm->top > 0 && shown - fm->top < rows)
		fm->top = shown > rows ? shown - rows : 0;
	for (int i = 0, k = 0; i < fm->n; i++) {
		struct form_field *f = &fm->f[i];
		int y, focused = i == fm->cur;
		attr_t la;

		if (f->hidden || k++ < fm->top || row >= rows)
			continue;
		y = top + 2 + row++;
		la = f->problem ? (f->warning ? A_BOLD : the_ui->attr[A_ERROR]) : focused ? the_ui->attr[A_HEAD] : A_NORMAL;
		ui_text(y, 3, 1, f->problem ? "!" : (f->pick ? ">" : " "), la, ALIGN_LEFT);
		ui_text(y, 4, LABEL_COLS, f->label, la, ALIGN_RIGHT);
		if (f->type == FF_TEXT) {
			attrset(the_ui->attr[A_FIELD]);
			edit_draw(&f->edit, y, 4 + LABEL_COLS + 2, fw, focused);
			attrset(A_NORMAL);
		} else {
			char *c = xasprintf("< %s >", f->choices[f->choice]);

			ui_text(y, 4 + LABEL_COLS + 2, fw, c, focused ? the_ui->attr[A_SELECTED] : the_ui->attr[A_FIELD],
				ALIGN_LEFT);
			free(c);
		}
	}
	if (shown > rows) {
		char *pos = xasprintf(" %d-%d / %d ", fm->top + 1, fm->top + rows, shown);

		ui_text(top + h - 4, w - width_str(pos) - 2, width_str(pos), pos, the_ui->attr[A_FRAME], ALIGN_LEFT);
		free(pos);
	}
	/* Under the fields: the current field's problem, else the form's, else a hint. */
	{
		const char *msg = cf->problem ? cf->problem : fm->error;
		char *text = msg && cf->problem ? xasprintf("%s: %s", cf->label, msg) : msg ? xstrdup(msg) : NULL;
		attr_t a = cf->problem && cf->warning ? A_BOLD : the_ui->attr[A_ERROR];

		if (text) {
			char **lines;
			int n = width_wrap(text, w - 4, &lines);

			for (int i = 0; i < n && i < 2; i++)
				ui_text(top + h - 3 + i, 4, w - 4, lines[i], a, ALIGN_LEFT);
			strv_free(lines);
			free(text);
		} else if (cf->type == FF_CHOICE) {
			ui_text(top + h - 2, 4, w - 4, _("Left/Right or Space: choose"), the_ui->attr[A_GREY], ALIGN_LEFT);
		} else if (cf->pick) {
			ui_text(top + h - 2, 4, w - 4, _("F4 or Enter: choose from the list"), the_ui->attr[A_GREY], ALIGN_LEFT);
		}
	}
}

static void set_error(struct form *fm, const char *msg)
{
	free(fm->error);
	fm->error = msg ? xstrdup(msg) : NULL;
}

/* Returns 1 when saved; otherwise shows why and moves to the (first) field at fault. */
static int try_save(struct form *fm, int (*save)(void *ctx, struct form *fm, struct zerr *err), void *ctx)
{
	struct zerr err = ZERR_INIT;

	set_error(fm, NULL);
	if (save(ctx, fm, &err) == 0)
		return 1;
	set_error(fm, err.msg[0] ? err.msg : NULL);
	for (int i = 0; i < fm->n; i++) {
		if (fm->f[i].problem && !fm->f[i].warning && !fm->f[i].hidden) {
			fm->cur = i;
			return -1;
		}
	}
	if (err.field >= 0 && err.field < fm->n)
		fm->cur = err.field;
	return -1;
}

/* A draft kept when the desk was stopped in this form: offered back, then gone either way. */
static void offer_draft(struct ui *ui, struct form *fm)
{
	char **values, *title;
	int n = draft_load(&ui->app->cfg, fm->draft, &values, &title);

	if (n == fm->n && ui_confirm(ui, _("This form was not saved when the desk was closed last time. Go on with what was typed then?"))) {
		for (int i = 0; i < n; i++)
			if (fm->f[i].type == FF_CHOICE) {
				int c = atoi(values[i]);

				fm->f[i].choice = c >= 0 && c < fm->f[i].nchoices ? c : 0;
			} else {
				form_set_text(fm, i, values[i]);
			}
	}
	if (n > 0)
		draft_remove(&ui->app->cfg, fm->draft);
	strv_free(values);
	free(title);
}

/* Stopped in the middle of a form: what was typed is kept for the next time. */
static void keep_draft(struct form *fm)
{
	struct zerr err = ZERR_INIT;
	char **values = xcalloc((size_t)fm->n + 1, sizeof *values);

	for (int i = 0; i < fm->n; i++)
		values[i] = form_value(fm, i);
	draft_save(&fm->ui->app->cfg, fm->draft, fm->title, values, fm->n, &err);
	strv_free(values);
}

int form_run(struct ui *ui, struct form *fm, int (*save)(void *ctx, struct form *fm, struct zerr *err), void *ctx)
{
	int result = -1;

	fm->ui = ui;
	if (fm->draft)
		offer_draft(ui, fm);
	if (fm->changed)
		fm->changed(fm->ctx, fm);
	if (fm->f[fm->cur].hidden)
		fm->cur = next_shown(fm, fm->cur, 1);
	ui_push(ui, draw_form, fm, SCR_FORM, fm->title);
	while (result < 0) {
		struct form_field *f = &fm->f[fm->cur];
		int key;

		ui_redraw(ui);
		key = ui_getkey(ui);
		if (key == ZK_STOP) {
			if (fm->draft && changed(fm))
				keep_draft(fm);
			result = 0;
			break;
		}
		if (f->pick && (key == ZK_F(4) || (key == ZK_ENTER && f->type == FF_TEXT && f->edit.len == 0))) {
			f->pick(fm->ctx, fm, fm->cur);
			goto after_key;
		}
		switch (ui_action(ui, key)) {
		case ACT_SAVE:
			result = try_save(fm, save, ctx);
			continue;
		case ACT_BACK:
			if (!changed(fm) || ui_confirm(ui, _("Leave without saving? What you typed will be lost.")))
				result = 0;
			continue;
		case ACT_HELP:
			ui_help(ui);
			continue;
		case ACT_NEXT_FIELD:
			if (key == ZK_ENTER && next_shown(fm, fm->cur, 1) <= fm->cur) {
				/* Enter on the last field saves, as a clerk expects. */
				result = try_save(fm, save, ctx);
				continue;
			}
			fm->cur = next_shown(fm, fm->cur, 1);
			continue;
		case ACT_PREV_FIELD:
			fm->cur = next_shown(fm, fm->cur, -1);
			continue;
		default:
			break;
		}
		if (f->type == FF_CHOICE) {
			if (key == ZK_RIGHT || key == ' ')
				f->choice = (f->choice + 1) % f->nchoices;
			else if (key == ZK_LEFT)
				f->choice = (f->choice + f->nchoices - 1) % f->nchoices;
		} else if (edit_key(&f->edit, key) && f->problem) {
			/* Typing in a field answers its problem; the next save checks again. */
			form_problem(fm, fm->cur, NULL, 0);
		}
after_key:
		if (fm->changed)
			fm->changed(fm->ctx, fm);
		if (fm->f[fm->cur].hidden)
			fm->cur = next_shown(fm, fm->cur, 1);
	}
	ui_pop(ui);
	return result;
}

void form_pick_unit(void *ctx, struct form *fm, int field)
{
	char *name = NULL;

	(void)ctx;
	if (scr_units_run(fm->ui, 1, &name)) {
		form_set_text(fm, field, name);
		form_problem(fm, field, NULL, 0);
	}
	free(name);
}
