/* scr_appl.c - 申请接收区: registering an application at the desk, and the application ledger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appl.h"
#include "blank.h"
#include "choice.h"
#include "form.h"
#include "ident.h"
#include "ledger.h"
#include "list.h"
#include "mail.h"
#include "print.h"
#include "receipt.h"
#include "uipriv.h"
#include "width.h"

/* Labels of a choice list, for a form's choice field. */
static const char **labels_of(const struct choice *list, int *n)
{
	const char **v;

	for (*n = 0; list[*n].code; (*n)++)
		;
	v = xcalloc((size_t)*n, sizeof *v);
	for (int i = 0; i < *n; i++)
		v[i] = _(list[i].label);
	return v;
}

struct intake {
	struct ui *ui;
	int warned;		/* the clerk has seen the warnings once: the next F2 saves */
	const char **labels[AF_COUNT];	/* choice labels per choice field */
	const char *docs[DOC_COUNT], *yesno[2];
};

static const struct choice *choice_list(int field)
{
	switch (field) {
	case AF_APPLICANT_KIND: return applicant_kinds;
	case AF_ORG_KIND: return org_kinds;
	case AF_FORM: return provide_forms;
	case AF_DELIVERY: return deliveries;
	default: return NULL;
	}
}

/* The field set follows the applicant kind: a citizen's or an organisation's. */
static void intake_changed(void *ctx, struct form *fm)
{
	struct appl tmp;

	(void)ctx;
	appl_init(&tmp);
	appl_set(&tmp, AF_APPLICANT_KIND, applicant_kinds[fm->f[AF_APPLICANT_KIND].choice].code);
	for (int f = 0; f < AF_COUNT; f++)
		fm->f[f].hidden = !appl_field_applies(&tmp, f);
	appl_free(&tmp);
}

/* The form's values as an application (hidden fields empty, choices as their codes). */
static void fill(const struct form *fm, struct appl *a)
{
	appl_init(a);
	for (int f = 0; f < AF_COUNT; f++) {
		const struct choice *list = choice_list(f);
		char *v;

		if (fm->f[f].hidden)
			continue;
		if (list) {
			appl_set(a, f, list[fm->f[f].choice].code);
		} else if (f == AF_ID_TYPE) {
			appl_set(a, f, ident_doc_code(fm->f[f].choice));
		} else if (f == AF_ORAL) {
			appl_set(a, f, fm->f[f].choice ? "yes" : "no");
		} else {
			v = form_value(fm, f);
			appl_set(a, f, v);
			free(v);
		}
	}
}

void ui_guide(struct ui *ui, const struct unit *u, int suggestion)
{
	char *msg = xasprintf(suggestion ? _("%s is outside this site's scope, so the suggestion is not registered here; a guidance record was kept.\n\n"
					     "Guide the citizen to the unit's own channel:\n"
					     "Phone: %s\nAddress: %s %s\n\nPrint this for the citizen? (y/n)")
				 : _("%s is outside this site's scope, so it is not registered here; a guidance record was kept.\n\n"
				     "Guide the applicant to the unit's own channel:\n"
				     "Phone for applications: %s\nReceiving address: %s %s\n\nPrint this for the applicant? (y/n)"),
			      u->f[UF_NAME], *u->f[UF_PHONE] ? u->f[UF_PHONE] : "-",
			      *u->f[UF_ADDRESS] ? u->f[UF_ADDRESS] : "-", u->f[UF_POSTCODE]);

	if (ui_confirm(ui, msg)) {
		struct zerr err = ZERR_INIT;
		char *form = print_load_form(&ui->app->cfg, suggestion ? "guidance-suggestion" : "guidance", &err);
		char *text = NULL, *job = NULL;
		char today[DATE_BUFSZ];
		const struct tvar vars[] = {
			{ "unit", u->f[UF_NAME] }, { "phone", u->f[UF_PHONE] }, { "address", u->f[UF_ADDRESS] },
			{ "postcode", u->f[UF_POSTCODE] }, { "hours", u->f[UF_HOURS] },
			{ "site_name", ui->app->cfg.site_name }, { "today", date_format(date_today(), today) },
		};

		if (form)
			text = print_render(form, vars, (int)(sizeof vars / sizeof vars[0]),
					    suggestion ? "guidance-suggestion.txt" : "guidance.txt", &err);
		if (text)
			ui_busy(ui, _("Printing..."));
		if (text && print_send(&ui->app->cfg, _("Guidance"), text, 1, &job, &err) == 0) {
			struct zerr lerr = ZERR_INIT;

			print_log(ui->app->db, ui->app->operator, "guidance", u->f[UF_NAME], 1, 1, job, "", &lerr);
		} else {
			ui_message(ui, _("Printing failed"), err.msg);
		}
		free(job);
		free(text);
		free(form);
	}
	free(msg);
}

