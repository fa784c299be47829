/* dialog.c - message boxes, confirmations, the bottom-line prompt, text pages and F1 help. */
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "uipriv.h"
#include "width.h"

struct message {
	const char *title, *text, *footer;
};

static void draw_message(void *ctx)
{
	struct message *m = ctx;
	int w = COLS - 20 < 60 ? COLS - 20 : 60;
	char **lines;
	int n = width_wrap(m->text, w - 4, &lines), h = n + 4, y, x;

	if (h > LINES - 4)
		h = LINES - 4;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	ui_box(y, x, h, w, m->title);
	for (int i = 0; i < n && i < h - 4; i++)
		ui_text(y + 1 + i, x + 2, w - 4, lines[i], the_ui->attr[A_FRAME], ALIGN_LEFT);
	ui_text(y + h - 2, x + 2, w - 4, m->footer, the_ui->attr[A_FRAME] | A_BOLD, ALIGN_RIGHT);
	strv_free(lines);
}

void ui_message(struct ui *ui, const char *title, const char *text)
{
	struct message m = { title, text, _("Press any key") };
	int key;

	ui_push(ui, draw_message, &m, ui->screen, NULL);
	ui_redraw(ui);
	key = ui_getkey(ui);
	(void)key;
	ui_pop(ui);
	ui_redraw(ui);
}

void ui_busy(struct ui *ui, const char *text)
{
	struct message m = { _("Please wait"), text, "" };

	/* Drawn once and left: the next redraw replaces it when the work is done. */
	ui_push(ui, draw_message, &m, ui->screen, NULL);
	ui_redraw(ui);
	ui_pop(ui);
}

int ui_confirm(struct ui *ui, const char *text)
{
	struct message m = { _("Please confirm"), text, _("y = yes   n / Esc = no") };
	int key, yes = -1;

	ui_push(ui, draw_message, &m, ui->screen, NULL);
	ui_redraw(ui);
	while (yes < 0) {
		key = ui_getkey(ui);
		if (key == 'y' || key == 'Y')
			yes = 1;
		else if (key == 'n' || key == 'N' || key == ZK_ESC || key == ZK_STOP)
			yes = 0;
	}
	ui_pop(ui);
	ui_redraw(ui);
	return yes;
}

struct prompt {
	const char *label;
	struct edit edit;
};

static void draw_prompt(void *ctx)
{
	struct prompt *p = ctx;
	int lw = width_str(p->label) + 1, y = LINES - 1;

	ui_fill(y, 0, COLS, A_NORMAL);
	ui_text(y, 0, lw, p->label, the_ui->attr[A_HEAD], ALIGN_LEFT);
	attrset(the_ui->attr[A_FIELD]);
	edit_draw(&p->edit, y, lw, COLS - lw - 1, 1);
	attrset(A_NORMAL);
}

int ui_prompt(struct ui *ui, const char *label, const char *initial, int maxchars, char **out)
{
	struct prompt p;
	int key, done = -1;

	p.label = label;
	edit_init(&p.edit, initial ? initial : "", maxchars);
	p.edit.cur = p.edit.len;
	ui_push(ui, draw_prompt, &p, SCR_FORM, NULL);
	while (done < 0) {
		ui_redraw(ui);
		key = ui_getkey(ui);
		if (key == ZK_ENTER)
			done = 1;
		else if (key == ZK_ESC || key == ZK_STOP)
			done = 0;
		else
			edit_key(&p.edit, key);
	}
	*out = done ? edit_text(&p.edit) : NULL;
	edit_free(&p.edit);
	ui_pop(ui);
	ui_redraw(ui);
	return done;
}

zdate ui_ask_date(struct ui *ui, zdate initial, const char *label)
{
	char buf[DATE_BUFSZ], *text = NULL;
	zdate day = 0;

	if (ui_prompt(ui, label, date_format(initial ? initial : date_today(), buf), 10, &text) &&
	    date_parse(str_trim(text), &day) != 0) {
		ui_message(ui, NULL, _("That is not a date; write it as YYYY-MM-DD."));
		day = 0;
	}
	free(text);
	return day;
}

