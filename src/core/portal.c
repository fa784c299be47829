/* portal.c - the mirror of the county portal's 政府信息公开目录: sync, search, the live search. */
#include "portal.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "db.h"
#include "html.h"
#include "json.h"
#include "net.h"
#include "qr.h"
#include "zhtext.h"

/* Documents are laid out this wide: an 80-column screen less its frame and margins, and a printed page. */
#define TEXT_WIDTH 72

char *portal_print_text(const struct portal_doc *d, struct zerr *err)
{
	struct sbuf b = { 0 };
	struct zerr qerr = ZERR_INIT;
	char *qr = qr_text(d->url, QR_ASCII, &qerr);	/* an address too long for a code is printed without */

	(void)err;
	sbuf_printf(&b, "%s\n\n", d->title);
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
	memset(d, 0, sizeof *d);
}

void portal_docs_free(struct portal_doc *d, int n)
{
	for (int i = 0; i < n; i++)
		portal_doc_free(&d[i]);
	free(d);
}

int portal_configured(const struct config *cfg)
{
	return cfg->portal_list_url && *cfg->portal_list_url && cfg->portal_item_xpath && *cfg->portal_item_xpath;
}

char *portal_date(const char *text)
{
	int part[3] = { 0, 0, 0 }, k = 0;
	const char *p = text ? text : "";
	char buf[32];
	zdate d;

	/* The first three runs of digits: year, month, day, whatever stands between them. */
	while (*p && k < 3) {
		if (isdigit((unsigned char)*p)) {
			part[k++] = atoi(p);
			while (isdigit((unsigned char)*p))
				p++;
		} else {
			p++;
		}
	}
	if (k < 3 || part[0] < 1900 || part[0] > 2999)
		return xstrdup("");
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", part[0], part[1] % 100, part[2] % 100);
	return date_parse(buf, &d) == 0 ? xstrdup(buf) : xstrdup("");
}

static char *opt_value(struct html *h, int i, const char *xpath)
{
	struct zerr ignored = ZERR_INIT;
	char *v = xpath && *xpath ? html_value(h, i, xpath, &ignored) : NULL;

	return v ? v : xstrdup("");
}

/* The pattern with every {name} replaced by the value. */
static char *fill(const char *pattern, const char *name, const char *value)
{
	struct sbuf b = { 0 };
	size_t n = strlen(name);
	const char *at;

	sbuf_add(&b, "");
	while ((at = strstr(pattern, name)) != NULL) {
		sbuf_addn(&b, pattern, (size_t)(at - pattern));
		sbuf_add(&b, value);
		pattern = at + n;
	}
	sbuf_add(&b, pattern);
	return sbuf_take(&b);
}

static char *page_url(const char *pattern, int page)
{
	char num[16];

	snprintf(num, sizeof num, "%d", page);
	return fill(pattern, "{page}", num);
}

/* What a list page (or the live search) says of one document. */
struct item {
	char *title, *link, *date, *unit, *number, *index;
};

static void read_item(struct html *h, int i, const struct config *cfg, struct item *it)
{
	struct zerr ignored = ZERR_INIT;
	char *raw = opt_value(h, i, cfg->portal_date_xpath);

	it->title = opt_value(h, i, cfg->portal_title_xpath);
	it->link = html_link(h, i, cfg->portal_link_xpath, &ignored);
	if (!it->link)
		it->link = xstrdup("");
	it->date = portal_date(raw);
	it->unit = opt_value(h, i, cfg->portal_unit_xpath);
	it->number = opt_value(h, i, cfg->portal_number_xpath);
	it->index = opt_value(h, i, cfg->portal_index_xpath);
	free(raw);
}

static void item_free(struct item *it)
{
	free(it->title);
	free(it->link);
	free(it->date);
	free(it->unit);
	free(it->number);
	free(it->index);
}

/* The pause between two requests, so a sync never hammers the portal. */
static void polite(const struct config *cfg, int *requests)
{
	if ((*requests)++ && cfg->portal_delay_ms > 0) {
		struct timespec ts = { cfg->portal_delay_ms / 1000, (long)(cfg->portal_delay_ms % 1000) * 1000000L };

		nanosleep(&ts, NULL);
	}
}

