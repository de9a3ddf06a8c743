/*
 * user/cowbomb.c - cowbomb SIZE N: a parent dirties SIZE of memory and
 * forks N children that all rewrite it.  Each fork succeeds at once: it
 * copies page tables and promises the pages (copy-on-write); the writes
 * are what break the promise, and the OOM killer picks among the
 * children.  Prints each child's fate.
 */
#include <fcntl.h>
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

int main(int argc, char **argv)
{
	unsigned long size;
	int n, killed = 0;
	pid_t *pids;
	char *mem;

	if (argc != 3 || !strcmp(argv[1], "--help")) {
		fprintf(stderr, "usage: cowbomb SIZE N\n  dirty SIZE (K/M/G), then fork N children that rewrite it\n");
		return argc == 2 ? 0 : 1;
	}
	size = parse_size(argv[1]);
	n = atoi(argv[2]);
	pids = calloc((size_t)(n > 0 ? n : 1), sizeof(pid_t));
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		perror("cowbomb: mmap");
		return 1;
	}
	memset(mem, 1, size);
	setvbuf(stdout, NULL, _IONBF, 0);
	set_adj("-1000");
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("cowbomb: fork");
			break;
		}
		if (pid == 0) {
			set_adj("0");
			memset(mem, 2 + i, size);	/* every page now needs its own copy */
			pause();			/* hold it */
			_exit(0);
		}
		pids[i] = pid;
		printf("cowbomb: child %d (pid %d) forked\n", i, pid);
	}
	sleep(1);
	for (;;) {
		int st;
		pid_t pid = waitpid(-1, &st, WNOHANG);

		if (pid <= 0)
			break;
		if (WIFSIGNALED(st)) {
			printf("cowbomb: pid %d killed by signal %d\n", pid, WTERMSIG(st));
			killed++;
		}
	}
	printf("cowbomb: %d children killed by the OOM killer; ending the rest\n", killed);
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	return 0;
}