struct page {
	const char *title;
	char **lines;
	int n, top;
	int hit;		/* the line found, or -1 */
	char *find;		/* the text looked for */
	int left, wide;		/* columns scrolled off to the left; the widest line */
};

/* The columns a page's line shows. */
static int page_width(void)
{
	return COLS - 8;
}

static int page_height(void)
{
	return ui_body_bottom() - ui_body_top() - 2;
}

static void draw_page(void *ctx)
{
	struct page *p = ctx;
	int h = page_height() + 2, w = COLS - 4;

	/* A page covers the body, so the screen under it does not show at the edges. */
	for (int r = ui_body_top(); r < ui_body_bottom(); r++)
		ui_fill(r, 0, COLS, A_NORMAL);
	ui_box(ui_body_top(), 2, h, w, p->title);
	for (int i = 0; i < page_height() && p->top + i < p->n; i++) {
		const char *line = p->lines[p->top + i];
		attr_t at = p->top + i == p->hit ? the_ui->attr[A_SELECTED] : the_ui->attr[A_FRAME];
		int used = 0, pad = 0;

		/* Scrolled sideways: a wide character cut by the edge shows as a space. */
		if (p->left > 0) {
			line += width_prefix(line, p->left, &used);
			if (used < p->left && *line) {
				wchar_t wc;

				line += utf8_decode(line, strlen(line), &wc);
				pad = 1;
			}
		}
		ui_fill(ui_body_top() + 1 + i, 4, w - 4, at);
		ui_text(ui_body_top() + 1 + i, 4 + pad, w - 4 - pad, line, at, ALIGN_LEFT);
	}
	if (p->wide > page_width()) {
		/* Lines wider than the page: say so, and which way there is more. */
		char *more = xasprintf(" %s%s%s ", p->left > 0 ? "←" : "", _("more beside"),
				       p->left + page_width() < p->wide ? "→" : "");

		ui_text(ui_body_top() + h - 1, 4, width_str(more), more, the_ui->attr[A_FRAME], ALIGN_LEFT);
		free(more);
	}
	if (p->n > page_height()) {
		char *pos = xasprintf(" %d-%d / %d ", p->top + 1,
				      p->top + page_height() < p->n ? p->top + page_height() : p->n, p->n);

		ui_text(ui_body_top() + h - 1, w - width_str(pos) - 2, width_str(pos), pos, the_ui->attr[A_FRAME],
			ALIGN_LEFT);
		free(pos);
	}
}

void ui_view_lines(struct ui *ui, const char *title, char **lines)
{
	ui_view_lines_at(ui, title, lines, 0, NULL);
}

enum action ui_view_lines_on(struct ui *ui, const char *title, char **lines, unsigned screen)
{
	return ui_view_lines_at(ui, title, lines, screen, NULL);
}

/* The next line from `from` holding the text looked for; -1 when none. */
static int find_line(const struct page *p, int from)
{
	for (int i = from; p->find && i < p->n; i++)
		if (strstr(p->lines[i], p->find))
			return i;
	return -1;
}

/* Moves to the next line holding the text looked for, round to the top again. */
static void find_next(struct ui *ui, struct page *p)
{
	int at;

	if (!p->find)
		return;
	at = find_line(p, p->hit + 1);
	if (at < 0 && p->hit >= 0)
		at = find_line(p, 0);
	if (at < 0) {
		ui_message(ui, _("Find text"), _("Not found on this page."));
		return;
	}
	p->hit = at;
	p->top = at - page_height() / 2;
}

void ui_lines_add(char ***v, char *line)
{
	int n = 0;

	while (*v && (*v)[n])
		n++;
	*v = xrealloc(*v, sizeof **v * (size_t)(n + 2));
	(*v)[n] = line;
	(*v)[n + 1] = NULL;
}

enum action ui_view_lines_at(struct ui *ui, const char *title, char **lines, unsigned screen, int *top)
{
	struct page p = { title, lines, 0, top ? *top : 0, -1, NULL, 0, 0 };
	enum action done = ACT_BACK;

