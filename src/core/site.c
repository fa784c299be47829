/* site.c - `zwgk init`: a new site folder that works at once. */
#include "site.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "check.h"
#include "config.h"
#include "db.h"
#include "fsutil.h"
#include "shelf.h"
#include "unit.h"

#define CALENDAR_FILE "holidays.txt"
#define SYNONYMS_FILE "synonyms.txt"
#define DEMO_UNITS "units-wushan.csv"

static int dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

static int copy_file(const char *from, const char *to, mode_t mode, struct zerr *err)
{
	struct zerr e = ZERR_INIT;
	size_t len;
	char *text = fs_read_file(from, 16 << 20, &len, &e);
	int rc;

	if (!text) {
		zerr_set(err, _("cannot read %s: %s"), from, e.msg);
		return -1;
	}
	rc = fs_write_atomic(to, text, len, mode, err);
	free(text);
	return rc;
}

static int load_demo(const char *db_path, struct zerr *err)
{
	char *csv_path = fs_join(app_data_dir(), DEMO_UNITS);
	struct zerr e = ZERR_INIT;
	sqlite3 *db;
	size_t len;
	char *text = fs_read_file(csv_path, 16 << 20, &len, &e);
	int added, updated, rc = -1;

	if (!text) {
		zerr_set(err, _("cannot read the demo units %s: %s"), csv_path, e.msg);
		free(csv_path);
		return -1;
	}
	if (db_open(&db, db_path, DB_MUST_EXIST, err) == 0) {
		rc = unit_import_csv(db, text, len, "zwgk init", &added, &updated, err);
		if (rc == 0)
			rc = shelf_add_demo(db, date_today(), "zwgk init", err);
		db_close(db);
	}
	free(text);
	free(csv_path);
	return rc;
}

/* Collects configuration problems of the generated file, without its temporary name. */
struct problems {
	const char *tmp;
	struct sbuf text;
};

static void collect(void *ctx, int severity, const char *msg)
{
	struct problems *p = ctx;
	size_t n = strlen(p->tmp);

	(void)severity;
	if (p->text.len)
		sbuf_addc(&p->text, '\n');
	sbuf_add(&p->text, strncmp(msg, p->tmp, n) == 0 && msg[n] == ':' ? msg + n + 2 : msg);
}

/*
 * Checks the values and the file they make before anything is created: a value may not hold
 * control characters or '"' (they could start a new line or section of the file), and the
 * generated zwgk.ini must load without errors.
 */
static int check_config(const char *const *values, const char *text, struct zerr *err)
{
	struct problems p = { NULL, { 0 } };
	struct config cfg;
	char tmp[] = "/tmp/zwgk-init-XXXXXX";
	int fd, errors;

	for (const char *const *v = values; v[0]; v += 2) {
		if (v[1] && (check_text(v[1], 200) < 0 || strchr(v[1], '"'))) {
			const char *colon = strchr(v[0], ':');

			zerr_set(err, _("[%.*s] %s: may not hold control characters, line breaks or '\"'; nothing was created"),
				 (int)(colon - v[0]), v[0], colon + 1);
			err->field = SITE_BAD_VALUE;
			return -1;
		}
	}
	fd = mkstemp(tmp);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		zerr_set(err, _("cannot write a temporary file: %s"), strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return -1;
	}
	close(fd);
	p.tmp = tmp;
	errors = config_load(&cfg, tmp, collect, &p);
	config_free(&cfg);
	unlink(tmp);
	if (errors) {
		zerr_set(err, _("%s\nnothing was created"), p.text.s ? p.text.s : "?");
		err->field = SITE_BAD_VALUE;
	}
	sbuf_free(&p.text);
	return errors ? -1 : 0;
}

/* The highest folder on the way to `dir` that does not exist yet (what a failed init removes). */
static char *first_missing(const char *dir)
{
	char *top = xstrdup(dir);

	for (;;) {
		char *parent = fs_dirname(top);

		if (strcmp(parent, top) == 0 || fs_exists(parent)) {
			free(parent);
			return top;
		}
		free(top);
		top = parent;
	}
}

