/*
 * proc/sys_signal.c - the signal syscalls: rt_sigaction, rt_sigprocmask,
 * rt_sigpending, rt_sigsuspend, pause, rt_sigtimedwait, sigaltstack,
 * kill, tkill, tgkill and rt_sigqueueinfo, with Linux
 * 6.1's argument checks and errno values (Linux: kernel/signal.c).
 * The sending and delivery machinery is proc/signal.c.
 */
#include "proc/task.h"
#include "proc/sched.h"
#include "proc/signal_rules.h"
#include "kernel/errno.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"
#include "mm/uaccess.h"

int kill_something_info(int sig, struct siginfo *info, pid_t pid);
int dequeue_signal(struct task *t, sigset_t mask, struct siginfo *info);
int check_kill_permission(int sig, struct siginfo *info, struct task *t);
void flush_signal_mask(struct task *t, sigset_t mask);

static int do_sigaction(int sig, struct k_sigaction *act, struct k_sigaction *oact)
{
	struct k_sigaction *k;
	unsigned long flags;

	if (!valid_signal(sig) || sig < 1 || (act && sig_kernel_only(sig)))
		return -EINVAL;
	k = &current->sighand->action[sig - 1];
	flags = local_irq_save();
	if (oact) {
		*oact = *k;
		oact->flags &= UAPI_SA_FLAGS;
	}
	if (act) {
		act->flags &= UAPI_SA_FLAGS;
		act->mask &= ~SIG_KERNEL_ONLY_MASK;
		*k = *act;
		/* POSIX: an action that ignores a pending signal discards it. */
		if (sig_handler_ignored(k->handler, sig))
			flush_signal_mask(current, sigmask(sig));
	}
	local_irq_restore(flags);
	return 0;
}

