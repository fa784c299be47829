/*
 * cmd_audit.c - `zwgk audit [--record SERIAL]`: the audit trail, oldest first, or one record's:
 * when, who, which record, what was done, and each field as it was set or changed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cli.h"

static const char *action_label(const char *action)
{
	return strcmp(action, "insert") == 0 ? _("added") : strcmp(action, "update") == 0 ? _("changed")
											 : _("removed");
}

static int show(void *ctx, const struct audit_row *r)
{
	int *n = ctx;

	(*n)++;
	cli_print(stdout, "%s  %s  %s %s  %s\n", r->at, r->operator, audit_table_label(r->table), r->record,
		  action_label(r->action));
	for (const char *line = r->changes; *line;) {
		size_t len = strcspn(line, "\n");
		char *one = xstrndup(line, len);

		cli_print(stdout, "    %s\n", one);
		free(one);
		line += len + (line[len] == '\n');
	}
	return 0;
}

int cmd_audit(const char *cfg_arg, int argc, char **argv)
{
	struct zerr err = ZERR_INIT;
	const char *record = NULL;
	struct app app;
	int rc, n = 0;

	if (argc == 3 && strcmp(argv[1], "--record") == 0 && *argv[2]) {
		record = argv[2];
	} else if (argc != 1) {
		cli_error(_("usage: zwgk audit [--record SERIAL]"));
		return EXIT_USAGE;
	}
	rc = cli_open(&app, cfg_arg, APP_CONFIG | APP_DB);
	if (rc != EXIT_OK)
		return rc;
	rc = audit_each(app.db, record, show, &n, &err) == 0 ? EXIT_OK : EXIT_FAIL;
	if (rc != EXIT_OK)
		cli_error("%s", err.msg);
	else if (record && n == 0) {
		cli_error(_("nothing in the audit trail for %s"), record);
		rc = EXIT_FAIL;
	}
	app_close(&app);
	return rc;
}
