/*
 * user/cowbomb.c - cowbomb SIZE N: a parent dirties SIZE of memory and
 * forks N children that all rewrite it.  Each fork succeeds at once: it
 * copies page tables and promises the pages (copy-on-write); the writes
 * are what break the promise, and the OOM killer picks among the
 * children (the parent, as root, makes itself immune).  Prints each
 * child's fate once every child has either rewritten its copy or been
 * killed, then ends the survivors.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned long parse_size(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	return v << (*end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20 :
		     *end == 'G' || *end == 'g' ? 30 : 0);
}

/* The parent keeps out of the OOM killer's way (root only); children don't. */
static void set_adj(const char *v)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);

	if (fd >= 0) {
		write(fd, v, strlen(v));
		close(fd);
	}
}

/* A child: its own copy of every page, then say so on @done and wait. */
static void child(char *mem, unsigned long size, int i, int done)
{
	set_adj("0");
	memset(mem, 2 + i, size);	/* every page now needs its own copy */
	write(done, "d", 1);
	pause();
	_exit(0);
}

/* Until each of @n children has rewritten its copy or died: how many were killed. */
static int wait_fates(int n, int done)
{
	int finished = 0, killed = 0, st;
	char c;

	while (finished + killed < n) {
		struct pollfd pfd = { done, POLLIN, 0 };
		pid_t pid;

		if (poll(&pfd, 1, 10) > 0 && read(done, &c, 1) == 1)
			finished++;
		while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
			if (WIFSIGNALED(st))
				printf("cowbomb: pid %d killed by signal %d\n", pid, WTERMSIG(st));
			killed++;
		}
	}
	return killed;
}

int main(int argc, char **argv)
{
	unsigned long size;
	int n, made = 0, killed, p[2];
	pid_t *pids;
	char *mem;

	if (argc != 3) {
		fprintf(stderr, "usage: cowbomb SIZE N\n"
			"  dirty SIZE (K, M or G), then fork N children that each rewrite all of it\n");
		return argc == 2 && !strcmp(argv[1], "--help") ? 0 : 1;
	}
	size = parse_size(argv[1]);
	n = atoi(argv[2]);
	pids = calloc((size_t)(n > 0 ? n : 1), sizeof(pid_t));
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!pids || mem == MAP_FAILED || pipe(p)) {
		perror("cowbomb");
		return 1;
	}
	memset(mem, 1, size);
	setvbuf(stdout, NULL, _IONBF, 0);
	set_adj("-1000");
	for (; made < n; made++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("cowbomb: fork");
			break;
		}
		if (pid == 0)
			child(mem, size, made, p[1]);
		pids[made] = pid;
		printf("cowbomb: child %d (pid %d) forked\n", made, pid);
	}
	killed = wait_fates(made, p[0]);
	printf("cowbomb: %d children killed by the OOM killer; ending the rest\n", killed);
	for (int i = 0; i < made; i++)
		kill(pids[i], SIGKILL);	/* the survivors, paused (the dead are reaped) */
	while (wait(NULL) > 0)
		;
	return 0;
}
