/*
 * ledger.c - the desk's ledgers (台账): applications, suggestions, consultations, guidance
 * records, prints and paid prints. Every ledger is read a page at a time as rows of cells; the
 * screen shows those pages, the writer lays them out for paper or a spreadsheet.
 */
#include "ledger.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "appl.h"
#include "ask.h"
#include "choice.h"
#include "db.h"
#include "fees.h"
#include "fsutil.h"
#include "print.h"
#include "register.h"
#include "sug.h"
#include "width.h"

static const char *const names[LEDGER_COUNT] = {
	"applications", "suggestions", "consultations", "guidance", "prints", "fees",
};

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
		N_("Ledger of policy consultations"), N_("Ledger of guidance records"), N_("Ledger of prints"),
		N_("Ledger of paid prints"),
	};

	return _(titles[kind]);
}

/*
 * The columns with their widths on A4 landscape paper (about 104 characters); width 0: for
 * spreadsheets only. ID and phone numbers and contacts are never among them: exports travel on
 * USB sticks.
 */
static const struct table_col all_cols[LEDGER_COUNT][16] = {
	[LEDGER_APPLICATIONS] = {
		{ N_("Serial"), 15, ALIGN_LEFT, 0 }, { N_("Received on"), 10, ALIGN_LEFT, 0 },
		{ N_("Applicant"), 10, ALIGN_LEFT, 6 }, { N_("Unit applied to"), 14, ALIGN_LEFT, 8 },
		{ N_("Information wanted"), 18, ALIGN_LEFT, 10 }, { N_("State"), 10, ALIGN_LEFT, 6 },
		{ N_("Forwarded on"), 10, ALIGN_LEFT, -1 }, { N_("Deadline"), 10, ALIGN_LEFT, 0 },
		{ N_("Applicant kind"), 0, 0, 0 }, { N_("Form wanted"), 0, 0, 0 }, { N_("How to obtain it"), 0, 0, 0 },
		{ N_("Outcome"), 0, 0, 0 }, { N_("Answered on"), 0, 0, 0 }, { N_("Registered by"), 0, 0, 0 },
	},
	[LEDGER_SUGGESTIONS] = {
		{ N_("Serial"), 18, ALIGN_LEFT, 0 }, { N_("Received on"), 10, ALIGN_LEFT, 0 },
		{ N_("Name"), 10, ALIGN_LEFT, 4 }, { N_("Unit concerned"), 14, ALIGN_LEFT, 6 },
		{ N_("Suggestion"), 27, ALIGN_LEFT, 8 }, { N_("State"), 8, ALIGN_LEFT, 6 },
		{ N_("Replied on"), 10, ALIGN_LEFT, 0 },
		{ N_("How it came"), 0, 0, 0 }, { N_("Forwarded on"), 0, 0, 0 }, { N_("Reply"), 0, 0, 0 },
	},
	[LEDGER_CONSULTATIONS] = {
		{ N_("Serial"), 18, ALIGN_LEFT, 0 }, { N_("Asked on"), 10, ALIGN_LEFT, 0 },
		{ N_("Asked by"), 8, ALIGN_LEFT, 4 }, { N_("Question"), 24, ALIGN_LEFT, 8 },
		{ N_("State"), 8, ALIGN_LEFT, 6 }, { N_("Entry or unit"), 16, ALIGN_LEFT, 6 },
		{ N_("Due"), 10, ALIGN_LEFT, 0 },
		{ N_("How it came"), 0, 0, 0 }, { N_("Replied on"), 0, 0, 0 }, { N_("Reply"), 0, 0, 0 },
		{ N_("Follow-up call"), 0, 0, 0 }, { N_("Logged by"), 0, 0, 0 },
	},
	[LEDGER_GUIDANCE] = {
		{ N_("Time"), 16, ALIGN_LEFT, 0 }, { N_("Register"), 8, ALIGN_LEFT, 4 },
		{ N_("Name"), 10, ALIGN_LEFT, 4 }, { N_("Guided to"), 18, ALIGN_LEFT, 8 },
		{ N_("What was wanted"), 36, ALIGN_LEFT, 10 }, { N_("Operator"), 8, ALIGN_LEFT, 4 },
	},
	[LEDGER_PRINTS] = {
		{ N_("Time"), 16, ALIGN_LEFT, 0 }, { N_("What"), 28, ALIGN_LEFT, 8 }, { N_("Of"), 24, ALIGN_LEFT, 8 },
		{ N_("Copies"), 6, ALIGN_RIGHT, 0 }, { N_("Result"), 8, ALIGN_LEFT, 4 },
		{ N_("Operator"), 8, ALIGN_LEFT, 4 }, { N_("Error"), 0, 0, 0 }, { N_("Print job"), 0, 0, 0 },
	},
	[LEDGER_FEES] = {
		{ N_("Time"), 16, ALIGN_LEFT, 0 }, { N_("What"), 12, ALIGN_LEFT, 6 }, { N_("Of"), 36, ALIGN_LEFT, 8 },
		{ N_("Pages"), 6, ALIGN_RIGHT, 0 }, { N_("Amount"), 10, ALIGN_RIGHT, 0 },
		{ N_("Operator"), 8, ALIGN_LEFT, 4 }, { N_("Approved by"), 0, 0, 0 },
	},
};

