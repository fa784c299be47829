/* keys.c - the action table and key names. */
#include "keys.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const struct action_def action_table[ACT_COUNT] = {
	{ ACT_NONE, "", "", "", 0, 0 },
	{ ACT_HELP, "help", "F1 ?", N_("Help"), SCR_ALL, 1 },
	{ ACT_QUIT, "quit", "F10 q C-c", N_("Quit"), SCR_MENU | SCR_PICK, 1 },
	{ ACT_BACK, "back", "Esc q C-c", N_("Back"), SCR_LIST | SCR_LEDGER | SCR_BROWSE | SCR_VIEW | SCR_FORM | SCR_PICK | SCR_ASK | SCR_ENTRY | SCR_QUERY | SCR_DOC | SCR_REPORT | SCR_QRCODE, 1 },
	{ ACT_REDRAW, "redraw", "C-l", N_("Redraw the screen"), SCR_ALL, 0 },
	{ ACT_UP, "up", "Up k", N_("Move up"), SCR_MENU | SCR_LIST | SCR_LEDGER | SCR_BROWSE | SCR_VIEW | SCR_PICK | SCR_ASK | SCR_ENTRY | SCR_QUERY | SCR_DOC | SCR_REPORT, 0 },
	{ ACT_DOWN, "down", "Down j", N_("Move down"), SCR_MENU | SCR_LIST | SCR_LEDGER | SCR_BROWSE | SCR_VIEW | SCR_PICK | SCR_ASK | SCR_ENTRY | SCR_QUERY | SCR_DOC | SCR_REPORT, 0 },
	{ ACT_PGUP, "page_up", "PgUp", N_("Previous page"), SCR_LIST | SCR_LEDGER | SCR_BROWSE | SCR_VIEW | SCR_DOC | SCR_REPORT, 0 },
	{ ACT_PGDN, "page_down", "PgDn Space", N_("Next page"), SCR_LIST | SCR_LEDGER | SCR_BROWSE | SCR_VIEW | SCR_DOC | SCR_REPORT, 0 },
	{ ACT_HOME, "first", "Home g", N_("First"), SCR_LIST | SCR_LEDGER | SCR_BROWSE | SCR_VIEW | SCR_DOC | SCR_REPORT, 0 },
	{ ACT_END, "last", "End G", N_("Last"), SCR_LIST | SCR_LEDGER | SCR_BROWSE | SCR_VIEW | SCR_DOC | SCR_REPORT, 0 },
	{ ACT_OPEN, "open", "Enter", N_("Open"), SCR_MENU | SCR_LIST | SCR_LEDGER | SCR_SUGS | SCR_PICK | SCR_ASK | SCR_ASKS | SCR_QUERY | SCR_REPORT | SCR_SHELF, 1 },
	{ ACT_SEARCH, "search", "/ s", N_("Search"), SCR_LIST | SCR_LEDGER, 1 },
	{ ACT_ADD, "add", "a Insert", N_("Add"), SCR_LIST | SCR_SHELF, 1 },
	{ ACT_EDIT, "edit", "e", N_("Edit"), SCR_LIST | SCR_SHELF, 0 },
	{ ACT_RETIRE, "retire", "d Delete", N_("Retire or restore"), SCR_LIST, 1 },
	{ ACT_SAVE, "save", "F2 C-s", N_("Save"), SCR_FORM, 1 },
	{ ACT_NEXT_FIELD, "next_field", "Tab Down Enter", N_("Next field"), SCR_FORM, 1 },
	{ ACT_PREV_FIELD, "prev_field", "S-Tab Up", N_("Previous field"), SCR_FORM, 0 },
	{ ACT_OPERATOR, "operator", "o", N_("Change operator"), SCR_MENU, 0 },
	{ ACT_PREVIEW, "preview", "v", N_("View the receipt"), SCR_LEDGER, 1 },
	{ ACT_PRINT, "print", "p", N_("Print the receipt"), SCR_LEDGER, 1 },
	{ ACT_FORWARD, "forward", "f", N_("Forward"), SCR_LEDGER | SCR_SUGS, 1 },
	{ ACT_ANSWER, "answer", "a", N_("Record the answer"), SCR_LEDGER | SCR_SUGS, 0 },
	{ ACT_SUPPLEMENT, "supplement", "b", N_("Supplement (补正) asked for or received"), SCR_LEDGER, 0 },
	{ ACT_EXTEND, "extend", "x", N_("Extend by 20 working days"), SCR_LEDGER, 0 },
	{ ACT_WITHDRAW, "withdraw", "w", N_("Withdrawn by the applicant"), SCR_LEDGER, 0 },
	{ ACT_FILTER, "filter", "t", N_("Filter"), SCR_LEDGER | SCR_ASKS | SCR_REPORT, 1 },
	{ ACT_PRINT_LEDGER, "print_ledger", "l", N_("Print the ledger"), SCR_LEDGER | SCR_SUGS | SCR_ASKS, 0 },
	{ ACT_DISPATCH, "dispatch", "F5", N_("Dispatch (交办)"), SCR_ASK | SCR_ASKS, 1 },
	{ ACT_REDIRECT, "redirect", "F6", N_("Redirect"), SCR_ASK | SCR_ASKS, 1 },
	{ ACT_OTHER_WORDS, "other_words", "F3", N_("Search with other words"), SCR_ASK, 1 },
	{ ACT_USE, "use", "F2 Enter", N_("Answer with this entry"), SCR_ENTRY, 1 },
	{ ACT_REPLY, "reply", "r", N_("Record the unit's reply"), SCR_ASKS, 1 },
	{ ACT_FOLLOWUP, "followup", "c", N_("Follow-up call (回访)"), SCR_ASKS, 1 },
	{ ACT_DRAFT, "draft", "m", N_("Make a knowledge-base draft of the reply"), SCR_ASKS, 0 },
	{ ACT_PRINT_SLIP, "print_slip", "p", N_("Print the slip"), SCR_ASKS, 1 },
	{ ACT_ALIASES, "aliases", "n", N_("Other wordings (aliases)"), SCR_KB, 1 },
	{ ACT_SYNC, "sync", "F5", N_("Sync with the portal"), SCR_QUERY, 1 },
	{ ACT_LIVE, "live_search", "F3", N_("Search the portal online"), SCR_QUERY, 1 },
	{ ACT_QR, "qr", "F7", N_("QR code"), SCR_QUERY | SCR_DOC, 1 },
	{ ACT_QR_STYLE, "qr_style", "a", N_("Draw it with # (a terminal that shows blocks wide)"), SCR_QRCODE, 1 },
	{ ACT_FIND, "find", "/", N_("Find text"), SCR_VIEW | SCR_DOC, 1 },
	{ ACT_FIND_NEXT, "find_next", "n", N_("Find the next"), SCR_VIEW | SCR_DOC, 0 },
	{ ACT_PRINT_DOC, "print_doc", "p", N_("Print"), SCR_DOC | SCR_REPORT | SCR_REPORTDOC, 1 },
	{ ACT_SORT, "sort", "F4", N_("Newest or best first"), SCR_QUERY, 0 },
	{ ACT_EXPORT, "export", "x", N_("Export (CSV or TSV)"), SCR_REPORT | SCR_REPORTDOC, 1 },
	{ ACT_PAPER, "paper", "o", N_("Landscape or portrait"), SCR_REPORT, 1 },
	{ ACT_LEFT, "scroll_left", "Left h", N_("Show what is to the left"), SCR_VIEW | SCR_DOC, 0 },
	{ ACT_RIGHT, "scroll_right", "Right l", N_("Show what is to the right"), SCR_VIEW | SCR_DOC, 0 },
	{ ACT_REPLACE, "replace", "r", N_("New edition"), SCR_SHELF, 1 },
	{ ACT_TAKE_OFF, "take_off", "d Delete", N_("Take off the shelf"), SCR_SHELF, 0 },
	{ ACT_STALE, "stale_only", "t", N_("Out of date only, or all"), SCR_SHELF, 1 },
	{ ACT_PRINT_CATALOGUE, "print_catalogue", "p", N_("Print the catalogue"), SCR_SHELF, 1 },
	{ ACT_WITHDRAWN, "withdrawn_too", "F6", N_("Documents withdrawn from the portal too, or not"), SCR_QUERY, 0 },
};

