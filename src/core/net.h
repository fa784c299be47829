/*
 * net.h - the one place that sets up libcurl: timeouts, no signals, TLS checking, the CA file,
 * the user agent, redirects, a proxy; and the HTTP GET of the portal pages with a size cap
 * and conditional requests (ETag, Last-Modified).
 */
#ifndef ZWGK_NET_H
#define ZWGK_NET_H

#include <stddef.h>

#include <curl/curl.h>

#include "config.h"

struct net_opts {
	const char *ca_file;	/* empty or NULL: the system's certificates */
	const char *user_agent;	/* NULL: zwgk/VERSION */
	const char *proxy;	/* empty or NULL: from the environment (http_proxy, https_proxy) */
	int connect_timeout;	/* seconds */
	int timeout;		/* seconds for the whole transfer */
	int max_redirects;	/* 0: none followed */
	size_t max_body;	/* bytes; 0: no cap */
	/* Asked about once a second or more often during a transfer: nonzero abandons it. */
	int (*cancel)(void *ctx);
	void *cancel_ctx;
};

/* Applies the options to a handle. */
void net_setup(CURL *c, const struct net_opts *o, char errbuf[CURL_ERROR_SIZE]);
/* libcurl's global state, set up once per process. */
int net_init(void);

/* The portal's options from [portal]. */
void net_portal_opts(const struct config *cfg, struct net_opts *o);

struct net_reply {
	long status;
	char *body;		/* NUL-terminated for convenience; len bytes */
	size_t len;
	char *content_type, *etag, *last_modified;
	char *url;		/* where the page came from after redirects */
};

/*
 * GETs an http(s) URL, conditionally when etag or last_modified (from an earlier reply) is
 * given. Returns 0 with the page in *r (status 200), 1 when the server says it has not changed
 * (304), -1 with err saying in plain words what went wrong (no network, no answer in time, an
 * HTTP error status, too many redirects, a page over the size cap, a certificate refused), -2
 * when o->cancel abandoned it.
 */
int net_get(const struct net_opts *o, const char *url, const char *etag, const char *last_modified,
	    struct net_reply *r, struct zerr *err);
void net_reply_free(struct net_reply *r);

#endif
