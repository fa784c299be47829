/* htmlrender.c - a page's text laid out in columns: paragraphs, headings, lists and CJK tables. */
#include "html.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "htmlint.h"
#include "width.h"

struct render {
	struct sbuf out;
	struct sbuf text;	/* the inline text of the block being gathered */
	int width;
	int indent;		/* columns before every line of the current block */
	char marker[16];	/* a list item's "• " or "3. ", put before its first line */
	int marker_w;
	int blank;		/* a blank line is due before the next line written */
	int in_li;
	int center;		/* the block being gathered is a heading to centre */
	int pre;
};

/* Asks for a blank line before what comes next; inside a list item lines just follow. */
static void want_blank(struct render *r)
{
	if (!r->in_li)
		r->blank = 1;
}

/* Writes one line at the current indent (the pending list marker before the first). */
static void emit_line(struct render *r, const char *line)
{
	size_t len = strlen(line);

	if (r->blank && r->out.len > 0)
		sbuf_addc(&r->out, '\n');
	r->blank = 0;
	if (r->marker[0]) {
		for (int i = 0; i < r->indent - r->marker_w; i++)
			sbuf_addc(&r->out, ' ');
		sbuf_add(&r->out, r->marker);
		r->marker[0] = '\0';
	} else if (len > 0) {
		for (int i = 0; i < r->indent; i++)
			sbuf_addc(&r->out, ' ');
	}
	while (len > 0 && line[len - 1] == ' ')
		len--;
	sbuf_addn(&r->out, line, len);
	sbuf_addc(&r->out, '\n');
}

static int avail(struct render *r)
{
	int w = r->width - r->indent;

	return w < 8 ? 8 : w;
}

/* Lays out the gathered inline text as a block of wrapped lines. */
static void flush(struct render *r)
{
	char *text, **lines;
	int w = avail(r);

	sbuf_addn(&r->text, "", 0);
	text = html_collapse(r->text.s);
	r->text.len = 0;
	r->text.s[0] = '\0';
	if (*text) {
		int n = width_wrap(text, w, &lines);

		for (int i = 0; i < n; i++) {
			if (r->center) {
				char *line = str_trim(lines[i]);
				int pad = (w - width_str(line)) / 2;
				char *padded = xasprintf("%*s%s", pad > 0 ? pad : 0, "", line);

				emit_line(r, padded);
				free(padded);
			} else {
				emit_line(r, lines[i]);
			}
		}
		strv_free(lines);
	}
	free(text);
}

struct cell {
	char *text;
	int span;
	int col;
};

/* The widest line of a cell's text, and its longest unbreakable run (an ASCII word). */
static void cell_widths(const char *s, int *max, int *min)
{
	int line = 0, word = 0;
	size_t n = strlen(s);

	*max = *min = 0;
	while (n) {
		wchar_t wc;
		size_t k = utf8_decode(s, n, &wc);
		int w = width_char(wc);

		if (wc == '\n') {
			line = word = 0;
		} else {
			line += w;
			word = (wc == ' ' || w == 2) ? (wc == ' ' ? 0 : w) : word + w;
		}
		if (line > *max)
			*max = line;
		if (word > *min)
			*min = word;
		s += k;
		n -= k;
	}
}

static void render_table(struct render *r, xmlNodePtr table);

static void table_rows(xmlNodePtr n, xmlNodePtr **rows, int *nrows)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (html_name_is(c, "tr")) {
			*rows = xrealloc(*rows, sizeof **rows * (size_t)(*nrows + 1));
			(*rows)[(*nrows)++] = c;
		} else if (html_name_is(c, "thead") || html_name_is(c, "tbody") || html_name_is(c, "tfoot")) {
			table_rows(c, rows, nrows);
		}
	}
}

/* A cell this wide or narrower is a word (a name, a village, an amount): never broken. */
#define WORD_COLS 8
/* Columns a longer cell's text keeps at least: two CJK characters a line. */
#define TEXT_COLS 4
/* What no column is asked for beyond (an 18-digit ID number fits). */
#define NEED_CAP 20

