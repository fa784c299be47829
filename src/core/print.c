/* print.c - rendering templates and talking to lp. */
#include "print.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "fsutil.h"
#include "width.h"

#ifndef ZWGK_DATADIR
#define ZWGK_DATADIR "/usr/local/share/zwgk"
#endif

#define PRINT_TIMEOUT_MS 30000

static const char *lookup(const struct tvar *vars, int n, const char *name, size_t len)
{
	for (int i = 0; i < n; i++)
		if (strlen(vars[i].name) == len && strncmp(vars[i].name, name, len) == 0)
			return vars[i].value ? vars[i].value : "";
	return NULL;
}

/* One placeholder: the variable's name, and how to lay it out. */
struct place {
	const char *name;
	size_t namelen;
	int width;		/* 0: as it is */
	int wrap;
};

static int parse_place(const char *p, size_t len, struct place *pl)
{
	const char *colon = memchr(p, ':', len);

	memset(pl, 0, sizeof *pl);
	pl->name = p;
	pl->namelen = colon ? (size_t)(colon - p) : len;
	if (!colon)
		return 0;
	colon++;
	if (strncmp(colon, "wrap:", 5) == 0) {
		pl->wrap = 1;
		colon += 5;
	}
	pl->width = atoi(colon);
	return pl->width > 0 && pl->width < 500 ? 0 : -1;
}

/* Ends a line without the blanks a short value leaves at its end. */
static void end_line(struct sbuf *out)
{
	while (out->len && out->s[out->len - 1] == ' ')
		out->s[--out->len] = '\0';
	sbuf_addc(out, '\n');
}

/* Renders one line, which may hold at most one wrapped placeholder. */
static int render_line(struct sbuf *out, const char *line, const struct tvar *vars, int nvars, const char *name,
		       int lineno, struct zerr *err)
{
	struct sbuf head = { 0 }, tail = { 0 };
	char **pieces = NULL;
	int npieces = 0;
	const char *p = line;

	while (*p) {
		const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;
		struct sbuf *dst = pieces ? &tail : &head;
		struct place pl;
		const char *value;

		if (!open || !close) {
			sbuf_add(dst, p);
			break;
		}
		sbuf_addn(dst, p, (size_t)(open - p));
		if (parse_place(open + 1, (size_t)(close - open - 1), &pl) != 0 ||
		    !(value = lookup(vars, nvars, pl.name, pl.namelen))) {
			zerr_set(err, _("%s:%d: unknown or malformed placeholder %.*s"), name, lineno,
				 (int)(close - open + 1), open);
			goto fail;
		}
		if (pl.wrap) {
			if (pieces) {
				zerr_set(err, _("%s:%d: only one wrapped placeholder per line"), name, lineno);
				goto fail;
			}
			npieces = width_wrap(value, pl.width, &pieces);
		} else {
			char *v = pl.width ? width_fit(value, pl.width, ALIGN_LEFT) : text_safe(value);

			sbuf_add(dst, v);
			free(v);
		}
		p = close + 1;
	}
	if (!pieces) {
		sbuf_add(out, head.s ? head.s : "");
		end_line(out);
	} else {
		int indent = width_str(head.s ? head.s : "");

		for (int i = 0; i < npieces; i++) {
			char *safe = text_safe(pieces[i]);

			if (i == 0)
				sbuf_add(out, head.s ? head.s : "");
			else
				sbuf_printf(out, "%*s", indent, "");
			sbuf_add(out, safe);
			if (i == npieces - 1)
				sbuf_add(out, tail.s ? tail.s : "");
			end_line(out);
			free(safe);
		}
	}
	sbuf_free(&head);
	sbuf_free(&tail);
	strv_free(pieces);
	return 0;
fail:
	sbuf_free(&head);
	sbuf_free(&tail);
	strv_free(pieces);
	return -1;
}

char *print_render(const char *tmpl, const struct tvar *vars, int nvars, const char *name, struct zerr *err)
{
	struct sbuf out = { 0 };
	int lineno = 0;

	for (const char *p = tmpl; *p;) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);

		lineno++;
		if (line[0] != '#' && render_line(&out, line, vars, nvars, name, lineno, err) != 0) {
			free(line);
			sbuf_free(&out);
			return NULL;
		}
		free(line);
		p += n + (p[n] == '\n');
	}
	return sbuf_take(&out);
}

