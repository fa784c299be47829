/* t_config.c - the INI schema: defaults, derived zones, every kind of bad value, warnings. */
#include <stdlib.h>

#include "config.h"
#include "fsutil.h"
#include "t.h"

struct collected {
	struct sbuf errors, warnings;
	int nerr, nwarn;
};

static void collect(void *ctx, int severity, const char *msg)
{
	struct collected *c = ctx;

	if (severity == CFG_ERROR) {
		sbuf_printf(&c->errors, "%s\n", msg);
		c->nerr++;
	} else {
		sbuf_printf(&c->warnings, "%s\n", msg);
		c->nwarn++;
	}
}

/* Writes text as zwgk.ini in the test folder and loads it. */
static int load_text(const char *text, struct config *cfg, struct collected *c)
{
	char *path = fs_join(t_tmpdir(), "zwgk.ini");
	struct zerr err = ZERR_INIT;
	int rc;

	memset(c, 0, sizeof *c);
	CHECK_INT(fs_write_atomic(path, text, strlen(text), 0600, &err), 0);
	rc = config_load(cfg, path, collect, c);
	free(path);
	return rc;
}

static void done(struct config *cfg, struct collected *c)
{
	config_free(cfg);
	sbuf_free(&c->errors);
	sbuf_free(&c->warnings);
}

#define MINIMAL "[site]\nname = 巫山县政务服务中心\ncode = WSZX\ntype = county_center\n"

static void test_minimal_and_defaults(void)
{
	struct config cfg;
	struct collected c;

	CHECK_INT(load_text(MINIMAL, &cfg, &c), 0);
	CHECK_INT(c.nwarn, 0);
	CHECK_STR(cfg.site_name, "巫山县政务服务中心");
	CHECK_INT(cfg.site_type, SITE_COUNTY_CENTER);
	for (int z = 0; z < ZONE_COUNT; z++)
		CHECK_INT(cfg.zones[z], 1);
	CHECK_INT(cfg.printer_copies, 1);
	CHECK_STR(cfg.printer_command, "lp");
	CHECK_STR(cfg.application_serial, "{site}-{yyyy}-{seq:05}");
	CHECK_INT(cfg.colour, COLOUR_AUTO);
	CHECK_STR(config_language(&cfg), "");
	/* Relative paths are relative to the INI file's folder. */
	CHECK(str_startswith(cfg.db_path, t_tmpdir()));
	CHECK_CONTAINS(cfg.db_path, "/zwgk.db");
	CHECK_CONTAINS(cfg.calendar_file, "/holidays.txt");
	done(&cfg, &c);
}

static void test_zones_from_type(void)
{
	struct config cfg;
	struct collected c;

	CHECK_INT(load_text("[site]\nname = 巫山县档案馆\ncode = WSDA\ntype = archive\n", &cfg, &c), 0);
	CHECK_INT(cfg.zones[ZONE_QUERY], 1);
	CHECK_INT(cfg.zones[ZONE_READING], 1);
	CHECK_INT(cfg.zones[ZONE_APPLICATION], 1);
	CHECK_INT(cfg.zones[ZONE_CONSULTATION], 0);
	done(&cfg, &c);
	CHECK_INT(load_text("[site]\nname = x\ncode = X\ntype = library\n[zones]\nconsultation = yes\nquery = 否\n", &cfg, &c), 0);
	CHECK_INT(cfg.zones[ZONE_CONSULTATION], 1);
	CHECK_INT(cfg.zones[ZONE_QUERY], 0);
	done(&cfg, &c);
}

static void test_staff_list(void)
{
	struct config cfg;
	struct collected c;

	CHECK_INT(load_text(MINIMAL "staff = 张敏，李华、 王芳 ,\n", &cfg, &c), 0);
	CHECK_STR(cfg.staff[0], "张敏");
	CHECK_STR(cfg.staff[1], "李华");
	CHECK_STR(cfg.staff[2], "王芳");
	CHECK(cfg.staff[3] == NULL);
	done(&cfg, &c);
}

static void test_bad_values(void)
{
	struct config cfg;
	struct collected c;

	CHECK_INT(load_text("[site]\nname = x\ncode = X\ntype = town\n", &cfg, &c), 1);
	CHECK_CONTAINS(c.errors.s, "zwgk.ini: [site] type: 'town' is not valid; allowed: county_center, township, village, archive, library");
	done(&cfg, &c);

	CHECK_INT(load_text("[site]\ncode = X Y\ntype = township\n[printer]\ncopies = 12\n[ui]\ncolour = blue\n", &cfg, &c), 5);
	CHECK_CONTAINS(c.errors.s, "[site] name: missing; allowed: text of at most 60 characters");
	CHECK_CONTAINS(c.errors.s, "[site] code: 'X Y' is not valid; allowed: 1 to 16 letters, digits or '-'");
	CHECK_CONTAINS(c.errors.s, "[printer] copies: '12' is not valid; allowed: a whole number from 1 to 9");
	CHECK_CONTAINS(c.errors.s, "[ui] colour: 'blue' is not valid; allowed: auto, on, off");
	CHECK_CONTAINS(c.errors.s, "[site] township: missing");
	done(&cfg, &c);
}

