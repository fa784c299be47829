/*
 * config.c - zwgk.ini: the schema table is the one place that says which keys exist, their
 * types, ranges, defaults and help. Loading reads the file with iniparser, checks every value
 * against the table, warns about keys it does not know, and derives what the file leaves out.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "check.h"
#include "fsutil.h"
#include "serial.h"
#include "shelf.h"

enum cfg_type { T_TEXT, T_INT, T_BOOL, T_ENUM, T_PATH, T_LIST, T_CODE, T_PATTERN };

struct cfg_key {
	const char *section, *key;
	enum cfg_type type;
	size_t off;
	int min, max;			/* T_INT: range; T_TEXT: max characters */
	const char *const *choices;	/* T_ENUM, NULL-terminated */
	const char *def;		/* NULL: required; "": empty, or derived for zones */
	const char *help;
};

static const char *const site_types[] = { "county_center", "township", "village", "archive", "library", NULL };
static const char *const colour_modes[] = { "auto", "on", "off", NULL };
static const char *const languages[] = { "", "zh_CN", "en", NULL };
static const char *const portal_formats[] = { "html", "json", NULL };

#define OFF(f) offsetof(struct config, f)

static const struct cfg_key schema[] = {
	{ "site", "name", T_TEXT, OFF(site_name), 1, 60, NULL, NULL,
	  N_("Name of this site as printed on receipts, e.g. 巫山县高唐街道便民服务中心") },
	{ "site", "code", T_CODE, OFF(site_code), 1, 16, NULL, NULL,
	  N_("Short code used in serial numbers: letters, digits and '-'") },
	{ "site", "type", T_ENUM, OFF(site_type), 0, 0, site_types, NULL,
	  N_("Kind of site; decides the default zones and which applications it may register") },
	{ "site", "county", T_TEXT, OFF(site_county), 0, 30, NULL, "",
	  N_("County the site belongs to") },
	{ "site", "township", T_TEXT, OFF(site_township), 0, 30, NULL, "",
	  N_("Township or street the site belongs to (required for township and village sites)") },
	{ "site", "phone", T_TEXT, OFF(site_phone), 0, 30, NULL, "",
	  N_("Phone number of the desk, printed on receipts") },
	{ "site", "address", T_TEXT, OFF(site_address), 0, 80, NULL, "",
	  N_("Address of the desk, printed on receipts") },
	{ "site", "staff", T_LIST, OFF(staff), 0, 0, NULL, "",
	  N_("Names of the staff, separated by commas; the operator is chosen from them at start") },

	{ "zones", "query", T_BOOL, OFF(zones[ZONE_QUERY]), 0, 0, NULL, "",
	  N_("自助查询区: portal lookup (default from the site type)") },
	{ "zones", "reading", T_BOOL, OFF(zones[ZONE_READING]), 0, 0, NULL, "",
	  N_("资料阅览区: reading-room catalogue (default from the site type)") },
	{ "zones", "application", T_BOOL, OFF(zones[ZONE_APPLICATION]), 0, 0, NULL, "",
	  N_("申请接收区: applications and suggestions (default from the site type)") },
	{ "zones", "consultation", T_BOOL, OFF(zones[ZONE_CONSULTATION]), 0, 0, NULL, "",
	  N_("政策咨询区: policy consultation (default from the site type)") },

	{ "paths", "database", T_PATH, OFF(db_path), 0, 0, NULL, "zwgk.db",
	  N_("SQLite database, relative to this file's folder") },
	{ "paths", "backups", T_PATH, OFF(backup_dir), 0, 0, NULL, "backups",
	  N_("Folder for database backups") },
	{ "paths", "spool", T_PATH, OFF(spool_dir), 0, 0, NULL, "spool",
	  N_("Folder for print jobs and exports waiting to be handled") },

	{ "backup", "keep", T_INT, OFF(backup_keep), 1, 3650, NULL, "14",
	  N_("Backups kept: zwgk backup keeps the newest N zwgk-YYYY-MM-DD-HHMM.db files of the folder and removes older ones (nothing else)") },
	{ "backup", "max_age_days", T_INT, OFF(backup_max_age_days), 1, 365, NULL, "2",
	  N_("The status bar and zwgk check warn when the newest backup is more than this many days old, or there is none") },

	{ "printer", "queue", T_TEXT, OFF(printer_queue), 0, 60, NULL, "",
	  N_("CUPS queue name passed to lp -d; empty = the system default printer") },
	{ "printer", "command", T_PATH, OFF(printer_command), 0, 0, NULL, "lp",
	  N_("The print command, called like lp (a name looked up in PATH, or a full path)") },
	{ "printer", "options", T_TEXT, OFF(printer_options), 0, 200, NULL, "",
	  N_("Options passed to lp with -o, separated by commas, e.g. media=A4") },
	{ "printer", "copies", T_INT, OFF(printer_copies), 1, 9, NULL, "1",
	  N_("Copies of each receipt") },

	{ "registers", "application_serial", T_PATTERN, OFF(application_serial), 0, 40, NULL, "{site}-{yyyy}-{seq:05}",
	  N_("Serial numbers of applications: {site}, {yyyy}, {yy} and {seq} or {seq:0N}, counted per year") },
	{ "registers", "suggestion_serial", T_PATTERN, OFF(suggestion_serial), 0, 40, NULL, "{site}-JY-{yyyy}-{seq:05}",
	  N_("Serial numbers of suggestions, in the same form") },
	{ "registers", "consultation_serial", T_PATTERN, OFF(consultation_serial), 0, 40, NULL, "{site}-ZX-{yyyy}-{seq:05}",
	  N_("Serial numbers of policy consultations, in the same form") },
	{ "registers", "forward_by_hour", T_INT, OFF(forward_by_hour), 8, 23, NULL, "16",
	  N_("From this hour the status bar shows today's unforwarded applications in red") },

	{ "smtp", "url", T_TEXT, OFF(smtp_url), 0, 200, NULL, "",
	  N_("Mail server for forwarding by e-mail, e.g. smtps://mail.example.gov.cn:465 or smtp://10.1.1.1:25; empty = no e-mail")
	},
	{ "smtp", "starttls", T_BOOL, OFF(smtp_starttls), 0, 0, NULL, "yes",
	  N_("Require TLS (STARTTLS) on an smtp:// server; only a server on this PC may go without") },
	{ "smtp", "user", T_TEXT, OFF(smtp_user), 0, 100, NULL, "",
	  N_("Login name at the mail server") },
	{ "smtp", "password", T_TEXT, OFF(smtp_password), 0, 100, NULL, "",
	  N_("Password at the mail server; the file must then be readable by its owner only (chmod 600)") },
	{ "smtp", "from", T_TEXT, OFF(smtp_from), 0, 100, NULL, "",
	  N_("Sender address of forwarded applications") },
	{ "smtp", "ca_file", T_TEXT, OFF(smtp_ca_file), 0, 200, NULL, "",
	  N_("CA certificates to check the server with; empty = the system's") },
	{ "smtp", "timeout", T_INT, OFF(smtp_timeout), 5, 600, NULL, "60",
	  N_("Seconds to wait for the mail server") },

	{ "calendar", "file", T_PATH, OFF(calendar_file), 0, 0, NULL, "holidays.txt",
	  N_("Working-day calendar: holidays and make-up working days per year") },

	{ "kb", "synonyms", T_PATH, OFF(kb_synonyms), 0, 0, NULL, "synonyms.txt",
	  N_("Synonyms of the policy knowledge base: colloquial and dialect words and the entries' words") },

	{ "portal", "name", T_TEXT, OFF(portal_name), 0, 60, NULL, "",
	  N_("Name of the portal as the query screen shows it, e.g. 巫山县人民政府网") },
	{ "portal", "list_url", T_TEXT, OFF(portal_list_url), 0, 300, NULL, "",
	  N_("List pages of the 政府信息公开目录, {page} for the page number; empty = no portal") },
	{ "portal", "first_page", T_INT, OFF(portal_first_page), 0, 10, NULL, "1",
	  N_("Number of the first list page") },
	{ "portal", "max_pages", T_INT, OFF(portal_max_pages), 1, 10000, NULL, "20",
	  N_("List pages read at most in one sync") },
	{ "portal", "item_xpath", T_TEXT, OFF(portal_item_xpath), 0, 200, NULL, "",
	  N_("XPath of one document in a list page; the next ones are relative to it") },
	{ "portal", "title_xpath", T_TEXT, OFF(portal_title_xpath), 0, 200, NULL, "",
	  N_("XPath of the title, relative to the item") },
	{ "portal", "link_xpath", T_TEXT, OFF(portal_link_xpath), 0, 200, NULL, "",
	  N_("XPath of the link to the document page, relative to the item") },
	{ "portal", "date_xpath", T_TEXT, OFF(portal_date_xpath), 0, 200, NULL, "",
	  N_("XPath of the date, relative to the item (optional)") },
	{ "portal", "unit_xpath", T_TEXT, OFF(portal_unit_xpath), 0, 200, NULL, "",
	  N_("XPath of the 发布机构, relative to the item (optional)") },
	{ "portal", "number_xpath", T_TEXT, OFF(portal_number_xpath), 0, 200, NULL, "",
	  N_("XPath of the 文号, relative to the item (optional)") },
	{ "portal", "index_xpath", T_TEXT, OFF(portal_index_xpath), 0, 200, NULL, "",
	  N_("XPath of the 索引号, relative to the item (optional)") },
	{ "portal", "content_xpath", T_TEXT, OFF(portal_content_xpath), 0, 200, NULL, "",
	  N_("XPath of the text of a document page") },
	{ "portal", "meta_xpath", T_TEXT, OFF(portal_meta_xpath), 0, 200, NULL, "",
	  N_("XPath of the metadata table of a document page (索引号, 发布机构, 文号, 成文日期)") },
	{ "portal", "search_url", T_TEXT, OFF(portal_search_url), 0, 300, NULL, "",
	  N_("Live search of the portal, {q} for the words and {page}; empty = the mirror only") },
	{ "portal", "search_format", T_ENUM, OFF(portal_search_format), 0, 0, portal_formats, "html",
	  N_("What the live search answers: html (read with the XPaths above) or json") },
	{ "portal", "live_pages", T_INT, OFF(portal_live_pages), 1, 10, NULL, "2",
	  N_("Pages of the live search read at most: the next while the one before was as long as the first") },
	{ "portal", "json_items", T_TEXT, OFF(portal_json_items), 0, 100, NULL, "",
	  N_("JSON search: the path of the result list, e.g. data.list") },
	{ "portal", "json_title", T_TEXT, OFF(portal_json_title), 0, 100, NULL, "title",
	  N_("JSON search: the field of a result's title") },
	{ "portal", "json_link", T_TEXT, OFF(portal_json_link), 0, 100, NULL, "url",
	  N_("JSON search: the field of a result's link") },
	{ "portal", "json_date", T_TEXT, OFF(portal_json_date), 0, 100, NULL, "date",
	  N_("JSON search: the field of a result's date") },
	{ "portal", "json_number", T_TEXT, OFF(portal_json_number), 0, 100, NULL, "",
	  N_("JSON search: the field of a result's 文号 (optional)") },
	{ "portal", "user_agent", T_TEXT, OFF(portal_user_agent), 0, 100, NULL, "zwgk",
	  N_("How the desk names itself to the portal") },
	{ "portal", "proxy", T_TEXT, OFF(portal_proxy), 0, 200, NULL, "",
	  N_("Proxy, e.g. http://10.1.1.1:8080; empty = from the environment (https_proxy)") },
	{ "portal", "ca_file", T_TEXT, OFF(portal_ca_file), 0, 200, NULL, "",
	  N_("CA certificates to check the portal with; empty = the system's") },
	{ "portal", "connect_timeout", T_INT, OFF(portal_connect_timeout), 1, 120, NULL, "10",
	  N_("Seconds to wait for a connection") },
	{ "portal", "timeout", T_INT, OFF(portal_timeout), 5, 600, NULL, "30",
	  N_("Seconds one page may take at most") },
	{ "portal", "max_redirects", T_INT, OFF(portal_max_redirects), 0, 20, NULL, "5",
	  N_("Redirects followed at most") },
	{ "portal", "max_body_kib", T_INT, OFF(portal_max_body_kib), 16, 65536, NULL, "4096",
	  N_("Largest page accepted, in KiB") },
	{ "portal", "delay_ms", T_INT, OFF(portal_delay_ms), 0, 60000, NULL, "500",
	  N_("Pause between two requests to the portal, in milliseconds") },
	{ "portal", "stale_days", T_INT, OFF(portal_stale_days), 1, 365, NULL, "7",
	  N_("The mirror is flagged as out of date this many days after the last sync") },
	{ "portal", "recheck_days", T_INT, OFF(portal_recheck_days), 0, 3650, NULL, "30",
	  N_("A document fetched before is asked again (if changed) this many days after; 0 = only with portal sync --recheck") },
	{ "portal", "entrance_ykb", T_TEXT, OFF(portal_entrance_ykb), 0, 300, NULL, "",
	  N_("Address of 渝快办 (政务服务), shown as a QR code") },
	{ "portal", "entrance_map", T_TEXT, OFF(portal_entrance_map), 0, 300, NULL, "",
	  N_("Address of the 电子便民地图, shown as a QR code") },
	{ "portal", "entrance_guide", T_TEXT, OFF(portal_entrance_guide), 0, 300, NULL, "",
	  N_("Address of the 政府信息公开指南, shown as a QR code") },

	{ "fees", "per_page", T_TEXT, OFF(fees_per_page), 0, 10, NULL, "",
	  N_("Approved charge per printed or copied page in yuan, e.g. 0.50; empty = none approved: free") },
	{ "fees", "colour_per_page", T_TEXT, OFF(fees_colour_per_page), 0, 10, NULL, "",
	  N_("Approved charge per colour page in yuan; empty = none") },
	{ "fees", "free_pages", T_INT, OFF(fees_free_pages), 0, 1000, NULL, "0",
	  N_("Pages free of charge for each citizen and occasion") },
	{ "fees", "document", T_TEXT, OFF(fees_document), 0, 100, NULL, "",
	  N_("The document that approved the charges (文号), printed with the schedule") },

	/* 资料阅览区: how long each kind of material stays current (defaults: README, "The reading room"). */
	{ "shelf", "refresh_compilation", T_INT, OFF(shelf_refresh[SK_COMPILATION]), 1, 3650, NULL, "366",
	  N_("Days a policy compilation (政策汇编) stays current on the shelf; then it is flagged out of date") },
	{ "shelf", "refresh_work_report", T_INT, OFF(shelf_refresh[SK_WORK_REPORT]), 1, 3650, NULL, "366",
	  N_("Days a government work report (政府工作报告) stays current: one a year") },
	{ "shelf", "refresh_state_gazette", T_INT, OFF(shelf_refresh[SK_STATE_GAZETTE]), 1, 3650, NULL, "31",
	  N_("Days an issue of the State Council gazette (国务院公报) stays current: the issues come by post, a month's at a time") },
	{ "shelf", "refresh_city_gazette", T_INT, OFF(shelf_refresh[SK_CITY_GAZETTE]), 1, 3650, NULL, "31",
	  N_("Days an issue of the city government gazette (市级政府公报) stays current") },
	{ "shelf", "refresh_rules", T_INT, OFF(shelf_refresh[SK_RULES]), 1, 3650, NULL, "366",
	  N_("Days the compilation of disclosure rules (政务公开制度汇编) stays current") },
	{ "shelf", "refresh_guide", T_INT, OFF(shelf_refresh[SK_GUIDE]), 1, 3650, NULL, "366",
	  N_("Days the disclosure guide (政府信息公开指南) stays current; replace it at once when it is revised") },
	{ "shelf", "refresh_standard_catalogue", T_INT, OFF(shelf_refresh[SK_STANDARD_CATALOGUE]), 1, 3650, NULL, "366",
	  N_("Days the standard catalogue of local disclosure (基层政务公开标准目录) stays current") },
	{ "shelf", "refresh_service_guide", T_INT, OFF(shelf_refresh[SK_SERVICE_GUIDE]), 1, 3650, NULL, "183",
	  N_("Days a service guide (办事指南) stays current: procedures change, so check it twice a year") },

	{ "ui", "language", T_ENUM, OFF(language), 0, 0, languages, "",
	  N_("Language of the screens: zh_CN or en; empty = from the environment") },
	{ "ui", "colour", T_ENUM, OFF(colour), 0, 0, colour_modes, "auto",
	  N_("Colour: auto (when the terminal has it), on, or off for monochrome") },
};

