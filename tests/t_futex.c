/*
 * t_futex - futex(2) without signals: EAGAIN/ETIMEDOUT/EINVAL/EFAULT/ENOSYS,
 * relative and absolute timeouts, wake counts and bitsets between threads
 * of one address space (clone with CLONE_VM), private/shared keys,
 * requeue and wake-op, and the CLONE_CHILD_CLEARTID / set_tid_address
 * wake at thread exit.
 *
 * Waiter threads are clone(CLONE_VM | SIGCHLD) children on their own
 * stacks; they touch only their futex words and a few shared counters
 * (no stdio), then return their futex result as the exit code (+ 100 so
 * that 0 and errno values differ).  The main thread waits for them to be
 * queued by sleeping 100 ms after they report ready.
 */
#include "tap.h"

#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

/* uapi/linux/futex.h (musl has no kernel headers). */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_FD 2
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_OP_PRIVATE (FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_BITSET_MATCH_ANY (-1)
#define FUTEX_OP_SET 0
#define FUTEX_OP_ADD 1
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP(op, oparg, cmp, cmparg) \
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))

#define STACK_SIZE (64 * 1024)
#define NTHREADS 3

static long futex(volatile int *uaddr, int op, int val, const struct timespec *ts,
		  volatile int *uaddr2, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static double now(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static struct timespec abs_in(clockid_t clk, int ms)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	ts.tv_nsec += ms * 1000000L;
	ts.tv_sec += ts.tv_nsec / 1000000000L;
	ts.tv_nsec %= 1000000000L;
	return ts;
}

/* ---- errors and timeouts (one thread) ---------------------------------- */

static void test_errors(void)
{
	static int word __attribute__((aligned(8)));
	struct timespec bad_ns = { 0, 1000000000L }, neg = { -1, 0 }, zero = { 0, 0 };
	char *unmapped = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(unmapped, 4096);
	word = 0;
	is_errno(futex(&word, FUTEX_WAIT, 1, NULL, NULL, 0), EAGAIN, "FUTEX_WAIT, word != val -> EAGAIN");
	is_errno(futex(&word, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0), EAGAIN,
		 "FUTEX_WAIT_PRIVATE, word != val -> EAGAIN");
	is_errno(futex((int *)((char *)&word + 1), FUTEX_WAIT, 0, NULL, NULL, 0), EINVAL,
		 "FUTEX_WAIT on a misaligned address -> EINVAL");
	is_errno(futex((int *)1, FUTEX_WAKE, 1, NULL, NULL, 0), EINVAL,
		 "FUTEX_WAKE at address 1 -> EINVAL");
	is_errno(futex((int *)unmapped, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EFAULT,
		 "FUTEX_WAIT on an unmapped word -> EFAULT");
	is_int(futex((int *)unmapped, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 0,
	       "FUTEX_WAKE_PRIVATE on an unmapped word wakes 0 (memory not touched)");
	is_errno(futex((int *)unmapped, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT,
		 "shared FUTEX_WAKE on an unmapped word -> EFAULT");
	is_errno(futex((int *)0xffff880000000000UL, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), EFAULT,
		 "FUTEX_WAKE on a kernel address -> EFAULT");
	is_errno(futex(&word, FUTEX_WAIT, 0, &bad_ns, NULL, 0), EINVAL,
		 "FUTEX_WAIT with tv_nsec = 1e9 -> EINVAL");
	is_errno(futex(&word, FUTEX_WAIT, 0, &neg, NULL, 0), EINVAL,
		 "FUTEX_WAIT with tv_sec = -1 -> EINVAL");
	is_errno(futex(&word, FUTEX_WAIT, 0, (struct timespec *)unmapped, NULL, 0), EFAULT,
		 "FUTEX_WAIT with an unreadable timeout -> EFAULT");
	is_errno(futex(&word, FUTEX_WAIT, 1, &bad_ns, NULL, 0), EINVAL,
		 "... the timeout is checked before the value");
	is_int(futex(&word, FUTEX_WAKE, 1, &bad_ns, NULL, 0), 0,
	       "FUTEX_WAKE ignores the timeout argument");
	is_errno(futex(&word, FUTEX_WAIT_BITSET, 0, NULL, NULL, 0), EINVAL,
		 "FUTEX_WAIT_BITSET with bitset 0 -> EINVAL");
	is_errno(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0), EINVAL,
		 "FUTEX_WAKE_BITSET with bitset 0 -> EINVAL");
	is_errno(futex(&word, 99, 0, NULL, NULL, 0), ENOSYS, "futex op 99 -> ENOSYS");
	is_errno(futex(&word, FUTEX_FD, 0, NULL, NULL, 0), ENOSYS, "FUTEX_FD (removed) -> ENOSYS");
	is_errno(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0), ENOSYS,
		 "FUTEX_WAKE | FUTEX_CLOCK_REALTIME -> ENOSYS");
	is_errno(futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0), ENOSYS,
		 "FUTEX_WAIT | FUTEX_CLOCK_REALTIME -> ENOSYS (only absolute timeouts take it)");
	is_errno(futex(&word, FUTEX_WAIT_PRIVATE, 0, &zero, NULL, 0), ETIMEDOUT,
		 "FUTEX_WAIT with a zero timeout -> ETIMEDOUT");
	is_errno(futex(&word, FUTEX_WAIT_PRIVATE, 1, &zero, NULL, 0), EAGAIN,
		 "... but a different value is EAGAIN first");
	is_int(futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 0, "FUTEX_WAKE with no waiters wakes 0");
}

static void test_timeouts(void)
{
	static int word;
	struct timespec rel = { 0, 30000000L }, ts;
	double t0, t;

	word = 0;
	t0 = now(CLOCK_MONOTONIC);
	is_errno(futex(&word, FUTEX_WAIT_PRIVATE, 0, &rel, NULL, 0), ETIMEDOUT,
		 "FUTEX_WAIT, relative 30 ms -> ETIMEDOUT");
	t = now(CLOCK_MONOTONIC) - t0;
	ok(t >= 0.030 && t < 2.0, "... after 30 ms or a little more (%.1f ms)", t * 1000);

	ts = abs_in(CLOCK_MONOTONIC, 30);
	t0 = now(CLOCK_MONOTONIC);
	is_errno(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &ts, NULL, FUTEX_BITSET_MATCH_ANY),
		 ETIMEDOUT, "FUTEX_WAIT_BITSET, absolute CLOCK_MONOTONIC deadline -> ETIMEDOUT");
	t = now(CLOCK_MONOTONIC) - t0;
	ok(t >= 0.025 && t < 2.0, "... at the deadline (%.1f ms)", t * 1000);

	ts = abs_in(CLOCK_REALTIME, 30);
	t0 = now(CLOCK_MONOTONIC);
	is_errno(futex(&word, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 0, &ts, NULL,
		       FUTEX_BITSET_MATCH_ANY),
		 ETIMEDOUT, "FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, absolute -> ETIMEDOUT");
	t = now(CLOCK_MONOTONIC) - t0;
	ok(t >= 0.025 && t < 2.0, "... at the realtime deadline (%.1f ms)", t * 1000);

	ts.tv_sec = 1;          /* 1970, or 1 s after boot: long gone */
	ts.tv_nsec = 0;
	t0 = now(CLOCK_MONOTONIC);
	is_errno(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &ts, NULL, FUTEX_BITSET_MATCH_ANY),
		 ETIMEDOUT, "FUTEX_WAIT_BITSET with a deadline in the past -> ETIMEDOUT");
	is_errno(futex(&word, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 0, &ts, NULL,
		       FUTEX_BITSET_MATCH_ANY),
		 ETIMEDOUT, "... on CLOCK_REALTIME too");
	t = now(CLOCK_MONOTONIC) - t0;
	ok(t < 1.0, "... at once (%.1f ms)", t * 1000);
}

