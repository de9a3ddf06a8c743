/*
 * user/oomdemo.c - oomdemo: the three holders, narrated.  A, B and C
 * take 20 %, 35 % and 25 % of MemAvailable with oom_score_adj 0, -500
 * and +500 and wait; oomdemo prints each one's /proc/PID/oom_score and
 * its prediction (the highest dies), then D touches memory until the OOM
 * killer acts, and oomdemo reports who was killed.  Linux 6.1 at
 * -m 128M kills C every time: the adjustment outweighs B's size.
 * Needs root (a negative oom_score_adj) and /proc.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct holder { const char *name; int percent; const char *adj; pid_t pid; };

static long read_long(const char *path, const char *field)
{
	char buf[8192], *p;
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = field ? strstr(buf, field) : buf;
	return p ? strtol(p + (field ? strlen(field) : 0), NULL, 10) : -1;
}

static void write_str(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, val, strlen(val)) < 0)
		perror(path);
	if (fd >= 0)
		close(fd);
}

/* Take @bytes, touch it, tell the parent, wait to be killed. */
static void hold(unsigned long bytes, const char *adj, int ready_fd)
{
	char *p;

	write_str("/proc/self/oom_score_adj", adj);
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		_exit(1);
	memset(p, 1, bytes);
	write(ready_fd, "r", 1);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	struct holder h[] = { { "A", 20, "0", 0 }, { "B", 35, "-500", 0 }, { "C", 25, "500", 0 } };
	long avail = read_long("/proc/meminfo", "MemAvailable:");
	int p[2], st, best = 0;
	long score[3];
	pid_t d;
	char c, path[64];

	if (argc > 1) {
		fprintf(stderr, "usage: oomdemo\n  three holders with oom_score_adj 0, -500, +500, then an OOM\n");
		return !!strcmp(argv[1], "--help");
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	if (avail <= 0) {
		fprintf(stderr, "oomdemo: no /proc/meminfo\n");
		return 1;
	}
	printf("oomdemo: MemAvailable %ld kB\n", avail);
	pipe(p);
	for (int i = 0; i < 3; i++) {
		h[i].pid = fork();
		if (h[i].pid == 0)
			hold((unsigned long)avail * 1024 / 100 * (unsigned long)h[i].percent, h[i].adj, p[1]);
		read(p[0], &c, 1);
		snprintf(path, sizeof path, "/proc/%d/status", h[i].pid);
		printf("oomdemo: %s (pid %d) holds %d%% with oom_score_adj %s: VmRSS %ld kB\n",
		       h[i].name, h[i].pid, h[i].percent, h[i].adj, read_long(path, "VmRSS:"));
	}
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "/proc/%d/oom_score", h[i].pid);
		score[i] = read_long(path, NULL);
		printf("oomdemo: %s oom_score %ld\n", h[i].name, score[i]);
		if (score[i] > score[best])
			best = i;
	}
	printf("oomdemo: prediction: the highest oom_score dies: %s\n", h[best].name);
	printf("oomdemo: D now touches memory until the OOM killer acts\n");
	d = fork();
	if (d == 0) {
		for (;;) {
			char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (m == MAP_FAILED)
				_exit(1);
			memset(m, 2, 1 << 20);
		}
	}
	pid_t dead = wait(&st);
	for (int i = 0; i < 3; i++)
		if (h[i].pid == dead)
			printf("oomdemo: the OOM killer chose %s (pid %d), signal %d\n", h[i].name, dead,
			       WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	if (dead == d)
		printf("oomdemo: the OOM killer chose D itself\n");
	kill(d, SIGKILL);
	for (int i = 0; i < 3; i++)
		kill(h[i].pid, SIGKILL);
	while (wait(&st) > 0)
		;
	return 0;
}
