/* cmd_site.c - `zwgk init` and `zwgk check`. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backup.h"
#include "cli.h"
#include "db.h"
#include "fees.h"
#include "fsutil.h"
#include "perm.h"
#include "site.h"

int cmd_init(int argc, char **argv)
{
	/* The name is printed on Chinese receipts, so its default is Chinese whatever the locale. */
	struct site_spec spec = { "政务公开专区", "ZWGK", "county_center", "", "", "", 0 };
	const char *dir = NULL;
	struct zerr err = ZERR_INIT;
	struct {
		const char *opt;
		const char **value;
	} opts[] = {
		{ "--name", &spec.name }, { "--code", &spec.code }, { "--type", &spec.type },
		{ "--county", &spec.county }, { "--township", &spec.township }, { "--staff", &spec.staff },
	};
	int named = 0;

	for (int i = 1; i < argc; i++) {
		size_t o;

		if (strcmp(argv[i], "--demo") == 0) {
			spec.demo = 1;
			continue;
		}
		for (o = 0; o < sizeof opts / sizeof opts[0]; o++)
			if (strcmp(argv[i], opts[o].opt) == 0)
				break;
		if (o < sizeof opts / sizeof opts[0]) {
			if (i + 1 == argc) {
				cli_error(_("%s needs a value"), argv[i]);
				return EXIT_USAGE;
			}
			*opts[o].value = argv[++i];
			named = 1;
		} else if (argv[i][0] == '-' || dir) {
			cli_error(_("usage: zwgk init [--demo] [--name NAME] [--code CODE] [--type TYPE] [--county NAME] [--township NAME] [--staff NAMES] DIR"));
			return EXIT_USAGE;
		} else {
			dir = argv[i];
		}
	}
	if (!dir) {
		cli_error(_("usage: zwgk init [--demo] [--name NAME] [--code CODE] [--type TYPE] [--county NAME] [--township NAME] [--staff NAMES] DIR"));
		return EXIT_USAGE;
	}
	if (spec.demo && !named) {
		spec.name = "巫山县高唐街道便民服务中心";
		spec.code = "WSGT";
		spec.type = "township";
		spec.county = "巫山县";
		spec.township = "高唐街道";
		spec.staff = "张敏, 李华, 王芳";
	}
	if (site_init(dir, &spec, &err) != 0) {
		cli_error("%s", err.msg);
		/* A value that does not fit the configuration is bad usage, not a failure. */
		return err.field == SITE_BAD_VALUE ? EXIT_USAGE : EXIT_FAIL;
	}
	printf(_("Created the site in %s.\nCheck it with:  zwgk -c %s/zwgk.ini check\nOpen the desk:  zwgk -c %s/zwgk.ini\n"),
	       dir, dir, dir);
	return EXIT_OK;
}

struct findings {
	int problems, warnings;
};

enum { F_OK, F_WARNING, F_PROBLEM };