/* A fetched page parsed: the reply turned into UTF-8 and read by libxml2. */
static struct html *parse_reply(const struct net_reply *r, const char *url, struct zerr *err)
{
	size_t len;
	char *utf8 = html_to_utf8(r->body, r->len, r->content_type, &len, err);
	struct html *h;

	if (!utf8)
		return NULL;
	h = html_parse(utf8, len, r->url && *r->url ? r->url : url, err);
	free(utf8);
	return h;
}


static void report(const struct portal_sync_opts *o, struct portal_progress *p, const char *url)
{
	p->url = url;
	if (o && o->progress)
		o->progress(o->ctx, p);
}

static int stopped(const struct portal_sync_opts *o)
{
	return o && o->stop && *o->stop;
}

/* A transfer of the sync is abandoned as soon as it is stopped. */
static int sync_cancel(void *ctx)
{
	const struct portal_sync_opts *o = ctx;

	if (o->poll)
		o->poll(o->ctx);
	return stopped(o);
}

static void sync_net_opts(const struct config *cfg, const struct portal_sync_opts *o, struct net_opts *no)
{
	net_portal_opts(cfg, no);
	if (o) {
		no->cancel = sync_cancel;
		no->cancel_ctx = (void *)o;
	}
}

/* Stores the items of one list page and its conditional-request state, in one transaction. */
static int store_list(sqlite3 *db, const struct config *cfg, struct html *h, int n, const char *url,
		      const struct net_reply *r, struct zerr *err)
{
	sqlite3_stmt *st;
	char now[20];
	int rc = 0;

	if (db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db,
			"INSERT INTO portal_doc (url, title, published, unit, number, index_no, listed_at, state)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'listed')"
			" ON CONFLICT (url) DO UPDATE SET"
			" state = CASE WHEN title <> excluded.title OR published <> excluded.published"
			"   THEN 'listed' ELSE state END,"
			" title = excluded.title, published = excluded.published,"
			" unit = CASE WHEN excluded.unit <> '' THEN excluded.unit ELSE unit END,"
			" number = CASE WHEN excluded.number <> '' THEN excluded.number ELSE number END,"
			" index_no = CASE WHEN excluded.index_no <> '' THEN excluded.index_no ELSE index_no END",
			err);
	if (!st) {
		db_rollback(db);
		return -1;
	}
	db_now(now);
	for (int i = 0; i < n && rc == 0; i++) {
		struct item it;

		read_item(h, i, cfg, &it);
		/* An item without a title or a link is a row of the layout, not a document. */
		if (*it.title && *it.link) {
			sqlite3_bind_text(st, 1, it.link, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, it.title, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 3, it.date, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 4, it.unit, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 5, it.number, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 6, it.index, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 7, now, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) != SQLITE_DONE) {
				db_error(db, err);
				rc = -1;
			}
			sqlite3_reset(st);
		}
		item_free(&it);
	}
	sqlite3_finalize(st);
	if (rc == 0) {
		st = db_prepare(db,
				"INSERT OR REPLACE INTO portal_page (url, etag, last_modified, fetched_at, items)"
				" VALUES (?1, ?2, ?3, ?4, ?5)",
				err);
		if (st) {
			sqlite3_bind_text(st, 1, url, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, r->etag ? r->etag : "", -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 3, r->last_modified ? r->last_modified : "", -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(st, 5, n);
		}
		rc = st ? db_done(db, st, err) : -1;
	}
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* The conditional-request state of a page (list page or document), "" when there is none. */
static void validators(sqlite3 *db, const char *sql, const char *url, char **etag, char **lm)
{
	sqlite3_stmt *st;

	*etag = *lm = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, url, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW) {
			*etag = xstrdup(db_text(st, 0));
			*lm = xstrdup(db_text(st, 1));
		}
		sqlite3_finalize(st);
	}
	if (!*etag)
		*etag = xstrdup("");
	if (!*lm)
		*lm = xstrdup("");
}

/*
 * Reads the list pages. Returns 0, or -1 when the first one cannot be read (nothing else can
 * work then: no network, a wrong address, XPaths that find nothing).
 */
static int sync_lists(sqlite3 *db, const struct config *cfg, const struct portal_sync_opts *o, int *requests,
		      struct portal_progress *p, struct zerr *err)
{
	struct net_opts no;
	int max = o && o->max_pages > 0 ? o->max_pages : cfg->portal_max_pages;

