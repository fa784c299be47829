/* mail.c - composing and sending a plain-text UTF-8 e-mail over SMTP. */
#include "mail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "db.h"
#include "net.h"

int mail_configured(const struct config *cfg)
{
	return cfg->smtp_url && *cfg->smtp_url && cfg->smtp_from && *cfg->smtp_from;
}

static void base64(struct sbuf *b, const unsigned char *p, size_t n, int wrap)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t col = 0;

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
		char q[4] = { digits[v >> 18 & 63], digits[v >> 12 & 63], i + 1 < n ? digits[v >> 6 & 63] : '=',
			      i + 2 < n ? digits[v & 63] : '=' };

		sbuf_addn(b, q, 4);
		col += 4;
		if (wrap && col >= 76 && i + 3 < n) {
			sbuf_add(b, "\r\n");
			col = 0;
		}
	}
}

char *mail_message(const struct config *cfg, const char *to, const char *subject, const char *body)
{
	struct sbuf b = { 0 };
	char date[64], now[20];
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S %z", &tm);
	db_now(now);
	sbuf_printf(&b, "From: %s\r\nTo: %s\r\nSubject: =?UTF-8?B?", cfg->smtp_from, to);
	/* Headers are ASCII: the subject travels as an encoded word, the body as base64. */
	base64(&b, (const unsigned char *)subject, strlen(subject), 0);
	sbuf_printf(&b, "?=\r\nDate: %s\r\nMessage-ID: <%ld.%s@zwgk>\r\nMIME-Version: 1.0\r\n"
			"Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
		    date, (long)t, cfg->site_code);
	base64(&b, (const unsigned char *)body, strlen(body), 1);
	sbuf_add(&b, "\r\n");
	return sbuf_take(&b);
}

struct upload {
	const char *p;
	size_t left;
};

static size_t feed(char *buf, size_t size, size_t nmemb, void *ctx)
{
	struct upload *u = ctx;
	size_t n = size * nmemb < u->left ? size * nmemb : u->left;

	memcpy(buf, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

int mail_send(const struct config *cfg, const char *to, const char *subject, const char *body, struct zerr *err)
{
	char errbuf[CURL_ERROR_SIZE], *from, *rcpt, *msg;
	struct curl_slist *rcpts = NULL;
	struct upload up;
	CURLcode rc;
	CURL *c;

	if (!mail_configured(cfg)) {
		zerr_set(err, _("e-mail is not set up at this site: fill in [smtp] url and from in zwgk.ini"));
		return -1;
	}
	if (!check_email(to)) {
		zerr_set(err, _("'%s' is not an e-mail address"), to);
		return -1;
	}
	if (net_init() != 0 || !(c = curl_easy_init())) {
		zerr_set(err, _("cannot start the mail transfer"));
		return -1;
	}
	msg = mail_message(cfg, to, subject, body);
	from = xasprintf("<%s>", cfg->smtp_from);
	rcpt = xasprintf("<%s>", to);
	rcpts = curl_slist_append(rcpts, rcpt);
	up.p = msg;
	up.left = strlen(msg);
	{
		const struct net_opts o = { .ca_file = cfg->smtp_ca_file, .connect_timeout = 15, .timeout = cfg->smtp_timeout };

		net_setup(c, &o, errbuf);
	}
	curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, feed);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	if (cfg->smtp_starttls)
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (cfg->smtp_user && *cfg->smtp_user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, cfg->smtp_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->smtp_password ? cfg->smtp_password : "");
	}
	rc = curl_easy_perform(c);
	if (rc != CURLE_OK) {
		switch (rc) {
		case CURLE_COULDNT_CONNECT:
		case CURLE_COULDNT_RESOLVE_HOST:
		case CURLE_OPERATION_TIMEDOUT:
			zerr_set(err, _("the mail server %s cannot be reached (%s); is the network up?"), cfg->smtp_url,
				 curl_easy_strerror(rc));
			break;
		case CURLE_LOGIN_DENIED:
			zerr_set(err, _("the mail server refused the login; check [smtp] user and password"));
			break;
		case CURLE_USE_SSL_FAILED:
			zerr_set(err, _("the mail server offers no TLS; set [smtp] starttls = no only for a server on this PC"));
			break;
		default:
			zerr_set(err, _("sending the e-mail failed: %s"), *errbuf ? errbuf : curl_easy_strerror(rc));
		}
	}
	curl_slist_free_all(rcpts);
	curl_easy_cleanup(c);
	free(from);
	free(rcpt);
	free(msg);
	return rc == CURLE_OK ? 0 : -1;
}
