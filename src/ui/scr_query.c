/*
 * scr_query.c - the 自助查询区: the portal's 政府信息公开目录 searched in the local mirror as
 * the words are typed (the portal's own search asked when online), a document read, searched,
 * printed on the site's fee schedule, and carried away as a QR code; the mirror synced.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "edit.h"
#include "fees.h"
#include "portal.h"
#include "print.h"
#include "qr.h"
#include "uipriv.h"
#include "width.h"

#define QUERY_HITS 40
#define LIVE_PAUSE_MS 600	/* typing paused this long: the portal's own search is asked */
#define LIVE_RETRY_S 60		/* the portal unreachable: asked again by itself after this long */

struct query {
	struct ui *ui;
	struct edit words;
	char *searched;
	struct portal_doc *docs;	/* the mirror's, then the live search's not in the mirror */
	int n, nmirror, cur, top;
	int stale_search;
	int newest;			/* sorted newest first, not best first */
	int withdrawn_too;		/* documents withdrawn from the portal found as well */
	struct portal_status status;	/* the last sync that counts, and whether the mirror is out of date */
	char *note;			/* offline, or how the live search went */
	char *asked;			/* the words the portal's search last answered; NULL: not yet */
	char *offline;			/* why the portal could not be reached; NULL: it could */
	time_t retry_at;		/* when the portal is asked again by itself after that */
};

static void query_status(struct query *q)
{
	struct zerr err = ZERR_INIT;

	portal_status_free(&q->status);
	if (portal_status(q->ui->app->db, &q->ui->app->cfg, &q->status, &err) != 0) {
		/* Not known: said as never synced, and flagged. */
		memset(&q->status, 0, sizeof q->status);
		q->status.synced = xstrdup("");
		q->status.stale = 1;
	}
}

/* The line under the search box: whose mirror, synced when; out of date in words (and red). */
static char *status_line(const struct query *q, int *flagged)
{
	const struct config *cfg = &q->ui->app->cfg;
	const struct portal_status *s = &q->status;

	*flagged = 0;
	if (!portal_configured(cfg))
		return xstrdup(_("No portal is set up for this site ([portal] in zwgk.ini)."));
	if (!*s->synced && !s->documents)
		return xstrdup(_("The mirror is empty: F5 syncs it with the portal."));
	*flagged = s->stale;
	if (!*s->synced)
		return xstrdup(_("Out of date: no sync with the portal has finished yet; F5 syncs"));
	if (s->stale)
		return xasprintf(_("Out of date: last synced %s, %d days ago; F5 syncs"), s->synced, s->age);
	return xasprintf(_("Mirror of %s, last synced %s"), *cfg->portal_name ? cfg->portal_name : _("the portal"),
			 s->synced);
}

static int newest_first(const void *a, const void *b)
{
	const struct portal_doc *x = a, *y = b;

	return strcmp(y->published, x->published);
}

static void say_offline(struct query *q)
{
	free(q->note);
	q->note = xasprintf(_("Offline: %s. The mirror's results are shown; F3 asks the portal again."), q->offline);
}

static void query_search(struct query *q)
{
	struct zerr err = ZERR_INIT;
	char *w = edit_text(&q->words);

	portal_docs_free(q->docs, q->n);
	q->docs = NULL;
	q->n = q->nmirror = q->cur = q->top = 0;
	free(q->note);
	q->note = NULL;
	if (*str_trim(w) && portal_search(q->ui->app->db, w, QUERY_HITS, q->withdrawn_too, &q->docs, &q->n, &err) != 0)
		q->note = xstrdup(err.msg);
	else if (q->offline)
		say_offline(q);
	else if (q->withdrawn_too)
		q->note = xstrdup(_("Documents withdrawn from the portal are shown too, marked [withdrawn]; F6 leaves them out."));
	q->nmirror = q->n;
	if (q->newest)
		qsort(q->docs, (size_t)q->n, sizeof *q->docs, newest_first);
	free(q->searched);
	q->searched = w;
	/* The portal's results went with the old list: it is asked again when typing pauses. */
	free(q->asked);
	q->asked = NULL;
}

/* Whether the portal's own search should be asked now without a key: it has one, there are
 * words it has not answered, and it was not found unreachable a moment ago. */
static int has_live(const struct config *cfg)
{
	return cfg->portal_search_url && *cfg->portal_search_url;
}

static int live_due(const struct query *q)
{
	return has_live(&q->ui->app->cfg) && q->searched && *q->searched && !q->asked && (!q->offline || time(NULL) >= q->retry_at);
}

