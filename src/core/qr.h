/* qr.h - QR codes drawn as text (libqrencode): Unicode half blocks on a screen, ASCII where those fail. */
#ifndef ZWGK_QR_H
#define ZWGK_QR_H

#include "util.h"

enum qr_style { QR_UNICODE, QR_ASCII };

/*
 * The QR code of `text` (a URL...), byte mode, error correction level M, the smallest version
 * that holds it, as lines ending in '\n' with the standard quiet zone of 4 modules. A dark module
 * is ink: QR_UNICODE puts two module rows in one character cell (▀ top dark, ▄ bottom dark, █
 * both, space neither); QR_ASCII draws each module as two characters ("##" dark, "  " light),
 * one line per module row. Ink-on-paper is right for lp and dark-on-light terminals; a screen
 * with light text on a dark background must draw the lines black on white (see qr.c).
 * NULL with err when the text is empty or does not fit a QR code.
 */
char *qr_text(const char *text, int style, struct zerr *err);

/*
 * The same for a screen of `max_lines`: the standard code if it fits, else with its quiet zone
 * thinned to 2 modules, else at level L. *lines gets the lines it takes (or would need). NULL
 * with err when the text cannot be coded, or with err->code QR_TOO_TALL when no drawing fits.
 */
enum { QR_TOO_TALL = 2 };
char *qr_text_fit(const char *text, int style, int max_lines, int *lines, struct zerr *err);

#endif
