/*
 * htmlint.h - what html.c (parsing, values, pairs) shares with htmlrender.c (layout); for
 * these two files only. Other modules use html.h.
 */
#ifndef ZWGK_HTMLINT_H
#define ZWGK_HTMLINT_H

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "util.h"

struct html {
	xmlDocPtr doc;
	char *base;		/* the page's address, or its <base href> resolved */
	xmlNodePtr *sel;	/* the nodes of the last html_select */
	int nsel;
};

/* A line break kept through whitespace collapsing (from <br>, block edges in a cell, <pre>). */
#define BREAK '\x01'

/* Elements whose text is never shown (script, style, head...), and those that make blocks. */
extern const char *const html_skipped[], *const html_blocks[];

int html_name_is(xmlNodePtr n, const char *name);
int html_name_in(xmlNodePtr n, const char *const *names);
/* The XPath's result from `ctxnode` (NULL: the document) in *res, to free; -1 with err for a bad XPath. */
int html_eval(struct html *h, xmlNodePtr ctxnode, const char *xpath, xmlXPathObjectPtr *res, struct zerr *err);
/* Appends the text under n: blocks and <br> as BREAK when `breaks`, else as spaces. */
void html_gather(xmlNodePtr n, struct sbuf *b, int breaks);
/* Whitespace collapsed and trimmed, BREAK as newlines (see html.c); a new string. */
char *html_collapse(const char *s);
/* The text of the first node of an XPath result, or the result as a string; a new string. */
char *html_result_text(xmlXPathObjectPtr res, int breaks);

#endif