/* A key typed while the portal is asked: the answer is not waited for. */
static int key_typed(void *ctx)
{
	(void)ctx;
	return ui_key_pending();
}

/*
 * The portal's own search, its results not already in the mirror added after the mirror's.
 * Asked when typing pauses (and on F3); a key typed meanwhile abandons it, to be asked at the
 * next pause. When the portal cannot be reached the desk says so and goes on with the mirror.
 */
static void query_live(struct query *q)
{
	struct zerr err = ZERR_INIT;
	struct portal_doc *live;
	int n, rc;

	if (!q->searched || !*q->searched)
		return;
	free(q->note);
	q->note = xstrdup(_("Asking the portal's own search... (typing goes on)"));
	ui_redraw(q->ui);
	rc = portal_live_search(&q->ui->app->cfg, q->searched, QUERY_HITS, key_typed, NULL, &live, &n, &err);
	free(q->note);
	q->note = NULL;
	if (rc == -2)
		return;
	free(q->asked);
	q->asked = xstrdup(q->searched);
	free(q->offline);
	q->offline = NULL;
	if (rc != 0) {
		q->offline = xstrdup(err.msg);
		q->retry_at = time(NULL) + LIVE_RETRY_S;
		say_offline(q);
		return;
	}
	q->docs = xrealloc(q->docs, sizeof *q->docs * (size_t)(q->n + n + 1));
	for (int i = 0; i < n; i++) {
		int known = 0;

		for (int k = 0; k < q->nmirror && !known; k++)
			known = strcmp(q->docs[k].url, live[i].url) == 0;
		if (known)
			portal_doc_free(&live[i]);
		else
			q->docs[q->n++] = live[i];
	}
	free(live);
	q->note = xasprintf(_("Online: %d more from the portal's own search."), q->n - q->nmirror);
}

static void draw_query(void *ctx)
{
	struct query *q = ctx;
	int top = ui_body_top(), bottom = ui_body_bottom(), y = top, lw, rows, flagged, uw, tx;
	const char *label = _("Search the catalogue:");
	attr_t h = the_ui->attr[A_HEAD];
	char *line;

	for (int r = top; r < bottom; r++)
		ui_fill(r, 0, COLS, A_NORMAL);
	lw = width_str(label);
	ui_text(y, 1, lw, label, A_BOLD, ALIGN_LEFT);
	edit_draw(&q->words, y, lw + 2, COLS - lw - 3, 1);
	y++;
	line = status_line(q, &flagged);
	ui_text(y++, 1, COLS - 2, line, flagged ? the_ui->attr[A_ERROR] : the_ui->attr[A_GREY], ALIGN_LEFT);
	free(line);
	ui_text(y++, 1, COLS - 2, q->note ? q->note : "", the_ui->attr[A_GREY], ALIGN_LEFT);
	/* A window of 100 columns or more has room for the issuing unit beside the 文号. */
	uw = COLS >= 100 ? 20 : 0;
	tx = 35 + (uw ? uw + 1 : 0);
	ui_fill(y, 0, COLS, h);
	ui_text(y, 1, 10, _("Date"), h, ALIGN_LEFT);
	ui_text(y, 12, 22, _("Number (文号)"), h, ALIGN_LEFT);
	if (uw)
		ui_text(y, 35, uw, _("Issued by"), h, ALIGN_LEFT);
	ui_text(y++, tx, COLS - tx - 1, q->newest ? _("Title (newest first; F4: best first)") : _("Title (best first; F4: newest first)"),
		h, ALIGN_LEFT);
	rows = bottom - y - 2;
	if (q->cur < q->top)
		q->top = q->cur;
	if (q->cur >= q->top + rows)
		q->top = q->cur - rows + 1;
	for (int i = q->top; i < q->n && y < bottom - 2; i++, y++) {
		const struct portal_doc *d = &q->docs[i];
		attr_t a = i == q->cur ? the_ui->attr[A_SELECTED] : A_NORMAL;
		char *title = i >= q->nmirror ? xasprintf("%s %s", _("[online]"), d->title)
			      : *d->withdrawn    ? xasprintf("%s %s", _("[withdrawn]"), d->title)
						 : xstrdup(d->title);

		ui_fill(y, 0, COLS, a);
		ui_text(y, 1, 10, d->published, a, ALIGN_LEFT);
		ui_text(y, 12, 22, d->number, a, ALIGN_LEFT);
		if (uw)
			ui_text(y, 35, uw, d->unit, a, ALIGN_LEFT);
		ui_text(y, tx, COLS - tx - 1, title, a, ALIGN_LEFT);
		free(title);
	}
	if (q->n) {
		const struct portal_doc *d = &q->docs[q->cur];
		char *l1 = xasprintf("%s  %s", d->unit, d->index_no);

		mvhline(bottom - 2, 0, ACS_HLINE, COLS);
		ui_text(bottom - 1, 1, COLS - 2, l1, the_ui->attr[A_GREY], ALIGN_LEFT);
		free(l1);
	} else if (q->searched && *q->searched) {
		ui_text(bottom - 1, 1, COLS - 2, _("Nothing in the mirror holds these words."), A_NORMAL, ALIGN_LEFT);
	}
}

