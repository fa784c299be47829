/* html.c - portal pages: charset to UTF-8, libxml2 parsing, XPath values, links, metadata pairs. */
#include "html.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include "htmlint.h"
#include "width.h"

/* ---- charsets ---- */

/* The charset named after "charset" in s (up to end), lower-cased; NULL when there is none. */
static char *charset_after(const char *s, const char *end)
{
	for (const char *p = s; p + 7 <= end; p++) {
		const char *q;
		size_t n = 0;

		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		q = p + 7;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q >= end || *q != '=')
			continue;
		q++;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '"' || *q == '\''))
			q++;
		while (q + n < end && q[n] && (isalnum((unsigned char)q[n]) || strchr("-_.:", q[n])))
			n++;
		if (n > 0 && n < 40) {
			char *cs = xstrndup(q, n);

			for (char *c = cs; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			return cs;
		}
	}
	return NULL;
}

/* The charset a <meta> tag (or an XML declaration) in the first 64 KiB declares. */
static char *charset_meta(const char *body, size_t len)
{
	const char *end = body + (len < 65536 ? len : 65536);

	if (len > 5 && memcmp(body, "<?xml", 5) == 0) {
		const char *close = memchr(body, '>', (size_t)(end - body));

		for (const char *p = body; close && p + 8 < close; p++) {
			if (strncmp(p, "encoding", 8) == 0) {
				char *dup = xstrndup(p, (size_t)(close - p));
				char *cs;

				memcpy(dup, "charset ", 8);
				cs = charset_after(dup, dup + strlen(dup));
				free(dup);
				if (cs)
					return cs;
				break;
			}
		}
	}
	for (const char *p = body; p + 5 < end; p++) {
		const char *close;
		char *cs;

		if (*p != '<' || strncasecmp(p + 1, "meta", 4) != 0)
			continue;
		close = memchr(p, '>', (size_t)(end - p));
		if (!close)
			break;
		cs = charset_after(p, close);
		if (cs)
			return cs;
		p = close;
	}
	return NULL;
}

/* The iconv name of a declared charset: the GB family as GB18030, its superset. */
static const char *charset_canon(const char *cs)
{
	static const char *const gb[] = { "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "windows-936", "euc-cn", "csgb2312",
		"gb_2312-80", "chinese", "iso-ir-58", NULL };

	if (!cs)
		return NULL;
	if (strcmp(cs, "utf-8") == 0 || strcmp(cs, "utf8") == 0 || strcmp(cs, "unicode-1-1-utf-8") == 0)
		return "UTF-8";
	for (int i = 0; gb[i]; i++)
		if (strcmp(cs, gb[i]) == 0)
			return "GB18030";
	return cs;
}

/* body decoded from `from` into UTF-8, or NULL when it is not valid in that charset. */
static char *decode(const char *body, size_t len, const char *from, size_t *outlen)
{
	iconv_t cd;
	struct sbuf b = { 0 };
	char *in = (char *)body;
	size_t inleft = len;
	char chunk[4096];

	if (strcmp(from, "UTF-8") == 0) {
		if (!str_valid_utf8(body, len))
			return NULL;
		sbuf_addn(&b, body, len);
		*outlen = len;
		return sbuf_take(&b);
	}
	cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return NULL;
	sbuf_addn(&b, "", 0);
	for (;;) {
		char *out = chunk;
		size_t outleft = sizeof chunk;
		size_t r = iconv(cd, inleft ? &in : NULL, inleft ? &inleft : NULL, &out, &outleft);

		sbuf_addn(&b, chunk, sizeof chunk - outleft);
		if (r != (size_t)-1 && inleft == 0) {
			/* Flush the converter's state once the input is used up. */
			out = chunk;
			outleft = sizeof chunk;
			iconv(cd, NULL, NULL, &out, &outleft);
			sbuf_addn(&b, chunk, sizeof chunk - outleft);
			break;
		}
		if (r == (size_t)-1 && errno != E2BIG) {
			iconv_close(cd);
			sbuf_free(&b);
			return NULL;
		}
	}
	iconv_close(cd);
	*outlen = b.len;
	return sbuf_take(&b);
}

