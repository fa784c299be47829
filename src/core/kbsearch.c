/*
 * kbsearch.c - finding the knowledge-base entry a citizen's question is about.
 *
 * The question is normalised and its filler phrases dropped; synonyms map colloquial and
 * dialect wording onto the entries' words. Its terms (Han characters other than particles,
 * pairs of adjacent characters, ASCII words) are weighted by how rare they are in the base
 * (idf). FTS5 finds the candidates; each is then scored on how much of the question its
 * question or an alias covers, how much of its question the citizen's words cover, and how
 * much of the question its answer covers. The best score, and its lead over the next entry,
 * decide whether the match is confident.
 *
 * What is scored of an entry is read once, when it is indexed: its terms (kb_bag) and how many
 * entries hold each term (kb_df), kept in step with kb_fts by kb.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "kb.h"
#include "width.h"

/* The weights of the score and the confidence rule; see kb_eval for how they are measured. */
#define W_RECALL 0.70
#define W_KEY 0.70
#define W_ANSWER 0.30
#define CONFIDENT_SCORE 0.26
#define CONFIDENT_LEAD 0.05

/* How many entries FTS5 hands over for scoring. */
#define CANDIDATES 30
/* What a word of asking (intents[] below) adds to its weight. */
#define INTENT_BONUS 3.0
/* What a word of asking weighs when another one of the question is what the citizen asks. */
#define OTHER_ASK 0.3

/* The synonyms of the site, for terms of a query (set by kb_search). */
struct term {
	char *tok;
	int kind;
	double idf;
};

struct terms {
	struct term *v;
	int n, cap;
	double total;		/* sum of weights */
};

/*
 * What is asked: entries on one subject differ by these (who may, what to bring, where, how
 * much, when, how long, how), so they weigh more than their frequency says. synonyms.txt maps
 * the ways of asking onto them.
 */
static const char *const intents[] = {
	"条件", "收费", "材料", "哪里", "多少", "时候", "多长", "时间", "流程", "程序", "怎么", "可以", "能否", NULL,
};

static int is_intent(const char *tok)
{
	for (int i = 0; intents[i]; i++)
		if (strcmp(tok, intents[i]) == 0)
			return 1;
	return 0;
}

static double weight_of(const char *tok, int kind, double idf)
{
	/* A pair of characters says more than either alone: it is most of a word. */
	double w = idf * (kind == ZH_BIGRAM ? 1.5 : kind == ZH_WORD ? 1.2 : 1.0);

	return kind == ZH_BIGRAM && is_intent(tok) ? w + INTENT_BONUS : w;
}

static double term_weight(const struct term *t)
{
	return weight_of(t->tok, t->kind, t->idf);
}

static int add_term(void *ctx, int kind, const char *tok, int len)
{
	struct terms *ts = ctx;

	if (kind == ZH_UNIGRAM && zh_stop_char(tok, len))
		return 0;
	for (int i = 0; i < ts->n; i++)
		if ((int)strlen(ts->v[i].tok) == len && memcmp(ts->v[i].tok, tok, (size_t)len) == 0)
			return 0;
	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? 2 * ts->cap : 32;
		ts->v = xrealloc(ts->v, sizeof *ts->v * (size_t)ts->cap);
	}
	ts->v[ts->n].tok = xstrndup(tok, (size_t)len);
	ts->v[ts->n].kind = kind;
	ts->v[ts->n].idf = 0;
	ts->n++;
	return 0;
}

static void terms_free(struct terms *ts)
{
	for (int i = 0; i < ts->n; i++)
		free(ts->v[i].tok);
	free(ts->v);
	memset(ts, 0, sizeof *ts);
}

/* Document frequencies looked up once per search: the words of candidate entries repeat. */
struct idf_cache {
	sqlite3_stmt *st;
	double ndocs;
	char **tok;
	double *idf;
	int cap, n;
};

static double idf_of(struct idf_cache *c, const char *tok);

