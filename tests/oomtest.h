/*
 * oomtest.h - the pieces of an OOM-selection test: holders that touch a
 * share of memory with an oom_score_adj and wait, a hog that touches
 * more than is left, 6.1's badness predicted from /proc/PID/status, and
 * the reaping that tells who was SIGKILLed.  Used by t_oom_select
 * (without swap) and t_swap_golden (with swap).  Header-only, static
 * functions, like tap.h (include tap.h first; this includes vmtest.h).
 */
#ifndef OOMKERNEL_TESTS_OOMTEST_H
#define OOMKERNEL_TESTS_OOMTEST_H

#include "vmtest.h"

#include <sys/wait.h>

struct proc { const char *name; int percent; int adj; pid_t pid; long predicted; };

/* A holder: set adj, touch @kb, report ready on @fd, wait. */
static inline void holder(long kb, int adj, int fd)
{
	char *m;

	set_oom_score_adj(adj);
	m = mmap(NULL, (size_t)kb * 1024, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		_exit(3);
	memset(m, 1, (size_t)kb * 1024);
	write(fd, "r", 1);
	for (;;)
		pause();
}

static inline pid_t start_holder(long kb, int adj)
{
	int p[2];
	char c;
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0)
		holder(kb, adj, p[1]);
	read(p[0], &c, 1);
	close(p[0]);
	close(p[1]);
	return pid;
}

/* 6.1's badness from what /proc/PID/status shows. */
static inline long badness(pid_t pid, int adj)
{
	long total = (meminfo_kb("MemTotal:") + meminfo_kb("SwapTotal:")) / 4;
	long pages;

	pages = (status_kb(pid, "RssAnon:") + status_kb(pid, "RssFile:") + status_kb(pid, "RssShmem:") +
		 status_kb(pid, "VmSwap:") + status_kb(pid, "VmPTE:")) / 4;
	return pages + adj * (total / 1000);
}

/* Touch @kb (more than there is), then exit 0: the allocating task. */
static inline pid_t start_hog(long kb, int adj)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *m;

		set_oom_score_adj(adj);
		m = mmap(NULL, (size_t)kb * 1024, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (m == MAP_FAILED)
			_exit(3);
		for (long off = 0; off < kb * 1024; off += 4096)
			m[off] = 1;
		_exit(0);
	}
	return pid;
}

/* Wait for the hog; report which of @p (or the hog) died by SIGKILL. */
static inline void finish(struct proc *p, int n, pid_t hog, int *hog_status, int *killed)
{
	int st;

	waitpid(hog, hog_status, 0);
	for (int i = 0; i < n; i++) {
		killed[i] = waitpid(p[i].pid, &st, WNOHANG) == p[i].pid && WIFSIGNALED(st) &&
			    WTERMSIG(st) == SIGKILL;
		if (!killed[i]) {
			kill(p[i].pid, SIGKILL);
			waitpid(p[i].pid, &st, 0);
		}
	}
}

#endif /* OOMKERNEL_TESTS_OOMTEST_H */
