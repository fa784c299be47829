/*
 * html.h - portal pages read with libxml2's HTML parser: the body turned into UTF-8 (the
 * charset from the HTTP header, a BOM or <meta>; GBK/GB18030/GB2312 through iconv), XPath
 * values, links resolved against the page, and a document's text laid out for an 80-column
 * screen or paper: paragraphs, headings, lists, and tables whose CJK columns line up.
 */
#ifndef ZWGK_HTML_H
#define ZWGK_HTML_H

#include <stddef.h>

#include "util.h"

struct html;	/* a parsed page (opaque) */

/*
 * The page as UTF-8: `content_type` is the HTTP header (may be NULL or lie: a body that is not
 * valid in the declared charset is tried as the <meta> one, then GB18030). Returns a new string
 * (*outlen its length), or NULL with err set when no charset reads it.
 */
char *html_to_utf8(const char *body, size_t len, const char *content_type, size_t *outlen, struct zerr *err);

/* Parses UTF-8 HTML (broken markup tolerated); `url` is the page's own address, for links. NULL on failure. */
struct html *html_parse(const char *utf8, size_t len, const char *url, struct zerr *err);
void html_free(struct html *h);

/*
 * The nodes an XPath selects in the page (an item of a list page...): 0 with their number in
 * *count, kept until the next html_select or html_free; -1 with err for a bad XPath or one
 * that selects no nodes (count(), string()).
 */
int html_select(struct html *h, const char *xpath, int *count, struct zerr *err);
/*
 * The text of an XPath relative to the i-th node of the last html_select (or to the document
 * when i < 0): an attribute's value or an element's text, whitespace collapsed, trimmed. A
 * new string, "" when nothing matches; NULL with err for a bad XPath. Of several nodes, the
 * first; an XPath that computes (count(...), normalize-space(...)) gives its result. Scripts
 * and styles are left out; a line break in the source between two CJK characters is no space.
 */
char *html_value(struct html *h, int i, const char *xpath, struct zerr *err);
/* The same for a link: the value resolved against the page's address (absolute URL). */
char *html_link(struct html *h, int i, const char *xpath, struct zerr *err);

/*
 * The node an XPath selects (the first), laid out as text `width` columns wide: headings and
 * paragraphs separated by blank lines, list items with "• " or their numbers, tables as
 * aligned columns (CJK two columns wide) with a rule under the header row, scripts and styles
 * left out. "" when nothing matches; NULL with err for a bad XPath; a NULL xpath lays out the
 * whole page. One <br> breaks the line, two or more make a blank line; images show their alt
 * text in brackets; rowspan is not followed. A column is never narrower than its longest
 * number or ASCII run, or a short cell (a name, a village), or two CJK characters; a table whose
 * columns cannot all have that much has each row after the first as a block of "label：value"
 * lines under the first row's labels (or, without labels, as a wrapped line of its cells
 * separated by " | "). Ends with one '\n' unless "".
 */
char *html_render(struct html *h, const char *xpath, int width, struct zerr *err);

/*
 * A metadata table (rows of label and value cells: 索引号, 发布机构, 文号, 成文日期, 发布日期...)
 * as "label\tvalue\n" lines, labels without their trailing colon. Every node the XPath selects
 * counts (a table, or its rows); cells pair up left to right (th td th td), a lone last cell
 * and pairs without a label are left out. "" when nothing matches; NULL with err for a bad XPath.
 */
char *html_pairs(struct html *h, const char *xpath, struct zerr *err);

/* `href` resolved against `base` (an absolute URL; NULL: href as it is); a new string. */
char *html_resolve(const char *base, const char *href);

#endif
