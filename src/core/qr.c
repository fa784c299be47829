/*
 * qr.c - QR codes as text for the 自助查询区 (the addresses of 渝快办, the 电子便民地图, the
 * 公开指南) and for `zwgk qr`.
 *
 * The quiet zone is the standard 4 modules: scanners in phones find the code by it, and with it
 * a version 5 code (up to 84 bytes at level M) is 45 modules, which in half blocks is 45 columns
 * by 23 lines. A screen may thin the zone to 2 modules and, for a longer address, use level L:
 * a version 6 code (up to 134 bytes) then takes 23 lines of an 80x24 terminal (qr_text_fit).
 *
 * Dark modules are ink (the glyph's foreground). That is the code as printed on paper and as a
 * dark-on-light terminal shows it. A light-on-dark terminal would show it inverted, which some
 * scanners refuse; rather than a second, inverted drawing that is wrong on the other kind of
 * terminal, the caller sets the colours: `zwgk qr` on a terminal and the screens draw the lines
 * black on white, so the same text is right on both. The half blocks are ambiguous-width
 * characters: a terminal that draws them wide (PuTTY's "treat CJK ambiguous characters as
 * wide") stretches the code, and QR_ASCII is the way out there.
 */
#include "qr.h"

#include <errno.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

/* Byte-mode capacity of version 40 at level M, for the message. */
#define QR_MAX_BYTES_M 2331
/* The standard quiet zone, and the least a screen may thin it to (the blank screen around widens it). */
#define QR_QUIET 4
#define QR_QUIET_MIN 2

static const char *const upper_half = "\xe2\x96\x80";	/* U+2580 ▀ */
static const char *const lower_half = "\xe2\x96\x84";	/* U+2584 ▄ */
static const char *const full_block = "\xe2\x96\x88";	/* U+2588 █ */

/* Module (x, y) of the code with a quiet zone of `quiet` modules around it: 1 when dark. */
static int dark(const QRcode *qr, int quiet, int x, int y)
{
	x -= quiet;
	y -= quiet;
	if (x < 0 || y < 0 || x >= qr->width || y >= qr->width)
		return 0;
	return qr->data[y * qr->width + x] & 1;
}

/*
 * A web address as every scanner reads it alike: its bytes outside ASCII, and spaces,
 * percent-encoded (a browser sends them so anyway). A code holds no charset of its own, and
 * some phones take UTF-8 bytes for Shift JIS. Other text is kept as it is.
 */
static char *qr_payload(const char *text)
{
	struct sbuf b = { 0 };

	if (strncmp(text, "http://", 7) != 0 && strncmp(text, "https://", 8) != 0)
		return xstrdup(text);
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p >= 0x80 || *p == ' ')
			sbuf_printf(&b, "%%%02X", *p);
		else
			sbuf_addc(&b, (char)*p);
	return sbuf_take(&b);
}

/* The code drawn in `style` with `quiet` modules of quiet zone. */
static char *draw(const QRcode *qr, int style, int quiet)
{
	struct sbuf b = { 0 };
	int n = qr->width + 2 * quiet;

	if (style == QR_ASCII) {
		for (int y = 0; y < n; y++) {
			for (int x = 0; x < n; x++)
				sbuf_add(&b, dark(qr, quiet, x, y) ? "##" : "  ");
			sbuf_addc(&b, '\n');
		}
	} else {
		/* Two module rows a line; below the last row (odd n) is light quiet zone. */
		for (int y = 0; y < n; y += 2) {
			for (int x = 0; x < n; x++) {
				int top = dark(qr, quiet, x, y), bottom = y + 1 < n && dark(qr, quiet, x, y + 1);

				sbuf_add(&b, top && bottom ? full_block : top ? upper_half : bottom ? lower_half : " ");
			}
			sbuf_addc(&b, '\n');
		}
	}
	return sbuf_take(&b);
}

/* Lines a code `width` modules wide takes in `style` with `quiet` modules around it. */
static int lines_of(int width, int style, int quiet)
{
	int n = width + 2 * quiet;

	return style == QR_ASCII ? n : (n + 1) / 2;
}

static QRcode *encode(const char *text, QRecLevel level, struct zerr *err)
{
	char *payload;
	size_t len;
	QRcode *qr;

	if (!text || !*text) {
		zerr_set(err, _("nothing to put in a QR code: the text is empty"));
		return NULL;
	}
	/* 8-bit mode keeps the text as it is: upper and lower case differ in a URL's path. */
	payload = qr_payload(text);
	errno = 0;
	qr = QRcode_encodeString8bit(payload, 0, level);
	len = strlen(payload);
	free(payload);
	if (!qr) {
		if (errno == ERANGE)
			zerr_set(err, _("the text is too long for a QR code: %zu bytes, at most %d"), len,
				 QR_MAX_BYTES_M);
		else
			zerr_set(err, _("cannot make a QR code of the text: %s"), strerror(errno ? errno : EINVAL));
	}
	return qr;
}

char *qr_text(const char *text, int style, struct zerr *err)
{
	QRcode *qr = encode(text, QR_ECLEVEL_M, err);
	char *art;

	if (!qr)
		return NULL;
	art = draw(qr, style, QR_QUIET);
	QRcode_free(qr);
	return art;
}

char *qr_text_fit(const char *text, int style, int max_lines, int *lines, struct zerr *err)
{
	/*
	 * Level M with the whole quiet zone is the code as printed; on a screen a thinner zone is
	 * enough, and a code shown on a clean screen needs little error correction: level L then
	 * takes a long portal address (up to 134 bytes) in a version small enough for 24 lines.
	 */
	static const struct { QRecLevel level; int quiet; } tries[] = {
		{ QR_ECLEVEL_M, QR_QUIET }, { QR_ECLEVEL_M, QR_QUIET_MIN }, { QR_ECLEVEL_L, QR_QUIET_MIN },
	};
	int need = 0;

	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		QRcode *qr = encode(text, tries[i].level, err);
		char *art;

		if (!qr)
			return NULL;
		need = lines_of(qr->width, style, tries[i].quiet);
		if (need > max_lines) {
			QRcode_free(qr);
			continue;
		}
		art = draw(qr, style, tries[i].quiet);
		QRcode_free(qr);
		*lines = need;
		return art;
	}
	zerr_set(err, _("this QR code needs %d lines; the window has %d: make the terminal taller"), need, max_lines);
	err->code = QR_TOO_TALL;
	*lines = need;
	return NULL;
}
