/*
 * t_sigmore - signal corners t_signal does not reach: the SIGCHLD a parent
 * gets for a child's stop, continue and exit (and SA_NOCLDSTOP,
 * SA_NOCLDWAIT), syscalls resumed after a stop (nanosleep, sigsuspend),
 * wait4 interrupted or restarted, fatal signals ending sleeps,
 * rt_sigtimedwait, rt_sigpending, sigaltstack's checks and what uc_stack
 * shows, the order pending signals come out in, CPU-time interval timers,
 * and a handler without SA_RESTORER.
 *
 * Every expected value was read on Linux.  Nothing here depends on the
 * test's pid or process group, so it runs the same as pid 1.
 */
#include "tap.h"

#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>

static volatile int hits, last_sig, last_code, last_pid, last_status;
static volatile int order[16], norder;

static void h_info(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_pid = si->si_pid;
	last_status = si->si_status;
}

static void h_order(int sig)
{
	if (norder < 16)
		order[norder++] = sig;
}

static void h_plain(int sig)
{
	(void)sig;
	hits++;
}

static void on(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags };

	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void on_plain(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };

	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* ---- what the parent hears ----------------------------------------------- */

static void test_sigchld_job_control(void)
{
	int st;
	pid_t c;

	hits = 0;
	on(SIGCHLD, h_info, 0);
	c = fork();
	if (c == 0) {
		struct timespec t = { 0, 300000000 };

		/* Stopped and continued inside: the sleep resumes, ends normally. */
		_exit(nanosleep(&t, NULL) == 0 ? 7 : 8);
	}
	sleep_ms(50);
	kill(c, SIGSTOP);
	sleep_ms(50);
	ok(hits == 1 && last_code == CLD_STOPPED && last_status == SIGSTOP && last_pid == c,
	   "a stop sends SIGCHLD with CLD_STOPPED, si_status = the stop signal");
	is_int(waitpid(c, &st, WUNTRACED), c, "waitpid(WUNTRACED) reports it");
	is_int(st, 0x137f, "... as (SIGSTOP << 8) | 0x7f");
	is_int(waitpid(c, &st, WUNTRACED | WNOHANG), 0, "... once");
	hits = 0;
	kill(c, SIGCONT);
	sleep_ms(50);
	ok(hits == 1 && last_code == CLD_CONTINUED && last_status == SIGCONT,
	   "SIGCONT sends SIGCHLD with CLD_CONTINUED, si_status = SIGCONT");
	is_int(waitpid(c, &st, WCONTINUED), c, "waitpid(WCONTINUED) reports it");
	is_int(st, 0xffff, "... as 0xffff");
	is_int(waitpid(c, &st, 0), c, "the child then exits");
	is_exited(st, 7, "nanosleep stopped and continued resumes and completes");
	ok(last_code == CLD_EXITED && last_status == 7, "exit: CLD_EXITED, si_status = the exit code");

	c = fork();
	if (c == 0) {
		sleep_ms(200);
		_exit(0);
	}
	sleep_ms(20);
	kill(c, SIGCONT);
	is_int(waitpid(c, &st, WCONTINUED | WNOHANG), 0,
	       "SIGCONT to a child that was not stopped is not a WCONTINUED event");
	waitpid(c, &st, 0);

	on(SIGCHLD, h_info, SA_NOCLDSTOP);
	hits = 0;
	c = fork();
	if (c == 0) {
		pause();
		_exit(0);
	}
	sleep_ms(20);
	kill(c, SIGSTOP);
	sleep_ms(20);
	is_int(hits, 0, "SA_NOCLDSTOP: no SIGCHLD for a stop");
	kill(c, SIGTERM);
	sleep_ms(20);
	is_int(waitpid(c, &st, WNOHANG), 0, "SIGTERM to a stopped child waits for SIGCONT");
	kill(c, SIGCONT);
	waitpid(c, &st, 0);
	is_killed_by(st, SIGTERM, "... and then kills it");
	ok(last_code == CLD_KILLED && last_status == SIGTERM, "CLD_KILLED with si_status = the signal");

	on(SIGCHLD, h_info, SA_NOCLDWAIT);
	hits = 0;
	c = fork();
	if (c == 0)
		_exit(5);
	is_errno(waitpid(c, &st, 0), ECHILD, "SA_NOCLDWAIT: the child is reaped at exit -> ECHILD");
	ok(hits == 1 && last_code == CLD_EXITED, "... and SIGCHLD is still sent");
	signal(SIGCHLD, SIG_DFL);
}

