/*
 * t_signal - signal delivery: handlers and siginfo, masks and pending sets,
 * default actions, stop/continue, nesting and sigaction flags, interrupted
 * system calls, timers, tkill/tgkill, and what fork and execve keep.
 *
 * A signal a process sends to itself (kill/raise/tgkill) is delivered on
 * the way back from that syscall, so the handler has run by the time the
 * call returns: the checks rely on that, as Linux guarantees it.
 *
 * The exec check re-executes this program with "--check-exec-sigs".
 * The slowest part is alarm(1): about one second.
 */
#include "tap.h"

#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

static char *self_path;

/* The kernel's struct sigaction, for raw rt_sigaction calls. */
struct ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask;
};

static void sleep_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };

	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void set_info_handler(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags };

	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void block(int sig, int how)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(how, &s, NULL);
}

static int is_blocked(int sig)
{
	sigset_t s;

	sigprocmask(SIG_BLOCK, NULL, &s);
	return sigismember(&s, sig);
}

static int is_pending(int sig)
{
	sigset_t s;

	sigpending(&s);
	return sigismember(&s, sig);
}

/* ---- handlers ----------------------------------------------------------- */

static volatile sig_atomic_t hits, last_sig;
static volatile int info_signo, info_code, info_pid, info_uid, info_value;
static volatile int info_ctx_ok;

static void h_count(int sig)
{
	hits++;
	last_sig = sig;
}

static void h_info(int sig, siginfo_t *si, void *ctx)
{
	hits++;
	last_sig = sig;
	info_signo = si->si_signo;
	info_code = si->si_code;
	info_pid = si->si_pid;
	info_uid = si->si_uid;
	info_value = si->si_value.sival_int;
	info_ctx_ok = ctx != NULL;
}

/* ---- delivery and siginfo ---------------------------------------------- */

static void test_delivery(void)
{
	struct sigaction old;

	hits = 0;
	set_handler(SIGUSR1, h_count, 0);
	is_int(kill(getpid(), SIGUSR1), 0, "kill(self, SIGUSR1) succeeds");
	is_int(hits, 1, "the handler ran once before kill returned");
	is_int(last_sig, SIGUSR1, "the handler's argument is the signal number");
	sigaction(SIGUSR1, NULL, &old);
	ok(old.sa_handler == h_count, "sigaction(sig, NULL, &old) reports the installed handler");

	set_info_handler(SIGUSR1, h_info, 0);
	hits = 0;
	kill(getpid(), SIGUSR1);
	is_int(info_signo, SIGUSR1, "SA_SIGINFO: si_signo is the signal");
	is_int(info_code, SI_USER, "kill() gives si_code SI_USER (0)");
	is_int(info_pid, getpid(), "kill() gives si_pid = the sender");
	is_int(info_uid, getuid(), "kill() gives si_uid = the sender's uid");
	ok(info_ctx_ok, "SA_SIGINFO handlers get a non-NULL ucontext");

	raise(SIGUSR1);
	is_int(info_code, SI_TKILL, "raise() (musl: tkill) gives si_code SI_TKILL (-6)");
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
	is_int(info_code, SI_TKILL, "tgkill() gives si_code SI_TKILL");
	is_int(info_pid, getpid(), "tgkill() gives si_pid = the sender");
	sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 1234 });
	is_int(info_code, SI_QUEUE, "sigqueue() gives si_code SI_QUEUE (-1)");
	is_int(info_value, 1234, "sigqueue() passes si_value");
	signal(SIGUSR1, SIG_DFL);
}

/* ---- masks, pending, queueing ----------------------------------------- */

static volatile int rt_values[8], rt_n;

static void h_rt(int sig, siginfo_t *si, void *ctx)
{
	(void)sig; (void)ctx;
	if (rt_n < 8)
		rt_values[rt_n++] = si->si_value.sival_int;
}

