/* ui.h - the full-screen desk. The only part of zwgk that includes curses. */
#ifndef ZWGK_UI_H
#define ZWGK_UI_H

/* Opens the site and runs the screens until the clerk quits; returns the exit status. */
int ui_main(const char *cfg_arg);

#endif
