/* blank.h - the forms printed from a menu: blank 申请表 and 意见建议表, the 样表, and the table of
 * every unit's 依申请公开 phone and receiving address made from the unit directory, and the
 * schedule of copy and print charges (收费标准, fees.c). */
#ifndef ZWGK_BLANK_H
#define ZWGK_BLANK_H

#include <sqlite3.h>

#include "config.h"

/* The names `zwgk print form` takes, NULL-terminated. */
extern const char *const blank_forms[];
/* A label for each, translated. */
const char *blank_form_label(const char *name);
/* Renders the form `name`; caller frees. */
char *blank_render(const struct config *cfg, sqlite3 *db, const char *name, struct zerr *err);

#endif
