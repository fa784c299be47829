/* receipt.c - what an application sends out: the receipt and its counterfoil (存根), the 转交单, the forwarding e-mail. */
#include "receipt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "choice.h"
#include "mail.h"
#include "print.h"
#include "width.h"

char *receipt_text(const struct config *cfg, const struct calendar *cal, const struct appl *a, const char *clerk,
		   struct zerr *err)
{
	const char *parts[2] = { _("applicant's copy"), _("counterfoil") };
	char *form = print_load_form(cfg, "receipt", err), *applicant, *deadline, *note, *out[2] = { NULL, NULL };
	char received[DATE_BUFSZ], today[DATE_BUFSZ], dl[DATE_BUFSZ];
	struct sbuf b = { 0 };
	int prov = 0;
	zdate due = appl_deadline(cal, a, &prov);

	if (!form)
		return NULL;
	applicant = strcmp(a->f[AF_APPLICANT_KIND], "org") == 0
			    ? xasprintf(_("%s (contact: %s)"), a->f[AF_NAME], a->f[AF_CONTACT_NAME])
			    : xstrdup(a->f[AF_NAME]);
	/* Say how the date was counted: from receipt or from the supplement, and any extension. */
	if (!due)
		deadline = xstrdup(_("stopped until the supplement arrives"));
	else
		deadline = xasprintf("%s%s%s", date_format(due, dl),
				     a->clock_start != a->received ? _(" (20 working days after the supplement arrived")
								   : _(" (20 working days after receipt"),
				     a->extended ? _(", extended by 20 working days)") : _(")"));
	note = prov ? xasprintf(_("The holidays of %d are not published yet: the date is provisional and will be recomputed."),
			       date_year(due))
		    : xstrdup("");
	date_format(a->received, received);
	/* The receipt's date and clerk are those of the registration, on every reprint too. */
	date_format(a->received, today);
	for (int i = 0; i < 2; i++) {
		const struct tvar vars[] = {
			{ "serial", a->serial }, { "received", received }, { "applicant", applicant },
			{ "phone", a->f[AF_PHONE] }, { "unit", a->f[AF_TARGET_UNIT] },
			{ "description", a->f[AF_DESCRIPTION] }, { "deadline", deadline }, { "deadline_note", note },
			{ "site_name", cfg->site_name }, { "site_phone", *cfg->site_phone ? cfg->site_phone : "-" },
			{ "site_address", cfg->site_address }, { "clerk", *a->created_by ? a->created_by : clerk },
			{ "today", today },
			{ "oral", strcmp(a->f[AF_ORAL], "yes") == 0 ? _("oral, written down by the clerk") : _("in writing") },
			{ "copy", parts[i] },
		};

		out[i] = print_render(form, vars, (int)(sizeof vars / sizeof vars[0]), "receipt.txt", err);
		if (!out[i])
			break;
	}
	if (out[0] && out[1]) {
		sbuf_add(&b, out[0]);
		sbuf_printf(&b, "\n%s\n\n", _("- - - - - - - - - - - - - - - - cut here - - - - - - - - - - - - - - - -"));
		sbuf_add(&b, out[1]);
	}
	free(out[0]);
	free(out[1]);
	free(form);
	free(applicant);
	free(deadline);
	free(note);
	return out[0] && out[1] ? sbuf_take(&b) : NULL;
}

int receipt_print(sqlite3 *db, const struct config *cfg, const struct calendar *cal, struct appl *a,
		  const char *op, char **job, struct zerr *err)
{
	char *text = receipt_text(cfg, cal, a, op, err), *title;
	struct zerr logerr = ZERR_INIT;
	int rc;

	*job = NULL;
	if (!text)
		return -1;
	title = xasprintf(_("Receipt %s"), a->serial);
	rc = print_send(cfg, title, text, cfg->printer_copies, job, err);
	print_log(db, op, "receipt", a->serial, cfg->printer_copies, rc == 0, *job, rc == 0 ? "" : err->msg, &logerr);
	if (rc == 0 && !a->receipt_printed) {
		struct zerr merr = ZERR_INIT;

		/* lp has the job: a failure to mark the record is said, but it is not a failed print. */
		if (appl_mark_printed(db, a, op, &merr) != 0) {
			zerr_set(err, _("the receipt was printed, but the record could not be marked printed: %s"), merr.msg);
			err->code = 0;
		}
	}
	free(title);
	free(text);
	return rc;
}

