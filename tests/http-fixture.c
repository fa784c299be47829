/*
 * http-fixture.c - a small HTTP/1.1 server for the portal tests: serves the files of a folder
 * on 127.0.0.1 with a charset chosen by the file name, ETag and Last-Modified with 304 answers,
 * and special paths for the failures a county portal shows (errors, redirect loops, huge and
 * hanging answers). One forked child per connection, so a hanging client blocks nobody.
 * Each request is one line "METHOD TARGET STATUS BYTES [inm] [ims] [q=WORDS]" in LOGFILE, written
 * before the answer goes out; /big and /slow write theirs when the stream ends (BYTES: what was
 * really sent, less when the client gave up), /hang writes "GET /hang - 0".
 * Usage: http-fixture DIR LOGFILE [SECONDS] >portfile   (stops on SIGTERM, GET /quit, or
 * after SECONDS, 600 by default, so a forgotten server does not outlive the tests for long)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define REQ_MAX  16384
#define BIG_SIZE (8u << 20)

static const char *root;
static int logfd = -1;
static int port;

struct req {
	char method[16];
	char target[4096];	/* as sent, for the log */
	char path[4096];	/* percent-decoded, without the query */
	char query[4096];	/* raw, without the '?' */
	char inm[512];		/* If-None-Match */
	char ims[128];		/* If-Modified-Since */
	char host[256];
	int head;
};

/* Writes all of buf; 0 when the client went away (SIGPIPE is ignored). */
static int send_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		p += n;
		len -= (size_t)n;
	}
	return 1;
}

