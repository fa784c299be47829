/*
 * fuzz_kb.c - the knowledge base's TSV import (kb.c kb_import) into a fresh database.
 * Asserts: a refused import says why and stores nothing; an accepted one stores only entries
 * and aliases the entry form and the alias dialog accept; its export imports into a fresh
 * database again and exports the same text.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fuzz.h"
#include "kb.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_setup();
	return 0;
}

static int count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fz_fail("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void check_stored(sqlite3 *db)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT id FROM kb_entry", -1, &st, NULL) != SQLITE_OK)
		fz_fail("%s", sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct kb_entry e;
		struct appl_check c;
		struct zerr err = ZERR_INIT;

		if (kb_load_id(db, sqlite3_column_int64(st, 0), &e, &err) != 0)
			fz_fail("kb_load_id: %s", err.msg);
		if (kb_validate(&e, &c) != 0)
			fz_fail("kb import stored entry '%s', which the entry form refuses: %s", e.f[KF_CODE], c.v[0].msg);
		appl_check_free(&c);
		kb_entry_free(&e);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "SELECT alias FROM kb_alias", -1, &st, NULL) != SQLITE_OK)
		fz_fail("%s", sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *alias = (const char *)sqlite3_column_text(st, 0);

		if (check_text(alias ? alias : "", 200) < 0)
			fz_fail("kb import stored an alias that kb_alias_add refuses (%zu bytes)", strlen(alias ? alias : ""));
	}
	sqlite3_finalize(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sqlite3 *db = fz_db(NULL);
	struct zerr err = ZERR_INIT;
	int added, updated;
	char *first, *second;

	if (kb_import(db, (const char *)data, size, "fuzz.tsv", "fuzz", &added, &updated, &err) != 0) {
		if (!err.msg[0])
			fz_fail("kb_import refused without saying why");
		if (count(db, "SELECT count(*) FROM kb_entry") != 0 || count(db, "SELECT count(*) FROM kb_alias") != 0)
			fz_fail("a refused kb import left entries behind");
		return 0;
	}
	check_stored(db);
	first = kb_export(db, &err);
	if (!first)
		fz_fail("kb_export: %s", err.msg);
	db = fz_db(NULL);
	if (kb_import(db, first, strlen(first), "export.tsv", "fuzz", &added, &updated, &err) != 0)
		fz_fail("the export of an accepted import is refused: %s", err.msg);
	second = kb_export(db, &err);
	if (!second)
		fz_fail("kb_export: %s", err.msg);
	if (strcmp(first, second) != 0)
		fz_fail("the export, imported and exported again, changed");
	free(first);
	free(second);
	return 0;
}
