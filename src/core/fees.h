/* fees.h - the approved copy and print charges (收费标准, [fees]): quotes, the posted schedule, the paid prints. */
#ifndef ZWGK_FEES_H
#define ZWGK_FEES_H

#include <sqlite3.h>

#include "config.h"

struct fees {
	int approved;			/* a charge per page is approved; else printing is free */
	long per_page_fen, colour_fen;	/* in fen (分) */
	int free_pages;
	const char *document;		/* the approving document */
};

/* Reads [fees]; a charge that is not an amount of yuan (0.50) is an error naming the key. */
int fees_load(const struct config *cfg, struct fees *f, struct zerr *err);
/* What `pages` pages cost (colour or not), in fen: 0 when nothing is approved. */
long fees_amount(const struct fees *f, int pages, int colour);
/* "0.50 元"; caller frees. */
char *fees_format(long fen);
/* The schedule for posting on site (forms/fees.txt); says plainly when printing is free. */
char *fees_schedule_text(const struct config *cfg, struct zerr *err);
/* Records a paid print (pages, amount) for the ledger. */
int fees_record(sqlite3 *db, const char *op, const char *what, const char *ref, int pages, long amount_fen,
		const char *document, struct zerr *err);

/* The pages a text fills on paper (60 lines each, at least one). */
int fees_pages(const char *text);

/*
 * Prints a text on the site's schedule: sends it, logs the print (`what`, `ref`), and when a
 * charge is approved records the paid print. *amount_fen is what to collect (0: free). The
 * print is not charged when it fails.
 */
int fees_print(sqlite3 *db, const struct config *cfg, const struct fees *f, const char *what, const char *ref,
	       const char *title, const char *text, const char *op, long *amount_fen, char **job, struct zerr *err);

#endif
