/* cmd_shelf.c - `zwgk shelf ...`: the reading room's shelf catalogue from a shell. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appl.h"
#include "cli.h"
#include "shelf.h"
#include "table.h"
#include "width.h"

/* The usage of one verb, or of them all for a verb that is not one. */
static int usage(const char *verb)
{
	static const struct {
		const char *verb, *text;
	} usages[] = {
		{ "list", N_("usage: zwgk shelf list [--stale] [--all] [--format text|tsv|csv]") },
		{ "stale", N_("usage: zwgk shelf stale [--format text|tsv|csv]") },
		{ "add", N_("usage: zwgk shelf add --from FILE (- reads standard input)") },
		{ "show", N_("usage: zwgk shelf show ID") },
		{ "replace", N_("usage: zwgk shelf replace ID --edition TEXT [--placed YYYY-MM-DD] [--copies N]") },
		{ "change", N_("usage: zwgk shelf change ID [--copies N] [--position TEXT], at least one of them") },
		{ "retire", N_("usage: zwgk shelf retire ID") },
		{ "print", N_("usage: zwgk shelf print [--show]") },
	};

	for (size_t i = 0; i < sizeof usages / sizeof usages[0]; i++) {
		if (strcmp(verb, usages[i].verb) == 0) {
			cli_error("%s", _(usages[i].text));
			return EXIT_USAGE;
		}
	}
	cli_error(_("usage: zwgk shelf list [--stale] [--all] [--format text|tsv|csv] | stale | add --from FILE|- | show ID"
		    " | replace ID --edition TEXT [--placed YYYY-MM-DD] [--copies N]"
		    " | change ID [--copies N] [--position TEXT] | retire ID | print [--show]"));
	return EXIT_USAGE;
}

/* An item number as typed: digits only. */
static long long parse_id(const char *s)
{
	long long id = 0;

	if (!*s || strlen(s) > 12)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		id = id * 10 + (*p - '0');
	}
	return id;
}

/* The options after the verb (and the ID); each takes a value unless it is a flag. */
struct opts {
	long long id;
	int stale, all, show, format;
	const char *from, *edition, *placed, *copies, *position;
};

static int parse(int argc, char **argv, int want_id, struct opts *o)
{
	int i = 2;

	memset(o, 0, sizeof *o);
	o->format = TABLE_PAGED;
	if (want_id) {
		if (argc < 3)
			return usage(argv[1]);
		o->id = parse_id(argv[2]);
		if (!o->id) {
			cli_error(_("'%s' is not an item number; the numbers are in the first column of zwgk shelf list"),
				  argv[2]);
			return EXIT_USAGE;
		}
		i = 3;
	}
	for (; i < argc; i++) {
		const char **value = strcmp(argv[i], "--from") == 0	   ? &o->from
				     : strcmp(argv[i], "--edition") == 0   ? &o->edition
				     : strcmp(argv[i], "--placed") == 0	   ? &o->placed
				     : strcmp(argv[i], "--copies") == 0	   ? &o->copies
				     : strcmp(argv[i], "--position") == 0 ? &o->position
									   : NULL;

		if (strcmp(argv[i], "--stale") == 0) {
			o->stale = 1;
		} else if (strcmp(argv[i], "--all") == 0) {
			o->all = 1;
		} else if (strcmp(argv[i], "--show") == 0) {
			o->show = 1;
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			o->format = table_format_parse(argv[++i]);
			if (o->format < 0) {
				cli_error(_("'%s' is not a format; allowed: text, tsv, csv"), argv[i]);
				return EXIT_USAGE;
			}
		} else if (value && i + 1 < argc && !*value) {
			*value = argv[++i];
		} else {
			return usage(argv[1]);
		}
	}
	return EXIT_OK;
}

static int set_field(void *ctx, const char *key, const char *value)
{
	int f = shelf_field_by_key(key);

	if (f < 0)
		return -1;
	shelf_set(ctx, f, value);
	return 0;
}

static int shelf_cmd_add(struct app *app, const char *file)
{
	struct shelf_item it;
	struct appl_check c;
	struct zerr err = ZERR_INIT;
	int rc = EXIT_OK;

	shelf_init(&it);
	if (cli_read_kv(file, set_field, &it) != 0) {
		shelf_free(&it);
		return EXIT_USAGE;
	}
	if (shelf_add(app->db, &it, date_today(), app->operator, &c, &err) != 0) {
		for (int i = 0; i < c.n; i++)
			cli_print(stderr, "%s: %s\n", shelf_field_key(c.v[i].field), c.v[i].msg);
		if (c.errors) {
			rc = EXIT_USAGE;
		} else {
			cli_error("%s", err.msg);
			rc = EXIT_FAIL;
		}
	} else {
		printf("%lld\n", it.id);
	}
	appl_check_free(&c);
	shelf_free(&it);
	return rc;
}

/* The text listing's columns: number, placed, edition, place, copies, take-away, state, and the title whole. */
static const int text_widths[] = { 4, 10, 12, 10, 4, 8, 16, 0 };
static const int text_aligns[] = { ALIGN_RIGHT, ALIGN_LEFT, ALIGN_LEFT, ALIGN_LEFT, ALIGN_RIGHT, ALIGN_LEFT,
				   ALIGN_LEFT, ALIGN_LEFT };