/* ---- threads ----------------------------------------------------------- */

struct waiter {
	volatile int *word;
	int op, val, bitset;
};

static volatile int ready;

static int wait_thread(void *arg)
{
	struct waiter *w = arg;
	long r;

	__atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
	r = syscall(SYS_futex, w->word, w->op, w->val, NULL, NULL, w->bitset);
	return r == 0 ? 100 : r < 0 ? 100 + errno : 99;
}

static char *stacks[NTHREADS];

/* Start @n waiter threads on @w; returns once they are (very likely) queued. */
static void start_waiters(pid_t *pids, int n, struct waiter *w)
{
	ready = 0;
	for (int i = 0; i < n; i++)
		pids[i] = clone(wait_thread, stacks[i] + STACK_SIZE, CLONE_VM | SIGCHLD, &w[i]);
	while (ready < n)
		sched_yield();
	sleep_ms(100);
}

/* Reap @n threads: how many returned 0 from the wait (exit 100). */
static int reap_woken(pid_t *pids, int n)
{
	int st, woken = 0;

	for (int i = 0; i < n; i++) {
		waitpid(pids[i], &st, 0);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 100)
			woken++;
	}
	return woken;
}

static void test_wake_counts(void)
{
	static volatile int word;
	struct waiter w[NTHREADS];
	pid_t pids[NTHREADS];

	word = 0;
	for (int i = 0; i < NTHREADS; i++)
		w[i] = (struct waiter){ &word, FUTEX_WAIT_PRIVATE, 0, 0 };
	start_waiters(pids, NTHREADS, w);
	is_int(futex(&word, FUTEX_WAKE_PRIVATE, 2, NULL, NULL, 0), 2, "3 waiters: FUTEX_WAKE(2) wakes 2");
	is_int(futex(&word, FUTEX_WAKE_PRIVATE, 0, NULL, NULL, 0), 1,
	       "FUTEX_WAKE(0) still wakes one (Linux counts after waking)");
	is_int(futex(&word, FUTEX_WAKE_PRIVATE, 5, NULL, NULL, 0), 0, "nobody is left to wake");
	is_int(reap_woken(pids, NTHREADS), NTHREADS, "all three waits returned 0");

	/* A shared waiter and a private waker do not meet (different keys). */
	w[0] = (struct waiter){ &word, FUTEX_WAIT, 0, 0 };
	start_waiters(pids, 1, w);
	is_int(futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 0,
	       "FUTEX_WAKE_PRIVATE does not wake a shared FUTEX_WAIT");
	is_int(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0), 1, "shared FUTEX_WAKE does");
	is_int(reap_woken(pids, 1), 1, "... and its wait returned 0");
}

