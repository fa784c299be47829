/* main.c - runs every unit-test suite; ends with "N passed, N failed". */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"

int t_failed_checks;

extern const struct t_case calendar_tests[], config_tests[], db_tests[], unit_tests[], width_tests[],
	csv_tests[], keys_tests[], check_tests[], site_tests[], appl_tests[], table_tests[], kb_tests[], ask_tests[],
	html_tests[], qr_tests[], fees_tests[], json_tests[], report_tests[], shelf_tests[], backup_tests[];

static const struct t_case *const suites[] = {
	calendar_tests, config_tests, db_tests, unit_tests, width_tests, csv_tests, keys_tests, check_tests,
	site_tests, appl_tests, table_tests, kb_tests, ask_tests, html_tests, qr_tests, fees_tests, json_tests,
	report_tests, shelf_tests, backup_tests,
};

static char tmpdir[256];

const char *t_tmpdir(void)
{
	if (!tmpdir[0]) {
		snprintf(tmpdir, sizeof tmpdir, "%s/zwgk-unit-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if (!mkdtemp(tmpdir)) {
			perror("mkdtemp");
			exit(2);
		}
	}
	return tmpdir;
}

const char *t_src(const char *rel)
{
	static char buf[1024];
	const char *top = getenv("ZWGK_SRC");

	snprintf(buf, sizeof buf, "%s/%s", top ? top : ".", rel);
	return buf;
}

static void cleanup_tmpdir(void)
{
	if (tmpdir[0]) {
		char *argv[] = { "rm", "-rf", tmpdir, NULL };
		pid_t pid = fork();

		if (pid == 0) {
			execvp("rm", argv);
			_exit(127);
		}
		if (pid > 0) {
			int st;

			waitpid(pid, &st, 0);
		}
		tmpdir[0] = '\0';
	}
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	const char *only = argc > 1 ? argv[1] : NULL;

	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "en", 1);
	for (size_t s = 0; s < sizeof suites / sizeof suites[0]; s++) {
		for (const struct t_case *c = suites[s]; c->name; c++) {
			int before = t_failed_checks;

			if (only && !strstr(c->name, only))
				continue;
			c->fn();
			cleanup_tmpdir();
			if (t_failed_checks == before) {
				passed++;
				printf("ok - %s\n", c->name);
			} else {
				failed++;
				printf("FAIL - %s\n", c->name);
			}
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