/* One log line in one write(), so the lines of concurrent children never mix. */
static void log_request(const struct req *r, int status, unsigned long bytes, const char *extra)
{
	char line[8192];
	int n;

	if (status > 0)
		n = snprintf(line, sizeof line, "%s %s %d %lu%s%s%s%s\n", r->method, r->target, status, bytes,
			     r->inm[0] ? " inm" : "", r->ims[0] ? " ims" : "", extra ? " " : "", extra ? extra : "");
	else
		n = snprintf(line, sizeof line, "%s %s - 0\n", r->method, r->target);
	if (n > 0)
		send_all(logfd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes src into dst ('+' as a space when plus is set); -1 for a NUL byte. */
static int url_decode(char *dst, size_t size, const char *src, size_t len, int plus)
{
	size_t o = 0;

	for (size_t i = 0; i < len && o + 1 < size; i++) {
		int c = (unsigned char)src[i];

		if (c == '%' && i + 2 < len && hexval(src[i + 1]) >= 0 && hexval(src[i + 2]) >= 0) {
			c = hexval(src[i + 1]) * 16 + hexval(src[i + 2]);
			i += 2;
		} else if (c == '+' && plus) {
			c = ' ';
		}
		if (c == 0)
			return -1;
		dst[o++] = (char)c;
	}
	dst[o] = '\0';
	return 0;
}

/* The decoded value of a query parameter, or NULL when it is absent. */
static const char *query_param(const char *query, const char *name, char *buf, size_t size)
{
	size_t nlen = strlen(name);
	const char *p = query;

	while (*p) {
		const char *end = strchr(p, '&');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len >= nlen && strncmp(p, name, nlen) == 0 && (len == nlen || p[nlen] == '=')) {
			size_t vlen = len > nlen ? len - nlen - 1 : 0;

			if (url_decode(buf, size, p + nlen + (len > nlen), vlen, 1) != 0)
				return NULL;
			return buf;
		}
		p += len + (end != NULL);
	}
	return NULL;
}

static void header_value(char *dst, size_t size, const char *v)
{
	size_t n;

	while (*v == ' ' || *v == '\t')
		v++;
	n = strcspn(v, "\r\n");
	if (n >= size)
		n = size - 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

/* Reads the request head; 0 when it is not a usable HTTP request. */
static int read_request(int fd, struct req *r)
{
	static char buf[REQ_MAX + 1];
	size_t len = 0;
	char *line, *next, *sp, *q;

	memset(r, 0, sizeof *r);
	while (len < REQ_MAX) {
		ssize_t n = read(fd, buf + len, REQ_MAX - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		len += (size_t)n;
		buf[len] = '\0';
		if (strstr(buf, "\r\n\r\n") || strstr(buf, "\n\n"))
			break;
	}
	buf[len] = '\0';
	line = buf;
	next = strchr(line, '\n');
	if (!next)
		return 0;
	*next++ = '\0';
	line[strcspn(line, "\r")] = '\0';
	if (sscanf(line, "%15s %4095s", r->method, r->target) != 2)
		return 0;
	r->head = strcmp(r->method, "HEAD") == 0;
	sp = r->target;
	q = strchr(sp, '?');
	if (url_decode(r->path, sizeof r->path, sp, q ? (size_t)(q - sp) : strlen(sp), 0) != 0)
		r->path[0] = '\0';
	if (q)
		snprintf(r->query, sizeof r->query, "%s", q + 1);
	for (line = next; line && *line && *line != '\r' && *line != '\n'; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (strncasecmp(line, "If-None-Match:", 14) == 0)
			header_value(r->inm, sizeof r->inm, line + 14);
		else if (strncasecmp(line, "If-Modified-Since:", 18) == 0)
			header_value(r->ims, sizeof r->ims, line + 18);
		else if (strncasecmp(line, "Host:", 5) == 0)
			header_value(r->host, sizeof r->host, line + 5);
	}
	return 1;
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	default: return "Status";
	}
}

/* The status line and headers; `length` < 0 leaves Content-Length out (the body ends at close). */
static void send_head(int fd, int status, const char *type, long length, const char *fmt, ...)
{
	char head[2048], date[64], more[1024] = "";
	time_t now = time(NULL);
	struct tm tm;
	int n;

	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (fmt) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(more, sizeof more, fmt, ap);
		va_end(ap);
	}
	n = snprintf(head, sizeof head, "HTTP/1.1 %d %s\r\nServer: http-fixture\r\nDate: %s\r\nConnection: close\r\n",
		     status, reason(status), date);
	if (type)
		n += snprintf(head + n, sizeof head - (size_t)n, "Content-Type: %s\r\n", type);
	if (length >= 0)
		n += snprintf(head + n, sizeof head - (size_t)n, "Content-Length: %ld\r\n", length);
	snprintf(head + n, sizeof head - (size_t)n, "%s\r\n", more);
	send_all(fd, head, strlen(head));
}

/* A short HTML answer for the error and redirect statuses. */
static void send_simple(int fd, const struct req *r, int status, const char *location)
{
	char body[512];
	int n = snprintf(body, sizeof body, "<!DOCTYPE html>\n<html><head><title>%d</title></head><body><h1>%d %s</h1></body></html>\n",
			 status, status, reason(status));

	/* Logged first, so a client that has its answer finds the line already there. */
	log_request(r, status, r->head ? 0 : (unsigned long)n, NULL);
	if (location)
		send_head(fd, status, "text/html; charset=utf-8", n, "Location: %s\r\n", location);
	else
		send_head(fd, status, "text/html; charset=utf-8", n, NULL);
	if (!r->head)
		send_all(fd, body, (size_t)n);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The Content-Type a file is served with: its charset comes from the name. */
static const char *content_type(const char *path)
{
	if (ends_with(path, ".gbk.html"))
		return "text/html; charset=GBK";
	if (ends_with(path, ".lying.html"))
		return "text/html; charset=utf-8";	/* the body is GBK */
	if (ends_with(path, ".nocharset.html"))
		return "text/html";
	if (ends_with(path, ".html") || ends_with(path, ".htm"))
		return "text/html; charset=utf-8";
	if (ends_with(path, ".json"))
		return "application/json";
	if (ends_with(path, ".txt"))
		return "text/plain; charset=utf-8";
	if (ends_with(path, ".pdf"))
		return "application/pdf";
	return "application/octet-stream";
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n + 65536 > cap) {
			char *p = realloc(buf, cap = n + 65536 + 1);

			if (!p) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Absolute links in the fixtures are written {{ORIGIN}}; they become this server's address. */
static char *expand_origin(char *body, size_t *len, const struct req *r)
{
	static const char token[] = "{{ORIGIN}}";
	char origin[300], *out, *o;
	const char *p;
	size_t count = 0, olen;

	snprintf(origin, sizeof origin, "http://%s", r->host[0] ? r->host : "127.0.0.1");
	if (!r->host[0])
		snprintf(origin, sizeof origin, "http://127.0.0.1:%d", port);
	olen = strlen(origin);
	for (p = body; (p = strstr(p, token)); p += sizeof token - 1)
		count++;
	if (count == 0)
		return body;
	out = malloc(*len + count * olen + 1);
	if (!out)
		return body;
	o = out;
	for (p = body;;) {
		const char *hit = strstr(p, token);

		if (!hit)
			break;
		memcpy(o, p, (size_t)(hit - p));
		o += hit - p;
		memcpy(o, origin, olen);
		o += olen;
		p = hit + sizeof token - 1;
	}
	memcpy(o, p, (size_t)(body + *len - p));
	o += body + *len - p;
	*o = '\0';
	*len = (size_t)(o - out);
	free(body);
	return out;
}

/* A stable ETag: FNV-1a of the bytes served. */
static void make_etag(char *dst, size_t size, const char *body, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)body[i];
		h *= 1099511628211ull;
	}
	snprintf(dst, size, "\"%016llx\"", (unsigned long long)h);
}

static int etag_matches(const char *header, const char *etag)
{
	/* A list of tags, weak ones (W/"x") included: a substring test is enough here. */
	return strcmp(header, "*") == 0 || strstr(header, etag) != NULL;
}

static void serve_file(int fd, const struct req *r, const char *rel, const char *extra)
{
	char path[8192], etag[32], lastmod[64];
	struct stat st;
	struct tm tm;
	size_t len;
	char *body;
	int not_modified = 0;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(path, sizeof path, "%s/%s/index.html", root, rel);
		if (stat(path, &st) != 0) {
			send_simple(fd, r, 404, NULL);
			return;
		}
	}
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || !(body = read_file(path, &len))) {
		send_simple(fd, r, 404, NULL);
		return;
	}
	if (ends_with(path, ".html") || ends_with(path, ".json"))
		body = expand_origin(body, &len, r);
	make_etag(etag, sizeof etag, body, len);
	gmtime_r(&st.st_mtime, &tm);
	strftime(lastmod, sizeof lastmod, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (r->inm[0]) {
		not_modified = etag_matches(r->inm, etag);
	} else if (r->ims[0]) {
		struct tm since;
		char *end;

		memset(&since, 0, sizeof since);
		end = strptime(r->ims, "%a, %d %b %Y %H:%M:%S GMT", &since);
		not_modified = end && timegm(&since) >= st.st_mtime;
	}
	if (not_modified) {
		log_request(r, 304, 0, extra);
		send_head(fd, 304, NULL, -1, "ETag: %s\r\nLast-Modified: %s\r\n", etag, lastmod);
	} else {
		log_request(r, 200, r->head ? 0 : (unsigned long)len, extra);
		send_head(fd, 200, content_type(path), (long)len, "ETag: %s\r\nLast-Modified: %s\r\n", etag, lastmod);
		if (!r->head)
			send_all(fd, body, len);
	}
	free(body);
}