static void test_bitsets(void)
{
	static volatile int word;
	struct waiter w[2];
	pid_t pids[2];

	word = 7;
	w[0] = (struct waiter){ &word, FUTEX_WAIT_BITSET_PRIVATE, 7, 0x1 };
	w[1] = (struct waiter){ &word, FUTEX_WAIT_BITSET_PRIVATE, 7, 0x6 };
	start_waiters(pids, 2, w);
	is_int(futex(&word, FUTEX_WAKE_BITSET_PRIVATE, 10, NULL, NULL, 0x8), 0,
	       "FUTEX_WAKE_BITSET 0x8 wakes neither 0x1 nor 0x6");
	is_int(futex(&word, FUTEX_WAKE_BITSET_PRIVATE, 10, NULL, NULL, 0x2), 1,
	       "FUTEX_WAKE_BITSET 0x2 wakes the 0x6 waiter only");
	is_int(futex(&word, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0), 1,
	       "plain FUTEX_WAKE (bitset all ones) wakes the 0x1 waiter");
	is_int(reap_woken(pids, 2), 2, "both waits returned 0");
}

static void test_requeue(void)
{
	static volatile int a, b;
	struct waiter w[NTHREADS];
	pid_t pids[NTHREADS];

	a = 1;
	b = 0;
	for (int i = 0; i < NTHREADS; i++)
		w[i] = (struct waiter){ &a, FUTEX_WAIT_PRIVATE, 1, 0 };
	start_waiters(pids, NTHREADS, w);
	is_errno(syscall(SYS_futex, &a, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, &b, 2), EAGAIN,
		 "FUTEX_CMP_REQUEUE with a stale value -> EAGAIN");
	is_errno(syscall(SYS_futex, &a, FUTEX_CMP_REQUEUE_PRIVATE, -1, 1, &b, 1), EINVAL,
		 "FUTEX_CMP_REQUEUE with a negative count -> EINVAL");
	is_int(syscall(SYS_futex, &a, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, &b, 1), 2,
	       "FUTEX_CMP_REQUEUE(wake 1, requeue 1) -> 2");
	is_int(futex(&a, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0), 1, "one waiter is left on the first word");
	is_int(futex(&b, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0), 1, "the requeued one waits on the second");
	is_int(reap_woken(pids, NTHREADS), NTHREADS, "all three waits returned 0");

	/* FUTEX_WAKE_OP: b = 5 (SET), wake one on a, and one on b if old b == 0. */
	a = 1;
	b = 0;
	w[0] = (struct waiter){ &a, FUTEX_WAIT_PRIVATE, 1, 0 };
	w[1] = (struct waiter){ &b, FUTEX_WAIT_PRIVATE, 0, 0 };
	start_waiters(pids, 2, w);
	is_int(syscall(SYS_futex, &a, FUTEX_WAKE_OP_PRIVATE, 1, 1, &b,
		       FUTEX_OP(FUTEX_OP_SET, 5, FUTEX_OP_CMP_EQ, 0)), 2,
	       "FUTEX_WAKE_OP(SET 5, old == 0) wakes on both words");
	is_int(b, 5, "... and stored 5 in the second word");
	is_int(syscall(SYS_futex, &a, FUTEX_WAKE_OP_PRIVATE, 1, 1, &b,
		       FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_EQ, 0)), 0,
	       "FUTEX_WAKE_OP(ADD 3, old == 0) with no waiters -> 0");
	is_int(b, 8, "... the add happened anyway (5 + 3)");
	is_int(reap_woken(pids, 2), 2, "both waits returned 0");
}

