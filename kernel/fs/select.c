/*
 * kernel/fs/select.c - poll, ppoll, select and pselect6 (Linux:
 * fs/select.c).
 *
 * One loop serves all four: with the task already marked
 * TASK_INTERRUPTIBLE, ask every file for its readiness (the first pass
 * also queues the task on each file's wait queues); if nothing is ready,
 * no signal is pending and time remains, sleep until a queue or the
 * timer wakes it, then ask again.  Setting the state before asking means
 * a wake-up between the question and the sleep is never lost.
 *
 * A signal ends the wait with -ERESTARTNOHAND: EINTR when a handler
 * runs, a transparent restart otherwise (with the whole timeout again;
 * Linux restarts with what remains).  ppoll/pselect6 install their
 * signal mask for the wait and restore it on the way out to user mode.
 */
#include "kernel/fs/file.h"
#include "kernel/fs/poll.h"
#include "kernel/errno.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "proc/sched.h"

#ifndef RLIMIT_NOFILE
#define RLIMIT_NOFILE 7
#endif
#define NSEC_PER_SEC 1000000000ULL

void poll_wait(struct file *f, struct wait_queue_head *wq, struct poll_table *pt)
{
	struct poll_table_entry *e;
	unsigned long flags;

	if (!pt || pt->nr >= POLL_TABLE_MAX)
		return;		/* past the table: the timeout still bounds the wait */
	e = &pt->entries[pt->nr++];
	e->wq = wq;
	e->wait.task = current;
	flags = local_irq_save();
	list_add_tail(&e->wait.node, &wq->head);
	local_irq_restore(flags);
}

static void poll_freewait(struct poll_table *pt)
{
	unsigned long flags = local_irq_save();

	for (int i = 0; i < pt->nr; i++)
		list_del(&pt->entries[i].wait.node);
	local_irq_restore(flags);
	pt->nr = 0;
}

static unsigned int file_poll(int fd, struct poll_table *pt)
{
	struct file *f = fget(fd);
	unsigned int mask;

	if (!f)
		return POLLNVAL;
	mask = f->f_op && f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;
	fput(f);
	return mask;
}

struct pollfd_k {
	int fd;
	short events, revents;
};

/* One pass over the pollfds; returns how many have events. */
static int poll_pass(struct pollfd_k *fds, unsigned long nfds, struct poll_table *pt)
{
	int count = 0;

	for (unsigned long i = 0; i < nfds; i++) {
		unsigned int mask = 0;

		if (fds[i].fd >= 0) {
			mask = file_poll(fds[i].fd, pt);
			/* POLLERR, POLLHUP and POLLNVAL are reported unasked. */
			mask &= (unsigned short)fds[i].events | POLLERR | POLLHUP | POLLNVAL;
		}
		fds[i].revents = (short)mask;
		if (mask)
			count++;
	}
	return count;
}

/*
 * The wait loop.  @scan runs one pass (queuing on the first) and returns
 * the ready count or -errno; @deadline is monotonic ns (0: forever);
 * @nowait is a zero timeout: one pass, no queuing.
 */
static long do_wait(int (*scan)(void *arg, struct poll_table *pt), void *arg,
		    uint64_t deadline, bool nowait)
{
	struct poll_table pt = { 0, NULL };
	bool first = true;
	long ret;

	pt.entries = kmalloc(POLL_TABLE_MAX * sizeof(*pt.entries), GFP_KERNEL);
	if (!pt.entries)
		return -ENOMEM;
	for (;;) {
		current->state = TASK_INTERRUPTIBLE;
		ret = scan(arg, first && !nowait ? &pt : NULL);
		first = false;
		if (ret || nowait)
			break;
		if (signal_pending_current()) {
			ret = -ERESTARTNOHAND;
			break;
		}
		if (deadline && ktime_get_ns() >= deadline)
			break;
		schedule_deadline(deadline);
	}
	current->state = TASK_RUNNING;
	poll_freewait(&pt);
	kfree(pt.entries);
	return ret;
}

struct poll_args {
	struct pollfd_k *fds;
	unsigned long nfds;
};

static int poll_scan(void *arg, struct poll_table *pt)
{
	struct poll_args *a = arg;

	return poll_pass(a->fds, a->nfds, pt);
}

