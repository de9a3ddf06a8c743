/*
 * proc/signal.c - generating, queueing and dequeueing signals, default
 * actions, stop/continue and the parent's SIGCHLD.  Linux: kernel/signal.c.
 *
 * Data: each task has two pending sets (Linux keeps the second in
 * signal_struct): @pending for signals aimed at the thread (tkill, faults)
 * and @shared_pending for those aimed at the process (kill).  Each set is
 * a bitmask plus a list of struct sigqueue in arrival order; a standard
 * signal is queued at most once, a real-time one once per send.  The
 * handlers live in task->sighand (shared under CLONE_SIGHAND, refcounted).
 *
 * Invariants: SIGKILL and SIGSTOP are never in ->blocked and never have a
 * handler; a bit is set in ->signal iff the signal is pending (its siginfo
 * may be missing if the queue could not grow: it then reads as SI_USER).
 * A fatal signal sent to a task that would die of it also sets SIGKILL and
 * SIGNAL_GROUP_EXIT, so it wakes killable sleeps (TASK_KILLABLE).
 *
 * Synchronization: timers send signals from the timer interrupt, so every
 * change of the pending sets, ->blocked and ->signal_flags is made with
 * interrupts off.  One CPU, non-preemptible kernel: nothing else races.
 */
#include "proc/signal.h"
#include "proc/signal_rules.h"
#include "proc/task.h"
#include "proc/sched.h"
#include "proc/exit.h"
#include "kernel/errno.h"
#include "kernel/x86.h"
#include "kernel/param.h"
#include "kernel/lib/string.h"
#include "mm/kmalloc.h"

#define RLIMIT_SIGPENDING 11

void itimer_real_rearm(struct task *t);

static struct k_sigaction *action(struct task *t, int sig)
{
	return t->sighand ? &t->sighand->action[sig - 1] : NULL;
}

static void *handler_of(struct task *t, int sig)
{
	struct k_sigaction *ka = action(t, sig);

	return ka ? ka->handler : SIG_IGN;	/* no sighand: a kernel thread */
}

static bool is_global_init(struct task *t)
{
	return t->tgid == 1;
}

void init_sigpending(struct sigpending *p)
{
	p->signal = 0;
	INIT_LIST_HEAD(&p->list);
}

/* ---- the queue ----------------------------------------------------------- */

/* Remove every queued instance of the signals in @mask from @p. */
static void flush_sigqueue_mask(struct task *t, struct sigpending *p, sigset_t mask)
{
	struct sigqueue *q, *n;

	if (!(p->signal & mask))
		return;
	p->signal &= ~mask;
	list_for_each_entry_safe(q, n, &p->list, list) {
		if (mask & sigmask(q->info.si_signo)) {
			list_del(&q->list);
			kfree(q);
			t->nr_sigqueued--;
		}
	}
}

/* Both pending sets of @t lose the signals in @mask (rt_sigaction's SIG_IGN). */
void flush_signal_mask(struct task *t, sigset_t mask)
{
	unsigned long flags = local_irq_save();

	flush_sigqueue_mask(t, &t->pending, mask);
	flush_sigqueue_mask(t, &t->shared_pending, mask);
	local_irq_restore(flags);
}

void flush_sigqueue(struct sigpending *p)
{
	struct sigqueue *q, *n;

	list_for_each_entry_safe(q, n, &p->list, list) {
		list_del(&q->list);
		kfree(q);
	}
	p->signal = 0;
}

static void fill_info(struct siginfo *dst, int sig, struct siginfo *info)
{
	if (info == SEND_SIG_NOINFO || info == SEND_SIG_PRIV) {
		memset(dst, 0, sizeof(*dst));
		dst->si_signo = sig;
		dst->si_code = info == SEND_SIG_PRIV ? SI_KERNEL : SI_USER;
		if (info == SEND_SIG_NOINFO) {
			dst->kill.pid = current->tgid;
			dst->kill.uid = current->cred.uid;
		}
	} else {
		*dst = *info;
	}
}

/*
 * Queue the siginfo of @sig on @p.  Past RLIMIT_SIGPENDING only standard
 * signals (and those the kernel sends) still get one; a real-time signal
 * with user-supplied info then fails with -EAGAIN, as on Linux.  The limit
 * is counted per task here, per user on Linux.
 */
