/*
 * fuzz_unit.c - the unit directory's CSV import (csv.c, unit.c unit_import_csv) into a fresh
 * database. Asserts: every record the reader returns is written back by csv_write_row so that
 * it reads the same; an import refused says why and leaves the directory empty; an import
 * accepted stores only values the unit form accepts, and its export imports again over it
 * without adding a unit.
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "fuzz.h"
#include "unit.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_setup();
	return 0;
}

static void read_back(char **fields, int n)
{
	struct sbuf b = { 0 };
	struct csv_reader r;
	struct zerr err = ZERR_INIT;
	char **again;
	int line, m;

	/* One empty field is a blank line, which the reader skips between records. */
	if (n == 1 && !*fields[0])
		return;
	/* After a line break: a BOM at the very start of a file is no part of its first field. */
	sbuf_add(&b, "\r\n");
	csv_write_row(&b, (const char *const *)fields, n);
	csv_init(&r, b.s, b.len);
	m = csv_read(&r, &again, &line, &err);
	if (m != n)
		fz_fail("csv: a record of %d fields reads back as %d", n, m);
	for (int i = 0; i < n; i++)
		if (strcmp(fields[i], again[i]) != 0)
			fz_fail("csv: field %d '%s' reads back as '%s'", i, fields[i], again[i]);
	strv_free(again);
	sbuf_free(&b);
}

static void check_stored(void *ctx, const struct unit *u)
{
	struct unit copy;
	struct zerr err = ZERR_INIT;

	(void)ctx;
	unit_init(&copy);
	for (int f = 0; f < UF_COUNT; f++)
		unit_set(&copy, f, u->f[f]);
	if (unit_validate(&copy, &err) != 0)
		fz_fail("unit import stored '%s', which the form refuses: %s", u->f[UF_NAME], err.msg);
	unit_free(&copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sqlite3 *db = fz_db(NULL);
	struct csv_reader r;
	struct zerr err = ZERR_INIT;
	const char *text = (const char *)data;
	char **fields;
	int line, n, added, updated;

	csv_init(&r, text, size);
	while ((n = csv_read(&r, &fields, &line, &err)) > 0) {
		read_back(fields, n);
		strv_free(fields);
	}
	if (n < 0 && !err.msg[0])
		fz_fail("csv_read failed without saying why");

	zerr_clear(&err);
	if (unit_import_csv(db, text, size, "fuzz", &added, &updated, &err) != 0) {
		if (!err.msg[0])
			fz_fail("unit_import_csv refused without saying why");
		if (unit_count(db, NULL, &err) != 0)
			fz_fail("a refused unit import left units behind");
		return 0;
	}
	if (unit_each(db, NULL, check_stored, NULL, &err) != 0)
		fz_fail("unit_each: %s", err.msg);
	{
		char *csv = unit_export_csv(db, &err);
		int added2, updated2;

		if (!csv)
			fz_fail("unit_export_csv: %s", err.msg);
		if (unit_import_csv(db, csv, strlen(csv), "fuzz", &added2, &updated2, &err) != 0)
			fz_fail("the export of an accepted import is refused: %s", err.msg);
		if (added2 != 0)
			fz_fail("the export imported over itself added %d units", added2);
		free(csv);
	}
	return 0;
}
