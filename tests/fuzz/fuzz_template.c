/*
 * fuzz_template.c - template rendering (print.c print_render) over the shipped forms (forms/NAME.txt)
 * with any values for their placeholders, and over templates from the input itself. The
 * first byte chooses the form (or the input as the template); the values are the parts of the
 * rest cut at 0x1e. Asserts: a shipped form renders with any values, fit for the printer
 * (no control character but newline and tab); so does any template that is itself fit.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "print.h"
#include "util.h"

static const char *const form_names[] = { "receipt", "transfer", "guidance", "guidance-suggestion", "answer-slip",
	"dispatch", "redirect", "forward-mail", "fees", "contacts", "application", "sample", "suggestion" };
#define NFORMS ((int)(sizeof form_names / sizeof form_names[0]))
#define MAXVARS 32

static char *forms[NFORMS];
static char *names[NFORMS][MAXVARS];
static int nnames[NFORMS];

/* The placeholder names of a template, each once, in order. */
static int placeholders(const char *t, char **out)
{
	int n = 0;

	for (const char *p = strchr(t, '{'); p && n < MAXVARS; p = strchr(p + 1, '{')) {
		size_t len = strcspn(p + 1, ":}\n");
		int seen = 0;

		if (p[1 + len] != ':' && p[1 + len] != '}')
			continue;
		for (int i = 0; i < n && !seen; i++)
			seen = strlen(out[i]) == len && strncmp(out[i], p + 1, len) == 0;
		if (!seen)
			out[n++] = xstrndup(p + 1, len);
	}
	return n;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_setup();
	for (int i = 0; i < NFORMS; i++) {
		char *rel = xasprintf("forms/%s.txt", form_names[i]);

		forms[i] = fz_src_read(rel, NULL);
		if (!forms[i])
			fz_fail("cannot read %s", rel);
		nnames[i] = placeholders(forms[i], names[i]);
		free(rel);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *parts[MAXVARS], *out;
	struct tvar vars[MAXVARS];
	struct zerr err = ZERR_INIT;
	int which;

	if (!size)
		return 0;
	which = data[0] % (NFORMS + 1);
	fz_parts(data + 1, size - 1, parts, MAXVARS);
	if (which < NFORMS) {
		for (int i = 0; i < nnames[which]; i++)
			vars[i] = (struct tvar){ names[which][i], parts[i] };
		out = print_render(forms[which], vars, nnames[which], form_names[which], &err);
		if (!out)
			fz_fail("forms/%s.txt does not render: %s", form_names[which], err.msg);
		fz_assert_safe(form_names[which], out, 1);
		free(out);
	} else {
		/* The first part is the template, the others the values of a, b, c... */
		static const char *const letters[] = { "a", "b", "c", "d", "e", "f", "g", "h" };

		for (int i = 0; i < 8; i++)
			vars[i] = (struct tvar){ letters[i], parts[i + 1] };
		out = print_render(parts[0], vars, 8, "fuzz.txt", &err);
		if (!out && !err.msg[0])
			fz_fail("print_render failed without saying why");
		if (out && fz_is_safe(parts[0], 1))
			fz_assert_safe("a template fit for the printer, rendered", out, 1);
		free(out);
	}
	fz_parts_free(parts, MAXVARS);
	return 0;
}
