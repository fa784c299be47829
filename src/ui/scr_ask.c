/*
 * scr_ask.c - the 政策咨询区 at the desk: the question typed as the citizen says it, the
 * knowledge base searched at every key, the answer given with one entry (and its slip printed);
 * otherwise the question dispatched (交办) or the citizen redirected. Then the consultation
 * ledger, and the knowledge base itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "choice.h"
#include "edit.h"
#include "form.h"
#include "ident.h"
#include "ledger.h"
#include "list.h"
#include "uipriv.h"
#include "width.h"

#define DESK_HITS 8

struct desk {
	struct ui *ui;
	struct edit question;	/* the citizen's words */
	char *other;		/* the clerk's other words (F3), searched instead; NULL: the question */
	char *searched;		/* what the hits were found for */
	struct kb_hit *hits;
	int n, cur;
	struct kb_entry shown;	/* the current hit's entry, for the answer under the list */
	char *error;
	int stale;		/* the question changed since the last search */
};

static void desk_search(struct desk *d)
{
	struct zerr err = ZERR_INIT;
	char *q = d->other ? xstrdup(d->other) : edit_text(&d->question);

	if (d->searched && strcmp(q, d->searched) == 0) {
		free(q);
		return;
	}
	kb_hits_free(d->hits, d->n);
	d->hits = NULL;
	d->n = d->cur = 0;
	free(d->error);
	d->error = NULL;
	if (*str_trim(q) && kb_search(d->ui->app->db, &d->ui->app->syn, q, DESK_HITS, d->ui->today, &d->hits, &d->n,
				      &err) != 0)
		d->error = xstrdup(err.msg);
	free(d->searched);
	d->searched = q;
}

/* The entry under the cursor, loaded once for the answer shown below the list. */
static const struct kb_entry *desk_entry(struct desk *d)
{
	struct zerr err = ZERR_INIT;

	if (!d->n)
		return NULL;
	if (d->shown.id != d->hits[d->cur].id) {
		kb_entry_free(&d->shown);
		if (kb_load_id(d->ui->app->db, d->hits[d->cur].id, &d->shown, &err) != 0) {
			kb_entry_init(&d->shown);
			return NULL;
		}
	}
	return &d->shown;
}

static void desk_clear(struct desk *d)
{
	edit_set(&d->question, "");
	free(d->other);
	d->other = NULL;
	desk_search(d);
}

static void draw_desk(void *ctx)
{
	struct desk *d = ctx;
	int top = ui_body_top(), bottom = ui_body_bottom(), y = top, lw;
	const char *label = _("Citizen's question:");
	const struct kb_entry *e;
	const char *status;
	attr_t h = the_ui->attr[A_HEAD];

	for (int r = top; r < bottom; r++)
		ui_fill(r, 0, COLS, A_NORMAL);
	lw = width_str(label);
	ui_text(y, 1, lw, label, A_BOLD, ALIGN_LEFT);
	edit_draw(&d->question, y, lw + 2, COLS - lw - 3, !d->other);
	y++;
	if (d->other) {
		char *o = xasprintf("%s %s", _("Searched with other words:"), d->other);

		ui_text(y, 1, COLS - 2, o, the_ui->attr[A_GREY], ALIGN_LEFT);
		free(o);
	}
	y++;
	if (d->error)
		status = d->error;
	else if (!d->searched || !*str_trim(d->searched))
		status = _("Type what the citizen asks, in their words; the knowledge base is searched as you type.");
	else if (!d->n)
		status = _("No entry of the knowledge base is about this: F5 dispatch it to the unit, F6 redirect.");
	else if (!d->hits[0].confident)
		status = _("No stored answer fits for sure: read the entries, or F5 dispatch, F6 redirect.");
	else
		status = _("✓ = a sure match. Enter reads the entry and answers with it.");
	ui_text(y++, 1, COLS - 2, status, d->error ? the_ui->attr[A_ERROR] : A_NORMAL, ALIGN_LEFT);
	ui_fill(y, 0, COLS, h);
	ui_text(y, 1, 6, _("Score"), h, ALIGN_LEFT);
	ui_text(y, 9, 9, _("Entry"), h, ALIGN_LEFT);
	ui_text(y++, 19, COLS - 20, _("Question"), h, ALIGN_LEFT);
	for (int i = 0; i < d->n; i++, y++) {
		const struct kb_hit *k = &d->hits[i];
		attr_t a = i == d->cur ? the_ui->attr[A_SELECTED] : k->expired ? the_ui->attr[A_GREY] : A_NORMAL;
		char score[16];
		char *q = k->expired ? xasprintf("%s %s", _("(已失效)"), k->question) : xstrdup(k->question);

		snprintf(score, sizeof score, "%s %.2f", k->confident ? "✓" : " ", k->score);
		ui_fill(y, 0, COLS, a);
		ui_text(y, 1, 7, score, a, ALIGN_LEFT);
		ui_text(y, 9, 9, k->code, a, ALIGN_LEFT);
		ui_text(y, 19, COLS - 20, q, a, ALIGN_LEFT);
		free(q);
	}
	/* The answer of the entry under the cursor, as much as fits. */
	e = desk_entry(d);
	if (e && y < bottom - 1) {
		char **lines;
		int n = width_wrap(e->f[KF_ANSWER], COLS - 4, &lines);

		mvhline(y++, 0, ACS_HLINE, COLS);
		for (int i = 0; i < n && y < bottom; i++, y++)
			ui_text(y, 2, COLS - 4, lines[i], d->hits[d->cur].expired ? the_ui->attr[A_GREY] : A_NORMAL,
				ALIGN_LEFT);
		strv_free(lines);
	}
}

