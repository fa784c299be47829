/*
 * smtp-sink.c - a minimal SMTP server for the tests: listens on 127.0.0.1, accepts mail for
 * anyone and appends each message (after DATA) to a file. It prints its port on stdout and
 * stops after serving `count` messages or after 60 seconds, whichever comes first.
 * Usage: smtp-sink OUTFILE [COUNT] [login]   ("login" refuses every AUTH, to test that error)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void say(FILE *c, const char *line)
{
	fputs(line, c);
	fputs("\r\n", c);
	fflush(c);
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr;
	socklen_t len = sizeof addr;
	int count = argc > 2 ? atoi(argv[2]) : 1, refuse_login = argc > 3 && strcmp(argv[3], "login") == 0;
	int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	if (argc < 2 || s < 0)
		return 2;
	alarm(60);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(s, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(s, 4) != 0 ||
	    getsockname(s, (struct sockaddr *)&addr, &len) != 0)
		return 2;
	printf("%d\n", ntohs(addr.sin_port));
	fflush(stdout);
	while (count > 0) {
		int fd = accept(s, NULL, NULL);
		FILE *c;
		char line[4096];
		int in_data = 0;

		if (fd < 0)
			return 2;
		c = fdopen(fd, "r+");
		say(c, "220 sink ESMTP");
		while (fgets(line, sizeof line, c)) {
			if (in_data) {
				FILE *out;

				if (strcmp(line, ".\r\n") == 0) {
					in_data = 0;
					count--;
					say(c, "250 queued");
					continue;
				}
				out = fopen(argv[1], "a");
				if (out) {
					fputs(line[0] == '.' ? line + 1 : line, out);
					fclose(out);
				}
			} else if (strncasecmp(line, "EHLO", 4) == 0) {
				say(c, refuse_login ? "250-sink\r\n250 AUTH PLAIN LOGIN" : "250 sink");
			} else if (strncasecmp(line, "AUTH", 4) == 0) {
				say(c, "535 authentication failed");
			} else if (strncasecmp(line, "DATA", 4) == 0) {
				in_data = 1;
				say(c, "354 go ahead");
			} else if (strncasecmp(line, "QUIT", 4) == 0) {
				say(c, "221 bye");
				break;
			} else {
				say(c, "250 ok");
			}
		}
		fclose(c);
	}
	return 0;
}
