/*
 * t_efault - every pointer a syscall takes from user space is checked: a bad
 * one makes the call fail with EFAULT, and never crashes the kernel or
 * leaks kernel memory to user space.
 *
 * Each syscall below is called through raw syscall(2) (libc wrappers would
 * often crash first, touching the pointer themselves) with five bad
 * pointers:
 *
 *     NULL                    page 0, never mapped
 *     (void *)1               a tiny unaligned address
 *     an unmapped page        mmap'ed then munmap'ed by this program
 *     0xffffffff81000000      a kernel address (where Linux's text lives)
 *     0x8000000000000000      non-canonical: a #GP, not a #PF, if touched
 *
 * Calls for which NULL means "not wanted" (wait4's status, sigaction's
 * act/oldact, ...) skip the NULL case.  The last section passes buffers
 * that start valid and run into an unmapped page, and pins exactly what
 * Linux does there: a partial count for read/write on files and
 * /dev/zero; whole pages only for a pipe write (EFAULT if not even the first
 * page could be copied); EFAULT for fixed-size structures and for strings.
 */
#include "tap.h"

#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>

#define PAGE 4096

static char *self_path;   /* argv[0], for the execve cases */
static int zero_fd;       /* /dev/zero: reads fill the buffer */
static int pipe_r, pipe_w;/* writes to a pipe copy from the buffer */
static int dir_fd;        /* "." for getdents64 */

/* One syscall with one pointer argument replaced by `bad`. */
struct pcase {
	const char *name;
	long (*call)(void *bad);
	int null_ok;          /* NULL is a legal "don't care" value here */
	int align4;           /* a misaligned pointer is EINVAL, checked first */
};

static long c_read(void *p)       { return syscall(SYS_read, zero_fd, p, 16); }
static long c_pread(void *p)      { return syscall(SYS_pread64, zero_fd, p, 16, 0); }
static long c_write(void *p)      { return syscall(SYS_write, pipe_w, p, 16); }
static long c_readv_iov(void *p)  { return syscall(SYS_readv, zero_fd, p, 1); }
static long c_writev_iov(void *p) { return syscall(SYS_writev, pipe_w, p, 1); }

static long c_readv_base(void *p)
{
	struct iovec iov = { p, 16 };
	return syscall(SYS_readv, zero_fd, &iov, 1);
}

static long c_writev_base(void *p)
{
	struct iovec iov = { p, 16 };
	return syscall(SYS_writev, pipe_w, &iov, 1);
}

static long c_open(void *p)    { return syscall(SYS_open, p, O_RDONLY); }
static long c_openat(void *p)  { return syscall(SYS_openat, AT_FDCWD, p, O_RDONLY); }
static long c_stat_path(void *p)
{
	struct stat st;
	return syscall(SYS_stat, p, &st);
}
static long c_stat_buf(void *p)   { return syscall(SYS_stat, "/dev/null", p); }
static long c_fstat_buf(void *p)  { return syscall(SYS_fstat, zero_fd, p); }
static long c_fstatat_path(void *p)
{
	struct stat st;
	return syscall(SYS_newfstatat, AT_FDCWD, p, &st, 0);
}
static long c_fstatat_buf(void *p) { return syscall(SYS_newfstatat, AT_FDCWD, "/dev/null", p, 0); }
static long c_access(void *p)   { return syscall(SYS_access, p, F_OK); }
static long c_chdir(void *p)    { return syscall(SYS_chdir, p); }
static long c_mkdir(void *p)    { return syscall(SYS_mkdir, p, 0755); }
static long c_rmdir(void *p)    { return syscall(SYS_rmdir, p); }
static long c_unlink(void *p)   { return syscall(SYS_unlink, p); }
static long c_rename(void *p)   { return syscall(SYS_rename, p, "t_efault.no"); }
static long c_readlink_path(void *p)
{
	char buf[64];
	return syscall(SYS_readlink, p, buf, sizeof buf);
}
static long c_pipe(void *p)     { return syscall(SYS_pipe, p); }
static long c_pipe2(void *p)    { return syscall(SYS_pipe2, p, O_CLOEXEC); }
static long c_getdents(void *p) { return syscall(SYS_getdents64, dir_fd, p, 4096); }