/* The entry whole: question, answer, source, unit, dates. */
static char **entry_lines(const struct kb_entry *e, int expired)
{
	char **v = NULL, **w;
	int n;

	ui_lines_add(&v, xasprintf("%s  %s%s", e->f[KF_CODE], e->f[KF_CATEGORY], expired ? _("  (已失效: out of date)") : ""));
	for (int f = KF_QUESTION; f < KF_COUNT; f++) {
		if (!*e->f[f] && f != KF_ANSWER)
			continue;
		n = width_wrap(e->f[f], COLS - 24, &w);
		for (int i = 0; i < n; i++) {
			char *label = width_fit(i ? "" : kb_field_label(f), 14, ALIGN_RIGHT);

			ui_lines_add(&v, xasprintf("%s  %s", label, w[i]));
			free(label);
		}
		strv_free(w);
	}
	return v;
}

/* Prints a consultation's slip after asking; says how it went. */
static void offer_slip(struct ui *ui, const struct ask *q, const char *question)
{
	struct zerr err = ZERR_INIT;
	char *job = NULL, *msg;

	if (!ui_confirm(ui, question))
		return;
	ui_busy(ui, _("Printing..."));
	if (ask_slip_print(ui->app->db, &ui->app->cfg, q, ui->app->operator, &job, &err) == 0)
		msg = xasprintf(_("%s is printing."), q->serial);
	else
		msg = xasprintf(_("Not printed: %s"), err.msg);
	ui_message(ui, _("Print the slip"), msg);
	free(msg);
	free(job);
}

/* Logs the citizen's question (the clerk's other words when the question line is empty). */
static int desk_log(struct desk *d, struct ask *q, const char *name, const char *contact, struct zerr *err)
{
	struct appl_check c;
	char *words = edit_text(&d->question);
	int rc = -1;

	ask_init(q);
	ask_set(q, QF_QUESTION, *str_trim(words) ? words : d->other ? d->other : "");
	ask_set(q, QF_NAME, name ? name : "");
	ask_set(q, QF_CONTACT, contact ? contact : "");
	free(words);
	if (ask_validate(q, date_today(), &c) != 0)
		zerr_set(err, "%s: %s", ask_field_label(c.v[0].field), c.v[0].msg);
	else
		rc = ask_log(d->ui->app->db, &d->ui->app->cfg, q, d->ui->app->operator, err);
	appl_check_free(&c);
	return rc;
}

