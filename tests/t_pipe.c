/*
 * t_pipe - pipes and file descriptors: pipe/pipe2, blocking and EOF,
 * SIGPIPE/EPIPE, a large transfer between processes, dup/dup2/dup3, fcntl,
 * and close-on-exec across execve.
 *
 * The close-on-exec check re-executes this program (argv[0], an absolute
 * path under the harness) with "--cloexec-child FD1 FD2"; that child reports
 * which fds survived through its exit code.
 */
#include "tap.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <time.h>

static char *self_path;

/* Sleep for ms milliseconds (used only to let the other side block first). */
static void sleep_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

static int is_cloexec(int fd)
{
	return fcntl(fd, F_GETFD) == FD_CLOEXEC;
}

/* pipe, pipe2 and their flags. */
static void test_create(void)
{
	int p[2], q[2];
	char buf[16];

	is_int(pipe(p), 0, "pipe() succeeds");
	ok(p[0] >= 0 && p[1] >= 0 && p[0] != p[1], "pipe() returns two distinct fds");
	is_int(write(p[1], "abc", 3), 3, "write to the write end");
	is_int(read(p[0], buf, sizeof buf), 3, "read returns only what is available (short read)");
	ok(memcmp(buf, "abc", 3) == 0, "data comes out as it went in");
	is_errno(write(p[0], "x", 1), EBADF, "write to the read end -> EBADF");
	is_errno(read(p[1], buf, 1), EBADF, "read from the write end -> EBADF");
	is_int(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY, "the read end is O_RDONLY");
	is_int(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY, "the write end is O_WRONLY");
	is_int(fcntl(p[0], F_GETFD), 0, "pipe() fds are not close-on-exec");
	is_errno(ioctl(p[0], TCGETS, &(struct termios){ 0 }), ENOTTY,
		 "ioctl(TCGETS) on a pipe -> ENOTTY (what isatty() relies on)");
	is_errno(ioctl(p[1], TIOCGWINSZ, &(struct winsize){ 0 }), ENOTTY,
		 "ioctl(TIOCGWINSZ) on a pipe -> ENOTTY (musl then buffers stdout fully)");
	close(p[0]);
	close(p[1]);

	is_int(pipe2(q, O_CLOEXEC), 0, "pipe2(O_CLOEXEC) succeeds");
	ok(is_cloexec(q[0]) && is_cloexec(q[1]), "pipe2(O_CLOEXEC) sets FD_CLOEXEC on both ends");
	close(q[0]);
	close(q[1]);
	is_int(pipe2(q, O_NONBLOCK), 0, "pipe2(O_NONBLOCK) succeeds");
	ok((fcntl(q[0], F_GETFL) & O_NONBLOCK) && (fcntl(q[1], F_GETFL) & O_NONBLOCK),
	   "pipe2(O_NONBLOCK) sets O_NONBLOCK on both ends");
	is_errno(read(q[0], buf, 1), EAGAIN, "read on an empty non-blocking pipe -> EAGAIN");
	close(q[0]);
	close(q[1]);
	is_errno(syscall(SYS_pipe2, q, O_TRUNC), EINVAL, "pipe2 with an invalid flag (O_TRUNC) -> EINVAL");
	is_errno(syscall(SYS_pipe2, q, -1), EINVAL, "pipe2 with all flag bits set -> EINVAL");
}

/* A reader blocks until a writer writes; EOF once every writer is gone. */
static void test_blocking(void)
{
	int p[2], st;
	char buf[16] = { 0 };
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		sleep_ms(30);           /* the parent is blocked in read by now */
		write(p[1], "late", 4);
		sleep_ms(10);
		_exit(0);               /* the child's copy of p[1] closes here */
	}
	close(p[1]);                    /* now the child holds the only write end */
	is_int(read(p[0], buf, sizeof buf), 4, "a blocking read waits for the writer's data");
	ok(strcmp(buf, "late") == 0, "the blocked reader got the data");
	is_int(read(p[0], buf, sizeof buf), 0, "read returns 0 (EOF) once every write end is closed");
	waitpid(pid, &st, 0);
	close(p[0]);

	/* EOF also needs the writer's fork copies closed: here the parent's. */
	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		_exit(read(p[0], buf, 1) == 0 ? 0 : 1);
	}
	close(p[0]);
	sleep_ms(10);
	close(p[1]);
	waitpid(pid, &st, 0);
	is_exited(st, 0, "a child blocked in read sees EOF when the parent closes the last write end");
}

