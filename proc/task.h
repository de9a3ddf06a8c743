/*
 * proc/task.h - struct task, one per thread of control (a process, or a
 * kernel thread), and the global task list.
 *
 * Lifetime: allocated by fork/kthread_create; at exit the task keeps its
 * struct and kernel stack as a zombie until its parent reaps it with
 * wait4 (release_task frees them).  Fields are grouped by who may touch
 * them; on one CPU with a non-preemptible kernel, "owner" means code
 * running as that task, and anything also touched from interrupts is
 * changed with interrupts off.
 */
#ifndef PROC_TASK_H
#define PROC_TASK_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/ptrace.h"
#include "kernel/time.h"
#include "mm/memlayout.h"
#include "proc/cred.h"
#include "proc/signal.h"
#include "proc/wait.h"

#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define TASK_STOPPED		4
#define TASK_DEAD		64
#define TASK_WAKEKILL		128	/* a fatal signal wakes it (SIGKILL) */
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define EXIT_DEAD		32	/* reaped at exit (parent ignores SIGCHLD) */
#define EXIT_ZOMBIE		16

/* task->flags */
#define PF_KTHREAD	0x00200000	/* a kernel thread: no user space */
#define PF_EXITING	0x00000004
#define PF_VFORK_CHILD	0x00000100	/* between vfork and exec/exit */
#define PF_MEMALLOC	0x00000800	/* may dip into reserves (OOM victim) */

#define TASK_COMM_LEN	16
#define RLIM_NLIMITS	16
#define RLIM_INFINITY	(~0UL)
#define RLIMIT_DATA	2
#define RLIMIT_STACK	3
#define RLIMIT_MEMLOCK	8
#define RLIMIT_AS	9

struct rlimit { unsigned long rlim_cur, rlim_max; };

struct sighand {
	int count;			/* tasks sharing these actions */
	struct k_sigaction action[_NSIG];
};

struct fpu_state {
	uint8_t fxsave[512] __aligned(16);
};

/*
 * What restart_syscall (219) resumes after a signal without a handler
 * interrupted a call that returned -ERESTART_RESTARTBLOCK (Linux's
 * restart_block): @fn gets the state the call saved in @arg.
 */
struct restart_block {
	long (*fn)(struct restart_block *rb);
	unsigned long arg[4];
};

/* A CPU-time interval timer: counted down by the timer tick. */
struct cpu_itimer {
	uint64_t left_ns;		/* 0: disarmed */
	uint64_t incr_ns;
};

struct files;
struct fs_struct;
struct mm;
struct completion;

struct task {
	/* Scheduler (interrupts off) */
	unsigned long ksp;		/* saved kernel rsp while switched out */
	int state;			/* TASK_* */
	bool need_resched;
	bool on_rq;
	int ticks_left;			/* of the round-robin slice */
	struct list_head run_list;
	void *kstack;			/* KSTACK_SIZE bytes */

	/* Identity */
	pid_t pid, tgid, pgid, sid;
	char comm[TASK_COMM_LEN];
	unsigned int flags;		/* PF_* */
	struct cred cred;

	/* Family (see proc/exit.c for reparenting) */
	struct task *parent;
	struct list_head children;	/* my children, via sibling */
	struct list_head sibling;
	struct list_head tasks;		/* global task list, pid order */
	struct wait_queue_head wait_chld;	/* wait4 sleeps here */
	int exit_state;			/* EXIT_ZOMBIE once exited */
	int exit_code;			/* wait status */
	int exit_signal;		/* sent to the parent: SIGCHLD */

	/* Resources */
	struct mm *mm;			/* NULL for kernel threads */
	struct files *files;
	struct fs_struct *fs;
	struct rlimit rlim[RLIM_NLIMITS];
	short oom_score_adj;		/* -1000..1000, per process */
	short oom_score_adj_min;	/* lowest value an unprivileged write may set */
	struct mm *oom_mm;		/* set when the OOM killer chose us: our mm then */
	bool oom_origin;		/* swapoff: choose me first (oom_task_origin) */
	uint64_t oom_reap_at;		/* when the oom_reaper looks at this victim */
	int oom_reap_attempts;		/* mmap_lock busy: tries so far (6.1: 10) */
	struct completion *vfork_done;	/* parent waits here during vfork */
	int *clear_child_tid;		/* CLONE_CHILD_CLEARTID / set_tid_address */
	int *set_child_tid;		/* CLONE_CHILD_SETTID: written at first run */
	void *robust_list;		/* set_robust_list: walked at exit and exec */
	/* A kernel buffer the copy routines accept as if it were user memory
	 * (kernel_write: sendfile); empty otherwise. */
	uintptr_t kbuf_start, kbuf_end;

	/* Signals (proc/signal.c; interrupts off where timers touch them) */
	struct sighand *sighand;
	sigset_t blocked;			/* never SIGKILL/SIGSTOP */
	sigset_t real_blocked;			/* blocked before rt_sigtimedwait */
	sigset_t saved_sigmask;			/* sigsuspend's, restored on return */
	bool restore_sigmask;
	struct sigpending pending;		/* sent to this thread (tkill, faults) */
	struct sigpending shared_pending;	/* sent to the process (kill) */
	int nr_sigqueued;			/* for RLIMIT_SIGPENDING */
	unsigned int signal_flags;		/* SIGNAL_* */
	int group_exit_code;			/* stop signal, or the fatal one */
	unsigned long sas_ss_sp;		/* sigaltstack */
	size_t sas_ss_size;
	unsigned int sas_ss_flags;
	struct restart_block restart_block;	/* -ERESTART_RESTARTBLOCK's resume */
	unsigned long thread_cr2, thread_trap_nr, thread_error_code;	/* last fault */

	/* Interval timers (kernel/itimer.c) */
	struct timer real_timer;		/* ITIMER_REAL / alarm */
	uint64_t it_real_incr_ns;
	struct cpu_itimer it[2];		/* ITIMER_VIRTUAL, ITIMER_PROF */

	/* Accounting */
	unsigned long min_flt, maj_flt, cmin_flt, cmaj_flt;
	uint64_t utime_ns, stime_ns, cutime_ns, cstime_ns;
	uint64_t start_time_ns;
	uint64_t last_switch_ns;

	/* Arch */
	unsigned long fs_base, gs_base;
	struct fpu_state *fpu;

	/* Sleeping */
	struct timer sleep_timer;
};

extern struct task *current;
extern struct list_head task_list;
extern struct task *init_task;		/* pid 1 */

static inline struct pt_regs *task_pt_regs(struct task *t)
{
	return (struct pt_regs *)((char *)t->kstack + KSTACK_SIZE) - 1;
}

struct task *find_task_by_pid(pid_t pid);
struct task *task_alloc(void);
void task_free(struct task *t);
pid_t alloc_pid(void);
/* The pid alloc_pid gave last (/proc/loadavg, the "processes" of /proc/stat). */
pid_t last_allocated_pid(void);
pid_t highest_pid(void);
void set_task_comm(struct task *t, const char *name);

#endif