long sys_rt_sigaction(unsigned long sig, unsigned long uact, unsigned long uoact,
		      unsigned long sigsetsize, unsigned long a5, unsigned long a6)
{
	struct k_sigaction act, old;
	int err;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (uact && copy_from_user(&act, (void *)uact, sizeof(act)))
		return -EFAULT;
	err = do_sigaction((int)sig, uact ? &act : NULL, uoact ? &old : NULL);
	if (err)
		return err;
	if (uoact && copy_to_user((void *)uoact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigprocmask(unsigned long how, unsigned long uset, unsigned long uold,
			unsigned long sigsetsize, unsigned long a5, unsigned long a6)
{
	sigset_t set, old = current->blocked;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, (void *)uset, sizeof(set)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK: set |= old; break;
		case SIG_UNBLOCK: set = old & ~set; break;
		case SIG_SETMASK: break;
		default: return -EINVAL;
		}
		set_current_blocked(set);	/* SIGKILL and SIGSTOP are trimmed */
	}
	/* As Linux: the new mask stays even when the old one cannot be written. */
	if (uold && copy_to_user((void *)uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(unsigned long uset, unsigned long sigsetsize, unsigned long a3,
		       unsigned long a4, unsigned long a5, unsigned long a6)
{
	sigset_t set;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	set = (current->pending.signal | current->shared_pending.signal) & current->blocked;
	return copy_to_user((void *)uset, &set, sigsetsize) ? -EFAULT : 0;
}

/* Sleep until a signal is pending (interrupts off around the test). */
static void sleep_for_signal(void)
{
	for (;;) {
		unsigned long flags = local_irq_save();

		if (signal_pending_current()) {
			local_irq_restore(flags);
			return;
		}
		current->state = TASK_INTERRUPTIBLE;
		local_irq_restore(flags);
		schedule();
	}
}

long sys_rt_sigsuspend(unsigned long umask, unsigned long sigsetsize, unsigned long a3,
		       unsigned long a4, unsigned long a5, unsigned long a6)
{
	sigset_t set;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, (void *)umask, sizeof(set)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	set_current_blocked(set);
	sleep_for_signal();
	current->restore_sigmask = true;	/* the handler's frame saves the old mask */
	return -ERESTARTNOHAND;
}

long sys_pause(unsigned long a1, unsigned long a2, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	sleep_for_signal();
	return -ERESTARTNOHAND;
}

/* Sleep until a signal in ~@mask is pending or @deadline passes; false on timeout. */
static bool timedwait_sleep(uint64_t deadline, bool timed)
{
	if (!timed) {
		sleep_for_signal();
		return true;
	}
	return sleep_until_ns(deadline, true) != 0;
}

long sys_rt_sigtimedwait(unsigned long uthese, unsigned long uinfo, unsigned long uts,
			 unsigned long sigsetsize, unsigned long a5, unsigned long a6)
{
	struct kernel_timespec ts;
	struct siginfo info;
	sigset_t these, mask;
	uint64_t deadline = 0;
	int sig;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, (void *)uthese, sizeof(these)))
		return -EFAULT;
	if (uts) {
		if (copy_from_user(&ts, (void *)uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
			return -EINVAL;
		deadline = ktime_get_ns() + (uint64_t)ts.tv_sec * 1000000000UL +
			   (uint64_t)ts.tv_nsec;
	}
	mask = ~(these & ~SIG_KERNEL_ONLY_MASK);	/* the signals NOT waited for */
	sig = dequeue_signal(current, mask, &info);
	if (!sig && (!uts || ts.tv_sec || ts.tv_nsec)) {
		bool woken;

		/* Unblock what we wait for, so its arrival wakes us. */
		current->real_blocked = current->blocked;
		set_current_blocked(current->blocked & mask);
		woken = timedwait_sleep(deadline, uts != 0);
		set_current_blocked(current->real_blocked);
		current->real_blocked = 0;
		sig = dequeue_signal(current, mask, &info);
		if (!sig)
			return woken ? -EINTR : -EAGAIN;
	}
	if (!sig)
		return -EAGAIN;
	if (uinfo && copy_to_user((void *)uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}

long sys_sigaltstack(unsigned long uss, unsigned long uoss, unsigned long a3,
		     unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct user_stack_t ss, oss;
	int err;

	if (uss && copy_from_user(&ss, (void *)uss, sizeof(ss)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &ss : NULL, uoss ? &oss : NULL, task_pt_regs(current)->rsp);
	if (!err && uoss && copy_to_user((void *)uoss, &oss, sizeof(oss)))
		err = -EFAULT;
	return err;
}

/* The siginfo of kill(2) and tkill(2): the sender's tgid and real uid. */
static void kill_info(struct siginfo *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->kill.pid = current->tgid;
	info->kill.uid = current->cred.uid;
}

long sys_kill(unsigned long pid, unsigned long sig, unsigned long a3,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct siginfo info;

	kill_info(&info, (int)sig, SI_USER);
	return kill_something_info((int)sig, &info, (pid_t)pid);
}

/* tkill/tgkill: one thread; @tgid <= 0 means any process. */
static long do_tkill(pid_t tgid, pid_t pid, int sig)
{
	struct task *t = find_task_by_pid(pid);
	struct siginfo info;
	int err;

	if (!t || (tgid > 0 && t->tgid != tgid))
		return -ESRCH;
	kill_info(&info, sig, SI_TKILL);
	err = check_kill_permission(sig, &info, t);
	if (err || !sig)
		return err;
	return send_sig_info(sig, &info, t);
}

long sys_tkill(unsigned long pid, unsigned long sig, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	if ((int)pid <= 0)
		return -EINVAL;
	return do_tkill(0, (pid_t)pid, (int)sig);
}

long sys_tgkill(unsigned long tgid, unsigned long pid, unsigned long sig,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	if ((int)pid <= 0 || (int)tgid <= 0)
		return -EINVAL;
	return do_tkill((pid_t)tgid, (pid_t)pid, (int)sig);
}

long sys_rt_sigqueueinfo(unsigned long pid, unsigned long sig, unsigned long uinfo,
			 unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct siginfo info;

	if (copy_from_user(&info, (void *)uinfo, sizeof(info)))
		return -EFAULT;
	info.si_signo = (int)sig;
	/* Nobody may pose as the kernel, or as kill()/tkill(), towards another process. */
	if ((info.si_code >= 0 || info.si_code == SI_TKILL) && (pid_t)pid != current->tgid)
		return -EPERM;
	return kill_proc_info((int)sig, &info, (pid_t)pid);
}
