/* kv.c - reading the `key=value` lines a script or a clerk writes for the registers. */
#include "kv.h"

#include <stdlib.h>
#include <string.h>

static void say(void (*bad)(void *ctx, const char *msg), void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(void (*bad)(void *ctx, const char *msg), void *ctx, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (bad)
		bad(ctx, msg);
	free(msg);
}

int kv_parse(const char *text, size_t len, const char *name, int (*set)(void *ctx, const char *key, const char *value),
	     void (*bad)(void *ctx, const char *msg), void *ctx, struct zerr *err)
{
	char *copy, *line, *next, **seen = NULL;
	int lineno = 0, nbad = 0, nseen = 0;

	if (!str_valid_utf8(text, len) || memchr(text, '\0', len)) {
		zerr_set(err, _("%s is not UTF-8 text"), name);
		return -1;
	}
	copy = xstrndup(text, len);
	/* A BOM (Windows Notepad) is not part of the first key. */
	line = len >= 3 && memcmp(copy, "\xef\xbb\xbf", 3) == 0 ? copy + 3 : copy;
	/* Line by line by hand: strtok_r would skip empty lines and miscount. */
	for (; line; line = next) {
		char *nl = strchr(line, '\n'), *eq, *key;
		int twice = 0;

		next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		lineno++;
		key = str_trim(line);
		if (!*key || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			say(bad, ctx, _("%s:%d: expected key=value"), name, lineno);
			nbad++;
			continue;
		}
		*eq = '\0';
		key = str_trim(key);
		if (set(ctx, key, eq + 1) != 0) {
			say(bad, ctx, _("%s:%d: unknown key '%s'"), name, lineno, key);
			nbad++;
			continue;
		}
		/* A key given twice is a mistake, not a correction: which one did the clerk mean? */
		for (int i = 0; i < nseen && !twice; i++)
			twice = strcmp(seen[i], key) == 0;
		if (twice) {
			say(bad, ctx, _("%s:%d: key '%s' is given twice"), name, lineno, key);
			nbad++;
			/* Kept once only: a file of the same line repeated must not cost its square. */
			continue;
		}
		seen = xrealloc(seen, sizeof *seen * (size_t)(nseen + 1));
		seen[nseen++] = xstrdup(key);
	}
	for (int i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	free(copy);
	return nbad;
}