#define NSCHEMA (sizeof schema / sizeof schema[0])

/* Key overrides are the one open-ended family: [ui] key_ACTION = KEYS. */
#define KEY_PREFIX "key_"

static const char *const zone_names[ZONE_COUNT] = { "query", "reading", "application", "consultation" };
static const char *const zone_labels[ZONE_COUNT] = {
	N_("Self-service query"), N_("Reading room"), N_("Applications"), N_("Policy consultation")
};
static const char *const site_type_labels[] = {
	N_("County government service centre"), N_("Township service centre"),
	N_("Village service centre"), N_("County archive"), N_("County library")
};

/* Which zones each site type has by default (domain.md, 附件1 and 附件2). */
static const int default_zones[][ZONE_COUNT] = {
	[SITE_COUNTY_CENTER] = { 1, 1, 1, 1 },
	[SITE_TOWNSHIP] = { 1, 1, 1, 1 },
	[SITE_VILLAGE] = { 1, 1, 1, 0 },
	[SITE_ARCHIVE] = { 1, 1, 1, 0 },
	[SITE_LIBRARY] = { 1, 1, 1, 0 },
};

const char *site_type_name(int type)
{
	return type >= 0 && type <= SITE_LIBRARY ? site_types[type] : "?";
}

const char *site_type_label(int type)
{
	return type >= 0 && type <= SITE_LIBRARY ? _(site_type_labels[type]) : "?";
}