/* The terms of a question, with their idf from the index; terms the base never uses are dropped. */
static int query_terms(sqlite3 *db, const struct zh_synonyms *syn, const char *query, struct terms *ts,
		       struct idf_cache *c, struct zerr *err)
{
	char *prepared = zh_prepare(syn, query);
	sqlite3_stmt *st;

	memset(ts, 0, sizeof *ts);
	zh_tokens(prepared, ZH_ALL, add_term, ts);
	free(prepared);
	if (!ts->n)
		return 0;
	/* The entries indexed: kept as the empty term's count (count_terms); counted only in a database from before. */
	st = db_prepare(db, "SELECT coalesce((SELECT n FROM kb_df WHERE term = ''), (SELECT count(*) FROM kb_bag))", err);
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		c->ndocs = (double)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	c->st = db_prepare(db, "SELECT n FROM kb_df WHERE term = ?1", err);
	if (!c->st)
		return -1;
	/* A word the base never uses still counts: it is part of what was asked and nothing covers it. */
	for (int i = 0; i < ts->n; i++)
		ts->v[i].idf = idf_of(c, ts->v[i].tok);
	ts->total = 0;
	for (int i = 0; i < ts->n; i++)
		ts->total += term_weight(&ts->v[i]);
	return 0;
}

static unsigned long hash_str(const char *s)
{
	unsigned long h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static double idf_of(struct idf_cache *c, const char *tok)
{
	unsigned long h;
	double df = 0, v;

	if (c->n * 2 >= c->cap) {
		/* Grow and rehash. */
		int old = c->cap;
		char **otok = c->tok;
		double *oidf = c->idf;

		c->cap = c->cap ? 2 * c->cap : 1024;
		c->tok = xcalloc((size_t)c->cap, sizeof *c->tok);
		c->idf = xcalloc((size_t)c->cap, sizeof *c->idf);
		c->n = 0;
		for (int i = 0; i < old; i++)
			if (otok[i]) {
				for (h = hash_str(otok[i]) % (unsigned long)c->cap; c->tok[h]; h = (h + 1) % (unsigned long)c->cap)
					;
				c->tok[h] = otok[i];
				c->idf[h] = oidf[i];
				c->n++;
			}
		free(otok);
		free(oidf);
	}
	for (h = hash_str(tok) % (unsigned long)c->cap; c->tok[h]; h = (h + 1) % (unsigned long)c->cap)
		if (strcmp(c->tok[h], tok) == 0)
			return c->idf[h];
	sqlite3_reset(c->st);
	sqlite3_bind_text(c->st, 1, tok, -1, SQLITE_STATIC);
	if (sqlite3_step(c->st) == SQLITE_ROW)
		df = (double)sqlite3_column_int64(c->st, 0);
	v = log(1.0 + (c->ndocs - df + 0.5) / (df + 0.5));
	c->tok[h] = xstrdup(tok);
	c->idf[h] = v;
	c->n++;
	return v;
}

static void idf_cache_free(struct idf_cache *c)
{
	for (int i = 0; i < c->cap; i++)
		free(c->tok[i]);
	free(c->tok);
	free(c->idf);
	sqlite3_finalize(c->st);
}

/* The FTS5 query: every term quoted, OR'ed. Terms hold only letters, digits and Han characters. */
static char *match_expr(const struct terms *ts)
{
	struct sbuf b = { 0 };

	for (int i = 0; i < ts->n; i++)
		sbuf_printf(&b, "%s\"%s\"", i ? " OR " : "", ts->v[i].tok);
	return sbuf_take(&b);
}

/*
 * An entry's terms as kb_bag keeps them: distinct terms separated by spaces, the aliases' sets
 * separated by '|'. Terms hold neither (normalised text has no punctuation).
 */
struct span {
	const char *p;
	int len;
};

struct spans {
	struct span *v;
	int n, cap;
};

static int spans_add(void *ctx, int kind, const char *tok, int len)
{
	struct spans *s = ctx;

	if (kind == ZH_UNIGRAM && zh_stop_char(tok, len))
		return 0;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 128;
		s->v = xrealloc(s->v, sizeof *s->v * (size_t)s->cap);
	}
	s->v[s->n++] = (struct span){ tok, len };
	return 0;
}

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	int c = memcmp(x->p, y->p, (size_t)(x->len < y->len ? x->len : y->len));

	return c ? c : x->len - y->len;
}