static int intake_save(void *ctx, struct form *fm, struct zerr *err)
{
	struct intake *in = ctx;
	struct app *app = in->ui->app;
	struct appl a;
	struct unit u;
	struct appl_check c;
	int rc = -1;

	fill(fm, &a);
	appl_validate(app->db, &a, date_today(), &u, &c);
	form_clear_problems(fm);
	for (int i = c.n - 1; i >= 0; i--)
		form_problem(fm, c.v[i].field, c.v[i].msg, c.v[i].warning);
	if (c.errors) {
		zerr_set(err, _("%d thing(s) to correct: the fields marked ! say what"), c.errors);
		in->warned = 0;
	} else if (c.n && !in->warned) {
		/* Warnings do not block, but the clerk sees each once, at its field, before saving. */
		for (int i = c.n - 1; i >= 0; i--) {
			char *msg = xasprintf("%s %s", c.v[i].msg, _("(check it with the applicant; F2 again saves as it is)"));

			form_problem(fm, c.v[i].field, msg, 1);
			free(msg);
			zerr_set(err, "%s", "");
			err->field = c.v[i].field;
		}
		err->msg[0] = '\0';
		in->warned = 1;
	} else if (!appl_in_scope(&app->cfg, &u)) {
		char *ask = xasprintf(_("%s is outside this site's scope: it cannot be registered here. Keep a guidance record and show where to apply? (n: go back and change the unit)"),
				      u.f[UF_NAME]);

		if (!ui_confirm(in->ui, ask)) {
			zerr_set(err, _("Change the unit applied to, or leave with Esc."));
			form_problem(fm, AF_TARGET_UNIT, _("outside this site's scope"), 0);
		} else if (appl_guidance(app->db, "application", &u, a.f[AF_NAME], a.f[AF_DESCRIPTION], app->operator,
					 err) == 0) {
			ui_guide(in->ui, &u, 0);
			rc = 0;
		}
		free(ask);
	} else if (appl_register(app->db, &app->cfg, &app->cal, &a, app->operator, err) == 0) {
		struct zerr perr = ZERR_INIT;
		char *job = NULL, *msg;

		/* The receipt goes to the printer at once; a failure leaves the record saved. */
		ui_busy(in->ui, _("Printing the receipt..."));
		if (receipt_print(app->db, &app->cfg, &app->cal, &a, app->operator, &job, &perr) == 0)
			msg = xasprintf(_("Registered as %s. The receipt is printing; hand the applicant's copy over and keep the counterfoil."),
					a.serial);
		else
			msg = xasprintf(_("Registered as %s, but the receipt was NOT printed: %s\nThe ledger shows it as not printed; print it from there (p) when the printer works."),
					a.serial, perr.msg);
		ui_message(in->ui, _("Application registered"), msg);
		free(msg);
		free(job);
		rc = 0;
	}
	appl_check_free(&c);
	unit_free(&u);
	appl_free(&a);
	return rc;
}