const char *zone_name(int zone)
{
	return zone >= 0 && zone < ZONE_COUNT ? zone_names[zone] : "?";
}

const char *zone_label(int zone)
{
	return zone >= 0 && zone < ZONE_COUNT ? _(zone_labels[zone]) : "?";
}

const char *config_language(const struct config *cfg)
{
	return languages[cfg->language];
}

static int site_type_default_zone(int type, int zone)
{
	return default_zones[type][zone];
}

char *config_find(const char *cli_path)
{
	const char *env = getenv("ZWGK_CONFIG"), *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *p;

	if (cli_path)
		return xstrdup(cli_path);
	if (env && *env)
		return xstrdup(env);
	if (access("zwgk.ini", F_OK) == 0)
		return xstrdup("zwgk.ini");
	if (xdg && *xdg)
		p = xasprintf("%s/zwgk/zwgk.ini", xdg);
	else if (home && *home)
		p = xasprintf("%s/.config/zwgk/zwgk.ini", home);
	else
		p = NULL;
	if (p && access(p, F_OK) == 0)
		return p;
	free(p);
	if (access("/etc/zwgk/zwgk.ini", F_OK) == 0)
		return xstrdup("/etc/zwgk/zwgk.ini");
	return NULL;
}

/* What a key accepts, in words for the error message. */
static char *allowed_text(const struct cfg_key *k)
{
	struct sbuf b = { 0 };

	switch (k->type) {
	case T_TEXT:
		sbuf_printf(&b, _("text of at most %d characters, no control characters"), k->max);
		break;
	case T_INT:
		sbuf_printf(&b, _("a whole number from %d to %d"), k->min, k->max);
		break;
	case T_BOOL:
		sbuf_add(&b, _("yes or no"));
		break;
	case T_ENUM:
		for (const char *const *c = k->choices; *c; c++) {
			if (!**c)
				continue;
			if (b.len)
				sbuf_add(&b, ", ");
			sbuf_add(&b, *c);
		}
		if (k->choices[0][0] == '\0')
			sbuf_printf(&b, _(" or empty"));
		break;
	case T_PATH:
		sbuf_add(&b, _("a file or folder path"));
		break;
	case T_LIST:
		sbuf_add(&b, _("names separated by commas"));
		break;
	case T_CODE:
		sbuf_printf(&b, _("%d to %d letters, digits or '-'"), k->min, k->max);
		break;
	case T_PATTERN:
		sbuf_add(&b, _("text with {yyyy} (or {yy}) and {seq} (or {seq:05}), optionally {site}"));
		break;
	}
	return sbuf_take(&b);
}