/* Enter on a hit: the entry whole; F2 or Enter there answers the citizen with it. */
static void desk_read(struct desk *d)
{
	struct ui *ui = d->ui;
	const struct kb_entry *e = desk_entry(d);
	struct zerr err = ZERR_INIT;
	struct ask q;
	char **lines, *msg;
	int expired, learned = 0;

	if (!e)
		return;
	expired = d->hits[d->cur].expired || !kb_entry_valid(e, ui->today);
	lines = entry_lines(e, expired);
	if (ui_view_lines_on(ui, e->f[KF_CODE], lines, SCR_ENTRY) != ACT_USE) {
		strv_free(lines);
		return;
	}
	strv_free(lines);
	if (expired) {
		ui_message(ui, _("Answer a policy question"), _("This entry is out of date (已失效) and is never given as an answer. Find another, or dispatch the question."));
		return;
	}
	if (desk_log(d, &q, NULL, NULL, &err) != 0 ||
	    ask_answer(ui->app->db, &ui->app->syn, &q, e->f[KF_CODE], ui->today, ui->app->operator, &learned, &err) != 0) {
		ui_message(ui, _("Answer a policy question"), err.msg);
		ask_free(&q);
		return;
	}
	msg = xasprintf(_("Logged as %s, answered with %s.%s"), q.serial, q.entry_code,
			learned ? _(" The citizen's words are kept as another wording of it: next time they find it first.") : "");
	ui_message(ui, _("Answer a policy question"), msg);
	free(msg);
	offer_slip(ui, &q, _("Print the answer slip for the citizen?"));
	ask_free(&q);
	desk_clear(d);
}

/* The dispatch form: who asked (the unit answers them), the question, the unit, paper or e-mail. */
enum { DF_QUESTION, DF_NAME, DF_CONTACT, DF_UNIT, DF_HOW, DF_COUNT };

struct dispatch_form {
	struct ui *ui;
	struct ask *q;		/* an existing consultation (the ledger), or NULL: log one first */
	struct desk *desk;
	struct ask logged;	/* logged by this form: kept, so a retry does not log it twice */
	int done;
};

static int dispatch_save(void *ctx, struct form *fm, struct zerr *err)
{
	struct dispatch_form *df = ctx;
	struct ui *ui = df->ui;
	struct app *app = ui->app;
	char *v[DF_COUNT];
	struct ask *q = df->q;
	int rc = -1;

	for (int i = 0; i < DF_COUNT; i++)
		v[i] = form_value(fm, i);
	if (!q) {
		if (!df->logged.id) {
			ask_init(&df->logged);
			ask_set(&df->logged, QF_QUESTION, v[DF_QUESTION]);
			{
				struct appl_check c;

				if (ask_validate(&df->logged, date_today(), &c) != 0) {
					form_problem(fm, DF_QUESTION, c.v[0].msg, 0);
					zerr_set(err, "%s", c.v[0].msg);
					appl_check_free(&c);
					goto out;
				}
				appl_check_free(&c);
			}
			if (ask_log(app->db, &app->cfg, &df->logged, app->operator, err) != 0)
				goto out;
		}
		q = &df->logged;
	}
	ask_set(q, QF_NAME, str_trim(v[DF_NAME]));
	ask_set(q, QF_CONTACT, str_trim(v[DF_CONTACT]));
	if (atoi(v[DF_HOW]) == 1)
		rc = ask_dispatch_mail(app->db, &app->cfg, &app->cal, q, str_trim(v[DF_UNIT]), app->operator, err);
	else
		rc = ask_dispatch(app->db, &app->cal, q, str_trim(v[DF_UNIT]), "paper", date_today(), app->operator, err);
	if (rc == 0) {
		char due[DATE_BUFSZ], *msg = xasprintf(_("%s dispatched to %s; the unit answers the citizen by %s."), q->serial,
						       q->unit_name, date_format(q->due, due));

		ui_message(ui, _("Dispatch (交办)"), msg);
		free(msg);
		if (strcmp(q->dispatch_method, "paper") == 0)
			offer_slip(ui, q, _("Print the 交办单 for the unit?"));
		df->done = 1;
	}
out:
	for (int i = 0; i < DF_COUNT; i++)
		free(v[i]);
	return rc;
}

