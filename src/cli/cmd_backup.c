/* cmd_backup.c - `zwgk backup [DIR]` and `zwgk restore FILE [--yes]`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backup.h"
#include "cli.h"
#include "db.h"

/* Sizes as people read them: KiB up to 10 MiB, then MiB. */
static char *size_text(long long bytes)
{
	if (bytes < 10LL << 20)
		return xasprintf(_("%lld KiB"), (bytes + 1023) / 1024);
	return xasprintf(_("%lld MiB"), (bytes + (1 << 19)) >> 20);
}

int cmd_backup(const char *cfg_arg, int argc, char **argv)
{
	struct zerr err = ZERR_INIT;
	struct backup_result res;
	struct app app;
	const char *dir;
	char *size;
	int rc;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		cli_error(_("usage: zwgk backup [DIR]"));
		return EXIT_USAGE;
	}
	rc = cli_open(&app, cfg_arg, APP_CONFIG);
	if (rc != EXIT_OK)
		return rc;
	/* Only the database, as it is: the calendar and the knowledge base's index are not needed. */
	app.db = backup_open_db(app.cfg.db_path, &err);
	if (!app.db) {
		cli_error("%s", err.msg);
		app_close(&app);
		return EXIT_FAIL;
	}
	dir = argc == 2 ? argv[1] : app.cfg.backup_dir;
	rc = backup_make(app.db, dir, app.cfg.backup_keep, &res, &err);
	if (res.path) {
		size = size_text(res.bytes);
		cli_print(stdout, _("Backup written: %s (%s, integrity ok).\n"), res.path, size);
		free(size);
		if (res.replaced)
			cli_print(stdout, _("It replaces the backup made earlier in the same minute.\n"));
		if (res.restarts)
			cli_print(stdout, _("The database changed during the copy, which began again %d time(s).\n"), res.restarts);
	}
	if (rc != 0) {
		cli_error("%s", err.msg);
	} else {
		cli_print(stdout, _("Backups in %s: %d kept, %d older removed ([backup] keep = %d).\n"), dir, res.kept,
			  res.removed, app.cfg.backup_keep);
	}
	backup_result_free(&res);
	app_close(&app);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

int cmd_restore(const char *cfg_arg, int argc, char **argv)
{
	struct zerr err = ZERR_INIT;
	struct restore_plan plan;
	struct app app;
	const char *file = NULL;
	char *size;
	int yes = 0, bad = 0, rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--yes") == 0)
			yes = 1;
		else if (argv[i][0] == '-' || file)
			bad = 1;
		else
			file = argv[i];
	}
	if (!file || bad) {
		cli_error(_("usage: zwgk restore FILE [--yes]"));
		return EXIT_USAGE;
	}
	rc = cli_open(&app, cfg_arg, APP_CONFIG);
	if (rc != EXIT_OK)
		return rc;
	if (backup_restore_plan(app.cfg.db_path, file, &plan, &err) != 0) {
		cli_error("%s", err.msg);
		backup_plan_free(&plan);
		app_close(&app);
		return EXIT_FAIL;
	}
	size = size_text(plan.bytes);
	if (!yes) {
		cli_print(stdout, _("Would restore %s (schema version %d, %s, integrity ok) as the database %s.\n"), file,
			  plan.version, size, app.cfg.db_path);
		if (plan.current == RESTORE_LIVE)
			cli_print(stdout, _("The current database would be kept as %s.\n"), plan.aside);
		else if (plan.current == RESTORE_DAMAGED)
			cli_print(stdout, _("The file there now cannot be read as a database; it would be moved to %s.\n"),
				  plan.aside);
		else
			cli_print(stdout, _("There is no database there now.\n"));
		cli_print(stdout, _("Nothing was changed. To restore, close the desk and run: zwgk -c %s restore %s --yes\n"),
			  app.cfg.path, file);
		rc = EXIT_FAIL;
	} else if (backup_restore(app.cfg.db_path, file, &plan, &err) != 0) {
		cli_error("%s", err.msg);
		rc = EXIT_FAIL;
	} else {
		cli_print(stdout, _("Restored %s from %s (%s, integrity ok).\n"), app.cfg.db_path, file, size);
		if (plan.version_after != plan.version)
			cli_print(stdout, _("Its schema was brought up from version %d to %d.\n"), plan.version,
				  plan.version_after);
		if (plan.current != RESTORE_NO_DB)
			cli_print(stdout, _("The database as it was is kept as %s; remove it once all is well.\n"), plan.aside);
		rc = EXIT_OK;
	}
	free(size);
	backup_plan_free(&plan);
	app_close(&app);
	return rc;
}