char *print_load_form(const struct config *cfg, const char *name, struct zerr *err)
{
	const char *env = getenv("ZWGK_FORMSDIR");
	char *file = xasprintf("%s.txt", name), *site_dir = fs_join(cfg->dir, "forms");
	char *dirs[2] = { site_dir, env && *env ? xstrdup(env) : xstrdup(ZWGK_DATADIR "/forms") };
	char *text = NULL;

	for (int i = 0; i < 2 && !text; i++) {
		char *path = fs_join(dirs[i], file);
		struct zerr e = ZERR_INIT;

		if (fs_exists(path)) {
			text = fs_read_file(path, 1 << 20, NULL, &e);
			if (!text)
				zerr_set(err, _("cannot read the form %s: %s"), path, e.msg);
			else if (!str_valid_utf8(text, strlen(text))) {
				zerr_set(err, _("the form %s is not UTF-8 text"), path);
				free(text);
				text = NULL;
			}
			free(path);
			break;
		}
		free(path);
	}
	if (!text && !err->code)
		zerr_set(err, _("the form %s is missing (looked in %s and %s)"), file, dirs[0], dirs[1]);
	free(dirs[0]);
	free(dirs[1]);
	free(file);
	return text;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void close_all(int *fds, int n)
{
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0) {
			close(fds[i]);
			fds[i] = -1;
		}
}

/* Waits for the child until the deadline, then kills it; returns the exit status or -1. */
static int reap(pid_t pid, long long deadline)
{
	int status;

	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		if (r < 0 && errno != EINTR)
			return -1;
		if (now_ms() >= deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
		usleep(20000);
	}
}

/*
 * Runs argv with `input` on its stdin (or the open file in_fd, read from where it stands, when
 * in_fd >= 0); collects stdout and stderr. Returns the exit status, or -1.
 */
static int run(char *const argv[], const char *input, int in_fd, struct sbuf *out, struct sbuf *errout,
	       struct zerr *err)
{
	int in[2] = { -1, -1 }, o[2] = { -1, -1 }, e[2] = { -1, -1 }, exec_err[2] = { -1, -1 }, status, rc;
	size_t written = 0, len = in_fd >= 0 ? 0 : strlen(input);
	long long deadline = now_ms() + PRINT_TIMEOUT_MS;
	pid_t pid;
	int child_errno = 0;

	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(o, O_CLOEXEC) != 0 || pipe2(e, O_CLOEXEC) != 0 ||
	    pipe2(exec_err, O_CLOEXEC) != 0 || (pid = fork()) < 0) {
		int fds[8] = { in[0], in[1], o[0], o[1], e[0], e[1], exec_err[0], exec_err[1] };

		zerr_set(err, _("cannot start the print command: %s"), strerror(errno));
		close_all(fds, 8);
		return -1;
	}
	if (pid == 0) {
		dup2(in_fd >= 0 ? in_fd : in[0], 0);
		dup2(o[1], 1);
		dup2(e[1], 2);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		child_errno = errno;
		if (write(exec_err[1], &child_errno, sizeof child_errno) < 0)
			_exit(126);
		_exit(127);
	}
	close(in[0]);
	close(o[1]);
	close(e[1]);
	close(exec_err[1]);
	/* A failed exec reports its errno through the close-on-exec pipe. */
	if (read(exec_err[0], &child_errno, sizeof child_errno) == (ssize_t)sizeof child_errno) {
		close(exec_err[0]);
		close(in[1]);
		close(o[0]);
		close(e[0]);
		waitpid(pid, &status, 0);
		errno = child_errno;
		return -2;
	}
	close(exec_err[0]);
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	if (!len) {
		close(in[1]);
		in[1] = -1;
	}
	for (int open_fds = 2 + (in[1] >= 0); open_fds > 0;) {
		struct pollfd fds[3] = { { o[0], POLLIN, 0 }, { e[0], POLLIN, 0 }, { in[1], POLLOUT, 0 } };
		long long left = deadline - now_ms();
		int ready;

		if (left <= 0) {
			int open[3] = { o[0], e[0], in[1] };

			close_all(open, 3);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			zerr_set(err, _("the printer did not answer within %d seconds"), PRINT_TIMEOUT_MS / 1000);
			return -1;
		}
		ready = poll(fds, 3, (int)left);
		if (ready < 0 && errno == EINTR)
			continue;
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP))) {
				char buf[4096];
				ssize_t n = read(fds[i].fd, buf, sizeof buf);

				if (n > 0) {
					sbuf_addn(i == 0 ? out : errout, buf, (size_t)n);
				} else {
					close(fds[i].fd);
					if (i == 0)
						o[0] = -1;
					else
						e[0] = -1;
					open_fds--;
				}
			}
		}
		if (in[1] >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t n = write(in[1], input + written, len - written);

			if (n > 0)
				written += (size_t)n;
			if (n < 0 && errno != EAGAIN) {
				close(in[1]);
				in[1] = -1;
				open_fds--;
			} else if (written == len) {
				close(in[1]);
				in[1] = -1;
				open_fds--;
			}
		}
	}
	/* Its output is closed, but the command may still linger: wait only until the deadline. */
	rc = reap(pid, deadline);
	if (rc < 0)
		zerr_set(err, _("the printer did not answer within %d seconds"), PRINT_TIMEOUT_MS / 1000);
	return rc;
}

