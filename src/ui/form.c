/* form.c - forms: one line per field, F2 saves, Esc leaves (asking first if anything changed). */
#include "form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void draw_form(void *ctx)
{
	struct form *fm = ctx;
	int top = ui_body_top(), h = ui_body_bottom() - top, w = COLS - 4;
	int fw = w - LABEL_COLS - 6;

	/* The form covers the whole body, so the screen under it does not show at the edges. */
	for (int y = top; y < top + h; y++)
		ui_fill(y, 0, COLS, A_NORMAL);
	ui_box(top, 2, h, w, fm->title);
	for (int i = 0; i < fm->n && i < h - 4; i++) {
		struct form_field *f = &fm->f[i];
		int y = top + 2 + i, focused = i == fm->cur;

		ui_text(y, 4, LABEL_COLS, f->label, focused ? the_ui->attr[A_HEAD] : A_NORMAL, ALIGN_RIGHT);
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
	if (fm->error) {
		char **lines;
		int n = width_wrap(fm->error, w - 4, &lines);

		for (int i = 0; i < n && i < 2; i++)
			ui_text(top + h - 3 + i, 4, w - 4, lines[i], the_ui->attr[A_ERROR], ALIGN_LEFT);
		strv_free(lines);
	} else if (fm->f[fm->cur].type == FF_CHOICE) {
		ui_text(top + h - 2, 4, w - 4, _("Left/Right or Space: choose"), the_ui->attr[A_GREY], ALIGN_LEFT);
	}
}

static void set_error(struct form *fm, const char *msg)
{
	free(fm->error);
	fm->error = msg ? xstrdup(msg) : NULL;
}

/* Returns 1 when saved; otherwise shows why and moves to the field at fault. */
static int try_save(struct form *fm, int (*save)(void *ctx, struct form *fm, struct zerr *err), void *ctx)
{
	struct zerr err = ZERR_INIT;

	if (save(ctx, fm, &err) == 0)
		return 1;
	set_error(fm, err.msg);
	if (err.field >= 0 && err.field < fm->n)
		fm->cur = err.field;
	return -1;
}

int form_run(struct ui *ui, struct form *fm, int (*save)(void *ctx, struct form *fm, struct zerr *err), void *ctx)
{
	int result = -1;

	ui_push(ui, draw_form, fm, SCR_FORM, fm->title);
	while (result < 0) {
		struct form_field *f = &fm->f[fm->cur];
		int key;

		ui_redraw(ui);
		key = ui_getkey(ui);
		if (key == ZK_STOP) {
			result = 0;
			break;
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
			if (key == ZK_ENTER && fm->cur == fm->n - 1) {
				/* Enter on the last field saves, as a clerk expects. */
				result = try_save(fm, save, ctx);
				continue;
			}
			fm->cur = (fm->cur + 1) % fm->n;
			continue;
		case ACT_PREV_FIELD:
			fm->cur = (fm->cur + fm->n - 1) % fm->n;
			continue;
		default:
			break;
		}
		if (f->type == FF_CHOICE) {
			if (key == ZK_RIGHT || key == ' ')
				f->choice = (f->choice + 1) % f->nchoices;
			else if (key == ZK_LEFT)
				f->choice = (f->choice + f->nchoices - 1) % f->nchoices;
		} else {
			edit_key(&f->edit, key);
		}
	}
	ui_pop(ui);
	return result;
}