static void finding(struct findings *f, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* One line per finding; anything but ok makes the exit status non-zero. */
static void finding(struct findings *f, int level, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	f->problems += level == F_PROBLEM;
	f->warnings += level == F_WARNING;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	cli_print(stdout, "%s%s\n", level == F_OK ? _("ok: ") : level == F_WARNING ? _("warning: ") : _("problem: "),
		  msg);
	free(msg);
}

static void report_finding(void *ctx, int severity, const char *msg)
{
	finding(ctx, severity == CFG_WARNING ? F_WARNING : F_PROBLEM, "%s", msg);
}

/* The charges the desk may collect, as the posted schedule states them. */
static void check_fees(struct findings *f, const struct config *cfg)
{
	struct zerr err = ZERR_INIT;
	struct fees fees;
	char *per, *colour = NULL, *free_pages = NULL;

	if (fees_load(cfg, &fees, &err) != 0) {
		finding(f, F_PROBLEM, "%s", err.msg);
		return;
	}
	if (!fees.approved) {
		finding(f, F_OK, _("fees: none approved — printing is free"));
		return;
	}
	per = fees_format(fees.per_page_fen);
	if (fees.colour_fen > 0) {
		char *amount = fees_format(fees.colour_fen);

		colour = xasprintf(_(", colour %s"), amount);
		free(amount);
	}
	if (fees.free_pages > 0)
		free_pages = xasprintf(_(", the first %d pages free"), fees.free_pages);
	finding(f, F_OK, _("fees: %s a page%s%s (approved by %s)"), per, colour ? colour : "",
		free_pages ? free_pages : "", fees.document);
	free(per);
	free(colour);
	free(free_pages);
}

static void report_permission(void *ctx, const char *msg)
{
	finding(ctx, F_PROBLEM, "%s", msg);
}

/* The newest backup and its age against [backup] max_age_days. */
static void check_backup(struct findings *f, const struct config *cfg)
{
	char *name = NULL, *path;
	zdate day, today = date_today();
	int age;

	if (!backup_newest(cfg->backup_dir, &name, &day)) {
		finding(f, F_WARNING, _("no backup in %s yet; make one with: zwgk -c %s backup"), cfg->backup_dir, cfg->path);
		return;
	}
	path = fs_join(cfg->backup_dir, name);
	age = today > day ? today - day : 0;
	if (age > cfg->backup_max_age_days)
		finding(f, F_WARNING, _("the last backup %s is %d days old (more than [backup] max_age_days = %d); make one with: zwgk -c %s backup"),
			path, age, cfg->backup_max_age_days, cfg->path);
	else if (age == 0)
		finding(f, F_OK, _("last backup %s, made today"), path);
	else
		finding(f, F_OK, _("last backup %s, %d day(s) old"), path, age);
	free(path);
	free(name);
}

int cmd_check(const char *cfg_arg, int argc, char **argv)
{
	struct findings f = { 0 };
	struct zerr err = ZERR_INIT;
	struct app app;
	char *path;
	int this_year;

	(void)argv;
	if (argc != 1) {
		cli_error(_("usage: zwgk -c FILE check"));
		return EXIT_USAGE;
	}
	path = cli_find_config(cfg_arg);
	if (!path)
		return EXIT_USAGE;
	if (app_open(&app, path, APP_CONFIG, report_finding, &f, &err) != EXIT_OK) {
		app_close(&app);
		free(path);
		printf(_("%d problem(s) found.\n"), f.problems);
		return EXIT_USAGE;
	}
	finding(&f, F_OK, _("configuration %s (site %s, %s)"), path, app.cfg.site_name,
		site_type_label(app.cfg.site_type));
	free(path);
	check_fees(&f, &app.cfg);
	/* Before the database is opened: a -wal or -shm there now belongs to another instance. */
	if (perm_check(&app.cfg, 0, report_permission, &f) == 0)
		finding(&f, F_OK, _("permissions: the configuration, database, backups, exports and spool are private to their owner"));
	check_backup(&f, &app.cfg);

	if (db_open(&app.db, app.cfg.db_path, DB_MUST_EXIST, &err) != 0) {
		finding(&f, F_PROBLEM, "%s", err.msg);
	} else {
		finding(&f, F_OK, _("database %s (schema version %d of %d)"), app.cfg.db_path, db_user_version(app.db),
			db_schema_latest());
		if (db_integrity(app.db, &err) != 0)
			finding(&f, F_PROBLEM, _("integrity check failed: %s"), err.msg);
		else
			finding(&f, F_OK, _("integrity check"));
	}

	this_year = date_year(date_today());
	if (cal_load(&app.cal, app.cfg.calendar_file, &err) != 0) {
		finding(&f, F_PROBLEM, "%s", err.msg);
	} else {
		for (int y = this_year; y <= this_year + 1; y++) {
			const char *source = NULL;

			for (int i = 0; i < app.cal.nyears; i++)
				if (app.cal.years[i].year == y)
					source = app.cal.years[i].source;
			if (source)
				finding(&f, F_OK, _("calendar covers %d (%s)"), y, source);
			else
				finding(&f, F_PROBLEM, _("calendar %s does not cover %d: deadlines in %d are provisional until its holidays are added"),
					app.cfg.calendar_file, y, y);
		}
	}
	{
		char *syn = app_synonyms_path(&app);

		if (zh_synonyms_load(&app.syn, syn, &err) != 0)
			finding(&f, F_PROBLEM, "%s", err.msg);
		else
			finding(&f, F_OK, _("synonym table %s (%d wordings)"), syn, app.syn.n);
		free(syn);
	}
	app_close(&app);
	if (f.problems || f.warnings)
		printf(_("%d problem(s) and %d warning(s) found.\n"), f.problems, f.warnings);
	else
		printf(_("All is well.\n"));
	return f.problems || f.warnings ? EXIT_FAIL : EXIT_OK;
}