static void test_masks(void)
{
	sigset_t all, got;

	hits = 0;
	set_handler(SIGUSR1, h_count, 0);
	block(SIGUSR1, SIG_BLOCK);
	kill(getpid(), SIGUSR1);
	is_int(hits, 0, "a blocked signal is not delivered");
	ok(is_pending(SIGUSR1), "sigpending shows the blocked signal");
	kill(getpid(), SIGUSR1);
	block(SIGUSR1, SIG_UNBLOCK);
	is_int(hits, 1, "unblocking delivers it, once: standard signals do not queue");
	ok(!is_pending(SIGUSR1), "after delivery it is no longer pending");

	/* Real-time signals queue, and come out in order. */
	rt_n = 0;
	set_info_handler(SIGRTMIN, h_rt, 0);
	block(SIGRTMIN, SIG_BLOCK);
	for (int i = 1; i <= 3; i++)
		sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = i });
	block(SIGRTMIN, SIG_UNBLOCK);
	is_int(rt_n, 3, "three queued real-time signals are delivered three times");
	ok(rt_values[0] == 1 && rt_values[1] == 2 && rt_values[2] == 3,
	   "queued real-time signals arrive in the order sent");
	signal(SIGRTMIN, SIG_DFL);

	/* SIGKILL and SIGSTOP cannot be blocked: the request is silently trimmed. */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &got);
	sigprocmask(SIG_SETMASK, &got, &all);
	ok(!sigismember(&all, SIGKILL) && !sigismember(&all, SIGSTOP),
	   "blocking every signal leaves SIGKILL and SIGSTOP unblocked");
	ok(sigismember(&all, SIGTERM), "... while the others were blocked");

	/* Setting SIG_IGN discards a pending instance. */
	block(SIGUSR2, SIG_BLOCK);
	kill(getpid(), SIGUSR2);
	ok(is_pending(SIGUSR2), "a blocked SIGUSR2 is pending");
	signal(SIGUSR2, SIG_IGN);
	ok(!is_pending(SIGUSR2), "setting SIG_IGN discards the pending SIGUSR2");
	block(SIGUSR2, SIG_UNBLOCK);
	is_int(kill(getpid(), SIGUSR2), 0, "an ignored signal sent to self is harmless");
	signal(SIGUSR2, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);

	is_errno(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &got, 4), EINVAL,
		 "rt_sigprocmask with sigsetsize 4 (not 8) -> EINVAL");
	is_errno(syscall(SYS_rt_sigprocmask, 7, &all, NULL, 8), EINVAL,
		 "rt_sigprocmask with how = 7 -> EINVAL");
}

/* ---- sigaction errors: raw calls, so the kernel is what answers --------- */

static void test_sigaction_errors(void)
{
	struct ksigaction act = { .handler = (void *)h_count }, old;
	struct ksigaction ign = { .handler = SIG_IGN };

	is_errno(syscall(SYS_rt_sigaction, SIGKILL, &act, NULL, 8), EINVAL,
		 "a handler for SIGKILL -> EINVAL");
	is_errno(syscall(SYS_rt_sigaction, SIGSTOP, &act, NULL, 8), EINVAL,
		 "a handler for SIGSTOP -> EINVAL");
	is_errno(syscall(SYS_rt_sigaction, SIGKILL, &ign, NULL, 8), EINVAL,
		 "SIG_IGN for SIGKILL -> EINVAL");
	is_int(syscall(SYS_rt_sigaction, SIGKILL, NULL, &old, 8), 0,
	       "querying SIGKILL's action (act = NULL) is allowed");
	is_errno(syscall(SYS_rt_sigaction, 0, &act, NULL, 8), EINVAL, "rt_sigaction(signal 0) -> EINVAL");
	is_errno(syscall(SYS_rt_sigaction, 65, &act, NULL, 8), EINVAL, "rt_sigaction(signal 65) -> EINVAL");
	is_errno(syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 4), EINVAL,
		 "rt_sigaction with sigsetsize 4 -> EINVAL");
	is_int(syscall(SYS_rt_sigaction, 64, NULL, &old, 8), 0, "signal 64 (the last) is valid");
}