static void intake(struct ui *ui)
{
	struct intake in;
	struct form fm;
	char today[DATE_BUFSZ];
	int n;

	memset(&in, 0, sizeof in);
	in.ui = ui;
	for (int d = 0; d < DOC_COUNT; d++)
		in.docs[d] = ident_doc_label(d);
	in.yesno[0] = _("no");
	in.yesno[1] = _("yes");
	form_init(&fm, _("Register an application"), AF_COUNT);
	fm.ctx = &in;
	fm.changed = intake_changed;
	for (int f = 0; f < AF_COUNT; f++) {
		const struct choice *list = choice_list(f);

		if (list) {
			in.labels[f] = labels_of(list, &n);
			form_choice(&fm, f, appl_field_label(f), in.labels[f], n, 0);
		} else if (f == AF_ID_TYPE) {
			form_choice(&fm, f, appl_field_label(f), in.docs, DOC_COUNT, DOC_ID_CARD);
		} else if (f == AF_ORAL) {
			form_choice(&fm, f, appl_field_label(f), in.yesno, 2, 0);
		} else {
			form_text(&fm, f, appl_field_label(f), f == AF_RECEIVED ? date_format(date_today(), today) : "",
				  appl_field_max(f));
		}
	}
	fm.f[AF_TARGET_UNIT].pick = form_pick_unit;
	/* Most applicants collect the answer themselves; start on the name (a citizen, most often). */
	fm.f[AF_DELIVERY].choice = 1;
	free(fm.f[AF_DELIVERY].initial);
	fm.f[AF_DELIVERY].initial = form_value(&fm, AF_DELIVERY);
	fm.cur = AF_NAME;
	fm.draft = "application";
	form_run(ui, &fm, intake_save, &in);
	form_free(&fm);
	for (int f = 0; f < AF_COUNT; f++)
		free(in.labels[f]);
}

/* The ledger: every application, oldest first, paged by (received, id). */
struct ledger {
	struct ui *ui;
	struct list list;
	struct appl_filter filter;
	char *text, *error, *unit;
};

static int fetch_appls(void *ctx, const void *anchor, int backwards, int limit, void **out)
{
	struct ledger *l = ctx;
	struct zerr err = ZERR_INIT;
	struct appl *rows;
	int n;

	l->filter.text = l->text;
	if (appl_page(l->ui->app->db, &l->filter, anchor, backwards, limit, &rows, &n, &err) != 0) {
		free(l->error);
		l->error = xstrdup(err.msg);
		return -1;
	}
	return list_box(rows, sizeof *rows, n, out);
}

static void free_appl(void *ctx, void *row)
{
	(void)ctx;
	appl_free(row);
	free(row);
}

static int is_open(const struct appl *a)
{
	return a->state == AS_RECEIVED || a->state == AS_FORWARDED;
}

static void draw_appl_row(void *ctx, const void *row, int y, int x, int width, int selected)
{
	struct ledger *l = ctx;
	const struct appl *a = row;
	char received[DATE_BUFSZ], deadline[DATE_BUFSZ];
	zdate today = l->ui->today;
	int prov = 0, overdue = is_open(a) && a->deadline && a->deadline < today;
	int soon = is_open(a) && a->deadline && !overdue &&
		   cal_workdays_between(&l->ui->app->cal, today, a->deadline, &prov) <= 3;
	attr_t at = selected ? the_ui->attr[A_SELECTED] : overdue ? the_ui->attr[A_ERROR] : soon ? A_BOLD : A_NORMAL;

	ui_fill(y, x, width, at);
	ui_text(y, x, 20, a->serial, at, ALIGN_LEFT);
	ui_text(y, x + 21, 10, date_format(a->received, received), at, ALIGN_LEFT);
	{
		char *state = appl_forwarded_late(a) ? xasprintf(_("%s, late"), appl_state_label(a->state))
						     : xstrdup(appl_state_label(a->state));

		ui_text(y, x + 32, 12, state, at, ALIGN_LEFT);
		free(state);
	}
	ui_text(y, x + 45, 10, a->deadline ? date_format(a->deadline, deadline) : "-", at, ALIGN_LEFT);
	ui_text(y, x + 56, 8, a->receipt_printed ? "" : _("not printed"), at, ALIGN_LEFT);
	ui_text(y, x + 65, width - 65, a->f[AF_NAME], at, ALIGN_LEFT);
}

static const struct list_ops appl_list_ops = { fetch_appls, free_appl, draw_appl_row };