static int ncols_of(int kind)
{
	int n = 0;

	while (n < 16 && all_cols[kind][n].label)
		n++;
	return n;
}

const struct table_col *ledger_cols(int kind, int width, int *n)
{
	static struct table_col out[16];

	*n = ncols_of(kind);
	for (int i = 0; i < *n; i++) {
		out[i] = all_cols[kind][i];
		out[i].label = _(all_cols[kind][i].label);
	}
	if (width > 0)
		table_cols_fit(out, *n, width);
	return out;
}

/* What the print log's codes mean for people ("receipt" → 申请接收回执). */
static const char *print_what_label(const char *what)
{
	static const struct {
		const char *code, *label;
	} whats[] = {
		{ "receipt", N_("Receipt") }, { "slip", N_("Transfer slip") }, { "form", N_("Blank form") },
		{ "guidance", N_("Guidance note") }, { "answer-slip", N_("Answer slip") },
		{ "dispatch", N_("Dispatch slip") }, { "redirect", N_("Redirection note") },
		{ "portal", N_("Portal document") },
	};
	int k = ledger_parse(what);

	if (k >= 0)
		return ledger_title(k);
	for (size_t i = 0; i < sizeof whats / sizeof whats[0]; i++)
		if (strcmp(what, whats[i].code) == 0)
			return _(whats[i].label);
	return what;
}

/* A row's cells from a list of strings (NULL taken as empty), copied. */
static char **cells_copy(const char *const *v, int n)
{
	char **cells = xcalloc((size_t)n + 1, sizeof *cells);

	for (int i = 0; i < n; i++)
		cells[i] = xstrdup(v[i] ? v[i] : "");
	return cells;
}

static void appl_to_row(const struct appl *a, zdate today, struct ledger_row *r)
{
	int late = appl_forwarded_late(a), open = a->state == AS_RECEIVED || a->state == AS_FORWARDED;
	int overdue = open && a->deadline && a->deadline < today;
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

	snprintf(r->key, sizeof r->key, "%s", received);
	r->id = a->id;
	r->cells = cells_copy(cells, (int)(sizeof cells / sizeof cells[0]));
	r->mark = overdue || late;
	r->v[0] = a->state;
	r->v[1] = late;
	r->v[2] = overdue;
	free(state);
	free(fwd);
	free(outcome);
}

static void sug_to_row(const struct sug *s, struct ledger_row *r)
{
	char replied[DATE_BUFSZ], received[DATE_BUFSZ], *fwd = xstrndup(s->forwarded_at, 10);
	const char *cells[] = {
		s->serial, s->f[SF_RECEIVED], *s->f[SF_NAME] ? s->f[SF_NAME] : _("(anonymous)"), s->f[SF_TARGET_UNIT],
		s->f[SF_CONTENT], sug_state_label(s->state), s->replied ? date_format(s->replied, replied) : "",
		choice_label(sug_channels, s->f[SF_CHANNEL]), fwd, s->reply,
	};

	snprintf(r->key, sizeof r->key, "%s", date_format(s->received, received));
	r->id = s->id;
	r->cells = cells_copy(cells, (int)(sizeof cells / sizeof cells[0]));
	r->v[0] = s->state;
	free(fwd);
}