/*
 * The width a cell must be given not to be broken where a reader would stumble: a short cell
 * whole, an ASCII run (a number, an ID, a date) whole, longer text two characters a line.
 */
static int cell_need(const char *s)
{
	int max, min, need;

	cell_widths(s, &max, &min);
	need = max <= WORD_COLS ? max : min < TEXT_COLS ? TEXT_COLS : min;
	return need > NEED_CAP ? NEED_CAP : need;
}

/*
 * Column widths that fit `room` (the caller has made sure the needs do): every column its
 * widest cell when all fit; otherwise each starts at its need, the columns that want little
 * more (a fair share or less) get their widest, and the wide ones share the rest by what they
 * still want.
 */
static void size_columns(int ncols, const int *max, const int *need, int room, int *w)
{
	int left = room, sum = 0;
	char *done = xcalloc((size_t)ncols, 1);

	for (int c = 0; c < ncols; c++)
		sum += max[c];
	if (sum <= room) {
		memcpy(w, max, sizeof *w * (size_t)ncols);
		free(done);
		return;
	}
	for (int c = 0; c < ncols; c++) {
		w[c] = need[c];
		left -= need[c];
		done[c] = max[c] <= need[c];
	}
	while (left > 0) {
		int open = 0, grown = 0, given = 0, most = -1;
		long want = 0;

		for (int c = 0; c < ncols; c++)
			if (!done[c])
				open++, want += max[c] - w[c];
		if (!open)
			break;
		for (int c = 0; c < ncols; c++)
			if (!done[c] && max[c] - w[c] <= left / open) {
				left -= max[c] - w[c];
				w[c] = max[c];
				done[c] = 1;
				grown = 1;
			}
		if (grown)
			continue;
		for (int c = 0; c < ncols; c++)
			if (!done[c]) {
				int more = (int)((long)left * (max[c] - w[c]) / want);

				w[c] += more;
				given += more;
				if (most < 0 || max[c] - w[c] > max[most] - w[most])
					most = c;
			}
		w[most] += left - given;
		left = 0;
	}
	free(done);
}

/* The table's caption (补贴标准表) as one line of text, or NULL. */
static char *table_caption(xmlNodePtr table)
{
	for (xmlNodePtr c = table->children; c; c = c->next)
		if (html_name_is(c, "caption")) {
			struct sbuf b = { 0 };
			char *text;

			for (xmlNodePtr k = c->children; k; k = k->next)
				html_gather(k, &b, 0);
			sbuf_addn(&b, "", 0);
			text = html_collapse(b.s);
			sbuf_free(&b);
			if (*text)
				return text;
			free(text);
			return NULL;
		}
	return NULL;
}

/* The caption centred over the table's width when it fits, else wrapped like a paragraph. */
static void emit_caption(struct render *r, char *caption, int total)
{
	int cw;

	if (!caption)
		return;
	cw = width_str(caption);
	if (cw < total) {
		char *line = xasprintf("%*s%s", (total - cw) / 2, "", caption);

		emit_line(r, line);
		free(line);
	} else {
		sbuf_add(&r->text, caption);
		flush(r);
	}
	free(caption);
}

/* Whether a table's first row can name its columns: a text in every column, none a bare number. */
static int plain_labels(const struct cell *row, int n, int ncols)
{
	int cols = 0;

	for (int j = 0; j < n; j++) {
		int word = 0;

		for (const char *p = row[j].text; *p; p++)
			word |= (unsigned char)*p >= 0x80 || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z');
		if (!word)
			return 0;
		cols += row[j].span;
	}
	return cols >= ncols;
}

/* Each row as a wrapped line of its cells separated by " | ". */
static void render_rows(struct render *r, struct cell **cells, const int *ncells, int nrows)
{
	for (int i = 0; i < nrows; i++) {
		for (int j = 0; j < ncells[i]; j++) {
			sbuf_add(&r->text, j > 0 ? " | " : "");
			sbuf_add(&r->text, cells[i][j].text);
		}
		flush(r);
	}
}

/*
 * Each row after the first as a block of "label：value" lines, the labels from the first row
 * (a value's further lines under its first), blocks apart by a blank line; empty cells left
 * out, a row of one cell (a heading) or a cell across differently labelled columns (合计) as
 * its text.
 */