static int queue_siginfo(struct task *t, struct sigpending *p, int sig,
			 struct siginfo *info)
{
	bool special = info == SEND_SIG_NOINFO || info == SEND_SIG_PRIV;
	bool override = sig < SIGRTMIN && (special || info->si_code >= 0);
	struct sigqueue *q = NULL;

	if (override || (unsigned long)t->nr_sigqueued < t->rlim[RLIMIT_SIGPENDING].rlim_cur)
		q = kmalloc(sizeof(*q), GFP_ATOMIC);
	if (!q)
		return sig >= SIGRTMIN && !special && info->si_code != SI_USER ? -EAGAIN : 0;
	fill_info(&q->info, sig, info);
	list_add_tail(&q->list, &p->list);
	t->nr_sigqueued++;
	return 0;
}

/* ---- generation --------------------------------------------------------- */

/* Would @t throw @sig away on arrival?  Blocked signals are always kept. */
static bool sig_ignored(struct task *t, int sig, bool force)
{
	void *handler = handler_of(t, sig);

	if (sigismember(&t->blocked, sig) || sigismember(&t->real_blocked, sig))
		return false;
	if (is_global_init(t) && sig_kernel_only(sig))
		return true;		/* SIGKILL/SIGSTOP never reach init */
	if ((t->signal_flags & SIGNAL_UNKILLABLE) && handler == SIG_DFL &&
	    !(force && sig_kernel_only(sig)))
		return true;
	return sig_handler_ignored(handler, sig);
}

/*
 * The side effects of a signal's arrival, before it is queued: a stop
 * signal cancels a pending SIGCONT, SIGCONT cancels pending stops and
 * resumes a stopped task.  Returns false when the signal is dropped.
 */
static bool prepare_signal(int sig, struct task *t, bool force)
{
	const sigset_t stops = SIG_KERNEL_STOP_MASK;

	if (t->signal_flags & SIGNAL_GROUP_EXIT)
		return false;		/* already dying */
	if (sig_kernel_stop(sig)) {
		flush_sigqueue_mask(t, &t->pending, sigmask(SIGCONT));
		flush_sigqueue_mask(t, &t->shared_pending, sigmask(SIGCONT));
	} else if (sig == SIGCONT) {
		flush_sigqueue_mask(t, &t->pending, stops);
		flush_sigqueue_mask(t, &t->shared_pending, stops);
		if (t->signal_flags & SIGNAL_STOP_STOPPED) {
			/* The parent hears of it from @t itself, in get_signal. */
			t->signal_flags = (t->signal_flags & ~SIGNAL_STOP_MASK) |
					  SIGNAL_STOP_CONTINUED | SIGNAL_CLD_CONTINUED;
			t->group_exit_code = 0;
		}
		wake_up_state(t, TASK_STOPPED);
	}
	return !sig_ignored(t, sig, force);
}

static void signal_wake_up(struct task *t, bool fatal)
{
	wake_up_state(t, TASK_INTERRUPTIBLE |
		      (fatal ? TASK_WAKEKILL | TASK_STOPPED : 0));
}

