/*
 * tap.h - a tiny header-only TAP ("Test Anything Protocol") helper for the
 * oomkernel guest tests.
 *
 * Every test program prints, on stdout:
 *
 *     1..N                      the plan (first line, or last via done_testing)
 *     ok 1 - description        one line per check
 *     not ok 2 - description
 *     # got X, want Y           a diagnostic after each failure
 *
 * and exits 0 iff every check passed (done_testing() returns that code).
 * stdout is made unbuffered by tap_init() so output written before a crash
 * is never lost in a stdio buffer.
 *
 * The helpers also include the few things every test needs for "expected
 * deaths": run a function in a forked child and return its wait status, and
 * check such a status (killed by signal S / exited with code C).
 *
 * This is not a libc: musl is the libc.  Everything here is static inline so
 * an unused helper costs nothing and never trips -Wunused-function.
 */
#ifndef OOMKERNEL_TESTS_TAP_H
#define OOMKERNEL_TESTS_TAP_H

/* Tests use Linux names (REG_RIP, F_DUPFD_CLOEXEC, ...): ask musl for them. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int tap_count;   /* checks run so far */
static int tap_failed;  /* checks that failed */
static int tap_planned; /* 1 once a "1..N" line has been printed */

/* Unbuffered stdout: each TAP line reaches the serial port immediately. */
static inline void tap_init(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
}

/* Print the plan up front when the number of checks is known. */
static inline void plan(int n)
{
	tap_init();
	printf("1..%d\n", n);
	tap_planned = 1;
}

/* Print one "ok"/"not ok" line; returns cond so callers can chain. */
static inline int tap_vresult(int cond, const char *fmt, va_list ap)
{
	char desc[256];

	vsnprintf(desc, sizeof desc, fmt, ap);
	tap_count++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_count, desc);
	return cond;
}

/* ok(cond, "printf-style description", ...) */
__attribute__((format(printf, 2, 3)))
static inline int ok(int cond, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = tap_vresult(cond, fmt, ap);
	va_end(ap);
	return r;
}

/* A free-form diagnostic line ("# ..."); TAP readers ignore it. */
__attribute__((format(printf, 1, 2)))
static inline void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* is_int(got, want, "description", ...): integer equality. */
__attribute__((format(printf, 3, 4)))
static inline int is_int(long got, long want, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = tap_vresult(got == want, fmt, ap);
	va_end(ap);
	if (!r)
		diag("got %ld (%#lx), want %ld (%#lx)", got, got, want, want);
	return r;
}

/* Symbolic names for the errno values these tests meet. */
static inline const char *errno_name(int e)
{
	static const struct { int e; const char *name; } t[] = {
		{ 0, "0" }, { EPERM, "EPERM" }, { ENOENT, "ENOENT" },
		{ ESRCH, "ESRCH" }, { EINTR, "EINTR" }, { EIO, "EIO" },
		{ ENOEXEC, "ENOEXEC" }, { EBADF, "EBADF" }, { ECHILD, "ECHILD" },
		{ EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
		{ ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" }, { EINVAL, "EINVAL" },
		{ EMFILE, "EMFILE" }, { ENOTTY, "ENOTTY" }, { ESPIPE, "ESPIPE" },
		{ EPIPE, "EPIPE" }, { ERANGE, "ERANGE" }, { ENAMETOOLONG, "ENAMETOOLONG" },
		{ ENOSYS, "ENOSYS" }, { ENOTEMPTY, "ENOTEMPTY" },
		{ ETIMEDOUT, "ETIMEDOUT" }, { E2BIG, "E2BIG" }, { EXDEV, "EXDEV" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i].e == e)
			return t[i].name;
	return "E?";
}

/*
 * is_errno(ret, want, "description", ...): the call failed the Linux way,
 * i.e. returned -1 with errno == want.  errno is read first, before any
 * printing can change it.
 */
__attribute__((format(printf, 3, 4)))
static inline int is_errno(long ret, int want, const char *fmt, ...)
{
	int e = errno;
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = tap_vresult(ret == -1 && e == want, fmt, ap);
	va_end(ap);
	if (!r) {
		if (ret == -1)
			diag("got -1 errno %d (%s), want -1 errno %d (%s)",
			     e, errno_name(e), want, errno_name(want));
		else
			diag("got %ld (success), want -1 errno %d (%s)",
			     ret, want, errno_name(want));
	}
	return r;
}

/* Print the plan if it was not printed up front; return the exit code. */
static inline int done_testing(void)
{
	if (!tap_planned)
		printf("1..%d\n", tap_count);
	if (tap_failed)
		diag("%d of %d checks failed", tap_failed, tap_count);
	return tap_failed ? 1 : 0;
}

/* ---- expected deaths: run something in a child and look at its status --- */

/* Describe a wait status in words, for diagnostics. */
static inline void status_str(int st, char *buf, size_t len)
{
	if (WIFEXITED(st))
		snprintf(buf, len, "exited with %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, len, "killed by signal %d", WTERMSIG(st));
	else if (WIFSTOPPED(st))
		snprintf(buf, len, "stopped by signal %d", WSTOPSIG(st));
	else
		snprintf(buf, len, "status %#x", st);
}

/*
 * Fork, run fn(arg) in the child and _exit(0) if it returns; the parent
 * waits and returns the raw wait status (-1 if fork or wait4 failed).
 * The child's stdout buffer is empty (stdout is unbuffered), so nothing is
 * printed twice.  Core dumps are disabled in the child so expected crashes
 * leave no files behind.
 */
static inline int run_child(void (*fn)(void *), void *arg)
{
	struct rlimit no_core = { 0, 0 };
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		setrlimit(RLIMIT_CORE, &no_core);
		fn(arg);
		_exit(0);
	}
	if (wait4(pid, &st, 0, NULL) != pid)
		return -1;
	return st;
}

/* The child was killed by signal sig (and not, say, exited). */
__attribute__((format(printf, 3, 4)))
static inline int is_killed_by(int st, int sig, const char *fmt, ...)
{
	char got[64];
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = tap_vresult(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == sig, fmt, ap);
	va_end(ap);
	if (!r) {
		status_str(st, got, sizeof got);
		diag("got %s, want killed by signal %d (%s)", got, sig, strsignal(sig));
	}
	return r;
}

/* The child exited normally with exit code code. */
__attribute__((format(printf, 3, 4)))
static inline int is_exited(int st, int code, const char *fmt, ...)
{
	char got[64];
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = tap_vresult(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == code, fmt, ap);
	va_end(ap);
	if (!r) {
		status_str(st, got, sizeof got);
		diag("got %s, want exited with %d", got, code);
	}
	return r;
}

#endif /* OOMKERNEL_TESTS_TAP_H */
