/*
 * keys.h - key names and the action table: which actions exist, their default keys, labels
 * and the screens they work on. Pure data, so config validation and the help screen share it
 * without a terminal; the UI maps curses key codes onto these neutral codes.
 */
#ifndef ZWGK_KEYS_H
#define ZWGK_KEYS_H

#include "util.h"

/* Key codes: a Unicode code point for printable keys, control keys as 1..31, the rest above. */
enum {
	ZK_SPECIAL = 0x110000,
	ZK_UP, ZK_DOWN, ZK_LEFT, ZK_RIGHT, ZK_HOME, ZK_END, ZK_PGUP, ZK_PGDN,
	ZK_ENTER, ZK_ESC, ZK_TAB, ZK_BTAB, ZK_BACKSPACE, ZK_DELETE, ZK_INSERT,
	ZK_F0 = 0x110100	/* F1 is ZK_F0 + 1 ... */
};
#define ZK_F(n) (ZK_F0 + (n))
#define ZK_CTRL(c) ((c) & 0x1f)

/* Screens, as bits: an action is valid on the screens in its mask. */
enum {
	SCR_MENU = 1 << 0,	/* main menu */
	SCR_LIST = 1 << 1,	/* browsing a list (unit directory, later registers) */
	SCR_FORM = 1 << 2,	/* editing a form */
	SCR_VIEW = 1 << 3,	/* reading a page of text (help, settings) */
	SCR_PICK = 1 << 4,	/* choosing from a short list (operator at start) */
	SCR_LEDGER = 1 << 5,	/* a register's ledger (applications): a list with its own actions */
	SCR_BROWSE = 1 << 6,	/* a list to move about in (with others below for its actions) */
	SCR_SUGS = 1 << 7,	/* the suggestion ledger's own actions */
	SCR_ASK = 1 << 8,	/* the consultation desk: the question typed, the entries found as it is typed */
	SCR_ASKS = 1 << 9,	/* the consultation ledger's own actions */
	SCR_ENTRY = 1 << 10,	/* reading a knowledge-base entry found for a citizen */
	SCR_KB = 1 << 11,	/* the knowledge base's own actions */
	SCR_QUERY = 1 << 12,	/* the 自助查询区: the words typed, the mirror searched as they are typed */
	SCR_DOC = 1 << 13,	/* reading a document of the portal */
	SCR_SHELF = 1 << 14,	/* the reading room's shelf catalogue: its own actions */
	SCR_REPORT = 1 << 15,	/* a ledger of 台账与统计: read, printed, exported */
	SCR_REPORTDOC = 1 << 16,	/* a report of 台账与统计 (月报, 年报表三) read as a page: printed, exported */
	SCR_QRCODE = 1 << 17,	/* a QR code shown for a phone to scan */
	SCR_ALL = 0x7fffffff
};

enum action {
	ACT_NONE,
	ACT_HELP, ACT_QUIT, ACT_BACK, ACT_REDRAW,
	ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_OPEN, ACT_SEARCH, ACT_ADD, ACT_EDIT, ACT_RETIRE,
	ACT_SAVE, ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_OPERATOR,
	ACT_PREVIEW, ACT_PRINT, ACT_FORWARD, ACT_ANSWER, ACT_SUPPLEMENT, ACT_EXTEND, ACT_WITHDRAW, ACT_FILTER,
	ACT_PRINT_LEDGER,
	ACT_DISPATCH, ACT_REDIRECT, ACT_OTHER_WORDS, ACT_USE, ACT_REPLY, ACT_FOLLOWUP, ACT_DRAFT, ACT_PRINT_SLIP,
	ACT_ALIASES, ACT_SYNC, ACT_LIVE, ACT_QR, ACT_QR_STYLE, ACT_FIND, ACT_FIND_NEXT, ACT_PRINT_DOC, ACT_SORT,
	ACT_EXPORT, ACT_PAPER, ACT_LEFT, ACT_RIGHT,
	ACT_REPLACE, ACT_TAKE_OFF, ACT_STALE, ACT_PRINT_CATALOGUE, ACT_WITHDRAWN,
	ACT_COUNT
};

struct action_def {
	enum action id;
	const char *name;	/* config name: [ui] key_NAME */
	const char *keys;	/* default keys, space separated */
	const char *label;	/* N_() label for the hint line and help */
	unsigned screens;
	int hint;		/* shown on the hint line (the rest only in F1 help) */
};

extern const struct action_def action_table[ACT_COUNT];

const struct action_def *action_by_name(const char *name);
/* Parses a key name ("F2", "Enter", "C-l", "a", "Up"...); returns -1 when unknown. */
int zkey_parse(const char *name);
/* Writes the display name of a key into buf. */
const char *zkey_name(int key, char *buf, size_t size);

/* The keys of each action after the site's overrides. */
struct keymap {
	int keys[ACT_COUNT][6];
	int nkeys[ACT_COUNT];
};

void keymap_defaults(struct keymap *km);
/* Replaces an action's keys with a list such as "F10 q"; validates names and conflicts. */
int keymap_override(struct keymap *km, const char *action, const char *keys, struct zerr *err);
enum action keymap_lookup(const struct keymap *km, int key, unsigned screen);
/* "F1, ?" style text for at most `max` of an action's keys as they work on `screen`. */
const char *keymap_describe(const struct keymap *km, enum action act, unsigned screen, int max, char *buf,
			    size_t size);

#endif
