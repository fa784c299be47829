/*
 * scr_kb.c - the 政策咨询问答库 at the desk: entries listed and searched, read with their
 * aliases and history, added, edited, published, retired; the wordings the desk learned
 * reviewed and removed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "kb.h"
#include "list.h"
#include "uipriv.h"
#include "width.h"

struct kb_screen {
	struct ui *ui;
	struct list list;
	char *filter;		/* only entries whose code, question or category hold it */
	char *error;
};

static int fetch(void *ctx, const void *anchor, int backwards, int limit, void **out)
{
	struct kb_screen *s = ctx;
	const struct kb_entry *after = anchor;
	struct zerr err = ZERR_INIT;
	struct kb_entry *rows;
	int n;

	if (kb_page(s->ui->app->db, s->filter, after ? after->f[KF_CODE] : NULL, backwards, limit, &rows, &n, &err) != 0) {
		free(s->error);
		s->error = xstrdup(err.msg);
		return -1;
	}
	return list_box(rows, sizeof *rows, n, out);
}

static void free_row(void *ctx, void *row)
{
	(void)ctx;
	kb_entry_free(row);
	free(row);
}

/* What a list shows as the state: the status, or 已失效 for a published entry past its dates. */
static const char *shown_status(const struct kb_entry *e, zdate today)
{
	if (e->status == KB_PUBLISHED && !kb_entry_valid(e, today))
		return _("Out of date");
	return kb_status_label(e->status);
}

static void draw_row(void *ctx, const void *row, int y, int x, int width, int selected)
{
	const struct kb_entry *e = row;
	struct kb_screen *s = ctx;
	int live = kb_entry_valid(e, s->ui->today);
	attr_t a = selected ? the_ui->attr[A_SELECTED] : live ? A_NORMAL : the_ui->attr[A_GREY];

	ui_fill(y, x, width, a);
	ui_text(y, x, 9, e->f[KF_CODE], a, ALIGN_LEFT);
	ui_text(y, x + 10, 10, e->f[KF_CATEGORY], a, ALIGN_LEFT);
	ui_text(y, x + 21, 8, shown_status(e, s->ui->today), a, ALIGN_LEFT);
	ui_text(y, x + 30, width - 30, e->f[KF_QUESTION], a, ALIGN_LEFT);
}

static const struct list_ops ops = { fetch, free_row, draw_row };

static void draw_kb(void *ctx)
{
	struct kb_screen *s = ctx;
	int top = ui_body_top(), bottom = ui_body_bottom();
	const struct kb_entry *cur = list_current(&s->list);
	attr_t h = the_ui->attr[A_HEAD];
	char *head = s->filter ? xasprintf("%s  [%s]", kb_field_label(KF_QUESTION), s->filter)
			       : xstrdup(kb_field_label(KF_QUESTION));

	ui_fill(top, 0, COLS, h);
	ui_text(top, 1, 9, kb_field_label(KF_CODE), h, ALIGN_LEFT);
	ui_text(top, 11, 10, kb_field_label(KF_CATEGORY), h, ALIGN_LEFT);
	ui_text(top, 22, 8, _("State"), h, ALIGN_LEFT);
	ui_text(top, 31, COLS - 32, head, h, ALIGN_LEFT);
	free(head);
	list_draw(&s->list, top + 1, 1, COLS - 2, bottom - top - 4);
	mvhline(bottom - 3, 0, ACS_HLINE, COLS);
	if (s->error) {
		ui_text(bottom - 2, 1, COLS - 2, s->error, the_ui->attr[A_ERROR], ALIGN_LEFT);
	} else if (cur) {
		char **lines;
		int n = width_wrap(cur->f[KF_ANSWER], COLS - 2, &lines);

		for (int i = 0; i < n && i < 2; i++)
			ui_text(bottom - 2 + i, 1, COLS - 2, lines[i], the_ui->attr[A_GREY], ALIGN_LEFT);
		strv_free(lines);
	} else {
		ui_text(bottom - 2, 1, COLS - 2,
			s->filter ? _("No entry holds that text.") : _("The knowledge base is empty: import it with zwgk kb import FILE.tsv, or add entries (a)."),
			A_NORMAL, ALIGN_LEFT);
	}
}

static void history_line(void *ctx, const char *at, const char *day, const char *op, const char *event,
			 const char *detail)
{
	char *short_detail = width_fit(detail, 40, ALIGN_LEFT);

	(void)at;
	ui_lines_add(ctx, xasprintf("  %s  %-8s %s  %s", day, event, op, str_trim(short_detail)));
	free(short_detail);
}

