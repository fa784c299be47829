/*
 * list.h - a list that pages through a table without loading it: it holds one screenful of
 * rows and asks its source for the rows after the last or before the first (keyset paging).
 */
#ifndef ZWGK_LIST_H
#define ZWGK_LIST_H

#include <stddef.h>

struct list_ops {
	/*
	 * Up to `limit` rows after `anchor` (before it when `backwards`), in display order;
	 * anchor NULL means from the top (or the bottom). Returns the count, or -1 on error.
	 */
	int (*fetch)(void *ctx, const void *anchor, int backwards, int limit, void **rows);
	void (*free_row)(void *ctx, void *row);
	void (*draw_row)(void *ctx, const void *row, int y, int x, int width, int selected);
};

struct list {
	const struct list_ops *ops;
	void *ctx;
	void **rows;		/* the window: at most `height` rows */
	int n, cur, height;	/* a failed fetch counts as no rows; the source reports why */
	unsigned changes;	/* the_ui->changes when last filled: another instance's change reloads it */
};

/*
 * For a fetch: moves each of the n rows of a page array (of `size` bytes each) into its own
 * allocation in out[], frees the array, and returns n.
 */
int list_box(void *rows, size_t size, int n, void **out);
void list_init(struct list *l, const struct list_ops *ops, void *ctx);
void list_free(struct list *l);
/* Reloads the window around its first row (after edits or another window's changes). */
void list_reload(struct list *l);
/* Refills the window to start at `row`, a row as the source makes them (after an add or edit). */
void list_show(struct list *l, const void *row);
void list_top(struct list *l);
void list_bottom(struct list *l);
void list_down(struct list *l);
void list_up(struct list *l);
void list_page_down(struct list *l);
void list_page_up(struct list *l);
void *list_current(const struct list *l);
/* Moves by an action of the action table (up, down, pages, first, last); 0 when it is not a move. */
int list_move(struct list *l, int action);
/*
 * Draws `height` rows at y, x; a changed height refills the window, and so does a change made
 * by another instance of zwgk on the same database since the window was filled.
 */
void list_draw(struct list *l, int y, int x, int width, int height);

#endif
