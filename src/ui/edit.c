/* edit.c - the line editor used by every form and prompt. */
#include "edit.h"

#include <stdlib.h>
#include <string.h>

#include "uipriv.h"
#include "util.h"
#include "width.h"

void edit_init(struct edit *e, const char *text, int max)
{
	memset(e, 0, sizeof *e);
	e->max = max;
	edit_set(e, text);
}

void edit_free(struct edit *e)
{
	free(e->buf);
	memset(e, 0, sizeof *e);
}

static void insert(struct edit *e, wchar_t wc)
{
	if (e->len >= e->max)
		return;
	if (e->len + 1 > e->cap) {
		e->cap = e->cap ? e->cap * 2 : 32;
		e->buf = xrealloc(e->buf, sizeof *e->buf * (size_t)e->cap);
	}
	memmove(e->buf + e->cur + 1, e->buf + e->cur, sizeof *e->buf * (size_t)(e->len - e->cur));
	e->buf[e->cur++] = wc;
	e->len++;
}

void edit_set(struct edit *e, const char *text)
{
	size_t n = strlen(text);

	e->len = e->cur = e->scroll = 0;
	while (n) {
		wchar_t wc;
		size_t k = utf8_decode(text, n, &wc);

		/*
		 * Control characters never enter a field: they could reach a terminal later. A line
		 * break of a text stored in lines (a knowledge-base answer) stays, shown as ↵.
		 */
		if (wc == L'\n' || !char_unsafe(wc))
			insert(e, wc);
		text += k;
		n -= k;
	}
}

char *edit_text(const struct edit *e)
{
	struct sbuf b = { 0 };

	for (int i = 0; i < e->len; i++) {
		char enc[4];

		sbuf_addn(&b, enc, utf8_encode(e->buf[i], enc));
	}
	return sbuf_take(&b);
}

int edit_key(struct edit *e, int key)
{
	switch (key) {
	case ZK_LEFT:
		if (e->cur > 0)
			e->cur--;
		return 1;
	case ZK_RIGHT:
		if (e->cur < e->len)
			e->cur++;
		return 1;
	case ZK_HOME:
	case ZK_CTRL('a'):
		e->cur = 0;
		return 1;
	case ZK_END:
	case ZK_CTRL('e'):
		e->cur = e->len;
		return 1;
	case ZK_BACKSPACE:
		if (e->cur > 0) {
			memmove(e->buf + e->cur - 1, e->buf + e->cur, sizeof *e->buf * (size_t)(e->len - e->cur));
			e->cur--;
			e->len--;
		}
		return 1;
	case ZK_DELETE:
	case ZK_CTRL('d'):
		if (e->cur < e->len) {
			memmove(e->buf + e->cur, e->buf + e->cur + 1, sizeof *e->buf * (size_t)(e->len - e->cur - 1));
			e->len--;
		}
		return 1;
	case ZK_CTRL('u'):
		memmove(e->buf, e->buf + e->cur, sizeof *e->buf * (size_t)(e->len - e->cur));
		e->len -= e->cur;
		e->cur = 0;
		return 1;
	case ZK_CTRL('k'):
		e->len = e->cur;
		return 1;
	default:
		if (key >= 0x20 && key < ZK_SPECIAL && !char_unsafe((wchar_t)key) && width_char((wchar_t)key) > 0) {
			insert(e, (wchar_t)key);
			return 1;
		}
		return 0;
	}
}

/*
 * How a character of the text shows: a line break of a stored text (a knowledge-base answer
 * in lines) as ↵, kept as it is; any other control character as '?'.
 */
static wchar_t shown(wchar_t c)
{
	return c == L'\n' ? L'\x21b5' : char_unsafe(c) || width_char(c) < 0 ? L'?' : c;
}

static int span_width(const struct edit *e, int from, int to)
{
	int w = 0;

	for (int i = from; i < to; i++)
		w += width_char(shown(e->buf[i]));
	return w;
}

void edit_draw(struct edit *e, int y, int x, int width, int focused)
{
	int col = 0;

	if (width < 2)
		return;
	/* Keep the cursor inside the visible part, leaving one column for it at the end. */
	if (e->cur < e->scroll)
		e->scroll = e->cur;
	while (e->scroll < e->cur &&
	       span_width(e, e->scroll, e->cur) + (e->cur < e->len ? width_char(shown(e->buf[e->cur])) : 1) > width)
		e->scroll++;
	if (e->scroll > 0 && span_width(e, 0, e->len) <= width - 1)
		e->scroll = 0;
	move(y, x);
	for (int i = e->scroll; i < e->len; i++) {
		wchar_t s[2] = { shown(e->buf[i]), 0 };
		int cw = width_char(s[0]);

		if (col + cw > width)
			break;
		addnwstr(s, 1);
		col += cw;
	}
	for (; col < width; col++)
		addch(' ');
	if (focused) {
		the_ui->cursor_y = y;
		the_ui->cursor_x = x + span_width(e, e->scroll, e->cur);
	}
}