/* Wake @t if it should act on @sig now; a signal that will kill it becomes SIGKILL. */
static void complete_signal(int sig, struct task *t)
{
	bool fatal;

	if (sigismember(&t->blocked, sig) || (t->flags & PF_EXITING))
		return;
	if (sig != SIGKILL && (t->signal_flags & SIGNAL_STOP_STOPPED))
		return;			/* acted on after SIGCONT */
	fatal = !sig_kernel_ignore(sig) && !sig_kernel_stop(sig) &&
		handler_of(t, sig) == SIG_DFL && !sigismember(&t->real_blocked, sig);
	if (fatal && !sig_kernel_coredump(sig)) {
		t->signal_flags = (t->signal_flags & SIGNAL_UNKILLABLE) | SIGNAL_GROUP_EXIT;
		t->group_exit_code = sig;
		t->pending.signal |= sigmask(SIGKILL);
		signal_wake_up(t, true);
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

static int send_signal(int sig, struct siginfo *info, struct task *t, bool group)
{
	struct sigpending *p = group ? &t->shared_pending : &t->pending;
	bool force = info == SEND_SIG_PRIV ||
		     (info != SEND_SIG_NOINFO && info->si_code == SI_KERNEL);
	unsigned long flags = local_irq_save();
	int ret = 0;

	if (t->exit_state || (t->flags & (PF_EXITING | PF_KTHREAD)) || !t->sighand)
		goto out;		/* nobody left to act on it */
	if (!prepare_signal(sig, t, force))
		goto out;
	if (sig < SIGRTMIN && sigismember(&p->signal, sig))
		goto out;		/* standard signals do not queue */
	if (sig != SIGKILL) {
		ret = queue_siginfo(t, p, sig, info);
		if (ret)
			goto out;
	}
	p->signal |= sigmask(sig);
	complete_signal(sig, t);
out:
	local_irq_restore(flags);
	return ret;
}

int send_sig_info(int sig, struct siginfo *info, struct task *t)
{
	if (!valid_signal(sig) || sig < 1)
		return -EINVAL;
	return send_signal(sig, info, t, false);
}

int send_sig(int sig, struct task *t, int priv)
{
	return send_sig_info(sig, priv ? SEND_SIG_PRIV : SEND_SIG_NOINFO, t);
}

/* ---- kill(2)'s rules ---------------------------------------------------- */

static bool from_user(struct siginfo *info)
{
	return info == SEND_SIG_NOINFO ||
	       (info != SEND_SIG_PRIV && info->si_code <= 0);
}

int check_kill_permission(int sig, struct siginfo *info, struct task *t)
{
	if (!valid_signal(sig))
		return -EINVAL;
	if (!from_user(info) || t->tgid == current->tgid || kill_ok_by_cred(t))
		return 0;
	if (sig == SIGCONT && t->sid == current->sid)
		return 0;		/* job control within a session */
	return -EPERM;
}

int group_send_sig_info(int sig, struct siginfo *info, struct task *t)
{
	int err = check_kill_permission(sig, info, t);

	if (err || !sig)
		return err;		/* signal 0 only probes */
	return send_signal(sig, info, t, true);
}

int kill_proc_info(int sig, struct siginfo *info, pid_t pid)
{
	struct task *t = find_task_by_pid(pid);

	return t ? group_send_sig_info(sig, info, t) : -ESRCH;
}

static int kill_pgrp_info(int sig, struct siginfo *info, pid_t pgrp)
{
	struct task *t;
	int ret = -ESRCH;
	bool success = false;

	list_for_each_entry(t, &task_list, tasks) {
		if (t->pgid != pgrp || (t->flags & PF_KTHREAD) || t->pid == 0)
			continue;
		ret = group_send_sig_info(sig, info, t);
		success |= !ret;
	}
	return success ? 0 : ret;
}

int kill_pgrp(int pgrp, int sig, int priv)
{
	return kill_pgrp_info(sig, priv ? SEND_SIG_PRIV : SEND_SIG_NOINFO, pgrp);
}

/* kill(2): pid > 0 one process, 0 my group, -1 everyone but init and me, < -1 a group. */
int kill_something_info(int sig, struct siginfo *info, pid_t pid)
{
	struct task *t;
	int ret = 0, count = 0;

	if (pid > 0)
		return kill_proc_info(sig, info, pid);
	if (pid == INT_MIN)
		return -ESRCH;
	if (pid != -1)
		return kill_pgrp_info(sig, info, pid ? -pid : current->pgid);
	list_for_each_entry(t, &task_list, tasks) {
		if (t->tgid <= 1 || t->tgid == current->tgid || (t->flags & PF_KTHREAD))
			continue;
		int err = group_send_sig_info(sig, info, t);
		count++;
		if (err != -EPERM)
			ret = err;
	}
	return count ? ret : -ESRCH;
}

/* ---- forced (synchronous) signals --------------------------------------- */

/*
 * A fault's signal cannot be blocked or ignored away: if it is, the action
 * becomes SIG_DFL and the signal is unblocked, so the fault kills (Linux's
 * force_sig_info_to_task).  @sigdfl forces the default action regardless.
 */
static int force_sig_info_to_task(struct siginfo *info, struct task *t, bool sigdfl)
{
	int sig = info->si_signo, ret;
	struct k_sigaction *ka = action(t, sig);
	unsigned long flags = local_irq_save();

	if (ka && (sigismember(&t->blocked, sig) || ka->handler == SIG_IGN || sigdfl)) {
		ka->handler = SIG_DFL;
		t->blocked &= ~sigmask(sig);
	}
	if (ka && ka->handler == SIG_DFL)
		t->signal_flags &= ~SIGNAL_UNKILLABLE;	/* a faulting init dies too */
	ret = send_signal(sig, info, t, false);
	local_irq_restore(flags);
	return ret;
}

int force_sig(int sig)
{
	struct siginfo info = { .si_signo = sig, .si_code = SI_KERNEL };

	return force_sig_info_to_task(&info, current, false);
}

int force_sig_fault(int sig, int code, void *addr)
{
	struct siginfo info = { .si_signo = sig, .si_code = code };

	info.fault.addr = addr;
	return force_sig_info_to_task(&info, current, false);
}

/* A handler's frame could not be built: SIGSEGV, and for SIGSEGV itself, death. */
void force_sigsegv(int sig)
{
	struct siginfo info = { .si_signo = SIGSEGV, .si_code = SI_KERNEL };

	force_sig_info_to_task(&info, current, sig == SIGSEGV);
}

/* ---- state queries and the mask ----------------------------------------- */

bool signal_pending(struct task *t)
{
	return ((t->pending.signal | t->shared_pending.signal) & ~t->blocked) != 0 ||
	       (t->pending.signal & sigmask(SIGKILL));
}

bool signal_pending_current(void)
{
	return signal_pending(current);
}

bool fatal_signal_pending(struct task *t)
{
	return t->pending.signal & sigmask(SIGKILL);
}

bool fatal_signal_pending_current(void)
{
	return fatal_signal_pending(current);
}

void set_current_blocked(sigset_t set)
{
	unsigned long flags = local_irq_save();

	current->blocked = set & ~SIG_KERNEL_ONLY_MASK;
	local_irq_restore(flags);
}

sigset_t sigmask_to_save(void)
{
	return current->restore_sigmask ? current->saved_sigmask : current->blocked;
}

/* No handler ran after sigsuspend & co.: put their caller's mask back. */
void restore_saved_sigmask(void)
{
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		set_current_blocked(current->saved_sigmask);
	}
}

/* ---- delivery ------------------------------------------------------------ */

/* Take one signal from @p; its siginfo, or SI_USER if none was queued. */
static void collect_signal(struct task *t, struct sigpending *p, int sig,
			   struct siginfo *info)
{
	struct sigqueue *q, *first = NULL;
	bool more = false;

	list_for_each_entry(q, &p->list, list) {
		if (q->info.si_signo != sig)
			continue;
		if (first) {
			more = true;
			break;
		}
		first = q;
	}
	if (!more)
		p->signal &= ~sigmask(sig);
	if (first) {
		*info = first->info;
		list_del(&first->list);
		kfree(first);
		t->nr_sigqueued--;
	} else {
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_USER;
	}
}

/* The next signal not in @mask, thread-directed ones first; 0 if none. */
int dequeue_signal(struct task *t, sigset_t mask, struct siginfo *info)
{
	unsigned long flags = local_irq_save();
	struct sigpending *p = &t->pending;
	int sig = next_signal(p->signal, mask);

	if (!sig) {
		p = &t->shared_pending;
		sig = next_signal(p->signal, mask);
	}
	if (sig) {
		collect_signal(t, p, sig, info);
		if (sig == SIGALRM)
			itimer_real_rearm(t);	/* a periodic ITIMER_REAL restarts here */
	}
	local_irq_restore(flags);
	return sig;
}

/*
 * Would group @pgrp be orphaned without @ignored: no member (living, not a
 * child of init) has a parent in another group of the same session?
 */
static bool will_become_orphaned_pgrp(pid_t pgrp, struct task *ignored)
{
	struct task *t;

	list_for_each_entry(t, &task_list, tasks) {
		struct task *p = t->parent;

		if (t->pgid != pgrp || t == ignored || t->exit_state || !p ||
		    is_global_init(p))
			continue;
		if (p->pgid != pgrp && p->sid == t->sid)
			return false;
	}
	return true;
}

static bool has_stopped_jobs(pid_t pgrp)
{
	struct task *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pgid == pgrp && (t->signal_flags & SIGNAL_STOP_STOPPED))
			return true;
	return false;
}