static void render_records(struct render *r, struct cell **cells, const int *ncells, int nrows, int ncols)
{
	const char **label = xcalloc((size_t)ncols, sizeof *label);
	int lw = 0, vw;

	for (int j = 0; j < ncells[0]; j++)
		for (int c = cells[0][j].col; c < cells[0][j].col + cells[0][j].span && c < ncols; c++) {
			int w = width_str(cells[0][j].text) + 2;

			label[c] = cells[0][j].text;
			if (w > lw)
				lw = w;
		}
	if (lw > avail(r) / 2)
		lw = avail(r) / 2;
	vw = avail(r) - lw;
	for (int i = 1; i < nrows; i++) {
		want_blank(r);
		if (ncells[i] == 1) {
			sbuf_add(&r->text, cells[i][0].text);
			flush(r);
			continue;
		}
		for (int j = 0; j < ncells[i]; j++) {
			const struct cell *cell = &cells[i][j];
			const char *name = cell->col < ncols && label[cell->col] ? label[cell->col] : "";
			char *head, *fit, **lines;
			int n;

			if (!*cell->text)
				continue;
			/* A cell across columns of several labels (合计 before the sums) heads the lines after it. */
			for (int c = cell->col + 1; c < cell->col + cell->span && c < ncols && *name; c++)
				if (label[c] != label[cell->col])
					name = "";
			if (!*name) {
				sbuf_add(&r->text, cell->text);
				flush(r);
				continue;
			}
			head = xasprintf("%s：", name);
			fit = width_fit(head, lw, ALIGN_LEFT);
			n = width_wrap(cell->text, vw, &lines);
			for (int k = 0; k < n; k++) {
				char *line = xasprintf("%*s%s", k ? lw : 0, k ? "" : fit, lines[k]);

				emit_line(r, line);
				free(line);
			}
			strv_free(lines);
			free(fit);
			free(head);
		}
	}
	free(label);
}