#define NTEXT ((int)(sizeof text_widths / sizeof text_widths[0]))

struct listing {
	const struct app *app;
	int format, kind, rows, stale;
	zdate today;
};

static char *state_text(const struct listing *l, const struct shelf_item *it)
{
	if (it->retired)
		return xstrdup(_("taken off the shelf"));
	if (shelf_stale(&l->app->cfg, it, l->today))
		return xasprintf(_("stale, %d day(s)"), l->today - shelf_due(&l->app->cfg, it));
	return xstrdup("");
}

static int list_one(void *ctx, const struct shelf_item *it)
{
	struct listing *l = ctx;
	int stale = shelf_stale(&l->app->cfg, it, l->today);
	char id[24], due[DATE_BUFSZ];

	snprintf(id, sizeof id, "%lld", it->id);
	date_format(shelf_due(&l->app->cfg, it), due);
	if (l->format == TABLE_PAGED) {
		char *state = state_text(l, it);
		const char *cells[NTEXT] = { id, it->f[HF_PLACED], it->f[HF_EDITION], it->f[HF_POSITION], it->f[HF_COPIES],
					     it->take_away ? _("yes") : "", state, it->f[HF_TITLE] };

		if (it->kind != l->kind) {
			char *heading = xasprintf(_("[%s]"), shelf_kind_label(it->kind));

			cli_print(stdout, "%s\n", heading);
			free(heading);
			l->kind = it->kind;
		}
		cli_text_row(text_widths, text_aligns, cells, NTEXT);
		free(state);
	} else {
		const char *cells[] = { id, shelf_kind_code(it->kind), it->f[HF_TITLE], it->f[HF_EDITION], it->f[HF_POSITION],
					it->f[HF_COPIES], it->f[HF_PLACED], due, it->take_away ? "yes" : "no",
					stale ? "yes" : "no", it->retired ? "yes" : "no" };

		cli_flat_row(l->format, cells, (int)(sizeof cells / sizeof cells[0]));
	}
	l->rows++;
	l->stale += stale;
	return 0;
}