static void draw_ledger(void *ctx)
{
	struct ledger *l = ctx;
	int top = ui_body_top(), bottom = ui_body_bottom();
	const struct appl *cur;
	attr_t h = the_ui->attr[A_HEAD];

	ui_fill(top, 0, COLS, h);
	ui_text(top, 1, 20, _("Serial"), h, ALIGN_LEFT);
	ui_text(top, 22, 10, _("Received on"), h, ALIGN_LEFT);
	ui_text(top, 33, 12, _("State"), h, ALIGN_LEFT);
	ui_text(top, 46, 10, _("Deadline"), h, ALIGN_LEFT);
	ui_text(top, 57, 8, _("Receipt"), h, ALIGN_LEFT);
	ui_text(top, 66, COLS - 67, _("Applicant"), h, ALIGN_LEFT);
	list_draw(&l->list, top + 1, 1, COLS - 2, bottom - top - 4);
	mvhline(bottom - 3, 0, ACS_HLINE, COLS);
	{
		/* The filters in force, on the rule under the list. */
		struct sbuf f = { 0 };
		char d1[DATE_BUFSZ], d2[DATE_BUFSZ];

		if (l->filter.state >= 0)
			sbuf_printf(&f, " %s", appl_state_label(l->filter.state));
		if (l->filter.overdue)
			sbuf_printf(&f, " %s", _("overdue"));
		if (l->unit)
			sbuf_printf(&f, " %s", l->unit);
		if (l->filter.from || l->filter.to)
			sbuf_printf(&f, " %s~%s", l->filter.from ? date_format(l->filter.from, d1) : "",
				    l->filter.to ? date_format(l->filter.to, d2) : "");
		if (l->text)
			sbuf_printf(&f, " \"%s\"", l->text);
		if (f.len) {
			char *shown = xasprintf(_(" Filter:%s (Esc shows all) "), f.s);

			ui_text(bottom - 3, 2, width_str(shown) < COLS - 4 ? width_str(shown) : COLS - 4, shown, A_BOLD,
				ALIGN_LEFT);
			free(shown);
		}
		sbuf_free(&f);
	}
	cur = list_current(&l->list);
	if (l->error) {
		ui_text(bottom - 2, 1, COLS - 2, l->error, the_ui->attr[A_ERROR], ALIGN_LEFT);
	} else if (cur) {
		char *l1 = xasprintf("%s: %s", appl_field_label(AF_TARGET_UNIT), cur->f[AF_TARGET_UNIT]);

		ui_text(bottom - 2, 1, COLS - 2, l1, A_NORMAL, ALIGN_LEFT);
		ui_text(bottom - 1, 1, COLS - 2, cur->f[AF_DESCRIPTION], A_NORMAL, ALIGN_LEFT);
		free(l1);
	} else {
		ui_text(bottom - 2, 1, COLS - 2, _("No applications yet."), A_NORMAL, ALIGN_LEFT);
	}
}

struct lines {
	char **v;
	int n;
};

static void add(struct lines *s, char *line)
{
	s->v = xrealloc(s->v, sizeof *s->v * (size_t)(s->n + 2));
	s->v[s->n++] = line;
	s->v[s->n] = NULL;
}

static void history_line(void *ctx, const char *at, const char *day, const char *op, const char *event,
			 const char *detail)
{
	(void)at;
	char *label = width_fit(appl_event_label(event), 16, ALIGN_LEFT), *words = appl_event_detail(event, detail);

	add(ctx, xasprintf("  %s  %s %s  %s", day, label, op, words));
	free(words);
	free(label);
}

