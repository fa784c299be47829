/*
 * fees.c - the copy and print charges a site may collect. Only charges approved by the price
 * authority may be collected (未经核定的，不得收取任何费用), so an empty [fees] per_page means
 * printing is free, and an approved charge must name the document that approved it.
 */
#include "fees.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "db.h"
#include "print.h"

/* "0.5", "0.50", "1", "12.30" yuan to fen; -1 for anything else (signs, three decimals, letters). */
static long parse_yuan(const char *s)
{
	long yuan = 0, fen = 0;
	int digits = 0, decimals = 0;
	const char *p = s;

	for (; isdigit((unsigned char)*p); p++, digits++) {
		if (digits == 6)
			return -1;
		yuan = yuan * 10 + (*p - '0');
	}
	if (!digits)
		return -1;
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++, decimals++) {
			if (decimals == 2)
				return -1;
			fen = fen * 10 + (*p - '0');
		}
		if (!decimals)
			return -1;
		if (decimals == 1)
			fen *= 10;
	}
	return *p ? -1 : yuan * 100 + fen;
}

int fees_load(const struct config *cfg, struct fees *f, struct zerr *err)
{
	const char *per = cfg->fees_per_page ? cfg->fees_per_page : "";
	const char *colour = cfg->fees_colour_per_page ? cfg->fees_colour_per_page : "";
	const char *path = cfg->path ? cfg->path : "zwgk.ini";

	memset(f, 0, sizeof *f);
	f->document = cfg->fees_document ? cfg->fees_document : "";
	f->free_pages = cfg->fees_free_pages;
	if (*per && (f->per_page_fen = parse_yuan(per)) < 0) {
		zerr_set(err, _("%s: [fees] per_page: '%s' is not an amount of yuan; allowed: e.g. 0.50 or 1, at most two decimals, or empty when no charge is approved"),
			 path, per);
		return -1;
	}
	if (*colour && (f->colour_fen = parse_yuan(colour)) < 0) {
		zerr_set(err, _("%s: [fees] colour_per_page: '%s' is not an amount of yuan; allowed: e.g. 1.00, at most two decimals, or empty"),
			 path, colour);
		return -1;
	}
	if (*colour && !*per) {
		zerr_set(err, _("%s: [fees] colour_per_page: set without per_page; allowed: both, or per_page alone, or neither"),
			 path);
		return -1;
	}
	/* A charge of 0.00 is no charge: the schedule says printing is free. */
	f->approved = f->per_page_fen > 0 || f->colour_fen > 0;
	if (f->approved && !*f->document) {
		zerr_set(err, _("%s: [fees] document: empty; a charge may only be collected when approved: name the approving document (文号), or leave per_page empty"),
			 path);
		return -1;
	}
	return 0;
}

long fees_amount(const struct fees *f, int pages, int colour)
{
	long rate;

	if (!f->approved || pages <= f->free_pages)
		return 0;
	/* Colour pages without a colour charge of their own are pages like any other. */
	rate = colour && f->colour_fen > 0 ? f->colour_fen : f->per_page_fen;
	return rate * (pages - f->free_pages);
}

char *fees_format(long fen)
{
	/* 元 in every language: the amount is what the posted schedule and the receipt say. */
	return xasprintf("%ld.%02ld 元", fen / 100, fen % 100);
}

/* The charges as lines for the schedule's {charges}. */
static char *charges_text(const struct fees *f)
{
	struct sbuf b = { 0 };
	char *amount;

	if (!f->approved) {
		sbuf_add(&b, _("Printing and copying government information here is free of charge (no charge may be collected unless it has been approved)."));
		return sbuf_take(&b);
	}
	amount = fees_format(f->per_page_fen);
	sbuf_printf(&b, _("Printing or copying in black and white: %s a page."), amount);
	free(amount);
	if (f->colour_fen > 0) {
		amount = fees_format(f->colour_fen);
		sbuf_addc(&b, '\n');
		sbuf_printf(&b, _("Printing or copying in colour: %s a page."), amount);
		free(amount);
	}
	if (f->free_pages > 0) {
		sbuf_addc(&b, '\n');
		sbuf_printf(&b, _("The first %d pages of each visit are free of charge."), f->free_pages);
	}
	sbuf_addc(&b, '\n');
	sbuf_printf(&b, _("Approved by: %s."), f->document);
	sbuf_addc(&b, '\n');
	sbuf_add(&b, _("No other charge is collected; a charge that has not been approved may not be collected."));
	return sbuf_take(&b);
}

char *fees_schedule_text(const struct config *cfg, struct zerr *err)
{
	struct fees f;
	char today[DATE_BUFSZ], *form, *charges, *out;

	if (fees_load(cfg, &f, err) != 0)
		return NULL;
	form = print_load_form(cfg, "fees", err);
	if (!form)
		return NULL;
	charges = charges_text(&f);
	{
		const struct tvar vars[] = {
			{ "site_name", cfg->site_name }, { "county", cfg->site_county },
			{ "site_phone", *cfg->site_phone ? cfg->site_phone : "-" }, { "charges", charges },
			{ "today", date_format(date_today(), today) },
		};

		out = print_render(form, vars, (int)(sizeof vars / sizeof vars[0]), "fees.txt", err);
	}
	free(charges);
	free(form);
	return out;
}

int fees_record(sqlite3 *db, const char *op, const char *what, const char *ref, int pages, long amount_fen,
		const char *document, struct zerr *err)
{
	sqlite3_stmt *st;
	char now[20], day[DATE_BUFSZ];

	if (pages <= 0 || amount_fen < 0) {
		zerr_set(err, _("a paid print needs a number of pages and an amount that is not negative"));
		return -1;
	}
	st = db_prepare(db,
			"INSERT INTO fee_log (at, day, operator, what, ref, pages, amount_fen, document)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			err);
	if (!st)
		return -1;
	db_now(now);
	date_format(date_today(), day);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, op ? op : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, what ? what : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, ref ? ref : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 6, pages);
	sqlite3_bind_int64(st, 7, amount_fen);
	sqlite3_bind_text(st, 8, document ? document : "", -1, SQLITE_TRANSIENT);
	return db_done(db, st, err);
}

int fees_pages(const char *text)
{
	int lines = 0;

	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	return lines <= 0 ? 1 : (lines + 59) / 60;
}

int fees_print(sqlite3 *db, const struct config *cfg, const struct fees *f, const char *what, const char *ref,
	       const char *title, const char *text, const char *op, long *amount_fen, char **job, struct zerr *err)
{
	struct zerr lerr = ZERR_INIT;
	int pages = fees_pages(text);
	long amount = fees_amount(f, pages, 0);

	*amount_fen = 0;
	if (print_send_logged(db, cfg, title, text, NULL, op, what, ref, job, err) != 0)
		return -1;
	if (amount > 0 && fees_record(db, op, what, ref, pages, amount, f->document, &lerr) != 0) {
		zerr_set(err, _("printed, but the charge could not be recorded: %s"), lerr.msg);
		return -1;
	}
	*amount_fen = amount;
	return 0;
}