	sync_net_opts(cfg, o, &no);
	for (int k = 0; k < max && !stopped(o); k++) {
		char *url = page_url(cfg->portal_list_url, cfg->portal_first_page + k), *etag, *lm;
		struct net_reply r;
		struct zerr e = ZERR_INIT;
		struct html *h = NULL;
		int rc, n = 0, done = 0;

		validators(db, "SELECT etag, last_modified FROM portal_page WHERE url = ?1", url, &etag, &lm);
		polite(cfg, requests);
		rc = net_get(&no, url, etag, lm, &r, &e);
		free(etag);
		free(lm);
		if (rc == 1) {
			p->pages++;
			p->unchanged++;
			net_reply_free(&r);
		} else if (rc == -2) {
			done = 1;	/* stopped: the page is read again next time */
		} else if (rc < 0) {
			/* A missing page after the first is the end of the catalogue, not a fault. */
			done = 1;
			if (k == 0 || r.status != 404) {
				p->errors++;
				*err = e;
			}
			if (k == 0) {
				free(url);
				return -1;
			}
		} else {
			p->bytes += (long long)r.len;
			h = parse_reply(&r, url, &e);
			if (h && html_select(h, cfg->portal_item_xpath, &n, &e) == 0 && n > 0) {
				if (store_list(db, cfg, h, n, url, &r, &e) == 0)
					p->pages++;
				else
					p->errors++, *err = e, done = 1;
			} else {
				/* No items: past the last page, or XPaths that do not fit the portal. */
				done = 1;
				if (k == 0) {
					if (h)
						zerr_set(&e, _("no documents found on %s with [portal] item_xpath %s"), url,
							 cfg->portal_item_xpath);
					*err = e;
					p->errors++;
					html_free(h);
					net_reply_free(&r);
					free(url);
					return -1;
				}
			}
			html_free(h);
			net_reply_free(&r);
		}
		report(o, p, url);
		free(url);
		if (done)
			break;
	}
	return 0;
}

/* A metadata row's value by its label (索引号...), or NULL. */
static char *meta_value(const char *meta, const char *label)
{
	size_t n = strlen(label);

	for (const char *line = meta; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (len > n && strncmp(line, label, n) == 0 && line[n] == '\t')
			return xstrndup(line + n + 1, len - n - 1);
		line += len + (end != NULL);
	}
	return NULL;
}

/* Fills in from the metadata table what the list page did not say. */
static void fill_from_meta(struct portal_doc *d)
{
	static const struct {
		const char *label;
		size_t off;
		int date;
	} map[] = {
		{ "索引号", offsetof(struct portal_doc, index_no), 0 },
		{ "发布机构", offsetof(struct portal_doc, unit), 0 },
		{ "文号", offsetof(struct portal_doc, number), 0 },
		{ "发文字号", offsetof(struct portal_doc, number), 0 },
		{ "成文日期", offsetof(struct portal_doc, written), 1 },
		{ "发布日期", offsetof(struct portal_doc, published), 1 },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		char **slot = (char **)((char *)d + map[i].off), *v;

		if (**slot || !(v = meta_value(d->meta, map[i].label)))
			continue;
		free(*slot);
		*slot = map[i].date ? portal_date(v) : v;
		if (map[i].date)
			free(v);
	}
}

int portal_store_doc(sqlite3 *db, const struct portal_doc *d, const char *etag, const char *last_modified,
		     struct zerr *err)
{
	sqlite3_stmt *st;
	char now[20], *ident;
	int rc;