/* ---- CLONE_CHILD_CLEARTID and set_tid_address ------------------------- */

static volatile int ctid, stid;

static int exit_later(void *arg)
{
	(void)arg;
	sleep_ms(150);
	return 0;
}

static int set_tid_then_exit(void *arg)
{
	(void)arg;
	if (syscall(SYS_set_tid_address, &stid) != syscall(SYS_gettid))
		return 1;
	stid = (int)syscall(SYS_gettid);
	sleep_ms(150);
	return 0;
}

static void test_cleartid(void)
{
	pid_t pid;
	int st, woke = 0, v;
	long r;

	ctid = -1;
	pid = clone(exit_later, stacks[0] + STACK_SIZE,
		    CLONE_VM | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, NULL, NULL, NULL,
		    &ctid);
	ok(pid > 0, "clone(CLONE_VM | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)");
	while (ctid == -1)
		sched_yield();
	is_int(ctid, pid, "CLONE_CHILD_SETTID stored the child's tid");
	while ((v = ctid) != 0) {
		r = futex(&ctid, FUTEX_WAIT, v, NULL, NULL, 0);
		if (r == 0)
			woke++;
	}
	is_int(ctid, 0, "at exit the kernel cleared the tid word");
	ok(woke >= 1, "... and a shared FUTEX_WAIT on it was woken");
	waitpid(pid, &st, 0);
	is_exited(st, 0, "the thread exited normally");

	stid = -1;
	pid = clone(set_tid_then_exit, stacks[0] + STACK_SIZE, CLONE_VM | SIGCHLD, NULL);
	while (stid == -1)
		sched_yield();
	woke = 0;
	while ((v = stid) != 0) {
		if (futex(&stid, FUTEX_WAIT, v, NULL, NULL, 0) == 0)
			woke++;
	}
	ok(stid == 0 && woke >= 1, "set_tid_address: the word is cleared and woken at exit");
	waitpid(pid, &st, 0);
	is_exited(st, 0, "set_tid_address returned the caller's tid");

	/* A forked child has its own memory: our copy of the word stays. */
	ctid = 12345;
	pid = (pid_t)syscall(SYS_clone, CLONE_CHILD_CLEARTID | SIGCHLD, NULL, NULL, &ctid, NULL);
	if (pid == 0)
		_exit(0);
	waitpid(pid, &st, 0);
	is_int(ctid, 12345, "CLONE_CHILD_CLEARTID in a fork-like child leaves the parent's word");
}

int main(void)
{
	tap_init();
	for (int i = 0; i < NTHREADS; i++)
		stacks[i] = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	test_errors();
	test_timeouts();
	test_wake_counts();
	test_bitsets();
	test_requeue();
	test_cleartid();
	return done_testing();
}
