/* choice.h - the fixed lists of a register's form: a stable code, an English msgid, the form's Chinese. */
#ifndef ZWGK_CHOICE_H
#define ZWGK_CHOICE_H

struct choice {
	const char *code;	/* stored and used on the command line */
	const char *label;	/* N_() English, shown translated */
	const char *zh;		/* the wording of the paper form, accepted as input */
};

/* Index of `s` (a code, the Chinese wording or the translated label) in the NULL-ended list, or -1. */
int choice_parse(const struct choice *list, const char *s);
const char *choice_label(const struct choice *list, const char *code);
/* "code (label), ..." for error messages; caller frees. */
char *choice_allowed(const struct choice *list);

extern const struct choice applicant_kinds[], org_kinds[], provide_forms[], deliveries[], forward_methods[],
	outcomes[], sug_channels[], ask_channels[], shelf_kinds[];

#endif
