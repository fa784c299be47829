/* portalsearch.c - the mirror searched and its documents read; the portal's own search asked live. */
#include "portal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "db.h"
#include "html.h"
#include "json.h"
#include "net.h"
#include "portalint.h"
#include "qr.h"
#include "zhtext.h"

char *portal_print_text(const struct portal_doc *d, struct zerr *err)
{
	struct sbuf b = { 0 };
	struct zerr qerr = ZERR_INIT;
	char *qr = qr_text(d->url, QR_ASCII, &qerr);	/* an address too long for a code is printed without */

	char *note = portal_withdrawn_note(d);

	(void)err;
	sbuf_printf(&b, "%s\n\n", d->title);
	if (note)
		sbuf_printf(&b, "%s\n\n", note);
	free(note);
	for (const char *p = d->meta; *p; p++)
		sbuf_addc(&b, *p == '\t' ? ' ' : *p);
	sbuf_printf(&b, "\n%s\n%s\n", d->text, d->url);
	if (qr)
		sbuf_printf(&b, "\n%s", qr);
	free(qr);
	return sbuf_take(&b);
}

void portal_doc_free(struct portal_doc *d)
{
	free(d->url);
	free(d->title);
	free(d->published);
	free(d->unit);
	free(d->number);
	free(d->index_no);
	free(d->written);
	free(d->meta);
	free(d->text);
	free(d->state);
	free(d->fetched_at);
	free(d->error);
	free(d->withdrawn);
	memset(d, 0, sizeof *d);
}

void portal_docs_free(struct portal_doc *d, int n)
{
	for (int i = 0; i < n; i++)
		portal_doc_free(&d[i]);
	free(d);
}

void portal_read_doc(sqlite3_stmt *st, struct portal_doc *d)
{
	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(st, 0);
	d->url = xstrdup(db_text(st, 1));
	d->title = xstrdup(db_text(st, 2));
	d->published = xstrdup(db_text(st, 3));
	d->unit = xstrdup(db_text(st, 4));
	d->number = xstrdup(db_text(st, 5));
	d->index_no = xstrdup(db_text(st, 6));
	d->written = xstrdup(db_text(st, 7));
	d->meta = xstrdup(db_text(st, 8));
	d->text = xstrdup(db_text(st, 9));
	d->state = xstrdup(db_text(st, 10));
	d->fetched_at = xstrdup(db_text(st, 11));
	d->error = xstrdup(db_text(st, 12));
	d->withdrawn = xstrdup(db_text(st, 13));
}

char *portal_withdrawn_note(const struct portal_doc *d)
{
	if (!d->withdrawn || !*d->withdrawn)
		return NULL;
	return xasprintf(_("Withdrawn from the portal (已从门户网站撤下): no longer listed there since %.10s."), d->withdrawn);
}

/* The FTS5 query of the words: every word, each CJK run as its pairs (a lone character as itself). */
struct tokens {
	char **v;
	int *kind, n, cap;
};

static int keep_token(void *ctx, int kind, const char *tok, int len)
{
	struct tokens *t = ctx;

	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 32;
		t->v = xrealloc(t->v, sizeof *t->v * (size_t)t->cap);
		t->kind = xrealloc(t->kind, sizeof *t->kind * (size_t)t->cap);
	}
	t->v[t->n] = xstrndup(tok, (size_t)len);
	t->kind[t->n++] = kind;
	return 0;
}

static char *fts_match(const char *query, const char *op)
{
	/* The words as far as a knowledge-base question goes: every pair is checked against every
	 * token below, and a page pasted in whole would take minutes. */
	char *head = str_head(query, ZH_QUERY_MAX), *prepared = zh_prepare(zh_fts5_synonyms(), head);
	struct tokens t = { NULL, NULL, 0, 0 };
	struct sbuf q = { 0 };

	zh_tokens(prepared, ZH_ALL, keep_token, &t);
	free(prepared);
	free(head);
	for (int i = 0; i < t.n; i++) {
		int paired = 0;

		/* A character that stands in a pair is found through the pair. */
		for (int k = 0; t.kind[i] == ZH_UNIGRAM && k < t.n && !paired; k++)
			paired = t.kind[k] == ZH_BIGRAM && strstr(t.v[k], t.v[i]) != NULL;
		if (!paired) {
			if (q.len)
				sbuf_printf(&q, " %s ", op);
			sbuf_addc(&q, '"');
			for (const char *c = t.v[i]; *c; c++) {
				if (*c == '"')
					sbuf_addc(&q, '"');
				sbuf_addc(&q, *c);
			}
			sbuf_addc(&q, '"');
		}
	}
	for (int i = 0; i < t.n; i++)
		free(t.v[i]);
	free(t.v);
	free(t.kind);
	if (!q.len) {
		sbuf_free(&q);
		return NULL;
	}
	return sbuf_take(&q);
}

