/* portal.c - the mirror of the county portal's 政府信息公开目录: list pages read, the sync, its freshness. */
#include "portal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "db.h"
#include "html.h"
#include "net.h"
#include "portalint.h"

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
char *portal_fill(const char *pattern, const char *name, const char *value)
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

char *portal_page_url(const char *pattern, int page)
{
	char num[16];

	snprintf(num, sizeof num, "%d", page);
	return portal_fill(pattern, "{page}", num);
}

void portal_item_read(struct html *h, int i, const struct config *cfg, struct portal_item *it)
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

void portal_item_free(struct portal_item *it)
{
	free(it->title);
	free(it->link);
	free(it->date);
	free(it->unit);
	free(it->number);
	free(it->index);
}

/* The pause between two requests, so a sync never hammers the portal. */
void portal_polite(const struct config *cfg, int *requests)
{
	if ((*requests)++ && cfg->portal_delay_ms > 0) {
		struct timespec ts = { cfg->portal_delay_ms / 1000, (long)(cfg->portal_delay_ms % 1000) * 1000000L };

		nanosleep(&ts, NULL);
	}
}

/* A fetched page parsed: the reply turned into UTF-8 and read by libxml2. */
struct html *portal_parse_reply(const struct net_reply *r, const char *url, struct zerr *err)
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


void portal_report(const struct portal_sync_opts *o, struct portal_progress *p, const char *url)
{
	p->url = url;
	if (o && o->progress)
		o->progress(o->ctx, p);
}

int portal_stopped(const struct portal_sync_opts *o)
{
	return o && o->stop && *o->stop;
}

/* A transfer of the sync is abandoned as soon as it is stopped. */
static int sync_cancel(void *ctx)
{
	const struct portal_sync_opts *o = ctx;

	if (o->poll)
		o->poll(o->ctx);
	return portal_stopped(o);
}

void portal_sync_net_opts(const struct config *cfg, const struct portal_sync_opts *o, struct net_opts *no)
{
	net_portal_opts(cfg, no);
	if (o) {
		no->cancel = sync_cancel;
		no->cancel_ctx = (void *)o;
	}
}

/*
 * Stores the items of one list page, which documents it lists, and its conditional-request
 * state, in one transaction. A document listed again is no longer withdrawn.
 */
