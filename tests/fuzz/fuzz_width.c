/*
 * fuzz_width.c - the width module (width.c): UTF-8 decoding, text_safe, width_fit and
 * width_wrap, over any bytes. Asserts: decoding never overruns and re-encodes what it read;
 * text_safe leaves nothing a terminal would act on; width_fit gives exactly the columns asked
 * for, safe; width_wrap's lines fit and, spaces aside, hold the text in order.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util.h"
#include "width.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_setup();
	return 0;
}

/* The text without spaces and newlines: what wrapping may not lose or reorder. */
static char *ink(const char *s)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (; *s; s++)
		if (*s != ' ' && *s != '\n')
			sbuf_addc(&b, *s);
	return sbuf_take(&b);
}

static void check_decode(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i < size;) {
		wchar_t wc;
		size_t k = utf8_decode((const char *)data + i, size - i, &wc);
		char enc[4];

		if (k < 1 || k > 4 || k > size - i)
			fz_fail("utf8_decode used %zu bytes of %zu", k, size - i);
		if (wc < 0 || wc > 0x10ffff || (wc >= 0xd800 && wc <= 0xdfff))
			fz_fail("utf8_decode gave U+%X", (unsigned)wc);
		if (!(wc == '?' && data[i] != '?') && (utf8_encode(wc, enc) != k || memcmp(enc, data + i, k) != 0))
			fz_fail("utf8_decode of %zu bytes at %zu does not encode back", k, i);
		i += k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *safe, **lines;
	int cols, align, n;

	check_decode(data, size);
	if (size < 2)
		return 0;
	cols = (int)data[0] - 8;	/* -8 .. 247: the odd widths too */
	align = data[1] % 3;
	s = xstrndup((const char *)data + 2, size - 2);

	safe = text_safe(s);
	fz_assert_safe("text_safe", safe, 1);
	free(safe);

	{
		char *fit = width_fit(s, cols, align);

		fz_assert_safe("width_fit", fit, 0);
		if (width_str(fit) != (cols > 0 ? cols : 0))
			fz_fail("width_fit(%d) is %d columns wide", cols, width_str(fit));
		free(fit);
	}

	n = width_wrap(s, cols, &lines);
	{
		struct sbuf all = { 0 };
		char *a, *b;

		sbuf_add(&all, "");
		for (int i = 0; i < n; i++) {
			if (!lines[i] || strchr(lines[i], '\n'))
				fz_fail("width_wrap: line %d holds a newline", i);
			if (width_str(lines[i]) > (cols < 2 ? 2 : cols))
				fz_fail("width_wrap(%d): line %d is %d columns wide", cols, i, width_str(lines[i]));
			sbuf_add(&all, lines[i]);
		}
		if (lines[n])
			fz_fail("width_wrap: the array does not end after %d lines", n);
		a = ink(s);
		b = ink(all.s);
		if (strcmp(a, b) != 0)
			fz_fail("width_wrap(%d) lost or moved text", cols);
		free(a);
		free(b);
		sbuf_free(&all);
	}
	strv_free(lines);
	free(s);
	return 0;
}