static void ask_to_row(const struct ask *q, zdate today, struct ledger_row *r)
{
	int overdue = ask_overdue(q, today);
	char due[DATE_BUFSZ], replied[DATE_BUFSZ], received[DATE_BUFSZ];
	char *state = overdue ? xasprintf(_("%s, overdue"), ask_state_label(q->state)) : xstrdup(ask_state_label(q->state));
	const char *cells[] = {
		q->serial, q->f[QF_RECEIVED], q->f[QF_NAME], q->f[QF_QUESTION], state,
		q->entry_id ? q->entry_code : q->unit_name, q->due ? date_format(q->due, due) : "",
		choice_label(ask_channels, q->f[QF_CHANNEL]), q->replied ? date_format(q->replied, replied) : "", q->reply,
		q->followup ? ask_followup_label(q->followup) : "", q->logged_by,
	};

	snprintf(r->key, sizeof r->key, "%s", date_format(q->received, received));
	r->id = q->id;
	r->cells = cells_copy(cells, (int)(sizeof cells / sizeof cells[0]));
	r->mark = overdue;
	r->v[0] = q->state;
	r->v[1] = overdue;
	r->v[2] = q->followup;
	free(state);
}

/* The registers' own pages, turned into rows of cells. */
static int register_page(sqlite3 *db, const struct ledger_query *q, const struct ledger_row *after, int backwards,
			 int limit, struct ledger_row *out, int *n, struct zerr *err)
{
	zdate key = 0;

	if (after && date_parse(after->key, &key) != 0)
		key = 0;
	if (q->kind == LEDGER_APPLICATIONS) {
		struct appl_filter f = { .state = -1, .today = q->today, .from = q->from, .to = q->to };
		struct appl anchor = { .id = after ? after->id : 0, .received = key }, *rows;

		if (appl_page(db, &f, after ? &anchor : NULL, backwards, limit, &rows, n, err) != 0)
			return -1;
		for (int i = 0; i < *n; i++)
			appl_to_row(&rows[i], q->today, &out[i]);
		appl_rows_free(rows, *n);
	} else if (q->kind == LEDGER_SUGGESTIONS) {
		struct sug anchor = { .id = after ? after->id : 0, .received = key }, *rows;

		if (sug_page(db, q->from, q->to, after ? &anchor : NULL, backwards, limit, &rows, n, err) != 0)
			return -1;
		for (int i = 0; i < *n; i++)
			sug_to_row(&rows[i], &out[i]);
		sug_rows_free(rows, *n);
	} else {
		struct ask_filter f = { .state = -1, .today = q->today, .from = q->from, .to = q->to };
		struct ask anchor = { .id = after ? after->id : 0, .received = key }, *rows;

		if (ask_page(db, &f, after ? &anchor : NULL, backwards, limit, &rows, n, err) != 0)
			return -1;
		for (int i = 0; i < *n; i++)
			ask_to_row(&rows[i], q->today, &out[i]);
		ask_rows_free(rows, *n);
	}
	return 0;
}

/*
 * The logs (guidance records, prints, paid prints) by day, and within a day in the order they
 * were written (id): a keyset page over their (day, id) indexes (page_range, ?1 to ?4,
 * PAGE_AFTER_SQL), ?5 the limit. The day is the last column.
 */
#define LOG_PAGE(cols, table) \
	{ PAGE_AFTER_SQL("SELECT " cols ", day FROM " table " WHERE", "day", "", "1", "2", "3", "5"), \
	  PAGE_BEFORE_SQL("SELECT " cols ", day FROM " table " WHERE", "day", "", "1", "3", "4", "5") }
static const char *const log_sql[3][2] = {
	LOG_PAGE("id, at, register, name, unit_name, description, operator", "guidance"),
	LOG_PAGE("id, at, what, ref, copies, ok, error, operator, job", "print_log"),
	LOG_PAGE("id, at, what, ref, pages, amount_fen, operator, document", "fee_log"),
};

