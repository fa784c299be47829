/* cmd_qr.c - `zwgk qr TEXT [--ascii]`: a QR code on the terminal, no site needed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "qr.h"

/* On a terminal the code is drawn black on white, so that it reads on dark terminals too (see qr.c). */
static void put_lines(const char *text, int colour)
{
	for (const char *line = text; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);

		if (colour)
			fputs("\033[30;47m", stdout);
		fwrite(line, 1, len, stdout);
		if (colour)
			fputs("\033[0m", stdout);
		fputc('\n', stdout);
		line += len + (nl != NULL);
	}
}

int cmd_qr(const char *cfg_arg, int argc, char **argv)
{
	struct zerr err = ZERR_INIT;
	const char *text = NULL, *term = getenv("TERM");
	int style = QR_UNICODE, options = 1;
	char *out;

	(void)cfg_arg;
	for (int i = 1; i < argc; i++) {
		if (options && strcmp(argv[i], "--ascii") == 0) {
			style = QR_ASCII;
		} else if (options && strcmp(argv[i], "--") == 0) {
			options = 0;
		} else if ((options && argv[i][0] == '-') || text) {
			text = NULL;
			break;
		} else {
			text = argv[i];
		}
	}
	if (!text) {
		cli_error(_("usage: zwgk qr [--ascii] [--] TEXT"));
		return EXIT_USAGE;
	}
	out = qr_text(text, style, &err);
	if (!out) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	put_lines(out, isatty(STDOUT_FILENO) && term && *term && strcmp(term, "dumb") != 0);
	free(out);
	return EXIT_OK;
}
