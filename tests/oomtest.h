/*
 * tests/oomtest.h - what the OOM scenarios share, besides tap.h: a number
 * from a /proc file, the kernel log through syslog(2), a program run with
 * its output captured, a child that touches memory until it is killed,
 * and the golden scenario's holders, hog and predicted badness.  Plain
 * musl C, as the tests themselves.
 */
#ifndef TESTS_OOMTEST_H
#define TESTS_OOMTEST_H

#include <fcntl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/wait.h>

/*
 * The number after @key at the start of a line of @path ("MemFree:",
 * "oom_kill ", "RssAnon:"), or the file's first number when @key is
 * NULL; -1 if the file or the key is missing.
 */
static inline long proc_num(const char *path, const char *key)
{
	static char buf[16384];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	if (!key)
		return strtol(buf, NULL, 10);
	for (char *p = buf; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, strlen(key)))
			return strtol(p + strlen(key), NULL, 10);
	return -1;
}

static inline long oom_kills(void)
{
	return proc_num("/proc/vmstat", "oom_kill ");
}

/* The whole kernel log (SYSLOG_ACTION_READ_ALL) into @buf, NUL-terminated. */
static inline void read_klog(char *buf, int size)
{
	int n = klogctl(3, buf, size - 1);

	buf[n > 0 ? n : 0] = 0;
}

/* Touch memory 1 MiB at a time until killed: what a runaway program does. */
static inline void touch_forever(void)
{
	for (;;) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			_exit(2);
		for (int i = 0; i < (1 << 20); i += 4096)
			p[i] = 1;
	}
}

/* Run argv with stdout and stderr into @out; its wait status, its pid in *pidp. */
static inline int run_capture(char *const argv[], char *out, size_t size, pid_t *pidp)
{
	int p[2], st;
	ssize_t n, got = 0;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	while ((n = read(p[0], out + got, size - 1 - (size_t)got)) > 0)
		got += n;
	out[got] = 0;
	close(p[0]);
	waitpid(pid, &st, 0);
	if (pidp)
		*pidp = pid;
	return st;
}

/*
 * The golden OOM scenario's pieces (t_oom_select without swap,
 * t_swap_golden with it): holders that touch a share of memory with an
 * oom_score_adj and wait, 6.1's badness predicted from /proc/PID/status,
 * an allocating hog, and the reaping that tells who was SIGKILLed.
 */
struct proc { const char *name; int percent; int adj; pid_t pid; long predicted; };

static inline void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd >= 0) {
		write(fd, val, strlen(val));
		close(fd);
	}
}

/* A holder: set adj, touch @kb, report ready on @fd, wait. */
static inline void holder(long kb, int adj, int fd)
{
	char v[16];
	char *m;

	snprintf(v, sizeof v, "%d", adj);
	write_file("/proc/self/oom_score_adj", v);
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
	char path[64];
	long total = (proc_num("/proc/meminfo", "MemTotal:") + proc_num("/proc/meminfo", "SwapTotal:")) / 4;
	long pages;

	snprintf(path, sizeof path, "/proc/%d/status", pid);
	pages = (proc_num(path, "RssAnon:") + proc_num(path, "RssFile:") + proc_num(path, "RssShmem:") +
		 proc_num(path, "VmSwap:") + proc_num(path, "VmPTE:")) / 4;
	return pages + adj * (total / 1000);
}

/*
 * The allocating task: touch up to @kb (more than there is) 1 MiB at a
 * time, and exit 0 as soon as the OOM killer has acted.
 */
static inline pid_t start_hog(long kb, int adj)
{
	pid_t pid = fork();

	if (pid == 0) {
		long kills = oom_kills();
		char v[16];
		char *m;

		snprintf(v, sizeof v, "%d", adj);
		write_file("/proc/self/oom_score_adj", v);
		m = mmap(NULL, (size_t)kb * 1024, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (m == MAP_FAILED)
			_exit(3);
		for (long off = 0; off < kb * 1024 && oom_kills() == kills; off += 1 << 20)
			for (long o = off; o < off + (1 << 20) && o < kb * 1024; o += 4096)
				m[o] = 1;
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

#endif
