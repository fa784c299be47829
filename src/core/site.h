/* site.h - creating a site folder: zwgk.ini, calendar, database, and the demo data. */
#ifndef ZWGK_SITE_H
#define ZWGK_SITE_H

#include "util.h"

struct site_spec {
	const char *name, *code, *type, *county, *township, *staff;
	int demo;		/* fill the demo site: 巫山县 township centre with its units */
};

/* err->field after a refused value (as opposed to a folder that cannot be made). */
#define SITE_BAD_VALUE 1

/*
 * Creates `dir` (mode 0700) with a commented zwgk.ini (0600), the calendar, an empty or demo
 * database (0600) and the backups and spool folders. Refuses a folder that already holds a
 * zwgk.ini or a database. On failure removes what it created.
 */
int site_init(const char *dir, const struct site_spec *spec, struct zerr *err);

#endif
