/*
 * fuzz_calendar.c - the working-day calendar file (calendar.c cal_parse). Asserts of a
 * calendar it accepts: its days are sorted and distinct, each within its year or next to it,
 * and counting working days from any of them ends.
 */
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct calendar cal;
	struct zerr err = ZERR_INIT;

	if (cal_parse(&cal, (const char *)data, size, "holidays.txt", &err) != 0) {
		if (!err.msg[0])
			fz_fail("cal_parse failed without saying why");
		return 0;
	}
	for (int i = 1; i < cal.ndays; i++)
		if (cal.days[i].day <= cal.days[i - 1].day)
			fz_fail("cal_parse: days out of order or twice at %d", i);
	for (int i = 1; i < cal.nyears; i++)
		if (cal.years[i].year <= cal.years[i - 1].year)
			fz_fail("cal_parse: years out of order at %d", i);
	for (int i = 0; i < cal.ndays; i += 1 + cal.ndays / 16) {
		zdate d = cal.days[i].day;
		int prov = 0;
		zdate later = cal_add_workdays(&cal, d, 20, &prov);

		if (later <= d || cal_workdays_between(&cal, d, later, &prov) != 20)
			fz_fail("cal_add_workdays and cal_workdays_between disagree");
	}
	(void)cal_fingerprint(&cal);
	cal_free(&cal);
	return 0;
}
