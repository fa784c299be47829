/*
 * portalint.h - what portal.c (list pages, the sync) shares with portaldoc.c (the sync's document
 * pages) and portalsearch.c (search, the live search, documents read); for these files only.
 * Other modules use portal.h.
 */
#ifndef ZWGK_PORTALINT_H
#define ZWGK_PORTALINT_H

#include <sqlite3.h>

#include "config.h"
#include "html.h"
#include "net.h"
#include "portal.h"

/* What a list page (or the live search) says of one document. */
struct portal_item {
	char *title, *link, *date, *unit, *number, *index;
};

/* The i-th item of the last html_select, by the [portal] XPaths; fields "" when missing. */
void portal_item_read(struct html *h, int i, const struct config *cfg, struct portal_item *it);
void portal_item_free(struct portal_item *it);

/* The pattern with every `name` ({q}, {page}) replaced by the value; a new string. */
char *portal_fill(const char *pattern, const char *name, const char *value);
char *portal_page_url(const char *pattern, int page);

/* A fetched page parsed: the reply turned into UTF-8 and read by libxml2. */
struct html *portal_parse_reply(const struct net_reply *r, const char *url, struct zerr *err);

/* A row of portal_doc read with these columns, in this order. */
#define PORTAL_DOC_COLUMNS "id, url, title, published, unit, number, index_no, written, meta, text, state, fetched_at, error, withdrawn_at"
/* The same for a list of hits: no text and no metadata table (a long document's text is 90 KB). */
#define PORTAL_DOC_LIST_COLUMNS \
	"id, url, title, published, unit, number, index_no, written, '', '', state, fetched_at, error, withdrawn_at"
void portal_read_doc(sqlite3_stmt *st, struct portal_doc *d);

/* What a sync's two halves share: reading the list pages (portal.c) and the documents (portaldoc.c). */
void portal_polite(const struct config *cfg, int *requests);		/* the pause between two requests */
void portal_report(const struct portal_sync_opts *o, struct portal_progress *p, const char *url);
int portal_stopped(const struct portal_sync_opts *o);
void portal_sync_net_opts(const struct config *cfg, const struct portal_sync_opts *o, struct net_opts *no);
/*
 * The documents to fetch now, newest first (a failed one is tried again), then the ones
 * fetched before that are due a recheck; each stored in its own transaction.
 */
int portal_sync_docs(sqlite3 *db, const struct config *cfg, const struct portal_sync_opts *o, int *requests,
		     struct portal_progress *p, struct zerr *err);

#endif