	db_now(now);
	st = db_prepare(db,
			"UPDATE portal_doc SET title = ?2, published = ?3, unit = ?4, number = ?5, index_no = ?6, written = ?7,"
			" meta = ?8, text = ?9, etag = ?10, last_modified = ?11, fetched_at = ?12, state = 'fetched',"
			" error = '' WHERE id = ?1",
			err);
	if (st) {
		sqlite3_bind_int64(st, 1, d->id);
		sqlite3_bind_text(st, 2, d->title, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, d->published, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, d->unit, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, d->number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, d->index_no, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 7, d->written, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 8, d->meta, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 9, d->text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 10, etag ? etag : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 11, last_modified ? last_modified : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 12, now, -1, SQLITE_TRANSIENT);
	}
	rc = st ? db_done(db, st, err) : -1;
	if (rc == 0) {
		st = db_prepare(db, "DELETE FROM portal_fts WHERE rowid = ?1", err);
		if (st)
			sqlite3_bind_int64(st, 1, d->id);
		rc = st ? db_done(db, st, err) : -1;
	}
	if (rc == 0) {
		st = db_prepare(db, "INSERT INTO portal_fts (rowid, title, ident, text) VALUES (?1, ?2, ?3, ?4)", err);
		ident = xasprintf("%s %s %s", d->number, d->index_no, d->unit);
		if (st) {
			sqlite3_bind_int64(st, 1, d->id);
			sqlite3_bind_text(st, 2, d->title, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 3, ident, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 4, d->text, -1, SQLITE_TRANSIENT);
		}
		rc = st ? db_done(db, st, err) : -1;
		free(ident);
	}
	return rc;
}

/* A fetched document in its own transaction: an interrupted sync leaves nothing half-written. */
static int store_doc(sqlite3 *db, const struct portal_doc *d, const struct net_reply *r, struct zerr *err)
{
	if (db_begin(db, err) != 0)
		return -1;
	if (portal_store_doc(db, d, r->etag, r->last_modified, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

static int mark_doc(sqlite3 *db, long long id, const char *state, const char *error, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE portal_doc SET state = ?2, error = ?3 WHERE id = ?1", err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, error, -1, SQLITE_TRANSIENT);
	return db_done(db, st, err);
}

static void read_doc(sqlite3_stmt *st, struct portal_doc *d)
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
}

#define DOC_COLUMNS "id, url, title, published, unit, number, index_no, written, meta, text, state, fetched_at, error"
/* The same for a list of hits: no text and no metadata table (a long document's text is 90 KB). */
#define DOC_LIST_COLUMNS "id, url, title, published, unit, number, index_no, written, '', '', state, fetched_at, error"

/* Fetches one document page and stores it; counts what happened in p. */
static void sync_doc(sqlite3 *db, const struct config *cfg, const struct portal_sync_opts *o, struct portal_doc *d,
		     const char *etag, const char *lm, int *requests, struct portal_progress *p, struct zerr *err)
{
	struct net_opts no;
	struct net_reply r;
	struct zerr e = ZERR_INIT;
	struct html *h;
	int rc;

	sync_net_opts(cfg, o, &no);
	polite(cfg, requests);
	rc = net_get(&no, d->url, d->state && strcmp(d->state, "listed") == 0 && !*d->text ? NULL : etag,
		     d->state && strcmp(d->state, "listed") == 0 && !*d->text ? NULL : lm, &r, &e);
	if (rc == 1) {
		p->unchanged++;
		net_reply_free(&r);
		mark_doc(db, d->id, "fetched", "", &e);
		return;
	}
	if (rc == -2)
		return;	/* stopped: left as it was, fetched next time */
	if (rc < 0) {
		p->errors++;
		mark_doc(db, d->id, "failed", e.msg, err);
		*err = e;
		return;
	}
	p->bytes += (long long)r.len;
	h = parse_reply(&r, d->url, &e);
	if (h) {
		char *text = html_render(h, *cfg->portal_content_xpath ? cfg->portal_content_xpath : "//body", TEXT_WIDTH, &e);
		char *meta = *cfg->portal_meta_xpath ? html_pairs(h, cfg->portal_meta_xpath, &e) : xstrdup("");

		if (text && meta) {
			free(d->text);
			free(d->meta);
			d->text = text;
			d->meta = meta;
			text = meta = NULL;
			fill_from_meta(d);
			if (store_doc(db, d, &r, &e) == 0)
				p->docs++;
			else
				h = NULL;
		} else {
			html_free(h);
			h = NULL;
		}
		free(text);
		free(meta);
	}
	if (!h) {
		p->errors++;
		mark_doc(db, d->id, "failed", e.msg, err);
		*err = e;
	}
	html_free(h);
	net_reply_free(&r);
}

static int sync_docs(sqlite3 *db, const struct config *cfg, const struct portal_sync_opts *o, int *requests,
		     struct portal_progress *p, struct zerr *err)
{
	sqlite3_stmt *st;
	long long *ids = NULL;
	int n = 0, cap = 0;

	/* The documents to fetch now, newest first; a failed one is tried again. */
	st = db_prepare(db, "SELECT id FROM portal_doc WHERE state IN ('listed', 'failed') ORDER BY published DESC, id", err);
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap)
			ids = xrealloc(ids, sizeof *ids * (size_t)(cap = cap ? 2 * cap : 64));
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	for (int i = 0; i < n && !stopped(o); i++) {
		struct portal_doc d;
		char *etag, *lm;

		st = db_prepare(db, "SELECT " DOC_COLUMNS ", etag, last_modified FROM portal_doc WHERE id = ?1", err);
		if (!st)
			break;
		sqlite3_bind_int64(st, 1, ids[i]);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			continue;
		}
		read_doc(st, &d);
		etag = xstrdup(db_text(st, 13));
		lm = xstrdup(db_text(st, 14));
		sqlite3_finalize(st);
		sync_doc(db, cfg, o, &d, etag, lm, requests, p, err);
		report(o, p, d.url);
		free(etag);
		free(lm);
		portal_doc_free(&d);
	}
	free(ids);
	return 0;
}

