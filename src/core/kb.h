/*
 * kb.h - the policy question-and-answer knowledge base (政策咨询问答库): entries with their
 * aliases and history, TSV import/export, and the search that finds the entry a citizen's
 * colloquial question is about.
 */
#ifndef ZWGK_KB_H
#define ZWGK_KB_H

#include <sqlite3.h>

#include "appl.h"
#include "zhtext.h"

enum kb_field {
	KF_CODE, KF_CATEGORY, KF_QUESTION, KF_ANSWER, KF_SOURCE, KF_UNIT, KF_VALID_FROM, KF_VALID_UNTIL,
	KF_REVIEWED, KF_COUNT
};

enum kb_status { KB_DRAFT, KB_PUBLISHED, KB_RETIRED, KB_STATUS_COUNT };

struct kb_entry {
	long long id;			/* 0 until stored */
	char *f[KF_COUNT];
	int status;
	long long consultation_id;	/* the consultation a draft came from, or 0 */
	int version;
};

const char *kb_field_key(int field);		/* "question" */
const char *kb_field_label(int field);		/* translated */
int kb_field_max(int field);
const char *kb_status_code(int status);		/* "published" */
const char *kb_status_label(int status);	/* translated */
int kb_status_parse(const char *s);

void kb_entry_init(struct kb_entry *e);
void kb_entry_free(struct kb_entry *e);
void kb_entry_set(struct kb_entry *e, int field, const char *value);
/* Whether `today` lies within valid-from .. valid-until (either may be empty: open). */
int kb_dates_valid(const char *from, const char *until, zdate today);
/* Whether an entry may be given as an answer on `today`: published and within its validity. */
int kb_entry_valid(const struct kb_entry *e, zdate today);

/* Checks an entry as typed; problems are tied to fields (struct appl_check). Returns errors. */
int kb_validate(const struct kb_entry *e, struct appl_check *c);
/* Stores a new entry (a code is made up when empty: KB-N) and indexes it. */
int kb_add(sqlite3 *db, struct kb_entry *e, const char *op, struct zerr *err);
/* Saves an edited entry if nobody changed it meanwhile; what changed goes to its history. */
int kb_update(sqlite3 *db, struct kb_entry *e, const char *op, struct zerr *err);
int kb_set_status(sqlite3 *db, struct kb_entry *e, int status, const char *op, struct zerr *err);
int kb_load(sqlite3 *db, const char *code, struct kb_entry *e, struct zerr *err);
int kb_load_id(sqlite3 *db, long long id, struct kb_entry *e, struct zerr *err);
int kb_history(sqlite3 *db, long long id,
	       void (*fn)(void *ctx, const char *at, const char *day, const char *op, const char *event,
			  const char *detail),
	       void *ctx, struct zerr *err);
/* One page of entries in code order after `after` (NULL: from the start), optionally only those
 * whose code, question or category holds `text`. */
int kb_page(sqlite3 *db, const char *text, const char *after, int backwards, int limit, struct kb_entry **rows,
	    int *n, struct zerr *err);
void kb_rows_free(struct kb_entry *rows, int n);

/* Other wordings of an entry's question: typed by a clerk, or learned from a citizen's words. */
struct kb_alias {
	long long id;
	char *text, *origin, *at, *op;
};

int kb_aliases(sqlite3 *db, long long entry_id, struct kb_alias **out, int *n, struct zerr *err);
void kb_aliases_free(struct kb_alias *a, int n);
/* Adds an alias; returns 1 when added, 0 when the entry had it already (same normalised text). */
int kb_alias_add(sqlite3 *db, long long entry_id, const char *text, const char *origin, const char *op,
		 struct zerr *err);
int kb_alias_remove(sqlite3 *db, long long alias_id, const char *op, struct zerr *err);

/*
 * Imports entries from TSV with a header naming the columns: id, category, question, answer,
 * source, unit (as ../shared/data/kb/policy-qa.tsv), and optionally aliases ('|' between),
 * status, valid_from, valid_until, reviewed. All or nothing: every bad line is reported by
 * number and nothing is stored. Entries with a known id are updated.
 */
int kb_import(sqlite3 *db, const char *text, size_t len, const char *name, const char *op, int *added,
	      int *updated, struct zerr *err);
/* Every entry (retired ones too) as TSV with all the columns above. */
char *kb_export(sqlite3 *db, struct zerr *err);

/* Makes the indexes (knowledge base, portal mirror) follow the synonym table: rebuilt when it changed. */
int kb_sync_index(sqlite3 *db, const struct zh_synonyms *syn, struct zerr *err);

/*
 * Beside the full-text index, what the search scores with (kbsearch.c): each entry's terms,
 * prepared once (kb_bag), and how many entries hold each term (kb_df). kb_bags_update follows
 * one entry's row of kb_fts, inside the caller's transaction; kb_bags_setup creates the tables
 * and fills them from kb_fts when `rebuild` is set or they are out of step with it. Once they are
 * in step, meta 'kb_bags' says so and they are not counted again (a migration that changes what
 * the bags hold must delete that row).
 */
int kb_bags_setup(sqlite3 *db, int rebuild, struct zerr *err);
int kb_bags_update(sqlite3 *db, long long id, struct zerr *err);

/* One search result. */
struct kb_hit {
	long long id;
	char *code, *question, *category, *unit;
	double score;		/* 0..1, higher is better */
	int confident;		/* the score clears the threshold: answer with it */
	int expired;		/* past its valid-until date: shown greyed, never an answer */
};

/*
 * Finds the entries that answer a question as a citizen put it: at most `limit` hits, best
 * first (expired ones after the valid ones). Never fails on odd input; -1 only for a database error.
 * Only the first ZH_QUERY_MAX characters of the question are searched.
 */
int kb_search(sqlite3 *db, const struct zh_synonyms *syn, const char *query, int limit, zdate today,
	      struct kb_hit **hits, int *n, struct zerr *err);
void kb_hits_free(struct kb_hit *hits, int n);

/* The figures of a query set (TSV: query, expected = entry id or NONE). */
struct kb_eval {
	int answerable, top1, top3, confident_wrong, confident_right;
	int none, none_rejected;
};

/* `miss` (may be NULL) is called for each answerable query whose entry was not first. */
int kb_eval(sqlite3 *db, const struct zh_synonyms *syn, const char *text, zdate today, struct kb_eval *out,
	    void (*miss)(void *ctx, const char *query, const char *expected, const struct kb_hit *hits, int n),
	    void *ctx, struct zerr *err);

#endif
