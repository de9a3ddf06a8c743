/*
 * t_poll - poll, ppoll, select and pselect6 on pipes and /dev/null:
 * readiness bits, hang-ups, bad descriptors, timeouts, and a sleeper
 * woken by another process's write.
 */
#include "tap.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_pipe_bits(void)
{
	int p[2];
	struct pollfd fds[2];

	pipe(p);
	fds[0] = (struct pollfd){ p[0], POLLIN, 0 };
	fds[1] = (struct pollfd){ p[1], POLLOUT, 0 };
	is_int(poll(fds, 2, 0), 1, "poll: only the write end of an empty pipe is ready");
	is_int(fds[0].revents, 0, "empty read end: no events");
	is_int(fds[1].revents, POLLOUT, "write end: POLLOUT");
	write(p[1], "x", 1);
	is_int(poll(fds, 1, 0), 1, "after a write the read end is ready");
	is_int(fds[0].revents, POLLIN, "read end: POLLIN");
	close(p[1]);
	is_int(poll(fds, 1, 0), 1, "read end with data and no writer");
	is_int(fds[0].revents, POLLIN | POLLHUP, "... POLLIN|POLLHUP");
	fds[0].events = 0;
	poll(fds, 1, 0);
	is_int(fds[0].revents, POLLHUP, "POLLHUP is reported even when not asked for");
	close(p[0]);

	pipe(p);
	close(p[0]);
	fds[1] = (struct pollfd){ p[1], POLLOUT, 0 };
	poll(&fds[1], 1, 0);
	is_int(fds[1].revents, POLLOUT | POLLERR, "write end without a reader: POLLOUT|POLLERR");
	close(p[1]);
}

static void test_bad_fds(void)
{
	struct pollfd fds[3] = { { 999, POLLIN, 0 }, { -1, POLLIN, 7 }, { 0, 0, 0 } };
	struct rlimit rl;
	fd_set set;
	struct timeval tv = { 0, 0 };

	is_int(poll(fds, 2, 0), 1, "a closed fd counts as ready (POLLNVAL)");
	is_int(fds[0].revents, POLLNVAL, "closed fd: POLLNVAL");
	is_int(fds[1].revents, 0, "a negative fd is skipped and its revents cleared");
	getrlimit(RLIMIT_NOFILE, &rl);
	is_errno(syscall(SYS_poll, fds, rl.rlim_cur + 1, 0), EINVAL, "poll with nfds > RLIMIT_NOFILE -> EINVAL");
	is_errno(syscall(SYS_poll, (void *)1, 1, 0), EFAULT, "poll with a bad array -> EFAULT");
	FD_ZERO(&set);
	/* Below 64: Linux clips nfds to the fd table's size, 64 in a small process. */
	FD_SET(60, &set);
	is_errno(select(61, &set, NULL, NULL, &tv), EBADF, "select on a closed fd -> EBADF");
	is_errno(syscall(SYS_select, -1, NULL, NULL, NULL, &tv), EINVAL, "select with nfds -1 -> EINVAL");
}

static void test_timeouts(void)
{
	int p[2];
	struct pollfd fd;
	struct timeval tv = { 0, 30000 };
	struct timespec ts = { 0, 20000000 };
	fd_set set;
	double t;

	pipe(p);
	fd = (struct pollfd){ p[0], POLLIN, 0 };
	t = now();
	is_int(poll(&fd, 1, 30), 0, "poll on an empty pipe times out with 0");
	ok(now() - t >= 0.029, "... after at least 30 ms (%.1f ms)", (now() - t) * 1000);
	t = now();
	is_int(poll(NULL, 0, 20), 0, "poll(NULL, 0, 20) just sleeps");
	ok(now() - t >= 0.019, "... for at least 20 ms");
	FD_ZERO(&set);
	FD_SET(p[0], &set);
	t = now();
	/* The raw call: musl's select() passes a copy of the timeval. */
	is_int(syscall(SYS_select, p[0] + 1, &set, NULL, NULL, &tv), 0, "select times out with 0");
	ok(now() - t >= 0.029, "... after at least 30 ms");
	ok(!FD_ISSET(p[0], &set), "select clears the bits of fds that are not ready");
	ok(tv.tv_sec == 0 && tv.tv_usec == 0, "select writes the time left (0) back, as Linux");
	FD_SET(p[0], &set);
	is_int(syscall(SYS_pselect6, p[0] + 1, &set, NULL, NULL, &ts, NULL), 0,
	       "pselect6 with a 20 ms timeout and no mask times out");
	ts = (struct timespec){ 0, 0 };
	is_int(ppoll(&fd, 1, &ts, NULL), 0, "ppoll with a zero timeout returns at once");
	ts.tv_nsec = 1000000000;
	is_errno(ppoll(&fd, 1, &ts, NULL), EINVAL, "ppoll with tv_nsec = 1e9 -> EINVAL");
	close(p[0]);
	close(p[1]);
}

static void test_wakeup(void)
{
	int p[2], st;
	struct pollfd fd;
	fd_set set;
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		struct timespec ts = { 0, 50000000 };

		nanosleep(&ts, NULL);
		write(p[1], "y", 1);
		_exit(0);
	}
	fd = (struct pollfd){ p[0], POLLIN, 0 };
	is_int(poll(&fd, 1, 5000), 1, "a blocked poll wakes when another process writes");
	is_int(fd.revents, POLLIN, "... woken by the data (POLLIN), not by the timeout");
	waitpid(pid, &st, 0);
	pid = fork();
	if (pid == 0) {
		struct timespec ts = { 0, 50000000 };

		nanosleep(&ts, NULL);
		write(p[1], "z", 1);
		_exit(0);
	}
	char c;
	read(p[0], &c, 1);
	FD_ZERO(&set);
	FD_SET(p[0], &set);
	is_int(select(p[0] + 1, &set, NULL, NULL, NULL), 1, "a blocked select wakes on a write too");
	ok(FD_ISSET(p[0], &set), "... with the read end's bit set");
	waitpid(pid, &st, 0);
	close(p[0]);
	close(p[1]);
}

static void test_devnull(void)
{
	int fd = open("/dev/null", O_RDWR);
	struct pollfd p = { fd, POLLIN | POLLOUT, 0 };

	is_int(poll(&p, 1, 0), 1, "/dev/null is ready");
	is_int(p.revents, POLLIN | POLLOUT, "/dev/null: POLLIN|POLLOUT (always ready)");
	close(fd);
}

int main(void)
{
	tap_init();
	test_pipe_bits();
	test_bad_fds();
	test_timeouts();
	test_wakeup();
	test_devnull();
	return done_testing();
}