int portal_search(sqlite3 *db, const char *query, int limit, int withdrawn_too, struct portal_doc **docs, int *n,
		  struct zerr *err)
{
	static const char *const ops[2] = { "AND", "OR" };
	struct portal_doc *out = xcalloc((size_t)(limit > 0 ? limit : 1), sizeof *out);

	*docs = NULL;
	*n = 0;
	/* Every word first; when that finds nothing, any of them. */
	for (int pass = 0; pass < 2 && *n == 0; pass++) {
		char *match = fts_match(query, ops[pass]);
		sqlite3_stmt *st;
		int rc;

		if (!match)
			break;
		st = db_prepare(db,
				"SELECT " PORTAL_DOC_LIST_COLUMNS " FROM portal_doc JOIN"
				" (SELECT rowid AS r, bm25(portal_fts, 10.0, 5.0, 1.0) AS rank FROM portal_fts"
				"  WHERE portal_fts MATCH ?1) ON r = portal_doc.id"
				" WHERE ?3 OR withdrawn_at = '' ORDER BY rank LIMIT ?2",
				err);
		if (!st) {
			free(match);
			free(out);
			return -1;
		}
		sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, limit);
		sqlite3_bind_int(st, 3, withdrawn_too != 0);
		while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
			portal_read_doc(st, &out[(*n)++]);
		sqlite3_finalize(st);
		free(match);
	}
	*docs = out;
	return 0;
}

int portal_load(sqlite3 *db, const char *url_or_id, struct portal_doc *d, struct zerr *err)
{
	int by_id = *url_or_id && strspn(url_or_id, "0123456789") == strlen(url_or_id);
	sqlite3_stmt *st = db_prepare(db, by_id ? "SELECT " PORTAL_DOC_COLUMNS " FROM portal_doc WHERE id = ?1"
					       : "SELECT " PORTAL_DOC_COLUMNS " FROM portal_doc WHERE url = ?1",
				      err);
	int rc;

	memset(d, 0, sizeof *d);
	if (!st)
		return -1;
	if (by_id)
		sqlite3_bind_int64(st, 1, atoll(url_or_id));
	else
		sqlite3_bind_text(st, 1, url_or_id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		portal_read_doc(st, d);
	else if (rc == SQLITE_DONE)
		zerr_set(err, _("the mirror has no document %s (run zwgk portal sync, or search for it)"), url_or_id);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* A live result with the fields a list shows; the rest empty. */
static void live_doc(struct portal_doc *d, const char *title, const char *url, const char *date, const char *unit,
		     const char *number, const char *index)
{
	memset(d, 0, sizeof *d);
	d->title = xstrdup(title);
	d->url = xstrdup(url);
	d->published = portal_date(date);
	d->unit = xstrdup(unit);
	d->number = xstrdup(number);
	d->index_no = xstrdup(index);
	d->written = xstrdup("");
	d->meta = xstrdup("");
	d->text = xstrdup("");
	d->state = xstrdup("live");
	d->fetched_at = xstrdup("");
	d->error = xstrdup("");
	d->withdrawn = xstrdup("");
}

/* What the pages of the live search found, each document once. */
struct live {
	struct portal_doc *docs;
	int n, cap, limit;
	int found;		/* results on the page just read, repeats included */
	int added;		/* of them, new */
};

static void live_add(struct live *l, const char *title, const char *url, const char *date, const char *unit,
		     const char *number, const char *index)
{
	l->found++;
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->docs[i].url, url) == 0)
			return;
	if (l->n >= l->limit)
		return;
	if (l->n == l->cap)
		l->docs = xrealloc(l->docs, sizeof *l->docs * (size_t)(l->cap = l->cap ? 2 * l->cap : 16));
	live_doc(&l->docs[l->n++], title, url, date, unit, number, index);
	l->added++;
}