/* An entry whole: every field, its other wordings and its history. */
static void kb_detail(struct ui *ui, const struct kb_entry *row)
{
	struct zerr err = ZERR_INIT;
	struct kb_entry e;
	struct kb_alias *al;
	char **lines = NULL;
	int n;

	if (kb_load_id(ui->app->db, row->id, &e, &err) != 0) {
		ui_message(ui, _("Knowledge base"), err.msg);
		return;
	}
	ui_lines_add(&lines, xasprintf("%s  %s", e.f[KF_CODE], shown_status(&e, ui->today)));
	for (int f = KF_CATEGORY; f < KF_COUNT; f++) {
		char **w;
		int nw = width_wrap(e.f[f], COLS - 26, &w);

		for (int i = 0; i < nw || (i == 0 && nw == 0); i++) {
			char *label = width_fit(i ? "" : kb_field_label(f), 14, ALIGN_RIGHT);

			ui_lines_add(&lines, xasprintf("%s  %s", label, nw ? w[i] : ""));
			free(label);
		}
		strv_free(w);
	}
	if (kb_aliases(ui->app->db, e.id, &al, &n, &err) == 0) {
		ui_lines_add(&lines, xasprintf(_("Other wordings (%d):"), n));
		for (int i = 0; i < n; i++)
			ui_lines_add(&lines, xasprintf("  %s  (%s)", al[i].text,
						       strcmp(al[i].origin, "learned") == 0 ? _("learned at the desk") : _("typed by a clerk")));
		kb_aliases_free(al, n);
	}
	ui_lines_add(&lines, xstrdup(_("History:")));
	kb_history(ui->app->db, e.id, history_line, &lines, &err);
	ui_view_lines(ui, e.f[KF_CODE], lines);
	strv_free(lines);
	kb_entry_free(&e);
}

/* n: the other wordings of an entry; one chosen is removed (after asking), or a new one added. */
static void kb_alias_review(struct ui *ui, const struct kb_entry *e)
{
	for (;;) {
		struct zerr err = ZERR_INIT;
		struct kb_alias *al;
		const char **items;
		char **labels;
		int n, pick;

		if (kb_aliases(ui->app->db, e->id, &al, &n, &err) != 0) {
			ui_message(ui, _("Other wordings (aliases)"), err.msg);
			return;
		}
		items = xcalloc((size_t)n + 1, sizeof *items);
		labels = xcalloc((size_t)n + 1, sizeof *labels);
		for (int i = 0; i < n; i++) {
			labels[i] = xasprintf("%s  (%s)", al[i].text,
					      strcmp(al[i].origin, "learned") == 0 ? _("learned") : _("clerk"));
			items[i] = labels[i];
		}
		items[n] = _("+ Add another wording");
		pick = ui_choose(ui, _("Other wordings (aliases)"),
				 _("Choose one to remove it, or add one. A learned wording came from a citizen's question."),
				 items, n + 1);
		if (pick >= 0 && pick < n) {
			char *ask = xasprintf(_("Remove the wording \"%s\"?"), al[pick].text);

			if (ui_confirm(ui, ask) && kb_alias_remove(ui->app->db, al[pick].id, ui->app->operator, &err) != 0)
				ui_message(ui, _("Other wordings (aliases)"), err.msg);
			free(ask);
		} else if (pick == n) {
			char *text = NULL;

			if (ui_prompt(ui, _("Another wording of the question:"), "", 200, &text) && *str_trim(text)) {
				int added = kb_alias_add(ui->app->db, e->id, str_trim(text), "clerk", ui->app->operator, &err);

				if (added < 0)
					ui_message(ui, _("Other wordings (aliases)"), err.msg);
				else if (added == 0)
					ui_message(ui, _("Other wordings (aliases)"), _("The entry has that wording already."));
			}
			free(text);
		}
		for (int i = 0; i < n; i++)
			free(labels[i]);
		free(labels);
		free(items);
		kb_aliases_free(al, n);
		if (pick < 0)
			return;
	}
}

/* The entry form: every field, and the status of a new entry. */
struct kb_form {
	struct ui *ui;
	struct kb_entry *e;	/* the entry edited, or a new one */
	int saved;
};

static int kb_save(void *ctx, struct form *fm, struct zerr *err)
{
	struct kb_form *kf = ctx;
	struct appl_check c;
	int rc = -1;

	for (int f = 0; f < KF_COUNT; f++) {
		char *v = form_value(fm, f);

		kb_entry_set(kf->e, f, str_trim(v));
		free(v);
	}
	if (!kf->e->id)
		kf->e->status = fm->f[KF_COUNT].choice == 0 ? KB_DRAFT : KB_PUBLISHED;
	kb_validate(kf->e, &c);
	form_clear_problems(fm);
	for (int i = c.n - 1; i >= 0; i--)
		form_problem(fm, c.v[i].field, c.v[i].msg, c.v[i].warning);
	if (c.errors)
		zerr_set(err, _("%d thing(s) to correct: the fields marked ! say what"), c.errors);
	else if (kf->e->id)
		rc = kb_update(kf->ui->app->db, kf->e, kf->ui->app->operator, err);
	else
		rc = kb_add(kf->ui->app->db, kf->e, kf->ui->app->operator, err);
	appl_check_free(&c);
	kf->saved = rc == 0;
	return rc;
}