static void log_to_row(int kind, sqlite3_stmt *st, struct ledger_row *r)
{
	char at[17];

	snprintf(at, sizeof at, "%s", db_text(st, 1));
	r->id = sqlite3_column_int64(st, 0);
	snprintf(r->key, sizeof r->key, "%s", db_text(st, sqlite3_column_count(st) - 1));
	if (kind == LEDGER_GUIDANCE) {
		const char *reg = db_text(st, 2);
		const char *cells[] = {
			at, strcmp(reg, "suggestion") == 0 ? _("A suggestion") : _("Application"), db_text(st, 3),
			db_text(st, 4), db_text(st, 5), db_text(st, 6),
		};

		r->cells = cells_copy(cells, 6);
		r->v[0] = strcmp(reg, "suggestion") == 0;
	} else if (kind == LEDGER_PRINTS) {
		int ok = sqlite3_column_int(st, 5);
		char copies[16];
		const char *cells[] = {
			at, print_what_label(db_text(st, 2)), db_text(st, 3), copies, ok ? _("printed") : _("failed"),
			db_text(st, 7), db_text(st, 6), db_text(st, 8),
		};

		snprintf(copies, sizeof copies, "%d", sqlite3_column_int(st, 4));
		r->cells = cells_copy(cells, 8);
		r->mark = !ok;
		r->v[0] = ok;
		r->v[1] = ok ? sqlite3_column_int(st, 4) : 0;
	} else {
		char pages[16], *amount = fees_format(sqlite3_column_int64(st, 5));
		const char *cells[] = {
			at, print_what_label(db_text(st, 2)), db_text(st, 3), pages, amount, db_text(st, 6), db_text(st, 7),
		};

		snprintf(pages, sizeof pages, "%d", sqlite3_column_int(st, 4));
		r->cells = cells_copy(cells, 7);
		r->v[0] = sqlite3_column_int(st, 4);
		r->v[1] = (long)sqlite3_column_int64(st, 5);
		free(amount);
	}
}

static int log_page(sqlite3 *db, const struct ledger_query *q, const struct ledger_row *after, int backwards,
		    int limit, struct ledger_row *out, int *n, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, log_sql[q->kind - LEDGER_GUIDANCE][backwards != 0], err);
	struct page_range r;
	zdate key = 0;
	int rc = SQLITE_DONE;

	*n = 0;
	if (!st)
		return -1;
	if (after && date_parse(after->key, &key) != 0)
		key = 0;
	page_range(q->from, q->to, after ? &key : NULL, after ? after->id : 0, backwards, &r);
	page_range_bind(st, 1, &r);
	sqlite3_bind_int(st, 5, limit);
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		log_to_row(q->kind, st, &out[(*n)++]);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_error(db, err);
		ledger_rows_free(out, *n);
		*n = 0;
		return -1;
	}
	/* Backwards pages come newest first: put them in display order. */
	for (int i = 0; backwards && i < *n / 2; i++) {
		struct ledger_row t = out[i];

		out[i] = out[*n - 1 - i];
		out[*n - 1 - i] = t;
	}
	return 0;
}

int ledger_page(sqlite3 *db, const struct ledger_query *q, const struct ledger_row *after, int backwards, int limit,
		struct ledger_row **rows, int *n, struct zerr *err)
{
	int rc;

	*rows = xcalloc((size_t)(limit > 0 ? limit : 1), sizeof **rows);
	*n = 0;
	rc = q->kind < LEDGER_GUIDANCE ? register_page(db, q, after, backwards, limit, *rows, n, err)
				       : log_page(db, q, after, backwards, limit, *rows, n, err);
	if (rc != 0) {
		free(*rows);
		*rows = NULL;
		*n = 0;
	}
	return rc;
}

void ledger_row_free(struct ledger_row *r)
{
	strv_free(r->cells);
	r->cells = NULL;
}

void ledger_rows_free(struct ledger_row *rows, int n)
{
	for (int i = 0; i < n; i++)
		ledger_row_free(&rows[i]);
	free(rows);
}

/* What the totals line adds up as the rows go by. */
struct tally {
	long rows;
	long count[8];		/* by state (registers), by register (guidance), printed or not */
	long a, b;		/* late and overdue; overdue and follow-ups; copies; pages and amount */
	long followup[QFU_COUNT];
};

static void tally_add(struct tally *t, int kind, const struct ledger_row *r)
{
	t->rows++;
	switch (kind) {
	case LEDGER_APPLICATIONS:
		t->count[r->v[0]]++;
		t->a += r->v[1];
		t->b += r->v[2];
		break;
	case LEDGER_CONSULTATIONS:
		t->count[r->v[0]]++;
		t->b += r->v[1];
		t->followup[r->v[2]]++;
		break;
	case LEDGER_SUGGESTIONS:
	case LEDGER_GUIDANCE:
	case LEDGER_PRINTS:
		t->count[r->v[0]]++;
		t->a += kind == LEDGER_PRINTS ? r->v[1] : 0;
		break;
	default:
		t->a += r->v[0];
		t->b += r->v[1];
		break;
	}
}

static const char *state_label_of(int kind, int state)
{
	return kind == LEDGER_APPLICATIONS ? appl_state_label(state)
	       : kind == LEDGER_SUGGESTIONS ? sug_state_label(state)
					    : ask_state_label(state);
}