/* ---- default actions ---------------------------------------------------- */

static void child_raise(void *sig)
{
	kill(getpid(), (int)(intptr_t)sig);
	_exit(0);
}

static void child_kill_despite_everything(void *ignore)
{
	sigset_t all;

	(void)ignore;
	for (int s = 1; s < 32; s++)
		signal(s, SIG_IGN);           /* SIGKILL/SIGSTOP just fail */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	kill(getpid(), SIGKILL);
	_exit(0);
}

static void test_defaults(void)
{
	is_killed_by(run_child(child_raise, (void *)SIGTERM), SIGTERM, "SIGTERM's default action kills");
	is_killed_by(run_child(child_raise, (void *)SIGUSR1), SIGUSR1, "SIGUSR1's default action kills");
	is_killed_by(run_child(child_raise, (void *)SIGHUP), SIGHUP, "SIGHUP's default action kills");
	is_killed_by(run_child(child_raise, (void *)(intptr_t)SIGRTMIN), SIGRTMIN,
		     "a real-time signal's default action kills");
	is_exited(run_child(child_raise, (void *)SIGCHLD), 0, "SIGCHLD's default action is to ignore");
	is_exited(run_child(child_raise, (void *)SIGURG), 0, "SIGURG's default action is to ignore");
	is_exited(run_child(child_raise, (void *)SIGWINCH), 0, "SIGWINCH's default action is to ignore");
	is_exited(run_child(child_raise, (void *)SIGCONT), 0, "SIGCONT on a running process does nothing");
	is_killed_by(run_child(child_kill_despite_everything, NULL), SIGKILL,
		     "SIGKILL kills even with every signal ignored and blocked");
}

/* SIGSTOP / SIGCONT, seen through WUNTRACED and WCONTINUED. */
static void test_stop_cont(void)
{
	int p[2], st = 0;
	pid_t pid;
	char c;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		read(p[0], &c, 1);
		_exit(0);
	}
	kill(pid, SIGSTOP);
	is_int(waitpid(pid, &st, WUNTRACED), pid, "waitpid(WUNTRACED) reports the stopped child");
	ok(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "WIFSTOPPED with WSTOPSIG == SIGSTOP");
	is_int(waitpid(pid, &st, WUNTRACED | WNOHANG), 0, "a stop is reported only once");
	kill(pid, SIGCONT);
	is_int(waitpid(pid, &st, WCONTINUED), pid, "waitpid(WCONTINUED) reports the continued child");
	ok(WIFCONTINUED(st), "WIFCONTINUED after SIGCONT");
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	is_killed_by(st, SIGKILL, "SIGKILL kills a stopped process");
	close(p[0]);
	close(p[1]);
}

/* SIGCHLD handler info, and SIGCHLD = SIG_IGN auto-reaping. */
static void test_sigchld(void)
{
	sigset_t none;
	pid_t pid;
	int st;

	hits = 0;
	set_info_handler(SIGCHLD, h_info, 0);
	block(SIGCHLD, SIG_BLOCK);
	pid = fork();
	if (pid == 0)
		_exit(3);
	sigemptyset(&none);
	while (hits == 0)
		sigsuspend(&none);      /* atomically unblock and wait */
	block(SIGCHLD, SIG_UNBLOCK);
	is_int(info_code, CLD_EXITED, "SIGCHLD si_code is CLD_EXITED for an exiting child");
	is_int(info_pid, pid, "SIGCHLD si_pid is the child");
	waitpid(pid, &st, 0);
	is_exited(st, 3, "... and the child is still a zombie for waitpid");

	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0)
		_exit(0);
	is_errno(waitpid(pid, &st, 0), ECHILD,
		 "with SIGCHLD set to SIG_IGN, children are reaped automatically -> ECHILD");
	signal(SIGCHLD, SIG_DFL);
}