/*
 * @t exits (@parent NULL) or is reparented away from @parent: if that
 * orphans its process group and the group has stopped jobs, nobody could
 * ever continue them, so they get SIGHUP then SIGCONT (POSIX, as Linux).
 */
void kill_orphaned_pgrp(struct task *t, struct task *parent)
{
	struct task *ignored = parent ? NULL : t;

	if (!parent)
		parent = t->parent;
	if (!parent || parent->pgid == t->pgid || parent->sid != t->sid)
		return;
	if (will_become_orphaned_pgrp(t->pgid, ignored) && has_stopped_jobs(t->pgid)) {
		kill_pgrp_info(SIGHUP, SEND_SIG_PRIV, t->pgid);
		kill_pgrp_info(SIGCONT, SEND_SIG_PRIV, t->pgid);
	}
}

/* Stop until SIGCONT or SIGKILL, after telling the parent. */
static void do_signal_stop(int sig)
{
	struct task *t = current;
	unsigned long flags = local_irq_save();

	t->group_exit_code = sig;
	t->signal_flags = (t->signal_flags & ~SIGNAL_STOP_MASK) | SIGNAL_STOP_STOPPED;
	local_irq_restore(flags);
	do_notify_parent_cldstop(t, CLD_STOPPED);
	for (;;) {
		flags = local_irq_save();
		if (!(t->signal_flags & SIGNAL_STOP_STOPPED) || fatal_signal_pending(t)) {
			local_irq_restore(flags);
			break;
		}
		t->state = TASK_STOPPED;
		local_irq_restore(flags);
		schedule();
	}
}

