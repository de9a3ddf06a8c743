/*
 * proc/signal.h - Linux's x86-64 signal numbers, flags and the structures
 * user space exchanges with the kernel (k_sigaction, siginfo, stack_t),
 * and the kernel's API for sending signals (proc/signal.c).
 *
 * A signal set is one 64-bit word (x86-64's _NSIG_WORDS is 1): bit n-1
 * stands for signal n.  Everything here is Linux's user-visible ABI.
 */
#ifndef PROC_SIGNAL_H
#define PROC_SIGNAL_H

#include "kernel/types.h"
#include "kernel/list.h"

#define SIGHUP	1
#define SIGINT	2
#define SIGQUIT	3
#define SIGILL	4
#define SIGTRAP	5
#define SIGABRT	6
#define SIGBUS	7
#define SIGFPE	8
#define SIGKILL	9
#define SIGUSR1	10
#define SIGSEGV	11
#define SIGUSR2	12
#define SIGPIPE	13
#define SIGALRM	14
#define SIGTERM	15
#define SIGSTKFLT 16
#define SIGCHLD	17
#define SIGCONT	18
#define SIGSTOP	19
#define SIGTSTP	20
#define SIGTTIN	21
#define SIGTTOU	22
#define SIGURG	23
#define SIGXCPU	24
#define SIGXFSZ	25
#define SIGVTALRM 26
#define SIGPROF	27
#define SIGWINCH 28
#define SIGIO	29
#define SIGPWR	30
#define SIGSYS	31
#define SIGRTMIN 32
#define _NSIG	64

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_UNSUPPORTED	0x00000400
#define SA_EXPOSE_TAGBITS 0x00000800
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000
/* The flags rt_sigaction keeps (Linux's UAPI_SA_FLAGS); others read back as 0. */
#define UAPI_SA_FLAGS	(SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | \
			 SA_RESTART | SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS | \
			 SA_RESTORER)

#define SIG_DFL	((void *)0)
#define SIG_IGN	((void *)1)

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* si_code values */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	-1
#define SI_TIMER	-2
#define SI_TKILL	-6
#define ILL_ILLOPN	2
#define FPE_INTDIV	1
#define FPE_FLTDIV	3
#define FPE_FLTOVF	4
#define FPE_FLTUND	5
#define FPE_FLTRES	6
#define FPE_FLTINV	7
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)
#define SS_FLAG_BITS	SS_AUTODISARM
#define MINSIGSTKSZ	2048

#ifdef UNIT_TEST	/* host headers may already have their own sigset_t */
#define sigset_t ksigset_t
#endif
typedef uint64_t sigset_t;

static inline sigset_t sigmask(int sig) { return 1UL << (sig - 1); }
static inline bool sigismember(const sigset_t *s, int sig) { return *s & sigmask(sig); }
static inline bool valid_signal(unsigned long sig) { return sig <= _NSIG; }
#define SIG_KERNEL_ONLY_MASK (sigmask(SIGKILL) | sigmask(SIGSTOP))

struct k_sigaction {		/* struct sigaction as the syscall sees it */
	void *handler;
	unsigned long flags;
	void *restorer;
	sigset_t mask;
};

/* siginfo_t, 128 bytes; the union members sit where Linux puts them. */
struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int _pad0;
	union {
		struct { pid_t pid; uid_t uid; } kill;		/* SI_USER, SI_TKILL */
		struct { int tid; int overrun; unsigned long value; } timer;
		struct { pid_t pid; uid_t uid; unsigned long value; } rt;	/* SI_QUEUE */
		struct { pid_t pid; uid_t uid; int status; long utime, stime; } chld;
		struct { void *addr; } fault;			/* SIGSEGV, SIGILL, ... */
		char _pad[128 - 16];
	};
};
_Static_assert(sizeof(struct siginfo) == 128, "siginfo is 128 bytes");

struct user_stack_t {		/* stack_t */
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
};

/* One queued signal with its siginfo (Linux's struct sigqueue). */
struct sigqueue {
	struct list_head list;
	struct siginfo info;
};

/* Signals waiting for delivery: the set, and the siginfo of each. */
struct sigpending {
	sigset_t signal;
	struct list_head list;		/* of struct sigqueue, in arrival order */
};

