/* fsutil.c - file helpers with the data-safety rules in one place. */
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *fs_read_file(const char *path, size_t max, size_t *len, struct zerr *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf;
	size_t got = 0;

	if (fd < 0) {
		zerr_set(err, "%s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		zerr_set(err, _("not a regular file"));
		close(fd);
		return NULL;
	}
	if ((size_t)st.st_size > max) {
		zerr_set(err, _("file too large (more than %zu bytes)"), max);
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			zerr_set(err, "%s", n < 0 ? strerror(errno) : _("file changed while reading"));
			free(buf);
			close(fd);
			return NULL;
		}
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	if (len)
		*len = got;
	return buf;
}

char *fs_read_fd(int fd, size_t max, size_t *len, struct zerr *err)
{
	struct sbuf b = { 0 };
	char chunk[8192];

	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			zerr_set(err, "%s", strerror(errno));
			sbuf_free(&b);
			return NULL;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max) {
			zerr_set(err, _("file too large (more than %zu bytes)"), max);
			sbuf_free(&b);
			return NULL;
		}
		sbuf_addn(&b, chunk, (size_t)n);
	}
	if (len)
		*len = b.len;
	return sbuf_take(&b);
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int fs_write_fd(int fd, const char *data, size_t len, struct zerr *err)
{
	if (write_all(fd, data, len) != 0) {
		zerr_set(err, _("cannot write: %s"), strerror(errno));
		return -1;
	}
	return 0;
}

int fs_atomic_open(struct fs_atomic *a, const char *path, mode_t mode, struct zerr *err)
{
	a->path = xstrdup(path);
	a->tmp = xasprintf("%s.tmp.XXXXXX", path);
	a->fd = mkstemp(a->tmp);
	a->made = a->fd >= 0;
	if (a->fd < 0 || fchmod(a->fd, mode) != 0) {
		zerr_set(err, _("cannot create %s: %s"), path, strerror(errno));
		fs_atomic_abort(a);
		return -1;
	}
	return 0;
}

int fs_atomic_write(struct fs_atomic *a, const char *data, size_t len, struct zerr *err)
{
	if (write_all(a->fd, data, len) != 0) {
		zerr_set(err, _("cannot write %s: %s"), a->path, strerror(errno));
		return -1;
	}
	return 0;
}

int fs_atomic_commit(struct fs_atomic *a, struct zerr *err)
{
	char *dir;
	int dfd, bad = fsync(a->fd) != 0, saved = errno;

	if (close(a->fd) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	a->fd = -1;
	if (!bad && rename(a->tmp, a->path) != 0) {
		bad = 1;
		saved = errno;
	}
	if (bad) {
		zerr_set(err, _("cannot write %s: %s"), a->path, strerror(saved));
		fs_atomic_abort(a);
		return -1;
	}
	/* The rename itself must reach the disk too. */
	dir = fs_dirname(a->path);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	a->made = 0;
	free(a->tmp);
	free(a->path);
	a->tmp = a->path = NULL;
	return 0;
}

void fs_atomic_abort(struct fs_atomic *a)
{
	if (a->fd >= 0)
		close(a->fd);
	if (a->made)
		unlink(a->tmp);
	a->fd = -1;
	a->made = 0;
	free(a->tmp);
	free(a->path);
	a->tmp = a->path = NULL;
}

int fs_write_atomic(const char *path, const char *data, size_t len, mode_t mode, struct zerr *err)
{
	struct fs_atomic a;

	if (fs_atomic_open(&a, path, mode, err) != 0)
		return -1;
	if (fs_atomic_write(&a, data, len, err) != 0) {
		fs_atomic_abort(&a);
		return -1;
	}
	return fs_atomic_commit(&a, err);
}

int fs_mkdir_p(const char *path, mode_t mode, struct zerr *err)
{
	char *p;

	if (!*path) {
		zerr_set(err, _("no folder name given"));
		return -1;
	}
	p = xstrdup(path);

	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, mode) != 0 && errno != EEXIST) {
				zerr_set(err, _("cannot create folder %s: %s"), p, strerror(errno));
				free(p);
				return -1;
			}
			if (!fs_is_dir(p)) {
				zerr_set(err, _("%s exists and is not a folder"), p);
				free(p);
				return -1;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return 0;
}

int fs_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fs_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

char *fs_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *fs_join(const char *dir, const char *name)
{
	if (name[0] == '/' || !dir || !*dir)
		return xstrdup(name);
	return xasprintf("%s/%s", dir, name);
}
