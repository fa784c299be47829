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
	int width;		/* columns on paper (0: for spreadsheets only) */
	int align;		/* ALIGN_LEFT or ALIGN_RIGHT */
	int min;		/* how narrow it may get when a line must fit (0: not narrower; -1: not
				   narrower, and left out first when the page is too narrow) */
};

struct table {
	int format;
	const struct table_col *cols;
	int ncols;
	/* Paper: the page header's title and second line, and the page's size in lines. */
	const char *title, *subtitle;
	int page_lines;
	int line, page;		/* where the next line goes */
	int body_top;		/* the page's first line under its header */
	long rows;
	const char *group;	/* the last heading (the caller's), repeated on a page it continues on */
	struct sbuf out;	/* what is ready to be written */
};

/* Paper sizes for the CUPS text filter at 10 characters per inch and 6 lines per inch on A4. */
#define TABLE_PORTRAIT_LINES 60
#define TABLE_LANDSCAPE_LINES 40
#define TABLE_PORTRAIT_WIDTH 76
#define TABLE_LANDSCAPE_WIDTH 104

/*
 * Fits paper columns into `width` (the columns and a space between each): the text columns
 * narrow towards their minimum, the one with most to spare first (their cells wrap); when
 * that is not enough, a column is left to the spreadsheet (width 0), those marked -1 first,
 * then the last, and the rest are fitted again.
 */
void table_cols_fit(struct table_col *cols, int n, int width);

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

/* A report's writer that collects into the struct sbuf at ctx (for a file, a preview or lp). */
int table_sink_sbuf(void *ctx, const char *s, size_t n, struct zerr *err);
/* Centres s (made safe) in `width` columns on a line of its own; a rule of `width` c's. */
void table_centered(struct sbuf *b, const char *s, int width);
void table_rule(struct sbuf *b, int width, char c);

#endif
