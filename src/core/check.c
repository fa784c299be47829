/* check.c - format checks shared by the unit directory and, later, the registers. */
#include "check.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"
#include "width.h"

static int run_of_digits(const char **p)
{
	int n = 0;

	while (isdigit((unsigned char)**p)) {
		(*p)++;
		n++;
	}
	return n;
}

int check_phone(const char *s)
{
	const char *p = s;
	int n;

	if (s[0] == '1') {
		n = run_of_digits(&p);
		return !*p && (n == 11 || (n >= 3 && n <= 5));
	}
	if (s[0] != '0')
		return 0;
	n = run_of_digits(&p);
	if (*p == '-' || *p == ' ') {
		int local;

		if (n < 3 || n > 4)
			return 0;
		p++;
		local = run_of_digits(&p);
		if (local < 7 || local > 8)
			return 0;
	} else if (n < 10 || n > 12) {
		return 0;
	}
	if (*p == '-' || str_startswith(p, "转")) {
		p += *p == '-' ? 1 : strlen("转");
		n = run_of_digits(&p);
		if (n < 1 || n > 5)
			return 0;
	}
	return *p == '\0';
}

int check_phone_personal(const char *s)
{
	if (s[0] == '1')
		return strlen(s) == 11 && s[1] >= '3' && s[1] <= '9' && check_phone(s);
	return check_phone(s) && s[1] != '0';
}

int check_phone_list(const char *s)
{
	char **items;
	int n, ok;

	if (strchr(s, '/')) {
		/* '/' is not one of the clerk's list separators; treat it as one here. */
		char *copy = xstrdup(s);

		for (char *c = copy; *c; c++)
			if (*c == '/')
				*c = ',';
		n = str_split_list(copy, &items);
		free(copy);
	} else {
		n = str_split_list(s, &items);
	}
	ok = n > 0;
	for (int i = 0; i < n && ok; i++)
		ok = check_phone(items[i]);
	strv_free(items);
	return ok;
}

int check_postcode(const char *s)
{
	const char *p = s;

	return run_of_digits(&p) == 6 && !*p;
}

int check_email(const char *s)
{
	const char *at = strchr(s, '@'), *dot;

	if (!at || at == s || strchr(at + 1, '@'))
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || strchr("<>()[]\\,;:\"", *p))
			return 0;
	dot = strrchr(at, '.');
	return dot && dot > at + 1 && dot[1] != '\0';
}

static int check_text_as(const char *s, int max, int lines);

int check_text(const char *s, int max)
{
	return check_text_as(s, max, 0);
}

int check_text_lines(const char *s, int max)
{
	return check_text_as(s, max, 1);
}

static int check_text_as(const char *s, int max, int lines)
{
	size_t n = strlen(s);
	int count = 0;

	if (!str_valid_utf8(s, n))
		return -1;
	while (n) {
		wchar_t wc;
		size_t k = utf8_decode(s, n, &wc);

		/* The same rule as the screen's: nothing that could act on a terminal or printer. */
		if (char_unsafe(wc) && !(lines && wc == '\n'))
			return -1;
		count++;
		s += k;
		n -= k;
	}
	return count <= max ? count : -1;
}

int check_yes_no(const char *s)
{
	static const char *const yes[] = { "yes", "true", "on", "1", "是", NULL };
	static const char *const no[] = { "no", "false", "off", "0", "否", NULL };

	for (int i = 0; yes[i]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
	for (int i = 0; no[i]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	return -1;
}