/* A QR code on its own page: for a phone to scan; Esc goes back. */
struct qr_page {
	const char *caption;
	char **lines;
	int n;
	int full;	/* too tall for the frame: drawn over the whole screen */
};

static void draw_qr(void *ctx)
{
	struct qr_page *p = ctx;
	int top = p->full ? 0 : ui_body_top(), bottom = p->full ? LINES : ui_body_bottom(), w = 0, y;

	for (int r = top; r < bottom; r++)
		ui_fill(r, 0, COLS, A_NORMAL);
	for (int i = 0; i < p->n; i++)
		if (width_str(p->lines[i]) > w)
			w = width_str(p->lines[i]);
	/* The caption goes below when there is room; the title bar says it anyway. */
	y = top + (bottom - top - p->n - (p->n < bottom - top)) / 2;
	if (y < top)
		y = top;
	for (int i = 0; i < p->n && y < bottom; i++, y++)
		ui_text(y, (COLS - w) / 2, w, p->lines[i], A_NORMAL, ALIGN_LEFT);
	if (y < bottom)
		ui_text(bottom - 1, 1, COLS - 2, p->caption, A_BOLD, ALIGN_CENTER);
}

/*
 * Draws the code for the window: in the frame with its caption when it fits there, else over
 * the whole screen (a long portal address at 80x24). 0, or -1 with err when it cannot fit.
 */
static int layout_qr(struct qr_page *p, const char *text, int style, struct zerr *err)
{
	int body = ui_body_bottom() - ui_body_top(), n;
	char *art = qr_text_fit(text, style, body - 1, &n, err);

	p->full = 0;
	if (!art && err->code == QR_TOO_TALL) {
		zerr_clear(err);
		art = qr_text_fit(text, style, LINES, &n, err);
		p->full = 1;
	}
	if (!art)
		return -1;
	strv_free(p->lines);
	p->n = width_wrap(art, 1000, &p->lines);
	free(art);
	return 0;
}

static void show_qr(struct ui *ui, const char *text, const char *caption)
{
	struct zerr err = ZERR_INIT;
	struct qr_page p = { caption, NULL, 0, 0 };
	int style = QR_UNICODE;

	if (layout_qr(&p, text, style, &err) != 0) {
		ui_message(ui, _("QR code"), err.msg);
		return;
	}
	ui_push(ui, draw_qr, &p, SCR_QRCODE, caption);
	for (;;) {
		enum action act;
		int key;

		ui_redraw(ui);
		key = ui_getkey(ui);
		act = ui_action(ui, key);
		if (key == ZK_STOP || act == ACT_BACK || key == ZK_ENTER)
			break;
		/* PuTTY set to draw ambiguous characters wide stretches the blocks: # fits any terminal. */
		if (act == ACT_QR_STYLE) {
			int other = style == QR_UNICODE ? QR_ASCII : QR_UNICODE;

			if (layout_qr(&p, text, other, &err) == 0)
				style = other;
			else
				ui_message(ui, _("QR code"), err.msg);
			zerr_clear(&err);
		}
	}
	ui_pop(ui);
	strv_free(p.lines);
}

/* F7 on the search screen: the document under the cursor, or one of the configured entrances. */
static void query_qr(struct query *q)
{
	const struct config *cfg = &q->ui->app->cfg;
	const char *urls[4], *names[4];
	int n = 0, pick;

	if (q->n) {
		urls[n] = q->docs[q->cur].url;
		names[n++] = q->docs[q->cur].title;
	}
	if (*cfg->portal_entrance_ykb)
		urls[n] = cfg->portal_entrance_ykb, names[n++] = _("渝快办 (government services)");
	if (*cfg->portal_entrance_map)
		urls[n] = cfg->portal_entrance_map, names[n++] = _("电子便民地图 (service map)");
	if (*cfg->portal_entrance_guide)
		urls[n] = cfg->portal_entrance_guide, names[n++] = _("政府信息公开指南 (disclosure guide)");
	if (!n) {
		ui_message(q->ui, _("QR code"), _("Nothing to show: search a document, or set the entrances in [portal]."));
		return;
	}
	pick = n == 1 ? 0 : ui_choose(q->ui, _("QR code"), _("Which one should the citizen carry away?"), names, n);
	if (pick >= 0)
		show_qr(q->ui, urls[pick], names[pick]);
}

