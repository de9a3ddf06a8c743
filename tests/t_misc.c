/*
 * t_misc - memory-management calls (brk, mmap, munmap, mprotect, mremap,
 * madvise), system information (uname, sysinfo), resource limits,
 * scheduling, clocks and sleeps, arch_prctl, set_tid_address, syslog,
 * unknown syscalls, futex, getrandom and prctl.
 *
 * Raw syscall(2) is used wherever musl would check the arguments itself or
 * would not reach the kernel at all (on a Linux host clock_gettime goes
 * through the vDSO), so that the kernel is what answers.
 */
#include "tap.h"

#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>

#define PAGE 4096UL

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_PRIVATE_FLAG 128
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10

static double now(void)
{
	struct timespec ts;

	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Children that touch an address: report the wait status. */
static void child_read(void *p)  { (void)*(volatile char *)p; }
static void child_write(void *p) { *(volatile char *)p = 1; }

static int all_bytes(const char *p, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

/* ---- brk --------------------------------------------------------------- */

static void test_brk(void)
{
	unsigned long cur = syscall(SYS_brk, 0), grown, top;
	char *p = (char *)cur;

	ok(cur > 0, "brk(0) returns the current break");
	grown = syscall(SYS_brk, cur + 64 * 1024);
	is_int(grown, cur + 64 * 1024, "brk(cur + 64 KiB) grows the break and returns it");
	ok(all_bytes(p, 64 * 1024, 0), "new brk memory reads as zeros");
	memset(p, 0x5a, 64 * 1024);
	ok(all_bytes(p, 64 * 1024, 0x5a), "new brk memory is writable");
	is_int(syscall(SYS_brk, 0), cur + 64 * 1024, "brk(0) reports the new break");
	/* musl's sbrk() only supports sbrk(0); growing goes through brk. */
	is_int((long)sbrk(0), cur + 64 * 1024, "sbrk(0) agrees");

	is_int(syscall(SYS_brk, cur), cur, "brk(cur) shrinks the break back");
	top = (cur + PAGE - 1) & ~(PAGE - 1);     /* the heap's last page ends here */
	is_killed_by(run_child(child_write, (char *)top + 2 * PAGE), SIGSEGV,
		     "memory above a shrunk break is unmapped (SIGSEGV)");
	is_int(syscall(SYS_brk, 0x1000), cur, "brk below the heap start fails: returns the old break");
	is_int(syscall(SYS_brk, cur + (1UL << 46)), cur, "an impossible brk fails: returns the old break");
	syscall(SYS_brk, cur + 64 * 1024);
	ok(all_bytes(p, 64 * 1024, 0), "re-grown brk memory is zero again (no stale data)");
	syscall(SYS_brk, cur);
}

/* ---- mmap / munmap / mprotect ------------------------------------------ */

static void test_mmap(void)
{
	char *p, *q;

	p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(p != MAP_FAILED, "mmap(3 pages, MAP_PRIVATE|MAP_ANONYMOUS) succeeds");
	is_int((uintptr_t)p % PAGE, 0, "mmap returns a page-aligned address");
	ok(all_bytes(p, 3 * PAGE, 0), "anonymous memory reads as zeros");
	memset(p, 'a', 3 * PAGE);
	ok(all_bytes(p, 3 * PAGE, 'a'), "anonymous memory is writable");

	q = mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	is_int((long)q, (long)(p + PAGE), "MAP_FIXED over an existing mapping returns that address");
	ok(all_bytes(p + PAGE, PAGE, 0), "MAP_FIXED replaced the old contents with fresh zeros");
	ok(all_bytes(p, PAGE, 'a') && all_bytes(p + 2 * PAGE, PAGE, 'a'),
	   "the pages either side of the MAP_FIXED page are untouched");

	is_int(munmap(p + PAGE, PAGE), 0, "munmap of the middle page splits the mapping");
	is_killed_by(run_child(child_read, p + PAGE), SIGSEGV, "reading an munmap'ed page -> SIGSEGV");
	ok(all_bytes(p, PAGE, 'a') && all_bytes(p + 2 * PAGE, PAGE, 'a'),
	   "the pages either side of the hole still hold their data");
	is_int(munmap(p + PAGE, PAGE), 0, "munmap of an already unmapped range succeeds");

	is_int(mprotect(p, PAGE, PROT_READ), 0, "mprotect(PROT_READ)");
	ok(p[0] == 'a', "a PROT_READ page is still readable");
	is_killed_by(run_child(child_write, p), SIGSEGV, "writing a PROT_READ page -> SIGSEGV");
	is_int(mprotect(p, PAGE, PROT_NONE), 0, "mprotect(PROT_NONE)");
	is_killed_by(run_child(child_read, p), SIGSEGV, "reading a PROT_NONE page -> SIGSEGV");
	is_int(mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0, "mprotect back to PROT_READ|PROT_WRITE");
	p[0] = 'b';
	ok(p[0] == 'b' && p[1] == 'a', "the page is writable again and kept its data");
	is_errno(syscall(SYS_mprotect, p + PAGE, PAGE, PROT_READ), ENOMEM,
		 "mprotect of an unmapped range -> ENOMEM");
	munmap(p, 3 * PAGE);

	p = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	is_killed_by(run_child(child_read, p), SIGSEGV, "reading a page mapped PROT_NONE -> SIGSEGV");
	munmap(p, PAGE);

	/* Argument errors. */
	is_errno((long)mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL,
		 "mmap of length 0 -> EINVAL");
	is_errno((long)mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL,
		 "mmap without MAP_PRIVATE or MAP_SHARED -> EINVAL");
	is_errno((long)mmap((void *)0x10000123, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		 EINVAL, "MAP_FIXED at an unaligned address -> EINVAL");
	is_errno(syscall(SYS_mmap, 0, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 123), EINVAL,
		 "mmap with an unaligned offset -> EINVAL");
	is_errno((long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF,
		 "a file mapping with fd -1 -> EBADF");
	is_errno((long)mmap(NULL, 1UL << 60, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM,
		 "mmap of 2^60 bytes -> ENOMEM");
	is_errno((long)mmap((void *)0xffff800000000000UL, PAGE, PROT_READ,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		 ENOMEM, "MAP_FIXED in the kernel half -> ENOMEM");
	is_errno(munmap(p, 0), EINVAL, "munmap of length 0 -> EINVAL");
	is_errno(munmap(p + 1, PAGE), EINVAL, "munmap at an unaligned address -> EINVAL");
	/* musl's mprotect() rounds the range to pages itself: use the raw call. */
	is_int(syscall(SYS_mprotect, p, 0, PROT_READ), 0, "mprotect of length 0 succeeds (does nothing)");
	is_errno(syscall(SYS_mprotect, p + 1, PAGE, PROT_READ), EINVAL,
		 "mprotect at an unaligned address -> EINVAL");
}

/* Private mappings are copy-on-write across fork; shared ones are not. */
static void test_fork_sharing(void)
{
	char *priv = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;
	int st;

	ok(shared != MAP_FAILED, "mmap(MAP_SHARED|MAP_ANONYMOUS) succeeds");
	priv[0] = 'p';
	shared[0] = 's';
	pid = fork();
	if (pid == 0) {
		int bad = priv[0] != 'p' || shared[0] != 's';

		priv[0] = 'C';
		shared[0] = 'C';
		_exit(bad);
	}
	waitpid(pid, &st, 0);
	is_exited(st, 0, "the fork child sees the parent's data in both mappings");
	is_int(priv[0], 'p', "a child's write to a MAP_PRIVATE page is invisible to the parent (COW)");
	is_int(shared[0], 'C', "a child's write to a MAP_SHARED page is visible to the parent");
	munmap(priv, PAGE);
	munmap(shared, PAGE);
}

static void test_mremap_madvise(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *q;

	memset(p, 'm', PAGE);
	q = mremap(p, PAGE, 4 * PAGE, MREMAP_MAYMOVE);
	ok(q != MAP_FAILED, "mremap(MREMAP_MAYMOVE) grows a mapping");
	ok(q != MAP_FAILED && all_bytes(q, PAGE, 'm'), "mremap kept the old contents");
	ok(q != MAP_FAILED && all_bytes(q + PAGE, 3 * PAGE, 0), "the grown part reads as zeros");
	is_int(madvise(q, 4 * PAGE, MADV_DONTNEED), 0, "madvise(MADV_DONTNEED)");
	ok(all_bytes(q, 4 * PAGE, 0), "private anonymous memory reads as zeros after MADV_DONTNEED");
	munmap(q, 4 * PAGE);
}

/* ---- uname, sysinfo ----------------------------------------------------- */

static int field_ok(const char *f, int may_be_empty)
{
	return memchr(f, 0, 65) != NULL && (may_be_empty || f[0] != 0);
}

static void test_sysinfo(void)
{
	struct utsname u;
	struct sysinfo si;

	memset(&u, 'X', sizeof u);
	is_int(syscall(SYS_uname, &u), 0, "uname succeeds");
	ok(field_ok(u.sysname, 0) && field_ok(u.release, 0) && field_ok(u.version, 0) &&
	   field_ok(u.machine, 0), "uname: sysname/release/version/machine are non-empty and NUL-terminated");
	ok(field_ok(u.nodename, 1) && field_ok(u.domainname, 1), "uname: nodename/domainname are NUL-terminated");
	diag("uname: %s %s %s", u.sysname, u.release, u.machine);

	is_int(syscall(SYS_sysinfo, &si), 0, "sysinfo succeeds");
	ok(si.totalram > 0, "sysinfo: totalram > 0");
	ok(si.mem_unit >= 1, "sysinfo: mem_unit >= 1");
	ok(si.freeram <= si.totalram, "sysinfo: freeram <= totalram");
	ok(si.procs >= 1, "sysinfo: at least one process");
}

/* ---- resource limits ---------------------------------------------------- */

/* Child: lower RLIMIT_NOFILE, hit it, then try to raise it as non-root. */
static void child_nofile(void *arg)
{
	struct rlimit rl, lim;
	int fd, code = 0, highest = -1;

	(void)arg;
	getrlimit(RLIMIT_NOFILE, &rl);
	lim.rlim_cur = 8;
	lim.rlim_max = rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &lim) != 0)
		_exit(100);
	while ((fd = dup(0)) >= 0)
		highest = fd;
	if (errno != EMFILE)
		code |= 1;              /* running out is EMFILE */
	if (highest != 7)
		code |= 2;              /* every fd below the limit was handed out */
	if (syscall(SYS_dup2, 0, 8) != -1 || errno != EBADF)
		code |= 4;              /* dup2 to fd >= limit is EBADF */
	if (fcntl(0, F_DUPFD, 8) != -1 || errno != EINVAL)
		code |= 8;              /* F_DUPFD with min >= limit is EINVAL */
	if (syscall(SYS_setuid, 1000) != 0)
		_exit(101);
	lim.rlim_cur = 8;
	lim.rlim_max = 16;
	setrlimit(RLIMIT_NOFILE, &lim);        /* lowering the hard limit is fine */
	lim.rlim_max = 17;
	if (setrlimit(RLIMIT_NOFILE, &lim) != -1 || errno != EPERM)
		code |= 16;             /* raising it again as non-root is EPERM */
	_exit(code);
}

static void test_rlimits(void)
{
	struct rlimit rl, pr, bad;
	int st, code;

	is_int(getrlimit(RLIMIT_STACK, &rl), 0, "getrlimit(RLIMIT_STACK) succeeds");
	ok(rl.rlim_cur > 0 && (rl.rlim_max == RLIM_INFINITY || rl.rlim_cur <= rl.rlim_max),
	   "RLIMIT_STACK: 0 < soft <= hard");
	is_int(syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, &pr), 0, "prlimit64(0, RLIMIT_STACK, NULL, &old)");
	ok(pr.rlim_cur == rl.rlim_cur && pr.rlim_max == rl.rlim_max, "prlimit64 agrees with getrlimit");
	is_int(syscall(SYS_prlimit64, getpid(), RLIMIT_NOFILE, NULL, &pr), 0, "prlimit64 on our own pid");
	is_errno(syscall(SYS_prlimit64, 4194303 + 1000, RLIMIT_STACK, NULL, &pr), ESRCH,
		 "prlimit64 on a missing pid -> ESRCH");
	is_errno(syscall(SYS_getrlimit, 99, &pr), EINVAL, "getrlimit of resource 99 -> EINVAL");
	getrlimit(RLIMIT_NOFILE, &rl);
	bad.rlim_cur = 100;
	bad.rlim_max = 50;
	is_errno(setrlimit(RLIMIT_NOFILE, &bad), EINVAL, "setrlimit with soft > hard -> EINVAL");

	st = run_child(child_nofile, NULL);
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	ok(code < 100, "the RLIMIT_NOFILE child ran (setrlimit and setuid worked)");
	ok(code < 100 && !(code & 1), "opening past RLIMIT_NOFILE -> EMFILE");
	ok(code < 100 && !(code & 2), "every fd below RLIMIT_NOFILE could be used");
	ok(code < 100 && !(code & 4), "dup2 to an fd >= RLIMIT_NOFILE -> EBADF");
	ok(code < 100 && !(code & 8), "F_DUPFD with a minimum >= RLIMIT_NOFILE -> EINVAL");
	ok(code < 100 && !(code & 16), "raising a hard limit as non-root -> EPERM");
}

/* ---- scheduling --------------------------------------------------------- */

static void test_sched(void)
{
	unsigned long mask[16] = { 0 };
	long n;

	is_int(sched_yield(), 0, "sched_yield returns 0");
	n = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
	ok(n > 0 && n <= (long)sizeof mask && n % 8 == 0,
	   "sched_getaffinity returns the kernel's mask size in bytes (%ld)", n);
	ok(mask[0] & 1, "CPU 0 is in the affinity mask");
	is_errno(syscall(SYS_sched_getaffinity, 0, 4, mask), EINVAL,
		 "sched_getaffinity with a size that is not a multiple of 8 -> EINVAL");
}

/* ---- clocks and sleeping ------------------------------------------------ */

static void test_clocks(void)
{
	struct timespec a, b, res, req;
	int mono = 1;
	double t0, t;

	is_int(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a), 0, "clock_gettime(CLOCK_MONOTONIC)");
	for (int i = 0; i < 100; i++) {
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b);
		mono &= b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec);
		a = b;
	}
	ok(mono, "CLOCK_MONOTONIC never goes backwards (100 reads)");
	ok(a.tv_nsec >= 0 && a.tv_nsec < 1000000000, "tv_nsec is in [0, 1e9)");
	is_int(syscall(SYS_clock_gettime, CLOCK_REALTIME, &a), 0, "clock_gettime(CLOCK_REALTIME)");
	ok(a.tv_nsec >= 0 && a.tv_nsec < 1000000000, "CLOCK_REALTIME tv_nsec is in [0, 1e9)");
	is_errno(syscall(SYS_clock_gettime, 12345, &a), EINVAL, "clock_gettime with clock id 12345 -> EINVAL");
	is_int(syscall(SYS_clock_getres, CLOCK_MONOTONIC, &res), 0, "clock_getres(CLOCK_MONOTONIC)");
	ok(res.tv_sec == 0 && res.tv_nsec > 0, "the resolution is positive and under a second");

	req = (struct timespec){ 0, 10000000 };
	t0 = now();
	is_int(syscall(SYS_nanosleep, &req, NULL), 0, "nanosleep(10 ms) returns 0");
	t = now() - t0;
	ok(t >= 0.010, "nanosleep(10 ms) slept at least 10 ms (%.2f ms)", t * 1000);
	req = (struct timespec){ 0, 1000000000 };
	is_errno(syscall(SYS_nanosleep, &req, NULL), EINVAL, "nanosleep with tv_nsec = 1e9 -> EINVAL");
	req = (struct timespec){ -1, 0 };
	is_errno(syscall(SYS_nanosleep, &req, NULL), EINVAL, "nanosleep with tv_sec = -1 -> EINVAL");

	req = (struct timespec){ 0, 10000000 };
	t0 = now();
	is_int(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &req, NULL), 0,
	       "clock_nanosleep(CLOCK_MONOTONIC, relative 10 ms)");
	t = now() - t0;
	ok(t >= 0.010, "... slept at least 10 ms (%.2f ms)", t * 1000);
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &req);
	req.tv_nsec += 10000000;
	if (req.tv_nsec >= 1000000000) {
		req.tv_sec++;
		req.tv_nsec -= 1000000000;
	}
	is_int(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &req, NULL), 0,
	       "clock_nanosleep(TIMER_ABSTIME, now + 10 ms)");
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b);
	ok(b.tv_sec > req.tv_sec || (b.tv_sec == req.tv_sec && b.tv_nsec >= req.tv_nsec),
	   "... returned no earlier than the target time");
	/* Not "now - 5 s": a VM just booted has a monotonic clock below 5 s. */
	req.tv_sec = 0;
	req.tv_nsec = 1;
	is_int(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &req, NULL), 0,
	       "clock_nanosleep to a time in the past returns 0 at once");
	is_errno(syscall(SYS_clock_nanosleep, 12345, 0, &req, NULL), EINVAL,
		 "clock_nanosleep with clock id 12345 -> EINVAL");
}