/* Writing to a pipe with no readers. */
static void child_write_no_reader(void *ignore)
{
	int p[2];

	if (ignore)
		signal(SIGPIPE, SIG_IGN);
	pipe(p);
	close(p[0]);
	if (write(p[1], "x", 1) == -1 && errno == EPIPE)
		_exit(EPIPE);
	_exit(1);
}

static void test_sigpipe(void)
{
	is_killed_by(run_child(child_write_no_reader, NULL), SIGPIPE,
		     "write with no reader raises SIGPIPE, whose default action kills");
	is_exited(run_child(child_write_no_reader, (void *)1), EPIPE,
		  "with SIGPIPE ignored the write fails with EPIPE instead");
}

/* 200 KiB through a pipe; the child checks every byte and the total. */
#define BIG (200 * 1024)

static unsigned char pattern(long i)
{
	return (unsigned char)(i * 7 + (i >> 9));
}

static void test_big_transfer(void)
{
	static unsigned char buf[BIG];
	int p[2], st;
	long i, total = 0, n;
	pid_t pid;

	for (i = 0; i < BIG; i++)
		buf[i] = pattern(i);
	pipe(p);
	pid = fork();
	if (pid == 0) {
		unsigned char chunk[3000];   /* odd size: reads straddle pipe pages */
		int bad = 0;

		close(p[1]);
		while ((n = read(p[0], chunk, sizeof chunk)) > 0) {
			for (i = 0; i < n; i++)
				bad |= chunk[i] != pattern(total + i);
			total += n;
		}
		_exit(bad ? 2 : total == BIG ? 0 : 3);
	}
	close(p[0]);
	n = write(p[1], buf, BIG);    /* blocks until the child has drained it */
	is_int(n, BIG, "one 200 KiB write to a pipe completes in full");
	close(p[1]);
	waitpid(pid, &st, 0);
	is_exited(st, 0, "the reader got exactly 200 KiB, every byte in order");
}

/* Fill a non-blocking pipe: writes then fail with EAGAIN. */
static void test_full_pipe(void)
{
	static char page[4096];
	int p[2];
	long total = 0, n;

	pipe2(p, O_NONBLOCK);
	while ((n = write(p[1], page, sizeof page)) > 0)
		total += n;
	is_errno(n, EAGAIN, "write to a full non-blocking pipe -> EAGAIN");
	ok(total >= 4096, "the pipe buffered at least PIPE_BUF (4096) bytes before filling");
	diag("pipe capacity here: %ld bytes (Linux default 65536)", total);
	is_errno(write(p[1], "x", 1), EAGAIN, "even a 1-byte write to a full pipe -> EAGAIN");
	close(p[0]);
	close(p[1]);
}

/* dup, dup2, dup3. */
static void test_dup(void)
{
	int p[2], d, r;
	char buf[4];

	pipe(p);
	d = dup(p[1]);
	ok(d > p[1], "dup returns a new fd");
	write(d, "D", 1);
	read(p[0], buf, 1);
	ok(buf[0] == 'D', "the dup'ed fd writes into the same pipe");
	is_int(fcntl(d, F_GETFD), 0, "dup clears FD_CLOEXEC on the copy");
	close(d);
	d = dup(p[1]);
	close(d);
	is_int(dup(p[1]), d, "dup returns the lowest free fd");
	close(d);

	is_int(syscall(SYS_dup2, p[1], p[1]), p[1], "dup2(fd, fd) returns fd");
	is_int(syscall(SYS_dup2, p[1], 50), 50, "dup2 to a chosen free fd returns it");
	is_int(syscall(SYS_dup2, p[0], 50), 50, "dup2 onto an open fd closes and reuses it");
	is_int(fcntl(50, F_GETFL) & O_ACCMODE, O_RDONLY, "fd 50 is now the read end");
	is_errno(syscall(SYS_dup2, 999, 51), EBADF, "dup2 of a closed fd -> EBADF");
	is_errno(fcntl(51, F_GETFD), EBADF, "... and the target fd was not created");
	is_errno(syscall(SYS_dup2, p[0], -1), EBADF, "dup2 to fd -1 -> EBADF");
	close(50);

	is_errno(syscall(SYS_dup3, p[1], p[1], 0), EINVAL, "dup3(fd, fd, 0) -> EINVAL (unlike dup2)");
	r = syscall(SYS_dup3, p[1], 52, O_CLOEXEC);
	is_int(r, 52, "dup3(fd, 52, O_CLOEXEC) returns 52");
	ok(is_cloexec(52), "dup3 with O_CLOEXEC sets FD_CLOEXEC");
	is_errno(syscall(SYS_dup3, p[1], 53, O_NONBLOCK), EINVAL, "dup3 with a flag other than O_CLOEXEC -> EINVAL");
	close(52);
	close(p[0]);
	close(p[1]);
}

