/*
 * fuzz_intake.c - the `key=value` intake files (kv.c kv_parse) of app add, sug add, ask add and
 * shelf add, each followed by its register's check (the first byte chooses the register)
 * against a database holding the demo unit directory. An application that passes is
 * registered and its receipt rendered from forms/receipt.txt; a shelf item is added. Asserts:
 * what a check lets through holds no control character; the receipt is fit for the printer.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "appl.h"
#include "ask.h"
#include "calendar.h"
#include "config.h"
#include "fuzz.h"
#include "kv.h"
#include "receipt.h"
#include "shelf.h"
#include "sug.h"
#include "unit.h"

static struct config cfg;
static struct calendar cal;

static void add_units(sqlite3 *db)
{
	struct zerr err = ZERR_INIT;
	size_t len;
	char *csv = fz_src_read("contrib/units-wushan.csv", &len);
	int added, updated;

	if (!csv || unit_import_csv(db, csv, len, "fuzz", &added, &updated, &err) != 0)
		fz_fail("cannot import the demo units: %s", err.msg);
	free(csv);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char ini[] = "[site]\nname = 巫山县高唐街道便民服务中心\ncode = WSGT\ntype = township\n"
				  "township = 高唐街道\nphone = 023-00000001\naddress = 高唐街道广东中路1号\n";
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/zwgk-fuzz-intake-%ld.ini", tmp && *tmp ? tmp : "/tmp", (long)getpid());
	char *holidays;
	struct zerr err = ZERR_INIT;
	int fd;

	(void)argc;
	(void)argv;
	fz_setup();
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, ini, sizeof ini - 1) != (ssize_t)(sizeof ini - 1) || close(fd) != 0)
		fz_fail("cannot write %s", path);
	if (config_load(&cfg, path, NULL, NULL) != 0)
		fz_fail("the intake harness's configuration does not load");
	unlink(path);
	free(path);
	holidays = fz_src_path("contrib/holidays.txt");
	if (cal_load(&cal, holidays, &err) != 0)
		fz_fail("%s", err.msg);
	free(holidays);
	return 0;
}

static int set_appl(void *ctx, const char *key, const char *value)
{
	int f = appl_field_by_key(key);

	if (f < 0)
		return -1;
	appl_set(ctx, f, value);
	return 0;
}

static int set_sug(void *ctx, const char *key, const char *value)
{
	int f = sug_field_by_key(key);

	if (f < 0)
		return -1;
	sug_set(ctx, f, value);
	return 0;
}

static int set_ask(void *ctx, const char *key, const char *value)
{
	int f = ask_field_by_key(key);

	if (strcmp(key, "entry") == 0)
		return 0;
	if (f < 0)
		return -1;
	ask_set(ctx, f, value);
	return 0;
}

static int set_shelf(void *ctx, const char *key, const char *value)
{
	int f = shelf_field_by_key(key);

	if (f < 0)
		return -1;
	shelf_set(ctx, f, value);
	return 0;
}

static void bad_line(void *ctx, const char *msg)
{
	(void)ctx;
	if (!msg || !*msg)
		fz_fail("kv_parse reported an empty message");
}

static void fields_safe(const char *reg, char **f, int n)
{
	for (int i = 0; i < n; i++) {
		char what[64];

		snprintf(what, sizeof what, "%s field %d as checked", reg, i);
		fz_assert_safe(what, f[i], 0);
	}
}

static void intake_appl(sqlite3 *db, const char *text, size_t len)
{
	struct appl a;
	struct unit u;
	struct appl_check c;
	struct zerr err = ZERR_INIT;

	appl_init(&a);
	if (kv_parse(text, len, "fuzz", set_appl, bad_line, &a, &err) != 0) {
		appl_free(&a);
		return;
	}
	appl_validate(db, &a, date_today(), &u, &c);
	if (!c.errors) {
		fields_safe("application", a.f, AF_COUNT);
		if (appl_in_scope(&cfg, &u)) {
			char *receipt;

			if (appl_register(db, &cfg, &cal, &a, "fuzz", &err) != 0)
				fz_fail("a checked application is not registered: %s", err.msg);
			receipt = receipt_text(&cfg, &cal, &a, "fuzz", &err);
			if (!receipt)
				fz_fail("receipt_text: %s", err.msg);
			fz_assert_safe("the receipt", receipt, 1);
			free(receipt);
		}
	}
	appl_check_free(&c);
	unit_free(&u);
	appl_free(&a);
}

static void intake_sug(sqlite3 *db, const char *text, size_t len)
{
	struct sug s;
	struct unit u;
	struct appl_check c;
	struct zerr err = ZERR_INIT;

	sug_init(&s);
	if (kv_parse(text, len, "fuzz", set_sug, bad_line, &s, &err) == 0) {
		sug_validate(db, &s, date_today(), &u, &c);
		if (!c.errors)
			fields_safe("suggestion", s.f, SF_COUNT);
		appl_check_free(&c);
		unit_free(&u);
	}
	sug_free(&s);
}

static void intake_ask(const char *text, size_t len)
{
	struct ask q;
	struct appl_check c;
	struct zerr err = ZERR_INIT;

	ask_init(&q);
	if (kv_parse(text, len, "fuzz", set_ask, bad_line, &q, &err) == 0) {
		ask_validate(&q, date_today(), &c);
		if (!c.errors)
			fields_safe("consultation", q.f, QF_COUNT);
		appl_check_free(&c);
	}
	ask_free(&q);
}

static void intake_shelf(sqlite3 *db, const char *text, size_t len)
{
	struct shelf_item it;
	struct appl_check c;
	struct zerr err = ZERR_INIT;

	shelf_init(&it);
	if (kv_parse(text, len, "fuzz", set_shelf, bad_line, &it, &err) == 0) {
		if (shelf_add(db, &it, date_today(), "fuzz", &c, &err) == 0)
			fields_safe("shelf item", it.f, HF_COUNT);
		else if (!c.errors && !err.msg[0])
			fz_fail("shelf_add refused without saying why");
		appl_check_free(&c);
	}
	shelf_free(&it);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sqlite3 *db;
	const char *text = (const char *)data + 1;

	if (!size)
		return 0;
	db = fz_db(add_units);
	switch (data[0] & 3) {
	case 0:
		intake_appl(db, text, size - 1);
		break;
	case 1:
		intake_sug(db, text, size - 1);
		break;
	case 2:
		intake_ask(text, size - 1);
		break;
	default:
		intake_shelf(db, text, size - 1);
		break;
	}
	return 0;
}