char *html_to_utf8(const char *body, size_t len, const char *content_type, size_t *outlen, struct zerr *err)
{
	const char *try[4];
	int n = 0;
	char *header = content_type ? charset_after(content_type, content_type + strlen(content_type)) : NULL;
	char *meta = charset_meta(body, len);
	const char *hc = charset_canon(header), *mc = charset_canon(meta);
	struct sbuf tried = { 0 };
	char *text = NULL;
	size_t dummy;

	if (!outlen)
		outlen = &dummy;
	/* A byte-order mark says more than any declaration. */
	if (len >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0) {
		body += 3, len -= 3;
		hc = mc = "UTF-8";
	} else if (len >= 2 && (memcmp(body, "\xff\xfe", 2) == 0 || memcmp(body, "\xfe\xff", 2) == 0)) {
		hc = mc = body[0] == '\xff' ? "UTF-16LE" : "UTF-16BE";
		body += 2, len -= 2;
	}
	/* A header that disagrees with a <meta> saying UTF-8 loses when the body is valid UTF-8. */
	if (hc && mc && strcmp(mc, "UTF-8") == 0 && strcmp(hc, mc) != 0 && str_valid_utf8(body, len))
		hc = mc;
	/* Latin-1 decodes any bytes: as a header it is a server's default, and a <meta> knows better. */
	if (hc && mc && (strcmp(hc, "iso-8859-1") == 0 || strcmp(hc, "latin1") == 0 || strcmp(hc, "us-ascii") == 0 ||
		strcmp(hc, "windows-1252") == 0))
		hc = mc;
	if (hc)
		try[n++] = hc;
	if (mc)
		try[n++] = mc;
	if (!hc && !mc)
		try[n++] = "UTF-8";
	try[n++] = "GB18030";
	for (int i = 0; i < n && !text; i++) {
		int seen = 0;

		for (int j = 0; j < i; j++)
			seen |= strcasecmp(try[j], try[i]) == 0;
		if (seen)
			continue;
		text = decode(body, len, try[i], outlen);
		if (!text)
			sbuf_printf(&tried, "%s%s", tried.len ? ", " : "", try[i]);
	}
	if (!text)
		zerr_set(err, _("cannot read the page's text: it is not %s"), tried.s);
	sbuf_free(&tried);
	free(header);
	free(meta);
	return text;
}

/* ---- parsing ---- */

static void silent_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* libxml2 prints parser and XPath errors to stderr unless told not to: they would mar the screen. */
static void html_quiet(void)
{
	xmlSetGenericErrorFunc(NULL, silent_generic);
	xmlSetStructuredErrorFunc(NULL, silent_structured);
}

int html_eval(struct html *h, xmlNodePtr ctxnode, const char *xpath, xmlXPathObjectPtr *res, struct zerr *err)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(h->doc);

	if (!ctx)
		fail("out of memory");
	ctx->node = ctxnode ? ctxnode : (xmlNodePtr)h->doc;
	ctx->error = silent_structured;
	*res = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	xmlXPathFreeContext(ctx);
	if (!*res) {
		zerr_set(err, _("not a valid XPath: %s"), xpath);
		return -1;
	}
	return 0;
}

struct html *html_parse(const char *utf8, size_t len, const char *url, struct zerr *err)
{
	struct html *h;
	xmlDocPtr doc;
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
		HTML_PARSE_IGNORE_ENC;
	xmlXPathObjectPtr res;

	html_quiet();
	if (len > (size_t)0x7fffffff) {
		zerr_set(err, _("the page is too large"));
		return NULL;
	}
	doc = htmlReadMemory(utf8, (int)len, url, "UTF-8", opts);
	if (!doc) {
		zerr_set(err, _("the page has no content"));
		return NULL;
	}
	h = xcalloc(1, sizeof *h);
	h->doc = doc;
	h->base = url ? xstrdup(url) : NULL;
	if (html_eval(h, NULL, "//base[@href][1]/@href", &res, NULL) == 0) {
		if (res->type == XPATH_NODESET && res->nodesetval && res->nodesetval->nodeNr > 0) {
			xmlChar *href = xmlNodeGetContent(res->nodesetval->nodeTab[0]);

			if (href) {
				char *trimmed = str_trim((char *)href);

				if (*trimmed) {
					char *abs = html_resolve(url, trimmed);

					free(h->base);
					h->base = abs;
				}
				xmlFree(href);
			}
		}
		xmlXPathFreeObject(res);
	}
	return h;
}

void html_free(struct html *h)
{
	if (!h)
		return;
	xmlFreeDoc(h->doc);
	free(h->base);
	free(h->sel);
	free(h);
}