static void dispatch_run(struct ui *ui, struct desk *desk, struct ask *q)
{
	const char *hows[2] = { _("Print the 交办单"), _("E-mail it to the unit") };
	struct dispatch_form df;
	struct form fm;
	char *question = q ? xstrdup(q->f[QF_QUESTION]) : edit_text(&desk->question);

	memset(&df, 0, sizeof df);
	df.ui = ui;
	df.q = q;
	df.desk = desk;
	form_init(&fm, _("Dispatch (交办)"), DF_COUNT);
	fm.ctx = &df;
	form_text(&fm, DF_QUESTION, ask_field_label(QF_QUESTION), question, ask_field_max(QF_QUESTION));
	form_text(&fm, DF_NAME, _("Citizen's name"), q ? q->f[QF_NAME] : "", ask_field_max(QF_NAME));
	form_text(&fm, DF_CONTACT, _("Citizen's phone or address"), q ? q->f[QF_CONTACT] : "", ask_field_max(QF_CONTACT));
	form_text(&fm, DF_UNIT, _("Unit that answers (F4: directory)"), "", 60);
	form_choice(&fm, DF_HOW, _("How"), hows, 2, 0);
	fm.f[DF_UNIT].pick = form_pick_unit;
	/* A logged question keeps its words; the clerk adds who asked and where it goes. */
	fm.f[DF_QUESTION].hidden = q != NULL;
	if (q)
		fm.cur = DF_NAME;
	form_run(ui, &fm, dispatch_save, &df);
	form_free(&fm);
	free(question);
	if (df.logged.id && !df.done) {
		char *msg = xasprintf(_("%s stays logged, not dispatched; dispatch it from the consultation ledger."),
				      df.logged.serial);

		ui_message(ui, _("Dispatch (交办)"), msg);
		free(msg);
	}
	if (df.logged.id && desk)
		desk_clear(desk);
	if (df.logged.id)
		ask_free(&df.logged);
}

/* Redirects the citizen to a unit of the directory: its phone and address shown, printable. */
static void redirect_run(struct ui *ui, struct desk *desk, struct ask *given)
{
	struct zerr err = ZERR_INIT;
	struct ask logged, *q = given;
	struct unit u;
	char *name = NULL, *msg;

	if (!scr_units_run(ui, 1, &name))
		return;
	if (!q) {
		if (desk_log(desk, &logged, NULL, NULL, &err) != 0) {
			ui_message(ui, _("Redirect"), err.msg);
			ask_free(&logged);
			free(name);
			return;
		}
		q = &logged;
	}
	if (ask_redirect(ui->app->db, q, name, ui->today, ui->app->operator, &err) != 0) {
		ui_message(ui, _("Redirect"), err.msg);
	} else {
		unit_init(&u);
		unit_find(ui->app->db, name, &u);
		msg = xasprintf(_("Point the citizen to %s.\nPhone: %s\nAddress: %s\nHours: %s"), u.f[UF_NAME],
				*u.f[UF_PHONE] ? u.f[UF_PHONE] : "-", *u.f[UF_ADDRESS] ? u.f[UF_ADDRESS] : "-",
				*u.f[UF_HOURS] ? u.f[UF_HOURS] : "-");
		ui_message(ui, _("Redirect"), msg);
		free(msg);
		unit_free(&u);
		offer_slip(ui, q, _("Print the note with the unit's phone and address?"));
		if (desk)
			desk_clear(desk);
	}
	if (!given)
		ask_free(&logged);
	free(name);
}

