/*
 * kb-bench.c - how fast the knowledge base answers as the clerk types, at one size.
 *
 * usage: kb-bench --header
 *        kb-bench [--seconds S] CONFIG KB.tsv QUERIES.tsv   import KB.tsv into the site, time searches
 *        kb-bench --one CONFIG QUESTION       one search (for callgrind: --toggle-collect=measured_search)
 *
 * The import runs in a child process, so that the peak memory of importing and of searching
 * are told apart. The searches are those of the query set's questions as they are typed: every
 * second character a search (an input method commits a word of two characters or so at a
 * time), then the whole question, each against the open database as the desk keeps it. They run
 * in a shuffled (fixed) order until all are done or S seconds (default 60) have passed, so that a
 * large base is measured on a fair sample in bounded time.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "date.h"
#include "db.h"
#include "fsutil.h"
#include "kb.h"

/* As many hits as the desk's result list shows. */
#define LIMIT 10

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void report(void *ctx, int severity, const char *msg)
{
	(void)ctx;
	(void)severity;
	fprintf(stderr, "kb-bench: %s\n", msg);
}

static int open_site(struct app *app, const char *config)
{
	struct zerr err = ZERR_INIT;

	if (app_open(app, config, APP_ALL, report, NULL, &err) != EXIT_OK) {
		fprintf(stderr, "kb-bench: %s: %s\n", config, err.msg);
		return -1;
	}
	app_set_operator(app, "bench");
	return 0;
}

/* The child: imports the file and writes the seconds it took to fd. */
static int import_child(const char *config, const char *file, int fd)
{
	struct app app;
	struct zerr err = ZERR_INIT;
	size_t len;
	char *text;
	int added, updated;
	double t0;

	if (open_site(&app, config) != 0)
		return 1;
	text = fs_read_file(file, (size_t)1 << 30, &len, &err);
	if (!text) {
		fprintf(stderr, "kb-bench: %s: %s\n", file, err.msg);
		return 1;
	}
	t0 = now_ms();
	if (kb_import(app.db, text, len, file, app.operator, &added, &updated, &err) != 0) {
		fprintf(stderr, "kb-bench: %s\n", err.msg);
		return 1;
	}
	app_close(&app);	/* the last close checkpoints the WAL into the file */
	dprintf(fd, "%f %d\n", (now_ms() - t0) / 1e3, added);
	free(text);
	return 0;
}

/* Imports in a child; fills the seconds, the entries added and the child's peak RSS in KiB. */
static int import_timed(const char *config, const char *file, double *secs, int *added, long *rss_kb)
{
	int fds[2], status;
	char buf[64] = "";
	struct rusage ru;
	pid_t pid;
	ssize_t n;

	if (pipe(fds) != 0)
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(fds[0]);
		_exit(import_child(config, file, fds[1]));
	}
	close(fds[1]);
	n = read(fds[0], buf, sizeof buf - 1);
	close(fds[0]);
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || n <= 0)
		return -1;
	buf[n] = '\0';
	*rss_kb = ru.ru_maxrss;
	return sscanf(buf, "%lf %d", secs, added) == 2 ? 0 : -1;
}

/* Bytes of the tables whose names start with `prefix`, from dbstat; -1 when it is missing. */
static double table_bytes(sqlite3 *db, const char *prefix)
{
	sqlite3_stmt *st;
	double bytes = -1;

	if (sqlite3_prepare_v2(db, "SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?1 || '%'", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		bytes = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return bytes;
}

/* What the clerk has typed on the way to each question of the set, and the questions. */
struct typed {
	char **q;
	int *whole;		/* 1 for a whole question */
	char **expected;	/* the entry a whole question is about, or NONE */
	int n, cap;
};

static void typed_add(struct typed *t, const char *q, size_t len, int whole, const char *expected)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		t->q = xrealloc(t->q, sizeof *t->q * (size_t)t->cap);
		t->whole = xrealloc(t->whole, sizeof *t->whole * (size_t)t->cap);
		t->expected = xrealloc(t->expected, sizeof *t->expected * (size_t)t->cap);
	}
	t->q[t->n] = xstrndup(q, len);
	t->whole[t->n] = whole;
	t->expected[t->n] = xstrdup(expected);
	t->n++;
}

