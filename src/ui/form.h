/* form.h - a form of labelled fields (text or choice) with save and cancel; errors by field. */
#ifndef ZWGK_FORM_H
#define ZWGK_FORM_H

#include "edit.h"
#include "uipriv.h"

enum { FF_TEXT, FF_CHOICE };

struct form_field {
	const char *label;
	int type;
	struct edit edit;		/* FF_TEXT */
	const char *const *choices;	/* FF_CHOICE: labels shown */
	int nchoices, choice;
	char *initial;			/* to tell whether anything changed */
};

struct form {
	const char *title;
	struct form_field *f;
	int n, cur;
	char *error;
};

void form_init(struct form *fm, const char *title, int n);
void form_free(struct form *fm);
void form_text(struct form *fm, int i, const char *label, const char *value, int max);
void form_choice(struct form *fm, int i, const char *label, const char *const *choices, int n, int sel);
/* The field's text (a choice's index as text); caller frees. */
char *form_value(const struct form *fm, int i);

/*
 * Runs the form until `save` succeeds (returns 1) or the clerk cancels (returns 0). When save
 * fails its message is shown under the form and the cursor goes to err->field.
 */
int form_run(struct ui *ui, struct form *fm, int (*save)(void *ctx, struct form *fm, struct zerr *err), void *ctx);

#endif