static int shelf_cmd_list(struct app *app, const struct opts *o)
{
	struct shelf_filter f = { o->stale, o->all, date_today(), &app->cfg };
	struct listing l = { app, o->format, -1, 0, 0, f.today };
	struct zerr err = ZERR_INIT;

	if (o->format == TABLE_PAGED) {
		const char *head[NTEXT] = { _("No."), shelf_field_label(HF_PLACED), shelf_field_label(HF_EDITION),
					    shelf_field_label(HF_POSITION), shelf_field_label(HF_COPIES), _("Take away"),
					    _("State"), shelf_field_label(HF_TITLE) };

		cli_text_row(text_widths, text_aligns, head, NTEXT);
	} else {
		const char *head[] = { "id", "kind", "title", "edition", "position", "copies", "placed", "due", "take_away",
				       "stale", "retired" };

		cli_flat_row(o->format, head, (int)(sizeof head / sizeof head[0]));
	}
	if (shelf_each(app->db, &f, list_one, &l, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	if (o->format == TABLE_PAGED)
		printf(_("%d item(s), %d out of date.\n"), l.rows, l.stale);
	return EXIT_OK;
}

static void print_event(void *ctx, const char *at, const char *day, const char *op, const char *event,
			const char *detail)
{
	char *label = width_fit(shelf_event_label(event), 12, ALIGN_LEFT), *words = shelf_event_detail(event, detail);

	(void)ctx;
	cli_print(stdout, "  %s  %s  %s %s  %s\n", at, day, label, op, words);
	free(label);
	free(words);
}

static int load(struct app *app, long long id, struct shelf_item *it)
{
	struct zerr err = ZERR_INIT;

	if (shelf_get(app->db, id, it, &err) != 0) {
		cli_error("%s", err.msg);
		return -1;
	}
	return 0;
}

static int shelf_cmd_show(struct app *app, long long id)
{
	struct shelf_item it;
	struct zerr err = ZERR_INIT;
	char *state;

	if (load(app, id, &it) != 0)
		return EXIT_FAIL;
	printf("id: %lld\n", it.id);
	for (int f = 0; f < HF_COUNT; f++)
		cli_print(stdout, "%s: %s%s%s%s\n", shelf_field_key(f), it.f[f], f == HF_KIND ? " (" : "",
			  f == HF_KIND ? shelf_kind_label(it.kind) : "", f == HF_KIND ? ")" : "");
	state = shelf_state_text(&app->cfg, &it, date_today());
	cli_print(stdout, "state: %s\n", state);
	free(state);
	cli_print(stdout, "added: %s %s\nchanged: %s %s\n", it.created_at, it.created_by, it.updated_at, it.updated_by);
	printf("history:\n");
	if (shelf_history(app->db, it.id, print_event, NULL, &err) != 0)
		cli_error("%s", err.msg);
	shelf_free(&it);
	return EXIT_OK;
}

/* replace, change, retire: load, change, say what the shelf holds now. */
static int shelf_cmd_change(struct app *app, const char *verb, const struct opts *o)
{
	struct shelf_item it;
	struct zerr err = ZERR_INIT;
	zdate today = date_today(), placed = today;
	int copies = 0, rc;

	if (o->placed && date_parse(o->placed, &placed) != 0) {
		cli_error(_("'%s' is not a date; allowed: YYYY-MM-DD"), o->placed);
		return EXIT_USAGE;
	}
	if (o->copies && (copies = shelf_parse_copies(o->copies)) < 0) {
		cli_error(_("'%s' is not a number of copies; allowed: 1 to 999"), o->copies);
		return EXIT_USAGE;
	}
	if (load(app, o->id, &it) != 0)
		return EXIT_FAIL;
	if (strcmp(verb, "replace") == 0)
		rc = shelf_replace(app->db, &it, o->edition, placed, copies, today, app->operator, &err);
	else if (strcmp(verb, "change") == 0)
		rc = shelf_change(app->db, &it, copies, o->position, today, app->operator, &err);
	else
		rc = shelf_retire(app->db, &it, today, app->operator, &err);
	if (rc != 0)
		cli_error("%s", err.msg);
	else if (it.retired)
		cli_print(stdout, _("Item %lld (%s) is taken off the shelf.\n"), it.id, it.f[HF_TITLE]);
	else
		cli_print(stdout, _("Item %lld: %s, %s, at %s, %d copies, placed %s.\n"), it.id, it.f[HF_TITLE],
			  it.f[HF_EDITION], it.f[HF_POSITION], it.copies, it.f[HF_PLACED]);
	shelf_free(&it);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

static int shelf_cmd_print(struct app *app, int show)
{
	struct zerr err = ZERR_INIT;
	char *job = NULL;
	int pages, rc;

	if (show) {
		char *text = shelf_catalogue(app->db, &app->cfg, date_today(), &err);

		if (!text) {
			cli_error("%s", err.msg);
			return EXIT_FAIL;
		}
		fputs(text, stdout);
		free(text);
		return EXIT_OK;
	}
	rc = shelf_catalogue_print(app->db, &app->cfg, app->operator, &pages, &job, &err);
	if (rc != 0)
		cli_error(_("the catalogue was not printed: %s"), err.msg);
	else
		cli_print(stdout, _("Catalogue of the reading room (%d page(s)) sent to the printer%s%s.\n"), pages,
			  *job ? ": " : "", job);
	free(job);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

int cmd_shelf(const char *cfg_arg, int argc, char **argv)
{
	static const char *const with_id[] = { "show", "replace", "change", "retire" };
	const char *verb = argc >= 2 ? argv[1] : "";
	struct opts o;
	struct app app;
	int want_id = 0, rc;

	for (size_t i = 0; i < sizeof with_id / sizeof with_id[0]; i++)
		want_id |= strcmp(verb, with_id[i]) == 0;
	if (!want_id && strcmp(verb, "list") != 0 && strcmp(verb, "stale") != 0 && strcmp(verb, "add") != 0 &&
	    strcmp(verb, "print") != 0)
		return usage(verb);
	rc = parse(argc, argv, want_id, &o);
	if (rc != EXIT_OK)
		return rc;
	/* Each verb takes only its own options. */
	if ((strcmp(verb, "add") == 0 && (!o.from || o.edition || o.placed || o.copies || o.position)) ||
	    (strcmp(verb, "add") != 0 && o.from) ||
	    (strcmp(verb, "replace") == 0 && (!o.edition || o.position)) ||
	    (strcmp(verb, "replace") != 0 && (o.edition || o.placed)) ||
	    (strcmp(verb, "change") == 0 && !o.copies && !o.position) ||
	    (strcmp(verb, "change") != 0 && strcmp(verb, "replace") != 0 && (o.copies || o.position)) ||
	    (strcmp(verb, "list") != 0 && strcmp(verb, "stale") != 0 && (o.stale || o.all || o.format != TABLE_PAGED)) ||
	    (strcmp(verb, "stale") == 0 && o.all) || (strcmp(verb, "print") != 0 && o.show))
		return usage(verb);
	rc = cli_open(&app, cfg_arg, APP_ALL);
	if (rc != EXIT_OK)
		return rc;
	if (cli_operator(&app) != EXIT_OK) {
		app_close(&app);
		return EXIT_USAGE;
	}
	if (strcmp(verb, "list") == 0 || strcmp(verb, "stale") == 0) {
		o.stale |= strcmp(verb, "stale") == 0;
		rc = shelf_cmd_list(&app, &o);
	} else if (strcmp(verb, "add") == 0) {
		rc = shelf_cmd_add(&app, o.from);
	} else if (strcmp(verb, "show") == 0) {
		rc = shelf_cmd_show(&app, o.id);
	} else if (strcmp(verb, "print") == 0) {
		rc = shelf_cmd_print(&app, o.show);
	} else {
		rc = shelf_cmd_change(&app, verb, &o);
	}
	app_close(&app);
	return rc;
}