/* Stores one value; returns 0, or -1 when the value does not fit the key. */
static int store(struct config *cfg, const struct cfg_key *k, const char *v)
{
	char *base = (char *)cfg + k->off;

	switch (k->type) {
	case T_TEXT: {
		int n = check_text(v, k->max);

		if (n < 0 || (k->min > 0 && n < k->min))
			return -1;
		free(*(char **)base);
		*(char **)base = xstrdup(v);
		return 0;
	}
	case T_CODE: {
		size_t len = strlen(v);

		if (len < (size_t)k->min || len > (size_t)k->max)
			return -1;
		for (const char *p = v; *p; p++)
			if (!isalnum((unsigned char)*p) && *p != '-')
				return -1;
		free(*(char **)base);
		*(char **)base = xstrdup(v);
		return 0;
	}
	case T_PATTERN:
		if (check_text(v, k->max) < 0 || serial_pattern_check(v) != 0)
			return -1;
		free(*(char **)base);
		*(char **)base = xstrdup(v);
		return 0;
	case T_PATH:
		if (!*v || check_text(v, 4096) < 0)
			return -1;
		free(*(char **)base);
		*(char **)base = xstrdup(v);
		return 0;
	case T_INT: {
		char *end;
		long n;

		errno = 0;
		n = strtol(v, &end, 10);
		if (!*v || *end || errno || n < k->min || n > k->max)
			return -1;
		*(int *)base = (int)n;
		return 0;
	}
	case T_BOOL: {
		int b = *v ? check_yes_no(v) : -1;

		if (*v && b < 0)
			return -1;
		*(int *)base = b;
		return 0;
	}
	case T_ENUM:
		for (int i = 0; k->choices[i]; i++) {
			if (strcmp(k->choices[i], v) == 0) {
				*(int *)base = i;
				return 0;
			}
		}
		return -1;
	case T_LIST: {
		char **items;

		if (check_text(v, 4096) < 0)
			return -1;
		str_split_list(v, &items);
		strv_free(*(char ***)base);
		*(char ***)base = items;
		return 0;
	}
	}
	return -1;
}

