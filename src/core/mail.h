/* mail.h - forwarding by e-mail: a UTF-8 message sent through libcurl's SMTP with [smtp]'s settings. */
#ifndef ZWGK_MAIL_H
#define ZWGK_MAIL_H

#include "config.h"

/* Whether [smtp] is set up enough to send. */
int mail_configured(const struct config *cfg);
/* The message as sent (headers and base64 body); caller frees. */
char *mail_message(const struct config *cfg, const char *to, const char *subject, const char *body);
/* Sends it; err says in plain words what failed (no server, login refused, recipient refused...). */
int mail_send(const struct config *cfg, const char *to, const char *subject, const char *body, struct zerr *err);

#endif
