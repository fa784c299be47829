/* sitegen.h - what sitegen's parts share: the portal mirror's documents (sitegen-portal.c). */
#ifndef ZWGK_BENCH_SITEGEN_H
#define ZWGK_BENCH_SITEGEN_H

#include <sqlite3.h>

#include "date.h"

/*
 * Adds n mirrored documents published from `first` to `today`, as a sync stores them, in
 * transactions of 500; the sentences come from the knowledge base's answers. Returns the rows
 * written; exits on an error.
 */
long sitegen_portal(sqlite3 *db, long n, zdate first, zdate today, unsigned long long seed);

#endif
