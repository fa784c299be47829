/* scr_sug.c - 意见建议 at the desk: registering a suggestion, and the suggestion ledger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "choice.h"
#include "form.h"
#include "ident.h"
#include "ledger.h"
#include "list.h"
#include "sug.h"
#include "uipriv.h"
#include "width.h"

struct sug_form {
	struct ui *ui;
	const char *channels[8];
	int nchannels;
};

static int sug_save(void *ctx, struct form *fm, struct zerr *err)
{
	struct sug_form *sf = ctx;
	struct app *app = sf->ui->app;
	struct sug s;
	struct unit u;
	struct appl_check c;
	int rc = -1;

	sug_init(&s);
	for (int f = 0; f < SF_COUNT; f++) {
		char *v = f == SF_CHANNEL ? xstrdup(sug_channels[fm->f[f].choice].code) : form_value(fm, f);

		sug_set(&s, f, v);
		free(v);
	}
	sug_validate(app->db, &s, date_today(), &u, &c);
	form_clear_problems(fm);
	for (int i = c.n - 1; i >= 0; i--)
		form_problem(fm, c.v[i].field, c.v[i].msg, c.v[i].warning);
	if (c.errors) {
		zerr_set(err, _("%d thing(s) to correct: the fields marked ! say what"), c.errors);
	} else if (!appl_in_scope(&app->cfg, &u)) {
		if (appl_guidance(app->db, "suggestion", &u, s.f[SF_NAME], s.f[SF_CONTENT], app->operator, err) == 0) {
			ui_guide(sf->ui, &u, 1);
			rc = 0;
		}
	} else if (sug_register(app->db, &app->cfg, &s, app->operator, err) == 0) {
		char *msg = xasprintf(_("Registered as %s; forward it to the unit today."), s.serial);

		ui_message(sf->ui, _("Suggestion registered"), msg);
		free(msg);
		rc = 0;
	}
	appl_check_free(&c);
	unit_free(&u);
	sug_free(&s);
	return rc;
}

static void sug_intake(struct ui *ui)
{
	struct sug_form sf;
	struct form fm;
	char today[DATE_BUFSZ];

	memset(&sf, 0, sizeof sf);
	sf.ui = ui;
	for (; sug_channels[sf.nchannels].code; sf.nchannels++)
		sf.channels[sf.nchannels] = _(sug_channels[sf.nchannels].label);
	form_init(&fm, _("Register a suggestion"), SF_COUNT);
	fm.ctx = &sf;
	for (int f = 0; f < SF_COUNT; f++) {
		if (f == SF_CHANNEL)
			form_choice(&fm, f, sug_field_label(f), sf.channels, sf.nchannels, 0);
		else
			form_text(&fm, f, sug_field_label(f), f == SF_RECEIVED ? date_format(date_today(), today) : "",
				  sug_field_max(f));
	}
	fm.f[SF_TARGET_UNIT].pick = form_pick_unit;
	fm.draft = "suggestion";
	form_run(ui, &fm, sug_save, &sf);
	form_free(&fm);
}

struct sug_ledger {
	struct ui *ui;
	struct list list;
	char *error;
};

static int fetch(void *ctx, const void *anchor, int backwards, int limit, void **out)
{
	struct sug_ledger *l = ctx;
	struct zerr err = ZERR_INIT;
	struct sug *rows;
	int n;

	if (sug_page(l->ui->app->db, 0, 0, anchor, backwards, limit, &rows, &n, &err) != 0) {
		free(l->error);
		l->error = xstrdup(err.msg);
		return -1;
	}
	return list_box(rows, sizeof *rows, n, out);
}

static void free_row(void *ctx, void *row)
{
	(void)ctx;
	sug_free(row);
	free(row);
}

static void draw_row(void *ctx, const void *row, int y, int x, int width, int selected)
{
	const struct sug *s = row;
	attr_t a = selected ? the_ui->attr[A_SELECTED] : s->state == SS_RECEIVED ? A_BOLD : A_NORMAL;

	(void)ctx;
	ui_fill(y, x, width, a);
	ui_text(y, x, 19, s->serial, a, ALIGN_LEFT);
	ui_text(y, x + 20, 10, s->f[SF_RECEIVED], a, ALIGN_LEFT);
	ui_text(y, x + 31, 8, sug_state_label(s->state), a, ALIGN_LEFT);
	ui_text(y, x + 40, width - 40, s->f[SF_CONTENT], a, ALIGN_LEFT);
}

static const struct list_ops ops = { fetch, free_row, draw_row };

static void draw_ledger(void *ctx)
{
	struct sug_ledger *l = ctx;
	int top = ui_body_top(), bottom = ui_body_bottom();
	const struct sug *cur;
	attr_t h = the_ui->attr[A_HEAD];

	ui_fill(top, 0, COLS, h);
	ui_text(top, 1, 19, _("Serial"), h, ALIGN_LEFT);
	ui_text(top, 21, 10, _("Received on"), h, ALIGN_LEFT);
	ui_text(top, 32, 8, _("State"), h, ALIGN_LEFT);
	ui_text(top, 41, COLS - 42, sug_field_label(SF_CONTENT), h, ALIGN_LEFT);
	list_draw(&l->list, top + 1, 1, COLS - 2, bottom - top - 4);
	mvhline(bottom - 3, 0, ACS_HLINE, COLS);
	cur = list_current(&l->list);
	if (l->error) {
		ui_text(bottom - 2, 1, COLS - 2, l->error, the_ui->attr[A_ERROR], ALIGN_LEFT);
	} else if (cur) {
		/* Lists mask a phone number; the whole number is for the detail only. */
		char *contact = ident_mask_phone(cur->f[SF_CONTACT]);
		char *l1 = xasprintf("%s: %s   %s: %s %s", sug_field_label(SF_TARGET_UNIT), cur->f[SF_TARGET_UNIT],
				     _("From"), *cur->f[SF_NAME] ? cur->f[SF_NAME] : _("(anonymous)"), contact);

		ui_text(bottom - 2, 1, COLS - 2, l1, A_NORMAL, ALIGN_LEFT);
		ui_text(bottom - 1, 1, COLS - 2, *cur->reply ? cur->reply : "", the_ui->attr[A_GREY], ALIGN_LEFT);
		free(l1);
		free(contact);
	} else {
		ui_text(bottom - 2, 1, COLS - 2, _("No suggestions yet."), A_NORMAL, ALIGN_LEFT);
	}
}

