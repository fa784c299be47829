/*
 * ui.c - starting and stopping curses, the layer stack that lets any screen or dialog be
 * redrawn after a resize, key reading, and the frame (title bar, status bar, hint line).
 */
#include "ui.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ask.h"
#include "appl.h"
#include "backup.h"
#include "db.h"
#include "draft.h"
#include "perm.h"
#include "uipriv.h"
#include "width.h"

struct ui *the_ui;

static volatile sig_atomic_t stop_requested;	/* the signal that asked us to stop, or 0 */
/* $ZWGK_BENCH_EXIT_AFTER_DRAW set: `make bench` times the start, up to the main menu on screen. */
static int exit_after_draw;

static void on_stop_signal(int sig)
{
	stop_requested = sig;
}

int ui_stopping(void)
{
	return stop_requested != 0;
}

void ui_push(struct ui *ui, draw_fn fn, void *ctx, unsigned screen, const char *title)
{
	if (ui->nlayers == (int)(sizeof ui->layers / sizeof ui->layers[0]))
		fail("too many screens open");
	ui->layers[ui->nlayers].fn = fn;
	ui->layers[ui->nlayers].ctx = ctx;
	ui->layers[ui->nlayers].screen = screen;
	ui->layers[ui->nlayers].title = title;
	ui->nlayers++;
	ui->screen = screen;
	if (title)
		ui->title = title;
}

void ui_pop(struct ui *ui)
{
	if (ui->nlayers > 0)
		ui->nlayers--;
	ui->screen = ui->nlayers ? ui->layers[ui->nlayers - 1].screen : SCR_MENU;
	ui->title = NULL;
	for (int i = 0; i < ui->nlayers; i++)
		if (ui->layers[i].title)
			ui->title = ui->layers[i].title;
}

int ui_body_top(void)
{
	return 1;
}

int ui_body_bottom(void)
{
	return LINES - 2;
}

void ui_fill(int y, int x, int cols, attr_t attr)
{
	attrset(attr);
	mvhline(y, x, ' ', cols);
	attrset(A_NORMAL);
}

void ui_text(int y, int x, int cols, const char *s, attr_t attr, int align)
{
	char *fit;

	if (cols <= 0 || y < 0 || y >= LINES)
		return;
	if (x + cols > COLS)
		cols = COLS - x;
	fit = width_fit(s, cols, align);
	attrset(attr);
	mvaddstr(y, x, fit);
	attrset(A_NORMAL);
	free(fit);
}

void ui_box(int y, int x, int h, int w, const char *title)
{
	attrset(the_ui->attr[A_FRAME]);
	for (int r = y; r < y + h; r++)
		mvhline(r, x, ' ', w);
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
	if (title && *title) {
		char *t = xasprintf(" %s ", title);
		int tw = width_str(t);

		if (tw > w - 4)
			tw = w - 4;
		ui_text(y, x + (w - tw) / 2, tw, t, the_ui->attr[A_FRAME] | A_BOLD, ALIGN_LEFT);
		free(t);
	}
}

/* The hint line: the current screen's hinted actions with their keys, from the action table. */
static void draw_hints(struct ui *ui)
{
	struct sbuf b = { 0 };

	for (int a = 1; a < ACT_COUNT; a++) {
		char keys[64];

		if (!action_table[a].hint || !(action_table[a].screens & ui->screen))
			continue;
		keymap_describe(&ui->app->cfg.keymap, (enum action)a, ui->screen, 1, keys, sizeof keys);
		if (!*keys)
			continue;
		sbuf_printf(&b, "%s%s %s", b.len ? "  " : " ", keys, _(action_table[a].label));
	}
	ui_text(LINES - 1, 0, COLS, b.s ? b.s : "", ui->attr[A_HINT], ALIGN_LEFT);
	sbuf_free(&b);
}

/*
 * The backups folder is read at most once a minute (the status bar is drawn at every key), so a
 * backup made meanwhile by cron or over SSH clears the warning within a minute.
 */
static int backup_age(struct ui *ui)
{
	time_t now = time(NULL);

	if (!ui->backup_seen || now - (time_t)ui->backup_seen >= 60 || now < (time_t)ui->backup_seen) {
		ui->backup_age = backup_age_days(ui->app->cfg.backup_dir, ui->today);
		ui->backup_seen = (long long)now;
	}
	return ui->backup_age;
}

