/* blank.c - forms for the shelves of the 申请接收区 (附件1 三.1 and 三.2). */
#include "blank.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fees.h"
#include "print.h"
#include "unit.h"
#include "width.h"

const char *const blank_forms[] = { "application", "sample", "suggestion", "contacts", "fees", NULL };

static const char *const labels[] = {
	N_("Application form (blank)"), N_("Application form (sample)"), N_("Suggestion form (blank)"),
	N_("Table of every unit's phone and receiving address"), N_("Schedule of copy and print charges"),
};

const char *blank_form_label(const char *name)
{
	for (int i = 0; blank_forms[i]; i++)
		if (strcmp(blank_forms[i], name) == 0)
			return _(labels[i]);
	return name;
}

/* One unit in use as table lines: every column wraps in its own width, nothing is cut off. */
static void contact_lines(void *ctx, const struct unit *u)
{
	static const int widths[3] = { 30, 22, 24 };
	const int shown[3] = { UF_NAME, UF_PHONE, UF_ADDRESS };
	struct sbuf *b = ctx;
	char **col[3];
	int lines[3], most = 0;

	if (u->retired)
		return;
	for (int c = 0; c < 3; c++) {
		lines[c] = width_wrap(u->f[shown[c]], widths[c], &col[c]);
		if (lines[c] > most)
			most = lines[c];
	}
	for (int k = 0; k < most; k++) {
		for (int c = 0; c < 3; c++) {
			char *cell = width_fit(k < lines[c] ? col[c][k] : "", widths[c], ALIGN_LEFT);

			sbuf_printf(b, "%s%s", cell, c < 2 ? " " : "\n");
			free(cell);
		}
	}
	for (int c = 0; c < 3; c++)
		strv_free(col[c]);
}

/* The contacts table: a heading, a rule, and the units in use in directory order. */
static char *contacts_table(sqlite3 *db, struct zerr *err)
{
	struct sbuf b = { 0 };
	char *head[3] = { width_fit(unit_field_label(UF_NAME), 30, ALIGN_LEFT),
			  width_fit(unit_field_label(UF_PHONE), 22, ALIGN_LEFT),
			  width_fit(unit_field_label(UF_ADDRESS), 24, ALIGN_LEFT) };

	sbuf_printf(&b, "%s %s %s\n", head[0], head[1], head[2]);
	for (int i = 0; i < 3; i++)
		free(head[i]);
	for (int i = 0; i < 78; i++)
		sbuf_addc(&b, '-');
	sbuf_addc(&b, '\n');
	if (unit_each(db, NULL, contact_lines, &b, err) != 0) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_take(&b);
}

char *blank_render(const struct config *cfg, sqlite3 *db, const char *name, struct zerr *err)
{
	char today[DATE_BUFSZ], *form, *table = NULL, *out, *file;
	int known = 0;

	for (int i = 0; blank_forms[i]; i++)
		known |= strcmp(blank_forms[i], name) == 0;
	if (!known) {
		zerr_set(err, _("no form named '%s'; allowed: application, sample, suggestion, contacts, fees"), name);
		return NULL;
	}
	if (strcmp(name, "fees") == 0)
		return fees_schedule_text(cfg, err);
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