struct loader {
	struct config *cfg;
	cfg_report_fn report;
	void *ctx;
	int errors;
};

static void say(struct loader *ld, int severity, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(struct loader *ld, int severity, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (severity == CFG_ERROR)
		ld->errors++;
	if (ld->report)
		ld->report(ld->ctx, severity, msg);
	free(msg);
}

/* iniparser reports syntax errors through a printf-like callback; collect them here. */
static struct sbuf ini_errors;

static int collect_ini_error(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	sbuf_add(&ini_errors, msg);
	free(msg);
	return 0;
}

/* Turns iniparser's "syntax error in FILE (LINE):\n-> TEXT" messages into ours. */
static void report_syntax_errors(struct loader *ld, const char *path)
{
	const char *p = ini_errors.s ? ini_errors.s : "";
	int any = 0;

	while ((p = strstr(p, "syntax error in ")) != NULL) {
		const char *open = strstr(p, " ("), *arrow = strstr(p, "-> ");
		int line = open ? atoi(open + 2) : 0;
		const char *text = arrow ? arrow + 3 : "";
		size_t tlen = strcspn(text, "\n");
		char *shown = xstrndup(text, tlen > 60 ? 60 : tlen);

		say(ld, CFG_ERROR, _("%s: line %d: cannot read '%s'; allowed: [section], key = value, or a comment starting with ;"),
		    path, line, shown);
		free(shown);
		any = 1;
		p += 16;
	}
	if (!any)
		say(ld, CFG_ERROR, _("%s: cannot read the file: %s"), path, str_trim(ini_errors.s ? ini_errors.s : "?"));
}

/* Smallest edit distance to a known key of the section, for "did you mean". */
static const char *closest_key(const char *section, const char *key)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; i < NSCHEMA; i++) {
		const char *cand = schema[i].key;
		size_t la = strlen(key), lb = strlen(cand), row[64];

		if (strcmp(schema[i].section, section) != 0 || la >= 63 || lb >= 63)
			continue;
		for (size_t j = 0; j <= lb; j++)
			row[j] = j;
		for (size_t a = 1; a <= la; a++) {
			size_t prev = row[0];

			row[0] = a;
			for (size_t b = 1; b <= lb; b++) {
				size_t cur = row[b], sub = prev + (key[a - 1] != cand[b - 1]);

				row[b] = sub;
				if (row[b - 1] + 1 < row[b])
					row[b] = row[b - 1] + 1;
				if (cur + 1 < row[b])
					row[b] = cur + 1;
				prev = cur;
			}
		}
		if (row[lb] < best_d) {
			best_d = row[lb];
			best = cand;
		}
	}
	return best;
}

