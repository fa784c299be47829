/* cmd_unit.c - `zwgk unit list|import|export`: the unit directory from a shell. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fsutil.h"
#include "unit.h"
#include "width.h"

static void print_row(const char *const cells[4])
{
	static const int cols[4] = { 28, 12, 12, 22 };
	struct sbuf line = { 0 };

	for (int i = 0; i < 4; i++) {
		char *c = width_fit(cells[i], cols[i], ALIGN_LEFT);

		sbuf_add(&line, c);
		if (i < 3)
			sbuf_add(&line, "  ");
		free(c);
	}
	while (line.len && line.s[line.len - 1] == ' ')
		line.s[--line.len] = '\0';
	printf("%s\n", line.s);
	sbuf_free(&line);
}

static void list_one(void *ctx, const struct unit *u)
{
	char *name = unit_display_name(u);
	const char *cells[4] = { name, unit_kind_label(u->kind), u->f[UF_TOWNSHIP], u->f[UF_PHONE] };

	print_row(cells);
	free(name);
	(*(int *)ctx)++;
}

static int unit_list(struct app *app, const char *filter)
{
	struct zerr err = ZERR_INIT;
	const char *head[4] = { unit_field_label(UF_NAME), unit_field_label(UF_KIND),
				unit_field_label(UF_TOWNSHIP), unit_field_label(UF_PHONE) };
	int total = 0;

	print_row(head);
	if (unit_each(app->db, filter, list_one, &total, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	printf(_("%d unit(s).\n"), total);
	return EXIT_OK;
}

static int unit_import(struct app *app, const char *file)
{
	struct zerr err = ZERR_INIT;
	size_t len;
	char *text;
	int added, updated;

	if (cli_operator(app) != EXIT_OK)
		return EXIT_USAGE;
	text = fs_read_file(file, 16 << 20, &len, &err);
	if (!text) {
		cli_error(_("cannot read %s: %s"), file, err.msg);
		return EXIT_FAIL;
	}
	if (unit_import_csv(app->db, text, len, app->operator, &added, &updated, &err) != 0) {
		cli_print(stderr, _("zwgk: %s: nothing was imported:\n%s\n"), file, err.msg);
		free(text);
		return EXIT_FAIL;
	}
	free(text);
	printf(_("Imported %s: %d added, %d updated.\n"), file, added, updated);
	return EXIT_OK;
}

static int unit_export(struct app *app)
{
	struct zerr err = ZERR_INIT;
	char *csv = unit_export_csv(app->db, &err);

	if (!csv) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	fputs(csv, stdout);
	free(csv);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error(_("cannot write the export"));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_unit(const char *cfg_arg, int argc, char **argv)
{
	struct app app;
	int rc;

	if (argc < 2 || (strcmp(argv[1], "list") == 0 && argc > 3) ||
	    (strcmp(argv[1], "import") == 0 && argc != 3) || (strcmp(argv[1], "export") == 0 && argc != 2) ||
	    (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "import") != 0 && strcmp(argv[1], "export") != 0)) {
		cli_error(_("usage: zwgk unit list [TEXT] | zwgk unit import FILE.csv | zwgk unit export"));
		return EXIT_USAGE;
	}
	rc = cli_open(&app, cfg_arg, APP_CONFIG | APP_DB);
	if (rc != EXIT_OK)
		return rc;
	if (strcmp(argv[1], "list") == 0)
		rc = unit_list(&app, argc == 3 ? argv[2] : NULL);
	else if (strcmp(argv[1], "import") == 0)
		rc = unit_import(&app, argv[2]);
	else
		rc = unit_export(&app);
	app_close(&app);
	return rc;
}