/* Draws a counter ending at column *right and moves *right to its left. */
static void draw_counter(int *right, const char *label, attr_t attr)
{
	char *text = xasprintf(" %s ", label);
	int w = width_str(text);

	*right -= w;
	ui_text(LINES - 2, *right, w, text, attr, ALIGN_LEFT);
	free(text);
}

/*
 * The status bar is drawn at every key: its counts are counted again only when the database
 * has changed (here or in another zwgk) or the day has, not at each key (with thousands overdue
 * that was a few million instructions a key).
 */
static void count(struct ui *ui)
{
	const struct config *cfg = &ui->app->cfg;

	if (!db_changed_since(ui->app->db, &ui->counted) && ui->counted_day == ui->today)
		return;
	ui->counted_day = ui->today;
	ui->overdue = cfg->zones[ZONE_CONSULTATION] ? ask_count_overdue(ui->app->db, ui->today) : 0;
	ui->unforwarded_late = 0;
	ui->unforwarded = cfg->zones[ZONE_APPLICATION]
				  ? appl_count_unforwarded(ui->app->db, ui->today, &ui->unforwarded_late)
				  : 0;
}

/*
 * The counters at the right of the status bar: applications still to forward today, dispatched
 * questions whose unit has not answered in time, and, left of them, a backup missing or too old.
 */
static void draw_counters(struct ui *ui)
{
	const struct config *cfg = &ui->app->cfg;
	char now[20], *text;
	int late, n, right = COLS, age = backup_age(ui);

	count(ui);
	late = ui->unforwarded_late;
	if (cfg->zones[ZONE_CONSULTATION] && (n = ui->overdue) > 0) {
		text = xasprintf("%s: %d", _("dispatched, overdue"), n);
		draw_counter(&right, text, ui->attr[A_ERROR] | A_REVERSE);
		free(text);
	}
	if (cfg->zones[ZONE_APPLICATION] && (n = ui->unforwarded) > 0) {
		db_now(now);
		text = xasprintf("%s: %d", _("to forward"), n);
		/* Red once it is late in the day, or when one of them was received on an earlier day. */
		draw_counter(&right, text,
			     late || atoi(now + 11) >= cfg->forward_by_hour ? ui->attr[A_ERROR] | A_REVERSE
									   : ui->attr[A_STATUS] | A_BOLD);
		free(text);
	}
	if (age < 0 || age > cfg->backup_max_age_days) {
		/* i18n: the status bar, beside the registers' counters: keep it short */
		text = age < 0 ? xstrdup(_("no backup yet"))
			       : xasprintf(ngettext("no backup for %d day", "no backup for %d days", age), age);
		draw_counter(&right, text, ui->attr[A_ERROR] | A_REVERSE);
		free(text);
	}
}

static void ui_frame(struct ui *ui)
{
	/* i18n: weekday names for the status bar, Monday first */
	static const char *const wd[7] = { N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
					   N_("Friday"), N_("Saturday"), N_("Sunday") };
	struct config *cfg = &ui->app->cfg;
	char date[DATE_BUFSZ];
	char *left, *right, *status;
	int prov = 0, work = cal_is_workday(&ui->app->cal, ui->today, &prov);
	char *day;

	left = xasprintf(" %s  %s", _("Government information disclosure zone"), cfg->site_name);
	right = xasprintf("%s ", ui->title ? ui->title : "");
	ui_fill(0, 0, COLS, ui->attr[A_TITLE]);
	ui_text(0, 0, COLS - width_str(right) - 1, left, ui->attr[A_TITLE] | A_BOLD, ALIGN_LEFT);
	ui_text(0, COLS - width_str(right), width_str(right), right, ui->attr[A_TITLE], ALIGN_LEFT);
	/* A year the calendar does not cover can only be guessed: say so. */
	day = prov ? xasprintf(_("%s (provisional)"), work ? _("working day") : _("day off"))
		   : xstrdup(work ? _("working day") : _("day off"));
	status = xasprintf(" %s: %s   %s %s %s", _("Operator"), *ui->app->operator ? ui->app->operator : "-",
			   date_format(ui->today, date), _(wd[date_weekday(ui->today) - 1]), day);
	free(day);
	ui_text(LINES - 2, 0, COLS, status, ui->attr[A_STATUS], ALIGN_LEFT);
	draw_counters(ui);
	draw_hints(ui);
	free(left);
	free(right);
	free(status);
}