static void desk_run(struct ui *ui)
{
	struct desk d;

	memset(&d, 0, sizeof d);
	d.ui = ui;
	edit_init(&d.question, "", ask_field_max(QF_QUESTION));
	kb_entry_init(&d.shown);
	ui_push(ui, draw_desk, &d, SCR_ASK, _("Policy consultation"));
	for (;;) {
		enum action act;
		int key;

		/* Searched when the typing pauses: a pasted or fast-typed question is one search. */
		if (d.stale && !ui_key_pending()) {
			desk_search(&d);
			d.stale = 0;
		}
		ui_redraw(ui);
		key = ui_getkey(ui);
		if (key == ZK_STOP)
			break;
		act = ui_action(ui, key);
		/* Any other key acts on what the whole question finds. */
		if (d.stale && act != ACT_NONE) {
			desk_search(&d);
			d.stale = 0;
		}
		switch (act) {
		case ACT_BACK:
			/* Esc first drops the other words, then leaves. */
			if (d.other) {
				free(d.other);
				d.other = NULL;
				desk_search(&d);
				break;
			}
			goto out;
		case ACT_UP:
			if (d.cur > 0)
				d.cur--;
			break;
		case ACT_DOWN:
			if (d.cur + 1 < d.n)
				d.cur++;
			break;
		case ACT_OPEN:
			desk_read(&d);
			break;
		case ACT_OTHER_WORDS: {
			char *words = NULL;

			if (ui_prompt(ui, _("Other words to search with:"), d.other ? d.other : "", 100, &words)) {
				free(d.other);
				d.other = *str_trim(words) ? xstrdup(str_trim(words)) : NULL;
				desk_search(&d);
			}
			free(words);
			break;
		}
		case ACT_DISPATCH:
			dispatch_run(ui, &d, NULL);
			break;
		case ACT_REDIRECT:
			redirect_run(ui, &d, NULL);
			break;
		case ACT_HELP:
			ui_help(ui);
			break;
		default:
			/* Everything else edits the question; the other words give way to it. */
			if (edit_key(&d.question, key)) {
				free(d.other);
				d.other = NULL;
				d.stale = 1;
			}
			break;
		}
	}
out:
	ui_pop(ui);
	edit_free(&d.question);
	kb_hits_free(d.hits, d.n);
	kb_entry_free(&d.shown);
	free(d.other);
	free(d.searched);
	free(d.error);
}

/* The consultation ledger. */
struct ask_ledger {
	struct ui *ui;
	struct list list;
	struct ask_filter filter;
	char *error;
};

static int fetch(void *ctx, const void *anchor, int backwards, int limit, void **out)
{
	struct ask_ledger *l = ctx;
	struct zerr err = ZERR_INIT;
	struct ask *rows;
	int n;

	if (ask_page(l->ui->app->db, &l->filter, anchor, backwards, limit, &rows, &n, &err) != 0) {
		free(l->error);
		l->error = xstrdup(err.msg);
		return -1;
	}
	return list_box(rows, sizeof *rows, n, out);
}

static void free_row(void *ctx, void *row)
{
	(void)ctx;
	ask_free(row);
	free(row);
}

static void draw_row(void *ctx, const void *row, int y, int x, int width, int selected)
{
	const struct ask *q = row;
	struct ask_ledger *l = ctx;
	int overdue = ask_overdue(q, l->ui->today);
	attr_t a = selected ? the_ui->attr[A_SELECTED] : overdue ? the_ui->attr[A_ERROR] : q->state == QS_LOGGED ? A_BOLD : A_NORMAL;
	char due[DATE_BUFSZ];

	ui_fill(y, x, width, a);
	ui_text(y, x, 18, q->serial, a, ALIGN_LEFT);
	ui_text(y, x + 19, 10, q->f[QF_RECEIVED], a, ALIGN_LEFT);
	ui_text(y, x + 30, 8, overdue ? _("Overdue") : ask_state_label(q->state), a, ALIGN_LEFT);
	ui_text(y, x + 39, 10, q->due && q->state == QS_DISPATCHED ? date_format(q->due, due) : "", a, ALIGN_LEFT);
	ui_text(y, x + 50, width - 50, q->f[QF_QUESTION], a, ALIGN_LEFT);
}

static const struct list_ops ops = { fetch, free_row, draw_row };