static int store_list(sqlite3 *db, const struct config *cfg, struct html *h, int n, const char *url,
		      const struct net_reply *r, struct zerr *err)
{
	sqlite3_stmt *st, *listed;
	char now[20];
	int rc = 0;

	if (db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db, "DELETE FROM portal_listing WHERE page = ?1", err);
	if (st)
		sqlite3_bind_text(st, 1, url, -1, SQLITE_TRANSIENT);
	if (!st || db_done(db, st, err) != 0) {
		db_rollback(db);
		return -1;
	}
	listed = db_prepare(db, "INSERT OR IGNORE INTO portal_listing (page, doc_id) SELECT ?1, id FROM portal_doc WHERE url = ?2",
			    err);
	if (!listed) {
		db_rollback(db);
		return -1;
	}
	st = db_prepare(db,
			"INSERT INTO portal_doc (url, title, published, unit, number, index_no, listed_at, state)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'listed')"
			" ON CONFLICT (url) DO UPDATE SET"
			" state = CASE WHEN title <> excluded.title OR published <> excluded.published"
			"   THEN 'listed' ELSE state END,"
			" title = excluded.title, published = excluded.published,"
			" unit = CASE WHEN excluded.unit <> '' THEN excluded.unit ELSE unit END,"
			" number = CASE WHEN excluded.number <> '' THEN excluded.number ELSE number END,"
			" index_no = CASE WHEN excluded.index_no <> '' THEN excluded.index_no ELSE index_no END,"
			" withdrawn_at = ''",
			err);
	if (!st) {
		sqlite3_finalize(listed);
		db_rollback(db);
		return -1;
	}
	sqlite3_bind_text(listed, 1, url, -1, SQLITE_TRANSIENT);
	db_now(now);
	for (int i = 0; i < n && rc == 0; i++) {
		struct portal_item it;

		portal_item_read(h, i, cfg, &it);
		/* An item without a title or a link is a row of the layout, not a document. */
		if (*it.title && *it.link) {
			sqlite3_bind_text(st, 1, it.link, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, it.title, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 3, it.date, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 4, it.unit, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 5, it.number, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 6, it.index, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 7, now, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(listed, 2, it.link, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) != SQLITE_DONE || sqlite3_step(listed) != SQLITE_DONE) {
				db_error(db, err);
				rc = -1;
			}
			sqlite3_reset(st);
			sqlite3_reset(listed);
		}
		portal_item_free(&it);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(listed);
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

/* The items a list page held when it was last read (a page answering 304 holds them still). */
static int stored_items(sqlite3 *db, const char *url)
{
	sqlite3_stmt *st;
	int n = 0;

	if (sqlite3_prepare_v2(db, "SELECT items FROM portal_page WHERE url = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, url, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return n;
}

/*
 * Reads the list pages. Returns 0, or -1 when the first one cannot be read (nothing else can
 * work then: no network, a wrong address, XPaths that find nothing). *walked is the number of
 * list pages read or found unchanged; *complete says the walk reached the end of the catalogue
 * (a missing or empty page after them) with every page read, and was no partial one. A page
 * missing in the middle of the catalogue (a portal's bad minute) looks like its end, so the end
 * counts only after a short page (fewer items than the first), or when no fewer pages were
 * read than the list pages known before.
 */
static int sync_lists(sqlite3 *db, const struct config *cfg, const struct portal_sync_opts *o, int *requests,
		      struct portal_progress *p, int *walked, int *complete, struct zerr *err)
{
	struct net_opts no;
	int max = o && o->max_pages > 0 ? o->max_pages : cfg->portal_max_pages, end = 0, fault = 0, known = 0;
	int first = 0, last = 0;
	sqlite3_stmt *st;

	*walked = *complete = 0;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM portal_page", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			known = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	portal_sync_net_opts(cfg, o, &no);
	for (int k = 0; k < max && !portal_stopped(o); k++) {
		char *url = portal_page_url(cfg->portal_list_url, cfg->portal_first_page + k), *etag, *lm;
		struct net_reply r;
		struct zerr e = ZERR_INIT;
		struct html *h = NULL;
		int rc, n = 0, done = 0;

		validators(db, "SELECT etag, last_modified FROM portal_page WHERE url = ?1", url, &etag, &lm);
		portal_polite(cfg, requests);
		rc = net_get(&no, url, etag, lm, &r, &e);
		free(etag);
		free(lm);
		if (rc == 1) {
			p->pages++;
			p->unchanged++;
			last = stored_items(db, url);
			if (!(*walked)++)
				first = last;
			net_reply_free(&r);
		} else if (rc == -2) {
			done = 1;	/* stopped: the page is read again next time */
		} else if (rc < 0) {
			/* A missing page after the first is the end of the catalogue, not a fault. */
			done = 1;
			if (k == 0 || r.status != 404) {
				p->errors++;
				fault = 1;
				*err = e;
			} else {
				end = 1;
			}
			if (k == 0) {
				free(url);
				return -1;
			}
		} else {
			p->bytes += (long long)r.len;
			h = portal_parse_reply(&r, url, &e);
			if (h && html_select(h, cfg->portal_item_xpath, &n, &e) == 0 && n > 0) {
				if (store_list(db, cfg, h, n, url, &r, &e) == 0) {
					p->pages++;
					last = n;
					if (!(*walked)++)
						first = n;
				} else {
					p->errors++;
					*err = e;
					done = fault = 1;
				}
			} else {
				/* No items: past the last page, or XPaths that do not fit the portal. */
				done = 1;
				end = h != NULL;
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
		portal_report(o, p, url);
		free(url);
		if (done)
			break;
	}
	*complete = end && !fault && !portal_stopped(o) && !(o && o->max_pages > 0) && (last < first || *walked >= known);
	return 0;
}

/*
 * After a complete walk of the list pages, in one transaction: the pages past its end list
 * nothing any more (and are read whole if they come back), the documents no page lists are
 * marked withdrawn (kept, with the time it was noticed), and any listed again are not.
 */
static int finish_walk(sqlite3 *db, const struct config *cfg, int walked, struct portal_progress *p, struct zerr *err)
{
	static const char *const gone_sql[2] = { "DELETE FROM portal_listing WHERE page = ?1",
						 "DELETE FROM portal_page WHERE url = ?1" };
	char **pages = xcalloc((size_t)walked + 1, sizeof *pages), now[20];
	sqlite3_stmt *st;
	int rc = 0;

	for (int k = 0; k < walked; k++)
		pages[k] = portal_page_url(cfg->portal_list_url, cfg->portal_first_page + k);
	if (db_begin(db, err) != 0) {
		strv_free(pages);
		return -1;
	}
	st = db_prepare(db, "SELECT page FROM portal_listing UNION SELECT url FROM portal_page", err);
	if (!st)
		rc = -1;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		const char *page = db_text(st, 0);
		int known = 0;

		for (int k = 0; k < walked && !known; k++)
			known = strcmp(pages[k], page) == 0;
		for (int q = 0; q < 2 && !known && rc == 0; q++) {
			sqlite3_stmt *del = db_prepare(db, gone_sql[q], err);

			if (del)
				sqlite3_bind_text(del, 1, page, -1, SQLITE_TRANSIENT);
			rc = del ? db_done(db, del, err) : -1;
		}
	}
	sqlite3_finalize(st);
	strv_free(pages);
	db_now(now);
	if (rc == 0) {
		st = db_prepare(db,
				"UPDATE portal_doc SET withdrawn_at = ?1 WHERE withdrawn_at = ''"
				" AND NOT EXISTS (SELECT 1 FROM portal_listing WHERE doc_id = portal_doc.id)",
				err);
		if (st)
			sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
		rc = st ? db_done(db, st, err) : -1;
		if (rc == 0)
			p->withdrawn = sqlite3_changes(db);
	}
	if (rc == 0)
		rc = db_exec(db,
			     "UPDATE portal_doc SET withdrawn_at = '' WHERE withdrawn_at <> ''"
			     " AND EXISTS (SELECT 1 FROM portal_listing WHERE doc_id = portal_doc.id)",
			     err);
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
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
	struct zerr ignored = ZERR_INIT, e = ZERR_INIT;
	long long id = 0;
	int requests = 0, walked, complete, rc;

	memset(&p, 0, sizeof p);
	if (out)
		memset(out, 0, sizeof *out);
	if (!portal_configured(cfg)) {
		zerr_set(err, _("no portal is set up: [portal] list_url and item_xpath say where the catalogue is"));
		return -1;
	}
	if (sync_row(db, &id, &p, "running", op, NULL, err) != 0)
		return -1;
	rc = sync_lists(db, cfg, o, &requests, &p, &walked, &complete, err);
	if (rc == 0 && complete && finish_walk(db, cfg, walked, &p, &e) != 0) {
		p.errors++;
		*err = e;
	}
	if (rc == 0)
		portal_sync_docs(db, cfg, o, &requests, &p, err);
	p.url = NULL;
	sync_row(db, &id, &p, rc != 0 ? "failed" : portal_stopped(o) ? "stopped" : "done", op, rc != 0 ? err->msg : NULL,
		 &ignored);
	if (out)
		*out = p;
	return rc;
}

int portal_status(sqlite3 *db, const struct config *cfg, struct portal_status *s, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db,
				      "SELECT finished_at, state = 'done', pages, docs FROM portal_sync"
				      " WHERE (state = 'done' OR (state = 'stopped' AND (pages > 0 OR docs > 0)))"
				      " AND finished_at <> '' ORDER BY id DESC LIMIT 1",
				      err);
	zdate day;

	memset(s, 0, sizeof *s);
	s->age = -1;
	s->stale = 1;
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		char buf[DATE_BUFSZ];

		s->synced = xstrdup(db_text(st, 0));
		s->finished = sqlite3_column_int(st, 1);
		s->pages = sqlite3_column_int(st, 2);
		s->docs = sqlite3_column_int(st, 3);
		snprintf(buf, sizeof buf, "%.10s", s->synced);
		if (date_parse(buf, &day) == 0) {
			s->age = date_today() - day;
			s->stale = s->age > cfg->portal_stale_days;
		}
	}
	sqlite3_finalize(st);
	if (!s->synced)
		s->synced = xstrdup("");
	st = db_prepare(db,
			"SELECT count(*), coalesce(sum(state = 'fetched' AND withdrawn_at = ''), 0),"
			" coalesce(sum(state = 'failed' AND withdrawn_at = ''), 0), coalesce(sum(withdrawn_at <> ''), 0)"
			" FROM portal_doc",
			err);
	if (!st) {
		portal_status_free(s);
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		s->documents = sqlite3_column_int(st, 0);
		s->fetched = sqlite3_column_int(st, 1);
		s->failed = sqlite3_column_int(st, 2);
		s->withdrawn = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	return 0;
}

void portal_status_free(struct portal_status *s)
{
	free(s->synced);
	s->synced = NULL;
}