static void render_table(struct render *r, xmlNodePtr table)
{
	xmlNodePtr *rows = NULL;
	int nrows = 0, ncols = 0, header = 0;
	struct cell **cells;
	int *ncells, *max, *need, *w, room, total;

	table_rows(table, &rows, &nrows);
	if (!nrows)
		return;
	cells = xcalloc((size_t)nrows, sizeof *cells);
	ncells = xcalloc((size_t)nrows, sizeof *ncells);
	for (int i = 0; i < nrows; i++) {
		int col = 0, all_th = 1, any = 0;

		for (xmlNodePtr c = rows[i]->children; c; c = c->next) {
			struct sbuf b = { 0 };
			xmlChar *span;
			struct cell *cell;

			if (!html_name_is(c, "td") && !html_name_is(c, "th"))
				continue;
			any = 1;
			all_th &= html_name_is(c, "th");
			cells[i] = xrealloc(cells[i], sizeof **cells * (size_t)(ncells[i] + 1));
			cell = &cells[i][ncells[i]++];
			for (xmlNodePtr k = c->children; k; k = k->next)
				html_gather(k, &b, 1);
			sbuf_addn(&b, "", 0);
			cell->text = html_collapse(b.s);
			sbuf_free(&b);
			span = xmlGetProp(c, (const xmlChar *)"colspan");
			cell->span = span ? atoi((const char *)span) : 1;
			xmlFree(span);
			if (cell->span < 1 || cell->span > 64)
				cell->span = 1;
			cell->col = col;
			col += cell->span;
		}
		if (col > ncols)
			ncols = col;
		if (i == 0)
			header = any && (all_th || (rows[0]->parent && html_name_is(rows[0]->parent, "thead")));
	}
	if (ncols == 0)
		goto done;
	max = xcalloc((size_t)ncols, sizeof *max);
	need = xcalloc((size_t)ncols, sizeof *need);
	w = xcalloc((size_t)ncols, sizeof *w);
	for (int i = 0; i < nrows; i++)
		for (int j = 0; j < ncells[i]; j++) {
			struct cell *cell = &cells[i][j];
			int mx, mn, nd;

			if (cell->span != 1)
				continue;
			cell_widths(cell->text, &mx, &mn);
			nd = cell_need(cell->text);
			if (mx > max[cell->col])
				max[cell->col] = mx;
			if (nd > need[cell->col])
				need[cell->col] = nd;
		}
	/* A spanning cell wider than its columns widens the last of them. */
	for (int i = 0; i < nrows; i++)
		for (int j = 0; j < ncells[i]; j++) {
			struct cell *cell = &cells[i][j];
			int mx, mn, have = 0, last = cell->col + cell->span - 1;

			if (cell->span == 1)
				continue;
			if (last >= ncols)
				last = ncols - 1;
			for (int c = cell->col; c <= last; c++)
				have += max[c] + (c > cell->col ? 2 : 0);
			cell_widths(cell->text, &mx, &mn);
			if (mx > have)
				max[last] += mx - have;
		}
	room = avail(r) - 2 * (ncols - 1);
	total = 0;
	for (int c = 0; c < ncols; c++)
		total += need[c];
	/* Too wide for the text: a record of "label：value" lines per row, or the rows as lines. */
	if (total > room) {
		emit_caption(r, table_caption(table), 0);
		if (nrows > 1 && (header || plain_labels(cells[0], ncells[0], ncols)))
			render_records(r, cells, ncells, nrows, ncols);
		else
			render_rows(r, cells, ncells, nrows);
		goto widths;
	}
	size_columns(ncols, max, need, room, w);
	total = 2 * (ncols - 1);
	for (int c = 0; c < ncols; c++)
		total += w[c];
	emit_caption(r, table_caption(table), total);
	for (int i = 0; i < nrows; i++) {
		char ***lines = xcalloc((size_t)ncells[i] + 1, sizeof *lines);
		int *cw = xcalloc((size_t)ncells[i] + 1, sizeof *cw);
		int height = 0;

		for (int j = 0; j < ncells[i]; j++) {
			struct cell *cell = &cells[i][j];
			int n;

			for (int c = cell->col; c < cell->col + cell->span && c < ncols; c++)
				cw[j] += w[c] + (c > cell->col ? 2 : 0);
			n = width_wrap(cell->text, cw[j] < 2 ? 2 : cw[j], &lines[j]);
			if (n > height)
				height = n;
		}
		for (int k = 0; k < height; k++) {
			struct sbuf line = { 0 };

			for (int j = 0; j < ncells[i]; j++) {
				int n = 0;
				char *fit, *piece;

				while (lines[j][n])
					n++;
				piece = k < n ? xstrdup(lines[j][k]) : xstrdup("");
				for (size_t l = strlen(piece); l > 0 && piece[l - 1] == ' '; l--)
					piece[l - 1] = '\0';
				fit = width_fit(piece, cw[j], ALIGN_LEFT);
				sbuf_add(&line, j > 0 ? "  " : "");
				sbuf_add(&line, fit);
				free(fit);
				free(piece);
			}
			sbuf_addn(&line, "", 0);
			emit_line(r, line.s);
			sbuf_free(&line);
		}
		for (int j = 0; j < ncells[i]; j++)
			strv_free(lines[j]);
		free(lines);
		free(cw);
		/* Columns all empty have no width to rule (and an empty rule is no string at all). */
		if (i == 0 && header && nrows > 1 && total > 0) {
			struct sbuf rule = { 0 };

			for (int c = 0; c < total; c++)
				sbuf_addc(&rule, '-');
			emit_line(r, rule.s);
			sbuf_free(&rule);
		}
	}
widths:
	free(max);
	free(need);
	free(w);
done:
	for (int i = 0; i < nrows; i++) {
		for (int j = 0; j < ncells[i]; j++)
			free(cells[i][j].text);
		free(cells[i]);
	}
	free(cells);
	free(ncells);
	free(rows);
}

static void render_node(struct render *r, xmlNodePtr n);

static void render_children(struct render *r, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		render_node(r, c);
}