/* ---- sleeps ended or resumed ----------------------------------------------- */

static void child_wait_intr(void *arg)
{
	int st, r, e;
	pid_t g;

	(void)arg;
	on_plain(SIGINT, h_plain, 0);
	g = fork();
	if (g == 0) {
		sleep_ms(300);
		_exit(3);
	}
	errno = 0;
	r = waitpid(g, NULL, 0);
	e = errno;
	on_plain(SIGINT, h_plain, SA_RESTART);
	_exit((r == -1 && e == EINTR ? 1 : 0) |
	      (waitpid(g, &st, 0) == g && WIFEXITED(st) && WEXITSTATUS(st) == 3 ? 2 : 0));
}

static void child_suspend(void *arg)
{
	sigset_t none, b, now;
	int r, e;

	(void)arg;
	on_plain(SIGUSR1, h_plain, 0);
	sigemptyset(&b);
	sigaddset(&b, SIGUSR1);
	sigprocmask(SIG_BLOCK, &b, NULL);
	sigemptyset(&none);
	hits = 0;
	errno = 0;
	r = sigsuspend(&none);
	e = errno;
	sigprocmask(SIG_BLOCK, NULL, &now);
	_exit((r == -1 && e == EINTR) | (hits == 1) << 1 | sigismember(&now, SIGUSR1) << 2);
}

static void test_sleeps(void)
{
	int st;
	pid_t c;

	c = fork();
	if (c == 0) {
		on_plain(SIGINT, h_plain, 0);
		child_wait_intr(NULL);
	}
	sleep_ms(50);
	kill(c, SIGINT);
	sleep_ms(50);
	kill(c, SIGINT);
	waitpid(c, &st, 0);
	ok(WIFEXITED(st) && (WEXITSTATUS(st) & 1), "wait4 interrupted by a handler without SA_RESTART -> EINTR");
	ok(WIFEXITED(st) && (WEXITSTATUS(st) & 2), "with SA_RESTART wait4 is restarted and reaps the child");

	c = fork();
	if (c == 0)
		child_suspend(NULL);
	sleep_ms(30);
	kill(c, SIGSTOP);
	sleep_ms(30);
	kill(c, SIGCONT);
	sleep_ms(30);
	kill(c, SIGUSR1);
	waitpid(c, &st, 0);
	ok(WIFEXITED(st) && (WEXITSTATUS(st) & 1), "sigsuspend survives a stop/continue, then returns EINTR");
	ok(WIFEXITED(st) && (WEXITSTATUS(st) & 4), "... with the caller's mask restored");

	c = fork();
	if (c == 0) {
		sleep_ms(3000);
		_exit(1);
	}
	sleep_ms(30);
	kill(c, SIGTERM);
	waitpid(c, &st, 0);
	is_killed_by(st, SIGTERM, "SIGTERM (default action) ends a sleeping child");
	c = fork();
	if (c == 0) {
		pause();
		_exit(1);
	}
	sleep_ms(30);
	kill(c, SIGKILL);
	waitpid(c, &st, 0);
	is_killed_by(st, SIGKILL, "SIGKILL ends a child in pause()");
}

/* ---- waiting for signals --------------------------------------------------- */

