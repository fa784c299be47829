/* net.c - libcurl setup shared by every transfer, and the HTTP GET of portal pages. */
#include "net.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int initialised;

static int ask_cancel(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	const struct net_opts *o = ctx;

	(void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	return o->cancel(o->cancel_ctx) != 0;
}

int net_init(void)
{
	if (!initialised && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return -1;
	initialised = 1;
	return 0;
}

void net_setup(CURL *c, const struct net_opts *o, char errbuf[CURL_ERROR_SIZE])
{
	errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	/* Signals stay with the program: a timeout must not arrive as SIGALRM in the screens. */
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)(o->connect_timeout > 0 ? o->connect_timeout : 15));
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)o->timeout);
	curl_easy_setopt(c, CURLOPT_USERAGENT, o->user_agent && *o->user_agent ? o->user_agent : "zwgk/" ZWGK_VERSION);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (o->ca_file && *o->ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_file);
	if (o->proxy && *o->proxy)
		curl_easy_setopt(c, CURLOPT_PROXY, o->proxy);
	if (o->max_redirects > 0) {
		curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)o->max_redirects);
	}
	if (o->cancel) {
		curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
		curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, ask_cancel);
		curl_easy_setopt(c, CURLOPT_XFERINFODATA, (void *)o);
	}
}

void net_portal_opts(const struct config *cfg, struct net_opts *o)
{
	memset(o, 0, sizeof *o);
	o->ca_file = cfg->portal_ca_file;
	o->user_agent = cfg->portal_user_agent;
	o->proxy = cfg->portal_proxy;
	o->connect_timeout = cfg->portal_connect_timeout;
	o->timeout = cfg->portal_timeout;
	o->max_redirects = cfg->portal_max_redirects;
	o->max_body = (size_t)cfg->portal_max_body_kib * 1024;
}

struct sink {
	struct net_reply *r;
	size_t cap, max;
	int too_big;
};

static size_t take_body(char *data, size_t size, size_t n, void *ctx)
{
	struct sink *s = ctx;
	size_t len = size * n;

	if (s->max && s->r->len + len > s->max) {
		s->too_big = 1;
		return 0;	/* ends the transfer: CURLE_WRITE_ERROR */
	}
	if (s->r->len + len + 1 > s->cap) {
		while (s->r->len + len + 1 > s->cap)
			s->cap = s->cap ? 2 * s->cap : 16384;
		s->r->body = xrealloc(s->r->body, s->cap);
	}
	memcpy(s->r->body + s->r->len, data, len);
	s->r->len += len;
	s->r->body[s->r->len] = '\0';
	return len;
}

/* Keeps a header's value ("ETag: \"x\"\r\n" -> "\"x\""); a later one (after a redirect) wins. */
static void keep_header(const char *line, size_t len, const char *name, char **slot)
{
	size_t n = strlen(name), end = len;

	if (len <= n || strncasecmp(line, name, n) != 0)
		return;
	line += n;
	end -= n;
	while (end && (*line == ' ' || *line == '\t')) {
		line++;
		end--;
	}
	while (end && (line[end - 1] == '\r' || line[end - 1] == '\n' || line[end - 1] == ' '))
		end--;
	free(*slot);
	*slot = xstrndup(line, end);
}

static size_t take_header(char *data, size_t size, size_t n, void *ctx)
{
	struct net_reply *r = ctx;
	size_t len = size * n;

	/* A new response (after a redirect) starts afresh. */
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		free(r->etag);
		free(r->last_modified);
		r->etag = r->last_modified = NULL;
	}
	keep_header(data, len, "ETag:", &r->etag);
	keep_header(data, len, "Last-Modified:", &r->last_modified);
	return len;
}

/* What went wrong, in words a clerk (or the county IT person) can act on. */
static void say_failure(CURLcode rc, const char *url, const struct net_opts *o, const struct sink *s,
			const char *errbuf, struct zerr *err)
{
	if (rc == CURLE_WRITE_ERROR && s->too_big) {
		zerr_set(err, _("%s is larger than %zu KiB ([portal] max_body_kib); not taken"), url, o->max_body / 1024);
		return;
	}
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
		zerr_set(err, _("cannot reach %s: no network, or the portal is down (%s)"), url, errbuf);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		zerr_set(err, _("%s did not answer within %d seconds"), url, o->timeout);
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		zerr_set(err, _("%s redirects more than %d times (a redirect loop?)"), url, o->max_redirects);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CONNECT_ERROR:
		zerr_set(err, _("the portal's certificate was not accepted (%s); check [portal] ca_file"), errbuf);
		break;
	default:
		zerr_set(err, _("fetching %s failed: %s"), url, *errbuf ? errbuf : curl_easy_strerror(rc));
	}
}

int net_get(const struct net_opts *o, const char *url, const char *etag, const char *last_modified,
	    struct net_reply *r, struct zerr *err)
{
	char errbuf[CURL_ERROR_SIZE], *h;
	struct curl_slist *headers = NULL;
	struct sink s = { r, 0, o->max_body, 0 };
	CURLcode rc;
	CURL *c;
	int result = -1;

	memset(r, 0, sizeof *r);
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		zerr_set(err, _("'%s' is not an http or https address"), url);
		return -1;
	}
	if (net_init() != 0 || !(c = curl_easy_init())) {
		zerr_set(err, _("cannot start a transfer (libcurl)"));
		return -1;
	}
	net_setup(c, o, errbuf);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, take_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, take_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	if (etag && *etag) {
		h = xasprintf("If-None-Match: %s", etag);
		headers = curl_slist_append(headers, h);
		free(h);
	}
	if (last_modified && *last_modified) {
		h = xasprintf("If-Modified-Since: %s", last_modified);
		headers = curl_slist_append(headers, h);
		free(h);
	}
	if (headers)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	rc = curl_easy_perform(c);
	if (rc == CURLE_ABORTED_BY_CALLBACK) {
		zerr_set(err, _("stopped"));
		result = -2;
	} else if (rc != CURLE_OK) {
		say_failure(rc, url, o, &s, errbuf, err);
	} else {
		char *type = NULL, *where = NULL;

		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
		curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
		curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &where);
		r->content_type = xstrdup(type ? type : "");
		r->url = xstrdup(where ? where : url);
		if (r->status == 304)
			result = 1;
		else if (r->status == 200)
			result = 0;
		else if (r->status == 404)
			zerr_set(err, _("the portal has no page %s (404)"), url);
		else if (r->status >= 500)
			zerr_set(err, _("the portal failed to serve %s (error %ld); try again later"), url, r->status);
		else
			zerr_set(err, _("the portal answered %ld for %s"), r->status, url);
	}
	if (!r->body)
		r->body = xstrdup("");
	curl_slist_free_all(headers);
	curl_easy_cleanup(c);
	if (result < 0) {
		long status = r->status;

		net_reply_free(r);
		r->status = status;
	}
	return result;
}

void net_reply_free(struct net_reply *r)
{
	free(r->body);
	free(r->content_type);
	free(r->etag);
	free(r->last_modified);
	free(r->url);
	memset(r, 0, sizeof *r);
}
