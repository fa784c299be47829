/* draft.c - forms kept when the desk was stopped in the middle of them (see draft.h). */
#include "draft.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"

#define DRAFT_MAX (4 << 20)

static char *draft_path(const struct config *cfg, const char *name)
{
	char *file = xasprintf("draft-%s.txt", name), *path = fs_join(cfg->spool_dir, file);

	free(file);
	return path;
}

/* One value on one line: backslash and line breaks escaped. */
static void add_escaped(struct sbuf *b, const char *s)
{
	for (; *s; s++)
		if (*s == '\\')
			sbuf_add(b, "\\\\");
		else if (*s == '\n')
			sbuf_add(b, "\\n");
		else if (*s != '\r')
			sbuf_addc(b, *s);
	sbuf_addc(b, '\n');
}

static char *unescaped(const char *s, size_t len)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\\' && i + 1 < len) {
			sbuf_addc(&b, s[i + 1] == 'n' ? '\n' : s[i + 1]);
			i++;
		} else {
			sbuf_addc(&b, s[i]);
		}
	return sbuf_take(&b);
}

int draft_save(const struct config *cfg, const char *name, const char *title, char *const *values, int n,
	       struct zerr *err)
{
	struct sbuf b = { 0 };
	char *path = draft_path(cfg, name);
	int rc;

	/* The first line names the form; then a value a line, in field order. */
	add_escaped(&b, title);
	for (int i = 0; i < n; i++)
		add_escaped(&b, values[i] ? values[i] : "");
	rc = fs_write_atomic(path, b.s, b.len, 0600, err);
	sbuf_free(&b);
	free(path);
	return rc;
}

int draft_load(const struct config *cfg, const char *name, char ***values, char **title)
{
	struct zerr err = ZERR_INIT;
	char *path = draft_path(cfg, name), *text = fs_read_file(path, DRAFT_MAX, NULL, &err);
	int n = 0;

	*values = NULL;
	*title = NULL;
	free(path);
	if (!text)
		return 0;
	*values = xcalloc(1, sizeof **values);
	for (const char *line = text; *line;) {
		size_t len = strcspn(line, "\n");

		if (!*title) {
			*title = unescaped(line, len);
		} else {
			*values = xrealloc(*values, sizeof **values * (size_t)(n + 2));
			(*values)[n++] = unescaped(line, len);
			(*values)[n] = NULL;
		}
		line += len + (line[len] == '\n');
	}
	free(text);
	if (!*title)
		*title = xstrdup("");
	return n;
}

void draft_remove(const struct config *cfg, const char *name)
{
	char *path = draft_path(cfg, name);

	remove(path);
	free(path);
}

char **draft_titles(const struct config *cfg)
{
	DIR *d = opendir(cfg->spool_dir);
	char **titles = NULL;
	int n = 0;

	if (!d)
		return NULL;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		char **values, *title, *name;

		if (strncmp(e->d_name, "draft-", 6) != 0 || len < 11 || strcmp(e->d_name + len - 4, ".txt") != 0)
			continue;
		name = xstrndup(e->d_name + 6, len - 10);
		if (draft_load(cfg, name, &values, &title) > 0) {
			titles = xrealloc(titles, sizeof *titles * (size_t)(n + 2));
			titles[n++] = title;
			titles[n] = NULL;
		} else {
			free(title);
		}
		strv_free(values);
		free(name);
	}
	closedir(d);
	return titles;
}
