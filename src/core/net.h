/* net.h - the one place that sets up libcurl: timeouts, no signals, TLS checking, the CA file. */
#ifndef ZWGK_NET_H
#define ZWGK_NET_H

#include <curl/curl.h>

#include "config.h"

/* Applies the program's settings to a handle; `timeout` in seconds bounds the whole transfer. */
void net_setup(CURL *c, const char *ca_file, int timeout, char errbuf[CURL_ERROR_SIZE]);
/* libcurl's global state, set up once per process. */
int net_init(void);

#endif