/* ---- handler nesting and flags --------------------------------------- */

static volatile int depth, max_depth, usr1_in_handler, mask_ok, inner_depth;
static volatile int raised;     /* raise only from the first delivery */

static void h_inner(int sig)
{
	(void)sig;
	inner_depth = depth;
}

static void h_outer(int sig)
{
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	mask_ok = is_blocked(SIGUSR1) && is_blocked(SIGHUP);
	if (!raised) {
		raised = 1;
		raise(SIGUSR2);          /* not blocked: runs nested, right now */
		raise(sig);              /* blocked while we run (unless SA_NODEFER) */
		usr1_in_handler = hits;
	}
	hits++;
	depth--;
}

static void test_nesting(void)
{
	struct sigaction sa = { .sa_handler = h_outer };

	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGHUP);
	sigaction(SIGUSR1, &sa, NULL);
	set_handler(SIGUSR2, h_inner, 0);
	hits = depth = max_depth = raised = 0;
	raise(SIGUSR1);
	is_int(inner_depth, 1, "a different signal raised in a handler nests inside it");
	ok(mask_ok, "in the handler, its own signal and sa_mask are blocked");
	is_int(usr1_in_handler, 0, "the handler's own signal raised inside it waits...");
	is_int(hits, 2, "... and is delivered after the handler returns");
	is_int(max_depth, 1, "... so the handler never ran nested");
	ok(!is_blocked(SIGUSR1) && !is_blocked(SIGHUP), "the mask is restored after the handler");

	sa.sa_flags = SA_NODEFER;
	sigaction(SIGUSR1, &sa, NULL);
	hits = depth = max_depth = raised = 0;
	raise(SIGUSR1);
	is_int(max_depth, 2, "with SA_NODEFER the handler's own signal nests immediately");
	is_int(hits, 2, "SA_NODEFER: both deliveries ran");

	set_handler(SIGUSR1, h_count, SA_RESETHAND);
	hits = 0;
	raise(SIGUSR1);
	sigaction(SIGUSR1, NULL, &sa);
	ok(hits == 1 && sa.sa_handler == SIG_DFL, "SA_RESETHAND: after one delivery the action is SIG_DFL");
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

static void child_resethand(void *arg)
{
	(void)arg;
	set_handler(SIGUSR1, h_count, SA_RESETHAND);
	raise(SIGUSR1);              /* caught */
	raise(SIGUSR1);              /* default action: dies */
	_exit(0);
}

/* ---- interrupted system calls ------------------------------------------ */

static void start_timer(long first_us, long every_us)
{
	struct itimerval it = { { 0, every_us }, { 0, first_us } };

	setitimer(ITIMER_REAL, &it, NULL);
}