int html_select(struct html *h, const char *xpath, int *count, struct zerr *err)
{
	xmlXPathObjectPtr res;

	free(h->sel);
	h->sel = NULL;
	h->nsel = 0;
	*count = 0;
	if (html_eval(h, NULL, xpath, &res, err) < 0)
		return -1;
	if (res->type != XPATH_NODESET) {
		xmlXPathFreeObject(res);
		zerr_set(err, _("the XPath does not select elements: %s"), xpath);
		return -1;
	}
	if (res->nodesetval && res->nodesetval->nodeNr > 0) {
		h->nsel = res->nodesetval->nodeNr;
		h->sel = xmalloc(sizeof *h->sel * (size_t)h->nsel);
		memcpy(h->sel, res->nodesetval->nodeTab, sizeof *h->sel * (size_t)h->nsel);
	}
	xmlXPathFreeObject(res);
	*count = h->nsel;
	return 0;
}

/* ---- text ---- */

int html_name_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

int html_name_in(xmlNodePtr n, const char *const *names)
{
	for (; *names; names++)
		if (html_name_is(n, *names))
			return 1;
	return 0;
}

const char *const html_skipped[] = { "script", "style", "noscript", "head", "template", "title", "select",
	"textarea", NULL };
const char *const html_blocks[] = { "p", "div", "section", "article", "blockquote", "header", "footer", "nav",
	"main", "aside", "address", "pre", "form", "fieldset", "figure", "figcaption", "dl", "dt", "dd", "center",
	"ul", "ol", "li", "table", "caption", "tr", "hr", "h1", "h2", "h3", "h4", "h5", "h6", NULL };

void html_gather(xmlNodePtr n, struct sbuf *b, int breaks)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			sbuf_add(b, (const char *)n->content);
		return;
	}
	if (n->type == XML_ATTRIBUTE_NODE) {
		xmlChar *v = xmlNodeGetContent(n);

		if (v)
			sbuf_add(b, (const char *)v);
		xmlFree(v);
		return;
	}
	if (n->type != XML_ELEMENT_NODE && n->type != XML_DOCUMENT_NODE && n->type != XML_HTML_DOCUMENT_NODE)
		return;
	if (html_name_in(n, html_skipped))
		return;
	if (html_name_is(n, "br")) {
		sbuf_addc(b, breaks ? BREAK : ' ');
		return;
	}
	if (html_name_in(n, html_blocks))
		sbuf_addc(b, breaks ? BREAK : ' ');
	if (html_name_is(n, "td") || html_name_is(n, "th"))
		sbuf_addc(b, ' ');
	for (xmlNodePtr c = n->children; c; c = c->next)
		html_gather(c, b, breaks);
	if (html_name_in(n, html_blocks))
		sbuf_addc(b, breaks ? BREAK : ' ');
}

static int is_space(wchar_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xa0 ||
		c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x202f || c == 0x205f || c == 0x3000;
}

/*
 * Whitespace (ASCII, &nbsp;, the full-width space) collapsed to one space and trimmed; BREAK
 * becomes a newline, never more than one blank line; a source line break between two CJK
 * characters disappears, as it is no space in Chinese. Unsafe and zero-width characters go.
 */
char *html_collapse(const char *s)
{
	struct sbuf b = { 0 };
	size_t n = strlen(s);
	int space = 0, newline = 0, brk = 0, wide_before = 0;

	sbuf_addn(&b, "", 0);
	while (n) {
		wchar_t wc;
		size_t k = utf8_decode(s, n, &wc);

		if (*s == BREAK) {
			brk++;
		} else if (is_space(wc)) {
			space = 1;
			newline |= wc == '\n';
		} else if (wc == 0x200b || wc == 0xfeff || (char_unsafe(wc) && wc != '\t')) {
			/* nothing */
		} else {
			int wide = width_char(wc) == 2;

			if (b.len > 0 && brk) {
				sbuf_add(&b, brk > 1 ? "\n\n" : "\n");
			} else if (b.len > 0 && space && !(newline && wide && wide_before)) {
				sbuf_addc(&b, ' ');
			}
			sbuf_addn(&b, s, k);
			space = newline = brk = 0;
			wide_before = wide;
		}
		s += k;
		n -= k;
	}
	return sbuf_take(&b);
}

char *html_result_text(xmlXPathObjectPtr res, int breaks)
{
	struct sbuf b = { 0 };
	char *out;

	switch (res->type) {
	case XPATH_NODESET:
		if (res->nodesetval && res->nodesetval->nodeNr > 0)
			html_gather(res->nodesetval->nodeTab[0], &b, breaks);
		break;
	case XPATH_STRING:
		sbuf_add(&b, (const char *)res->stringval);
		break;
	case XPATH_NUMBER:
		sbuf_printf(&b, "%.15g", res->floatval);
		break;
	case XPATH_BOOLEAN:
		sbuf_add(&b, res->boolval ? "true" : "false");
		break;
	default:
		break;
	}
	sbuf_addn(&b, "", 0);
	out = html_collapse(b.s);
	sbuf_free(&b);
	return out;
}

