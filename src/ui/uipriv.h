/* uipriv.h - what the screens and widgets share: the ui state, keys, drawing helpers. */
#ifndef ZWGK_UIPRIV_H
#define ZWGK_UIPRIV_H

#include <curses.h>

#include "app.h"
#include "db.h"
#include "keys.h"

enum ui_attr { A_TITLE, A_STATUS, A_HINT, A_SELECTED, A_ERROR, A_GREY, A_FRAME, A_FIELD, A_HEAD, A_COUNT };

/* A key that is not a key: the program was told to stop (SIGTERM, SIGHUP, SIGINT). */
#define ZK_STOP (ZK_SPECIAL + 0x80)

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

typedef void (*draw_fn)(void *ctx);

struct ui {
	struct app *app;
	attr_t attr[A_COUNT];
	unsigned screen;	/* SCR_* of the innermost screen, for the hint line and help */
	const char *title;	/* shown on the title bar */
	struct {
		draw_fn fn;
		void *ctx;
		unsigned screen;
		const char *title;
	} layers[16];		/* what is on screen, bottom first, so a resize can redraw it all */
	int nlayers;
	int cursor_y, cursor_x;	/* where the text cursor goes after drawing; -1 = hidden */
	zdate today;
	int data_version;	/* the database's, when last looked at */
	unsigned changes;	/* counts the other instances' changes seen: lists on screen reload */
	struct db_mark counted;	/* the status bar's counts below: counted again only after a change */
	zdate counted_day;
	int unforwarded, unforwarded_late, overdue;
	int backup_age;		/* days since the newest backup, -1 = none; looked up once a minute */
	long long backup_seen;	/* when it was looked up (time_t), 0 = not yet */
};

extern struct ui *the_ui;

/* Layers: every screen and dialog pushes its draw function while it is showing. */
void ui_push(struct ui *ui, draw_fn fn, void *ctx, unsigned screen, const char *title);
void ui_pop(struct ui *ui);
void ui_redraw(struct ui *ui);

/* 1 once a signal asked the program to stop: no more questions to the clerk. */
int ui_stopping(void);
/* Waits for a key, handling resizes, a too-small window and signals; returns a ZK_* code. */
int ui_getkey(struct ui *ui);
/* Whether another key is already waiting (typed ahead, pasted): slow work can wait for it. */
int ui_key_pending(void);
/* Whether a key comes within ms milliseconds (it stays to be read): a pause in typing. */
int ui_key_wait(int ms);
enum action ui_action(struct ui *ui, int key);

/* Drawing helpers; text is made safe and fitted by the width module. */
void ui_text(int y, int x, int cols, const char *s, attr_t attr, int align);
void ui_fill(int y, int x, int cols, attr_t attr);
void ui_box(int y, int x, int h, int w, const char *title);
int ui_body_top(void);
int ui_body_bottom(void);	/* first line below the body */

/* Dialogs; each survives resizes. */
void ui_message(struct ui *ui, const char *title, const char *text);
/* Shows text while something slow runs (printing, sending mail); no key is awaited. */
void ui_busy(struct ui *ui, const char *text);
int ui_confirm(struct ui *ui, const char *text);
/* A one-line prompt at the bottom; returns 1 and a new string on Enter, 0 on Esc. */
int ui_prompt(struct ui *ui, const char *label, const char *initial, int maxchars, char **out);
/* Asks for a date (`initial`, or today when 0); 0 when the clerk gave up or it is not a date. */
zdate ui_ask_date(struct ui *ui, zdate initial, const char *label);
/* A scrolling page of text lines (help, settings). */
void ui_view_lines(struct ui *ui, const char *title, char **lines);
/* The same, also on `screen` (SCR_*): an action of that screen ends the page and is returned (else ACT_BACK). */
enum action ui_view_lines_on(struct ui *ui, const char *title, char **lines, unsigned screen);
/* The same, starting at line *top and leaving it there (the caller comes back to the same place). */
enum action ui_view_lines_at(struct ui *ui, const char *title, char **lines, unsigned screen, int *top);
/* Appends a line (taken over) to a NULL-terminated array of lines. */
void ui_lines_add(char ***v, char *line);
void ui_help(struct ui *ui);
/* A short numbered list in a box (operators, menus); notes and greyed are optional. */
struct menu {
	const char *title, *intro;
	const char **items, **notes;
	const int *greyed;
	int n, cur, top;	/* top: first item shown when they do not all fit */
};

/* A menu that stays on screen under what its items open: push it, run it as often as needed, ui_pop. */
void ui_menu_push(struct ui *ui, struct menu *m);
int ui_menu_run(struct ui *ui, struct menu *m);
/* A short numbered list in a box; returns the index chosen, or -1 for Esc. */
int ui_choose(struct ui *ui, const char *title, const char *intro, const char **items, int n);

/* Screens. */
int scr_operator(struct ui *ui);
int scr_menu(struct ui *ui);
int scr_units(struct ui *ui);
/* The unit directory; with pick set, Enter returns the chosen unit's name in *picked (then 1). */
int scr_units_run(struct ui *ui, int pick, char **picked);
int scr_appl(struct ui *ui);
void scr_sug_intake(struct ui *ui);
void scr_sug_ledger(struct ui *ui);
void scr_guidance(struct ui *ui);
/* The 政策咨询区: the desk that searches the knowledge base as the question is typed, the ledger, the KB. */
int scr_ask(struct ui *ui);
void scr_kb(struct ui *ui);
/* The 自助查询区: the portal's catalogue searched in the mirror, read, printed, carried away as a QR code. */
int scr_query(struct ui *ui);
/* 台账与统计: every ledger for a range of days, on screen, printed, exported. */
int scr_reports(struct ui *ui);
/* The 资料阅览区: the shelf catalogue, new editions, what is out of date, the catalogue printed. */
void scr_shelf(struct ui *ui);
/* Asks for the range of days (the given one by default) and prints a register's ledger. */
void ui_print_ledger(struct ui *ui, int kind, zdate from, zdate to);
struct unit;
/* Shows (and on request prints) where to send a request outside this site's scope. */
void ui_guide(struct ui *ui, const struct unit *u, int suggestion);

#endif
