/* config.h - the site configuration (zwgk.ini): one schema table, loading, validation. */
#ifndef ZWGK_CONFIG_H
#define ZWGK_CONFIG_H

#include "keys.h"
#include "util.h"

enum site_type { SITE_COUNTY_CENTER, SITE_TOWNSHIP, SITE_VILLAGE, SITE_ARCHIVE, SITE_LIBRARY };
enum zone { ZONE_QUERY, ZONE_READING, ZONE_APPLICATION, ZONE_CONSULTATION, ZONE_COUNT };
enum colour_mode { COLOUR_AUTO, COLOUR_ON, COLOUR_OFF };
enum portal_format { PORTAL_HTML, PORTAL_JSON };
/* The kinds of material on the reading room's shelves (shelf.h, enum shelf_kind). */
#define SHELF_KIND_COUNT 8

struct config {
	char *path;		/* the INI file */
	char *dir;		/* its folder: relative paths in the file are relative to it */

	/* [site] */
	char *site_name, *site_code, *site_county, *site_township, *site_phone, *site_address;
	int site_type;
	char **staff;		/* NULL-terminated */

	/* [zones]: 1/0, or -1 until derived from the site type */
	int zones[ZONE_COUNT];

	/* [paths], resolved against dir */
	char *db_path, *backup_dir, *spool_dir;

	/* [backup]: how many backups zwgk backup keeps; when the status bar warns */
	int backup_keep, backup_max_age_days;

	/* [printer] */
	char *printer_queue, *printer_command, *printer_options;
	int printer_copies;

	/* [registers] */
	char *application_serial, *suggestion_serial, *consultation_serial;
	int forward_by_hour;

	/* [smtp]: forwarding by e-mail */
	char *smtp_url, *smtp_user, *smtp_password, *smtp_from, *smtp_ca_file;
	int smtp_starttls, smtp_timeout;

	/* [calendar], resolved against dir */
	char *calendar_file;
	char *kb_synonyms;		/* [kb] synonyms: the synonym table */

	/* [portal]: the county portal's 政府信息公开目录, mirrored for the 自助查询区 */
	char *portal_name, *portal_list_url;
	int portal_first_page, portal_max_pages;
	char *portal_item_xpath, *portal_title_xpath, *portal_link_xpath, *portal_date_xpath, *portal_unit_xpath,
		*portal_number_xpath, *portal_index_xpath, *portal_content_xpath, *portal_meta_xpath;
	char *portal_search_url;
	int portal_search_format;	/* PORTAL_HTML, PORTAL_JSON */
	int portal_live_pages;
	char *portal_json_items, *portal_json_title, *portal_json_link, *portal_json_date, *portal_json_number;
	char *portal_user_agent, *portal_proxy, *portal_ca_file;
	int portal_connect_timeout, portal_timeout, portal_max_redirects, portal_max_body_kib, portal_delay_ms,
		portal_stale_days, portal_recheck_days;
	char *portal_entrance_ykb, *portal_entrance_map, *portal_entrance_guide;

	/* [fees]: the approved copy and print charges (收费标准); none approved = free */
	char *fees_per_page, *fees_colour_per_page, *fees_document;
	int fees_free_pages;

	/* [shelf]: days each kind of reading-room material stays current, indexed by enum shelf_kind */
	int shelf_refresh[SHELF_KIND_COUNT];

	/* [ui] */
	int language;		/* index into the choices; see config_language() */
	int colour;
	struct keymap keymap;
};

enum { CFG_ERROR, CFG_WARNING };

/* Receives each finding, already formatted as "FILE: [section] key: ...". */
typedef void (*cfg_report_fn)(void *ctx, int severity, const char *msg);

/*
 * Finds the INI file: the -c argument, $ZWGK_CONFIG, ./zwgk.ini, $XDG_CONFIG_HOME/zwgk/zwgk.ini
 * (or ~/.config/zwgk/zwgk.ini), /etc/zwgk/zwgk.ini. Returns a new string or NULL.
 */
char *config_find(const char *cli_path);
/* Loads and validates; returns the number of errors (0 = usable). Warnings do not count. */
int config_load(struct config *cfg, const char *path, cfg_report_fn report, void *ctx);
void config_free(struct config *cfg);

/* "zh_CN", "en", or "" when the environment decides. */
const char *config_language(const struct config *cfg);
/*
 * [ui] language of the file at path, read before (and whatever) the rest of it is checked:
 * "zh_CN", "en", or "" (unset, unusable or unreadable).
 */
const char *config_peek_language(const char *path);
const char *site_type_name(int type);		/* "township" */
const char *site_type_label(int type);		/* translated: 乡镇（街道）便民服务中心 */
const char *zone_name(int zone);		/* "query" */
const char *zone_label(int zone);		/* translated: 自助查询 */

/*
 * A commented zwgk.ini for `zwgk init`, generated from the schema table. `values` is a
 * NULL-terminated list of "section:key", value pairs to set; every other key is written
 * commented out with its default.
 */
char *config_template(const char *const *values);

/* Calls emit for every schema key with its current value as text (for the settings screen). */
void config_each(const struct config *cfg,
		 void (*emit)(void *ctx, const char *section, const char *key, const char *value,
			      const char *help),
		 void *ctx);

#endif