static const struct {
	int key;
	const char *name;
} key_names[] = {
	{ ZK_UP, "Up" }, { ZK_DOWN, "Down" }, { ZK_LEFT, "Left" }, { ZK_RIGHT, "Right" },
	{ ZK_HOME, "Home" }, { ZK_END, "End" }, { ZK_PGUP, "PgUp" }, { ZK_PGDN, "PgDn" },
	{ ZK_ENTER, "Enter" }, { ZK_ESC, "Esc" }, { ZK_TAB, "Tab" }, { ZK_BTAB, "S-Tab" },
	{ ZK_BACKSPACE, "Backspace" }, { ZK_DELETE, "Delete" }, { ZK_INSERT, "Insert" },
	{ ' ', "Space" },
};

const struct action_def *action_by_name(const char *name)
{
	for (int i = 1; i < ACT_COUNT; i++)
		if (strcmp(action_table[i].name, name) == 0)
			return &action_table[i];
	return NULL;
}

int zkey_parse(const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcasecmp(key_names[i].name, name) == 0)
			return key_names[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3) {
		int n = 0;

		for (size_t i = 1; i < len; i++) {
			if (name[i] < '0' || name[i] > '9')
				return -1;
			n = n * 10 + (name[i] - '0');
		}
		return n >= 1 && n <= 12 ? ZK_F(n) : -1;
	}
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= 'A' && name[2] <= 'Z'))) {
		int c = name[2] | 0x20;

		/* C-h, C-i, C-j and C-m are Backspace, Tab and Enter on a terminal. */
		return strchr("hijm", c) ? -1 : ZK_CTRL(c);
	}
	if (len == 1 && name[0] > ' ' && name[0] < 0x7f)
		return (unsigned char)name[0];
	return -1;
}