/* The results of a search answering in JSON: the list at [portal] json_items, fields by name. */
static int json_results(const struct config *cfg, const struct net_reply *r, const char *url, struct live *l,
			struct zerr *err)
{
	struct json *j = json_parse(r->body, r->len, err);
	const struct json *list;

	if (!j)
		return -1;
	list = json_path(j, cfg->portal_json_items);
	if (!list || list->type != JSON_ARRAY) {
		zerr_set(err, _("the search answer has no list at [portal] json_items '%s'"), cfg->portal_json_items);
		json_free(j);
		return -1;
	}
	for (int i = 0; i < list->n; i++) {
		const struct json *it = &list->items[i];
		const char *title = json_field(it, cfg->portal_json_title), *link = json_field(it, cfg->portal_json_link);
		char *abs;

		if (!*title || !*link)
			continue;
		abs = html_resolve(r->url && *r->url ? r->url : url, link);
		live_add(l, title, abs, json_field(it, cfg->portal_json_date), "", json_field(it, cfg->portal_json_number), "");
		free(abs);
	}
	json_free(j);
	return 0;
}

/* The results of a search answering in HTML, read with the list pages' XPaths. */
static int html_results(const struct config *cfg, const struct net_reply *r, const char *url, struct live *l,
			struct zerr *err)
{
	struct html *h = portal_parse_reply(r, url, err);
	int items = 0;

	if (!h || html_select(h, cfg->portal_item_xpath, &items, err) != 0) {
		html_free(h);
		return -1;
	}
	for (int i = 0; i < items; i++) {
		struct portal_item it;

		portal_item_read(h, i, cfg, &it);
		if (*it.title && *it.link)
			live_add(l, it.title, it.link, it.date, it.unit, it.number, it.index);
		portal_item_free(&it);
	}
	html_free(h);
	return 0;
}

int portal_live_search(const struct config *cfg, const char *query, int limit, int (*cancel)(void *ctx), void *ctx,
		       struct portal_doc **docs, int *n, struct zerr *err)
{
	struct net_opts no;
	struct live l = { .limit = limit };
	char *escaped, *with_q;
	int pages, first = 0;
	CURL *c;

	*docs = NULL;
	*n = 0;
	if (!cfg->portal_search_url || !*cfg->portal_search_url) {
		zerr_set(err, _("the portal has no live search set up ([portal] search_url)"));
		return -1;
	}
	if (net_init() != 0 || !(c = curl_easy_init())) {
		zerr_set(err, _("cannot start a transfer (libcurl)"));
		return -1;
	}
	escaped = curl_easy_escape(c, query, 0);
	curl_easy_cleanup(c);
	with_q = portal_fill(cfg->portal_search_url, "{q}", escaped ? escaped : "");
	curl_free(escaped);
	net_portal_opts(cfg, &no);
	no.cancel = cancel;
	no.cancel_ctx = ctx;
	/* Without {page} in the address every page would be the first. */
	pages = strstr(with_q, "{page}") ? cfg->portal_live_pages : 1;
	for (int page = 1; page <= pages && l.n < limit; page++) {
		struct net_reply r;
		struct zerr later = ZERR_INIT;
		char *url = portal_page_url(with_q, page);
		int rc = net_get(&no, url, NULL, NULL, &r, page == 1 ? err : &later);

		if (rc == 0) {
			l.found = l.added = 0;
			rc = cfg->portal_search_format == PORTAL_JSON ? json_results(cfg, &r, url, &l, page == 1 ? err : &later)
								       : html_results(cfg, &r, url, &l, page == 1 ? err : &later);
			net_reply_free(&r);
		}
		free(url);
		if (rc != 0 && page == 1) {
			portal_docs_free(l.docs, l.n);
			free(with_q);
			return rc == -2 ? -2 : -1;
		}
		/*
		 * A later page that fails or is abandoned (a key typed) leaves the results so far. A
		 * page shorter than the first is the last; one with nothing new is the first again (a
		 * portal that does not page).
		 */
		if (rc != 0)
			break;
		if (page == 1)
			first = l.found;
		if (!l.found || l.found < first || !l.added)
			break;
	}
	free(with_q);
	*docs = l.docs ? l.docs : xcalloc(1, sizeof *l.docs);
	*n = l.n;
	return 0;
}
