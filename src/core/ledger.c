/* ledger.c - the applications and suggestions ledgers, for paper and for spreadsheets. */
#include "ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appl.h"
#include "ask.h"
#include "choice.h"
#include "db.h"
#include "print.h"
#include "sug.h"
#include "width.h"

static const char *const names[LEDGER_COUNT] = { "applications", "suggestions", "consultations" };

int ledger_parse(const char *name)
{
	for (int i = 0; i < LEDGER_COUNT; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

const char *ledger_name(int kind)
{
	return names[kind];
}

const char *ledger_title(int kind)
{
	static const char *const titles[LEDGER_COUNT] = {
		N_("Ledger of applications for government information"), N_("Ledger of suggestions"),
		N_("Ledger of policy consultations"),
	};

	return _(titles[kind]);
}

/* What the writer carries between pages of rows. */
struct run {
	struct table t;
	int (*emit)(void *ctx, const char *s, size_t n, struct zerr *err);
	void *ctx;
	struct zerr *err;
	long count[8];		/* by state */
	long overdue, late;
	long followup[QFU_COUNT];
	zdate today;
};

static int flush(struct run *r)
{
	int rc = 0;

	if (r->t.out.len)
		rc = r->emit(r->ctx, r->t.out.s, r->t.out.len, r->err);
	r->t.out.len = 0;
	if (r->t.out.s)
		r->t.out.s[0] = '\0';
	return rc;
}

/* The columns with their labels in the user's language. */
static const struct table_col *translated(const struct table_col *cols, struct table_col *out, int n)
{
	for (int i = 0; i < n; i++) {
		out[i] = cols[i];
		out[i].label = _(cols[i].label);
	}
	return out;
}

/*
 * The application ledger's columns. Paper shows the first eight (104 columns, A4 landscape);
 * spreadsheets get them all. ID and phone numbers are left out: exports travel on USB sticks.
 */
static const struct table_col *appl_cols(int *n)
{
	static struct table_col cols[] = {
		{ N_("Serial"), 15, ALIGN_LEFT }, { N_("Received on"), 10, ALIGN_LEFT },
		{ N_("Applicant"), 10, ALIGN_LEFT }, { N_("Unit applied to"), 14, ALIGN_LEFT },
		{ N_("Information wanted"), 18, ALIGN_LEFT }, { N_("State"), 10, ALIGN_LEFT },
		{ N_("Forwarded on"), 10, ALIGN_LEFT }, { N_("Deadline"), 10, ALIGN_LEFT },
		{ N_("Applicant kind"), 0, 0 }, { N_("Form wanted"), 0, 0 }, { N_("How to obtain it"), 0, 0 },
		{ N_("Outcome"), 0, 0 }, { N_("Answered on"), 0, 0 }, { N_("Registered by"), 0, 0 },
	};
	static struct table_col out[sizeof cols / sizeof cols[0]];

	*n = (int)(sizeof cols / sizeof cols[0]);
	return translated(cols, out, *n);
}

static const struct table_col *sug_cols(int *n)
{
	static struct table_col cols[] = {
		{ N_("Serial"), 18, ALIGN_LEFT }, { N_("Received on"), 10, ALIGN_LEFT },
		{ N_("Name"), 10, ALIGN_LEFT }, { N_("Unit concerned"), 14, ALIGN_LEFT },
		{ N_("Suggestion"), 27, ALIGN_LEFT }, { N_("State"), 8, ALIGN_LEFT },
		{ N_("Replied on"), 10, ALIGN_LEFT },
		{ N_("How it came"), 0, 0 }, { N_("Forwarded on"), 0, 0 }, { N_("Reply"), 0, 0 },
	};
	static struct table_col out[sizeof cols / sizeof cols[0]];

	*n = (int)(sizeof cols / sizeof cols[0]);
	return translated(cols, out, *n);
}

/* Consultations: paper shows seven columns (100 wide); contacts stay out of every export. */
static const struct table_col *ask_cols(int *n)
{
	static struct table_col cols[] = {
		{ N_("Serial"), 18, ALIGN_LEFT }, { N_("Asked on"), 10, ALIGN_LEFT }, { N_("Asked by"), 8, ALIGN_LEFT },
		{ N_("Question"), 24, ALIGN_LEFT }, { N_("State"), 8, ALIGN_LEFT },
		{ N_("Entry or unit"), 16, ALIGN_LEFT }, { N_("Due"), 10, ALIGN_LEFT },
		{ N_("How it came"), 0, 0 }, { N_("Replied on"), 0, 0 }, { N_("Reply"), 0, 0 },
		{ N_("Follow-up call"), 0, 0 }, { N_("Logged by"), 0, 0 },
	};
	static struct table_col out[sizeof cols / sizeof cols[0]];

	*n = (int)(sizeof cols / sizeof cols[0]);
	return translated(cols, out, *n);
}

/* Hands on what has collected once it is worth a write. */
static int maybe_flush(struct run *r)
{
	return r->t.out.len >= 65536 ? flush(r) : 0;
}

static int appl_row(void *ctx, const struct appl *a)
{
	struct run *r = ctx;
	int late = appl_forwarded_late(a), open = a->state == AS_RECEIVED || a->state == AS_FORWARDED;
	char received[DATE_BUFSZ], deadline[DATE_BUFSZ], answered[DATE_BUFSZ];
	char *state = late ? xasprintf(_("%s, late"), appl_state_label(a->state)) : xstrdup(appl_state_label(a->state));
	char *fwd = xstrndup(a->forwarded_at, 10);
	char *outcome = *a->outcome ? xasprintf("%s %s", a->outcome, choice_label(outcomes, a->outcome)) : xstrdup("");
	const char *cells[] = {
		a->serial, date_format(a->received, received), a->f[AF_NAME], a->f[AF_TARGET_UNIT],
		a->f[AF_DESCRIPTION], state, fwd, a->deadline ? date_format(a->deadline, deadline) : "",
		choice_label(applicant_kinds, a->f[AF_APPLICANT_KIND]), choice_label(provide_forms, a->f[AF_FORM]),
		choice_label(deliveries, a->f[AF_DELIVERY]), outcome, a->answered ? date_format(a->answered, answered) : "",
		a->created_by,
	};

	table_row(&r->t, cells);
	r->count[a->state]++;
	r->late += late;
	r->overdue += open && a->deadline && a->deadline < r->today;
	free(state);
	free(fwd);
	free(outcome);
	return maybe_flush(r);
}

static int sug_row(void *ctx, const struct sug *s)
{
	struct run *r = ctx;
	char replied[DATE_BUFSZ], *fwd = xstrndup(s->forwarded_at, 10);
	const char *cells[] = {
		s->serial, s->f[SF_RECEIVED], *s->f[SF_NAME] ? s->f[SF_NAME] : _("(anonymous)"), s->f[SF_TARGET_UNIT],
		s->f[SF_CONTENT], sug_state_label(s->state), s->replied ? date_format(s->replied, replied) : "",
		choice_label(sug_channels, s->f[SF_CHANNEL]), fwd, s->reply,
	};

	table_row(&r->t, cells);
	r->count[s->state]++;
	free(fwd);
	return maybe_flush(r);
}

static int ask_row(void *ctx, const struct ask *q)
{
	struct run *r = ctx;
	int overdue = ask_overdue(q, r->today);
	char due[DATE_BUFSZ], replied[DATE_BUFSZ];
	char *state = overdue ? xasprintf(_("%s, overdue"), ask_state_label(q->state)) : xstrdup(ask_state_label(q->state));
	const char *cells[] = {
		q->serial, q->f[QF_RECEIVED], q->f[QF_NAME], q->f[QF_QUESTION], state,
		q->entry_id ? q->entry_code : q->unit_name, q->due ? date_format(q->due, due) : "",
		choice_label(ask_channels, q->f[QF_CHANNEL]), q->replied ? date_format(q->replied, replied) : "", q->reply,
		q->followup ? ask_followup_label(q->followup) : "", q->logged_by,
	};

	table_row(&r->t, cells);
	r->count[q->state]++;
	r->overdue += overdue;
	r->followup[q->followup]++;
	free(state);
	return maybe_flush(r);
}

static const char *state_label_of(int kind, int state)
{
	return kind == LEDGER_APPLICATIONS ? appl_state_label(state)
	       : kind == LEDGER_SUGGESTIONS ? sug_state_label(state)
					    : ask_state_label(state);
}

/* "合计 12 件：已接收 2，已转交 5，已答复 5；逾期未答复 1 件，迟转交 1 件" */
static char *totals(const struct run *r, int kind)
{
	struct sbuf b = { 0 };
	int nstates = kind == LEDGER_APPLICATIONS ? AS_COUNT : kind == LEDGER_SUGGESTIONS ? SS_COUNT : QS_COUNT, any = 0;

	sbuf_printf(&b, _("Total: %ld"), r->t.rows);
	for (int i = 0; i < nstates; i++) {
		if (!r->count[i])
			continue;
		sbuf_printf(&b, "%s%s %ld", any ? _(", ") : _(": "),
			    state_label_of(kind, i), r->count[i]);
		any = 1;
	}
	if (kind == LEDGER_APPLICATIONS) {
		if (r->overdue)
			sbuf_printf(&b, _("; overdue and not answered: %ld"), r->overdue);
		if (r->late)
			sbuf_printf(&b, _("; forwarded late: %ld"), r->late);
	}
	if (kind == LEDGER_CONSULTATIONS) {
		if (r->overdue)
			sbuf_printf(&b, _("; dispatched and overdue: %ld"), r->overdue);
		if (r->followup[QFU_SATISFIED] || r->followup[QFU_UNSATISFIED])
			sbuf_printf(&b, _("; follow-up calls: satisfied %ld, not satisfied %ld"), r->followup[QFU_SATISFIED],
				    r->followup[QFU_UNSATISFIED]);
	}
	return sbuf_take(&b);
}

int ledger_write(sqlite3 *db, const struct config *cfg, int kind, zdate from, zdate to, zdate today, int format,
		 int (*emit)(void *ctx, const char *s, size_t n, struct zerr *err), void *ctx, struct zerr *err)
{
	struct run r;
	const struct table_col *cols;
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ], now[20], *subtitle, *total;
	int ncols, rc;

	memset(&r, 0, sizeof r);
	r.emit = emit;
	r.ctx = ctx;
	r.err = err;
	cols = kind == LEDGER_APPLICATIONS ? appl_cols(&ncols) : kind == LEDGER_SUGGESTIONS ? sug_cols(&ncols) : ask_cols(&ncols);
	db_now(now);
	now[16] = '\0';
	subtitle = xasprintf(_("%s   received %s to %s   printed %s"), cfg->site_name ? cfg->site_name : "",
			     from ? date_format(from, d1) : _("the first"), to ? date_format(to, d2) : _("the last"),
			     now);
	table_begin(&r.t, format, cols, ncols, ledger_title(kind), subtitle, TABLE_LANDSCAPE_LINES);
	r.today = today;
	if (kind == LEDGER_APPLICATIONS) {
		struct appl_filter f = { .state = -1, .today = today, .from = from, .to = to };

		rc = appl_each(db, &f, appl_row, &r, err);
	} else if (kind == LEDGER_CONSULTATIONS) {
		struct ask_filter f = { .state = -1, .today = today, .from = from, .to = to };

		rc = ask_each(db, &f, ask_row, &r, err);
	} else {
		rc = sug_each(db, from, to, sug_row, &r, err);
	}
	if (rc == 0) {
		total = totals(&r, kind);
		table_end(&r.t, total);
		free(total);
		rc = flush(&r);
	}
	sbuf_free(&r.t.out);
	free(subtitle);
	return rc;
}

static int to_sbuf(void *ctx, const char *s, size_t n, struct zerr *err)
{
	(void)err;
	sbuf_addn(ctx, s, n);
	return 0;
}

char *ledger_collect(sqlite3 *db, const struct config *cfg, int kind, zdate from, zdate to, zdate today, int format,
		     struct zerr *err)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	if (ledger_write(db, cfg, kind, from, to, today, format, to_sbuf, &b, err) != 0) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_take(&b);
}

int ledger_print(sqlite3 *db, const struct config *cfg, int kind, zdate from, zdate to, const char *op,
		 char **job, struct zerr *err)
{
	char *text = ledger_collect(db, cfg, kind, from, to, date_today(), TABLE_PAGED, err), range[2 * DATE_BUFSZ + 2];
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	struct zerr logerr = ZERR_INIT;
	int rc;

	*job = NULL;
	if (!text)
		return -1;
	snprintf(range, sizeof range, "%s~%s", from ? date_format(from, d1) : "", to ? date_format(to, d2) : "");
	rc = print_send_opt(cfg, ledger_title(kind), text, 1, "landscape", job, err);
	print_log(db, op, names[kind], range, 1, rc == 0, *job ? *job : "", rc == 0 ? "" : err->msg, &logerr);
	free(text);
	return rc;
}
