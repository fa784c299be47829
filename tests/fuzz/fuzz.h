/*
 * fuzz.h - what the libFuzzer harnesses (tests/fuzz/fuzz_*.c) share: a fixed clock and locale,
 * inputs cut into parts, a fresh database per input, and the invariants they assert.
 */
#ifndef ZWGK_FUZZ_H
#define ZWGK_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

/* The harness's entry points (libFuzzer calls them). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Locale C.UTF-8, English messages, ZWGK_TODAY and ZWGK_NOW fixed, ZWGK_FORMSDIR set. */
void fz_setup(void);
/* A file of the source tree ("forms/receipt.txt"); caller frees. */
char *fz_src_path(const char *rel);
/* A file of the source tree read whole (NULL when missing); caller frees. */
char *fz_src_read(const char *rel, size_t *len);

/* Cuts the input at each byte 0x1e into at most max parts (NUL-terminated copies); free with fz_parts_free. */
int fz_parts(const uint8_t *data, size_t size, char **parts, int max);
void fz_parts_free(char **parts, int n);

/*
 * A private in-memory database with the schema: made once (then `setup` runs on it, may be
 * NULL), and copied afresh before every input, so no input sees another's rows.
 */
sqlite3 *fz_db(void (*setup)(sqlite3 *db));

/* Stops the run as a crash: an invariant does not hold. */
void fz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/*
 * Asserts that text is fit for a terminal or a printer: valid UTF-8 with no C0 control (but
 * newline and tab when `lines`), no DEL, no C1 control, no U+2028/U+2029. `what` names it.
 */
void fz_assert_safe(const char *what, const char *s, int lines);
/* The same as a test: 1 when s is fit. */
int fz_is_safe(const char *s, int lines);

#endif
