/* cmd_print.c - `zwgk print form NAME`: the desk's blank forms and tables, on paper or on screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blank.h"
#include "cli.h"
#include "print.h"

int cmd_print(const char *cfg_arg, int argc, char **argv)
{
	struct app app;
	struct zerr err = ZERR_INIT;
	char *text, *job = NULL;
	int rc, known = 0, show = argc == 4 && strcmp(argv[3], "--show") == 0;

	for (int i = 0; argc >= 3 && blank_forms[i]; i++)
		known |= strcmp(blank_forms[i], argv[2]) == 0;
	if ((argc != 3 && !show) || strcmp(argv[1], "form") != 0 || !known) {
		cli_error(_("usage: zwgk print form NAME [--show]; NAME is application, sample, suggestion, contacts or fees"));
		return EXIT_USAGE;
	}
	rc = cli_open(&app, cfg_arg, APP_ALL);
	if (rc != EXIT_OK)
		return rc;
	if (cli_operator(&app) != EXIT_OK) {
		app_close(&app);
		return EXIT_USAGE;
	}
	text = blank_render(&app.cfg, app.db, argv[2], &err);
	if (!text) {
		cli_error("%s", err.msg);
		app_close(&app);
		return EXIT_FAIL;
	}
	if (show) {
		fputs(text, stdout);
	} else {
		struct zerr lerr = ZERR_INIT;

		rc = print_send(&app.cfg, blank_form_label(argv[2]), text, 1, &job, &err);
		print_log(app.db, app.operator, "form", argv[2], 1, rc == 0, job, rc == 0 ? "" : err.msg, &lerr);
		if (rc != 0) {
			cli_error(_("%s was not printed: %s"), blank_form_label(argv[2]), err.msg);
			rc = EXIT_FAIL;
		} else {
			cli_print(stdout, _("%s sent to the printer%s%s.\n"), blank_form_label(argv[2]), *job ? ": " : "", job);
		}
	}
	free(job);
	free(text);
	app_close(&app);
	return rc;
}