	for (; lines[p.n]; p.n++)
		if (width_str(lines[p.n]) > p.wide)
			p.wide = width_str(lines[p.n]);
	ui_push(ui, draw_page, &p, SCR_VIEW | screen, title);
	for (;;) {
		int key, max_top;
		enum action act;

		ui_redraw(ui);
		key = ui_getkey(ui);
		max_top = p.n - page_height() > 0 ? p.n - page_height() : 0;
		if (key == ZK_STOP)
			break;
		act = ui_action(ui, key);
		/* An action of the caller's own screen ends the page; the caller does it. */
		if (act != ACT_NONE && (action_table[act].screens & screen) && !(action_table[act].screens & SCR_VIEW)) {
			done = act;
			goto out;
		}
		switch (act) {
		case ACT_BACK:
			goto out;
		case ACT_HELP:
			ui_help(ui);
			break;
		case ACT_UP:
			p.top--;
			break;
		case ACT_DOWN:
			p.top++;
			break;
		case ACT_PGUP:
			p.top -= page_height();
			break;
		case ACT_PGDN:
			p.top += page_height();
			break;
		case ACT_HOME:
			p.top = 0;
			break;
		case ACT_END:
			p.top = max_top;
			break;
		case ACT_LEFT:
			p.left -= page_width() / 2;
			break;
		case ACT_RIGHT:
			p.left += page_width() / 2;
			break;
		case ACT_FIND: {
			char *text = NULL;

			if (ui_prompt(ui, _("Find:"), p.find ? p.find : "", 40, &text) && *str_trim(text)) {
				free(p.find);
				p.find = xstrdup(str_trim(text));
				p.hit = -1;
				find_next(ui, &p);
			}
			free(text);
			break;
		}
		case ACT_FIND_NEXT:
			find_next(ui, &p);
			break;
		default:
			break;
		}
		if (p.top > max_top)
			p.top = max_top;
		if (p.top < 0)
			p.top = 0;
		if (p.left > p.wide - page_width())
			p.left = p.wide - page_width();
		if (p.left < 0)
			p.left = 0;
	}
out:
	ui_pop(ui);
	free(p.find);
	if (top)
		*top = p.top;
	return done;
}

/* Keys that edit text, the same on every form (the action table covers the rest). */
static const char *const editing_keys[][2] = {
	{ "Left, Right", N_("Move the cursor by one character") },
	{ "Home, End", N_("Start or end of the field") },
	{ "Backspace", N_("Delete the character before the cursor") },
	{ "Delete", N_("Delete the character under the cursor") },
	{ "C-u", N_("Delete up to the start of the field") },
};

void ui_help(struct ui *ui)
{
	static int showing;
	unsigned screen = ui->screen;
	char **lines;
	int n = 0;

	/* F1 on the help page itself does nothing: help does not open on top of help. */
	if (showing)
		return;
	showing = 1;
	lines = xcalloc(ACT_COUNT + 16, sizeof *lines);
	for (int a = 1; a < ACT_COUNT; a++) {
		char keys[64];
		char *cell;

		if (!(action_table[a].screens & screen))
			continue;
		keymap_describe(&ui->app->cfg.keymap, (enum action)a, screen, 6, keys, sizeof keys);
		if (!*keys)
			continue;
		cell = width_fit(keys, 18, ALIGN_LEFT);
		lines[n++] = xasprintf("%s  %s", cell, _(action_table[a].label));
		free(cell);
	}
	if (screen & (SCR_MENU | SCR_PICK))
		lines[n++] = xasprintf("%-18s  %s", "1-9", _("Choose the item with that number"));
	if (screen & SCR_FORM) {
		lines[n++] = xstrdup("");
		for (size_t i = 0; i < sizeof editing_keys / sizeof editing_keys[0]; i++) {
			char *cell = width_fit(editing_keys[i][0], 18, ALIGN_LEFT);

			lines[n++] = xasprintf("%s  %s", cell, _(editing_keys[i][1]));
			free(cell);
		}
	}
	lines[n++] = xstrdup("");
	lines[n++] = xstrdup(_("Keys can be changed in zwgk.ini: [ui] key_ACTION = KEYS."));
	ui->screen = SCR_VIEW;
	ui_view_lines(ui, _("Keys on this screen"), lines);
	ui->screen = screen;
	strv_free(lines);
	showing = 0;
	ui_redraw(ui);
}
