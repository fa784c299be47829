/* ui.h - the full-screen desk. The only part of zwgk that includes curses. */
#ifndef ZWGK_UI_H
#define ZWGK_UI_H

struct app;

/* Runs the screens on an opened site until the clerk quits; returns the exit status. */
int ui_main(struct app *app);

#endif
