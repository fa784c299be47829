/* table.c - ledgers as paged text for the printer or as CSV/TSV for a spreadsheet. */
#include "table.h"

#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "width.h"

/* Lines a page's foot takes: a blank line and the page number. */
#define FOOT_LINES 2

int table_width(const struct table *t)
{
	int w = -1;

	for (int i = 0; i < t->ncols; i++)
		if (t->cols[i].width > 0)
			w += t->cols[i].width + 1;
	return w > 0 ? w : 0;
}

/* Narrows the text columns towards their minimum; returns whether the line then fits. */
static int cols_shrink(struct table_col *cols, int n, int width)
{
	for (;;) {
		int total = -1, widest = -1;

		for (int i = 0; i < n; i++) {
			if (cols[i].width <= 0)
				continue;
			total += cols[i].width + 1;
			if (cols[i].min > 0 && cols[i].width > cols[i].min &&
			    (widest < 0 || cols[i].width - cols[i].min > cols[widest].width - cols[widest].min))
				widest = i;
		}
		if (total <= width)
			return 1;
		if (widest < 0)
			return 0;
		cols[widest].width--;
	}
}

void table_cols_fit(struct table_col *cols, int n, int width)
{
	struct table_col *orig = xcalloc((size_t)n + 1, sizeof *orig);

	memcpy(orig, cols, sizeof *cols * (size_t)n);
	while (!cols_shrink(cols, n, width)) {
		int out = -1, last = -1;

		for (int i = 0; i < n; i++)
			if (orig[i].width > 0) {
				last = i;
				if (orig[i].min < 0)
					out = i;
			}
		if (out < 0)
			out = last;
		if (out < 0)
			break;
		orig[out].width = 0;
		memcpy(cols, orig, sizeof *cols * (size_t)n);
	}
	free(orig);
}

/* Writes one paper line of cells (columns of width 0 are for spreadsheets only). */
static void add_cells(struct table *t, const char *const *cells)
{
	int first = 1;

	for (int i = 0; i < t->ncols; i++) {
		char *cell;

		if (t->cols[i].width <= 0)
			continue;
		cell = width_fit(cells[i] ? cells[i] : "", t->cols[i].width, t->cols[i].align);
		if (!first)
			sbuf_addc(&t->out, ' ');
		sbuf_add(&t->out, cell);
		free(cell);
		first = 0;
	}
	while (t->out.len && t->out.s[t->out.len - 1] == ' ')
		t->out.s[--t->out.len] = '\0';
	sbuf_addc(&t->out, '\n');
}

/* The lines a row of cells takes when each wraps inside its column. */
static int row_height(const struct table *t, const char *const *cells)
{
	int height = 1;

	for (int i = 0; i < t->ncols; i++) {
		char **lines;
		int n;

		if (t->cols[i].width <= 0)
			continue;
		n = width_wrap(cells[i] ? cells[i] : "", t->cols[i].width, &lines);
		strv_free(lines);
		if (n > height)
			height = n;
	}
	return height;
}

/* Writes a row of cells, each wrapped inside its column; returns the lines it took. */
static int add_wrapped(struct table *t, const char *const *cells)
{
	char ***lines = xcalloc((size_t)t->ncols, sizeof *lines);
	const char **line = xcalloc((size_t)t->ncols, sizeof *line);
	int *n = xcalloc((size_t)t->ncols, sizeof *n), height = 1;

	for (int i = 0; i < t->ncols; i++) {
		if (t->cols[i].width <= 0)
			continue;
		n[i] = width_wrap(cells[i] ? cells[i] : "", t->cols[i].width, &lines[i]);
		if (n[i] > height)
			height = n[i];
	}
	for (int k = 0; k < height; k++) {
		for (int i = 0; i < t->ncols; i++)
			line[i] = k < n[i] ? lines[i][k] : "";
		add_cells(t, line);
	}
	for (int i = 0; i < t->ncols; i++)
		strv_free(lines[i]);
	free(lines);
	free(line);
	free(n);
	return height;
}

int table_format_parse(const char *name)
{
	if (strcmp(name, "csv") == 0)
		return TABLE_CSV;
	if (strcmp(name, "tsv") == 0)
		return TABLE_TSV;
	if (strcmp(name, "text") == 0)
		return TABLE_PAGED;
	return -1;
}

void table_centered(struct sbuf *b, const char *s, int width)
{
	int w = width_str(s);
	char *safe = text_safe(s);

	for (int i = 0; i < (width - w) / 2; i++)
		sbuf_addc(b, ' ');
	sbuf_add(b, safe);
	sbuf_addc(b, '\n');
	free(safe);
}

void table_rule(struct sbuf *b, int width, char c)
{
	for (int i = 0; i < width; i++)
		sbuf_addc(b, c);
	sbuf_addc(b, '\n');
}

static void add_heading(struct table *t, const char *text)
{
	char *safe = text_safe(text);

	sbuf_add(&t->out, safe);
	sbuf_addc(&t->out, '\n');
	t->line++;
	free(safe);
}