static int sync_row(sqlite3 *db, long long *id, const struct portal_progress *p, const char *state, const char *op,
		    const char *note, struct zerr *err)
{
	sqlite3_stmt *st;
	char now[20];

	db_now(now);
	if (!*id) {
		/* A sync that never finished (killed, power cut) is over: said so, and this one goes on. */
		if (db_exec(db, "UPDATE portal_sync SET state = 'stopped', note = 'interrupted' WHERE state = 'running'", err) != 0)
			return -1;
		st = db_prepare(db, "INSERT INTO portal_sync (started_at, operator, state) VALUES (?1, ?2, 'running')", err);
		if (!st)
			return -1;
		sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, op, -1, SQLITE_TRANSIENT);
		if (db_done(db, st, err) != 0)
			return -1;
		*id = sqlite3_last_insert_rowid(db);
		return 0;
	}
	st = db_prepare(db,
			"UPDATE portal_sync SET finished_at = ?2, pages = ?3, docs = ?4, bytes = ?5, errors = ?6, state = ?7,"
			" note = ?8 WHERE id = ?1",
			err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, p->pages);
	sqlite3_bind_int(st, 4, p->docs);
	sqlite3_bind_int64(st, 5, p->bytes);
	sqlite3_bind_int(st, 6, p->errors);
	sqlite3_bind_text(st, 7, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, note ? note : "", -1, SQLITE_TRANSIENT);
	return db_done(db, st, err);
}

int portal_sync(sqlite3 *db, const struct config *cfg, const struct portal_sync_opts *o, const char *op,
		struct portal_progress *out, struct zerr *err)
{
	struct portal_progress p;
	struct zerr ignored = ZERR_INIT;
	long long id = 0;
	int requests = 0, rc;

	memset(&p, 0, sizeof p);
	if (out)
		memset(out, 0, sizeof *out);
	if (!portal_configured(cfg)) {
		zerr_set(err, _("no portal is set up: [portal] list_url and item_xpath say where the catalogue is"));
		return -1;
	}
	if (sync_row(db, &id, &p, "running", op, NULL, err) != 0)
		return -1;
	rc = sync_lists(db, cfg, o, &requests, &p, err);
	if (rc == 0)
		sync_docs(db, cfg, o, &requests, &p, err);
	p.url = NULL;
	sync_row(db, &id, &p, rc != 0 ? "failed" : stopped(o) ? "stopped" : "done", op, rc != 0 ? err->msg : NULL,
		 &ignored);
	if (out)
		*out = p;
	return rc;
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
	char *prepared = zh_prepare(zh_fts5_synonyms(), query);
	struct tokens t = { NULL, NULL, 0, 0 };
	struct sbuf q = { 0 };

	zh_tokens(prepared, ZH_ALL, keep_token, &t);
	free(prepared);
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

int portal_search(sqlite3 *db, const char *query, int limit, struct portal_doc **docs, int *n, struct zerr *err)
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
				"SELECT " DOC_LIST_COLUMNS " FROM portal_doc JOIN"
				" (SELECT rowid AS r, bm25(portal_fts, 10.0, 5.0, 1.0) AS rank FROM portal_fts"
				"  WHERE portal_fts MATCH ?1 ORDER BY rank LIMIT ?2) ON r = portal_doc.id ORDER BY rank",
				err);
		if (!st) {
			free(match);
			free(out);
			return -1;
		}
		sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, limit);
		while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
			read_doc(st, &out[(*n)++]);
		sqlite3_finalize(st);
		free(match);
	}
	*docs = out;
	return 0;
}