static void render_list(struct render *r, xmlNodePtr list)
{
	int number = 1;
	xmlChar *start = xmlGetProp(list, (const xmlChar *)"start");

	if (start)
		number = atoi((const char *)start);
	xmlFree(start);
	/* No real list starts near INT_MAX, where counting its items would overflow. */
	if (number > 999999 || number < -999999)
		number = 1;
	flush(r);
	want_blank(r);
	for (xmlNodePtr c = list->children; c; c = c->next) {
		int indent = r->indent;

		if (!html_name_is(c, "li")) {
			render_node(r, c);
			continue;
		}
		flush(r);
		if (html_name_is(list, "ol"))
			snprintf(r->marker, sizeof r->marker, "%d. ", number++);
		else
			snprintf(r->marker, sizeof r->marker, "• ");
		r->marker_w = width_str(r->marker);
		r->indent += r->marker_w;
		r->in_li++;
		render_children(r, c);
		flush(r);
		r->in_li--;
		r->indent = indent;
		r->marker[0] = '\0';
	}
	want_blank(r);
}

static void render_node(struct render *r, xmlNodePtr n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		const char *s = (const char *)n->content;

		if (!s)
			return;
		if (!r->pre) {
			sbuf_add(&r->text, s);
			return;
		}
		for (; *s; s++)
			sbuf_addc(&r->text, *s == '\n' ? BREAK : *s);
		return;
	}
	if (n->type == XML_ATTRIBUTE_NODE) {
		html_gather(n, &r->text, 0);
		return;
	}
	if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) {
		render_children(r, n);
		return;
	}
	if (n->type != XML_ELEMENT_NODE || html_name_in(n, html_skipped))
		return;
	if (html_name_is(n, "br")) {
		sbuf_addc(&r->text, BREAK);
	} else if (html_name_is(n, "img")) {
		xmlChar *alt = xmlGetProp(n, (const xmlChar *)"alt");

		if (alt && *alt)
			sbuf_printf(&r->text, "[%s]", (const char *)alt);
		xmlFree(alt);
	} else if (html_name_is(n, "ul") || html_name_is(n, "ol")) {
		render_list(r, n);
	} else if (html_name_is(n, "li")) {
		/* An item outside any list: a bullet all the same. */
		flush(r);
		snprintf(r->marker, sizeof r->marker, "• ");
		r->marker_w = 2;
		r->indent += 2;
		r->in_li++;
		render_children(r, n);
		flush(r);
		r->in_li--;
		r->indent -= 2;
		r->marker[0] = '\0';
	} else if (html_name_is(n, "table")) {
		flush(r);
		want_blank(r);
		render_table(r, n);
		want_blank(r);
	} else if (n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2]) {
		flush(r);
		want_blank(r);
		r->center = n->name[1] <= '2';
		render_children(r, n);
		flush(r);
		r->center = 0;
		want_blank(r);
	} else if (html_name_in(n, html_blocks)) {
		int quote = html_name_is(n, "blockquote"), pre = html_name_is(n, "pre");

		flush(r);
		want_blank(r);
		r->indent += quote ? 2 : 0;
		r->pre += pre;
		render_children(r, n);
		flush(r);
		r->pre -= pre;
		r->indent -= quote ? 2 : 0;
		want_blank(r);
	} else {
		render_children(r, n);
	}
}

char *html_render(struct html *h, const char *xpath, int width, struct zerr *err)
{
	xmlXPathObjectPtr res;
	struct render r = { .width = width < 16 ? 16 : width };

	if (html_eval(h, NULL, xpath && *xpath ? xpath : "/", &res, err) < 0)
		return NULL;
	if (res->type == XPATH_NODESET && res->nodesetval && res->nodesetval->nodeNr > 0) {
		sbuf_addn(&r.text, "", 0);
		render_node(&r, res->nodesetval->nodeTab[0]);
		flush(&r);
	} else if (res->type != XPATH_NODESET) {
		char *s = html_result_text(res, 0);

		sbuf_add(&r.text, s);
		free(s);
		flush(&r);
	}
	xmlXPathFreeObject(res);
	sbuf_free(&r.text);
	return sbuf_take(&r.out);
}
