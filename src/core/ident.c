/* ident.c - checksums and shapes of identity numbers, and masking them for lists. */
#include "ident.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

static const int id_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char id_checks[] = "10X98765432";

char ident_id_check_char(const char *first17)
{
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (first17[i] - '0') * id_weights[i];
	return id_checks[sum % 11];
}

int ident_check_id(const char *id, zdate today)
{
	char birth[11];
	zdate born;

	if (strlen(id) != 18)
		return ID_BAD_LENGTH;
	for (int i = 0; i < 17; i++)
		if (!isdigit((unsigned char)id[i]))
			return ID_BAD_CHAR;
	if (!isdigit((unsigned char)id[17]) && id[17] != 'X' && id[17] != 'x')
		return ID_BAD_CHAR;
	snprintf(birth, sizeof birth, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
	if (date_parse(birth, &born) != 0 || born > today)
		return ID_BAD_BIRTH;
	if (ident_id_check_char(id) != toupper((unsigned char)id[17]))
		return ID_BAD_CHECK;
	return ID_OK;
}

static const char uscc_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int uscc_weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

static int uscc_value(char c)
{
	const char *p = c ? strchr(uscc_chars, toupper((unsigned char)c)) : NULL;

	return p ? (int)(p - uscc_chars) : -1;
}

char ident_uscc_check_char(const char *first17)
{
	int sum = 0, check;

	for (int i = 0; i < 17; i++)
		sum += uscc_value(first17[i]) * uscc_weights[i];
	check = 31 - sum % 31;
	return uscc_chars[check == 31 ? 0 : check];
}

int ident_check_uscc(const char *code)
{
	if (strlen(code) != 18)
		return ID_BAD_LENGTH;
	for (int i = 0; i < 18; i++)
		if (uscc_value(code[i]) < 0)
			return ID_BAD_CHAR;
	if (ident_uscc_check_char(code) != toupper((unsigned char)code[17]))
		return ID_BAD_CHECK;
	return ID_OK;
}

static const char *const doc_codes[DOC_COUNT] = { "id_card", "passport", "hk_macao", "taiwan", "foreign_pr" };
static const char *const doc_labels[DOC_COUNT] = {
	N_("Resident identity card"), N_("Passport"), N_("Mainland travel permit for Hong Kong and Macao residents"),
	N_("Mainland travel permit for Taiwan residents"), N_("Foreign permanent resident ID card")
};
static const char *const doc_zh[DOC_COUNT] = {
	"居民身份证", "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "外国人永久居留身份证"
};

const char *ident_doc_code(int doc)
{
	return doc >= 0 && doc < DOC_COUNT ? doc_codes[doc] : "?";
}

const char *ident_doc_label(int doc)
{
	return doc >= 0 && doc < DOC_COUNT ? _(doc_labels[doc]) : "?";
}

int ident_doc_parse(const char *s)
{
	for (int d = 0; d < DOC_COUNT; d++)
		if (strcmp(s, doc_codes[d]) == 0 || strcmp(s, doc_zh[d]) == 0 || strcmp(s, _(doc_labels[d])) == 0)
			return d;
	return -1;
}

/* Letters and digits only, between min and max long. */
static int alnum_between(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);

	if (n < min || n > max)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s))
			return 0;
	return 1;
}

int ident_check_doc(int doc, const char *number, zdate today)
{
	switch (doc) {
	case DOC_ID_CARD:
		return ident_check_id(number, today);
	case DOC_PASSPORT:
		return alnum_between(number, 5, 17) ? ID_OK : ID_BAD_CHAR;
	case DOC_HK_MACAO:
		/* H or M and 8 or 10 digits */
		return (number[0] == 'H' || number[0] == 'M') && alnum_between(number + 1, 8, 10) ? ID_OK : ID_BAD_CHAR;
	case DOC_TAIWAN:
		return alnum_between(number, 8, 10) ? ID_OK : ID_BAD_CHAR;
	case DOC_FOREIGN_PR:
		return alnum_between(number, 15, 18) ? ID_OK : ID_BAD_CHAR;
	default:
		return ID_BAD_CHAR;
	}
}

char *ident_mask_id(const char *id)
{
	size_t n = strlen(id);
	char *m = xstrdup(id);

	/* Keep the area's first four and the last four, as counters and receipts do. */
	for (size_t i = 4; n > 8 && i < n - 4; i++)
		m[i] = '*';
	return m;
}

char *ident_mask_phone(const char *phone)
{
	size_t n = strlen(phone);
	char *m = xstrdup(phone);

	if (n == 11 && phone[0] == '1') {
		memset(m + 3, '*', 4);
	} else if (n > 6) {
		for (size_t i = n - 6; i < n - 2; i++)
			if (isdigit((unsigned char)m[i]))
				m[i] = '*';
	}
	return m;
}