/* GET /big: 8 MiB of HTML, in pieces; ?nolength leaves Content-Length out. */
static void serve_big(int fd, const struct req *r)
{
	static char chunk[65536];
	unsigned long sent = 0;
	char scratch[8];
	int nolength = query_param(r->query, "nolength", scratch, sizeof scratch) != NULL;

	memset(chunk, 'x', sizeof chunk);
	memcpy(chunk, "<p>", 3);
	send_head(fd, 200, "text/html; charset=utf-8", nolength ? -1 : (long)BIG_SIZE, NULL);
	while (!r->head && sent < BIG_SIZE && send_all(fd, chunk, sizeof chunk))
		sent += sizeof chunk;
	log_request(r, 200, sent, NULL);
}

/* GET /slow?bytes=N&ms=M: the headers at once, then the body one byte every M ms. */
static void serve_slow(int fd, const struct req *r)
{
	char buf[32];
	long bytes = query_param(r->query, "bytes", buf, sizeof buf) ? atol(buf) : 64;
	long ms = query_param(r->query, "ms", buf, sizeof buf) ? atol(buf) : 250;
	unsigned long sent = 0;

	if (bytes < 0 || bytes > 100000)
		bytes = 64;
	if (ms < 0 || ms > 10000)
		ms = 250;
	alarm(0);
	send_head(fd, 200, "text/html; charset=utf-8", bytes, NULL);
	while (!r->head && (long)sent < bytes) {
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

		nanosleep(&ts, NULL);
		if (!send_all(fd, sent + 1 == (unsigned long)bytes ? "\n" : ".", 1))
			break;
		sent++;
	}
	log_request(r, 200, sent, NULL);
}

/*
 * GET /search?q=WORDS&page=N -> search/N.html; /search.json -> search/N.json; q with 无结果 ->
 * search/empty.*; &hang=N: page N never answers (as /hang).
 */