static void typed_load(struct typed *t, const char *text)
{
	char *copy = xstrdup(text), *save = NULL;
	int line = 0;

	memset(t, 0, sizeof *t);
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(l, '\t');
		size_t len;
		int chars = 0;

		if (line++ == 0 && strncmp(l, "query\t", 6) == 0)
			continue;
		if (!tab)
			continue;
		*tab = '\0';
		len = strlen(l);
		for (size_t i = 0; i < len; i++) {
			/* A prefix at every second character, ending where the next one starts. */
			if ((l[i] & 0xC0) != 0x80 && i && ++chars % 2 == 0)
				typed_add(t, l, i, 0, "");
		}
		typed_add(t, l, len, 1, str_trim(tab + 1));
	}
	free(copy);
}

/* A fixed shuffle of 0..n-1 (xorshift), so that a run cut short has searched a fair sample. */
static int *shuffled(int n)
{
	int *v = xcalloc((size_t)n ? (size_t)n : 1, sizeof *v);
	unsigned long long x = 88172645463325252ULL;

	for (int i = 0; i < n; i++)
		v[i] = i;
	for (int i = n - 1; i > 0; i--) {
		int j, tmp;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		j = (int)(x % (unsigned long long)(i + 1));
		tmp = v[i];
		v[i] = v[j];
		v[j] = tmp;
	}
	return v;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The p-th percentile (0..100) of sorted values: the nearest rank. */
static double percentile(const double *v, int n, double p)
{
	int rank = (int)ceil(p / 100.0 * n);

	if (!n)
		return 0;
	return v[rank < 1 ? 0 : rank > n ? n - 1 : rank - 1];
}

/* The search callgrind counts (--toggle-collect=measured_search): not the warm-up before it. */
__attribute__((noinline)) int measured_search(struct app *app, const char *q, struct kb_hit **hits, int *n,
					     struct zerr *err);

int measured_search(struct app *app, const char *q, struct kb_hit **hits, int *n, struct zerr *err)
{
	return kb_search(app->db, &app->syn, q, LIMIT, date_today(), hits, n, err);
}

static int one_search(const char *config, const char *q)
{
	struct app app;
	struct zerr err = ZERR_INIT;
	struct kb_hit *hits;
	int n;

	if (open_site(&app, config) != 0)
		return 1;
	/* The desk has searched before: the schema is read and the cache warm. */
	if (kb_search(app.db, &app.syn, q, LIMIT, date_today(), &hits, &n, &err) != 0)
		goto fail;
	kb_hits_free(hits, n);
	if (measured_search(&app, q, &hits, &n, &err) != 0)
		goto fail;
	for (int i = 0; i < n && i < 3; i++)
		printf("%s\t%.3f\t%s\n", hits[i].code, hits[i].score, hits[i].question);
	kb_hits_free(hits, n);
	app_close(&app);
	return 0;
fail:
	fprintf(stderr, "kb-bench: %s\n", err.msg);
	app_close(&app);
	return 1;
}

static void header(void)
{
	printf("%8s %7s %7s %6s %7s %7s %6s %7s %7s %7s %6s %7s %6s %7s\n", "entries", "import", "imp.RSS", "db",
	       "fts.idx", "fts.all", "search", "median", "p95", "max", "q/s", "whole95", "top-1", "srch.RSS");
	printf("%8s %7s %7s %6s %7s %7s %6s %7s %7s %7s %6s %7s %6s %7s\n", "", "s", "MB", "MB", "MB", "MB", "n", "ms",
	       "ms", "ms", "", "ms", "%", "MB");
}

int main(int argc, char **argv)
{
	struct app app;
	struct zerr err = ZERR_INIT;
	struct typed t;
	struct rusage ru;
	struct stat sb;
	double import_s, total = 0, budget_ms = 60e3, *lat, *whole_lat, fts_idx, fts_all, start;
	long import_rss;
	int added, nlat = 0, nwhole = 0, top1 = 0, answerable = 0, *order;
	size_t len;
	char *text, *db_path;

	if (argc == 2 && strcmp(argv[1], "--header") == 0) {
		header();
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "--one") == 0)
		return one_search(argv[2], argv[3]);
	if (argc == 6 && strcmp(argv[1], "--seconds") == 0) {
		budget_ms = atof(argv[2]) * 1e3;
		argv += 2;
		argc -= 2;
	}
	if (argc != 4 || budget_ms <= 0) {
		fputs("usage: kb-bench --header | [--seconds S] CONFIG KB.tsv QUERIES.tsv | --one CONFIG QUESTION\n", stderr);
		return 2;
	}
	text = fs_read_file(argv[3], 16 << 20, &len, &err);
	if (!text) {
		fprintf(stderr, "kb-bench: %s: %s\n", argv[3], err.msg);
		return 1;
	}
	typed_load(&t, text);
	free(text);
	if (!t.n) {
		fprintf(stderr, "kb-bench: %s: no queries\n", argv[3]);
		return 1;
	}
	if (import_timed(argv[1], argv[2], &import_s, &added, &import_rss) != 0) {
		fprintf(stderr, "kb-bench: importing %s failed\n", argv[2]);
		return 1;
	}
	if (open_site(&app, argv[1]) != 0)
		return 1;
	lat = xcalloc((size_t)t.n, sizeof *lat);
	whole_lat = xcalloc((size_t)t.n, sizeof *whole_lat);
	order = shuffled(t.n);
	start = now_ms();
	for (int k = 0; k < t.n && now_ms() - start < budget_ms; k++) {
		int i = order[k], n;
		struct kb_hit *hits;
		double t0 = now_ms();

		if (kb_search(app.db, &app.syn, t.q[i], LIMIT, date_today(), &hits, &n, &err) != 0) {
			fprintf(stderr, "kb-bench: %s: %s\n", t.q[i], err.msg);
			return 1;
		}
		lat[nlat] = now_ms() - t0;
		total += lat[nlat++];
		if (t.whole[i]) {
			whole_lat[nwhole++] = lat[nlat - 1];
			if (strcmp(t.expected[i], "NONE") != 0) {
				answerable++;
				top1 += n && strcmp(hits[0].code, t.expected[i]) == 0;
			}
		}
		kb_hits_free(hits, n);
	}
	fts_idx = table_bytes(app.db, "kb_fts_data") + table_bytes(app.db, "kb_fts_idx");
	fts_all = table_bytes(app.db, "kb_fts");
	db_path = xstrdup(app.cfg.db_path);
	app_close(&app);
	getrusage(RUSAGE_SELF, &ru);
	qsort(lat, (size_t)nlat, sizeof *lat, cmp_double);
	qsort(whole_lat, (size_t)nwhole, sizeof *whole_lat, cmp_double);
	printf("%8d %7.1f %7.0f %6.1f %7.1f %7.1f %6d %7.2f %7.2f %7.1f %6.1f %7.2f %6.1f %7.0f\n", added, import_s,
	       import_rss / 1024.0, stat(db_path, &sb) == 0 ? sb.st_size / 1048576.0 : -1.0, fts_idx / 1048576.0,
	       fts_all / 1048576.0, nlat, percentile(lat, nlat, 50), percentile(lat, nlat, 95), lat[nlat - 1],
	       nlat / (total / 1e3), percentile(whole_lat, nwhole, 95), answerable ? 100.0 * top1 / answerable : 0.0,
	       ru.ru_maxrss / 1024.0);
	free(db_path);
	for (int i = 0; i < t.n; i++) {
		free(t.q[i]);
		free(t.expected[i]);
	}
	free(t.q);
	free(t.whole);
	free(t.expected);
	free(order);
	free(lat);
	free(whole_lat);
	return 0;
}