static void test_eintr(void)
{
	int p[2], st;
	char c;
	long r;
	pid_t pid;

	pipe(p);
	hits = 0;
	set_handler(SIGALRM, h_count, 0);      /* no SA_RESTART */
	start_timer(20000, 20000);             /* repeats, in case the first fires early */
	r = read(p[0], &c, 1);                  /* nobody writes */
	start_timer(0, 0);                      /* stop it before printing (errno kept) */
	is_errno(r, EINTR, "a blocking pipe read interrupted by a handler (no SA_RESTART) -> EINTR");
	ok(hits >= 1, "the SIGALRM handler ran");

	set_handler(SIGALRM, h_count, SA_RESTART);
	hits = 0;
	pid = fork();
	if (pid == 0) {
		sleep_ms(80);
		write(p[1], "r", 1);
		_exit(0);
	}
	start_timer(20000, 20000);
	r = read(p[0], &c, 1);
	start_timer(0, 0);
	is_int(r, 1, "with SA_RESTART the read is restarted and gets the data");
	ok(hits >= 1, "... after the handler ran at least once");
	waitpid(pid, &st, 0);
	close(p[0]);
	close(p[1]);

	/* nanosleep reports the time left. */
	{
		struct timespec req = { 1, 0 }, rem = { 0, 0 };
		double left;

		set_handler(SIGALRM, h_count, 0);
		start_timer(20000, 20000);      /* repeats: one tick lands in the sleep */
		r = nanosleep(&req, &rem);
		start_timer(0, 0);
		left = rem.tv_sec + rem.tv_nsec / 1e9;
		is_errno(r, EINTR, "nanosleep interrupted by a handler -> EINTR");
		ok(left > 0.5 && left <= 1.0, "nanosleep's rem holds the time left (%.3f s)", left);
	}

	/* sigsuspend always returns -1/EINTR after a handler. */
	{
		sigset_t none;

		block(SIGUSR1, SIG_BLOCK);
		set_handler(SIGUSR1, h_count, 0);
		kill(getpid(), SIGUSR1);       /* pending */
		sigemptyset(&none);
		hits = 0;
		is_errno(sigsuspend(&none), EINTR, "sigsuspend returns EINTR after the handler");
		is_int(hits, 1, "sigsuspend let the pending signal in");
		ok(is_blocked(SIGUSR1), "sigsuspend restored the old mask");
		block(SIGUSR1, SIG_UNBLOCK);
		signal(SIGUSR1, SIG_DFL);
	}
	signal(SIGALRM, SIG_DFL);
}

/* ---- timers: alarm, setitimer/getitimer -------------------------------- */

static void test_timers(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 200000 } }, cur;
	sigset_t none;
	double t0, t;

	is_int(setitimer(ITIMER_REAL, &it, NULL), 0, "setitimer(ITIMER_REAL, 200 ms)");
	is_int(getitimer(ITIMER_REAL, &cur), 0, "getitimer succeeds");
	ok(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 200000,
	   "getitimer shows 0 < remaining <= 200 ms");
	ok(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 0, "... and no interval");
	it.it_value.tv_usec = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	getitimer(ITIMER_REAL, &cur);
	ok(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0, "a zero it_value disarms the timer");
	it.it_value.tv_usec = 1000000;
	is_errno(setitimer(ITIMER_REAL, &it, NULL), EINVAL, "setitimer with tv_usec = 1000000 -> EINVAL");

	/* A 20 ms one-shot timer delivers SIGALRM no earlier than 20 ms. */
	hits = 0;
	set_handler(SIGALRM, h_count, 0);
	block(SIGALRM, SIG_BLOCK);
	sigemptyset(&none);
	t0 = now();
	start_timer(20000, 0);
	while (hits == 0)
		sigsuspend(&none);
	t = now() - t0;
	ok(t >= 0.020, "setitimer's SIGALRM came after >= 20 ms (%.1f ms)", t * 1000);

	/* alarm(): returns the seconds left on the previous alarm. */
	is_int(alarm(5), 0, "alarm(5) with no alarm set returns 0");
	is_int(alarm(3), 5, "alarm(3) returns the previous alarm's 5 s (rounded)");
	is_int(alarm(0), 3, "alarm(0) cancels and returns 3");
	hits = 0;
	t0 = now();
	alarm(1);
	while (hits == 0)
		sigsuspend(&none);
	t = now() - t0;
	is_int(last_sig, SIGALRM, "alarm(1) delivered SIGALRM");
	ok(t >= 1.0, "... no earlier than 1 s (%.3f s)", t);
	block(SIGALRM, SIG_UNBLOCK);
	signal(SIGALRM, SIG_DFL);
}

/* ---- tkill / tgkill ------------------------------------------------------ */

