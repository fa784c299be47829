/* main.c - parses the global options, sets up the locale and messages, hands over to ui or cli. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "ui/ui.h"

#ifndef ZWGK_LOCALEDIR
#define ZWGK_LOCALEDIR "/usr/local/share/locale"
#endif

static int locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static void setup_messages(void)
{
	const char *dir = getenv("ZWGK_LOCALEDIR");

	bindtextdomain("zwgk", dir && *dir ? dir : ZWGK_LOCALEDIR);
	bind_textdomain_codeset("zwgk", "UTF-8");
	textdomain("zwgk");
}

int main(int argc, char **argv)
{
	const char *cfg_arg = NULL;
	char codeset[64];
	int utf8, i;

	/*
	 * Everything zwgk makes is its owner's alone (database, -wal, backups, exports, spool files),
	 * whatever the shell's umask; files meant for others get their mode explicitly.
	 */
	umask(077);
	setlocale(LC_ALL, "");
	utf8 = locale_is_utf8();
	snprintf(codeset, sizeof codeset, "%s", nl_langinfo(CODESET));
	/* Commands write UTF-8 whatever the locale (cron has none); only the screen needs the terminal's. */
	if (!utf8)
		setlocale(LC_CTYPE, "C.UTF-8");
	setup_messages();

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0) {
			if (i + 1 == argc) {
				cli_error(_("-c needs a file name"));
				return EXIT_USAGE;
			}
			cfg_arg = argv[++i];
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("zwgk %s\n", ZWGK_VERSION);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cli_usage(stdout);
			return EXIT_OK;
		} else if (argv[i][0] == '-') {
			cli_error(_("unknown option '%s'; see zwgk --help"), argv[i]);
			return EXIT_USAGE;
		} else {
			break;
		}
	}
	if (i < argc)
		return cli_main(cfg_arg, argc - i, argv + i);
	if (!utf8) {
		cli_error(_("the terminal's locale is not UTF-8 (it is %s); set one, e.g. export LANG=zh_CN.UTF-8 or LANG=C.UTF-8, and set the terminal (PuTTY: Window > Translation) to UTF-8"),
			  codeset);
		return EXIT_USAGE;
	}
	{
		struct app app;
		int rc = cli_open(&app, cfg_arg, APP_ALL | CLI_DESK);

		/* Configuration problems are reported here, before the screen starts. */
		if (rc != EXIT_OK)
			return rc;
		rc = ui_main(&app);
		app_close(&app);
		return rc;
	}
}