/* The document as lines: title, its metadata, its text. */
static char **doc_lines(const struct portal_doc *d)
{
	char **v = NULL, **w, *note = portal_withdrawn_note(d);
	int width = COLS - 8, n = width_wrap(d->title, width, &w);

	for (int i = 0; i < n; i++)
		ui_lines_add(&v, xstrdup(w[i]));
	strv_free(w);
	/* Online and offline must agree: a document the portal took down says so before anything else. */
	if (note) {
		n = width_wrap(note, width, &w);
		for (int i = 0; i < n; i++)
			ui_lines_add(&v, xstrdup(w[i]));
		strv_free(w);
		free(note);
	}
	for (const char *p = d->meta; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *row = xstrndup(p, len), *tab = strchr(row, '\t');

		if (tab)
			*tab = '\0';
		ui_lines_add(&v, tab ? xasprintf("%s：%s", row, tab + 1) : xstrdup(row));
		free(row);
		p += len + (end != NULL);
	}
	ui_lines_add(&v, xstrdup(""));
	/* The text was laid out 72 columns wide when it was fetched: it fits as it is. */
	n = width_wrap(*d->text ? d->text : _("(Not fetched yet: F5 on the search screen syncs the mirror.)"), width, &w);
	for (int i = 0; i < n; i++)
		ui_lines_add(&v, xstrdup(w[i]));
	strv_free(w);
	return v;
}

/* The document on paper: its text, its address, and the address as a QR code to scan. */
static void print_doc(struct ui *ui, const struct portal_doc *d)
{
	struct zerr err = ZERR_INIT;
	struct fees f;
	char *text, *ask, *job = NULL, *money, *msg;
	int pages;
	long amount;

	if (fees_load(&ui->app->cfg, &f, &err) != 0 || !(text = portal_print_text(d, &err))) {
		ui_message(ui, _("Print"), err.msg);
		return;
	}
	pages = fees_pages(text);
	money = fees_format(fees_amount(&f, pages, 0));
	ask = f.approved ? xasprintf(_("Print %d page(s)? The charge is %s (approved by %s)."), pages, money,
				     *f.document ? f.document : "-")
			 : xasprintf(_("Print %d page(s)? Free of charge: no charge is approved (未经核定的，不得收取任何费用)."),
				     pages);
	free(money);
	if (ui_confirm(ui, ask)) {
		int rc;

		ui_busy(ui, _("Printing..."));
		rc = fees_print(ui->app->db, &ui->app->cfg, &f, "portal", d->url, d->title, text, ui->app->operator,
				&amount, &job, &err);
		money = fees_format(amount);
		msg = rc == 0 ? (amount > 0 ? xasprintf(_("Printing. Collect %s."), money) : xstrdup(_("Printing.")))
			      : xasprintf(_("Not printed: %s"), err.msg);
		ui_message(ui, _("Print"), msg);
		free(msg);
		free(money);
	}
	free(job);
	free(ask);
	free(text);
}

/* The document page: scrolls and finds text as every page does; p prints, F7 shows the QR code. */
static void read_doc(struct ui *ui, const struct portal_doc *d)
{
	char **lines = doc_lines(d);
	int top = 0;

	for (;;) {
		enum action act = ui_view_lines_at(ui, d->title, lines, SCR_DOC, &top);

		if (act == ACT_PRINT_DOC)
			print_doc(ui, d);
		else if (act == ACT_QR)
			show_qr(ui, d->url, d->title);
		else
			break;
	}
	strv_free(lines);
}

struct sync_show {
	struct ui *ui;
	volatile sig_atomic_t stop;
};

/* Esc stops the sync, even in the middle of a page that is slow to come. */
static void sync_keys(void *ctx)
{
	struct sync_show *s = ctx;

	while (ui_key_pending())
		if (ui_getkey(s->ui) == ZK_ESC)
			s->stop = 1;
}