/* Sorts the spans and writes each distinct one to b, spaces between. */
static void spans_write(struct spans *s, struct sbuf *b)
{
	int first = 1;

	if (s->n)
		qsort(s->v, (size_t)s->n, sizeof *s->v, cmp_span);
	for (int i = 0; i < s->n; i++) {
		if (i && cmp_span(&s->v[i - 1], &s->v[i]) == 0)
			continue;
		if (!first)
			sbuf_addc(b, ' ');
		sbuf_addn(b, s->v[i].p, (size_t)s->v[i].len);
		first = 0;
	}
}

/* Appends the distinct terms of a text, as the index reads it, to b. */
static void bag_text(struct sbuf *b, const struct zh_synonyms *syn, const char *text)
{
	char *prepared = zh_prepare(syn, text);
	struct spans s = { 0 };

	zh_tokens(prepared, ZH_ALL, spans_add, &s);
	spans_write(&s, b);
	free(s.v);
	free(prepared);
}

/* The kind of a stored term: one Han character, two, or a word. */
static int kind_of(const char *tok, int len)
{
	wchar_t wc;
	size_t first = utf8_decode(tok, (size_t)len, &wc);

	if (!first || !zh_is_han((unsigned)wc))
		return ZH_WORD;
	return (int)first < len ? ZH_BIGRAM : ZH_UNIGRAM;
}

/* The set of a text's terms, for scoring one candidate: read from a stored bag. */
struct bag {
	char *buf;
	const char **tok;
	int *kind;
	int n;
};

/* Reads the terms of one stored set (a copy of `len` bytes of text, split at spaces). */
static void bag_read(struct bag *b, const char *text, size_t len)
{
	int cap = 1;

	b->buf = xstrndup(text, len);
	for (const char *p = b->buf; *p; p++)
		cap += *p == ' ';
	b->tok = xcalloc((size_t)cap, sizeof *b->tok);
	b->kind = xcalloc((size_t)cap, sizeof *b->kind);
	b->n = 0;
	for (char *p = b->buf; *p;) {
		char *end = strchr(p, ' ');
		int tlen = end ? (int)(end - p) : (int)strlen(p);

		if (tlen) {
			b->tok[b->n] = p;
			b->kind[b->n++] = kind_of(p, tlen);
		}
		if (!end)
			break;
		*end = '\0';
		p = end + 1;
	}
}

static void bag_free(struct bag *b)
{
	free(b->buf);
	free(b->tok);
	free(b->kind);
}

static int bag_has(const struct bag *b, const char *tok)
{
	for (int i = 0; i < b->n; i++)
		if (strcmp(b->tok[i], tok) == 0)
			return 1;
	return 0;
}

/*
 * How well one wording of an entry (its question or an alias) fits the query, 0..1: how much
 * of the query it holds (recall), and how much of it the query holds (precision, so a
 * question about something else as well ranks below one about just this), both by weight.
 */
static double fit(const struct terms *ts, const struct bag *key, struct idf_cache *c)
{
	double hit = 0, total = 0, own = 0, matched = 0, qmiss = 0, kmiss = 0;
	int shared = 0;

	if (!ts->total || !key->n)
		return 0;
	for (int i = 0; i < ts->n; i++) {
		double w = term_weight(&ts->v[i]);
		int in = bag_has(key, ts->v[i].tok), ask = ts->v[i].kind == ZH_BIGRAM && is_intent(ts->v[i].tok);

		hit += in ? w : 0;
		shared |= in && ask;
		if (ask && !in)
			qmiss += w;
		else
			total += w;
	}
	for (int i = 0; i < key->n; i++) {
		double w = weight_of(key->tok[i], key->kind[i], idf_of(c, key->tok[i]));
		int found = 0;

		for (int k = 0; k < ts->n && !found; k++)
			found = strcmp(ts->v[k].tok, key->tok[i]) == 0;
		if (!found && key->kind[i] == ZH_BIGRAM && is_intent(key->tok[i])) {
			kmiss += w;
			continue;
		}
		own += w;
		matched += found ? w : 0;
	}
	/*
	 * A question may ask two things (where, and how long): when one of them is what the
	 * citizen asks, the other weighs little on either side; when none is, each counts in full.
	 */
	total += shared ? OTHER_ASK * qmiss : qmiss;
	own += shared ? OTHER_ASK * kmiss : kmiss;
	return W_RECALL * (total > 0 ? hit / total : 0) + (1 - W_RECALL) * (own > 0 ? matched / own : 0);
}