/* wait4 needs a fresh zombie each time; reap it whatever happens. */
static long c_wait4(void *p)
{
	pid_t pid = fork();
	long r;
	int e;

	if (pid == 0)
		_exit(0);
	r = syscall(SYS_wait4, pid, p, 0, NULL);
	e = errno;
	waitpid(pid, NULL, 0);
	errno = e;
	return r;
}
static long c_wait4_rusage(void *p)
{
	pid_t pid = fork();
	long r;
	int e;

	if (pid == 0)
		_exit(0);
	r = syscall(SYS_wait4, pid, NULL, 0, p);
	e = errno;
	waitpid(pid, NULL, 0);
	errno = e;
	return r;
}

static long c_sigaction_act(void *p)    { return syscall(SYS_rt_sigaction, SIGUSR1, p, NULL, 8); }
static long c_sigaction_old(void *p)    { return syscall(SYS_rt_sigaction, SIGUSR1, NULL, p, 8); }
static long c_sigprocmask_set(void *p)  { return syscall(SYS_rt_sigprocmask, SIG_BLOCK, p, NULL, 8); }
static long c_sigprocmask_old(void *p)  { return syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, p, 8); }
static long c_sigpending(void *p)       { return syscall(SYS_rt_sigpending, p, 8); }
static long c_sigaltstack(void *p)      { return syscall(SYS_sigaltstack, p, NULL); }
static long c_clock_gettime(void *p)    { return syscall(SYS_clock_gettime, CLOCK_MONOTONIC, p); }
static long c_clock_getres(void *p)     { return syscall(SYS_clock_getres, CLOCK_MONOTONIC, p); }
static long c_gettimeofday(void *p)     { return syscall(SYS_gettimeofday, p, NULL); }
static long c_time(void *p)             { return syscall(SYS_time, p); }
static long c_nanosleep(void *p)        { return syscall(SYS_nanosleep, p, NULL); }
static long c_clock_nanosleep(void *p)  { return syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, p, NULL); }
static long c_getitimer(void *p)        { return syscall(SYS_getitimer, ITIMER_REAL, p); }
static long c_uname(void *p)            { return syscall(SYS_uname, p); }
static long c_sysinfo(void *p)          { return syscall(SYS_sysinfo, p); }
static long c_getcwd(void *p)           { return syscall(SYS_getcwd, p, 4096); }
static long c_getrlimit(void *p)        { return syscall(SYS_getrlimit, RLIMIT_STACK, p); }
static long c_setrlimit(void *p)        { return syscall(SYS_setrlimit, RLIMIT_STACK, p); }
static long c_prlimit_old(void *p)      { return syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, p); }
static long c_prlimit_new(void *p)      { return syscall(SYS_prlimit64, 0, RLIMIT_STACK, p, NULL); }
static long c_getresuid(void *p)
{
	uid_t a, b;
	return syscall(SYS_getresuid, &a, &b, p);
}
static long c_affinity(void *p)         { return syscall(SYS_sched_getaffinity, 0, 128, p); }
static long c_arch_prctl(void *p)       { return syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, p); }
static long c_getrandom(void *p)        { return syscall(SYS_getrandom, p, 16, 0); }
static long c_futex(void *p)            { return syscall(SYS_futex, p, 0 /* FUTEX_WAIT */, 0, NULL); }
static long c_execve_path(void *p)
{
	char *argv[] = { "x", NULL };
	return syscall(SYS_execve, p, argv, argv + 1);
}

/* execve with a bad argv/envp: in a child, in case it somehow succeeded. */
static long exec_in_child(void *argv, void *envp)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		syscall(SYS_execve, self_path, argv, envp);
		_exit(errno == EFAULT ? 100 : 101);
	}
	waitpid(pid, &st, 0);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 100) {
		errno = EFAULT;
		return -1;
	}
	errno = 0;
	return 0;
}
static long c_execve_argv(void *p)
{
	char *envp[] = { NULL };
	return exec_in_child(p, envp);
}
static long c_execve_argv_elem(void *p)
{
	char *argv[] = { "x", p, NULL };
	char *envp[] = { NULL };
	return exec_in_child(argv, envp);
}
static long c_execve_envp(void *p)
{
	char *argv[] = { "x", NULL };
	return exec_in_child(argv, p);
}

