/*
 * ask.h - the consultation register (政策咨询登记、交办、回复台账): every policy question asked
 * at the desk, and what became of it: answered on the spot with a knowledge-base entry,
 * dispatched (交办) to the unit that made the policy, which answers the citizen within five
 * working days, or redirected to the unit whose remit it is.
 */
#ifndef ZWGK_ASK_H
#define ZWGK_ASK_H

#include <sqlite3.h>

#include "appl.h"
#include "kb.h"

enum ask_field { QF_NAME, QF_CONTACT, QF_QUESTION, QF_CHANNEL, QF_RECEIVED, QF_COUNT };

/*
 * logged → answered | dispatched | redirected; dispatched → replied. A replied one may get its
 * follow-up call (回访) recorded.
 */
enum ask_state { QS_LOGGED, QS_ANSWERED, QS_DISPATCHED, QS_REPLIED, QS_REDIRECTED, QS_COUNT };
enum ask_followup { QFU_NONE, QFU_SATISFIED, QFU_UNSATISFIED, QFU_COUNT };

/* A dispatched question is answered by the unit within this many working days (附件1). */
#define ASK_DUE_WORKDAYS 5

struct ask {
	long long id;
	char *serial;
	char *f[QF_COUNT];
	int state;
	zdate received;
	char *logged_at;	/* "YYYY-MM-DD HH:MM:SS" */
	char *logged_by;
	long long entry_id;	/* answered: the knowledge-base entry given */
	char *entry_code;
	long long unit_id;	/* dispatched or redirected: the unit */
	char *unit_name;
	char *dispatch_method;	/* "paper" or "email" */
	zdate dispatched, due;
	char *reply;
	zdate replied;
	int followup;
	zdate followup_day;
	char *followup_note;
	int version;
};

const char *ask_field_key(int field);		/* "question" */
const char *ask_field_label(int field);		/* translated */
int ask_field_by_key(const char *key);		/* -1 when unknown */
int ask_field_max(int field);
const char *ask_state_code(int state);		/* "dispatched" */
const char *ask_state_label(int state);		/* translated: 已交办 */
int ask_state_parse(const char *s);
const char *ask_followup_label(int followup);	/* translated */
int ask_followup_parse(const char *s);		/* "satisfied", "unsatisfied" or the labels; -1 */

void ask_init(struct ask *q);
void ask_free(struct ask *q);
void ask_set(struct ask *q, int field, const char *value);

/* Refuses (-1, err: "consultation X is Y; it cannot be `doing` now") unless q is in `state`. */
int ask_need_state(const struct ask *q, int state, const char *doing, struct zerr *err);
/* Open and past its deadline on `today`: dispatched, not replied, due before today. */
int ask_overdue(const struct ask *q, zdate today);

/* Checks what the clerk typed; problems are tied to fields (appl_check). Returns the errors. */
int ask_validate(struct ask *q, zdate today, struct appl_check *c);
/* Logs a checked consultation with the next serial of its year. */
int ask_log(sqlite3 *db, const struct config *cfg, struct ask *q, const char *op, struct zerr *err);
int ask_load(sqlite3 *db, const char *serial, struct ask *q, struct zerr *err);
int ask_load_id(sqlite3 *db, long long id, struct ask *q, struct zerr *err);

/*
 * Answered on the spot with an entry that may be given today (published, within its dates).
 * When the citizen's words do not already find that entry first, they are kept as a learned
 * alias of it, so the next citizen who says it so gets it first; *learned says whether.
 */
int ask_answer(sqlite3 *db, const struct zh_synonyms *syn, struct ask *q, const char *entry_code, zdate today,
	       const char *op, int *learned, struct zerr *err);
/*
 * Dispatched (交办) to a unit of the directory on `day`, by "paper" (a printed 交办单) or
 * "email"; the deadline is ASK_DUE_WORKDAYS working days later. The unit answers the citizen
 * directly, so a name and a contact are required.
 */
int ask_dispatch(sqlite3 *db, const struct calendar *cal, struct ask *q, const char *unit, const char *method,
		 zdate day, const char *op, struct zerr *err);
/* The same, the 交办单 e-mailed first to the unit's address in the directory ([smtp]). */
int ask_dispatch_mail(sqlite3 *db, const struct config *cfg, const struct calendar *cal, struct ask *q,
		      const char *unit, const char *op, struct zerr *err);
/* Not this site's remit: the citizen was pointed to a unit of the directory. */
int ask_redirect(sqlite3 *db, struct ask *q, const char *unit, zdate today, const char *op, struct zerr *err);
/* The unit's reply to a dispatched question: its date and a summary. */
int ask_reply(sqlite3 *db, struct ask *q, const char *text, zdate day, zdate today, const char *op,
	      struct zerr *err);
/* The follow-up call (回访) after a reply: satisfied or not, with an optional note. */
int ask_followup(sqlite3 *db, struct ask *q, int result, const char *note, zdate day, zdate today, const char *op,
		 struct zerr *err);
/*
 * The knowledge loop: a replied question becomes a draft entry (question, the reply as its
 * answer, the unit), linked to the consultation. Refused when it has one already. Fills *e.
 */
int ask_make_draft(sqlite3 *db, const struct ask *q, const char *op, struct kb_entry *e, struct zerr *err);

/* Which consultations a list shows. */
struct ask_filter {
	zdate from, to;		/* received between (0: open) */
	int state;		/* -1: any */
	int overdue;		/* only those overdue on `today` */
	zdate today;
};
/* One page in (received, id) order after (or before) `after`, as sug_page. */
int ask_page(sqlite3 *db, const struct ask_filter *f, const struct ask *after, int backwards, int limit,
	     struct ask **rows, int *n, struct zerr *err);
void ask_rows_free(struct ask *rows, int n);
int ask_each(sqlite3 *db, const struct ask_filter *f, int (*fn)(void *ctx, const struct ask *q), void *ctx,
	     struct zerr *err);
/* How many dispatched questions are past their deadline on `today` (for the status bar); -1 on error. */
int ask_count_overdue(sqlite3 *db, zdate today);
int ask_history(sqlite3 *db, long long id,
		void (*fn)(void *ctx, const char *at, const char *day, const char *op, const char *event,
			   const char *detail),
		void *ctx, struct zerr *err);

/*
 * The paper that goes with a consultation, by its outcome: the answer slip (答复单) with the
 * entry's answer, the 交办单 for the unit, or the redirection note with the unit's phone and
 * address. Refused for one that is only logged. Caller frees.
 */
char *ask_slip_text(sqlite3 *db, const struct config *cfg, const struct ask *q, const char *clerk,
		    struct zerr *err);
/* Prints it through lp and logs the attempt. */
int ask_slip_print(sqlite3 *db, const struct config *cfg, const struct ask *q, const char *op, char **job,
		   struct zerr *err);

#endif
