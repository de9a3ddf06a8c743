/*
 * proc/task.c - allocating tasks and pids, the global task list.
 * Pids count up from 1 and wrap at PID_MAX, skipping pids in use, as
 * Linux's alloc_pid does without namespaces.
 */
#include "proc/task.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "mm/oom.h"
#include "kernel/lib/string.h"

LIST_HEAD(task_list);
struct task *init_task;
static pid_t last_pid;

struct task *find_task_by_pid(pid_t pid)
{
	struct task *t;

	/* A zombie still owns its pid (kill(zombie, 0) is 0) until reaped. */
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid && (t->state != TASK_DEAD || t->exit_state == EXIT_ZOMBIE))
			return t;
	return NULL;
}

pid_t alloc_pid(void)
{
	for (int tries = 0; tries < PID_MAX; tries++) {
		pid_t pid = last_pid + 1;
		if (pid >= PID_MAX)
			pid = 300 > PID_MAX ? 1 : 300;	/* Linux's RESERVED_PIDS */
		last_pid = pid;
		if (!find_task_by_pid(pid))
			return pid;
	}
	return -1;
}

/* The largest pid in use: walks by pid need go no further (pids wrap). */
pid_t highest_pid(void)
{
	struct task *t;
	pid_t max = 0;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid > max)
			max = t->pid;
	return max;
}

pid_t last_allocated_pid(void)
{
	return last_pid;
}

struct task *task_alloc(void)
{
	struct task *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	t->kstack = kmalloc(KSTACK_SIZE, GFP_KERNEL);
	t->fpu = kzalloc(sizeof(*t->fpu), GFP_KERNEL);
	t->sighand = kzalloc(sizeof(*t->sighand), GFP_KERNEL);	/* all SIG_DFL */
	if (!t->kstack || !t->fpu || !t->sighand) {
		task_free(t);
		return NULL;
	}
	/* A clean FPU: x87 control word 0x37f, MXCSR 0x1f80 (as after FNINIT). */
	*(uint16_t *)&t->fpu->fxsave[0] = 0x37f;
	*(uint32_t *)&t->fpu->fxsave[24] = 0x1f80;
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->tasks);
	INIT_LIST_HEAD(&t->run_list);
	init_waitqueue_head(&t->wait_chld);
	t->sighand->count = 1;
	init_sigpending(&t->pending);
	init_sigpending(&t->shared_pending);
	t->state = TASK_RUNNING;
	t->exit_signal = SIGCHLD;
	t->start_time_ns = ktime_get_ns();
	cred_init_root(&t->cred);	/* init_cred; fork overwrites it */
	return t;
}

void task_free(struct task *t)
{
	oom_forget_task(t);
	if (t->pending.list.next) {	/* NULL when task_alloc failed early */
		flush_sigqueue(&t->pending);
		flush_sigqueue(&t->shared_pending);
	}
	put_sighand(t);
	exit_creds(t);
	kfree(t->kstack);
	kfree(t->fpu);
	kfree(t);
}

void set_task_comm(struct task *t, const char *name)
{
	strlcpy(t->comm, name, sizeof(t->comm));
}
