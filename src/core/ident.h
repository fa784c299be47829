/* ident.h - identity numbers: citizen ID (GB 11643-1999) and unified social credit code (GB 32100-2015). */
#ifndef ZWGK_IDENT_H
#define ZWGK_IDENT_H

#include "date.h"

enum {
	ID_OK,
	ID_BAD_LENGTH,		/* not 18 characters */
	ID_BAD_CHAR,		/* a character outside the allowed set */
	ID_BAD_BIRTH,		/* the birth date is not a real date, or lies in the future */
	ID_BAD_CHECK		/* the check character does not match */
};

/* Checks an 18-character citizen ID (x may be lower case); `today` bounds the birth date. */
int ident_check_id(const char *id, zdate today);
/* The check character the first 17 digits call for. */
char ident_id_check_char(const char *first17);
/* Checks a unified social credit code; ID_BAD_CHECK is a warning only (early codes fail it). */
int ident_check_uscc(const char *code);
char ident_uscc_check_char(const char *first17);

/* Other identity documents take a format check only. */
enum id_doc { DOC_ID_CARD, DOC_PASSPORT, DOC_HK_MACAO, DOC_TAIWAN, DOC_FOREIGN_PR, DOC_COUNT };
const char *ident_doc_code(int doc);		/* "id_card" */
const char *ident_doc_label(int doc);		/* translated: 居民身份证 */
int ident_doc_parse(const char *s);		/* code or Chinese name; -1 when unknown */
/* 0 when `number` has the shape of document `doc`. */
int ident_check_doc(int doc, const char *number, zdate today);

/* "5002**********123X": the middle hidden for lists; caller frees. */
char *ident_mask_id(const char *id);
/* "138****5678" */
char *ident_mask_phone(const char *phone);

#endif