/* ---- thread pointer, tid address, syslog, unknown syscalls ------------- */

static void test_arch_and_ids(void)
{
	unsigned long fs = 0, self;
	int tidword;

	__asm__ volatile("mov %%fs:0, %0" : "=r"(self));   /* musl: TCB points to itself */
	is_int(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs), 0, "arch_prctl(ARCH_GET_FS)");
	is_int(fs, self, "the FS base is the thread pointer (%%fs:0 holds it)");
	is_int(fs, (long)pthread_self(), "... which is pthread_self()");
	is_int(syscall(SYS_arch_prctl, ARCH_SET_FS, fs), 0, "arch_prctl(ARCH_SET_FS) to the same value");
	is_errno(syscall(SYS_arch_prctl, 0x9999, &fs), EINVAL, "arch_prctl with an unknown code -> EINVAL");
	is_int(syscall(SYS_set_tid_address, &tidword), syscall(SYS_gettid),
	       "set_tid_address returns the caller's tid");
}

static void test_syslog(void)
{
	static char buf[16384];
	long size = syscall(SYS_syslog, SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	long n;

	ok(size > 0, "syslog(SIZE_BUFFER) returns the log buffer size (%ld)", size);
	n = syscall(SYS_syslog, SYSLOG_ACTION_READ_ALL, buf, sizeof buf);
	ok(n > 0 && n <= (long)sizeof buf, "syslog(READ_ALL) returns some text (%ld bytes)", n);
	ok(n > 0 && buf[0] == '<', "the log text starts with a <priority> prefix");
	ok(syscall(SYS_syslog, SYSLOG_ACTION_SIZE_UNREAD, NULL, 0) >= 0, "syslog(SIZE_UNREAD) succeeds");
	is_errno(syscall(SYS_syslog, 99, buf, sizeof buf), EINVAL, "syslog with type 99 -> EINVAL");
	is_errno(syscall(SYS_syslog, SYSLOG_ACTION_READ_ALL, buf, -1), EINVAL,
		 "syslog(READ_ALL) with a negative length -> EINVAL");
}

static void test_enosys(void)
{
	is_errno(syscall(500), ENOSYS, "syscall 500 (unassigned) -> ENOSYS");
	is_errno(syscall(1000), ENOSYS, "syscall 1000 -> ENOSYS");
	is_errno(syscall(-1), ENOSYS, "syscall -1 -> ENOSYS");
}

/* ---- futex ------------------------------------------------------------- */

static volatile int futex_word, alarms;

/* Runs after the wait was interrupted, so its wake finds no waiter. */
static void wake_futex(int sig)
{
	(void)sig;
	alarms++;
	syscall(SYS_futex, &futex_word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL);
}

static void test_futex(void)
{
	struct timespec ten_ms = { 0, 10000000 }, one_s = { 1, 0 };
	struct itimerval it = { { 0, 10000 }, { 0, 10000 } };   /* every 10 ms */
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	struct sigaction sa = { .sa_handler = wake_futex };
	double t0, t;
	long r;
	char unaligned[8] __attribute__((aligned(4)));

	futex_word = 0;
	is_errno(syscall(SYS_futex, &futex_word, FUTEX_WAIT, 1, NULL), EAGAIN,
		 "FUTEX_WAIT when the word != val -> EAGAIN");
	is_errno(syscall(SYS_futex, &futex_word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 1, NULL), EAGAIN,
		 "FUTEX_WAIT_PRIVATE when the word != val -> EAGAIN");
	t0 = now();
	is_errno(syscall(SYS_futex, &futex_word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &ten_ms), ETIMEDOUT,
		 "FUTEX_WAIT with a 10 ms timeout and no waker -> ETIMEDOUT");
	t = now() - t0;
	ok(t >= 0.010, "... after at least 10 ms (%.2f ms)", t * 1000);
	is_int(syscall(SYS_futex, &futex_word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL), 0,
	       "FUTEX_WAKE with no waiters wakes 0");
	is_errno(syscall(SYS_futex, unaligned + 1, FUTEX_WAIT, 0, NULL), EINVAL,
		 "FUTEX_WAIT on a misaligned address -> EINVAL");
	is_errno(syscall(SYS_futex, &futex_word, 99, 0, NULL), ENOSYS, "futex op 99 -> ENOSYS");

	/*
	 * A signal interrupts the wait: EINTR without SA_RESTART.  The timer
	 * repeats so that one tick is sure to land inside the wait.
	 */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	futex_word = 0;
	alarms = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	r = syscall(SYS_futex, &futex_word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &one_s);
	setitimer(ITIMER_REAL, &off, NULL);      /* stop it before printing (errno kept) */
	is_errno(r, EINTR, "FUTEX_WAIT interrupted by a handler (no SA_RESTART) -> EINTR");
	ok(alarms >= 1, "the SIGALRM handler ran");
	signal(SIGALRM, SIG_DFL);
}

/* ---- getrandom, prctl ------------------------------------------------- */

static void test_random_prctl(void)
{
	unsigned char a[16] = { 0 }, b[16] = { 0 };
	char name[32] = { 0 };

	is_int(syscall(SYS_getrandom, a, sizeof a, 0), 16, "getrandom(16 bytes) returns 16");
	is_int(syscall(SYS_getrandom, b, sizeof b, 1 /* GRND_NONBLOCK */), 16, "getrandom(GRND_NONBLOCK) returns 16");
	ok(memcmp(a, b, sizeof a) != 0, "two getrandom calls give different bytes");
	is_errno(syscall(SYS_getrandom, a, sizeof a, 0x100), EINVAL, "getrandom with an unknown flag -> EINVAL");

	is_int(prctl(PR_SET_NAME, "t_misc-renamed", 0, 0, 0), 0, "prctl(PR_SET_NAME)");
	is_int(prctl(PR_GET_NAME, name, 0, 0, 0), 0, "prctl(PR_GET_NAME)");
	ok(strcmp(name, "t_misc-renamed") == 0, "PR_GET_NAME returns the name set (got \"%s\")", name);
	prctl(PR_SET_NAME, "a-name-longer-than-sixteen", 0, 0, 0);
	prctl(PR_GET_NAME, name, 0, 0, 0);
	ok(strcmp(name, "a-name-longer-t") == 0, "PR_SET_NAME keeps only 15 characters (got \"%s\")", name);
}

int main(void)
{
	tap_init();
	test_brk();          /* first: before anything else can move the break */
	test_mmap();
	test_fork_sharing();
	test_mremap_madvise();
	test_sysinfo();
	test_rlimits();
	test_sched();
	test_clocks();
	test_arch_and_ids();
	test_syslog();
	test_enosys();
	test_futex();
	test_random_prctl();
	return done_testing();
}
