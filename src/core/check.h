/* check.h - format checks for what clerks type: phone numbers, postcodes, e-mail, plain text. */
#ifndef ZWGK_CHECK_H
#define ZWGK_CHECK_H

/* A mainland mobile (11 digits starting with 1), a landline with area code (023-12345678,
 * optional extension -123 or 转123), or a short hotline such as 12345. */
int check_phone(const char *s);
/* A person's own phone: a mobile (11 digits, 1[3-9]...) or a landline with area code; no hotlines. */
int check_phone_personal(const char *s);
/* One or more phone numbers separated by '/', ',', '，' or '、'. */
int check_phone_list(const char *s);
int check_postcode(const char *s);
int check_email(const char *s);
/* Valid UTF-8 with no control characters and at most max characters; returns the count or -1. */
int check_text(const char *s, int max);
/* The same, with line breaks allowed (an answer of several paragraphs). */
int check_text_lines(const char *s, int max);

/* yes/true/on/1/是 → 1, no/false/off/0/否 → 0 (any case), anything else → -1. */
int check_yes_no(const char *s);

#endif
