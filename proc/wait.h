/*
 * proc/wait.h - wait queues: a task sleeps on a queue until a condition
 * it re-checks becomes true (Linux's wait_event pattern).
 *
 * The kernel runs on one CPU and is not preemptible, so the only race is
 * with interrupt handlers; setting the task state before testing the
 * condition means a wake-up from an interrupt between the test and
 * schedule() is never lost (the task is simply still RUNNING).
 */
#ifndef PROC_WAIT_H
#define PROC_WAIT_H

#include "kernel/list.h"
#include "kernel/errno.h"

struct task;

struct wait_queue_head {
	struct list_head head;
};

struct wait_queue_entry {
	struct task *task;
	struct list_head node;
};

#define WAIT_QUEUE_HEAD_INIT(name) { LIST_HEAD_INIT((name).head) }
static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w,
		     int state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);
void wake_up(struct wait_queue_head *wq);
bool signal_pending_current(void);
bool fatal_signal_pending_current(void);
void schedule(void);

/*
 * Sleep in @state until @cond holds: 0, or -ERESTARTSYS when @interrupted
 * (evaluated after each wake-up, before sleeping again) says a signal
 * ends the wait.  The three waits below are this with Linux's states.
 */
#define ___wait_event(wq, cond, state, interrupted) ({			\
	struct wait_queue_entry __w = { 0 };					\
	int __ret = 0;							\
	for (;;) {							\
		prepare_to_wait(&(wq), &__w, (state));			\
		if (cond)						\
			break;						\
		if (interrupted) {					\
			__ret = -ERESTARTSYS;				\
			break;						\
		}							\
		schedule();						\
	}								\
	finish_wait(&(wq), &__w);					\
	__ret;								\
})

/* Until @cond, or -ERESTARTSYS when a signal arrives first (EINTR or a restart). */
#define wait_event_interruptible(wq, cond) \
	___wait_event(wq, cond, TASK_INTERRUPTIBLE, signal_pending_current())

/*
 * Until @cond, or -ERESTARTSYS when a fatal signal (SIGKILL, or one whose
 * default action will kill) arrives: for sleeps that must not end on
 * ordinary signals but must not outlive their task either (an OOM victim
 * may be sleeping in one).
 */
#define wait_event_killable(wq, cond) \
	___wait_event(wq, cond, TASK_KILLABLE, fatal_signal_pending_current())

/* Until @cond, whatever arrives. */
#define wait_event(wq, cond) \
	((void)___wait_event(wq, cond, TASK_UNINTERRUPTIBLE, false))

#endif
