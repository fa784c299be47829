/* fsutil.h - file helpers: whole-file reads, atomic writes, private folders, path joining. */
#ifndef ZWGK_FSUTIL_H
#define ZWGK_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>

#include "util.h"

/* Reads a whole regular file of at most `max` bytes; the result is NUL-terminated. */
char *fs_read_file(const char *path, size_t max, size_t *len, struct zerr *err);
/* Reads what an open file (standard input, a pipe) holds up to its end, at most `max` bytes. */
char *fs_read_fd(int fd, size_t max, size_t *len, struct zerr *err);
/*
 * Writes `path` atomically: a temporary file in the same folder with `mode`, written in full,
 * fsync'd, closed, renamed over `path`, and the folder fsync'd. Never truncates in place.
 */
int fs_write_atomic(const char *path, const char *data, size_t len, mode_t mode, struct zerr *err);

/*
 * The same written piece by piece (a long export never held whole): open makes the temporary
 * file with `mode`; commit fsyncs, renames it over the path and fsyncs the folder; abort (or a
 * failed write or commit) removes it, leaving any earlier file at the path as it was.
 */
struct fs_atomic {
	int fd, made;	/* made: the temporary file exists and is still ours to remove */
	char *tmp, *path;
};

int fs_atomic_open(struct fs_atomic *a, const char *path, mode_t mode, struct zerr *err);
int fs_atomic_write(struct fs_atomic *a, const char *data, size_t len, struct zerr *err);
int fs_atomic_commit(struct fs_atomic *a, struct zerr *err);
void fs_atomic_abort(struct fs_atomic *a);
/* Writes all of data to an open file (retrying short writes and EINTR). */
int fs_write_fd(int fd, const char *data, size_t len, struct zerr *err);
/* Creates a folder and its parents with `mode` (existing folders are left as they are). */
int fs_mkdir_p(const char *path, mode_t mode, struct zerr *err);
int fs_is_dir(const char *path);
int fs_exists(const char *path);
/* The folder part of a path ("." when there is none); caller frees. */
char *fs_dirname(const char *path);
/* dir/name, or name itself when it is absolute; caller frees. */
char *fs_join(const char *dir, const char *name);

#endif