int site_init(const char *dir, const struct site_spec *spec, struct zerr *err)
{
	char *ini = fs_join(dir, "zwgk.ini"), *cal = fs_join(dir, CALENDAR_FILE);
	char *db_path = fs_join(dir, "zwgk.db"), *backups = fs_join(dir, "backups");
	char *spool = fs_join(dir, "spool"), *cal_src = fs_join(app_data_dir(), CALENDAR_FILE);
	char *syn = fs_join(dir, SYNONYMS_FILE), *syn_src = fs_join(app_data_dir(), SYNONYMS_FILE);
	/* Chinese is the users' language: a new site starts in it whatever the shell's locale. */
	const char *values[] = {
		"site:name", spec->name, "site:code", spec->code, "site:type", spec->type,
		"site:county", spec->county, "site:township", spec->township, "site:staff", spec->staff,
		"ui:language", "zh_CN", NULL
	};
	char *text = config_template(values), *created = NULL;
	int rc = -1;
	sqlite3 *db;

	if (!*dir) {
		zerr_set(err, _("no folder name given"));
		err->field = SITE_BAD_VALUE;
		goto out;
	}
	if (check_config(values, text, err) != 0)
		goto out;

	if (fs_exists(dir)) {
		if (!fs_is_dir(dir)) {
			zerr_set(err, _("%s exists and is not a folder; nothing was created"), dir);
			goto out;
		}
		if (fs_exists(ini) || fs_exists(db_path)) {
			zerr_set(err, _("%s already holds a site (zwgk.ini or zwgk.db); nothing was changed"), dir);
			goto out;
		}
		if (!dir_is_empty(dir)) {
			zerr_set(err, _("%s is not empty; give a new or empty folder"), dir);
			goto out;
		}
		if (access(dir, W_OK) != 0) {
			zerr_set(err, _("cannot write in %s: %s"), dir, strerror(errno));
			goto out;
		}
	} else {
		created = first_missing(dir);
		if (fs_mkdir_p(dir, 0700, err) != 0)
			goto undo;
	}
	if (!fs_exists(cal_src)) {
		zerr_set(err, _("the shipped calendar %s is missing (set ZWGK_DATADIR to the folder that holds it)"),
			 cal_src);
		goto undo;
	}
	if (!fs_exists(syn_src)) {
		zerr_set(err, _("the shipped synonym table %s is missing (set ZWGK_DATADIR to the folder that holds it)"),
			 syn_src);
		goto undo;
	}
	if (fs_write_atomic(ini, text, strlen(text), 0600, err) != 0 || copy_file(cal_src, cal, 0644, err) != 0 ||
	    copy_file(syn_src, syn, 0644, err) != 0 ||
	    fs_mkdir_p(backups, 0700, err) != 0 || fs_mkdir_p(spool, 0700, err) != 0)
		goto undo;
	if (db_open(&db, db_path, DB_CREATE, err) != 0)
		goto undo;
	db_close(db);
	if (spec->demo && load_demo(db_path, err) != 0)
		goto undo;
	rc = 0;
	goto out;
undo:
	{
		const char *files[] = { ini, cal, syn, db_path };

		for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
			unlink(files[i]);
		for (size_t i = 0; i < 2; i++) {
			char *side = xasprintf("%s%s", db_path, i ? "-shm" : "-wal");

			unlink(side);
			free(side);
		}
		rmdir(backups);
		rmdir(spool);
		/* Remove the folders this init made, from DIR up to the first that was missing. */
		if (created) {
			char *d = xstrdup(dir);

			while (rmdir(d) == 0 && strcmp(d, created) != 0) {
				char *parent = fs_dirname(d);

				free(d);
				d = parent;
			}
			free(d);
		}
	}
out:
	free(created);
	free(text);
	free(ini);
	free(cal);
	free(db_path);
	free(backups);
	free(spool);
	free(cal_src);
	free(syn);
	free(syn_src);
	return rc;
}
