/* qr.h - QR codes drawn as text (libqrencode): Unicode half blocks on a screen, ASCII where those fail. */
#ifndef ZWGK_QR_H
#define ZWGK_QR_H

#include "util.h"

enum qr_style { QR_UNICODE, QR_ASCII };

/*
 * The QR code of `text` (a URL...) as lines ending in '\n', with its quiet zone: QR_UNICODE
 * puts two modules in one character cell (▀ ▄ █ and space, dark modules drawn as the light
 * ink of a dark terminal is wrong: see qr.c), QR_ASCII draws each module as two characters.
 * NULL with err when the text does not fit a QR code.
 */
char *qr_text(const char *text, int style, struct zerr *err);

#endif