/* How much of the query the answer covers, 0..1. */
static double answer_cover(const struct terms *ts, const struct bag *answer)
{
	double hit = 0;

	if (!ts->total)
		return 0;
	for (int i = 0; i < ts->n; i++)
		if (bag_has(answer, ts->v[i].tok))
			hit += term_weight(&ts->v[i]);
	return hit / ts->total;
}

/* The best fit of the entry's question and its aliases (stored bags: "terms|terms|..."). */
static double best_fit(const struct terms *ts, const char *question, const char *aliases, struct idf_cache *c)
{
	struct bag b;
	double best;

	bag_read(&b, question, strlen(question));
	best = fit(ts, &b, c);
	bag_free(&b);
	for (const char *a = aliases; *a;) {
		const char *end = strchr(a, '|');
		size_t len = end ? (size_t)(end - a) : strlen(a);
		double f;

		bag_read(&b, a, len);
		f = fit(ts, &b, c);
		bag_free(&b);
		if (f > best)
			best = f;
		if (!end)
			break;
		a = end + 1;
	}
	return best;
}

static int cmp_hits(const void *a, const void *b)
{
	const struct kb_hit *x = a, *y = b;

	if (x->expired != y->expired)
		return x->expired - y->expired;
	return x->score < y->score ? 1 : x->score > y->score ? -1 : strcmp(x->code, y->code);
}

int kb_search(sqlite3 *db, const struct zh_synonyms *syn, const char *query, int limit, zdate today,
	      struct kb_hit **hits, int *n, struct zerr *err)
{
	struct terms ts;
	struct idf_cache cache = { 0 };
	sqlite3_stmt *st;
	struct kb_hit *out = NULL;
	char *expr, *head;
	int count = 0, rc;

