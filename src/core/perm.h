/* perm.h - the site's private files: that no user but their owner can open them. */
#ifndef ZWGK_PERM_H
#define ZWGK_PERM_H

#include "config.h"

/*
 * Calls fn with a message for each private file or folder of the site that users other than
 * its owner may read or write: the configuration (it may hold the SMTP password), the database
 * with its -wal and -shm and the copies a restore kept aside, the backups, exports and spool
 * folders and the files in them. Each message names the file and the chmod that fixes it.
 * When this process has the database open (db_is_open), the -wal and -shm are its own, made
 * with the database's mode, and only the database is judged. Returns the number found.
 */
int perm_check(const struct config *cfg, int db_is_open, void (*fn)(void *ctx, const char *msg), void *ctx);

#endif
