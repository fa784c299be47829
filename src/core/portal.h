/*
 * portal.h - the 自助查询区's mirror of the county portal's 政府信息公开目录: list pages and
 * documents fetched into SQLite ([portal] says where and how to read them), kept up to date
 * incrementally, searched offline, and the portal's own search asked live when it is there.
 */
#ifndef ZWGK_PORTAL_H
#define ZWGK_PORTAL_H

#include <signal.h>

#include <sqlite3.h>

#include "config.h"

/* One document of the catalogue, as mirrored (or as a live search found it: id 0). */
struct portal_doc {
	long long id;
	char *url, *title, *published, *unit, *number, *index_no, *written;
	char *meta;		/* the document page's metadata table, "label\tvalue\n" lines */
	char *text;		/* the document laid out as text; "" until fetched */
	char *state;		/* listed, fetched, failed */
	char *fetched_at, *error;
	char *withdrawn;	/* when the portal was found no longer to list it; "" while it does */
};

void portal_doc_free(struct portal_doc *d);
/* A document as it goes to the printer: title, metadata, text, address and its QR code as text art. */
char *portal_print_text(const struct portal_doc *d, struct zerr *err);
void portal_docs_free(struct portal_doc *d, int n);

/* Whether [portal] names list pages to read. */
int portal_configured(const struct config *cfg);

/* How a sync goes, for a progress display and the summary. */
struct portal_progress {
	int pages;		/* list pages read */
	int unchanged;		/* pages and documents the portal said had not changed */
	int docs;		/* documents fetched */
	int rechecked;		/* documents fetched before, asked again */
	int changed;		/* of them, changed on the portal */
	int withdrawn;		/* documents the portal no longer lists, found at the end of a whole walk */
	int errors;
	long long bytes;
	const char *url;	/* what is being fetched now */
};

struct portal_sync_opts {
	int max_pages;				/* 0: [portal] max_pages; else a partial walk */
	int recheck;				/* ask again for every document fetched before */
	void (*progress)(void *ctx, const struct portal_progress *p);
	void *ctx;
	volatile sig_atomic_t *stop;		/* when set: stop now (a transfer under way is abandoned) */
	void (*poll)(void *ctx);		/* called during transfers, so a screen can see a key that sets stop */
};

/*
 * Brings the mirror up to date: the list pages (conditionally: an unchanged page is not read
 * again), then every document listed but not yet fetched, or whose listing changed; then the
 * documents fetched before that are due a recheck (all of them with o->recheck, else those
 * not confirmed for [portal] recheck_days), asked conditionally: unchanged (304) they are only
 * marked confirmed, changed their text is replaced and indexed again. A walk of the list pages
 * that reached the end of the catalogue (not stopped, no error, no max_pages given) marks the
 * documents no page lists any more as withdrawn, and a withdrawn one listed again is no longer.
 * Each page and each document is stored in its own transaction, so an interrupted sync leaves
 * nothing half-written and the next one goes on where it stopped. Returns 0 when it ran
 * (errors of single pages are counted in *out, with the last in err), -1 when it could not
 * start or the first list page could not be read (err says why).
 */
int portal_sync(sqlite3 *db, const struct config *cfg, const struct portal_sync_opts *o, const char *op,
		struct portal_progress *out, struct zerr *err);

/*
 * Writes a fetched document (d->id: its row, as listed) and its search index entry, within the
 * caller's transaction; the sync calls it for each document, a bench's generator in batches.
 */
int portal_store_doc(sqlite3 *db, const struct portal_doc *d, const char *etag, const char *last_modified,
		     struct zerr *err);

/*
 * The mirror's documents matching the words (title, 文号, 索引号, unit, text), best first;
 * those withdrawn from the portal only when withdrawn_too is set. Each without its text and
 * metadata table ("": portal_load reads a document whole).
 */
int portal_search(sqlite3 *db, const char *query, int limit, int withdrawn_too, struct portal_doc **docs, int *n,
		  struct zerr *err);
/*
 * The portal's own search ([portal] search_url), when it has one: its first page, then the
 * next ones up to [portal] live_pages while each is as long as the first and brings something
 * new (the portal's page size is not known: the second page is asked whenever the first had
 * results). -1 with err when offline, -2 when cancel (polled during the transfers; may be
 * NULL) said to give up during the first page; a later page abandoned or failing leaves the
 * results of the pages before.
 */
int portal_live_search(const struct config *cfg, const char *query, int limit, int (*cancel)(void *ctx), void *ctx,
		       struct portal_doc **docs, int *n, struct zerr *err);
/* The line that says a document was withdrawn from the portal, and since when; NULL when it was not. */
char *portal_withdrawn_note(const struct portal_doc *d);
/* A document by its URL or its number in the mirror. */
int portal_load(sqlite3 *db, const char *url_or_id, struct portal_doc *d, struct zerr *err);

/*
 * How fresh the mirror is. The last sync that counts is one that finished, or one that was
 * stopped after reading at least one list page: a sync stopped before the portal answered
 * (a portal that hangs, a clerk's Esc at once) says nothing about the mirror.
 */
struct portal_status {
	char *synced;		/* when that sync ended, "YYYY-MM-DD HH:MM:SS"; "" never */
	int finished;		/* it finished (else it was stopped) */
	int pages, docs;	/* list pages it read, documents it fetched */
	int age;		/* days since it ended; -1 never */
	int stale;		/* never, or age > [portal] stale_days */
	int documents, fetched, failed, withdrawn;	/* in the mirror now */
};

int portal_status(sqlite3 *db, const struct config *cfg, struct portal_status *s, struct zerr *err);
void portal_status_free(struct portal_status *s);

/* "2026年3月5日", "2026/3/5", "2026-03-05 10:00" -> "2026-03-05"; "" when it is no date. */
char *portal_date(const char *text);

#endif