static const struct pcase cases[] = {
	{ "read(buf)", c_read, 0 },
	{ "pread64(buf)", c_pread, 0 },
	{ "write(buf) to a pipe", c_write, 0 },
	{ "readv(iov)", c_readv_iov, 0 },
	{ "readv(iov[0].iov_base)", c_readv_base, 0 },
	{ "writev(iov)", c_writev_iov, 0 },
	{ "writev(iov[0].iov_base)", c_writev_base, 0 },
	{ "open(path)", c_open, 0 },
	{ "openat(path)", c_openat, 0 },
	{ "stat(path)", c_stat_path, 0 },
	{ "stat(buf)", c_stat_buf, 0 },
	{ "fstat(buf)", c_fstat_buf, 0 },
	{ "newfstatat(path)", c_fstatat_path, 0 },
	{ "newfstatat(buf)", c_fstatat_buf, 0 },
	{ "access(path)", c_access, 0 },
	{ "chdir(path)", c_chdir, 0 },
	{ "mkdir(path)", c_mkdir, 0 },
	{ "rmdir(path)", c_rmdir, 0 },
	{ "unlink(path)", c_unlink, 0 },
	{ "rename(oldpath)", c_rename, 0 },
	{ "readlink(path)", c_readlink_path, 0 },
	{ "pipe(fds)", c_pipe, 0 },
	{ "pipe2(fds)", c_pipe2, 0 },
	{ "getdents64(buf)", c_getdents, 0 },
	{ "wait4(status)", c_wait4, 1 },
	{ "wait4(rusage)", c_wait4_rusage, 1 },
	{ "rt_sigaction(act)", c_sigaction_act, 1 },
	{ "rt_sigaction(oldact)", c_sigaction_old, 1 },
	{ "rt_sigprocmask(set)", c_sigprocmask_set, 1 },
	{ "rt_sigprocmask(oldset)", c_sigprocmask_old, 1 },
	{ "rt_sigpending(set)", c_sigpending, 0 },
	{ "sigaltstack(ss)", c_sigaltstack, 1 },
	{ "clock_gettime(tp)", c_clock_gettime, 0 },
	{ "clock_getres(res)", c_clock_getres, 1 },
	{ "gettimeofday(tv)", c_gettimeofday, 1 },
	{ "time(tloc)", c_time, 1 },
	{ "nanosleep(req)", c_nanosleep, 0 },
	{ "clock_nanosleep(req)", c_clock_nanosleep, 0 },
	{ "getitimer(value)", c_getitimer, 0 },
	{ "uname(buf)", c_uname, 0 },
	{ "sysinfo(info)", c_sysinfo, 0 },
	{ "getcwd(buf)", c_getcwd, 0 },
	{ "getrlimit(rlim)", c_getrlimit, 0 },
	{ "setrlimit(rlim)", c_setrlimit, 0 },
	{ "prlimit64(old)", c_prlimit_old, 1 },
	{ "prlimit64(new)", c_prlimit_new, 1 },
	{ "getresuid(suid)", c_getresuid, 0 },
	{ "sched_getaffinity(mask)", c_affinity, 0 },
	{ "arch_prctl(ARCH_GET_FS, addr)", c_arch_prctl, 0 },
	{ "getrandom(buf)", c_getrandom, 0 },
	{ "futex(uaddr, FUTEX_WAIT)", c_futex, 0, 1 },
	{ "execve(path)", c_execve_path, 0 },
	{ "execve(argv)", c_execve_argv, 1 },   /* Linux treats argv NULL as empty */
	{ "execve(argv[1])", c_execve_argv_elem, 1 },  /* NULL ends argv */
	{ "execve(envp)", c_execve_envp, 1 },
};