	*hits = NULL;
	*n = 0;
	if (limit <= 0)
		return 0;
	/* As long as an entry's question may be: each character more costs FTS5 and the scoring
	 * more than it can add (a question of 20,000 characters took minutes and 2 GB). */
	head = str_head(query ? query : "", ZH_QUERY_MAX);
	rc = query_terms(db, syn, head, &ts, &cache, err);
	free(head);
	if (rc != 0) {
		terms_free(&ts);
		idf_cache_free(&cache);
		return -1;
	}
	if (!ts.n) {
		terms_free(&ts);
		idf_cache_free(&cache);
		return 0;
	}
	expr = match_expr(&ts);
	st = db_prepare(db,
			"SELECT e.id, e.code, e.question, e.category, e.unit, b.question, b.aliases, b.answer,"
			" e.valid_from, e.valid_until FROM"
			" (SELECT rowid FROM kb_fts WHERE kb_fts MATCH ?1 ORDER BY bm25(kb_fts, 3.0, 3.0, 1.0) LIMIT ?2) AS f"
			" JOIN kb_entry AS e ON e.id = f.rowid JOIN kb_bag AS b ON b.entry_id = f.rowid"
			" WHERE e.status = 'published'",
			err);
	if (!st) {
		free(expr);
		terms_free(&ts);
		idf_cache_free(&cache);
		return -1;
	}
	sqlite3_bind_text(st, 1, expr, -1, free);
	sqlite3_bind_int(st, 2, CANDIDATES);
	out = xcalloc(CANDIDATES, sizeof *out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && count < CANDIDATES) {
		struct kb_hit *h = &out[count++];
		struct bag answer;
		double key;

		h->id = sqlite3_column_int64(st, 0);
		h->code = xstrdup(db_text(st, 1));
		h->question = xstrdup(db_text(st, 2));
		h->category = xstrdup(db_text(st, 3));
		h->unit = xstrdup(db_text(st, 4));
		bag_read(&answer, db_text(st, 7), strlen(db_text(st, 7)));
		key = best_fit(&ts, db_text(st, 5), db_text(st, 6), &cache);
		h->score = W_KEY * key + W_ANSWER * answer_cover(&ts, &answer);
		bag_free(&answer);
		/* Validity: an entry past its valid-until date is shown, greyed, never given. */
		h->expired = !kb_dates_valid(db_text(st, 8), db_text(st, 9), today);
	}
	sqlite3_finalize(st);
	terms_free(&ts);
	idf_cache_free(&cache);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_error(db, err);
		kb_hits_free(out, count);
		return -1;
	}
	qsort(out, (size_t)count, sizeof *out, cmp_hits);
	if (count && !out[0].expired) {
		double lead = count > 1 && !out[1].expired ? out[0].score - out[1].score : out[0].score;

		out[0].confident = out[0].score >= CONFIDENT_SCORE && lead >= CONFIDENT_LEAD;
	}
	for (int i = limit; i < count; i++) {
		free(out[i].code);
		free(out[i].question);
		free(out[i].category);
		free(out[i].unit);
	}
	*hits = out;
	*n = count < limit ? count : limit;
	return 0;
}

void kb_hits_free(struct kb_hit *hits, int n)
{
	for (int i = 0; i < n; i++) {
		free(hits[i].code);
		free(hits[i].question);
		free(hits[i].category);
		free(hits[i].unit);
	}
	free(hits);
}

int kb_eval(sqlite3 *db, const struct zh_synonyms *syn, const char *text, zdate today, struct kb_eval *out,
	    void (*miss)(void *ctx, const char *query, const char *expected, const struct kb_hit *hits, int n),
	    void *ctx, struct zerr *err)
{
	char *copy = xstrdup(text), *save = NULL;
	int line = 0;

	memset(out, 0, sizeof *out);
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(l, '\t'), *expected;
		struct kb_hit *hits;
		int n;

		line++;
		if (l[strlen(l) - 1] == '\r')
			l[strlen(l) - 1] = '\0';
		if (!tab) {
			zerr_set(err, _("line %d: a query, a tab, then the expected entry id (or NONE)"), line);
			free(copy);
			return -1;
		}
		*tab = '\0';
		expected = str_trim(tab + 1);
		if (line == 1 && strcmp(l, "query") == 0)
			continue;
		if (kb_search(db, syn, l, 3, today, &hits, &n, err) != 0) {
			free(copy);
			return -1;
		}
		if (strcmp(expected, "NONE") == 0) {
			out->none++;
			out->none_rejected += !(n && hits[0].confident);
			if (n && hits[0].confident && miss)
				miss(ctx, l, expected, hits, n);
		} else {
			int first = n && strcmp(hits[0].code, expected) == 0, in3 = 0;

			for (int i = 0; i < n; i++)
				in3 |= strcmp(hits[i].code, expected) == 0;
			out->answerable++;
			out->top1 += first;
			out->top3 += in3;
			out->confident_wrong += n && hits[0].confident && !first;
			out->confident_right += n && hits[0].confident && first;
			if (!first && miss)
				miss(ctx, l, expected, hits, n);
		}
		kb_hits_free(hits, n);
	}
	free(copy);
	return 0;
}

/* The stored bags, kept in step with kb_fts. */

struct bag_stmts {
	sqlite3_stmt *put, *more, *less;
};

static void bag_stmts_free(struct bag_stmts *s)
{
	sqlite3_finalize(s->put);
	sqlite3_finalize(s->more);
	sqlite3_finalize(s->less);
}

