/*
 * proc/sys_signal.c - the signal syscalls.  So far rt_sigprocmask: the
 * mask is kept exactly as Linux keeps it (SIGKILL and SIGSTOP can never be
 * blocked); delivery and handlers come with the signal work.
 */
#include "proc/task.h"
#include "kernel/errno.h"
#include "mm/uaccess.h"

long sys_rt_sigprocmask(unsigned long how, unsigned long uset, unsigned long uold,
			unsigned long sigsetsize, unsigned long a5, unsigned long a6)
{
	sigset_t set, old = current->blocked;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, (void *)uset, sizeof(set)))
			return -EFAULT;
		set &= ~SIG_KERNEL_ONLY_MASK;
		switch (how) {
		case SIG_BLOCK: current->blocked |= set; break;
		case SIG_UNBLOCK: current->blocked &= ~set; break;
		case SIG_SETMASK: current->blocked = set; break;
		default: return -EINVAL;
		}
	}
	/* As Linux: the new mask stays even when the old one cannot be written. */
	if (uold && copy_to_user((void *)uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