/* Everything about one application, ID and phone whole (lists mask them). */
static void detail(struct ui *ui, const struct appl *row)
{
	struct zerr err = ZERR_INIT;
	struct lines s = { NULL, 0 };
	struct appl a;
	char buf[DATE_BUFSZ];
	int prov = 0;
	zdate due;

	if (appl_load(ui->app->db, row->serial, &a, &err) != 0) {
		ui_message(ui, _("Applications"), err.msg);
		return;
	}
	due = appl_deadline(&ui->app->cal, &a, &prov);
	add(&s, xasprintf("%s  %s", a.serial, appl_state_label(a.state)));
	add(&s, xasprintf("%s: %s%s", _("Deadline"), due ? date_format(due, buf) : _("stopped until the supplement arrives"),
			  prov ? _(" (provisional)") : ""));
	add(&s, xasprintf("%s: %s", _("Receipt"), a.receipt_printed ? _("printed") : _("not printed")));
	add(&s, xstrdup(""));
	for (int f = 0; f < AF_COUNT; f++) {
		const struct choice *list = choice_list(f);
		/* ID and phone numbers masked, as in every list: the paper form holds them whole. */
		char *masked = appl_field_shown(&a, f);
		const char *shown = list ? choice_label(list, a.f[f])
				  : f == AF_ID_TYPE ? ident_doc_label(ident_doc_parse(a.f[f]))
				  : f == AF_ORAL ? (strcmp(a.f[f], "yes") == 0 ? _("yes") : _("no"))
				  : masked;
		char **lines;
		int n;

		if (!appl_field_applies(&a, f)) {
			free(masked);
			continue;
		}
		n = width_wrap(shown, 50, &lines);
		for (int i = 0; i < n; i++) {
			char *label = width_fit(i ? "" : appl_field_label(f), 18, ALIGN_RIGHT);

			add(&s, xasprintf("%s  %s", label, lines[i]));
			free(label);
		}
		strv_free(lines);
		free(masked);
	}
	add(&s, xstrdup(""));
	add(&s, xstrdup(_("History:")));
	appl_history(ui->app->db, a.id, history_line, &s, &err);
	ui_view_lines(ui, a.serial, s.v);
	strv_free(s.v);
	appl_free(&a);
}

static void preview(struct ui *ui, const struct appl *a)
{
	struct zerr err = ZERR_INIT;
	char *text = receipt_text(&ui->app->cfg, &ui->app->cal, a, ui->app->operator, &err), **lines;

	if (!text) {
		ui_message(ui, _("Applications"), err.msg);
		return;
	}
	width_wrap(text, 200, &lines);
	ui_view_lines(ui, _("Receipt (as it will print)"), lines);
	strv_free(lines);
	free(text);
}

static void print_again(struct ui *ui, const struct appl *row)
{
	struct zerr err = ZERR_INIT;
	struct appl a;
	char *job = NULL, *msg;

	if (appl_load(ui->app->db, row->serial, &a, &err) != 0) {
		ui_message(ui, _("Applications"), err.msg);
		return;
	}
	ui_busy(ui, _("Printing the receipt..."));
	if (receipt_print(ui->app->db, &ui->app->cfg, &ui->app->cal, &a, ui->app->operator, &job, &err) == 0)
		msg = xasprintf(_("The receipt of %s is printing."), a.serial);
	else
		msg = xasprintf(_("The receipt of %s was not printed: %s"), a.serial, err.msg);
	ui_message(ui, _("Print the receipt"), msg);
	free(msg);
	free(job);
	appl_free(&a);
}