static int bag_stmts_prepare(sqlite3 *db, struct bag_stmts *s, struct zerr *err)
{
	memset(s, 0, sizeof *s);
	s->put = db_prepare(db, "INSERT OR REPLACE INTO kb_bag (entry_id, question, aliases, answer) VALUES (?1, ?2, ?3, ?4)",
			    err);
	s->more = s->put ? db_prepare(db, "INSERT INTO kb_df (term, n) VALUES (?1, 1)"
				      " ON CONFLICT (term) DO UPDATE SET n = n + 1", err) : NULL;
	s->less = s->more ? db_prepare(db, "UPDATE kb_df SET n = n - 1 WHERE term = ?1", err) : NULL;
	if (!s->less) {
		bag_stmts_free(s);
		return -1;
	}
	return 0;
}

static int step_reset(sqlite3 *db, sqlite3_stmt *st, struct zerr *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(db, err);
		return -1;
	}
	return 0;
}

/* Counts one entry's distinct terms (of its three stored sets) in kb_df, up or down. */
static int count_terms(sqlite3 *db, sqlite3_stmt *st, const char *question, const char *aliases, const char *answer,
		       struct zerr *err)
{
	char *all = xasprintf("%s %s %s", question, aliases, answer);
	struct spans s = { 0 };
	int rc = 0;

	for (char *p = all; *p; p++)
		if (*p == '|')
			*p = ' ';
	for (char *p = all; *p;) {
		size_t len = strcspn(p, " ");

		if (len && s.n == s.cap) {
			s.cap = s.cap ? 2 * s.cap : 256;
			s.v = xrealloc(s.v, sizeof *s.v * (size_t)s.cap);
		}
		if (len)
			s.v[s.n++] = (struct span){ p, (int)len };
		p += len + (p[len] == ' ');
	}
	if (s.n)
		qsort(s.v, (size_t)s.n, sizeof *s.v, cmp_span);
	/* The empty term stands in every entry: its count is the number of entries, read without counting them. */
	sqlite3_bind_text(st, 1, "", 0, SQLITE_STATIC);
	rc = step_reset(db, st, err);
	for (int i = 0; i < s.n && rc == 0; i++) {
		if (i && cmp_span(&s.v[i - 1], &s.v[i]) == 0)
			continue;
		sqlite3_bind_text(st, 1, s.v[i].p, s.v[i].len, SQLITE_STATIC);
		rc = step_reset(db, st, err);
	}
	free(s.v);
	free(all);
	return rc;
}

/* Prepares and stores the bags of one row of kb_fts (aliases as the index holds them: "a | b"). */
static int bag_store(sqlite3 *db, struct bag_stmts *s, long long id, const char *question, const char *aliases,
		     const char *answer, struct zerr *err)
{
	const struct zh_synonyms *syn = zh_fts5_synonyms();
	struct sbuf q = { 0 }, a = { 0 }, ans = { 0 };
	char *copy = xstrdup(aliases), *save = NULL;
	int first = 1, rc;

	sbuf_add(&q, "");
	sbuf_add(&a, "");
	sbuf_add(&ans, "");
	bag_text(&q, syn, question);
	for (char *one = strtok_r(copy, "|", &save); one; one = strtok_r(NULL, "|", &save)) {
		if (!first)
			sbuf_addc(&a, '|');
		bag_text(&a, syn, one);
		first = 0;
	}
	bag_text(&ans, syn, answer);
	sqlite3_bind_int64(s->put, 1, id);
	sqlite3_bind_text(s->put, 2, q.s, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->put, 3, a.s, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->put, 4, ans.s, -1, SQLITE_STATIC);
	rc = step_reset(db, s->put, err);
	if (rc == 0)
		rc = count_terms(db, s->more, q.s, a.s, ans.s, err);
	sqlite3_clear_bindings(s->put);
	free(copy);
	sbuf_free(&q);
	sbuf_free(&a);
	sbuf_free(&ans);
	return rc;
}