static void draw_ledger(void *ctx)
{
	struct ask_ledger *l = ctx;
	int top = ui_body_top(), bottom = ui_body_bottom();
	const struct ask *cur;
	attr_t h = the_ui->attr[A_HEAD];

	ui_fill(top, 0, COLS, h);
	ui_text(top, 1, 18, _("Serial"), h, ALIGN_LEFT);
	ui_text(top, 20, 10, ask_field_label(QF_RECEIVED), h, ALIGN_LEFT);
	ui_text(top, 31, 8, _("State"), h, ALIGN_LEFT);
	ui_text(top, 40, 10, _("Due"), h, ALIGN_LEFT);
	ui_text(top, 51, COLS - 52, l->filter.overdue ? _("Question (overdue only)") : _("Question"), h, ALIGN_LEFT);
	list_draw(&l->list, top + 1, 1, COLS - 2, bottom - top - 4);
	mvhline(bottom - 3, 0, ACS_HLINE, COLS);
	cur = list_current(&l->list);
	if (l->error) {
		ui_text(bottom - 2, 1, COLS - 2, l->error, the_ui->attr[A_ERROR], ALIGN_LEFT);
	} else if (cur) {
		char *contact = ident_mask_phone(cur->f[QF_CONTACT]);
		char *what = cur->entry_id ? xasprintf("%s %s", _("Answered with"), cur->entry_code)
					   : xasprintf("%s", cur->unit_name);
		char *l1 = xasprintf("%s   %s: %s %s", what, _("From"), *cur->f[QF_NAME] ? cur->f[QF_NAME] : "-", contact);

		ui_text(bottom - 2, 1, COLS - 2, l1, A_NORMAL, ALIGN_LEFT);
		ui_text(bottom - 1, 1, COLS - 2, *cur->reply ? cur->reply : cur->f[QF_QUESTION], the_ui->attr[A_GREY],
			ALIGN_LEFT);
		free(l1);
		free(what);
		free(contact);
	} else {
		ui_text(bottom - 2, 1, COLS - 2, l->filter.overdue ? _("Nothing is overdue.") : _("No consultations yet."),
			A_NORMAL, ALIGN_LEFT);
	}
}

static void history_line(void *ctx, const char *at, const char *day, const char *op, const char *event,
			 const char *detail)
{
	(void)at;
	ui_lines_add(ctx, xasprintf("  %s  %-10s %s  %s", day, event, op, detail));
}

static void ask_detail(struct ui *ui, const struct ask *q)
{
	struct zerr err = ZERR_INIT;
	char **lines = NULL, b[DATE_BUFSZ];

	ui_lines_add(&lines, xasprintf("%s  %s%s", q->serial, ask_state_label(q->state),
				       ask_overdue(q, ui->today) ? _(" (overdue)") : ""));
	for (int f = 0; f < QF_COUNT; f++) {
		const char *shown = f == QF_CHANNEL ? choice_label(ask_channels, q->f[f]) : q->f[f];
		char **w;
		int n = width_wrap(shown, 50, &w);

		for (int i = 0; i < n; i++) {
			char *label = width_fit(i ? "" : ask_field_label(f), 18, ALIGN_RIGHT);

			ui_lines_add(&lines, xasprintf("%s  %s", label, w[i]));
			free(label);
		}
		strv_free(w);
	}
	if (q->entry_id)
		ui_lines_add(&lines, xasprintf("%s %s", _("Answered with"), q->entry_code));
	if (*q->unit_name)
		ui_lines_add(&lines, xasprintf("%s %s", _("Unit:"), q->unit_name));
	if (q->due)
		ui_lines_add(&lines, xasprintf("%s %s", _("Due:"), date_format(q->due, b)));
	if (*q->reply)
		ui_lines_add(&lines, xasprintf("%s %s", _("Reply:"), q->reply));
	if (q->followup)
		ui_lines_add(&lines, xasprintf("%s %s %s", _("Follow-up call:"), ask_followup_label(q->followup),
					       q->followup_note));
	ui_lines_add(&lines, xstrdup(_("History:")));
	ask_history(ui->app->db, q->id, history_line, &lines, &err);
	ui_view_lines(ui, q->serial, lines);
	strv_free(lines);
}

