/*
 * proc/fork.c - fork, vfork and clone: a new task with a copy-on-write
 * copy of the address space (or the same one for CLONE_VM), returning 0
 * in the child and its pid in the parent.  Linux: kernel/fork.c.
 * Threads (CLONE_THREAD) are not supported: -EINVAL.
 */
#include "proc/sched.h"
#include "proc/task.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "kernel/fs/file.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000

void prepare_user_task(struct task *t);

/* The child's task: identity, credentials, limits, FPU state and registers copied. */
static struct task *copy_task(struct task *parent)
{
	struct task *t = task_alloc();

	if (!t)
		return NULL;
	t->pid = t->tgid = alloc_pid();
	if (t->pid < 0) {
		task_free(t);
		return NULL;
	}
	t->pgid = parent->pgid;
	t->sid = parent->sid;
	memcpy(t->comm, parent->comm, sizeof(t->comm));
	copy_creds(t, parent);
	memcpy(t->rlim, parent->rlim, sizeof(t->rlim));
	t->oom_score_adj = parent->oom_score_adj;
	t->oom_score_adj_min = parent->oom_score_adj_min;
	/* Signals: handlers, mask and altstack are inherited; nothing pending,
	 * no interval timers (task_alloc left those empty). */
	memcpy(t->sighand->action, parent->sighand->action, sizeof(t->sighand->action));
	t->blocked = parent->blocked;
	t->sas_ss_sp = parent->sas_ss_sp;
	t->sas_ss_size = parent->sas_ss_size;
	t->sas_ss_flags = parent->sas_ss_flags;
	t->fs_base = parent->fs_base;
	t->gs_base = parent->gs_base;
	asm volatile("fxsave64 %0" : "=m"(*t->fpu));	/* the parent's live state */
	*task_pt_regs(t) = *task_pt_regs(parent);
	task_pt_regs(t)->rax = 0;			/* fork() returns 0 in the child */
	return t;
}

/* The descriptor table and cwd: shared with CLONE_FILES/CLONE_FS, else copied. */
static int copy_files_fs(struct task *t, struct task *parent, unsigned long flags)
{
	if (parent->files && (flags & CLONE_FILES)) {
		t->files = parent->files;
		t->files->count++;
	} else if (parent->files && !(t->files = dup_files(parent->files))) {
		return -ENOMEM;
	}
	if (parent->fs && (flags & CLONE_FS)) {
		t->fs = parent->fs;
		t->fs->count++;
	} else if (parent->fs && !(t->fs = copy_fs(parent->fs))) {
		put_files(t->files);
		t->files = NULL;
		return -ENOMEM;
	}
	return 0;
}

long do_fork(unsigned long flags, unsigned long newsp, int *parent_tid,
	     int *child_tid, unsigned long tls)
{
	struct task *parent = current, *t;
	struct completion vfork;

	if (flags & (CLONE_THREAD | CLONE_SIGHAND))
		return -EINVAL;
	t = copy_task(parent);
	if (!t)
		return -ENOMEM;
	if (flags & CLONE_VM) {
		t->mm = parent->mm;
		t->mm->users++;
	} else if (!(t->mm = dup_mm(parent->mm))) {
		task_free(t);
		return -ENOMEM;
	}
	if (copy_files_fs(t, parent, flags)) {
		mmput(t->mm);
		task_free(t);
		return -ENOMEM;
	}
	if (newsp)
		task_pt_regs(t)->rsp = newsp;
	if ((flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) {
		t->sas_ss_sp = t->sas_ss_size = 0;	/* a new stack: no shared altstack */
		t->sas_ss_flags = SS_DISABLE;
	}
	if (flags & CLONE_SETTLS)
		t->fs_base = tls;
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = child_tid;
	t->exit_signal = (int)(flags & 0xff);
	t->parent = (flags & CLONE_PARENT) && parent->parent ? parent->parent : parent;
	list_add_tail(&t->sibling, &t->parent->children);
	list_add_tail(&t->tasks, &task_list);
	if (flags & CLONE_PARENT_SETTID)
		copy_to_user(parent_tid, &t->pid, sizeof(int));
	if (flags & CLONE_CHILD_SETTID)
		t->set_child_tid = child_tid;
	if (flags & CLONE_VFORK) {
		init_completion(&vfork);
		t->vfork_done = &vfork;
		t->flags |= PF_VFORK_CHILD;
	}
	prepare_user_task(t);
	sched_start(t);
	pid_t pid = t->pid;
	/*
	 * vfork: wait until the child execs or exits -- or we are killed (an
	 * OOM victim must not wait for its child); then the child, still
	 * running, must not complete our stack's completion later.
	 */
	if ((flags & CLONE_VFORK) && wait_for_completion_killable(&vfork))
		t->vfork_done = NULL;
	return pid;
}

long sys_fork(unsigned long a1, unsigned long a2, unsigned long a3,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_fork(SIGCHLD, 0, NULL, NULL, 0);
}

long sys_vfork(unsigned long a1, unsigned long a2, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_fork(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, NULL, NULL, 0);
}

/* x86-64 argument order: flags, newsp, parent_tid, child_tid, tls. */
long sys_clone(unsigned long flags, unsigned long newsp, unsigned long ptid,
	       unsigned long ctid, unsigned long tls, unsigned long a6)
{
	return do_fork(flags, newsp, (int *)ptid, (int *)ctid, tls);
}