static void forward(struct ui *ui, const struct appl *row)
{
	struct zerr err = ZERR_INIT;
	struct appl a;
	char *to = NULL;
	int method;
	const char **methods;
	int n;

	if (appl_load(ui->app->db, row->serial, &a, &err) != 0) {
		ui_message(ui, _("Applications"), err.msg);
		return;
	}
	methods = labels_of(forward_methods, &n);
	method = 0;
	{
		char *prompt = xasprintf(_("How was %s forwarded? 1 %s, 2 %s, 3 %s, 4 %s:"), a.serial, methods[0], methods[1],
					 methods[2], methods[3]);
		char *answer = NULL;

		if (ui_prompt(ui, prompt, "1", 1, &answer) && answer[0] >= '1' && answer[0] <= '4')
			method = answer[0] - '0';
		free(answer);
		free(prompt);
	}
	if (method && strcmp(forward_methods[method - 1].code, "email") == 0 && mail_configured(&ui->app->cfg)) {
		/* [smtp] is set up: the application itself goes to the unit's e-mail address. */
		ui_busy(ui, _("Sending the e-mail..."));
		if (forward_by_mail(ui->app->db, &ui->app->cfg, &ui->app->cal, &a, ui->app->operator, &err) != 0)
			ui_message(ui, _("Forward"), err.msg);
		else
			ui_message(ui, _("Forward"), _("The application was sent to the unit by e-mail."));
	} else if (method && ui_prompt(ui, _("Who at the unit took it?"), "", 30, &to) && *str_trim(to)) {
		char *ask;

		if (appl_forward(ui->app->db, &a, forward_methods[method - 1].code, str_trim(to), date_today(),
				 ui->app->operator, &err) != 0) {
			ui_message(ui, _("Forward"), err.msg);
		} else if ((ask = xasprintf(_("Print the transfer slip (转交单) of %s for %s to sign?"), a.f[AF_TARGET_UNIT],
					    str_trim(to))),
			   ui_confirm(ui, ask)) {
			struct zerr lerr = ZERR_INIT;
			char *text = slip_text(&ui->app->cfg, ui->app->db, a.f[AF_TARGET_UNIT], a.received,
					       ui->app->operator, &err), *job = NULL;
			int rc = text ? (ui_busy(ui, _("Printing...")), print_send(&ui->app->cfg, _("Transfer slip"), text, 1, &job, &err))
				      : -1;

			print_log(ui->app->db, ui->app->operator, "slip", a.f[AF_TARGET_UNIT], 1, rc == 0, job,
				  rc == 0 ? "" : err.msg, &lerr);
			if (rc != 0)
				ui_message(ui, _("Printing failed"), err.msg);
			free(text);
			free(job);
			free(ask);
		} else {
			free(ask);
		}
	}
	free(to);
	free(methods);
	appl_free(&a);
}

enum { FL_STATE, FL_UNIT, FL_FROM, FL_TO, FL_OVERDUE, FL_COUNT };

struct filter_form {
	struct ui *ui;
	struct ledger *l;
};

static int filter_save(void *ctx, struct form *fm, struct zerr *err)
{
	struct filter_form *ff = ctx;
	struct ledger *l = ff->l;
	zdate d[2] = { 0, 0 };
	char *unit = form_value(fm, FL_UNIT);

	for (int i = 0; i < 2; i++) {
		char *v = form_value(fm, FL_FROM + i);

		if (*str_trim(v) && date_parse(str_trim(v), &d[i]) != 0) {
			form_problem(fm, FL_FROM + i, _("not a date; write it as YYYY-MM-DD"), 0);
			zerr_set(err, _("That is not a date; write it as YYYY-MM-DD."));
			free(v);
			free(unit);
			return -1;
		}
		free(v);
	}
	l->filter.state = fm->f[FL_STATE].choice - 1;
	l->filter.overdue = fm->f[FL_OVERDUE].choice;
	l->filter.from = d[0];
	l->filter.to = d[1];
	free(l->unit);
	l->unit = *str_trim(unit) ? xstrdup(str_trim(unit)) : NULL;
	l->filter.unit = l->unit;
	free(unit);
	return 0;
}

/* The ledger's filters: state, unit applied to, received between two dates, overdue only. */
static void ledger_filter(struct ui *ui, struct ledger *l)
{
	const char *states[AS_COUNT + 1], *yesno[2] = { _("no"), _("yes") };
	struct filter_form ff = { ui, l };
	struct form fm;
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];

	states[0] = _("All");
	for (int i = 0; i < AS_COUNT; i++)
		states[i + 1] = appl_state_label(i);
	form_init(&fm, _("Filter the ledger"), FL_COUNT);
	fm.ctx = &ff;
	form_choice(&fm, FL_STATE, _("State"), states, AS_COUNT + 1, l->filter.state + 1);
	form_text(&fm, FL_UNIT, appl_field_label(AF_TARGET_UNIT), l->unit ? l->unit : "", 60);
	form_text(&fm, FL_FROM, _("Received from"), l->filter.from ? date_format(l->filter.from, d1) : "", 10);
	form_text(&fm, FL_TO, _("Received up to"), l->filter.to ? date_format(l->filter.to, d2) : "", 10);
	form_choice(&fm, FL_OVERDUE, _("Overdue only"), yesno, 2, l->filter.overdue);
	fm.f[FL_UNIT].pick = form_pick_unit;
	if (form_run(ui, &fm, filter_save, &ff))
		list_top(&l->list);
	form_free(&fm);
}