/* r: the unit's reply; c: the follow-up call; m: a knowledge-base draft; p: the slip. */
static void ledger_change(struct ui *ui, const struct ask *row, enum action act)
{
	struct zerr err = ZERR_INIT;
	struct ask q;
	char *text = NULL;
	int rc = 1;

	if (ask_load_id(ui->app->db, row->id, &q, &err) != 0) {
		ui_message(ui, _("Consultation ledger"), err.msg);
		return;
	}
	if (act == ACT_REPLY) {
		zdate day = ui_ask_date(ui, 0, _("The unit replied on (YYYY-MM-DD):"));

		if (day && ui_prompt(ui, _("The reply in short:"), "", 200, &text) && *str_trim(text))
			rc = ask_reply(ui->app->db, &q, str_trim(text), day, ui->today, ui->app->operator, &err);
	} else if (act == ACT_FOLLOWUP) {
		const char *items[2] = { ask_followup_label(QFU_SATISFIED), ask_followup_label(QFU_UNSATISFIED) };
		int pick = ui_choose(ui, _("Follow-up call (回访)"), _("Was the citizen satisfied with the unit's answer?"),
				     items, 2);

		if (pick >= 0 && ui_prompt(ui, _("A note (may be left empty):"), "", 200, &text))
			rc = ask_followup(ui->app->db, &q, pick + 1, str_trim(text), ui->today, ui->today, ui->app->operator,
					  &err);
	} else if (act == ACT_DRAFT) {
		struct kb_entry e;

		rc = ask_make_draft(ui->app->db, &q, ui->app->operator, &e, &err);
		if (rc == 0) {
			char *msg = xasprintf(_("Draft entry %s made from the reply. Review and publish it in the knowledge base."),
					      e.f[KF_CODE]);

			ui_message(ui, _("Knowledge base"), msg);
			free(msg);
		}
		kb_entry_free(&e);
	} else if (act == ACT_PRINT_SLIP) {
		offer_slip(ui, &q, _("Print the slip of this consultation?"));
	} else if (act == ACT_DISPATCH || act == ACT_REDIRECT) {
		/* Said before any form: only a question still without an outcome goes anywhere. */
		if (ask_need_state(&q, QS_LOGGED, act == ACT_DISPATCH ? _("dispatched") : _("redirected"), &err) != 0)
			rc = -1;
		else if (act == ACT_DISPATCH)
			dispatch_run(ui, NULL, &q);
		else
			redirect_run(ui, NULL, &q);
	}
	if (rc < 0)
		ui_message(ui, _("Consultation ledger"), err.msg);
	free(text);
	ask_free(&q);
}

static void ledger_run(struct ui *ui)
{
	struct ask_ledger l;

	memset(&l, 0, sizeof l);
	l.ui = ui;
	l.filter.state = -1;
	l.filter.today = ui->today;
	list_init(&l.list, &ops, &l);
	ui_push(ui, draw_ledger, &l, SCR_BROWSE | SCR_ASKS, _("Consultation ledger"));
	list_bottom(&l.list);
	for (;;) {
		const struct ask *cur;
		enum action act;
		int key;

		ui_redraw(ui);
		key = ui_getkey(ui);
		if (key == ZK_STOP)
			break;
		free(l.error);
		l.error = NULL;
		cur = list_current(&l.list);
		switch ((act = ui_action(ui, key))) {
		case ACT_BACK: goto out;
		case ACT_OPEN:
			if (cur)
				ask_detail(ui, cur);
			break;
		case ACT_REPLY:
		case ACT_FOLLOWUP:
		case ACT_DRAFT:
		case ACT_PRINT_SLIP:
		case ACT_DISPATCH:
		case ACT_REDIRECT:
			if (cur) {
				ledger_change(ui, cur, act);
				list_reload(&l.list);
			}
			break;
		case ACT_FILTER:
			l.filter.overdue = !l.filter.overdue;
			list_bottom(&l.list);
			break;
		case ACT_PRINT_LEDGER: ui_print_ledger(ui, LEDGER_CONSULTATIONS, 0, 0); break;
		case ACT_HELP: ui_help(ui); break;
		default: list_move(&l.list, act); break;
		}
	}
out:
	ui_pop(ui);
	list_free(&l.list);
	free(l.error);
}

int scr_ask(struct ui *ui)
{
	static const char *const items[] = { N_("Answer a policy question"), N_("Consultation ledger"),
					     N_("Policy Q&A knowledge base") };
	const char *shown[3];
	struct menu m;

	for (int i = 0; i < 3; i++)
		shown[i] = _(items[i]);
	memset(&m, 0, sizeof m);
	m.title = _("Policy consultation");
	m.intro = _("Policy questions and the Q&A knowledge base (政策咨询区)");
	m.items = shown;
	m.n = 3;
	ui_menu_push(ui, &m);
	for (;;) {
		switch (ui_menu_run(ui, &m)) {
		case 0: desk_run(ui); break;
		case 1: ledger_run(ui); break;
		case 2: scr_kb(ui); break;
		default:
			ui_pop(ui);
			return 0;
		}
	}
}