static int kb_edit(struct ui *ui, struct kb_entry *e)
{
	const char *statuses[2] = { kb_status_label(KB_DRAFT), kb_status_label(KB_PUBLISHED) };
	struct kb_form kf = { ui, e, 0 };
	struct form fm;

	form_init(&fm, e->id ? _("Edit an entry") : _("Add an entry"), KF_COUNT + 1);
	fm.ctx = &kf;
	for (int f = 0; f < KF_COUNT; f++)
		form_text(&fm, f, kb_field_label(f), e->f[f], kb_field_max(f));
	form_choice(&fm, KF_COUNT, _("Status"), statuses, 2, 1);
	/* A stored entry's status changes with d (publish, retire), where it is asked for. */
	fm.f[KF_COUNT].hidden = e->id != 0;
	/* Only a new entry is kept as a draft: an edit's draft would not know which entry it was. */
	fm.draft = e->id ? NULL : "kb-entry";
	form_run(ui, &fm, kb_save, &kf);
	form_free(&fm);
	return kf.saved;
}

/* d: a draft is published, a published entry retired, a retired one published again. */
static void kb_cycle_status(struct ui *ui, const struct kb_entry *row)
{
	struct zerr err = ZERR_INIT;
	struct kb_entry e;
	int to;
	char *ask;

	if (kb_load_id(ui->app->db, row->id, &e, &err) != 0) {
		ui_message(ui, _("Knowledge base"), err.msg);
		return;
	}
	to = e.status == KB_PUBLISHED ? KB_RETIRED : KB_PUBLISHED;
	ask = xasprintf(to == KB_RETIRED ? _("Retire %s? It is no longer offered as an answer.")
					 : _("Publish %s? From now on it is offered as an answer."),
			e.f[KF_CODE]);
	if (ui_confirm(ui, ask) && kb_set_status(ui->app->db, &e, to, ui->app->operator, &err) != 0)
		ui_message(ui, _("Knowledge base"), err.msg);
	free(ask);
	kb_entry_free(&e);
}

void scr_kb(struct ui *ui)
{
	struct kb_screen s;

	memset(&s, 0, sizeof s);
	s.ui = ui;
	list_init(&s.list, &ops, &s);
	ui_push(ui, draw_kb, &s, SCR_LIST | SCR_KB, _("Policy Q&A knowledge base"));
	list_top(&s.list);
	for (;;) {
		const struct kb_entry *cur;
		struct kb_entry e;
		char *text = NULL;
		int key;

		ui_redraw(ui);
		key = ui_getkey(ui);
		if (key == ZK_STOP)
			break;
		free(s.error);
		s.error = NULL;
		cur = list_current(&s.list);
		switch (ui_action(ui, key)) {
		case ACT_BACK:
			/* Esc first drops a search, then leaves. */
			if (s.filter) {
				free(s.filter);
				s.filter = NULL;
				list_top(&s.list);
				break;
			}
			goto out;
		case ACT_OPEN:
			if (cur)
				kb_detail(ui, cur);
			break;
		case ACT_SEARCH:
			if (ui_prompt(ui, _("Entries holding (code, question or category):"), s.filter ? s.filter : "", 40,
				      &text)) {
				free(s.filter);
				s.filter = *str_trim(text) ? xstrdup(str_trim(text)) : NULL;
				list_top(&s.list);
			}
			free(text);
			break;
		case ACT_ADD:
			kb_entry_init(&e);
			if (kb_edit(ui, &e))
				list_show(&s.list, &e);
			kb_entry_free(&e);
			break;
		case ACT_EDIT:
			if (cur) {
				struct zerr err = ZERR_INIT;

				if (kb_load_id(ui->app->db, cur->id, &e, &err) != 0) {
					ui_message(ui, _("Knowledge base"), err.msg);
					break;
				}
				if (kb_edit(ui, &e))
					list_reload(&s.list);
				kb_entry_free(&e);
			}
			break;
		case ACT_RETIRE:
			if (cur) {
				kb_cycle_status(ui, cur);
				list_reload(&s.list);
			}
			break;
		case ACT_ALIASES:
			if (cur)
				kb_alias_review(ui, cur);
			break;
		case ACT_HELP: ui_help(ui); break;
		default: list_move(&s.list, ui_action(ui, key)); break;
		}
	}
out:
	ui_pop(ui);
	list_free(&s.list);
	free(s.filter);
	free(s.error);
}