static void test_timedwait(void)
{
	struct timespec ts = { 0, 0 };
	sigset_t m, set;
	siginfo_t si;
	unsigned long raw;

	sigemptyset(&m);
	sigaddset(&m, SIGUSR2);
	sigprocmask(SIG_BLOCK, &m, NULL);
	is_errno(sigtimedwait(&m, NULL, &ts), EAGAIN, "sigtimedwait with a zero timeout, nothing pending -> EAGAIN");
	ts.tv_nsec = 30000000;
	is_errno(sigtimedwait(&m, NULL, &ts), EAGAIN, "sigtimedwait 30 ms, nothing comes -> EAGAIN");
	kill(getpid(), SIGUSR2);
	is_int(sigtimedwait(&m, &si, &ts), SIGUSR2, "sigtimedwait returns the pending signal");
	ok(si.si_code == SI_USER && si.si_pid == getpid(), "... with its siginfo");
	sigpending(&set);
	ok(!sigismember(&set, SIGUSR2), "... and takes it off the pending set");
	ts.tv_nsec = 2000000000;
	is_errno(sigtimedwait(&m, NULL, &ts), EINVAL, "sigtimedwait with tv_nsec = 2e9 -> EINVAL");
	sigprocmask(SIG_UNBLOCK, &m, NULL);

	is_errno(syscall(SYS_rt_sigpending, &raw, 9), EINVAL, "rt_sigpending with sigsetsize 9 -> EINVAL");
	is_int(syscall(SYS_rt_sigpending, &raw, 4), 0, "rt_sigpending with sigsetsize 4 is allowed");
}

/* ---- sigaltstack ------------------------------------------------------------ */

static stack_t seen_stack;

static void h_stack(int sig, siginfo_t *si, void *ctx)
{
	(void)sig; (void)si;
	seen_stack = ((ucontext_t *)ctx)->uc_stack;
}

static void test_altstack(void)
{
	static char alt[65536];
	stack_t ss = { .ss_sp = alt, .ss_size = 1024 }, os;

	is_errno(syscall(SYS_sigaltstack, &ss, NULL), ENOMEM, "sigaltstack smaller than MINSIGSTKSZ -> ENOMEM");
	ss.ss_size = sizeof alt;
	ss.ss_flags = 5;
	is_errno(syscall(SYS_sigaltstack, &ss, NULL), EINVAL, "sigaltstack with ss_flags 5 -> EINVAL");
	ss.ss_flags = SS_ONSTACK;	/* accepted by the kernel (musl refuses it itself) */
	is_int(syscall(SYS_sigaltstack, &ss, NULL), 0, "sigaltstack with ss_flags SS_ONSTACK is accepted");
	syscall(SYS_sigaltstack, NULL, &os);
	ok(os.ss_sp == alt && os.ss_size == sizeof alt && os.ss_flags == 0,
	   "sigaltstack reports the stack, flags 0 when not on it");
	on(SIGUSR1, h_stack, SA_ONSTACK);
	raise(SIGUSR1);
	ok(seen_stack.ss_sp == alt && seen_stack.ss_size == sizeof alt &&
	   seen_stack.ss_flags == SS_ONSTACK,
	   "uc_stack holds the altstack and the flags it was set with");
	ss.ss_flags = SS_DISABLE;
	syscall(SYS_sigaltstack, &ss, NULL);
	raise(SIGUSR1);
	ok(seen_stack.ss_sp == NULL && seen_stack.ss_size == 0 && seen_stack.ss_flags == SS_DISABLE,
	   "after SS_DISABLE uc_stack is empty with SS_DISABLE");
	signal(SIGUSR1, SIG_DFL);
}

/* ---- order, CPU timers, SA_RESTORER ------------------------------------------ */

