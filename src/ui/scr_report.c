/* scr_report.c - printing a register's ledger from its screen. */
#include <stdlib.h>

#include "ledger.h"
#include "print.h"
#include "uipriv.h"

void ui_print_ledger(struct ui *ui, int kind, zdate from, zdate to)
{
	struct zerr err = ZERR_INIT;
	char *job = NULL, *msg;
	zdate today = date_today();
	int y, m, d, rc;

	if (!from) {
		date_to_ymd(today, &y, &m, &d);
		from = date_from_ymd(y, m, 1);
	}
	from = ui_ask_date(ui, from, _("Ledger of the days from:"));
	if (!from || !(to = ui_ask_date(ui, to ? to : today, _("up to:"))))
		return;
	if (to < from) {
		ui_message(ui, ledger_title(kind), _("The range ends before it starts."));
		return;
	}
	ui_busy(ui, _("Printing..."));
	rc = ledger_print(ui->app->db, &ui->app->cfg, kind, from, to, ui->app->operator, &job, &err);
	msg = rc == 0 ? xasprintf(_("%s is printing."), ledger_title(kind))
		      : xasprintf(_("%s was not printed: %s"), ledger_title(kind), err.msg);
	ui_message(ui, ledger_title(kind), msg);
	free(msg);
	free(job);
}