/* Run every case with every bad pointer. */
static void test_bad_pointers(void *unmapped)
{
	struct { const char *name; void *p; } bad[] = {
		{ "NULL", NULL },
		{ "1", (void *)1 },
		{ "unmapped", unmapped },
		{ "kernel 0xffffffff81000000", (void *)0xffffffff81000000UL },
		{ "non-canonical 0x8000000000000000", (void *)0x8000000000000000UL },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (size_t j = 0; j < sizeof bad / sizeof bad[0]; j++) {
			if (bad[j].p == NULL && cases[i].null_ok)
				continue;
			int want = EFAULT;

			if (cases[i].align4 && ((uintptr_t)bad[j].p & 3))
				want = EINVAL;
			errno = 0;
			is_errno(cases[i].call(bad[j].p), want, "%s = %s -> %s",
				 cases[i].name, bad[j].name, errno_name(want));
		}
}

/* wait4 with a bad status pointer still reaps the child. */
static void test_wait4_reaps(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	is_errno(syscall(SYS_wait4, pid, (void *)1, 0, NULL), EFAULT,
		 "wait4(pid, status = 1) -> EFAULT");
	is_errno(waitpid(pid, NULL, WNOHANG), ECHILD,
		 "... but the child was reaped anyway (next wait -> ECHILD)");
}

/*
 * Buffers that start in a mapped page and run into an unmapped one:
 * `edge` is the first byte of the unmapped page.
 */
static void test_crossing(char *edge)
{
	char *head = edge - 100;    /* 100 valid bytes, then the hole */
	char buf[256];
	int fd, p[2];
	long n;

	memset(edge - PAGE, 'x', PAGE);

	/* Transfers stop at the hole and report what they did move. */
	n = syscall(SYS_read, zero_fd, head, 200);
	is_int(n, 100, "read(/dev/zero) into 100 valid bytes + hole returns 100");
	fd = open("t_efault.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
	n = syscall(SYS_write, fd, head, 200);
	is_int(n, 100, "write(file) from 100 valid bytes + hole returns 100");
	is_int(lseek(fd, 0, SEEK_END), 100, "... and the file holds exactly 100 bytes");
	memset(buf, 'y', sizeof buf);
	pwrite(fd, buf, 200, 0);
	n = syscall(SYS_pread64, fd, head, 200, 0);
	is_int(n, 100, "pread(file of 200 bytes) into 100 valid bytes + hole returns 100");
	close(fd);
	unlink("t_efault.tmp");

	/*
	 * Pipes are different: Linux copies a write into the pipe one page
	 * buffer at a time and drops a buffer whose copy faulted, so a write
	 * into an empty pipe moves whole pages only, and fails with EFAULT
	 * if not even the first page could be copied.
	 */
	pipe(p);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	is_errno(syscall(SYS_write, p[1], head, 200), EFAULT,
		 "write(empty pipe) from 100 valid bytes + hole -> EFAULT (page-sized copies)");
	is_errno(read(p[0], buf, sizeof buf), EAGAIN,
		 "... and none of those 100 bytes reached the pipe");
	n = syscall(SYS_write, p[1], edge - PAGE, PAGE + 100);
	is_int(n, PAGE, "write(empty pipe) of one full valid page + hole returns 4096");
	is_int(read(p[0], buf, sizeof buf), sizeof buf, "... and the page is in the pipe");
	close(p[0]);
	close(p[1]);

	/* Fixed-size results and strings are all-or-nothing: EFAULT. */
	struct stat st;
	is_errno(syscall(SYS_fstat, zero_fd, edge - 16), EFAULT,
		 "fstat into a struct stat that straddles the hole -> EFAULT");
	is_errno(syscall(SYS_uname, edge - 100), EFAULT,
		 "uname into a struct utsname that straddles the hole -> EFAULT");
	is_errno(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, edge - 8), EFAULT,
		 "clock_gettime into a timespec that straddles the hole -> EFAULT");
	memcpy(edge - 4, "/dev", 4);           /* no NUL before the hole */
	is_errno(syscall(SYS_open, edge - 4, O_RDONLY), EFAULT,
		 "open of a path string running into the hole -> EFAULT");
	is_errno(syscall(SYS_stat, edge - 4, &st), EFAULT,
		 "stat of a path string running into the hole -> EFAULT");
	is_errno(syscall(SYS_pipe, edge - 4), EFAULT,
		 "pipe(fds) with fds[1] in the hole -> EFAULT");
}

int main(int argc, char **argv)
{
	char *two, *unmapped, *edge;
	int p[2], probe, e;
	char c;

	tap_init();
	(void)argc;
	self_path = argv[0];
	zero_fd = open("/dev/zero", O_RDONLY);
	pipe(p);
	pipe_r = p[0];
	pipe_w = p[1];
	dir_fd = open(".", O_RDONLY | O_DIRECTORY);

	/* Page `two` stays mapped; the page after it is the hole. */
	two = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(two + PAGE, PAGE);
	edge = two + PAGE;
	unmapped = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(unmapped, PAGE);

	probe = dup(0);    /* the lowest free fd number right now */
	close(probe);

	test_bad_pointers(unmapped);
	test_wait4_reaps();
	test_crossing(edge);

	/* Nothing from the bad writes above may have reached the pipe. */
	fcntl(pipe_r, F_SETFL, O_NONBLOCK);
	is_errno(read(pipe_r, &c, 1), EAGAIN,
		 "the pipe is still empty: no failed write put bytes in it");
	/* A failing pipe()/pipe2() must not leave fds behind. */
	e = dup(0);
	is_int(e, probe, "no fd leaked by the failing calls (lowest free fd unchanged)");
	close(e);

	close(pipe_r);
	close(pipe_w);
	close(zero_fd);
	close(dir_fd);
	munmap(two, PAGE);
	return done_testing();
}