/* What get_signal hands to the arch code: the signal and its action. */
struct ksignal {
	int sig;
	struct k_sigaction ka;
	struct siginfo info;
};

/* task->signal_flags: Linux's SIGNAL_* values (signal_struct->flags). */
#define SIGNAL_STOP_STOPPED	0x00000001	/* stopped by a stop signal */
#define SIGNAL_STOP_CONTINUED	0x00000002	/* SIGCONT since the stop; for WCONTINUED */
#define SIGNAL_GROUP_EXIT	0x00000004	/* dying of group_exit_code */
#define SIGNAL_CLD_STOPPED	0x00000010	/* parent not yet told of a stop */
#define SIGNAL_CLD_CONTINUED	0x00000020	/* parent not yet told of a SIGCONT */
#define SIGNAL_UNKILLABLE	0x00000040	/* init: only signals it handles */
#define SIGNAL_CLD_MASK		(SIGNAL_CLD_STOPPED | SIGNAL_CLD_CONTINUED)
#define SIGNAL_STOP_MASK	(SIGNAL_CLD_MASK | SIGNAL_STOP_STOPPED | SIGNAL_STOP_CONTINUED)

/* The "info" argument of send_sig_info: from user space, or the kernel. */
#define SEND_SIG_NOINFO	((struct siginfo *)0)	/* SI_USER from current */
#define SEND_SIG_PRIV	((struct siginfo *)1)	/* SI_KERNEL */

#ifndef UNIT_TEST
struct task;
struct pt_regs;

/*
 * Sending.  All may run with interrupts off or from an interrupt (timers);
 * none sleeps.  No permission checks: those are kill(2)'s.  Return 0, or
 * -EAGAIN when a real-time signal cannot be queued.
 */
int send_sig_info(int sig, struct siginfo *info, struct task *t);
/* send_sig_info with SEND_SIG_PRIV if @priv, else SEND_SIG_NOINFO (e.g. SIGPIPE). */
int send_sig(int sig, struct task *t, int priv);
/* To every process in group @pgrp: 0 if any got it, else -ESRCH/-errno. */
int kill_pgrp(int pgrp, int sig, int priv);
/* A process-directed signal with kill(2)'s rules (permission, init). */
int group_send_sig_info(int sig, struct siginfo *info, struct task *t);
int kill_proc_info(int sig, struct siginfo *info, pid_t pid);

/* Synchronous signals to current: delivered even if blocked or ignored. */
int force_sig(int sig);
int force_sig_fault(int sig, int code, void *addr);
void force_sigsegv(int sig);
/* A user page fault the mm could not resolve (mm/fault.c). */
void bad_area_signal(struct pt_regs *regs, unsigned long error_code,
		     unsigned long address, int sig, int code);
/* A CPU exception in user mode (kernel/trap.c). */
void user_exception(struct pt_regs *regs, int vector);

bool signal_pending(struct task *t);
bool fatal_signal_pending(struct task *t);
/* Dequeue the next deliverable signal; true if it has a handler (else acted on). */
bool get_signal(struct ksignal *ksig);
/* After a handler's frame is built (or failed): the mask, SA_RESETHAND. */
void signal_setup_done(bool failed, struct ksignal *ksig);
void set_current_blocked(sigset_t set);
void restore_saved_sigmask(void);
sigset_t sigmask_to_save(void);

/* Lifetime: fork copies, exec resets handlers, exit drops the queue. */
int copy_sighand(struct task *child, struct task *parent);
void flush_signal_handlers(struct task *t);
void exit_signals(struct task *t);
void put_sighand(struct task *t);
void flush_sigqueue(struct sigpending *p);
void init_sigpending(struct sigpending *p);

/* Tell the parent of @t that it exited; true if @t is to be reaped at once. */
bool do_notify_parent(struct task *t, int sig);
void do_notify_parent_cldstop(struct task *t, int why);
/* At exit (@parent NULL) or reparenting: SIGHUP+SIGCONT a newly orphaned group's stopped jobs. */
void kill_orphaned_pgrp(struct task *t, struct task *parent);

/* Altstack helpers shared with the frame code. */
bool on_sig_stack(unsigned long sp);
int sas_ss_flags(unsigned long sp);
int do_sigaltstack(const struct user_stack_t *ss, struct user_stack_t *oss,
		   unsigned long sp);
#endif

#endif