/*
 * Linux's get_signal: dequeue signals until one has a handler (returned in
 * @ksig, true), or none is left (false).  Default actions happen here:
 * ignore, stop, or exit -- which does not return.  No core file is ever
 * written, so the wait status never has the core bit (0x80): Linux with
 * the default RLIMIT_CORE of 0 reports the same.
 */
bool get_signal(struct ksignal *ksig)
{
	struct task *t = current;

	for (;;) {
		struct k_sigaction *ka;
		int sig;

		if (t->signal_flags & SIGNAL_CLD_CONTINUED) {
			t->signal_flags &= ~SIGNAL_CLD_MASK;
			do_notify_parent_cldstop(t, CLD_CONTINUED);
		}
		if (t->signal_flags & SIGNAL_GROUP_EXIT)
			do_exit(t->group_exit_code);
		sig = dequeue_signal(t, t->blocked, &ksig->info);
		if (!sig)
			return false;
		ka = action(t, sig);
		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler != SIG_DFL) {
			ksig->sig = sig;
			ksig->ka = *ka;
			if (ka->flags & SA_RESETHAND)
				ka->handler = SIG_DFL;
			return true;
		}
		if (sig_kernel_ignore(sig))
			continue;
		if ((t->signal_flags & SIGNAL_UNKILLABLE) && !sig_kernel_only(sig))
			continue;	/* init dies only of what it cannot refuse */
		if (sig_kernel_stop(sig)) {
			/* In an orphaned group only SIGSTOP stops: nobody could continue it. */
			if (sig == SIGSTOP || !will_become_orphaned_pgrp(t->pgid, NULL))
				do_signal_stop(sig);
			continue;
		}
		do_exit(sig);
	}
}

/* The handler's frame is on the stack: block its mask, or die if it is not. */
void signal_setup_done(bool failed, struct ksignal *ksig)
{
	sigset_t set = current->blocked | ksig->ka.mask;

	if (failed) {
		force_sigsegv(ksig->sig);
		return;
	}
	current->restore_sigmask = false;
	if (!(ksig->ka.flags & SA_NODEFER))
		set |= sigmask(ksig->sig);
	set_current_blocked(set);
}

/* ---- telling the parent ------------------------------------------------- */

static long ns_to_clock_t(uint64_t ns)
{
	return (long)(ns / (1000000000UL / USER_HZ));
}

static void chld_info(struct siginfo *info, struct task *t, int code, int status)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = SIGCHLD;
	info->si_code = code;
	info->chld.pid = t->tgid;
	info->chld.uid = t->cred.uid;
	info->chld.status = status;
	info->chld.utime = ns_to_clock_t(t->utime_ns);
	info->chld.stime = ns_to_clock_t(t->stime_ns);
}

/*
 * @t has exited (exit_code set): send @sig (its exit_signal) to the
 * parent.  Returns true if the parent ignores SIGCHLD or set
 * SA_NOCLDWAIT: then @t is reaped at once and wait4 will not see it.
 */
