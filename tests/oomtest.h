/*
 * tests/oomtest.h - what the OOM scenarios share, besides tap.h: a number
 * from a /proc file, the kernel log through syslog(2), a program run with
 * its output captured, and a child that touches memory until it is
 * killed.  Plain musl C, as the tests themselves.
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

#endif
