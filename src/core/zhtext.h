/*
 * zhtext.h - Chinese text for search: one normalisation and one set of tokens shared by the
 * knowledge-base index (an FTS5 tokenizer named "zwgk") and the queries built against it.
 *
 * Normalised text has full-width forms made half-width, upper case made lower, traditional
 * characters made simplified, and punctuation, symbols, controls and bad bytes made single
 * spaces. Its tokens are ASCII letter/digit runs (words), each Han character (unigrams) and
 * each pair of adjacent Han characters (bigrams): 2-character words match without a word list.
 */
#ifndef ZWGK_ZHTEXT_H
#define ZWGK_ZHTEXT_H

#include <sqlite3.h>

#include "util.h"

enum zh_kind { ZH_WORD = 1, ZH_UNIGRAM = 2, ZH_BIGRAM = 4, ZH_ALL = 7 };

/* The characters of a question that searches read (the knowledge base's, the portal mirror's):
 * as many as the longest question an entry may hold. */
#define ZH_QUERY_MAX 500

/* The normalised copy of s (never NULL; caller frees). */
char *zh_normalize(const char *s);
/* Whether a code point is a Han character (CJK unified ideographs and their extensions). */
int zh_is_han(unsigned c);

/* Called for each token: its kind and bytes (not NUL-terminated). Non-zero stops the walk. */
typedef int (*zh_token_fn)(void *ctx, int kind, const char *tok, int len);
/* Walks the tokens of normalised text, of the kinds in `kinds`; returns what fn stopped with. */
int zh_tokens(const char *norm, unsigned kinds, zh_token_fn fn, void *ctx);
/* Whether a unigram carries no meaning of its own (的, 了, 吗, 我 ...): queries skip it. */
int zh_stop_char(const char *tok, int len);

/*
 * Colloquial and dialect wording mapped onto the words the stored entries use (养老钱 →
 * 养老金, 咋个 → 怎么). Read from a text file: "canonical: variant variant ..." per line, '#'
 * comments. Applied to stored and asked text alike, longest variant first.
 */
struct zh_synonyms {
	char **from, **to;	/* sorted by from */
	int n, max_chars;
	unsigned long hash;	/* of the file's text: the index is rebuilt when it changes */
};

int zh_synonyms_load(struct zh_synonyms *syn, const char *path, struct zerr *err);
/* Parses the file's text; bad lines are reported by number, all at once. */
int zh_synonyms_parse(struct zh_synonyms *syn, const char *text, const char *name, struct zerr *err);
void zh_synonyms_free(struct zh_synonyms *syn);
/* Normalised text with every variant replaced by its canonical form (caller frees). */
char *zh_apply_synonyms(const struct zh_synonyms *syn, const char *norm);
/* Chinese numbers with a unit made digits: 六十 → 60, 十五 → 15 (normalised text in). */
char *zh_numerals(const char *norm);
/* The text as the index sees it: normalised, numbers as digits, synonyms applied (syn may be NULL). */
char *zh_prepare(const struct zh_synonyms *syn, const char *s);

/*
 * Registers the FTS5 tokenizer "zwgk" on a connection. For documents it emits the tokens of
 * zh_prepare(synonyms, text) with the synonyms set below; for queries each quoted term is
 * taken as one token, so the query builder decides what is matched.
 */
int zh_fts5_register(sqlite3 *db, struct zerr *err);
/* The synonyms the tokenizers of every connection use from now on (NULL: none). */
void zh_fts5_set_synonyms(const struct zh_synonyms *synonyms);
/* The synonyms the tokenizers use now: what anything stored beside the index must be read with. */
const struct zh_synonyms *zh_fts5_synonyms(void);

#endif
