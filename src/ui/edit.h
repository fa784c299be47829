/* edit.h - the line editor: UTF-8 in and out, one character per cursor step, scrolls by width. */
#ifndef ZWGK_EDIT_H
#define ZWGK_EDIT_H

#include <wchar.h>

struct edit {
	wchar_t *buf;
	int len, cap;
	int cur;		/* cursor, in characters */
	int scroll;		/* first visible character */
	int max;		/* most characters accepted */
};

void edit_init(struct edit *e, const char *text, int max);
void edit_free(struct edit *e);
void edit_set(struct edit *e, const char *text);
char *edit_text(const struct edit *e);
/* Applies an editing key; returns 1 when the key was used. */
int edit_key(struct edit *e, int key);
/* Draws into `width` columns at y, x; when focused, records the cursor position. */
void edit_draw(struct edit *e, int y, int x, int width, int focused);

#endif