static void page_head(struct table *t)
{
	int width = table_width(t);

	t->page++;
	table_centered(&t->out, t->title, width);
	if (t->subtitle && *t->subtitle)
		table_centered(&t->out, t->subtitle, width);
	table_rule(&t->out, width, '=');
	t->line = 2 + (t->subtitle && *t->subtitle);
	{
		/* Labels wider than their column wrap inside it, as cells do. */
		const char **labels = xcalloc((size_t)t->ncols, sizeof *labels);

		for (int i = 0; i < t->ncols; i++)
			labels[i] = t->cols[i].label;
		t->line += add_wrapped(t, labels);
		free(labels);
	}
	table_rule(&t->out, width, '-');
	t->line++;
	t->body_top = t->line;
}

static void page_foot(struct table *t, int last)
{
	char *num = xasprintf(_("Page %d"), t->page);

	if (!last)
		for (; t->line < t->page_lines - FOOT_LINES; t->line++)
			sbuf_addc(&t->out, '\n');
	sbuf_addc(&t->out, '\n');
	table_centered(&t->out, num, table_width(t));
	free(num);
	if (!last)
		sbuf_addc(&t->out, '\f');
}

/* A new page in the middle of a group: its heading again, said to be continued. */
static void page_break(struct table *t)
{
	page_foot(t, 0);
	page_head(t);
	if (t->group) {
		char *cont = xasprintf(_("%s (continued)"), t->group);

		add_heading(t, cont);
		free(cont);
	}
}

void table_heading(struct table *t, const char *text)
{
	int top = t->line == t->body_top;

	if (t->format != TABLE_PAGED)
		return;
	t->group = NULL;
	/* The heading, a blank line before it, and at least one row must fit under it. */
	if (!top && t->line + 3 > t->page_lines - FOOT_LINES) {
		page_break(t);
		top = 1;
	}
	if (!top) {
		sbuf_addc(&t->out, '\n');
		t->line++;
	}
	add_heading(t, text);
	t->group = text;
}

void table_begin(struct table *t, int format, const struct table_col *cols, int ncols, const char *title,
		 const char *subtitle, int page_lines)
{
	memset(t, 0, sizeof *t);
	t->format = format;
	t->cols = cols;
	t->ncols = ncols;
	t->title = title;
	t->subtitle = subtitle;
	t->page_lines = page_lines > 12 ? page_lines : 12;
	if (format == TABLE_PAGED) {
		page_head(t);
		return;
	}
	if (format == TABLE_CSV)
		sbuf_add(&t->out, "\xEF\xBB\xBF");	/* so WPS and Excel read UTF-8 */
	{
		const char **labels = xcalloc((size_t)ncols, sizeof *labels);

		for (int i = 0; i < ncols; i++)
			labels[i] = cols[i].label;
		table_flat_row(&t->out, format, labels, ncols);
		free(labels);
	}
}

void table_flat_row(struct sbuf *b, int format, const char *const *cells, int n)
{
	char **safe = xcalloc((size_t)n, sizeof *safe);

	for (int i = 0; i < n; i++) {
		safe[i] = csv_cell_safe(cells[i] ? cells[i] : "");
		/* TSV has no quoting: a tab or line break inside a cell becomes a space. */
		if (format == TABLE_TSV)
			for (char *p = safe[i]; *p; p++)
				if (*p == '\t' || *p == '\n' || *p == '\r')
					*p = ' ';
	}
	if (format == TABLE_CSV) {
		csv_write_row(b, (const char *const *)safe, n);
	} else {
		for (int i = 0; i < n; i++)
			sbuf_printf(b, "%s%s", safe[i], i + 1 < n ? "\t" : "\n");
	}
	for (int i = 0; i < n; i++)
		free(safe[i]);
	free(safe);
}

static void row_paged(struct table *t, const char *const *cells)
{
	/* A row is never split over two pages (unless it is longer than a page). */
	if (t->line + row_height(t, cells) > t->page_lines - FOOT_LINES && t->line > t->body_top)
		page_break(t);
	t->line += add_wrapped(t, cells);
}

void table_row(struct table *t, const char *const *cells)
{
	if (t->format == TABLE_PAGED)
		row_paged(t, cells);
	else
		table_flat_row(&t->out, t->format, cells, t->ncols);
	t->rows++;
}

void table_end(struct table *t, const char *totals)
{
	int lines = 1;

	if (t->format != TABLE_PAGED)
		return;
	for (const char *p = totals ? totals : ""; *p; p++)
		lines += *p == '\n';
	if (t->line + 1 + lines + FOOT_LINES > t->page_lines) {
		page_foot(t, 0);
		page_head(t);
	}
	table_rule(&t->out, table_width(t), '-');
	if (totals && *totals) {
		char *safe = text_safe(totals);

		sbuf_add(&t->out, safe);
		sbuf_addc(&t->out, '\n');
		free(safe);
	}
	t->line += 1 + lines;
	page_foot(t, 1);
}

int table_sink_sbuf(void *ctx, const char *s, size_t n, struct zerr *err)
{
	(void)err;
	sbuf_addn(ctx, s, n);
	return 0;
}
