/*
 * proc/signal.h - Linux's x86-64 signal numbers, flags and the structures
 * user space exchanges with the kernel (k_sigaction, siginfo, stack_t).
 */
#ifndef PROC_SIGNAL_H
#define PROC_SIGNAL_H

#include "kernel/types.h"

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
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

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
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRERR	2
#define ILL_ILLOPN	2
#define FPE_INTDIV	1
#define FPE_FLTDIV	3
#define TRAP_BRKPT	1
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define MINSIGSTKSZ	2048

typedef uint64_t sigset_t;

static inline sigset_t sigmask(int sig) { return 1UL << (sig - 1); }
#define SIG_KERNEL_ONLY_MASK (sigmask(SIGKILL) | sigmask(SIGSTOP))

struct k_sigaction {		/* struct sigaction as the syscall sees it */
	void *handler;
	unsigned long flags;
	void *restorer;
	sigset_t mask;
};

struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int _pad0;
	union {
		struct { int pid; uid_t uid; } kill;
		struct { int pid; uid_t uid; int status; int _p; long utime, stime; } chld;
		struct { void *addr; } fault;
		struct { int tid; int overrun; long value; } timer;
		char _pad[128 - 16];
	};
};
_Static_assert(sizeof(struct siginfo) == 128, "siginfo is 128 bytes");

struct user_stack_t {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
};

#endif