static void sug_history_line(void *ctx, const char *at, const char *day, const char *op, const char *event,
			     const char *detail)
{
	/* A suggestion's first event carries its channel, not an application's oral flag. */
	int first = strcmp(event, "received") == 0;
	char *label = width_fit(first ? sug_state_label(SS_RECEIVED) : appl_event_label(event), 16, ALIGN_LEFT);
	char *words = first ? xstrdup(choice_label(sug_channels, detail)) : appl_event_detail(event, detail);

	(void)at;
	ui_lines_add(ctx, xasprintf("  %s  %s %s  %s", day, label, op, words));
	free(words);
	free(label);
}

/* One suggestion whole: contact unmasked, the reply, the history. */
static void sug_detail(struct ui *ui, const struct sug *row)
{
	struct zerr err = ZERR_INIT;
	struct sug s;
	char **lines = NULL;

	if (sug_load(ui->app->db, row->serial, &s, &err) != 0) {
		ui_message(ui, _("Suggestion ledger"), err.msg);
		return;
	}
	ui_lines_add(&lines, xasprintf("%s  %s", s.serial, sug_state_label(s.state)));
	for (int f = 0; f < SF_COUNT; f++) {
		const char *shown = f == SF_CHANNEL ? choice_label(sug_channels, s.f[f]) : s.f[f];
		char **wrapped;
		int n = width_wrap(shown, 50, &wrapped);

		for (int i = 0; i < n; i++) {
			char *label = width_fit(i ? "" : sug_field_label(f), 18, ALIGN_RIGHT);

			ui_lines_add(&lines, xasprintf("%s  %s", label, wrapped[i]));
			free(label);
		}
		strv_free(wrapped);
	}
	if (*s.reply)
		ui_lines_add(&lines, xasprintf("%s %s", _("Reply:"), s.reply));
	ui_lines_add(&lines, xstrdup(_("History:")));
	sug_history(ui->app->db, s.id, sug_history_line, &lines, &err);
	ui_view_lines(ui, s.serial, lines);
	strv_free(lines);
	sug_free(&s);
}

static void sug_change(struct ui *ui, const struct sug *row, enum action act)
{
	struct zerr err = ZERR_INIT;
	struct sug s;
	char *text = NULL, *answer = NULL;
	int rc = 1;

	if (sug_load(ui->app->db, row->serial, &s, &err) != 0) {
		ui_message(ui, _("Suggestion ledger"), err.msg);
		return;
	}
	if (act == ACT_FORWARD) {
		const char *m[4];
		char *prompt;

		for (int i = 0; i < 4; i++)
			m[i] = _(forward_methods[i].label);
		prompt = xasprintf(_("How was %s forwarded? 1 %s, 2 %s, 3 %s, 4 %s:"), s.serial, m[0], m[1], m[2], m[3]);
		if (ui_prompt(ui, prompt, "1", 1, &answer) && answer[0] >= '1' && answer[0] <= '4' &&
		    ui_prompt(ui, _("Who at the unit took it?"), "", 30, &text) && *str_trim(text))
			rc = sug_forward(ui->app->db, &s, forward_methods[answer[0] - '1'].code, str_trim(text), date_today(),
					 ui->app->operator, &err);
		free(prompt);
	} else if (ui_prompt(ui, _("The unit's reply:"), "", 200, &text) && *str_trim(text)) {
		rc = sug_reply(ui->app->db, &s, str_trim(text), date_today(), ui->app->operator, &err);
	}
	if (rc < 0)
		ui_message(ui, _("Suggestion ledger"), err.msg);
	free(text);
	free(answer);
	sug_free(&s);
}

