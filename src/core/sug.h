/* sug.h - the suggestion register (意见建议): anonymous allowed, forwarded like applications, replied. */
#ifndef ZWGK_SUG_H
#define ZWGK_SUG_H

#include <sqlite3.h>

#include "appl.h"

enum sug_field { SF_NAME, SF_CONTACT, SF_TARGET_UNIT, SF_CONTENT, SF_CHANNEL, SF_RECEIVED, SF_COUNT };
enum sug_state { SS_RECEIVED, SS_FORWARDED, SS_ANSWERED, SS_COUNT };

struct sug {
	long long id;
	char *serial;
	char *f[SF_COUNT];
	long long unit_id;
	int state;
	zdate received, replied;
	char *reply, *forwarded_at;
	int version;
};

const char *sug_field_key(int field);
const char *sug_field_label(int field);
int sug_field_by_key(const char *key);
int sug_field_max(int field);
const char *sug_state_label(int state);

void sug_init(struct sug *s);
void sug_free(struct sug *s);
void sug_set(struct sug *s, int field, const char *value);

/* Checks a suggestion; problems are tied to fields as for applications (appl_check). */
int sug_validate(sqlite3 *db, struct sug *s, zdate today, struct unit *unit, struct appl_check *out);
/* Registers it in one transaction with the next suggestion serial of its year. */
int sug_register(sqlite3 *db, const struct config *cfg, struct sug *s, const char *op, struct zerr *err);
int sug_load(sqlite3 *db, const char *serial, struct sug *s, struct zerr *err);
int sug_forward(sqlite3 *db, struct sug *s, const char *method, const char *to, zdate day, const char *op,
		struct zerr *err);
int sug_reply(sqlite3 *db, struct sug *s, const char *reply, zdate day, const char *op, struct zerr *err);
/* One page of those received in [from, to] (0: open end), in (received, id) order as appl_page. */
int sug_page(sqlite3 *db, zdate from, zdate to, const struct sug *after, int backwards, int limit, struct sug **rows,
	     int *n, struct zerr *err);
void sug_rows_free(struct sug *rows, int n);
/* Calls fn for each suggestion received in [from, to], as appl_each. */
int sug_each(sqlite3 *db, zdate from, zdate to, int (*fn)(void *ctx, const struct sug *s), void *ctx,
	     struct zerr *err);
int sug_history(sqlite3 *db, long long id,
		void (*fn)(void *ctx, const char *at, const char *day, const char *op, const char *event,
			   const char *detail),
		void *ctx, struct zerr *err);

#endif