/* The state changes after forwarding, each with what it needs asked first. */
static void change(struct ui *ui, const struct appl *row, enum action act)
{
	struct zerr err = ZERR_INIT;
	struct appl a;
	char *text = NULL;
	zdate day;
	int rc = 1;

	if (appl_load(ui->app->db, row->serial, &a, &err) != 0) {
		ui_message(ui, _("Applications"), err.msg);
		return;
	}
	switch (act) {
	case ACT_ANSWER: {
		const char **labels;
		int n, pick;

		for (n = 0; outcomes[n].code; n++)
			;
		labels = xcalloc((size_t)n, sizeof *labels);
		for (int i = 0; i < n; i++)
			labels[i] = _(outcomes[i].label);
		pick = ui_choose(ui, _("Record the answer"), _("The outcome, as a row of the annual report's table"), labels, n);
		free(labels);
		if (pick >= 0 && (day = ui_ask_date(ui, 0, _("Answered on:")))) {
			/* 逾期不补正 closes an application that waits for its supplement. */
			if (a.state == AS_SUPPLEMENT && strcmp(outcomes[pick].code, "6.1") == 0)
				rc = appl_lapse(ui->app->db, &a, day, ui->app->operator, &err);
			else
				rc = appl_answer(ui->app->db, &a, outcomes[pick].code, day, ui->app->operator, &err);
		}
		break;
	}
	case ACT_SUPPLEMENT:
		if (a.state == AS_SUPPLEMENT) {
			if ((day = ui_ask_date(ui, 0, _("Supplement received on (the deadline restarts from it):"))))
				rc = appl_supplement_received(ui->app->db, &ui->app->cal, &a, day, ui->app->operator, &err);
		} else if (ui_prompt(ui, _("What must the applicant add?"), "", APPL_SUPPLEMENT_MAX, &text) &&
			   (day = ui_ask_date(ui, 0, _("Asked on:")))) {
			rc = appl_request_supplement(ui->app->db, &ui->app->cal, &a, day, str_trim(text), ui->app->operator,
						     &err);
			if (rc == 0 && err.msg[0])
				ui_message(ui, _("Applications"), err.msg);
		}
		break;
	case ACT_EXTEND:
		if (ui_prompt(ui, _("Who approved the extension?"), "", 30, &text) && (day = ui_ask_date(ui, 0, _("Extended on:"))))
			rc = appl_extend(ui->app->db, &ui->app->cal, &a, str_trim(text), day, ui->app->operator, &err);
		break;
	case ACT_WITHDRAW:
		if (ui_confirm(ui, _("Did the applicant withdraw the application?")) && (day = ui_ask_date(ui, 0, _("Withdrawn on:"))))
			rc = appl_withdraw(ui->app->db, &a, day, ui->app->operator, &err);
		break;
	default:
		break;
	}
	if (rc < 0)
		ui_message(ui, _("Applications"), err.msg);
	free(text);
	appl_free(&a);
}