static void test_order(void)
{
	static const int sigs[] = { 36, 35, SIGUSR2, SIGHUP, SIGSEGV, SIGTRAP, SIGUSR1 };
	sigset_t all, none;
	int i;

	for (i = 0; i < 7; i++)
		on_plain(sigs[i], h_order, 0);
	sigfillset(&all);
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &all, NULL);
	kill(getpid(), 36);
	kill(getpid(), 35);
	kill(getpid(), SIGUSR2);
	raise(SIGHUP);			/* thread-directed: taken first */
	kill(getpid(), SIGSEGV);
	kill(getpid(), SIGTRAP);
	kill(getpid(), SIGUSR1);
	kill(getpid(), 35);	/* real-time: queued twice */
	norder = 0;
	sigprocmask(SIG_SETMASK, &none, NULL);
	/*
	 * All are delivered on one return to user mode, each handler's frame
	 * above the last, so the handlers run in the reverse of the dequeue
	 * order: SIGHUP, SIGTRAP, SIGSEGV (faults first), SIGUSR1, SIGUSR2,
	 * 35, 35, 36 (musl keeps 32-34 for itself).
	 */
	ok(norder == 8 && order[0] == 36 && order[1] == 35 && order[2] == 35 &&
	   order[3] == SIGUSR2 && order[4] == SIGUSR1 && order[5] == SIGSEGV &&
	   order[6] == SIGTRAP && order[7] == SIGHUP,
	   "pending signals come out in Linux's order (%d handlers ran)", norder);
	for (i = 0; i < 7; i++)
		signal(sigs[i], SIG_DFL);
}

static void test_cpu_timers(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };

	hits = 0;
	on(SIGVTALRM, h_info, 0);
	is_int(setitimer(ITIMER_VIRTUAL, &it, NULL), 0, "setitimer(ITIMER_VIRTUAL, 50 ms)");
	for (volatile long i = 0; hits == 0 && i < 4000000000L; i++)
		;
	ok(hits == 1 && last_sig == SIGVTALRM && last_code == SI_KERNEL,
	   "ITIMER_VIRTUAL: SIGVTALRM (SI_KERNEL) after user CPU time");
	hits = 0;
	on(SIGPROF, h_info, 0);
	is_int(setitimer(ITIMER_PROF, &it, NULL), 0, "setitimer(ITIMER_PROF, 50 ms)");
	for (volatile long i = 0; hits == 0 && i < 4000000000L; i++)
		;
	ok(hits == 1 && last_sig == SIGPROF, "ITIMER_PROF: SIGPROF after CPU time");
	is_errno(setitimer(3, &it, NULL), EINVAL, "setitimer(3) -> EINVAL");
	is_errno(getitimer(3, &it), EINVAL, "getitimer(3) -> EINVAL");
	signal(SIGVTALRM, SIG_DFL);
	signal(SIGPROF, SIG_DFL);
}

struct ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask;
};

static void child_no_restorer(void *arg)
{
	struct ksigaction k = { (void *)h_plain, 0, NULL, 0 };

	(void)arg;
	syscall(SYS_rt_sigaction, SIGUSR1, &k, NULL, 8);
	kill(getpid(), SIGUSR1);
	_exit(0);
}

static void child_blocked_fault(void *arg)
{
	sigset_t b;

	(void)arg;
	on_plain(SIGSEGV, h_plain, 0);
	sigemptyset(&b);
	sigaddset(&b, SIGSEGV);
	sigprocmask(SIG_BLOCK, &b, NULL);
	*(volatile int *)0 = 1;
	_exit(0);
}

int main(void)
{
	sigset_t m;

	tap_init();
	test_sigchld_job_control();
	test_sleeps();
	test_timedwait();
	test_altstack();
	test_order();
	test_cpu_timers();
	is_killed_by(run_child(child_no_restorer, NULL), SIGSEGV,
		     "a handler installed without SA_RESTORER: delivery is SIGSEGV");
	is_killed_by(run_child(child_blocked_fault, NULL), SIGSEGV,
		     "a fault with its signal blocked still kills");
	sigemptyset(&m);
	sigaddset(&m, SIGSEGV);
	sigprocmask(SIG_BLOCK, &m, NULL);
	kill(getpid(), SIGSEGV);
	sigpending(&m);
	ok(sigismember(&m, SIGSEGV), "a blocked SIGSEGV sent by kill() just waits");
	signal(SIGSEGV, SIG_IGN);
	sigpending(&m);
	ok(!sigismember(&m, SIGSEGV), "... until SIG_IGN discards it");
	return done_testing();
}
