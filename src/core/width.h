/*
 * width.h - display width of UTF-8 text, for every column on screen and on paper: CJK
 * characters take two columns, combining marks none. Control characters and invalid bytes
 * are shown as '?' so nothing typed can reach a terminal or printer raw.
 */
#ifndef ZWGK_WIDTH_H
#define ZWGK_WIDTH_H

#include <stddef.h>
#include <wchar.h>

enum { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER };

/* Decodes one character; returns the bytes used (invalid bytes: 1, *wc = '?'). */
size_t utf8_decode(const char *s, size_t n, wchar_t *wc);
/* Encodes a character; returns the bytes written into out (at most 4). */
size_t utf8_encode(wchar_t wc, char out[4]);
/* Characters that must never reach a terminal or printer as they are (controls, C1, U+2028/9, bidi controls). */
int char_unsafe(wchar_t wc);
/* A copy of s for printing: unsafe characters (but newline and tab) and bad bytes become '?'. */
char *text_safe(const char *s);
/* Columns of one character as displayed (control characters count as the '?' shown). */
int width_char(wchar_t wc);
int width_str(const char *s);
/* Bytes of the longest prefix of s that fits in `cols`; *used gets its width. */
size_t width_prefix(const char *s, int cols, int *used);
/* s made safe and fitted to exactly `cols` columns: cut with '~' or padded; caller frees. */
char *width_fit(const char *s, int cols, int align);

/*
 * Wraps s into lines of at most `cols` columns, breaking at newlines, after a space when an
 * ASCII word would be cut, else between any two characters (as Chinese text allows).
 * Returns the number of lines; *lines is a NULL-terminated array to free with strv_free.
 */
int width_wrap(const char *s, int cols, char ***lines);

#endif
