/*
 * table.h - a ledger as a table: for paper (pages with a header, columns that line up with CJK,
 * cells wrapped inside their column, page numbers, a totals line) or for a spreadsheet (CSV
 * with a BOM, or TSV; cells made formula-safe). Rows stream into t->out; the caller may take
 * and write out what has collected at any time, so a long ledger never sits in memory whole.
 */
#ifndef ZWGK_TABLE_H
#define ZWGK_TABLE_H

#include "util.h"

enum table_format { TABLE_PAGED, TABLE_CSV, TABLE_TSV };

struct table_col {
	const char *label;	/* translated */
	int width;		/* columns on paper */
	int align;		/* ALIGN_LEFT or ALIGN_RIGHT */
};

struct table {
	int format;
	const struct table_col *cols;
	int ncols;
	/* Paper: the page header's title and second line, and the page's size in lines. */
	const char *title, *subtitle;
	int page_lines;
	int line, page;		/* where the next line goes */
	long rows;
	const char *group;	/* the last heading (the caller's), repeated on a page it continues on */
	struct sbuf out;	/* what is ready to be written */
};

/* Paper sizes for the CUPS text filter at 10 characters per inch and 6 lines per inch on A4. */
#define TABLE_PORTRAIT_LINES 60
#define TABLE_LANDSCAPE_LINES 40

void table_begin(struct table *t, int format, const struct table_col *cols, int ncols, const char *title,
		 const char *subtitle, int page_lines);
/*
 * On paper, a heading line before the rows of a group (a kind of material), kept on the same
 * page as the group's first row and repeated, marked as continued, on the pages the group goes
 * on to. `text` must stay valid until the next heading or the end. CSV and TSV have none.
 */
void table_heading(struct table *t, const char *text);
/* Adds one row of ncols cells (any may be NULL for empty). */
void table_row(struct table *t, const char *const *cells);
/* Ends the table: on paper the totals line or lines (as given) and the last page's number. */
void table_end(struct table *t, const char *totals);
/* The width of a paper line: the columns and one space between each. */
int table_width(const struct table *t);
/* Appends one CSV (CRLF) or TSV row of n cells, each made spreadsheet-safe. */
void table_flat_row(struct sbuf *b, int format, const char *const *cells, int n);
/* Named format: "csv", "tsv" or "text" (paper); -1 when unknown. */
int table_format_parse(const char *name);

#endif
