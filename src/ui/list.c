/* list.c - the keyset-paged list widget. */
#include "list.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "keys.h"
#include "uipriv.h"
#include "util.h"

int list_box(void *rows, size_t size, int n, void **out)
{
	for (int i = 0; i < n; i++) {
		out[i] = xmalloc(size);
		memcpy(out[i], (char *)rows + (size_t)i * size, size);
	}
	free(rows);
	return n;
}

void list_init(struct list *l, const struct list_ops *ops, void *ctx)
{
	memset(l, 0, sizeof *l);
	l->ops = ops;
	l->ctx = ctx;
	l->height = 1;
	l->changes = the_ui ? the_ui->changes : 0;
}

static void drop(struct list *l, int from, int count)
{
	if (count <= 0)
		return;
	for (int i = from; i < from + count; i++)
		l->ops->free_row(l->ctx, l->rows[i]);
	memmove(l->rows + from, l->rows + from + count, sizeof *l->rows * (size_t)(l->n - from - count));
	l->n -= count;
}

void list_free(struct list *l)
{
	drop(l, 0, l->n);
	free(l->rows);
	l->rows = NULL;
}

static int fetch(struct list *l, const void *anchor, int backwards, int limit, void ***out)
{
	void **rows = xcalloc((size_t)limit, sizeof *rows);
	int n = l->ops->fetch(l->ctx, anchor, backwards, limit, rows);

	if (n < 0)
		n = 0;
	*out = rows;
	return n;
}

static void set_window(struct list *l, void **rows, int n)
{
	drop(l, 0, l->n);
	free(l->rows);
	l->rows = xrealloc(rows, sizeof *rows * (size_t)(l->height > n ? l->height : n));
	l->n = n;
	if (l->cur >= n)
		l->cur = n ? n - 1 : 0;
}

void list_top(struct list *l)
{
	void **rows;
	int n = fetch(l, NULL, 0, l->height, &rows);

	set_window(l, rows, n);
	l->cur = 0;
}

void list_bottom(struct list *l)
{
	void **rows;
	int n = fetch(l, NULL, 1, l->height, &rows);

	set_window(l, rows, n);
	l->cur = n ? n - 1 : 0;
}

/* Appends up to `limit` rows after the window; returns how many came. */
static int extend_down(struct list *l, int limit)
{
	void **rows;
	int n;

	if (!l->n)
		return 0;
	n = fetch(l, l->rows[l->n - 1], 0, limit, &rows);
	l->rows = xrealloc(l->rows, sizeof *l->rows * (size_t)(l->n + n + 1));
	memcpy(l->rows + l->n, rows, sizeof *rows * (size_t)n);
	l->n += n;
	free(rows);
	return n;
}

static int extend_up(struct list *l, int limit)
{
	void **rows;
	int n;

	if (!l->n)
		return 0;
	n = fetch(l, l->rows[0], 1, limit, &rows);
	l->rows = xrealloc(l->rows, sizeof *l->rows * (size_t)(l->n + n + 1));
	memmove(l->rows + n, l->rows, sizeof *l->rows * (size_t)l->n);
	memcpy(l->rows, rows, sizeof *rows * (size_t)n);
	l->n += n;
	free(rows);
	return n;
}

void list_show(struct list *l, const void *row)
{
	void **prev, **rows;
	int np = fetch(l, row, 1, 1, &prev);
	int n = fetch(l, np ? prev[0] : NULL, 0, l->height, &rows);

	for (int i = 0; i < np; i++)
		l->ops->free_row(l->ctx, prev[i]);
	free(prev);
	set_window(l, rows, n);
	/* Near the end of the table, fill the window from above so the page stays full. */
	l->cur = n < l->height ? extend_up(l, l->height - n) : 0;
}

void list_reload(struct list *l)
{
	int cur = l->cur;

	if (!l->n) {
		list_top(l);
		return;
	}
	/* Start again at the first row's place, so a renamed or removed first row is handled. */
	list_show(l, l->rows[0]);
	l->cur = cur < l->n ? cur : (l->n ? l->n - 1 : 0);
}

void list_down(struct list *l)
{
	if (l->cur < l->n - 1) {
		l->cur++;
	} else if (extend_down(l, 1) > 0) {
		if (l->n > l->height)
			drop(l, 0, l->n - l->height);
		l->cur = l->n - 1;
	}
}

void list_up(struct list *l)
{
	if (l->cur > 0) {
		l->cur--;
	} else if (extend_up(l, 1) > 0) {
		if (l->n > l->height)
			drop(l, l->height, l->n - l->height);
		l->cur = 0;
	}
}

void list_page_down(struct list *l)
{
	int got = extend_down(l, l->height);

	if (l->n > l->height)
		drop(l, 0, l->n - l->height);
	if (!got)
		l->cur = l->n ? l->n - 1 : 0;
}

void list_page_up(struct list *l)
{
	int got = extend_up(l, l->height);

	if (l->n > l->height)
		drop(l, l->height, l->n - l->height);
	if (!got)
		l->cur = 0;
}

void *list_current(const struct list *l)
{
	return l->n ? l->rows[l->cur] : NULL;
}

void list_draw(struct list *l, int y, int x, int width, int height)
{
	if (height < 1)
		height = 1;
	if (l->changes != the_ui->changes) {
		l->changes = the_ui->changes;
		list_reload(l);
	}
	if (height != l->height) {
		l->height = height;
		if (l->n > height) {
			/* Keep the selected row visible when the window shrinks. */
			int cut_top = l->cur >= height ? l->cur - height + 1 : 0;

			drop(l, 0, cut_top);
			l->cur -= cut_top;
			drop(l, height, l->n - height);
		} else if (l->n == 0) {
			list_top(l);
		} else if (l->n < height) {
			extend_down(l, height - l->n);
			if (l->n < height)
				l->cur += extend_up(l, height - l->n);
		}
	}
	for (int i = 0; i < height; i++) {
		if (i < l->n)
			l->ops->draw_row(l->ctx, l->rows[i], y + i, x, width, i == l->cur);
		else
			mvhline(y + i, x, ' ', width);
	}
}

int list_move(struct list *l, int action)
{
	switch (action) {
	case ACT_UP: list_up(l); return 1;
	case ACT_DOWN: list_down(l); return 1;
	case ACT_PGUP: list_page_up(l); return 1;
	case ACT_PGDN: list_page_down(l); return 1;
	case ACT_HOME: list_top(l); return 1;
	case ACT_END: list_bottom(l); return 1;
	default: return 0;
	}
}
