/* portaldoc.c - the sync's document pages: fetched when new or changed, asked again when due, stored and indexed. */
#include "portal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "html.h"
#include "net.h"
#include "portalint.h"

/* Documents are laid out this wide: an 80-column screen less its frame and margins, and a printed page. */
#define TEXT_WIDTH 72

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
			" meta = ?8, text = ?9, etag = ?10, last_modified = ?11, fetched_at = ?12, checked_at = ?12,"
			" state = 'fetched', error = '' WHERE id = ?1",
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

/* The portal said the document has not changed (304): confirmed now, nothing else touched. */
static int confirm_doc(sqlite3 *db, long long id, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE portal_doc SET state = 'fetched', error = '', checked_at = ?2 WHERE id = ?1",
				      err);
	char now[20];

	if (!st)
		return -1;
	db_now(now);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	return db_done(db, st, err);
}

/*
 * Fetches one document page and stores it; counts what happened in p. A recheck asks with the
 * stored ETag and Last-Modified and counts whether the text changed.
 */
static void sync_doc(sqlite3 *db, const struct config *cfg, const struct portal_sync_opts *o, struct portal_doc *d,
		     const char *etag, const char *lm, int recheck, int *requests, struct portal_progress *p,
		     struct zerr *err)
{
	struct net_opts no;
	struct net_reply r;
	struct zerr e = ZERR_INIT;
	struct html *h;
	int rc;

	portal_sync_net_opts(cfg, o, &no);
	portal_polite(cfg, requests);
	rc = net_get(&no, d->url, d->state && strcmp(d->state, "listed") == 0 && !*d->text ? NULL : etag,
		     d->state && strcmp(d->state, "listed") == 0 && !*d->text ? NULL : lm, &r, &e);
	if (rc == -2)
		return;	/* stopped: left as it was, fetched next time */
	p->rechecked += recheck;
	if (rc == 1) {
		p->unchanged++;
		net_reply_free(&r);
		confirm_doc(db, d->id, &e);
		return;
	}
	if (rc < 0) {
		p->errors++;
		mark_doc(db, d->id, "failed", e.msg, err);
		*err = e;
		return;
	}
	p->bytes += (long long)r.len;
	h = portal_parse_reply(&r, d->url, &e);
	if (h) {
		char *text = html_render(h, *cfg->portal_content_xpath ? cfg->portal_content_xpath : "//body", TEXT_WIDTH, &e);
		char *meta = *cfg->portal_meta_xpath ? html_pairs(h, cfg->portal_meta_xpath, &e) : xstrdup("");

		if (text && meta) {
			int changed = strcmp(text, d->text) != 0 || strcmp(meta, d->meta) != 0;

			free(d->text);
			free(d->meta);
			d->text = text;
			d->meta = meta;
			text = meta = NULL;
			fill_from_meta(d);
			if (store_doc(db, d, &r, &e) == 0)
				p->docs++, p->changed += recheck && changed;
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

/* The ids a query selects (its ?1, when it has one, the time now; ?2 "-N days"), in its order. */
static long long *select_ids(sqlite3 *db, const char *sql, int days, int *n, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	long long *ids = NULL;
	char now[20], ago[24];
	int cap = 0;

	*n = 0;
	if (!st)
		return NULL;
	db_now(now);
	snprintf(ago, sizeof ago, "-%d days", days);
	if (sqlite3_bind_parameter_count(st) >= 2) {
		sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, ago, -1, SQLITE_TRANSIENT);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap)
			ids = xrealloc(ids, sizeof *ids * (size_t)(cap = cap ? 2 * cap : 64));
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return ids;
}

/* Fetches each document of ids in turn (rechecks: conditionally), until stopped. */
static void fetch_docs(sqlite3 *db, const struct config *cfg, const struct portal_sync_opts *o, const long long *ids,
		       int n, int recheck, int *requests, struct portal_progress *p, struct zerr *err)
{
	for (int i = 0; i < n && !portal_stopped(o); i++) {
		struct portal_doc d;
		sqlite3_stmt *st;
		char *etag, *lm;

		st = db_prepare(db, "SELECT " PORTAL_DOC_COLUMNS ", etag, last_modified FROM portal_doc WHERE id = ?1", err);
		if (!st)
			break;
		sqlite3_bind_int64(st, 1, ids[i]);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			continue;
		}
		portal_read_doc(st, &d);
		etag = xstrdup(db_text(st, 14));
		lm = xstrdup(db_text(st, 15));
		sqlite3_finalize(st);
		sync_doc(db, cfg, o, &d, etag, lm, recheck, requests, p, err);
		portal_report(o, p, d.url);
		free(etag);
		free(lm);
		portal_doc_free(&d);
	}
}

/*
 * The documents to fetch now, newest first (a failed one is tried again), then the ones
 * fetched before that are due a recheck, longest unconfirmed first. Those withdrawn from the
 * portal are not asked for.
 */
int portal_sync_docs(sqlite3 *db, const struct config *cfg, const struct portal_sync_opts *o, int *requests,
		     struct portal_progress *p, struct zerr *err)
{
	long long *fresh, *due = NULL;
	int nfresh, ndue = 0, all = o && o->recheck;

	/* Chosen before anything is fetched, so a document fetched now is not asked again at once. */
	if (all || cfg->portal_recheck_days > 0)
		due = select_ids(db,
				 all ? "SELECT id FROM portal_doc WHERE state = 'fetched' AND withdrawn_at = ''"
				       " ORDER BY checked_at, id"
				     : "SELECT id FROM portal_doc WHERE state = 'fetched' AND withdrawn_at = ''"
				       " AND checked_at < datetime(?1, ?2) ORDER BY checked_at, id",
				 cfg->portal_recheck_days, &ndue, err);
	fresh = select_ids(db,
			   "SELECT id FROM portal_doc WHERE state IN ('listed', 'failed') AND withdrawn_at = ''"
			   " ORDER BY published DESC, id",
			   0, &nfresh, err);
	fetch_docs(db, cfg, o, fresh, nfresh, 0, requests, p, err);
	fetch_docs(db, cfg, o, due, ndue, 1, requests, p, err);
	free(fresh);
	free(due);
	return 0;
}