static int section_known(const char *section)
{
	for (size_t i = 0; i < NSCHEMA; i++)
		if (strcmp(schema[i].section, section) == 0)
			return 1;
	return 0;
}

static void apply_defaults(struct config *cfg)
{
	for (size_t i = 0; i < NSCHEMA; i++) {
		const struct cfg_key *k = &schema[i];

		if (k->def)
			store(cfg, k, k->def);
	}
	keymap_defaults(&cfg->keymap);
}

static void check_keys(struct loader *ld, dictionary *d, const char *path)
{
	for (ssize_t i = 0; i < d->size; i++) {
		const char *full = d->key[i], *colon;
		char *section;
		const char *key;

		if (!full)
			continue;
		colon = strchr(full, ':');
		if (!colon) {
			if (!section_known(full))
				say(ld, CFG_WARNING, _("%s: [%s]: unknown section, ignored"), path, full);
			continue;
		}
		section = xstrndup(full, (size_t)(colon - full));
		key = colon + 1;
		if (!*section) {
			say(ld, CFG_WARNING, _("%s: %s: key outside any section, ignored"), path, key);
		} else if (!section_known(section)) {
			/* reported once, at the section line */
		} else if (strcmp(section, "ui") == 0 && str_startswith(key, KEY_PREFIX)) {
			struct zerr err = ZERR_INIT;
			const char *v = d->val[i] ? d->val[i] : "";

			if (!action_by_name(key + strlen(KEY_PREFIX))) {
				struct sbuf names = { 0 };

				for (int a = 1; a < ACT_COUNT; a++)
					sbuf_printf(&names, "%s%s%s", a > 1 ? ", " : "", KEY_PREFIX, action_table[a].name);
				say(ld, CFG_ERROR, _("%s: [%s] %s: unknown action; allowed: %s"), path, section, key, names.s);
				sbuf_free(&names);
			} else if (keymap_override(&ld->cfg->keymap, key + strlen(KEY_PREFIX), v, &err) != 0) {
				say(ld, CFG_ERROR, _("%s: [%s] %s: %s; allowed: key names such as F2, Enter, Esc, C-l, a"),
				    path, section, key, err.msg);
			}
		} else {
			size_t j;

			for (j = 0; j < NSCHEMA; j++)
				if (strcmp(schema[j].section, section) == 0 && strcmp(schema[j].key, key) == 0)
					break;
			if (j == NSCHEMA) {
				const char *near = closest_key(section, key);

				if (near)
					say(ld, CFG_WARNING, _("%s: [%s] %s: unknown key, ignored (did you mean '%s'?)"),
					    path, section, key, near);
				else
					say(ld, CFG_WARNING, _("%s: [%s] %s: unknown key, ignored"), path, section, key);
			}
		}
		free(section);
	}
}

