/* t_site.c - `zwgk init`: the files it makes, their modes, the demo, refusals and clean-up. */
#include <stdlib.h>
#include <sys/stat.h>

#include "app.h"
#include "db.h"
#include "fsutil.h"
#include "site.h"
#include "t.h"
#include "unit.h"

static const struct site_spec demo = { "巫山县高唐街道便民服务中心", "WSGT", "township", "巫山县", "高唐街道", "张敏, 李华", 1 };

static int mode_of(const char *dir, const char *name)
{
	char *p = fs_join(dir, name);
	struct stat st;
	int m = stat(p, &st) == 0 ? (int)(st.st_mode & 0777) : -1;

	free(p);
	return m;
}

static void test_demo_site(void)
{
	char *dir = fs_join(t_tmpdir(), "site"), *ini = fs_join(dir, "zwgk.ini");
	struct zerr err = ZERR_INIT;
	struct app app;

	setenv("ZWGK_DATADIR", t_src("contrib"), 1);
	CHECK_INT(site_init(dir, &demo, &err), 0);
	CHECK_INT(mode_of(dir, "."), 0700);
	CHECK_INT(mode_of(dir, "zwgk.ini"), 0600);
	CHECK_INT(mode_of(dir, "zwgk.db"), 0600);
	CHECK_INT(mode_of(dir, "backups"), 0700);
	CHECK_INT(mode_of(dir, "spool"), 0700);
	CHECK_INT(app_open(&app, ini, APP_ALL, NULL, NULL, &err), EXIT_OK);
	CHECK_STR(app.cfg.site_township, "高唐街道");
	CHECK_INT(unit_count(app.db, NULL, &err), 56);
	CHECK(cal_covers(&app.cal, 2026));
	app_close(&app);
	/* A second init on the same folder changes nothing. */
	CHECK_INT(site_init(dir, &demo, &err), -1);
	CHECK_CONTAINS(err.msg, "already holds a site");
	free(ini);
	free(dir);
}

static void test_failure_cleans_up(void)
{
	char *dir = fs_join(t_tmpdir(), "broken");

	struct zerr err = ZERR_INIT;

	setenv("ZWGK_DATADIR", "/nonexistent-data", 1);
	CHECK_INT(site_init(dir, &demo, &err), -1);
	CHECK_CONTAINS(err.msg, "calendar");
	CHECK(!fs_exists(dir));
	setenv("ZWGK_DATADIR", t_src("contrib"), 1);
	CHECK_INT(site_init("/proc/zwgk-cannot-be-here", &demo, &err), -1);
	CHECK_CONTAINS(err.msg, "cannot create folder");
	free(dir);
}

T_SUITE(site_tests) = {
	{ "site: init --demo makes a private, working site", test_demo_site },
	{ "site: a failed init leaves nothing behind", test_failure_cleans_up },
	T_END
};