static void test_tkill(void)
{
	long tid = syscall(SYS_gettid);

	hits = 0;
	set_handler(SIGUSR1, h_count, 0);
	is_int(syscall(SYS_tkill, tid, SIGUSR1), 0, "tkill(own tid, SIGUSR1) succeeds");
	is_int(hits, 1, "tkill delivered the signal");
	is_int(syscall(SYS_tgkill, getpid(), tid, SIGUSR1), 0, "tgkill(own pid, own tid) succeeds");
	is_int(hits, 2, "tgkill delivered the signal");
	is_int(syscall(SYS_tgkill, getpid(), tid, 0), 0, "tgkill with signal 0 only checks the target");
	/* Not getppid(): run as pid 1 it is 0, which is EINVAL (checked below). */
	is_errno(syscall(SYS_tgkill, getpid() + 1, tid, SIGUSR1), ESRCH,
		 "tgkill with a tgid the tid is not in -> ESRCH");
	is_errno(syscall(SYS_tgkill, 0, tid, SIGUSR1), EINVAL, "tgkill with tgid 0 -> EINVAL");
	is_errno(syscall(SYS_tkill, 0, SIGUSR1), EINVAL, "tkill with tid 0 -> EINVAL");
	is_errno(syscall(SYS_tkill, tid, 65), EINVAL, "tkill with signal 65 -> EINVAL");
	is_errno(syscall(SYS_tkill, 4194303 + 1000, SIGUSR1), ESRCH, "tkill of a missing tid -> ESRCH");
	signal(SIGUSR1, SIG_DFL);
}

/* ---- fork and execve --------------------------------------------------- */

/* In the re-executed program: report what survived execve, as bits. */
static int check_exec_sigs(void)
{
	struct sigaction sa;
	int code = 0;

	sigaction(SIGUSR1, NULL, &sa);
	if (sa.sa_handler != SIG_IGN)
		code |= 1;
	sigaction(SIGUSR2, NULL, &sa);
	if (sa.sa_handler != SIG_DFL)
		code |= 2;
	if (!is_blocked(SIGTERM))
		code |= 4;
	if (!is_pending(SIGTERM))
		code |= 8;
	return code;      /* SIGTERM stays blocked, so exiting is safe */
}

static void test_fork_exec(void)
{
	pid_t pid;
	int st;

	/* Across fork: handlers are inherited, the pending set is not. */
	set_handler(SIGUSR1, h_count, 0);
	block(SIGUSR2, SIG_BLOCK);
	kill(getpid(), SIGUSR2);
	pid = fork();
	if (pid == 0) {
		hits = 0;
		raise(SIGUSR1);
		_exit((hits == 1 ? 0 : 1) | (is_pending(SIGUSR2) ? 2 : 0) |
		      (is_blocked(SIGUSR2) ? 0 : 4));
	}
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 1), "fork: the child inherits signal handlers");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 4), "fork: the child inherits the signal mask");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 2), "fork: the child starts with no pending signals");
	signal(SIGUSR2, SIG_IGN);       /* drop the parent's pending SIGUSR2 */
	block(SIGUSR2, SIG_UNBLOCK);

	pid = fork();
	if (pid == 0) {
		char *argv[] = { self_path, "--check-exec-sigs", NULL };
		char *envp[] = { NULL };

		signal(SIGUSR1, SIG_IGN);
		set_handler(SIGUSR2, h_count, 0);
		block(SIGTERM, SIG_BLOCK);
		kill(getpid(), SIGTERM);
		execve(self_path, argv, envp);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) != 99, "the child re-executed this program");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 1), "execve keeps SIG_IGN");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 2), "execve resets a handled signal to SIG_DFL");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 4), "execve keeps the signal mask");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 8), "execve keeps pending signals");
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--check-exec-sigs") == 0)
		return check_exec_sigs();

	tap_init();
	self_path = argv[0];
	test_delivery();
	test_masks();
	test_sigaction_errors();
	test_defaults();
	test_stop_cont();
	test_sigchld();
	test_nesting();
	is_killed_by(run_child(child_resethand, NULL), SIGUSR1,
		     "SA_RESETHAND: the second delivery takes the default action");
	test_eintr();
	test_timers();
	test_tkill();
	test_fork_exec();
	return done_testing();
}
