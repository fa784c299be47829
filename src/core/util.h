/* util.h - allocation wrappers, error values and small string helpers shared by every module. */
#ifndef ZWGK_UTIL_H
#define ZWGK_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#include "i18n.h"

/* An error value filled by core functions; the message is already translated. */
struct zerr {
	int code;		/* 0 = no error */
	int field;		/* which input of a form is wrong, or -1 */
	char msg[8192];	/* room for an import's list of bad lines */
};

#define ZERR_INIT { 0, -1, "" }

void zerr_set(struct zerr *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void zerr_clear(struct zerr *err);

/* Called before aborting on allocation failure, so the UI can restore the terminal. */
void util_set_fail_hook(void (*hook)(void));
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Growable byte buffer, always NUL-terminated. */
struct sbuf {
	char *s;
	size_t len, cap;
};

void sbuf_add(struct sbuf *b, const char *s);
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *sbuf_take(struct sbuf *b);	/* returns the string (never NULL) and resets b */
void sbuf_free(struct sbuf *b);

/* A record's fields as an array of n owned strings: all "" to start; set stores a trimmed copy. */
void fields_init(char **f, int n);
void fields_free(char **f, int n);
void field_set(char **f, int i, const char *value);

/* Trims ASCII white space in place and returns s. */
char *str_trim(char *s);
int str_startswith(const char *s, const char *prefix);
int str_valid_utf8(const char *s, size_t n);
/* A copy of the first `chars` characters of s (a UTF-8 sequence is never cut); caller frees. */
char *str_head(const char *s, int chars);

/*
 * Splits a list written by a clerk: items separated by ',', '，', '、', ';' or '；'.
 * Returns the number of items; *items is a NULL-terminated array to free with strv_free.
 */
int str_split_list(const char *s, char ***items);
void strv_free(char **v);

/* Reverses n rows of `size` bytes: a page read backwards is shown in reading order. */
void rows_reverse(void *rows, int n, size_t size);

/* A LIKE pattern (ESCAPE '\') matching text anywhere: "%text%" with % _ \ escaped. */
char *like_anywhere(const char *text);

/* A set of strings (open addressing): ids seen in an import, without comparing each with every other. */
struct strset {
	char **slot;
	size_t cap, n;
};
/* Adds a copy of s; returns 1 when it was new, 0 when the set had it already. */
int strset_add(struct strset *set, const char *s);
void strset_free(struct strset *set);

#endif
