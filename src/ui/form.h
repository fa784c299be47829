/*
 * form.h - a form of labelled fields (text or choice) with save and cancel. Fields can be
 * hidden (a form whose field set depends on a choice), carry their own problem message (shown
 * against the field), open a picker (F4 or Enter on a pick field), and the form scrolls when
 * it has more fields than the window has rows.
 */
#ifndef ZWGK_FORM_H
#define ZWGK_FORM_H

#include "edit.h"
#include "uipriv.h"

enum { FF_TEXT, FF_CHOICE };

struct form;

struct form_field {
	const char *label;
	int type;
	struct edit edit;		/* FF_TEXT */
	const char *const *choices;	/* FF_CHOICE: labels shown */
	int nchoices, choice;
	char *initial;			/* to tell whether anything changed */
	int hidden;			/* not part of the form just now */
	char *problem;			/* what is wrong with it, shown against it */
	int warning;			/* the problem does not stop saving */
	/* A pick field: F4 (or Enter) lets the clerk choose its value from a list. */
	void (*pick)(void *ctx, struct form *fm, int field);
};

struct form {
	const char *title;
	struct form_field *f;
	int n, cur, top;
	char *error;
	void *ctx;			/* passed to pick and changed */
	/* Called after every key, so a form can show or hide fields as the clerk goes. */
	void (*changed)(void *ctx, struct form *fm);
	struct ui *ui;			/* while it runs */
	/*
	 * When set (a short name: "application"), what was typed is kept as a draft if the desk is
	 * stopped in the middle of it (the terminal closed), and offered back the next time.
	 */
	const char *draft;
};

/* A pick (F4) that fills the field with a unit chosen from the unit directory. */
void form_pick_unit(void *ctx, struct form *fm, int field);

void form_init(struct form *fm, const char *title, int n);
void form_free(struct form *fm);
void form_text(struct form *fm, int i, const char *label, const char *value, int max);
void form_choice(struct form *fm, int i, const char *label, const char *const *choices, int n, int sel);
/* The field's text (a choice's index as text); caller frees. */
char *form_value(const struct form *fm, int i);
void form_set_text(struct form *fm, int i, const char *value);
/* Sets (or with NULL clears) a field's problem. */
void form_problem(struct form *fm, int i, const char *msg, int warning);
void form_clear_problems(struct form *fm);

/*
 * Runs the form until `save` succeeds (returns 1) or the clerk cancels (returns 0). When save
 * fails the cursor goes to the first field with a problem, or to err->field.
 */
int form_run(struct ui *ui, struct form *fm, int (*save)(void *ctx, struct form *fm, struct zerr *err), void *ctx);

#endif
