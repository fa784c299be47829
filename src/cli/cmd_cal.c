/* cmd_cal.c - `zwgk cal add` and `zwgk cal month`: the working-day calendar from a shell. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fsutil.h"
#include "width.h"

/* The site's calendar when a configuration is found, else the shipped one. */
static int open_calendar(struct app *app, const char *cfg_arg)
{
	char *path = config_find(cfg_arg);
	struct zerr err = ZERR_INIT;
	char *shipped;

	if (path) {
		free(path);
		return cli_open(app, cfg_arg, APP_CONFIG | APP_CALENDAR);
	}
	memset(app, 0, sizeof *app);
	shipped = fs_join(app_data_dir(), "holidays.txt");
	if (cal_load(&app->cal, shipped, &err) != 0) {
		cli_error("%s", err.msg);
		free(shipped);
		return EXIT_FAIL;
	}
	free(shipped);
	return EXIT_OK;
}

static int cal_add(struct app *app, const char *date, const char *count)
{
	zdate from, to;
	char *end, buf[DATE_BUFSZ];
	long n;
	int provisional = 0;

	if (date_parse(date, &from) != 0) {
		cli_error(_("'%s' is not a date; allowed: YYYY-MM-DD"), date);
		return EXIT_USAGE;
	}
	errno = 0;
	n = strtol(count, &end, 10);
	if (!*count || *end || errno || n < 0 || n > 3650) {
		cli_error(_("'%s' is not a number of working days; allowed: 0 to 3650"), count);
		return EXIT_USAGE;
	}
	to = cal_add_workdays(&app->cal, from, (int)n, &provisional);
	if (provisional)
		printf("%s\tprovisional\n", date_format(to, buf));
	else
		printf("%s\n", date_format(to, buf));
	return EXIT_OK;
}

/* Prints a line without trailing blanks. */
static void put_line(struct sbuf *line)
{
	while (line->len && line->s[line->len - 1] == ' ')
		line->s[--line->len] = '\0';
	printf("%s\n", line->s ? line->s : "");
	sbuf_free(line);
}

static void add_cell(struct sbuf *line, const char *text, int cols)
{
	char *cell = width_fit(text, cols, ALIGN_LEFT);

	sbuf_add(line, cell);
	free(cell);
}

static int cal_month(struct app *app, const char *month)
{
	/* i18n: one-character weekday headings, Monday first */
	static const char *const wd[7] = { N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su") };
	struct sbuf line = { 0 };
	int y, m, provisional = 0, workdays = 0, ndays;
	zdate first;

	if (date_parse_month(month, &y, &m) != 0) {
		cli_error(_("'%s' is not a month; allowed: YYYY-MM"), month);
		return EXIT_USAGE;
	}
	first = date_from_ymd(y, m, 1);
	ndays = date_days_in_month(y, m);
	printf("%04d-%02d\n", y, m);
	for (int i = 0; i < 7; i++) {
		char *h = width_fit(_(wd[i]), 3, ALIGN_RIGHT);

		sbuf_add(&line, h);
		sbuf_add(&line, "  ");
		free(h);
	}
	put_line(&line);
	for (int i = 1; i < date_weekday(first); i++)
		sbuf_add(&line, "     ");
	for (int d = 1; d <= ndays; d++) {
		zdate day = first + d - 1;
		struct cal_day sp;
		char num[16];

		snprintf(num, sizeof num, "%3d", d);
		sbuf_add(&line, num);
		if (cal_special(&app->cal, day, &sp))
			/* i18n: two-column marks after a day number: holiday, make-up working day */
			add_cell(&line, sp.work ? _("W") : _("H"), 2);
		else
			sbuf_add(&line, "  ");
		workdays += cal_is_workday(&app->cal, day, &provisional);
		if (date_weekday(day) == 7 || d == ndays)
			put_line(&line);
	}
	printf("\n");
	/* The special days, with runs of the same holiday shown as one range. */
	for (int d = 1; d <= ndays; d++) {
		struct cal_day sp, next;
		char from[DATE_BUFSZ], to[DATE_BUFSZ];
		int last = d;

		if (!cal_special(&app->cal, first + d - 1, &sp))
			continue;
		while (last < ndays && cal_special(&app->cal, first + last, &next) && next.work == sp.work &&
		       strcmp(next.name, sp.name) == 0)
			last++;
		date_format(first + d - 1, from);
		date_format(first + last - 1, to);
		if (last > d)
			cli_print(stdout, "%s..%s  %s  %s\n", from, to,
				  sp.work ? _("make-up working day") : _("public holiday"), sp.name);
		else
			cli_print(stdout, "%s  %s  %s\n", from, sp.work ? _("make-up working day") : _("public holiday"),
				  sp.name);
		d = last;
	}
	printf(_("%d working days. H = public holiday, W = make-up working day.\n"), workdays);
	if (provisional)
		printf(_("provisional: %d is not in the calendar file; only the fixed-date holidays are counted.\n"), y);
	return EXIT_OK;
}

int cmd_cal(const char *cfg_arg, int argc, char **argv)
{
	struct app app;
	int rc;

	if (argc == 4 && strcmp(argv[1], "add") == 0) {
		rc = open_calendar(&app, cfg_arg);
		if (rc == EXIT_OK)
			rc = cal_add(&app, argv[2], argv[3]);
	} else if (argc == 3 && strcmp(argv[1], "month") == 0) {
		rc = open_calendar(&app, cfg_arg);
		if (rc == EXIT_OK)
			rc = cal_month(&app, argv[2]);
	} else {
		cli_error(_("usage: zwgk cal add YYYY-MM-DD N | zwgk cal month YYYY-MM"));
		return EXIT_USAGE;
	}
	app_close(&app);
	return rc;
}
