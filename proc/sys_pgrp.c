/*
 * proc/sys_pgrp.c - process groups and sessions (setpgid, getpgid,
 * getpgrp, setsid, getsid) with Linux's rules, and sched_getaffinity
 * for the one CPU.  Linux: kernel/sys.c, kernel/sched/core.c.
 */
#include "proc/task.h"
#include "kernel/errno.h"
#include "mm/uaccess.h"

static struct task *task_or_self(pid_t pid)
{
	return pid ? find_task_by_pid(pid) : current;
}

static bool is_my_child(struct task *t)
{
	return t->parent == current;
}

/* Does any task in session @sid lead or belong to process group @pgid? */
static bool pgrp_in_session(pid_t pgid, pid_t sid)
{
	struct task *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->state != TASK_DEAD && t->pgid == pgid && t->sid == sid)
			return true;
	return false;
}

long sys_setpgid(unsigned long upid, unsigned long upgid, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	pid_t pid = (pid_t)upid, pgid = (pid_t)upgid;
	struct task *t;

	if (pgid < 0)
		return -EINVAL;
	t = task_or_self(pid);
	if (!t || (t != current && !is_my_child(t)))
		return -ESRCH;
	if (!pgid)
		pgid = t->pid;
	if (t->sid != current->sid)
		return -EPERM;
	if (t->sid == t->pid)
		return -EPERM;		/* a session leader cannot move */
	if (pgid != t->pid && !pgrp_in_session(pgid, current->sid))
		return -EPERM;
	t->pgid = pgid;
	return 0;
}

long sys_getpgid(unsigned long upid, unsigned long a2, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct task *t = task_or_self((pid_t)upid);

	return t ? t->pgid : -ESRCH;
}

long sys_getpgrp(unsigned long a1, unsigned long a2, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	return current->pgid;
}

long sys_getsid(unsigned long upid, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct task *t = task_or_self((pid_t)upid);

	return t ? t->sid : -ESRCH;
}

long sys_setsid(unsigned long a1, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct task *t = current;

	if (t->pgid == t->pid || pgrp_in_session(t->pid, t->sid))
		return -EPERM;		/* already a group leader */
	t->sid = t->pgid = t->pid;
	return t->sid;
}

/* One CPU: the mask is CPU 0, 8 bytes long (nr_cpu_ids = 1). */
long sys_sched_getaffinity(unsigned long upid, unsigned long len, unsigned long umask,
			   unsigned long a4, unsigned long a5, unsigned long a6)
{
	unsigned long mask = 1;

	if (len * 8 < 1 || (len & (sizeof(long) - 1)))
		return -EINVAL;
	if (!task_or_self((pid_t)upid))
		return -ESRCH;
	return copy_to_user((void *)umask, &mask, sizeof(mask)) ? -EFAULT : (long)sizeof(mask);
}
