/*
 * qr.c - QR codes as text for the 自助查询区 (the addresses of 渝快办, the 电子便民地图, the
 * 公开指南) and for `zwgk qr`.
 *
 * The quiet zone is the standard 4 modules: scanners in phones find the code by it, and with it
 * a version 5 code (up to 84 bytes at level M, any URL the portal gives) is 45 modules, which
 * in half blocks is 45 columns by 23 lines: it still fits an 80x24 terminal with a line to spare.
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
#define QR_QUIET 4

static const char *const upper_half = "\xe2\x96\x80";	/* U+2580 ▀ */
static const char *const lower_half = "\xe2\x96\x84";	/* U+2584 ▄ */
static const char *const full_block = "\xe2\x96\x88";	/* U+2588 █ */

/* Module (x, y) of the code with its quiet zone around it: 1 when dark. */
static int dark(const QRcode *qr, int x, int y)
{
	x -= QR_QUIET;
	y -= QR_QUIET;
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

char *qr_text(const char *text, int style, struct zerr *err)
{
	struct sbuf b = { 0 };
	QRcode *qr;
	char *payload;
	size_t len;
	int n;

	if (!text || !*text) {
		zerr_set(err, _("nothing to put in a QR code: the text is empty"));
		return NULL;
	}
	/* 8-bit mode keeps the text as it is: upper and lower case differ in a URL's path. */
	payload = qr_payload(text);
	errno = 0;
	qr = QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M);
	len = strlen(payload);
	free(payload);
	if (!qr) {
		if (errno == ERANGE)
			zerr_set(err, _("the text is too long for a QR code: %zu bytes, at most %d"), len,
				 QR_MAX_BYTES_M);
		else
			zerr_set(err, _("cannot make a QR code of the text: %s"), strerror(errno ? errno : EINVAL));
		return NULL;
	}
	n = qr->width + 2 * QR_QUIET;
	if (style == QR_ASCII) {
		for (int y = 0; y < n; y++) {
			for (int x = 0; x < n; x++)
				sbuf_add(&b, dark(qr, x, y) ? "##" : "  ");
			sbuf_addc(&b, '\n');
		}
	} else {
		/* Two module rows a line; below the last row (odd n) is light quiet zone. */
		for (int y = 0; y < n; y += 2) {
			for (int x = 0; x < n; x++) {
				int top = dark(qr, x, y), bottom = y + 1 < n && dark(qr, x, y + 1);

				sbuf_add(&b, top && bottom ? full_block : top ? upper_half : bottom ? lower_half : " ");
			}
			sbuf_addc(&b, '\n');
		}
	}
	QRcode_free(qr);
	return sbuf_take(&b);
}
