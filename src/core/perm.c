/* perm.c - finding the site's private files that others can open, and saying how to close them. */
#include "perm.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"

struct perm_walk {
	void (*fn)(void *ctx, const char *msg);
	void *ctx;
	int found;
};

/* The path as a shell word: quoted unless it is plain. */
static char *shell_word(const char *s)
{
	struct sbuf b = { 0 };

	if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._-+") == strlen(s))
		return xstrdup(s);
	sbuf_addc(&b, '\'');
	for (; *s; s++)
		if (*s == '\'')
			sbuf_add(&b, "'\\''");
		else
			sbuf_addc(&b, *s);
	sbuf_addc(&b, '\'');
	return sbuf_take(&b);
}

/* One file or folder; a missing one is no problem (it is made private when it is made). */
static void check_one(struct perm_walk *w, const char *path, const struct stat *st)
{
	int dir = S_ISDIR(st->st_mode);
	char *word, *msg;

	if (!(st->st_mode & 077))
		return;
	word = shell_word(path);
	msg = xasprintf(_("%s is open to other users (mode %03o); make it private with: chmod %s %s"), path,
			(unsigned)(st->st_mode & 0777), dir ? "700" : "600", word);
	w->fn(w->ctx, msg);
	w->found++;
	free(msg);
	free(word);
}

static void check_path(struct perm_walk *w, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0)
		check_one(w, path, &st);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder and the regular files directly in it (those whose name starts with prefix, when given), by name. */
static void check_folder(struct perm_walk *w, const char *dir, const char *prefix, int self)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	if (!d)
		return;
	if (self)
		check_path(w, dir);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
			continue;
		if (prefix && strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		names = xrealloc(names, sizeof *names * (n + 1));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		char *path = fs_join(dir, names[i]);
		struct stat st;

		/* Links are not followed: what they point at is not the site's to judge. */
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
			check_one(w, path, &st);
		free(path);
		free(names[i]);
	}
	free(names);
}

int perm_check(const struct config *cfg, int db_is_open, void (*fn)(void *ctx, const char *msg), void *ctx)
{
	struct perm_walk w = { fn, ctx, 0 };
	char *exports = fs_join(cfg->dir, "exports"), *db_dir = fs_dirname(cfg->db_path);
	const char *slash = strrchr(cfg->db_path, '/');
	char *aside = xasprintf("%s.before-restore-", slash ? slash + 1 : cfg->db_path);

	check_path(&w, cfg->path);
	check_path(&w, cfg->db_path);
	for (int i = 0; !db_is_open && i < 2; i++) {
		char *side = xasprintf("%s%s", cfg->db_path, i ? "-shm" : "-wal");

		check_path(&w, side);
		free(side);
	}
	check_folder(&w, db_dir, aside, 0);
	/* The backups folder may be shared with other things: only what zwgk writes there. */
	check_folder(&w, cfg->backup_dir, "zwgk-", 1);
	check_folder(&w, exports, NULL, 1);
	check_folder(&w, cfg->spool_dir, NULL, 1);
	free(aside);
	free(db_dir);
	free(exports);
	return w.found;
}
