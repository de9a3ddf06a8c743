/*
 * kernel/futex_robust.c - robust futex lists: set_robust_list,
 * get_robust_list, and the walk at exit and exec that marks the locks a
 * dying task still holds (Linux: kernel/futex/core.c exit_robust_list).
 *
 * The list lives in user memory: a head {next, futex_offset,
 * list_op_pending} and entries whose lock word sits futex_offset bytes
 * past each entry.  A word owned by the task (its tid in the low 30
 * bits) gets FUTEX_OWNER_DIED and, if it had waiters, one is woken, so
 * another process sharing the lock can recover it.  A bad pointer ends
 * the walk; a list longer than ROBUST_LIST_LIMIT is cut short.
 */
#include "kernel/futex.h"
#include "kernel/errno.h"
#include "kernel/syscall.h"
#include "mm/uaccess.h"
#include "proc/task.h"

#define FUTEX_WAITERS		0x80000000u
#define FUTEX_OWNER_DIED	0x40000000u
#define FUTEX_TID_MASK		0x3fffffffu
#define ROBUST_LIST_LIMIT	2048
#ifndef CAP_SYS_PTRACE
#define CAP_SYS_PTRACE		19
#endif

struct robust_list_head {
	unsigned long next;		/* the list, a cycle back to &head->next */
	long futex_offset;
	unsigned long list_op_pending;
};

long sys_set_robust_list(unsigned long head, unsigned long len, unsigned long a3,
			 unsigned long a4, unsigned long a5, unsigned long a6)
{
	if (len != sizeof(struct robust_list_head))
		return -EINVAL;
	current->robust_list = (void *)head;
	return 0;
}

long sys_get_robust_list(unsigned long pid, unsigned long uhead, unsigned long ulen,
			 unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct task *t = (int)pid ? find_task_by_pid((pid_t)pid) : current;
	size_t len = sizeof(struct robust_list_head);

	if (!t || t->exit_state)
		return -ESRCH;
	if (t != current && t->cred.uid != current->cred.uid && !capable(CAP_SYS_PTRACE))
		return -EPERM;
	if (copy_to_user((void *)ulen, &len, sizeof(len)))
		return -EFAULT;
	return copy_to_user((void *)uhead, &t->robust_list, sizeof(void *)) ? -EFAULT : 0;
}

/* One lock of a dying task; -1 ends the walk (a fault). */
static int handle_futex_death(uint32_t *uaddr, struct task *t, bool pending)
{
	uint32_t uval, nval;

	if ((unsigned long)uaddr & 3)
		return -1;
	if (copy_from_user(&uval, uaddr, sizeof(uval)))
		return -1;
	if ((uval & FUTEX_TID_MASK) != (uint32_t)t->pid) {
		/* Killed between unlock and wake: pass the wake-up on. */
		if (pending && (!(uval & FUTEX_TID_MASK) || !(uval & FUTEX_WAITERS)))
			futex_wake(uaddr, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
		return 0;
	}
	/* One CPU, no preemption in the kernel: read-modify-write is atomic here. */
	nval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	if (copy_to_user(uaddr, &nval, sizeof(nval)))
		return -1;
	if (uval & FUTEX_WAITERS)
		futex_wake(uaddr, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* Bit 0 of an entry pointer marks a PI futex (ignored: no PI here). */
static int fetch_entry(unsigned long *entry, unsigned long uptr)
{
	if (copy_from_user(entry, (void *)uptr, sizeof(*entry)))
		return -EFAULT;
	*entry &= ~1UL;
	return 0;
}

void exit_robust_list(struct task *t)
{
	unsigned long head = (unsigned long)t->robust_list, entry, next, pending;
	unsigned int limit = ROBUST_LIST_LIMIT;
	long offset;

	t->robust_list = NULL;
	if (!head || fetch_entry(&entry, head) ||
	    copy_from_user(&offset, (void *)(head + 8), sizeof(offset)) ||
	    fetch_entry(&pending, head + 16))
		return;
	while (entry != head) {
		int rc = fetch_entry(&next, entry);

		if (entry != pending &&
		    handle_futex_death((uint32_t *)(entry + (unsigned long)offset), t, false))
			return;
		if (rc)
			return;
		if (!--limit)
			break;
		entry = next;
	}
	if (pending)
		handle_futex_death((uint32_t *)(pending + (unsigned long)offset), t, true);
}
