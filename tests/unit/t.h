/* t.h - a small unit-test harness: each test is a function; checks count and report. */
#ifndef ZWGK_T_H
#define ZWGK_T_H

#include <stdio.h>
#include <string.h>

extern int t_failed_checks;

#define CHECK(cond) do { \
	if (!(cond)) { \
		t_failed_checks++; \
		printf("    %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_INT(a, b) do { \
	long long t_a = (a), t_b = (b); \
	if (t_a != t_b) { \
		t_failed_checks++; \
		printf("    %s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, t_a, t_b); \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *t_a = (a), *t_b = (b); \
	if (!t_a || strcmp(t_a, t_b) != 0) { \
		t_failed_checks++; \
		printf("    %s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a, t_a ? t_a : "(null)", t_b); \
	} \
} while (0)

#define CHECK_CONTAINS(hay, needle) do { \
	const char *t_h = (hay), *t_n = (needle); \
	if (!t_h || !strstr(t_h, t_n)) { \
		t_failed_checks++; \
		printf("    %s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__, t_h ? t_h : "(null)", t_n); \
	} \
} while (0)

struct t_case {
	const char *name;
	void (*fn)(void);
};

/* Each test file defines an array of cases and registers it in main.c. */
#define T_SUITE(name) const struct t_case name[]
#define T_END { NULL, NULL }

/* A fresh temporary folder for a test; removed by the harness afterwards. */
const char *t_tmpdir(void);
/* Path of a file under the source tree (for contrib/ data). */
const char *t_src(const char *rel);

#endif