static void check_values(struct loader *ld, dictionary *d, const char *path)
{
	for (size_t i = 0; i < NSCHEMA; i++) {
		const struct cfg_key *k = &schema[i];
		char full[64];
		const char *v;

		snprintf(full, sizeof full, "%s:%s", k->section, k->key);
		v = iniparser_getstring(d, full, NULL);
		if (!v) {
			if (!k->def) {
				char *allowed = allowed_text(k);

				say(ld, CFG_ERROR, _("%s: [%s] %s: missing; allowed: %s"), path, k->section, k->key, allowed);
				free(allowed);
			}
			continue;
		}
		if (store(ld->cfg, k, v) != 0) {
			char *allowed = allowed_text(k);

			say(ld, CFG_ERROR, _("%s: [%s] %s: '%s' is not valid; allowed: %s"), path, k->section, k->key, v,
			    allowed);
			free(allowed);
		}
	}
}

/* Checks that need more than one key, and values derived from others. */
static void finish(struct loader *ld, const char *path)
{
	struct config *cfg = ld->cfg;
	char **paths[] = { &cfg->db_path, &cfg->backup_dir, &cfg->spool_dir, &cfg->calendar_file, &cfg->kb_synonyms };

	if (cfg->site_type < 0)
		cfg->site_type = SITE_TOWNSHIP;	/* already reported; the zones still need some default */
	else if ((cfg->site_type == SITE_TOWNSHIP || cfg->site_type == SITE_VILLAGE) && cfg->site_township &&
		 !*cfg->site_township)
		say(ld, CFG_ERROR, _("%s: [site] township: missing; allowed: the township or street this %s belongs to"),
		    path, site_type_name(cfg->site_type));
	/* A password in a file others can read is refused outright, not just warned about. */
	if (cfg->smtp_password && *cfg->smtp_password) {
		struct stat st;

		if (stat(path, &st) != 0 || (st.st_mode & 077)) {
			say(ld, CFG_ERROR, _("%s: [smtp] password: the file can be read by other users (mode %03o), so the password is not used; allowed: a file only its owner reads (chmod 600 %s)"),
			    path, (unsigned)(st.st_mode & 0777), path);
		}
	}
	if (cfg->smtp_url && *cfg->smtp_url && (!cfg->smtp_from || !*cfg->smtp_from))
		say(ld, CFG_ERROR, _("%s: [smtp] from: missing; allowed: the sender address of forwarded applications"), path);
	for (int z = 0; z < ZONE_COUNT; z++)
		if (cfg->zones[z] < 0)
			cfg->zones[z] = site_type_default_zone(cfg->site_type, z);
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		char *abs = fs_join(cfg->dir, *paths[i]);

		free(*paths[i]);
		*paths[i] = abs;
	}
}

int config_load(struct config *cfg, const char *path, cfg_report_fn report, void *ctx)
{
	struct loader ld = { cfg, report, ctx, 0 };
	struct zerr err = ZERR_INIT;
	dictionary *d;
	size_t len;
	char *text;

	memset(cfg, 0, sizeof *cfg);
	cfg->path = xstrdup(path);
	cfg->dir = fs_dirname(path);
	cfg->site_type = -1;
	apply_defaults(cfg);

	text = fs_read_file(path, 1 << 20, &len, &err);
	if (!text) {
		say(&ld, CFG_ERROR, _("%s: cannot read the configuration: %s"), path, err.msg);
		return ld.errors;
	}
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		say(&ld, CFG_ERROR, _("%s: the file starts with a byte-order mark; allowed: UTF-8 without BOM (save it again as plain UTF-8)"),
		    path);
	} else if (!str_valid_utf8(text, len) || memchr(text, '\0', len)) {
		say(&ld, CFG_ERROR, _("%s: the file is not UTF-8 text; allowed: UTF-8 (convert it with iconv -f GBK -t UTF-8)"),
		    path);
	}
	free(text);
	if (ld.errors)
		return ld.errors;

	sbuf_free(&ini_errors);
	iniparser_set_error_callback(collect_ini_error);
	d = iniparser_load(path);
	if (!d) {
		report_syntax_errors(&ld, path);
		sbuf_free(&ini_errors);
		return ld.errors;
	}
	sbuf_free(&ini_errors);
	check_keys(&ld, d, path);
	check_values(&ld, d, path);
	iniparser_freedict(d);
	finish(&ld, path);
	return ld.errors;
}

