/* receipt.h - the 政府信息公开申请接收回执: rendering it from forms/receipt.txt and printing it. */
#ifndef ZWGK_RECEIPT_H
#define ZWGK_RECEIPT_H

#include "appl.h"

/* The receipt as text: the applicant's part and the counterfoil, divided by a cut line; caller frees. */
char *receipt_text(const struct config *cfg, const struct calendar *cal, const struct appl *a, const char *clerk,
		   struct zerr *err);

/*
 * Prints the receipt, logs the attempt, and marks the record printed when lp took it. On
 * failure the record stays as it is ("receipt not printed") and err says what went wrong.
 * When lp took it but the record could not be marked, it returns 0 with a note in err->msg.
 */
int receipt_print(sqlite3 *db, const struct config *cfg, const struct calendar *cal, struct appl *a,
		  const char *op, char **job, struct zerr *err);

/*
 * The 转交单 for `unit`: the applications to it received on `day`, with serial, applicant and
 * the information wanted, for the person who takes them to sign. Fails when there are none.
 */
char *slip_text(const struct config *cfg, sqlite3 *db, const char *unit, zdate day, const char *clerk,
		struct zerr *err);

/*
 * Forwards an application to its unit by e-mail ([smtp]): the message from forms/forward-mail.txt
 * to the unit's address in the directory, then the forwarding recorded. Nothing is recorded
 * when the mail cannot be sent.
 */
int forward_by_mail(sqlite3 *db, const struct config *cfg, const struct calendar *cal, struct appl *a,
		    const char *op, struct zerr *err);

#endif
