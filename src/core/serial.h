/* serial.h - serial numbers of the registers: a pattern, and a counter per register and year. */
#ifndef ZWGK_SERIAL_H
#define ZWGK_SERIAL_H

#include <sqlite3.h>

#include "util.h"

/* 0 when the pattern has {yyyy} or {yy} and {seq} or {seq:0N}, and no other {...}. */
int serial_pattern_check(const char *pattern);
/* Fills the pattern: {site}, {yyyy}, {yy}, {seq}, {seq:05}; caller frees. */
char *serial_format(const char *pattern, const char *site, int year, int seq);
/*
 * Takes the next number of `reg` ("app", "sug") for `year`. Call it inside the transaction that
 * inserts the record: the number is used only if that transaction commits, so numbers are never
 * reused and have no gaps, whatever happens after the commit.
 */
int serial_next(sqlite3 *db, const char *reg, int year, int *seq, struct zerr *err);

#endif