/* "合计 12 件：已接收 2，已转交 5，已答复 5；逾期未答复 1 件，迟转交 1 件" */
static char *totals(const struct tally *t, int kind)
{
	struct sbuf b = { 0 };
	int nstates = kind == LEDGER_APPLICATIONS ? AS_COUNT : kind == LEDGER_SUGGESTIONS ? SS_COUNT : QS_COUNT, any = 0;

	sbuf_printf(&b, _("Total: %ld"), t->rows);
	if (kind == LEDGER_GUIDANCE) {
		sbuf_printf(&b, _(": applications %ld, suggestions %ld"), t->count[0], t->count[1]);
		return sbuf_take(&b);
	}
	if (kind == LEDGER_PRINTS) {
		sbuf_printf(&b, _(": printed %ld (%ld copies), failed %ld"), t->count[1], t->a, t->count[0]);
		return sbuf_take(&b);
	}
	if (kind == LEDGER_FEES) {
		char *amount = fees_format(t->b);

		sbuf_printf(&b, _(": %ld pages, %s"), t->a, amount);
		free(amount);
		return sbuf_take(&b);
	}
	for (int i = 0; i < nstates; i++) {
		if (!t->count[i])
			continue;
		sbuf_printf(&b, "%s%s %ld", any ? _(", ") : _(": "), state_label_of(kind, i), t->count[i]);
		any = 1;
	}
	if (kind == LEDGER_APPLICATIONS) {
		if (t->b)
			sbuf_printf(&b, _("; overdue and not answered: %ld"), t->b);
		if (t->a)
			sbuf_printf(&b, _("; forwarded late: %ld"), t->a);
	}
	if (kind == LEDGER_CONSULTATIONS) {
		if (t->b)
			sbuf_printf(&b, _("; dispatched and overdue: %ld"), t->b);
		if (t->followup[QFU_SATISFIED] || t->followup[QFU_UNSATISFIED])
			sbuf_printf(&b, _("; follow-up calls: satisfied %ld, not satisfied %ld"), t->followup[QFU_SATISFIED],
				    t->followup[QFU_UNSATISFIED]);
	}
	return sbuf_take(&b);
}

static int flush(struct table *t, int (*emit)(void *ctx, const char *s, size_t n, struct zerr *err), void *ctx,
		 struct zerr *err)
{
	int rc = 0;

	if (t->out.len)
		rc = emit(ctx, t->out.s, t->out.len, err);
	t->out.len = 0;
	if (t->out.s)
		t->out.s[0] = '\0';
	return rc;
}

char *ledger_range_text(zdate from, zdate to)
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];

	return xasprintf(_("%s to %s"), from ? date_format(from, d1) : _("the first"),
			 to ? date_format(to, d2) : _("the last"));
}

int ledger_write(sqlite3 *db, const struct config *cfg, const struct ledger_query *q, int format,
		 int (*emit)(void *ctx, const char *s, size_t n, struct zerr *err), void *ctx, struct zerr *err)
{
	struct table t;
	struct tally sum;
	struct ledger_row *rows = NULL, last;
	const struct table_col *cols;
	char now[20], *subtitle, *range;
	int ncols, n, rc = 0, have = 0, cache = db_report_begin(db);

	memset(&sum, 0, sizeof sum);
	memset(&last, 0, sizeof last);
	cols = ledger_cols(q->kind, q->portrait ? TABLE_PORTRAIT_WIDTH : TABLE_LANDSCAPE_WIDTH, &ncols);
	db_now(now);
	now[16] = '\0';
	range = ledger_range_text(q->from, q->to);
	subtitle = xasprintf(q->kind < LEDGER_GUIDANCE ? _("%s   received %s   printed %s") : _("%s   %s   printed %s"),
			     cfg->site_name ? cfg->site_name : "", range, now);
	table_begin(&t, format, cols, ncols, ledger_title(q->kind), subtitle,
		    q->portrait ? TABLE_PORTRAIT_LINES : TABLE_LANDSCAPE_LINES);
	/* A page at a time: the rows after the last one written. */
	do {
		if (ledger_page(db, q, have ? &last : NULL, 0, EACH_PAGE, &rows, &n, err) != 0) {
			rc = -1;
			break;
		}
		for (int i = 0; i < n; i++) {
			table_row(&t, (const char *const *)rows[i].cells);
			tally_add(&sum, q->kind, &rows[i]);
		}
		if (n > 0) {
			memcpy(last.key, rows[n - 1].key, sizeof last.key);
			last.id = rows[n - 1].id;
			have = 1;
		}
		ledger_rows_free(rows, n);
		if (t.out.len >= 65536)
			rc = flush(&t, emit, ctx, err);
	} while (rc == 0 && n == EACH_PAGE);
	if (rc == 0) {
		char *total = totals(&sum, q->kind);

		table_end(&t, total);
		free(total);
		rc = flush(&t, emit, ctx, err);
	}
	sbuf_free(&t.out);
	free(subtitle);
	free(range);
	db_report_end(db, cache);
	return rc;
}