static void ledger(struct ui *ui)
{
	struct ledger l;

	memset(&l, 0, sizeof l);
	l.ui = ui;
	l.filter.state = -1;
	l.filter.today = ui->today;
	l.filter.unit = NULL;
	list_init(&l.list, &appl_list_ops, &l);
	ui_push(ui, draw_ledger, &l, SCR_LEDGER, _("Application ledger"));
	list_bottom(&l.list);
	for (;;) {
		const struct appl *cur;
		char *text = NULL;
		int key;

		ui_redraw(ui);
		key = ui_getkey(ui);
		if (key == ZK_STOP)
			break;
		cur = list_current(&l.list);
		free(l.error);
		l.error = NULL;
		switch (ui_action(ui, key)) {
		case ACT_BACK:
			if (!l.text && !l.unit && l.filter.state < 0 && !l.filter.overdue && !l.filter.from && !l.filter.to)
				goto out;
			/* Esc first clears the filters, then leaves. */
			free(l.text);
			free(l.unit);
			l.text = l.unit = NULL;
			l.filter.unit = NULL;
			l.filter.state = -1;
			l.filter.overdue = 0;
			l.filter.from = l.filter.to = 0;
			list_bottom(&l.list);
			break;
		case ACT_FILTER:
			ledger_filter(ui, &l);
			break;
		case ACT_PRINT_LEDGER:
			ui_print_ledger(ui, LEDGER_APPLICATIONS, l.filter.from, l.filter.to);
			break;
		case ACT_HELP: ui_help(ui); break;
		case ACT_OPEN:
			if (cur)
				detail(ui, cur);
			break;
		case ACT_PREVIEW:
			if (cur)
				preview(ui, cur);
			break;
		case ACT_PRINT:
			if (cur) {
				print_again(ui, cur);
				list_reload(&l.list);
			}
			break;
		case ACT_FORWARD:
			if (cur) {
				forward(ui, cur);
				list_reload(&l.list);
			}
			break;
		case ACT_ANSWER:
		case ACT_SUPPLEMENT:
		case ACT_EXTEND:
		case ACT_WITHDRAW:
			if (cur) {
				change(ui, cur, ui_action(ui, key));
				list_reload(&l.list);
			}
			break;
		case ACT_SEARCH:
			if (ui_prompt(ui, _("Search (serial, name or information wanted):"), l.text, 30, &text)) {
				free(l.text);
				l.text = *str_trim(text) ? xstrdup(str_trim(text)) : NULL;
				list_top(&l.list);
			}
			free(text);
			break;
		default:
			list_move(&l.list, ui_action(ui, key));
			break;
		}
	}
out:
	ui_pop(ui);
	list_free(&l.list);
	free(l.text);
	free(l.unit);
	free(l.error);
}

/* Prints one of the blank forms the zone keeps on its shelf. */
static void print_blank(struct ui *ui)
{
	const char *shown[8];
	int n = 0, pick;

	for (; blank_forms[n]; n++)
		shown[n] = blank_form_label(blank_forms[n]);
	pick = ui_choose(ui, _("Print a form"), _("Blank forms and the table of units, for the shelf"), shown, n);
	if (pick >= 0) {
		struct zerr err = ZERR_INIT, lerr = ZERR_INIT;
		char *text = blank_render(&ui->app->cfg, ui->app->db, blank_forms[pick], &err), *job = NULL, *msg;
		int rc = text ? (ui_busy(ui, _("Printing...")), print_send(&ui->app->cfg, shown[pick], text, 1, &job, &err)) : -1;

		if (text)
			print_log(ui->app->db, ui->app->operator, "form", blank_forms[pick], 1, rc == 0, job,
				  rc == 0 ? "" : err.msg, &lerr);
		msg = rc == 0 ? xasprintf(_("%s is printing."), shown[pick])
			      : xasprintf(_("%s was not printed: %s"), shown[pick], err.msg);
		ui_message(ui, _("Print a form"), msg);
		free(msg);
		free(job);
		free(text);
	}
}

int scr_appl(struct ui *ui)
{
	static const char *const items[] = { N_("Register an application"), N_("Application ledger"),
					     N_("Register a suggestion"), N_("Suggestion ledger"), N_("Guidance records"),
					     N_("Print a form") };
	const char *shown[6];
	struct menu m;

	for (int i = 0; i < 6; i++)
		shown[i] = _(items[i]);
	memset(&m, 0, sizeof m);
	m.title = _("Applications");
	m.intro = _("Applications for government information (申请接收区)");
	m.items = shown;
	m.n = 6;
	/* The zone's menu stays under what it opens, so every dialog shows where the clerk is. */
	ui_menu_push(ui, &m);
	for (;;) {
		switch (ui_menu_run(ui, &m)) {
		case 0: intake(ui); break;
		case 1: ledger(ui); break;
		case 2: scr_sug_intake(ui); break;
		case 3: scr_sug_ledger(ui); break;
		case 4: scr_guidance(ui); break;
		case 5: print_blank(ui); break;
		default:
			ui_pop(ui);
			return 0;
		}
	}
}