static void draw_too_small(void)
{
	curs_set(0);
	char *msg = xasprintf(_("Please enlarge the window to at least %dx%d (now %dx%d)."), UI_MIN_COLS, UI_MIN_LINES,
			      COLS, LINES);
	char **lines;
	int n = width_wrap(msg, COLS > 4 ? COLS - 2 : 2, &lines);

	erase();
	for (int i = 0; i < n && i < LINES; i++)
		ui_text(LINES / 2 - n / 2 + i, 1, COLS - 2, lines[i], A_BOLD, ALIGN_CENTER);
	strv_free(lines);
	free(msg);
	refresh();
}

static int too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

void ui_redraw(struct ui *ui)
{
	if (too_small()) {
		draw_too_small();
		return;
	}
	ui->cursor_y = -1;
	erase();
	ui_frame(ui);
	for (int i = 0; i < ui->nlayers; i++)
		ui->layers[i].fn(ui->layers[i].ctx);
	if (ui->cursor_y >= 0) {
		curs_set(1);
		move(ui->cursor_y, ui->cursor_x);
	} else {
		curs_set(0);
		move(LINES - 1, COLS - 1);
	}
	refresh();
	if (exit_after_draw && ui->screen == SCR_MENU) {
		endwin();
		exit(EXIT_OK);
	}
}

/* Maps what curses read onto the neutral key codes of keys.h. */
static int translate(int rc, wint_t ch)
{
	if (rc == OK) {
		switch (ch) {
		case '\n':
		case '\r':
			return ZK_ENTER;
		case '\t':
			return ZK_TAB;
		case 27:
			return ZK_ESC;
		case 127:
		case 8:
			return ZK_BACKSPACE;
		default:
			return (int)ch;
		}
	}
	if (ch >= (wint_t)KEY_F(1) && ch <= (wint_t)KEY_F(12))
		return ZK_F((int)ch - KEY_F0);
	switch (ch) {
	case KEY_UP: return ZK_UP;
	case KEY_DOWN: return ZK_DOWN;
	case KEY_LEFT: return ZK_LEFT;
	case KEY_RIGHT: return ZK_RIGHT;
	case KEY_HOME: case KEY_FIND: return ZK_HOME;
	case KEY_END: case KEY_SELECT: return ZK_END;
	case KEY_PPAGE: return ZK_PGUP;
	case KEY_NPAGE: return ZK_PGDN;
	case KEY_ENTER: return ZK_ENTER;
	case KEY_BTAB: return ZK_BTAB;
	case KEY_BACKSPACE: return ZK_BACKSPACE;
	case KEY_DC: return ZK_DELETE;
	case KEY_IC: return ZK_INSERT;
	default: return 0;
	}
}

int ui_key_pending(void)
{
	return ui_key_wait(0);
}

int ui_key_wait(int ms)
{
	wint_t ch;
	int rc;

	timeout(ms);
	rc = get_wch(&ch);
	timeout(1000);
	if (rc == ERR)
		return 0;
	if (rc == KEY_CODE_YES)
		ungetch((int)ch);
	else
		unget_wch(ch);
	return 1;
}

int ui_getkey(struct ui *ui)
{
	for (;;) {
		wint_t ch;
		int rc, key;

		if (stop_requested)
			return ZK_STOP;
		rc = get_wch(&ch);
		if (stop_requested)
			return ZK_STOP;
		if (rc == ERR) {
			/* A timeout: a new day changes the status bar; another instance's change, the lists. */
			zdate today = date_today();
			int version = db_data_version(ui->app->db), changed = version != ui->data_version;

			if (changed) {
				ui->data_version = version;
				ui->changes++;
			}
			if (today != ui->today || changed) {
				ui->today = today;
				ui_redraw(ui);
			}
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			ui_redraw(ui);
			continue;
		}
		if (too_small()) {
			/* Keys mean nothing until the window is usable again. */
			draw_too_small();
			continue;
		}
		key = translate(rc, ch);
		if (keymap_lookup(&ui->app->cfg.keymap, key, ui->screen) == ACT_REDRAW) {
			clearok(curscr, TRUE);
			ui_redraw(ui);
			continue;
		}
		if (key)
			return key;
	}
}

enum action ui_action(struct ui *ui, int key)
{
	return keymap_lookup(&ui->app->cfg.keymap, key, ui->screen);
}