static long do_sys_poll(void *ufds, unsigned long nfds, uint64_t deadline, bool nowait)
{
	struct poll_args a = { NULL, nfds };
	long ret;

	if (nfds > current->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EINVAL;
	a.fds = kmalloc(MAX(nfds, 1UL) * sizeof(*a.fds), GFP_KERNEL);
	if (!a.fds)
		return -ENOMEM;
	if (copy_from_user(a.fds, ufds, nfds * sizeof(*a.fds))) {
		kfree(a.fds);
		return -EFAULT;
	}
	ret = do_wait(poll_scan, &a, deadline, nowait);
	/* revents go back even when interrupted, as Linux. */
	for (unsigned long i = 0; i < nfds && ret >= 0; i++)
		if (copy_to_user((char *)ufds + i * sizeof(*a.fds) + 6, &a.fds[i].revents, 2)) {
			ret = -EFAULT;
			break;
		}
	kfree(a.fds);
	return ret;
}

long sys_poll(unsigned long ufds, unsigned long nfds, unsigned long timeout_ms,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	int ms = (int)timeout_ms;
	uint64_t deadline = ms > 0 ? ktime_get_ns() + (uint64_t)ms * 1000000ULL : 0;

	return do_sys_poll((void *)ufds, nfds, deadline, ms == 0);
}

struct kernel_timespec_u { long tv_sec, tv_nsec; };

/* A user timespec into a deadline: 0 with *nowait for {0,0}, -EINVAL if bad. */
static int timespec_deadline(unsigned long uts, uint64_t *deadline, bool *nowait)
{
	struct kernel_timespec_u ts;

	*deadline = 0;
	*nowait = false;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, (void *)uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	if (!ts.tv_sec && !ts.tv_nsec) {
		*nowait = true;
		return 0;
	}
	*deadline = ktime_get_ns() + (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
	return 0;
}

/* ppoll/pselect6: the mask for the duration of the wait. */
static int set_wait_sigmask(unsigned long umask, unsigned long size)
{
	sigset_t mask;

	if (!umask)
		return 0;
	if (size != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, (void *)umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	set_current_blocked(mask);
	return 0;
}

static void end_wait_sigmask(unsigned long umask, long ret)
{
	/* Interrupted: the old mask comes back after the handler runs. */
	if (umask && ret != -ERESTARTNOHAND)
		restore_saved_sigmask();
}

long sys_ppoll(unsigned long ufds, unsigned long nfds, unsigned long uts,
	       unsigned long umask, unsigned long size, unsigned long a6)
{
	uint64_t deadline;
	bool nowait;
	long ret = timespec_deadline(uts, &deadline, &nowait);

	if (ret)
		return ret;
	ret = set_wait_sigmask(umask, size);
	if (ret)
		return ret;
	ret = do_sys_poll((void *)ufds, nfds, deadline, nowait);
	end_wait_sigmask(umask, ret);
	return ret;
}

#define BITS_PER_LONG 64

struct select_args {
	int n;
	unsigned long *in, *out, *ex;		/* what was asked */
	unsigned long *rin, *rout, *rex;	/* what is ready */
};

#define SEL_IN	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define SEL_OUT	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define SEL_EX	(POLLPRI)

static bool bit(const unsigned long *set, int i)
{
	return set && (set[i / BITS_PER_LONG] >> (i % BITS_PER_LONG) & 1);
}

static void set_bit_in(unsigned long *set, int i)
{
	set[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
}

static int select_scan(void *arg, struct poll_table *pt)
{
	struct select_args *a = arg;
	size_t words = (size_t)(a->n + BITS_PER_LONG - 1) / BITS_PER_LONG;
	int count = 0;

	memset(a->rin, 0, 3 * words * sizeof(long));
	for (int fd = 0; fd < a->n; fd++) {
		unsigned int mask;

		if (!bit(a->in, fd) && !bit(a->out, fd) && !bit(a->ex, fd))
			continue;
		mask = file_poll(fd, pt);
		if (mask & POLLNVAL)
			return -EBADF;
		if (bit(a->in, fd) && (mask & SEL_IN)) {
			set_bit_in(a->rin, fd);
			count++;
		}
		if (bit(a->out, fd) && (mask & SEL_OUT)) {
			set_bit_in(a->rout, fd);
			count++;
		}
		if (bit(a->ex, fd) && (mask & SEL_EX)) {
			set_bit_in(a->rex, fd);
			count++;
		}
	}
	return count;
}

static long core_select(int n, unsigned long uin, unsigned long uout, unsigned long uex,
			uint64_t deadline, bool nowait)
{
	struct select_args a = { n, NULL, NULL, NULL, NULL, NULL, NULL };
	size_t words, bytes;
	unsigned long *buf;
	long ret;

	if (n < 0)
		return -EINVAL;
	if ((unsigned long)n > current->files->max_fds)
		n = a.n = (int)current->files->max_fds;	/* Linux clips to the table */
	words = (size_t)(n + BITS_PER_LONG - 1) / BITS_PER_LONG;
	bytes = words * sizeof(long);
	buf = kzalloc(MAX(6 * bytes, (size_t)8), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	a.in = uin ? buf : NULL;
	a.out = uout ? buf + words : NULL;
	a.ex = uex ? buf + 2 * words : NULL;
	a.rin = buf + 3 * words;
	a.rout = buf + 4 * words;
	a.rex = buf + 5 * words;
	ret = 0;
	if ((uin && copy_from_user(a.in, (void *)uin, bytes)) ||
	    (uout && copy_from_user(a.out, (void *)uout, bytes)) ||
	    (uex && copy_from_user(a.ex, (void *)uex, bytes)))
		ret = -EFAULT;
	if (!ret)
		ret = do_wait(select_scan, &a, deadline, nowait);
	if (ret >= 0 && ((uin && copy_to_user((void *)uin, a.rin, bytes)) ||
			 (uout && copy_to_user((void *)uout, a.rout, bytes)) ||
			 (uex && copy_to_user((void *)uex, a.rex, bytes))))
		ret = -EFAULT;
	kfree(buf);
	return ret;
}

/* What is left of the timeout, for select's write-back. */
static void remaining(uint64_t deadline, long *sec, long *nsec)
{
	uint64_t now = ktime_get_ns(), left = deadline > now ? deadline - now : 0;

	*sec = (long)(left / NSEC_PER_SEC);
	*nsec = (long)(left % NSEC_PER_SEC);
}

long sys_select(unsigned long n, unsigned long uin, unsigned long uout,
		unsigned long uex, unsigned long utv, unsigned long a6)
{
	struct { long tv_sec, tv_usec; } tv;
	uint64_t deadline = 0;
	bool nowait = false;
	long ret;

	if (utv) {
		if (copy_from_user(&tv, (void *)utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		/* Linux normalises large tv_usec rather than refusing it. */
		nowait = !tv.tv_sec && !tv.tv_usec;
		if (!nowait)
			deadline = ktime_get_ns() + (uint64_t)tv.tv_sec * NSEC_PER_SEC +
				   (uint64_t)tv.tv_usec * 1000;
	}
	ret = core_select((int)n, uin, uout, uex, deadline, nowait);
	if (utv && deadline) {		/* Linux writes the time left back */
		long s, ns;

		remaining(deadline, &s, &ns);
		tv.tv_sec = s;
		tv.tv_usec = ns / 1000;
		copy_to_user((void *)utv, &tv, sizeof(tv));
	}
	return ret;
}

long sys_pselect6(unsigned long n, unsigned long uin, unsigned long uout,
		  unsigned long uex, unsigned long uts, unsigned long usig)
{
	struct { unsigned long mask, size; } sig = { 0, 0 };
	uint64_t deadline;
	bool nowait;
	long ret = timespec_deadline(uts, &deadline, &nowait);

	if (ret)
		return ret;
	if (usig && copy_from_user(&sig, (void *)usig, sizeof(sig)))
		return -EFAULT;
	ret = set_wait_sigmask(sig.mask, sig.size);
	if (ret)
		return ret;
	ret = core_select((int)n, uin, uout, uex, deadline, nowait);
	end_wait_sigmask(sig.mask, ret);
	if (uts && deadline) {
		struct kernel_timespec_u ts;

		remaining(deadline, &ts.tv_sec, &ts.tv_nsec);
		copy_to_user((void *)uts, &ts, sizeof(ts));
	}
	return ret;
}
