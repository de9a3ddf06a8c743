/*
 * proc/sched.h - the scheduler: one CPU, round robin, preemptive in user
 * mode (the timer sets need_resched; the switch happens on the way back
 * to user space or when a task sleeps).
 */
#ifndef PROC_SCHED_H
#define PROC_SCHED_H

#include "kernel/errno.h"
#include "proc/task.h"

void sched_init(void);
void schedule(void);
void wake_up_process(struct task *t);
/* Wake @t only if it sleeps in one of the TASK_* states in @state. */
bool wake_up_state(struct task *t, int state);
/* Free @t (exited, unreaped by choice) once the CPU has left its stack. */
void release_after_switch(struct task *t);
/* Make @t runnable for the first time. */
void sched_start(struct task *t);
void scheduler_tick(void);		/* from the timer interrupt */
/* Sleep for @ns of CLOCK_MONOTONIC; -ERESTARTSYS on a signal, else 0. */
int schedule_timeout_ns(uint64_t ns, bool interruptible);
/* Sleep until CLOCK_MONOTONIC reaches @deadline_ns. */
int sleep_until_ns(uint64_t deadline_ns, bool interruptible);
/*
 * Switch away once, in the state the caller set (after queueing itself
 * on its wait queues), until woken or monotonic @deadline (0: none).
 * poll/select use it to wait on many queues and a timeout at once.
 */
void schedule_deadline(uint64_t deadline);

/* Let others run if the timer asked for it (long kernel loops). */
static inline void cond_resched(void)
{
	if (current->need_resched)
		schedule();
}

/* Start a kernel thread running fn(arg). */
struct task *kthread_run(int (*fn)(void *), void *arg, const char *name);
__noreturn void kthread_exit(long code);
/* The first user process's kernel side: becomes pid 1. */
void cpu_idle(void);

struct completion {
	bool done;
	struct wait_queue_head wait;
};
void init_completion(struct completion *c);
void complete(struct completion *c);
void wait_for_completion(struct completion *c);
/* The same, but a fatal signal ends the wait early: -ERESTARTSYS. */
int wait_for_completion_killable(struct completion *c);

#endif
