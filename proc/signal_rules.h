/*
 * proc/signal_rules.h - the pure decision tables of signal handling, kept
 * apart so host unit tests can check them against Linux 6.1:
 *
 *   - what a signal's default action is (Linux's SIG_KERNEL_*_MASK);
 *   - which pending signal is taken next (synchronous faults first);
 *   - what happens to an interrupted syscall (-ERESTART* codes);
 *   - where a signal frame goes on the user stack or the altstack;
 *   - which EFLAGS bits rt_sigreturn lets user space change.
 *
 * No state, no side effects: every input is an argument.
 */
#ifndef PROC_SIGNAL_RULES_H
#define PROC_SIGNAL_RULES_H

#include "proc/signal.h"

/* Default actions. */
#define SIG_KERNEL_STOP_MASK (sigmask(SIGSTOP) | sigmask(SIGTSTP) | \
			      sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define SIG_KERNEL_COREDUMP_MASK (sigmask(SIGQUIT) | sigmask(SIGILL) | \
	sigmask(SIGTRAP) | sigmask(SIGABRT) | sigmask(SIGFPE) | sigmask(SIGSEGV) | \
	sigmask(SIGBUS) | sigmask(SIGSYS) | sigmask(SIGXCPU) | sigmask(SIGXFSZ))
#define SIG_KERNEL_IGNORE_MASK (sigmask(SIGCONT) | sigmask(SIGCHLD) | \
				sigmask(SIGWINCH) | sigmask(SIGURG))
/* Faults the CPU raised: dequeued before any other pending signal. */
#define SYNCHRONOUS_MASK (sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
			  sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))

/* Real-time signals (>= SIGRTMIN) are never in these masks. */
static inline bool sig_in(int sig, sigset_t mask)
{
	return sig < SIGRTMIN && (mask & sigmask(sig));
}
static inline bool sig_kernel_only(int sig) { return sig == SIGKILL || sig == SIGSTOP; }
static inline bool sig_kernel_stop(int sig) { return sig_in(sig, SIG_KERNEL_STOP_MASK); }
static inline bool sig_kernel_ignore(int sig) { return sig_in(sig, SIG_KERNEL_IGNORE_MASK); }
static inline bool sig_kernel_coredump(int sig) { return sig_in(sig, SIG_KERNEL_COREDUMP_MASK); }

/* An action that discards @sig: SIG_IGN, or SIG_DFL whose default is ignore. */
static inline bool sig_handler_ignored(const void *handler, int sig)
{
	return handler == SIG_IGN || (handler == SIG_DFL && sig_kernel_ignore(sig));
}

/* The signal to take from @pending given @blocked, or 0. */
int next_signal(sigset_t pending, sigset_t blocked);

/* What the syscall return path does with an interrupted call. */
enum restart_action {
	RESTART_NONE,		/* not a restart code: leave rax alone */
	RESTART_EINTR,		/* rax = -EINTR */
	RESTART_AGAIN,		/* rax = orig_rax, rip -= 2: the call runs again */
	RESTART_BLOCK,		/* rax = __NR_restart_syscall, rip -= 2 */
};
/*
 * @ret is the syscall's return value; @handler says a handler is about to
 * run (with @sa_flags), else no handler runs (the signal was ignored or
 * stopped the task).
 */
enum restart_action syscall_restart_action(long ret, bool handler, unsigned long sa_flags);

/* The task's sigaltstack, as the frame code needs it. */
struct altstack {
	unsigned long sp;
	size_t size;
	unsigned int flags;	/* SS_DISABLE, SS_AUTODISARM */
};
bool altstack_contains(const struct altstack *as, unsigned long sp);
/* SS_DISABLE, SS_ONSTACK or 0, as sigaltstack(2) reports it for @sp. */
int altstack_flags(const struct altstack *as, unsigned long sp);

/*
 * Place a frame of @frame_size bytes plus a @math_size FPU area below the
 * interrupted @sp: skip the 128-byte red zone, switch to the altstack for
 * SA_ONSTACK when not already on it, FPU area 64-byte aligned, frame so
 * that frame+8 is 16-byte aligned (as after a call).  Returns the frame
 * address with *fpstate set, or -1 when the altstack would overflow.
 */
unsigned long sigframe_place(unsigned long sp, bool sa_onstack, const struct altstack *as,
			     size_t frame_size, size_t math_size, unsigned long *fpstate);

/* rt_sigreturn: the flags after taking the user-changeable bits of @user. */
unsigned long sigreturn_eflags(unsigned long cur, unsigned long user);

#endif