/* iniparser's complaints while only peeking: the full load says them properly. */
static int ini_quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

const char *config_peek_language(const char *path)
{
	const char *out = "", *v;
	dictionary *d;

	iniparser_set_error_callback(ini_quiet);
	d = iniparser_load(path);
	if (!d)
		return out;
	v = iniparser_getstring(d, "ui:language", "");
	for (int i = 0; languages[i]; i++)
		if (strcmp(v, languages[i]) == 0)
			out = languages[i];
	iniparser_freedict(d);
	return out;
}

void config_free(struct config *cfg)
{
	for (size_t i = 0; i < NSCHEMA; i++) {
		const struct cfg_key *k = &schema[i];
		char *base = (char *)cfg + k->off;

		if (k->type == T_TEXT || k->type == T_CODE || k->type == T_PATH || k->type == T_PATTERN)
			free(*(char **)base);
		else if (k->type == T_LIST)
			strv_free(*(char ***)base);
	}
	free(cfg->path);
	free(cfg->dir);
	memset(cfg, 0, sizeof *cfg);
}

static char *value_text(const struct config *cfg, const struct cfg_key *k)
{
	const char *base = (const char *)cfg + k->off;

	switch (k->type) {
	case T_TEXT:
	case T_CODE:
	case T_PATH:
	case T_PATTERN:
		return xstrdup(*(char *const *)base ? *(char *const *)base : "");
	case T_INT:
		return xasprintf("%d", *(const int *)base);
	case T_BOOL:
		return xstrdup(*(const int *)base ? "yes" : "no");
	case T_ENUM:
		return xstrdup(k->choices[*(const int *)base]);
	case T_LIST: {
		struct sbuf b = { 0 };
		char **v = *(char **const *)base;

		for (int i = 0; v && v[i]; i++) {
			if (i)
				sbuf_add(&b, ", ");
			sbuf_add(&b, v[i]);
		}
		return sbuf_take(&b);
	}
	}
	return xstrdup("");
}

void config_each(const struct config *cfg,
		 void (*emit)(void *ctx, const char *section, const char *key, const char *value,
			      const char *help),
		 void *ctx)
{
	for (size_t i = 0; i < NSCHEMA; i++) {
		char *v = value_text(cfg, &schema[i]);

		emit(ctx, schema[i].section, schema[i].key, v, _(schema[i].help));
		free(v);
	}
}

char *config_template(const char *const *values)
{
	struct sbuf b = { 0 };
	const char *section = "";

	sbuf_add(&b, _("; zwgk site configuration. Lines starting with ; are comments.\n"
		       "; Check it with: zwgk -c THIS-FILE check\n"));
	for (size_t i = 0; i < NSCHEMA; i++) {
		const struct cfg_key *k = &schema[i];
		const char *value = NULL;
		char *allowed = allowed_text(k), full[64];

		if (strcmp(section, k->section) != 0) {
			section = k->section;
			sbuf_printf(&b, "\n[%s]\n", section);
		}
		snprintf(full, sizeof full, "%s:%s", k->section, k->key);
		for (const char *const *v = values; v && v[0]; v += 2)
			if (strcmp(v[0], full) == 0 && v[1] && *v[1])
				value = v[1];
		sbuf_printf(&b, "; %s\n; %s: %s\n", _(k->help), _("allowed"), allowed);
		/* iniparser ends an unquoted value at ';' or '#', joins the next line to one ending in a
		 * backslash (the comment after it swallowed, the backslash lost) and reads one starting
		 * with ' (after blanks) as quoted by it (the quote lost): such values are quoted. */
		if (value && (strpbrk(value, ";#") || value[strlen(value) - 1] == '\\' ||
			      value[strspn(value, " \t")] == '\''))
			sbuf_printf(&b, "%s = \"%s\"\n", k->key, value);
		else if (value)
			sbuf_printf(&b, "%s = %s\n", k->key, value);
		else
			sbuf_printf(&b, ";%s = %s\n", k->key, k->def ? k->def : "");
		free(allowed);
	}
	sbuf_add(&b, _("; Key overrides: key_ACTION = KEYS, e.g. key_save = F2 C-w\n"));
	return sbuf_take(&b);
}