char *ledger_collect(sqlite3 *db, const struct config *cfg, const struct ledger_query *q, int format,
		     struct zerr *err)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	if (ledger_write(db, cfg, q, format, table_sink_sbuf, &b, err) != 0) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_take(&b);
}

static int to_file(void *ctx, const char *s, size_t n, struct zerr *err)
{
	return fs_atomic_write(ctx, s, n, err);
}

int ledger_export(sqlite3 *db, const struct config *cfg, const struct ledger_query *q, int format, const char *path,
		  struct zerr *err)
{
	struct fs_atomic f;

	/* An export holds names: written whole or not at all, readable by the owner only. */
	if (fs_atomic_open(&f, path, 0600, err) != 0)
		return -1;
	if (ledger_write(db, cfg, q, format, to_file, &f, err) != 0) {
		fs_atomic_abort(&f);
		return -1;
	}
	return fs_atomic_commit(&f, err);
}

/* Writes into the spool file and counts the pages (the table ends each but the last with a form feed). */
static int to_spool(void *ctx, const char *s, size_t n, struct zerr *err)
{
	struct ledger_spool *sp = ctx;

	for (size_t i = 0; i < n; i++)
		sp->pages += s[i] == '\f';
	return fs_write_fd(sp->fd, s, n, err);
}

/*
 * A spool file of the site's spool/ folder (mode 0600, removed at once, so nothing is left if
 * the desk dies), so that a ledger of any length is never held whole.
 */
int ledger_spool(sqlite3 *db, const struct config *cfg, const struct ledger_query *q, struct ledger_spool *sp,
		 struct zerr *err)
{
	char *path = fs_join(cfg->spool_dir, "ledger.XXXXXX");

	sp->pages = 0;
	sp->fd = mkstemp(path);
	if (sp->fd < 0) {
		zerr_set(err, _("cannot create a spool file in %s: %s"), cfg->spool_dir, strerror(errno));
		free(path);
		return -1;
	}
	unlink(path);
	free(path);
	if (ledger_write(db, cfg, q, TABLE_PAGED, to_spool, sp, err) != 0) {
		ledger_spool_discard(sp);
		return -1;
	}
	sp->pages++;
	return 0;
}

int ledger_spool_send(sqlite3 *db, const struct config *cfg, const struct ledger_query *q, struct ledger_spool *sp,
		      const char *op, char **job, struct zerr *err)
{
	char range[2 * DATE_BUFSZ + 2], d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	struct zerr logerr = ZERR_INIT;
	int rc = 0;

	*job = NULL;
	if (lseek(sp->fd, 0, SEEK_SET) != 0) {
		zerr_set(err, _("cannot read back the spool file: %s"), strerror(errno));
		rc = -1;
	}
	if (rc == 0) {
		snprintf(range, sizeof range, "%s~%s", q->from ? date_format(q->from, d1) : "",
			 q->to ? date_format(q->to, d2) : "");
		rc = print_send_fd(cfg, ledger_title(q->kind), sp->fd, q->portrait ? NULL : "landscape", job, err);
		print_log(db, op, names[q->kind], range, 1, rc == 0, *job ? *job : "", rc == 0 ? "" : err->msg, &logerr);
	}
	ledger_spool_discard(sp);
	return rc;
}

void ledger_spool_discard(struct ledger_spool *sp)
{
	if (sp->fd >= 0)
		close(sp->fd);
	sp->fd = -1;
}

int ledger_print(sqlite3 *db, const struct config *cfg, const struct ledger_query *q, const char *op, char **job,
		 struct zerr *err)
{
	struct ledger_spool sp;

	*job = NULL;
	if (ledger_spool(db, cfg, q, &sp, err) != 0)
		return -1;
	return ledger_spool_send(db, cfg, q, &sp, op, job, err);
}
