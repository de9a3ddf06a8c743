/*
 * user/forkbomb.c - forkbomb LIMIT: fork until LIMIT processes exist or
 * fork fails, each child waiting; then report how far it got and why
 * (EAGAIN from RLIMIT_NPROC, ENOMEM), and take them all down again.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int limit, made = 0;

	if (argc != 2 || !strcmp(argv[1], "--help")) {
		fprintf(stderr, "usage: forkbomb LIMIT\n  fork up to LIMIT waiting children, then kill them\n");
		return argc == 2 ? 0 : 1;
	}
	limit = atoi(argv[1]);
	setpgid(0, 0);
	while (made < limit) {
		pid_t pid = fork();

		if (pid < 0) {
			printf("forkbomb: fork %d failed: %s\n", made + 1, strerror(errno));
			break;
		}
		if (pid == 0) {
			pause();
			_exit(0);
		}
		made++;
	}
	printf("forkbomb: %d children\n", made);
	signal(SIGTERM, SIG_IGN);
	kill(0, SIGTERM);
	while (wait(NULL) > 0)
		;
	return 0;
}