int kb_bags_update(sqlite3 *db, long long id, struct zerr *err)
{
	struct bag_stmts s;
	sqlite3_stmt *st;
	int rc = 0, step;

	if (bag_stmts_prepare(db, &s, err) != 0)
		return -1;
	/* What the entry held before counts no more. */
	st = db_prepare(db, "SELECT question, aliases, answer FROM kb_bag WHERE entry_id = ?1", err);
	if (!st) {
		bag_stmts_free(&s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	if ((step = sqlite3_step(st)) == SQLITE_ROW)
		rc = count_terms(db, s.less, db_text(st, 0), db_text(st, 1), db_text(st, 2), err);
	else if (step != SQLITE_DONE)
		db_error(db, err), rc = -1;
	sqlite3_finalize(st);
	st = rc == 0 ? db_prepare(db, "SELECT question, aliases, answer FROM kb_fts WHERE rowid = ?1", err) : NULL;
	if (!st) {
		bag_stmts_free(&s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	if ((step = sqlite3_step(st)) == SQLITE_ROW)
		rc = bag_store(db, &s, id, db_text(st, 0), db_text(st, 1), db_text(st, 2), err);
	else if (step != SQLITE_DONE)
		db_error(db, err), rc = -1;
	sqlite3_finalize(st);
	bag_stmts_free(&s);
	if (rc == 0 && step == SQLITE_DONE) {
		st = db_prepare(db, "DELETE FROM kb_bag WHERE entry_id = ?1", err);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		rc = db_done(db, st, err);
	}
	return rc;
}

/* Whether kb_bag has a row for each row of kb_fts and no other. */
static int bags_in_step(sqlite3 *db, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT (SELECT count(*) FROM kb_bag) = (SELECT count(*) FROM kb_fts)", err);
	int same;

	if (!st)
		return -1;
	same = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return same;
}

int kb_bags_setup(sqlite3 *db, int rebuild, struct zerr *err)
{
	struct bag_stmts s;
	sqlite3_stmt *st;
	int own = 0, rc = 0, step = SQLITE_DONE;

	if (!rebuild) {
		struct zerr ignored = ZERR_INIT;
		int same;

		/*
		 * Once in step, every edit keeps them so: counting both tables at each start would read
		 * the whole knowledge base (100,000 entries: most of a large site's start-up).
		 */
		if (db_meta_is(db, "kb_bags", "in step"))
			return 0;
		same = bags_in_step(db, err);
		if (same != 0) {
			/*
			 * Said for the next starts, with the entries' count a search needs (the empty term's,
			 * as count_terms keeps it); a database that cannot be written now is counted again then.
			 */
			if (same > 0 && db_begin(db, &ignored) == 0) {
				if (db_exec(db, "INSERT OR REPLACE INTO kb_df (term, n) SELECT '', count(*) FROM kb_bag",
					    &ignored) == 0 &&
				    db_meta_set(db, "kb_bags", "in step", &ignored) == 0)
					db_commit(db, &ignored);
				else
					db_rollback(db);
			}
			return same < 0 ? -1 : 0;
		}
	}
	if (sqlite3_get_autocommit(db)) {
		if (db_begin(db, err) != 0)
			return -1;
		own = 1;
	}
	if (db_exec(db, "DELETE FROM kb_bag; DELETE FROM kb_df;", err) != 0 || bag_stmts_prepare(db, &s, err) != 0) {
		if (own)
			db_rollback(db);
		return -1;
	}
	st = db_prepare(db, "SELECT rowid, question, aliases, answer FROM kb_fts", err);
	if (!st)
		rc = -1;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = bag_store(db, &s, sqlite3_column_int64(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3), err);
	if (rc == 0 && step != SQLITE_DONE) {
		db_error(db, err);
		rc = -1;
	}
	sqlite3_finalize(st);
	bag_stmts_free(&s);
	if (rc == 0)
		rc = db_meta_set(db, "kb_bags", "in step", err);
	if (own) {
		if (rc != 0)
			db_rollback(db);
		else
			rc = db_commit(db, err);
	}
	return rc;
}
