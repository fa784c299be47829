/* blank.c - forms for the shelves of the 申请接收区 (附件1 三.1 and 三.2). */
#include "blank.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "print.h"
#include "unit.h"
#include "width.h"

const char *const blank_forms[] = { "application", "sample", "suggestion", "contacts", NULL };

static const char *const labels[] = {
	N_("Application form (blank)"), N_("Application form (sample)"), N_("Suggestion form (blank)"),
	N_("Table of every unit's phone and receiving address"),
};

const char *blank_form_label(const char *name)
{
	for (int i = 0; blank_forms[i]; i++)
		if (strcmp(blank_forms[i], name) == 0)
			return _(labels[i]);
	return name;
}

/* The contacts table: one line per unit in use, columns fitted by display width. */
static char *contacts_table(sqlite3 *db, struct zerr *err)
{
	struct sbuf b = { 0 };
	struct unit_key key = { 0, NULL };
	char *head[3] = { width_fit(unit_field_label(UF_NAME), 30, ALIGN_LEFT),
			  width_fit(unit_field_label(UF_PHONE), 22, ALIGN_LEFT),
			  width_fit(unit_field_label(UF_ADDRESS), 24, ALIGN_LEFT) };

	sbuf_printf(&b, "%s %s %s\n", head[0], head[1], head[2]);
	for (int i = 0; i < 3; i++)
		free(head[i]);
	for (int i = 0; i < 78; i++)
		sbuf_addc(&b, '-');
	sbuf_addc(&b, '\n');
	for (;;) {
		struct unit *rows;
		int n;

		if (unit_page(db, NULL, key.name ? &key : NULL, 0, 200, &rows, &n, err) != 0) {
			free(key.name);
			sbuf_free(&b);
			return NULL;
		}
		for (int i = 0; i < n; i++) {
			/* Every column wraps in its own width: nothing the applicant needs is cut off. */
			static const int widths[3] = { 30, 22, 24 };
			const int fields_shown[3] = { UF_NAME, UF_PHONE, UF_ADDRESS };
			char **col[3];
			int lines[3], most = 0;

			if (rows[i].retired)
				continue;
			for (int c = 0; c < 3; c++) {
				lines[c] = width_wrap(rows[i].f[fields_shown[c]], widths[c], &col[c]);
				if (lines[c] > most)
					most = lines[c];
			}
			for (int k = 0; k < most; k++) {
				for (int c = 0; c < 3; c++) {
					char *cell = width_fit(k < lines[c] ? col[c][k] : "", widths[c], ALIGN_LEFT);

					sbuf_printf(&b, "%s%s", cell, c < 2 ? " " : "\n");
					free(cell);
				}
			}
			for (int c = 0; c < 3; c++)
				strv_free(col[c]);
		}
		if (n) {
			free(key.name);
			key.kind = rows[n - 1].kind;
			key.name = xstrdup(rows[n - 1].f[UF_NAME]);
		}
		unit_rows_free(rows, n);
		if (n < 200)
			break;
	}
	free(key.name);
	return sbuf_take(&b);
}

char *blank_render(const struct config *cfg, sqlite3 *db, const char *name, struct zerr *err)
{
	char today[DATE_BUFSZ], *form, *table = NULL, *out, *file;
	int known = 0;

	for (int i = 0; blank_forms[i]; i++)
		known |= strcmp(blank_forms[i], name) == 0;
	if (!known) {
		zerr_set(err, _("no form named '%s'; allowed: application, sample, suggestion, contacts"), name);
		return NULL;
	}
	form = print_load_form(cfg, name, err);
	if (!form)
		return NULL;
	if (strcmp(name, "contacts") == 0 && !(table = contacts_table(db, err))) {
		free(form);
		return NULL;
	}
	{
		const struct tvar vars[] = {
			{ "site_name", cfg->site_name }, { "county", cfg->site_county },
			{ "today", date_format(date_today(), today) }, { "table", table ? table : "" },
		};

		file = xasprintf("%s.txt", name);
		out = print_render(form, vars, (int)(sizeof vars / sizeof vars[0]), file, err);
		free(file);
	}
	free(form);
	free(table);
	return out;
}
