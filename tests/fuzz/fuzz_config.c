/*
 * fuzz_config.c - the site INI (config.c): loading with iniparser and the schema's validation.
 * An even first byte: the rest is a zwgk.ini, loaded from a private temporary file; when it
 * loads without errors, every value the settings screen shows must be fit for the terminal.
 * An odd first byte: the rest is the values `zwgk init` takes (name, code, type, county,
 * township, staff; parts cut at 0x1e); those init accepts (no control character, no '"') are
 * written by config_template as init writes them and loaded again: when that load finds no
 * error, each value must come back as it was given (trimmed, unless quoted), never changed
 * silently.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "fuzz.h"
#include "util.h"

static char *ini_path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	fz_setup();
	ini_path = xasprintf("%s/zwgk-fuzz-config-%ld.ini", tmp && *tmp ? tmp : "/tmp", (long)getpid());
	return 0;
}

static void write_ini(const char *text, size_t len)
{
	int fd = open(ini_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || (len && write(fd, text, len) != (ssize_t)len) || close(fd) != 0)
		fz_fail("cannot write %s", ini_path);
}

static void ignore(void *ctx, int severity, const char *msg)
{
	(void)ctx;
	(void)severity;
	if (!msg || !*msg)
		fz_fail("config_load reported an empty message");
}

static void shown_safe(void *ctx, const char *section, const char *key, const char *value, const char *help)
{
	char what[96];

	(void)ctx;
	(void)help;
	snprintf(what, sizeof what, "[%s] %s", section, key);
	fz_assert_safe(what, value, 0);
}

static void load_ini(const uint8_t *data, size_t size)
{
	struct config cfg;

	write_ini((const char *)data, size);
	if (config_load(&cfg, ini_path, ignore, NULL) == 0)
		config_each(&cfg, shown_safe, NULL);
	config_free(&cfg);
	unlink(ini_path);
}

/* What iniparser keeps of a value: without the ASCII blanks around it (a full-width space stays). */
static char *trimmed(const char *s)
{
	size_t n;

	while (*s && strchr(" \t\r\n\v\f", *s))
		s++;
	n = strlen(s);
	while (n && strchr(" \t\r\n\v\f", s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static void round_trip(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "site:name", "site:code", "site:type", "site:county", "site:township",
					    "site:staff" };
	char *parts[6], *text;
	const char *values[13];
	struct config cfg;
	int errors;

	fz_parts(data, size, parts, 6);
	for (int i = 0; i < 6; i++) {
		/* What site.c check_config refuses before it writes anything. */
		if (check_text(parts[i], 200) < 0 || strchr(parts[i], '"')) {
			fz_parts_free(parts, 6);
			return;
		}
		values[2 * i] = keys[i];
		values[2 * i + 1] = parts[i];
	}
	values[12] = NULL;
	text = config_template(values);
	write_ini(text, strlen(text));
	free(text);
	errors = config_load(&cfg, ini_path, NULL, NULL);
	if (!errors) {
		const char *got[] = { cfg.site_name, cfg.site_code, NULL, cfg.site_county, cfg.site_township };

		for (int i = 0; i < 5; i++) {
			char *want = trimmed(parts[i]);

			/* A value init quotes (it holds ';' or '#') keeps its blanks. */
			if (got[i] && *parts[i] && strcmp(got[i], want) != 0 && strcmp(got[i], parts[i]) != 0)
				fz_fail("%s '%s' written by config_template came back as '%s'", keys[i], want, got[i]);
			free(want);
		}
		{
			char *want = trimmed(parts[2]);

			if (*want && strcmp(site_type_name(cfg.site_type), want) != 0)
				fz_fail("site:type '%s' came back as '%s'", want, site_type_name(cfg.site_type));
			free(want);
		}
		config_each(&cfg, shown_safe, NULL);
	}
	config_free(&cfg);
	unlink(ini_path);
	fz_parts_free(parts, 6);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1)
		round_trip(data + 1, size - 1);
	else
		load_ini(data + 1, size - 1);
	return 0;
}