const char *zkey_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return buf;
		}
	}
	if (key > ZK_F0 && key <= ZK_F(12))
		snprintf(buf, size, "F%d", key - ZK_F0);
	else if (key >= 1 && key < 32)
		snprintf(buf, size, "C-%c", key + 'a' - 1);
	else if (key > ' ' && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "#%x", (unsigned)key);
	return buf;
}

static int parse_keys(const char *list, int *keys, int max, struct zerr *err)
{
	char buf[256], *save = NULL;
	int n = 0;

	snprintf(buf, sizeof buf, "%s", list);
	for (char *w = strtok_r(buf, " \t,", &save); w; w = strtok_r(NULL, " \t,", &save)) {
		int k = zkey_parse(w);

		if (k < 0) {
			zerr_set(err, _("'%s' is not a key name"), w);
			return -1;
		}
		if (n == max) {
			zerr_set(err, _("at most %d keys per action"), max);
			return -1;
		}
		keys[n++] = k;
	}
	if (!n) {
		zerr_set(err, _("no keys given"));
		return -1;
	}
	return n;
}

void keymap_defaults(struct keymap *km)
{
	memset(km, 0, sizeof *km);
	for (int i = 1; i < ACT_COUNT; i++) {
		int n = parse_keys(action_table[i].keys, km->keys[i], 6, NULL);

		km->nkeys[i] = n > 0 ? n : 0;
	}
}

/* Why `key` cannot serve an action valid on `screens`, or NULL when it can. */
static const char *reserved(int key, unsigned screens)
{
	static const int editing[] = { ZK_LEFT, ZK_RIGHT, ZK_HOME, ZK_END, ZK_BACKSPACE, ZK_DELETE,
				       ZK_CTRL('a'), ZK_CTRL('e'), ZK_CTRL('d'), ZK_CTRL('u'), ZK_CTRL('k') };

	if ((screens & (SCR_MENU | SCR_PICK)) && key >= '1' && key <= '9')
		return _("the digits choose menu items");
	if (screens & (SCR_FORM | SCR_ASK | SCR_QUERY))
		for (size_t i = 0; i < sizeof editing / sizeof editing[0]; i++)
			if (editing[i] == key)
				return _("it edits the text of a field");
	return NULL;
}

int keymap_override(struct keymap *km, const char *action, const char *keys, struct zerr *err)
{
	const struct action_def *def = action_by_name(action);
	int parsed[6], n;

	if (!def) {
		zerr_set(err, _("no action named '%s'"), action);
		return -1;
	}
	n = parse_keys(keys, parsed, 6, err);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const char *why = reserved(parsed[i], def->screens);
		char kb[32];

		if (why) {
			zerr_set(err, _("key %s cannot be used: %s"), zkey_name(parsed[i], kb, sizeof kb), why);
			return -1;
		}
	}
	for (int i = 0; i < n; i++) {
		for (int a = 1; a < ACT_COUNT; a++) {
			if (a == (int)def->id || !(action_table[a].screens & def->screens))
				continue;
			for (int j = 0; j < km->nkeys[a]; j++) {
				if (km->keys[a][j] == parsed[i]) {
					char kb[32];

					zerr_set(err, _("key %s is already used by '%s'"),
						 zkey_name(parsed[i], kb, sizeof kb), action_table[a].name);
					return -1;
				}
			}
		}
	}
	memcpy(km->keys[def->id], parsed, sizeof parsed[0] * (size_t)n);
	km->nkeys[def->id] = n;
	return 0;
}

/* Printable keys type text on a form, so they never act there. */
static int key_types_text(int key)
{
	return key >= ' ' && key < ZK_SPECIAL;
}

enum action keymap_lookup(const struct keymap *km, int key, unsigned screen)
{
	if ((screen & (SCR_FORM | SCR_ASK | SCR_QUERY)) && key_types_text(key))
		return ACT_NONE;
	for (int a = 1; a < ACT_COUNT; a++) {
		if (!(action_table[a].screens & screen))
			continue;
		for (int j = 0; j < km->nkeys[a]; j++)
			if (km->keys[a][j] == key)
				return (enum action)a;
	}
	return ACT_NONE;
}

const char *keymap_describe(const struct keymap *km, enum action act, unsigned screen, int max, char *buf,
			    size_t size)
{
	size_t len = 0;
	int shown = 0;

	buf[0] = '\0';
	for (int j = 0; j < km->nkeys[act] && len + 1 < size && shown < max; j++) {
		char kb[32];

		if ((screen & SCR_FORM) && key_types_text(km->keys[act][j]))
			continue;
		shown++;
		len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
					zkey_name(km->keys[act][j], kb, sizeof kb));
	}
	return buf;
}