int print_send(const struct config *cfg, const char *title, const char *text, int copies, char **job,
	       struct zerr *err)
{
	return print_send_opt(cfg, title, text, copies, NULL, job, err);
}

/* Sends a job to lp: the text, or the open file fd when text is NULL. */
static int send_job(const struct config *cfg, const char *title, const char *text, int fd, int copies,
		    const char *option, char **job, struct zerr *err)
{
	char **argv = xcalloc(16, sizeof *argv), ncopies[16], **opts = NULL;
	struct sbuf out = { 0 }, errout = { 0 };
	int argc = 0, nopts, rc;

	*job = NULL;
	snprintf(ncopies, sizeof ncopies, "%d", copies < 1 ? 1 : copies);
	argv[argc++] = cfg->printer_command;
	if (cfg->printer_queue && *cfg->printer_queue) {
		argv[argc++] = "-d";
		argv[argc++] = cfg->printer_queue;
	}
	argv[argc++] = "-n";
	argv[argc++] = ncopies;
	argv[argc++] = "-t";
	argv[argc++] = (char *)title;
	nopts = str_split_list(cfg->printer_options ? cfg->printer_options : "", &opts);
	argv = xrealloc(argv, sizeof *argv * (size_t)(argc + 2 * nopts + 3));
	for (int i = 0; i < nopts; i++) {
		argv[argc++] = "-o";
		argv[argc++] = opts[i];
	}
	if (option) {
		argv[argc++] = "-o";
		argv[argc++] = (char *)option;
	}
	argv[argc] = NULL;
	{
		/* lp may exit before reading all of the job: a broken pipe is its error, not ours. */
		struct sigaction ign, old;

		memset(&ign, 0, sizeof ign);
		ign.sa_handler = SIG_IGN;
		sigaction(SIGPIPE, &ign, &old);
		rc = run(argv, text, text ? -1 : fd, &out, &errout, err);
		sigaction(SIGPIPE, &old, NULL);
	}
	if (rc == -2) {
		if (errno == ENOENT)
			zerr_set(err, _("the print command '%s' is not installed (install the cups-client package, or set [printer] command)"),
				 cfg->printer_command);
		else
			zerr_set(err, _("cannot run the print command '%s': %s"), cfg->printer_command, strerror(errno));
	} else if (rc > 0) {
		char *first = xstrndup(errout.s ? errout.s : "", errout.s ? strcspn(errout.s, "\n") : 0);

		zerr_set(err, _("the printer refused the job (%s exited with %d): %s"), cfg->printer_command, rc,
			 *first ? first : _("no message"));
		free(first);
	} else if (rc == 0) {
		/* lp says "request id is QUEUE-123 (1 file(s))". */
		const char *id = out.s ? strstr(out.s, "request id is ") : NULL;

		*job = id ? xstrndup(id + 14, strcspn(id + 14, " \n")) : xstrdup("");
	}
	strv_free(opts);
	free(argv);
	sbuf_free(&out);
	sbuf_free(&errout);
	return rc == 0 ? 0 : -1;
}

int print_send_opt(const struct config *cfg, const char *title, const char *text, int copies, const char *option,
		   char **job, struct zerr *err)
{
	return send_job(cfg, title, text, -1, copies, option, job, err);
}

int print_send_fd(const struct config *cfg, const char *title, int fd, const char *option, char **job,
		  struct zerr *err)
{
	return send_job(cfg, title, NULL, fd, 1, option, job, err);
}

int print_log(sqlite3 *db, const char *op, const char *what, const char *ref, int copies, int ok, const char *job,
	      const char *error, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db,
				      "INSERT INTO print_log (at, day, operator, what, ref, copies, ok, job, error)"
				      " VALUES (?1, substr(?1, 1, 10), ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				      err);
	char now[20];

	if (!st)
		return -1;
	db_now(now);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, op, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, what, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, ref ? ref : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 5, copies);
	sqlite3_bind_int(st, 6, ok);
	sqlite3_bind_text(st, 7, job ? job : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, error ? error : "", -1, SQLITE_TRANSIENT);
	return db_done(db, st, err);
}

int print_send_logged(sqlite3 *db, const struct config *cfg, const char *title, const char *text, const char *option,
		      const char *op, const char *what, const char *ref, char **job, struct zerr *err)
{
	struct zerr logerr = ZERR_INIT;
	int rc = print_send_opt(cfg, title, text, 1, option, job, err);

	/* A print that failed is logged too: the log says what was tried, and why it did not go. */
	print_log(db, op, what, ref, 1, rc == 0, *job ? *job : "", rc == 0 ? "" : err->msg, &logerr);
	return rc;
}
