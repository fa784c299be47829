/* i18n.h - gettext plumbing: English msgids, translations under locale/. */
#ifndef ZWGK_I18N_H
#define ZWGK_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
