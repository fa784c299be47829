/* net.c - libcurl setup shared by every transfer. */
#include "net.h"

static int initialised;

int net_init(void)
{
	if (!initialised && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return -1;
	initialised = 1;
	return 0;
}

void net_setup(CURL *c, const char *ca_file, int timeout, char errbuf[CURL_ERROR_SIZE])
{
	errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	/* Signals stay with the program: a timeout must not arrive as SIGALRM in the screens. */
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)timeout);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "zwgk/" ZWGK_VERSION);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (ca_file && *ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca_file);
}