static void test_unknown_keys_warn(void)
{
	struct config cfg;
	struct collected c;

	CHECK_INT(load_text(MINIMAL "[ui]\ncolor = off\nfoo = 1\n[printers]\nqueue = x\n", &cfg, &c), 0);
	CHECK_INT(c.nwarn, 3);
	CHECK_CONTAINS(c.warnings.s, "[ui] color: unknown key, ignored (did you mean 'colour'?)");
	CHECK_CONTAINS(c.warnings.s, "[ui] foo: unknown key, ignored");
	CHECK_CONTAINS(c.warnings.s, "[printers]: unknown section, ignored");
	done(&cfg, &c);
}

static void test_syntax_errors(void)
{
	struct config cfg;
	struct collected c;

	CHECK(load_text(MINIMAL "this line is not ini\n", &cfg, &c) > 0);
	CHECK_CONTAINS(c.errors.s, "zwgk.ini: line 5: cannot read 'this line is not ini'");
	done(&cfg, &c);
	CHECK(load_text("\xef\xbb\xbf" MINIMAL, &cfg, &c) > 0);
	CHECK_CONTAINS(c.errors.s, "byte-order mark");
	done(&cfg, &c);
	CHECK(load_text("[site]\nname = \xd6\xd0\xce\xc4\n", &cfg, &c) > 0);
	CHECK_CONTAINS(c.errors.s, "not UTF-8");
	done(&cfg, &c);
	{
		memset(&c, 0, sizeof c);
		CHECK(config_load(&cfg, "/nonexistent/zwgk.ini", collect, &c) > 0);
		CHECK_CONTAINS(c.errors.s, "/nonexistent/zwgk.ini: cannot read the configuration");
		done(&cfg, &c);
	}
}

static void test_key_overrides(void)
{
	struct config cfg;
	struct collected c;

	CHECK_INT(load_text(MINIMAL "[ui]\nkey_save = F3 C-w\nkey_search = /\n", &cfg, &c), 0);
	CHECK_INT(keymap_lookup(&cfg.keymap, ZK_F(3), SCR_FORM), ACT_SAVE);
	CHECK_INT(keymap_lookup(&cfg.keymap, ZK_CTRL('w'), SCR_FORM), ACT_SAVE);
	CHECK_INT(keymap_lookup(&cfg.keymap, ZK_F(2), SCR_FORM), ACT_NONE);
	CHECK_INT(keymap_lookup(&cfg.keymap, 's', SCR_LIST), ACT_NONE);
	done(&cfg, &c);
	CHECK_INT(load_text(MINIMAL "[ui]\nkey_fly = F3\nkey_save = F99\nkey_add = Enter\n", &cfg, &c), 3);
	CHECK_CONTAINS(c.errors.s, "[ui] key_fly: unknown action; allowed: key_help, key_quit, key_back");
	CHECK_CONTAINS(c.errors.s, "[ui] key_save: 'F99' is not a key name");
	CHECK_CONTAINS(c.errors.s, "[ui] key_add: key Enter is already used by 'open'");
	done(&cfg, &c);
}

static void test_template_loads(void)
{
	const char *values[] = { "site:name", "巫山县高唐街道便民服务中心", "site:code", "WSGT", "site:type", "township",
				 "site:county", "巫山县", "site:township", "高唐街道", "site:staff", "张敏, 李华",
				 "ui:language", "zh_CN", NULL };
	char *text = config_template(values);
	struct config cfg;
	struct collected c;

	CHECK_INT(load_text(text, &cfg, &c), 0);
	CHECK_INT(c.nwarn, 0);
	CHECK_STR(cfg.site_township, "高唐街道");
	CHECK_STR(cfg.staff[1], "李华");
	CHECK_STR(config_language(&cfg), "zh_CN");
	CHECK_CONTAINS(text, "; Copies of each receipt");
	CHECK_CONTAINS(text, ";copies = 1");
	done(&cfg, &c);
	free(text);
}

static void test_find_order(void)
{
	char *p;

	setenv("ZWGK_CONFIG", "/from/env.ini", 1);
	p = config_find("/from/cli.ini");
	CHECK_STR(p, "/from/cli.ini");
	free(p);
	p = config_find(NULL);
	CHECK_STR(p, "/from/env.ini");
	free(p);
	unsetenv("ZWGK_CONFIG");
}

T_SUITE(config_tests) = {
	{ "config: minimal file and defaults", test_minimal_and_defaults },
	{ "config: zones default from the site type, overridable", test_zones_from_type },
	{ "config: staff list with Chinese separators", test_staff_list },
	{ "config: bad values say what is allowed", test_bad_values },
	{ "config: unknown keys and sections are warned about", test_unknown_keys_warn },
	{ "config: syntax errors, BOM, GBK, missing file", test_syntax_errors },
	{ "config: key overrides validated", test_key_overrides },
	{ "config: the generated template loads cleanly", test_template_loads },
	{ "config: search order -c, then $ZWGK_CONFIG", test_find_order },
	T_END
};