char *html_value(struct html *h, int i, const char *xpath, struct zerr *err)
{
	xmlXPathObjectPtr res;
	xmlNodePtr ctxnode = NULL;
	char *v;

	if (i >= 0) {
		if (i >= h->nsel)
			return xstrdup("");
		ctxnode = h->sel[i];
	}
	if (html_eval(h, ctxnode, xpath && *xpath ? xpath : ".", &res, err) < 0)
		return NULL;
	v = html_result_text(res, 0);
	xmlXPathFreeObject(res);
	return v;
}

char *html_link(struct html *h, int i, const char *xpath, struct zerr *err)
{
	char *v = html_value(h, i, xpath, err), *abs;

	if (!v || !*v)
		return v;
	abs = html_resolve(h->base, v);
	free(v);
	return abs;
}

/* The URL fit to show and print: what a terminal or printer would act on (a control character
 * in a <base href>, say) and bytes that are not UTF-8 are percent-encoded. Frees url. */
static char *url_safe(char *url)
{
	struct sbuf b = { 0 };
	size_t n = strlen(url);

	sbuf_add(&b, "");
	for (const char *p = url; n;) {
		wchar_t wc;
		size_t k = utf8_decode(p, n, &wc);

		if (char_unsafe(wc) || (wc == '?' && *p != '?'))
			for (size_t i = 0; i < k; i++)
				sbuf_printf(&b, "%%%02X", (unsigned char)p[i]);
		else
			sbuf_addn(&b, p, k);
		p += k;
		n -= k;
	}
	free(url);
	return sbuf_take(&b);
}

char *html_resolve(const char *base, const char *href)
{
	xmlChar *uri;
	char *out;

	if (!base || !*base)
		return url_safe(xstrdup(href));
	html_quiet();
	uri = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
	if (!uri) {
		/* libxml2 refuses spaces and raw non-ASCII: escape them and try again. */
		struct sbuf b = { 0 };

		for (const unsigned char *p = (const unsigned char *)href; *p; p++) {
			if (*p <= ' ' || *p >= 0x7f || *p == '"' || *p == '<' || *p == '>')
				sbuf_printf(&b, "%%%02X", *p);
			else
				sbuf_addc(&b, (char)*p);
		}
		sbuf_addn(&b, "", 0);
		uri = xmlBuildURI((const xmlChar *)b.s, (const xmlChar *)base);
		sbuf_free(&b);
	}
	if (!uri)
		return url_safe(xstrdup(href));
	out = xstrdup((const char *)uri);
	xmlFree(uri);
	return url_safe(out);
}

/* ---- metadata tables ---- */

static void pairs_row(xmlNodePtr tr, struct sbuf *out)
{
	xmlNodePtr cells[64];
	int n = 0;

	for (xmlNodePtr c = tr->children; c && n < 64; c = c->next)
		if (html_name_is(c, "td") || html_name_is(c, "th"))
			cells[n++] = c;
	for (int i = 0; i + 1 < n; i += 2) {
		struct sbuf b = { 0 };
		char *label, *value;
		size_t len;

		html_gather(cells[i], &b, 0);
		sbuf_addn(&b, "", 0);
		label = html_collapse(b.s);
		sbuf_free(&b);
		len = strlen(label);
		if (len >= 3 && strcmp(label + len - 3, "：") == 0)
			label[len -= 3] = '\0';
		else if (len >= 1 && label[len - 1] == ':')
			label[--len] = '\0';
		str_trim(label);
		html_gather(cells[i + 1], &b, 0);
		sbuf_addn(&b, "", 0);
		value = html_collapse(b.s);
		sbuf_free(&b);
		if (*label)
			sbuf_printf(out, "%s\t%s\n", label, value);
		free(label);
		free(value);
	}
}

static void pairs_walk(xmlNodePtr n, struct sbuf *out)
{
	if (html_name_is(n, "tr")) {
		pairs_row(n, out);
		return;
	}
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			pairs_walk(c, out);
}

char *html_pairs(struct html *h, const char *xpath, struct zerr *err)
{
	xmlXPathObjectPtr res;
	struct sbuf out = { 0 };

	if (html_eval(h, NULL, xpath, &res, err) < 0)
		return NULL;
	if (res->type == XPATH_NODESET && res->nodesetval)
		for (int i = 0; i < res->nodesetval->nodeNr; i++)
			pairs_walk(res->nodesetval->nodeTab[i], &out);
	xmlXPathFreeObject(res);
	return sbuf_take(&out);
}

