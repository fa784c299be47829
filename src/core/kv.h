/* kv.h - the `key=value` intake files of app add, sug add, ask add and shelf add. */
#ifndef ZWGK_KV_H
#define ZWGK_KV_H

#include <stddef.h>

#include "util.h"

/*
 * Reads `key=value` lines (UTF-8, '#' comments, a leading BOM skipped) and hands each to set,
 * which returns -1 for an unknown key. Each bad line (no '=', an unknown key, a key given
 * twice) goes to bad as a message "NAME:LINE: ..."; returns the number of bad lines, or -1
 * with err set when the text is not UTF-8 (or holds a NUL byte).
 */
int kv_parse(const char *text, size_t len, const char *name, int (*set)(void *ctx, const char *key, const char *value),
	     void (*bad)(void *ctx, const char *msg), void *ctx, struct zerr *err);

#endif