char *slip_text(const struct config *cfg, sqlite3 *db, const char *unit, zdate day, const char *clerk,
		struct zerr *err)
{
	struct appl_filter f = { -1, 0, day, NULL, unit, day, 0, 0 };
	struct sbuf table = { 0 };
	struct appl *rows, last;
	char dbuf[DATE_BUFSZ], count[16], *form, *out = NULL;
	int n, total = 0, have = 0;

	memset(&last, 0, sizeof last);
	/* Every application of the day to that unit, in the order they came. */
	do {
		if (appl_page(db, &f, have ? &last : NULL, 0, 200, &rows, &n, err) != 0) {
			sbuf_free(&table);
			return NULL;
		}
		for (int i = 0; i < n; i++) {
			char *serial, *name, **desc;
			int lines;

			serial = width_fit(rows[i].serial, 20, ALIGN_LEFT);
			name = width_fit(rows[i].f[AF_NAME], 16, ALIGN_LEFT);
			lines = width_wrap(rows[i].f[AF_DESCRIPTION], 34, &desc);
			for (int k = 0; k < lines; k++)
				sbuf_printf(&table, "  %s  %s  %s\n", k ? "                    " : serial, k ? "                " : name,
					    desc[k]);
			strv_free(desc);
			free(serial);
			free(name);
			total++;
		}
		if (n) {
			last.received = rows[n - 1].received;
			last.id = rows[n - 1].id;
			have = 1;
		}
		appl_rows_free(rows, n);
	} while (n == 200);
	if (!total) {
		zerr_set(err, _("no application to %s was received on %s"), unit, date_format(day, dbuf));
		sbuf_free(&table);
		return NULL;
	}
	form = print_load_form(cfg, "transfer", err);
	if (form) {
		const struct tvar vars[] = {
			{ "unit", unit }, { "day", date_format(day, dbuf) }, { "site_name", cfg->site_name },
			{ "clerk", clerk }, { "count", (snprintf(count, sizeof count, "%d", total), count) },
			{ "table", table.s },
		};

		out = print_render(form, vars, (int)(sizeof vars / sizeof vars[0]), "transfer.txt", err);
		free(form);
	}
	sbuf_free(&table);
	return out;
}

int forward_by_mail(sqlite3 *db, const struct config *cfg, const struct calendar *cal, struct appl *a,
		    const char *op, struct zerr *err)
{
	char received[DATE_BUFSZ], dl[DATE_BUFSZ], *form, *body, *subject, *contact;
	struct unit u;
	int prov = 0, rc = -1;
	zdate due = appl_deadline(cal, a, &prov);

	if (a->state != AS_RECEIVED) {
		zerr_set(err, _("application %s is %s; it cannot be %s now"), a->serial, appl_state_label(a->state),
			 _("forwarded"));
		return -1;
	}
	if (unit_get(db, a->unit_id, &u, err) != 0) {
		unit_init(&u);
		goto out_unit;
	}
	if (!*u.f[UF_EMAIL]) {
		zerr_set(err, _("%s has no e-mail address in the unit directory; add it there, or forward another way"),
			 u.f[UF_NAME]);
		goto out_unit;
	}
	form = print_load_form(cfg, "forward-mail", err);
	if (!form)
		goto out_unit;
	contact = xasprintf("%s %s %s", a->f[AF_PHONE], a->f[AF_ADDRESS], a->f[AF_EMAIL]);
	{
		const struct tvar vars[] = {
			{ "serial", a->serial }, { "received", date_format(a->received, received) },
			{ "unit", a->f[AF_TARGET_UNIT] }, { "applicant", a->f[AF_NAME] }, { "contact", str_trim(contact) },
			{ "description", a->f[AF_DESCRIPTION] }, { "form", choice_label(provide_forms, a->f[AF_FORM]) },
			{ "delivery", choice_label(deliveries, a->f[AF_DELIVERY]) },
			{ "deadline", due ? date_format(due, dl) : "" }, { "site_name", cfg->site_name },
			{ "site_phone", cfg->site_phone }, { "clerk", op },
		};

		body = print_render(form, vars, (int)(sizeof vars / sizeof vars[0]), "forward-mail.txt", err);
	}
	free(form);
	free(contact);
	if (!body)
		goto out_unit;
	subject = xasprintf(_("Application for government information %s, forwarded by %s"), a->serial, cfg->site_name);
	if (mail_send(cfg, u.f[UF_EMAIL], subject, body, err) == 0)
		rc = appl_forward(db, a, "email", u.f[UF_EMAIL], date_today(), op, err);
	free(subject);
	free(body);
out_unit:
	unit_free(&u);
	return rc;
}
