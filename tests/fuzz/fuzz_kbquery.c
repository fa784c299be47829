/*
 * fuzz_kbquery.c - the knowledge-base search (kbsearch.c, zhtext.c): a citizen's words, any
 * bytes, turned into the FTS5 MATCH expression and run by SQLite over the sample base
 * (tests/kb/policy-qa.tsv indexed with contrib/synonyms.txt), and the portal mirror's search
 * over the same words. Asserts: kb_search never fails (an FTS5 syntax error from the words is
 * a bug); hits are at most the limit, scored 0..1, sorted, only the first may be confident.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "fuzz.h"
#include "kb.h"
#include "portal.h"
#include "zhtext.h"

static sqlite3 *db;
static struct zh_synonyms syn;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct zerr err = ZERR_INIT;
	size_t len;
	char *tsv, *path;
	int added, updated;

	(void)argc;
	(void)argv;
	fz_setup();
	path = fz_src_path("contrib/synonyms.txt");
	if (zh_synonyms_load(&syn, path, &err) != 0)
		fz_fail("%s", err.msg);
	free(path);
	if (db_open(&db, ":memory:", DB_CREATE, &err) != 0 || kb_sync_index(db, &syn, &err) != 0)
		fz_fail("%s", err.msg);
	tsv = fz_src_read("tests/kb/policy-qa.tsv", &len);
	if (!tsv || kb_import(db, tsv, len, "policy-qa.tsv", "fuzz", &added, &updated, &err) != 0)
		fz_fail("cannot import the sample base: %s", err.msg);
	free(tsv);
	/* A document in the portal's mirror, so its MATCH runs over an index that holds something. */
	if (db_exec(db, "INSERT INTO portal_doc (id, url, title, listed_at, state) VALUES (1, 'http://x/1', '农村养老保险',"
		    " '2026-03-09 10:00:00', 'fetched');"
		    "INSERT INTO portal_fts (rowid, title, ident, text) VALUES (1, '农村养老保险', '巫山府发〔2026〕1号',"
		    " '城乡居民基本养老保险缴费标准')", &err) != 0)
		fz_fail("%s", err.msg);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *query = xstrndup((const char *)data, size);
	struct kb_hit *hits;
	struct portal_doc *docs;
	struct zerr err = ZERR_INIT;
	int n, limit = 5;

	if (kb_search(db, &syn, query, limit, date_today(), &hits, &n, &err) != 0)
		fz_fail("kb_search failed on the citizen's words: %s", err.msg);
	if (n < 0 || n > limit)
		fz_fail("kb_search gave %d hits for a limit of %d", n, limit);
	for (int i = 0; i < n; i++) {
		if (!(hits[i].score >= 0 && hits[i].score <= 1.000001))
			fz_fail("hit %d scored %g", i, hits[i].score);
		if (i > 0 && hits[i].confident)
			fz_fail("hit %d is confident but not the first", i);
		if (i > 0 && hits[i].expired == hits[i - 1].expired && hits[i].score > hits[i - 1].score + 1e-9)
			fz_fail("hits out of order at %d", i);
		if (i > 0 && !hits[i].expired && hits[i - 1].expired)
			fz_fail("a valid hit after an expired one at %d", i);
	}
	kb_hits_free(hits, n);
	if (portal_search(db, query, limit, 1, &docs, &n, &err) != 0)
		fz_fail("portal_search failed on the citizen's words: %s", err.msg);
	portal_docs_free(docs, n);
	free(query);
	return 0;
}
