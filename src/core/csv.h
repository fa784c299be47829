/* csv.h - RFC 4180 CSV reading and writing (quotes, doubled quotes, CRLF, a leading BOM). */
#ifndef ZWGK_CSV_H
#define ZWGK_CSV_H

#include <stddef.h>

#include "util.h"

struct csv_reader {
	const char *p, *end;
	int line;		/* physical line where the next record starts */
};

void csv_init(struct csv_reader *r, const char *text, size_t len);
/*
 * Reads one record into a NULL-terminated array of strings (free with strv_free).
 * Returns the number of fields, 0 at the end of input, -1 on a malformed record (err says
 * why; *line is set in every case to the record's first line).
 */
int csv_read(struct csv_reader *r, char ***fields, int *line, struct zerr *err);

/*
 * A cell of a ledger export made safe for a spreadsheet: control characters become '?', and a
 * leading = + - @ gets a ' so WPS or Excel shows text instead of running a formula. Caller frees.
 */
char *csv_cell_safe(const char *s);
/* Writes fields separated by commas and ends the record with CRLF. */
void csv_write_row(struct sbuf *b, const char *const *fields, int n);

#endif