/* fcntl: fd flags, status flags, F_DUPFD. */
static void test_fcntl(void)
{
	int p[2], d;
	char c;

	pipe(p);
	is_int(fcntl(p[0], F_SETFD, FD_CLOEXEC), 0, "F_SETFD FD_CLOEXEC");
	is_int(fcntl(p[0], F_GETFD), FD_CLOEXEC, "F_GETFD shows FD_CLOEXEC");
	is_int(fcntl(p[0], F_SETFD, 0), 0, "F_SETFD 0 clears it");
	is_int(fcntl(p[0], F_GETFD), 0, "F_GETFD shows 0");
	is_int(fcntl(p[0], F_SETFL, O_NONBLOCK), 0, "F_SETFL O_NONBLOCK");
	ok(fcntl(p[0], F_GETFL) & O_NONBLOCK, "F_GETFL shows O_NONBLOCK");
	is_errno(read(p[0], &c, 1), EAGAIN, "read on the now non-blocking empty pipe -> EAGAIN");
	fcntl(p[0], F_SETFL, 0);
	ok(!(fcntl(p[0], F_GETFL) & O_NONBLOCK), "F_SETFL 0 clears O_NONBLOCK");
	is_int(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY, "F_SETFL does not change the access mode");

	d = fcntl(p[1], F_DUPFD, 20);
	is_int(d, 20, "F_DUPFD 20 returns the lowest free fd >= 20");
	is_int(fcntl(p[1], F_DUPFD, 20), 21, "F_DUPFD 20 again returns 21");
	is_int(fcntl(d, F_GETFD), 0, "F_DUPFD clears FD_CLOEXEC");
	close(21);
	d = fcntl(p[1], F_DUPFD_CLOEXEC, 20);
	ok(d == 21 && is_cloexec(d), "F_DUPFD_CLOEXEC sets FD_CLOEXEC on the copy");
	close(20);
	close(21);
	is_errno(fcntl(p[1], F_DUPFD, -1), EINVAL, "F_DUPFD with a negative minimum -> EINVAL");
	is_errno(fcntl(999, F_GETFD), EBADF, "fcntl on a closed fd -> EBADF");
	is_errno(fcntl(p[0], 9999), EINVAL, "fcntl with an unknown command -> EINVAL");
	close(p[0]);
	close(p[1]);
}

/* Run in the re-executed child: which of the two fds are still open? */
static int cloexec_child(int keep_fd, int gone_fd)
{
	int code = 0;

	if (fcntl(keep_fd, F_GETFD) != 0)
		code |= 1;      /* the plain fd was lost */
	if (fcntl(gone_fd, F_GETFD) != -1 || errno != EBADF)
		code |= 2;      /* the close-on-exec fd survived */
	if (code == 0 && write(keep_fd, "!", 1) != 1)
		code |= 4;      /* the kept fd no longer works */
	return code;
}

static void test_cloexec_exec(void)
{
	int keep[2], gone[2], st;
	char a[16], b[16], c;
	pid_t pid;

	pipe(keep);
	pipe2(gone, O_CLOEXEC);
	snprintf(a, sizeof a, "%d", keep[1]);
	snprintf(b, sizeof b, "%d", gone[1]);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { self_path, "--cloexec-child", a, b, NULL };
		char *envp[] = { NULL };

		execve(self_path, argv, envp);
		_exit(99);
	}
	close(keep[1]);
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) != 99, "the child re-executed this program");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 1), "a plain fd stays open across execve");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 2), "an O_CLOEXEC fd is closed by execve");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 4), "the inherited fd still writes to the pipe");
	is_int(read(keep[0], &c, 1), 1, "the parent reads what the exec'ed child wrote");
	close(keep[0]);
	close(gone[0]);
	close(gone[1]);
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--cloexec-child") == 0)
		return cloexec_child(atoi(argv[2]), atoi(argv[3]));

	tap_init();
	self_path = argv[0];
	test_create();
	test_blocking();
	test_sigpipe();
	test_big_transfer();
	test_full_pipe();
	test_dup();
	test_fcntl();
	test_cloexec_exec();
	return done_testing();
}