int portal_load(sqlite3 *db, const char *url_or_id, struct portal_doc *d, struct zerr *err)
{
	int by_id = *url_or_id && strspn(url_or_id, "0123456789") == strlen(url_or_id);
	sqlite3_stmt *st = db_prepare(db, by_id ? "SELECT " DOC_COLUMNS " FROM portal_doc WHERE id = ?1"
					       : "SELECT " DOC_COLUMNS " FROM portal_doc WHERE url = ?1",
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
		read_doc(st, d);
	else if (rc == SQLITE_DONE)
		zerr_set(err, _("the mirror has no document %s (run zwgk portal sync, or search for it)"), url_or_id);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int portal_last_sync(sqlite3 *db, const struct config *cfg, char **when, int *stale, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db,
				      "SELECT finished_at FROM portal_sync WHERE state IN ('done', 'stopped')"
				      " AND finished_at <> '' ORDER BY id DESC LIMIT 1",
				      err);
	zdate day;

	*when = NULL;
	*stale = 1;
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		char buf[DATE_BUFSZ];

		*when = xstrdup(db_text(st, 0));
		snprintf(buf, sizeof buf, "%.10s", *when);
		*stale = date_parse(buf, &day) != 0 || date_today() - day > cfg->portal_stale_days;
	}
	sqlite3_finalize(st);
	if (!*when)
		*when = xstrdup("");
	return 0;
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
}

/* The results of a search answering in JSON: the list at [portal] json_items, fields by name. */
static int json_results(const struct config *cfg, const struct net_reply *r, const char *url, int limit,
			struct portal_doc **docs, int *n, struct zerr *err)
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
	*docs = xcalloc((size_t)(list->n > 0 ? list->n : 1), sizeof **docs);
	for (int i = 0; i < list->n && *n < limit; i++) {
		const struct json *it = &list->items[i];
		const char *title = json_field(it, cfg->portal_json_title), *link = json_field(it, cfg->portal_json_link);
		char *abs;

		if (!*title || !*link)
			continue;
		abs = html_resolve(r->url && *r->url ? r->url : url, link);
		live_doc(&(*docs)[(*n)++], title, abs, json_field(it, cfg->portal_json_date), "",
			 json_field(it, cfg->portal_json_number), "");
		free(abs);
	}
	json_free(j);
	return 0;
}

int portal_live_search(const struct config *cfg, const char *query, int limit, int (*cancel)(void *ctx), void *ctx,
		       struct portal_doc **docs, int *n, struct zerr *err)
{
	struct net_opts no;
	struct net_reply r;
	struct html *h;
	char *escaped, *url, *with_q;
	int items = 0, rc;
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
	with_q = fill(cfg->portal_search_url, "{q}", escaped ? escaped : "");
	curl_free(escaped);
	url = page_url(with_q, 1);
	free(with_q);
	net_portal_opts(cfg, &no);
	no.cancel = cancel;
	no.cancel_ctx = ctx;
	rc = net_get(&no, url, NULL, NULL, &r, err);
	if (rc != 0) {
		free(url);
		return rc == -2 ? -2 : -1;
	}
	if (cfg->portal_search_format == PORTAL_JSON) {
		rc = json_results(cfg, &r, url, limit, docs, n, err);
		net_reply_free(&r);
		free(url);
		return rc;
	}
	h = parse_reply(&r, url, err);
	net_reply_free(&r);
	free(url);
	if (!h || html_select(h, cfg->portal_item_xpath, &items, err) != 0) {
		html_free(h);
		return -1;
	}
	*docs = xcalloc((size_t)(items > 0 ? items : 1), sizeof **docs);
	for (int i = 0; i < items && *n < limit; i++) {
		struct item it;

		read_item(h, i, cfg, &it);
		if (*it.title && *it.link)
			live_doc(&(*docs)[(*n)++], it.title, it.link, it.date, it.unit, it.number, it.index);
		item_free(&it);
	}
	html_free(h);
	return 0;
}