bool do_notify_parent(struct task *t, int sig)
{
	struct task *parent = t->parent;
	struct siginfo info;
	int code = t->exit_code;
	struct k_sigaction *ka;
	bool autoreap = false;

	if (!parent || !parent->sighand)
		return false;
	if (code & 0x80)
		chld_info(&info, t, CLD_DUMPED, code & 0x7f);
	else if (code & 0x7f)
		chld_info(&info, t, CLD_KILLED, code & 0x7f);
	else
		chld_info(&info, t, CLD_EXITED, (code >> 8) & 0xff);
	info.si_signo = sig;
	ka = action(parent, SIGCHLD);
	if (sig == SIGCHLD && (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT))) {
		autoreap = true;
		if (ka->handler == SIG_IGN)
			sig = 0;
	}
	if (sig > 0 && valid_signal(sig))
		send_signal(sig, &info, parent, true);
	wake_up(&parent->wait_chld);
	return autoreap;
}

/* @t stopped or continued: SIGCHLD unless the parent said SA_NOCLDSTOP. */
void do_notify_parent_cldstop(struct task *t, int why)
{
	struct task *parent = t->parent;
	struct siginfo info;
	struct k_sigaction *ka;

	if (!parent || !parent->sighand)
		return;
	chld_info(&info, t, why, why == CLD_CONTINUED ? SIGCONT : t->group_exit_code & 0x7f);
	ka = action(parent, SIGCHLD);
	if (ka->handler != SIG_IGN && !(ka->flags & SA_NOCLDSTOP))
		send_signal(SIGCHLD, &info, parent, true);
	wake_up(&parent->wait_chld);
}

/* ---- lifetime ------------------------------------------------------------ */

/* fork: the child gets a copy of the parent's actions; nothing pending. */
int copy_sighand(struct task *child, struct task *parent)
{
	struct sighand *sh = kmalloc(sizeof(*sh), GFP_KERNEL);

	if (!sh)
		return -ENOMEM;
	if (parent->sighand)
		memcpy(sh->action, parent->sighand->action, sizeof(sh->action));
	else
		memset(sh->action, 0, sizeof(sh->action));
	sh->count = 1;
	child->sighand = sh;
	return 0;
}

void put_sighand(struct task *t)
{
	if (t->sighand && --t->sighand->count == 0)
		kfree(t->sighand);
	t->sighand = NULL;
}

/* execve: handlers become SIG_DFL; SIG_IGN stays; flags and masks are cleared. */
void flush_signal_handlers(struct task *t)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &t->sighand->action[i];

		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = NULL;
		ka->mask = 0;
	}
}

/* do_exit: no more signals for @t; what was queued is dropped. */
void exit_signals(struct task *t)
{
	unsigned long flags = local_irq_save();

	t->flags |= PF_EXITING;
	timer_del(&t->real_timer);
	t->it_real_incr_ns = 0;
	memset(t->it, 0, sizeof(t->it));
	flush_sigqueue(&t->pending);
	flush_sigqueue(&t->shared_pending);
	t->nr_sigqueued = 0;
	local_irq_restore(flags);
}

/* ---- the alternate stack -------------------------------------------------- */

static struct altstack cur_altstack(void)
{
	return (struct altstack){ current->sas_ss_sp, current->sas_ss_size,
				  current->sas_ss_flags };
}

bool on_sig_stack(unsigned long sp)
{
	struct altstack as = cur_altstack();

	return !(as.flags & SS_AUTODISARM) && altstack_contains(&as, sp);
}

int sas_ss_flags(unsigned long sp)
{
	struct altstack as = cur_altstack();

	return altstack_flags(&as, sp);
}

/* sigaltstack(2) for current, whose user stack pointer is @sp. */
int do_sigaltstack(const struct user_stack_t *ss, struct user_stack_t *oss,
		   unsigned long sp)
{
	struct task *t = current;
	unsigned int mode;

	if (oss) {
		memset(oss, 0, sizeof(*oss));
		oss->ss_sp = (void *)t->sas_ss_sp;
		oss->ss_size = t->sas_ss_size;
		oss->ss_flags = sas_ss_flags(sp) | (t->sas_ss_flags & SS_FLAG_BITS);
	}
	if (!ss)
		return 0;
	if (on_sig_stack(sp))
		return -EPERM;		/* cannot move the stack we run on */
	mode = (unsigned int)ss->ss_flags & ~SS_FLAG_BITS;
	if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		t->sas_ss_sp = 0;
		t->sas_ss_size = 0;
	} else {
		if (ss->ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		t->sas_ss_sp = (unsigned long)ss->ss_sp;
		t->sas_ss_size = ss->ss_size;
	}
	t->sas_ss_flags = (unsigned int)ss->ss_flags;
	return 0;
}