static void serve_search(int fd, const struct req *r, int json)
{
	char q[2048] = "", pagebuf[32], hangbuf[32], rel[128], extra[2100], path[8192];
	const char *page = query_param(r->query, "page", pagebuf, sizeof pagebuf);
	const char *hang = query_param(r->query, "hang", hangbuf, sizeof hangbuf);
	const char *ext = json ? "json" : "html";
	struct stat st;
	long n = page ? atol(page) : 1;

	if (hang && atol(hang) == n) {
		log_request(r, 0, 0, NULL);
		alarm(0);
		for (;;)
			pause();
	}

	if (!query_param(r->query, "q", q, sizeof q))
		q[0] = '\0';
	snprintf(extra, sizeof extra, "q=%s", q);
	if (n < 1)
		n = 1;
	snprintf(rel, sizeof rel, "search/%ld.%s", n, ext);
	snprintf(path, sizeof path, "%s/%s", root, rel);
	if (strstr(q, "无结果") || stat(path, &st) != 0)
		snprintf(rel, sizeof rel, "search/empty.%s", ext);
	serve_file(fd, r, rel, extra);
}

static void handle(int fd)
{
	struct req r;
	char to[4096];

	alarm(30);
	if (!read_request(fd, &r)) {
		close(fd);
		return;
	}
	if (strcmp(r.method, "GET") != 0 && !r.head) {
		send_simple(fd, &r, 405, NULL);
		return;
	}
	/* Traversal, in plain or %2e%2e form, and anything not starting at the root. */
	if (r.path[0] != '/' || strstr(r.path, "..") || strstr(r.target, "..")) {
		send_simple(fd, &r, 403, NULL);
		return;
	}
	if (strncmp(r.path, "/status/", 8) == 0) {
		int status = atoi(r.path + 8);

		send_simple(fd, &r, status >= 200 && status <= 599 && status != 304 ? status : 400, NULL);
	} else if (strcmp(r.path, "/loop") == 0) {
		send_simple(fd, &r, 302, "/loop");
	} else if (strcmp(r.path, "/redirect") == 0) {
		if (query_param(r.query, "to", to, sizeof to) && to[0] && !strpbrk(to, "\r\n"))
			send_simple(fd, &r, 302, to);
		else
			send_simple(fd, &r, 400, NULL);
	} else if (strcmp(r.path, "/big") == 0) {
		serve_big(fd, &r);
	} else if (strcmp(r.path, "/slow") == 0) {
		serve_slow(fd, &r);
	} else if (strcmp(r.path, "/hang") == 0) {
		log_request(&r, 0, 0, NULL);
		alarm(0);
		for (;;)
			pause();	/* until the server stops: PR_SET_PDEATHSIG */
	} else if (strcmp(r.path, "/search") == 0 || strcmp(r.path, "/search.json") == 0) {
		serve_search(fd, &r, r.path[7] == '.');
	} else if (strcmp(r.path, "/quit") == 0) {
		log_request(&r, 200, 4, NULL);
		send_head(fd, 200, "text/plain; charset=utf-8", 4, NULL);
		send_all(fd, "bye\n", 4);
		close(fd);
		kill(getppid(), SIGTERM);
		return;
	} else {
		serve_file(fd, &r, r.path + 1, NULL);
	}
	shutdown(fd, SHUT_WR);
	close(fd);
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr;
	socklen_t len = sizeof addr;
	struct sigaction sa;
	int s, one = 1;
	pid_t parent = getpid();

	if (argc < 3) {
		fprintf(stderr, "usage: http-fixture DIR LOGFILE [SECONDS] >portfile\n");
		return 2;
	}
	root = argv[1];
	logfd = open(argv[2], O_WRONLY | O_CREAT | O_APPEND, 0644);
	s = socket(AF_INET, SOCK_STREAM, 0);
	if (logfd < 0 || s < 0) {
		perror("http-fixture");
		return 2;
	}
	alarm(argc > 3 ? (unsigned)atoi(argv[3]) : 600);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_flags = SA_NOCLDWAIT;
	sigaction(SIGCHLD, &sa, NULL);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(s, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(s, 64) != 0 ||
	    getsockname(s, (struct sockaddr *)&addr, &len) != 0) {
		perror("http-fixture");
		return 2;
	}
	port = ntohs(addr.sin_port);
	printf("%d\n", port);
	fflush(stdout);
	for (;;) {
		int fd = accept(s, NULL, NULL);
		pid_t pid;

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("http-fixture: accept");
			return 2;
		}
		pid = fork();
		if (pid == 0) {
			/* A child dies with the server, /hang included. */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() != parent)
				_exit(0);
			close(s);
			signal(SIGALRM, SIG_DFL);
			handle(fd);
			_exit(0);
		}
		close(fd);
	}
}