static void setup_attrs(struct ui *ui)
{
	int colour = ui->app->cfg.colour;
	int use = colour == COLOUR_ON || (colour == COLOUR_AUTO && has_colors());

	ui->attr[A_TITLE] = A_REVERSE;
	ui->attr[A_STATUS] = A_REVERSE;
	ui->attr[A_HINT] = A_NORMAL;
	ui->attr[A_SELECTED] = A_REVERSE;
	ui->attr[A_ERROR] = A_BOLD;
	ui->attr[A_GREY] = A_DIM;
	ui->attr[A_FRAME] = A_NORMAL;
	ui->attr[A_FIELD] = A_UNDERLINE;
	ui->attr[A_HEAD] = A_BOLD;
	if (!use || !has_colors() || start_color() != OK)
		return;
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_BLACK, COLOR_CYAN);
	init_pair(3, COLOR_RED, -1);
	init_pair(4, COLOR_BLACK, COLOR_WHITE);
	ui->attr[A_TITLE] = COLOR_PAIR(1);
	ui->attr[A_STATUS] = COLOR_PAIR(2);
	ui->attr[A_SELECTED] = COLOR_PAIR(1) | A_BOLD;
	ui->attr[A_ERROR] = COLOR_PAIR(3) | A_BOLD;
	ui->attr[A_FIELD] = COLOR_PAIR(4);
}

static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

static int start_curses(void)
{
	const char *term = getenv("TERM");

	if (!term || !*term) {
		fprintf(stderr, "zwgk: %s\n", _("TERM is not set; set it to your terminal type, e.g. export TERM=xterm-256color (PuTTY: xterm)"));
		return -1;
	}
	if (!newterm(NULL, stdout, stdin)) {
		fprintf(stderr, "zwgk: ");
		fprintf(stderr, _("the terminal type '%s' is unknown; try export TERM=xterm-256color"), term);
		fputc('\n', stderr);
		return -1;
	}
	/* PuTTY's default function keys (ESC[11~ to ESC[14~) are not in the xterm entries. */
	for (int i = 1; i <= 4; i++) {
		char seq[16];

		snprintf(seq, sizeof seq, "\033[%d~", 10 + i);
		if (key_defined(seq) <= 0)
			define_key(seq, KEY_F(i));
	}
	return 0;
}

static void add_line(void *ctx, const char *msg)
{
	struct sbuf *b = ctx;

	sbuf_printf(b, "\n%s", msg);
}

/* Before anyone is at the desk: the site's private files that other users can open, and the fix. */
static void warn_permissions(struct ui *ui)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, _("Other users of this computer can open these files, which hold citizens' personal data (zwgk check lists them too):"));
	if (perm_check(&ui->app->cfg, 1, add_line, &b) > 0)
		ui_message(ui, _("Files not private"), b.s);
	sbuf_free(&b);
}

/* Forms left unsaved when the desk was last closed: said once, and offered again in each form. */
static void mention_drafts(struct ui *ui)
{
	char **titles = draft_titles(&ui->app->cfg);
	struct sbuf b = { 0 };

	if (!titles)
		return;
	sbuf_add(&b, _("When the desk was last closed, these forms were not saved; what was typed is kept, and offered back when the form is opened again:"));
	for (char **t = titles; *t; t++)
		sbuf_printf(&b, "\n  %s", *t);
	ui_message(ui, _("Forms not saved"), b.s);
	sbuf_free(&b);
	strv_free(titles);
}

int ui_main(struct app *app)
{
	struct ui ui;
	struct sigaction sa;

	if (start_curses() != 0)
		return EXIT_USAGE;
	util_set_fail_hook(restore_terminal);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	memset(&ui, 0, sizeof ui);
	ui.app = app;
	ui.today = date_today();
	ui.data_version = db_data_version(app->db);
	the_ui = &ui;
	exit_after_draw = getenv("ZWGK_BENCH_EXIT_AFTER_DRAW") != NULL;
	set_escdelay(100);
	/* raw: C-c and C-s reach the program as keys (back, save) instead of killing or freezing it. */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	timeout(1000);
	setup_attrs(&ui);

	warn_permissions(&ui);
	if (scr_operator(&ui) == 0) {
		mention_drafts(&ui);
		scr_menu(&ui);
	}

	endwin();
	util_set_fail_hook(NULL);
	/* Stopped by a signal: say so in the exit status, as a shell expects (128 + signal). */
	return stop_requested ? 128 + stop_requested : EXIT_OK;
}