static void sug_ledger(struct ui *ui)
{
	struct sug_ledger l;

	memset(&l, 0, sizeof l);
	l.ui = ui;
	list_init(&l.list, &ops, &l);
	ui_push(ui, draw_ledger, &l, SCR_BROWSE | SCR_SUGS, _("Suggestion ledger"));
	list_bottom(&l.list);
	for (;;) {
		const struct sug *cur;
		int key;

		ui_redraw(ui);
		key = ui_getkey(ui);
		if (key == ZK_STOP)
			break;
		free(l.error);
		l.error = NULL;
		cur = list_current(&l.list);
		switch (ui_action(ui, key)) {
		case ACT_BACK: goto out;
		case ACT_OPEN:
			if (cur)
				sug_detail(ui, cur);
			break;
		case ACT_FORWARD:
		case ACT_ANSWER:
			if (cur) {
				sug_change(ui, cur, ui_action(ui, key));
				list_reload(&l.list);
			}
			break;
		case ACT_HELP: ui_help(ui); break;
		case ACT_PRINT_LEDGER: ui_print_ledger(ui, LEDGER_SUGGESTIONS, 0, 0); break;
		default: list_move(&l.list, ui_action(ui, key)); break;
		}
	}
out:
	ui_pop(ui);
	list_free(&l.list);
	free(l.error);
}

void scr_sug_intake(struct ui *ui)
{
	sug_intake(ui);
}

void scr_sug_ledger(struct ui *ui)
{
	sug_ledger(ui);
}

/* The guidance records: who was pointed where, read only. */
struct guidance_list {
	struct ui *ui;
	struct list list;
	char *error;
};

static int fetch_guidance(void *ctx, const void *anchor, int backwards, int limit, void **out)
{
	struct guidance_list *g = ctx;
	struct zerr err = ZERR_INIT;
	struct guidance *rows;
	int n;

	if (guidance_page(g->ui->app->db, anchor, backwards, limit, &rows, &n, &err) != 0) {
		free(g->error);
		g->error = xstrdup(err.msg);
		return -1;
	}
	return list_box(rows, sizeof *rows, n, out);
}

static void free_guidance(void *ctx, void *row)
{
	(void)ctx;
	guidance_free(row);
	free(row);
}

static void draw_guidance_row(void *ctx, const void *row, int y, int x, int width, int selected)
{
	const struct guidance *g = row;
	attr_t a = selected ? the_ui->attr[A_SELECTED] : A_NORMAL;

	(void)ctx;
	ui_fill(y, x, width, a);
	ui_text(y, x, 10, g->day, a, ALIGN_LEFT);
	ui_text(y, x + 11, 8, strcmp(g->reg, "suggestion") == 0 ? _("Suggestion") : _("Application"), a, ALIGN_LEFT);
	ui_text(y, x + 20, 28, g->unit, a, ALIGN_LEFT);
	ui_text(y, x + 49, width - 49, *g->name ? g->name : _("(anonymous)"), a, ALIGN_LEFT);
}

static const struct list_ops guidance_ops = { fetch_guidance, free_guidance, draw_guidance_row };

static void draw_guidance(void *ctx)
{
	struct guidance_list *g = ctx;
	int top = ui_body_top(), bottom = ui_body_bottom();
	const struct guidance *cur = list_current(&g->list);
	attr_t h = the_ui->attr[A_HEAD];

	ui_fill(top, 0, COLS, h);
	ui_text(top, 1, 10, _("Date"), h, ALIGN_LEFT);
	ui_text(top, 12, 8, _("Kind"), h, ALIGN_LEFT);
	ui_text(top, 21, 28, sug_field_label(SF_TARGET_UNIT), h, ALIGN_LEFT);
	ui_text(top, 50, COLS - 51, _("Applicant"), h, ALIGN_LEFT);
	list_draw(&g->list, top + 1, 1, COLS - 2, bottom - top - 3);
	mvhline(bottom - 2, 0, ACS_HLINE, COLS);
	if (g->error)
		ui_text(bottom - 1, 1, COLS - 2, g->error, the_ui->attr[A_ERROR], ALIGN_LEFT);
	else
		ui_text(bottom - 1, 1, COLS - 2, cur ? cur->description : _("No guidance records yet."), A_NORMAL, ALIGN_LEFT);
}

void scr_guidance(struct ui *ui)
{
	struct guidance_list g;

	memset(&g, 0, sizeof g);
	g.ui = ui;
	list_init(&g.list, &guidance_ops, &g);
	ui_push(ui, draw_guidance, &g, SCR_BROWSE, _("Guidance records"));
	list_bottom(&g.list);
	for (;;) {
		int key;

		ui_redraw(ui);
		key = ui_getkey(ui);
		if (key == ZK_STOP)
			break;
		switch (ui_action(ui, key)) {
		case ACT_BACK: goto out;
		case ACT_HELP: ui_help(ui); break;
		default: list_move(&g.list, ui_action(ui, key)); break;
		}
	}
out:
	ui_pop(ui);
	list_free(&g.list);
	free(g.error);
}