static void sync_progress(void *ctx, const struct portal_progress *p)
{
	struct sync_show *s = ctx;
	char *text = xasprintf(_("Syncing with the portal (Esc stops)...\nList pages %d, documents %d, unchanged %d, "
				 "%lld KiB, errors %d"),
			       p->pages, p->docs, p->unchanged, p->bytes / 1024, p->errors);

	ui_busy(s->ui, text);
	free(text);
	sync_keys(s);
}

static void query_sync(struct query *q)
{
	struct sync_show s = { q->ui, 0 };
	struct portal_sync_opts o = { .progress = sync_progress, .ctx = &s, .stop = &s.stop, .poll = sync_keys };
	struct portal_progress p;
	struct zerr err = ZERR_INIT;
	char *msg;

	if (portal_sync(q->ui->app->db, &q->ui->app->cfg, &o, q->ui->app->operator, &p, &err) != 0)
		msg = xasprintf(_("The sync could not start: %s"), err.msg);
	else {
		struct sbuf b = { 0 };

		sbuf_printf(&b, _("%s: %d list pages read, %d documents fetched, %d unchanged, %d errors."),
			    s.stop ? _("Stopped") : _("Synced"), p.pages, p.docs, p.unchanged, p.errors);
		if (p.rechecked)
			sbuf_printf(&b, _("\nAsked again for %d documents fetched before: %d changed on the portal."),
				    p.rechecked, p.changed);
		if (p.withdrawn)
			sbuf_printf(&b, _("\n%d documents no longer listed on the portal: marked withdrawn."), p.withdrawn);
		if (p.errors)
			sbuf_printf(&b, _("\nThe last error: %s"), err.msg);
		msg = sbuf_take(&b);
	}
	ui_message(q->ui, _("Sync with the portal"), msg);
	free(msg);
	query_status(q);
	free(q->searched);
	q->searched = NULL;
	query_search(q);
}

int scr_query(struct ui *ui)
{
	struct query q;

	memset(&q, 0, sizeof q);
	q.ui = ui;
	edit_init(&q.words, "", 60);
	query_status(&q);
	ui_push(ui, draw_query, &q, SCR_QUERY, _("Self-service query"));
	for (;;) {
		enum action act;
		int key;

		if (q.stale_search && !ui_key_pending()) {
			query_search(&q);
			q.stale_search = 0;
		}
		ui_redraw(ui);
		if (live_due(&q) && !ui_key_wait(LIVE_PAUSE_MS)) {
			query_live(&q);
			ui_redraw(ui);
		}
		key = ui_getkey(ui);
		if (key == ZK_STOP)
			break;
		act = ui_action(ui, key);
		if (q.stale_search && act != ACT_NONE) {
			query_search(&q);
			q.stale_search = 0;
		}
		switch (act) {
		case ACT_BACK: goto out;
		case ACT_UP:
			if (q.cur > 0)
				q.cur--;
			break;
		case ACT_DOWN:
			if (q.cur + 1 < q.n)
				q.cur++;
			break;
		case ACT_OPEN:
			if (q.n) {
				struct portal_doc d;
				struct zerr err = ZERR_INIT;

				/* A live result not in the mirror is read from what the search said. */
				if (q.cur < q.nmirror && portal_load(ui->app->db, q.docs[q.cur].url, &d, &err) == 0) {
					read_doc(ui, &d);
					portal_doc_free(&d);
				} else {
					read_doc(ui, &q.docs[q.cur]);
				}
			}
			break;
		case ACT_SYNC: query_sync(&q); break;
		case ACT_LIVE:
			if (has_live(&ui->app->cfg))
				query_live(&q);
			else
				ui_message(ui, _("Search the portal"), _("This site's portal has no search set up ([portal] search_url)."));
			break;
		case ACT_QR: query_qr(&q); break;
		case ACT_WITHDRAWN:
			q.withdrawn_too = !q.withdrawn_too;
			free(q.searched);
			q.searched = NULL;
			query_search(&q);
			break;
		case ACT_SORT:
			q.newest = !q.newest;
			free(q.searched);
			q.searched = NULL;
			query_search(&q);
			break;
		case ACT_HELP: ui_help(ui); break;
		default:
			if (edit_key(&q.words, key))
				q.stale_search = 1;
			break;
		}
	}
out:
	ui_pop(ui);
	edit_free(&q.words);
	portal_docs_free(q.docs, q.n);
	free(q.searched);
	portal_status_free(&q.status);
	free(q.note);
	free(q.asked);
	free(q.offline);
	return 0;
}
