/*
 * kernel/itimer.c - interval timers: alarm, setitimer, getitimer
 * (Linux: kernel/time/itimer.c).
 *
 * ITIMER_REAL is a one-shot timer on CLOCK_MONOTONIC (kernel/time.c); at
 * expiry it sends SIGALRM, and a periodic one is re-armed when SIGALRM is
 * dequeued, as Linux does (so an ignored SIGALRM ends it).  ITIMER_VIRTUAL
 * and ITIMER_PROF count CPU time by timer ticks: every tick charges one
 * tick to the current task, to VIRTUAL only if it interrupted user mode,
 * to PROF always; at zero they send SIGVTALRM / SIGPROF and reload.
 * Not inherited across fork; kept across execve.
 * Synchronization: the timer interrupt reads and writes these fields, so
 * process context changes them with interrupts off.
 */
#include "proc/task.h"
#include "proc/signal.h"
#include "kernel/errno.h"
#include "kernel/x86.h"
#include "kernel/param.h"
#include "kernel/time.h"
#include "mm/uaccess.h"

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2
#define NSEC_PER_USEC	1000UL
#define NSEC_PER_SEC	1000000000UL
#define TICK_NSEC	(NSEC_PER_SEC / HZ)

struct timeval_user { long tv_sec, tv_usec; };
struct itimerval_user { struct timeval_user it_interval, it_value; };

static uint64_t tv_to_ns(const struct timeval_user *tv)
{
	return (uint64_t)tv->tv_sec * NSEC_PER_SEC + (uint64_t)tv->tv_usec * NSEC_PER_USEC;
}

static struct timeval_user ns_to_tv(uint64_t ns)
{
	return (struct timeval_user){ (long)(ns / NSEC_PER_SEC),
				      (long)(ns % NSEC_PER_SEC / NSEC_PER_USEC) };
}

static bool tv_valid(const struct timeval_user *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

/* Timer interrupt: ITIMER_REAL expired. */
static void it_real_fn(struct timer *tm)
{
	send_sig_info(SIGALRM, SEND_SIG_PRIV, container_of(tm, struct task, real_timer));
}

/* SIGALRM was dequeued: restart a periodic ITIMER_REAL one whole period on. */
void itimer_real_rearm(struct task *t)
{
	uint64_t now = ktime_get_ns(), next;

	if (t->real_timer.pending || !t->it_real_incr_ns)
		return;
	next = t->real_timer.expires_ns + t->it_real_incr_ns;
	if (next <= now)		/* missed periods are dropped (hrtimer_forward) */
		next += ((now - next) / t->it_real_incr_ns + 1) * t->it_real_incr_ns;
	timer_add(&t->real_timer, next);
}

/* From the timer interrupt, for the task it interrupted. */
void itimer_tick(struct task *t, bool user)
{
	static const int sigs[2] = { SIGVTALRM, SIGPROF };

	for (int i = 0; i < 2; i++) {
		struct cpu_itimer *it = &t->it[i];

		if (!it->left_ns || (i == 0 && !user))
			continue;
		if (it->left_ns > TICK_NSEC) {
			it->left_ns -= TICK_NSEC;
			continue;
		}
		it->left_ns = it->incr_ns;
		send_sig_info(sigs[i], SEND_SIG_PRIV, t);
	}
}

static void get_itimer(int which, struct itimerval_user *v)
{
	struct task *t = current;
	uint64_t now = ktime_get_ns(), left = 0, incr;

	if (which == ITIMER_REAL) {
		if (t->real_timer.pending)	/* an expired one still shows 1 us */
			left = t->real_timer.expires_ns > now ?
			       t->real_timer.expires_ns - now : NSEC_PER_USEC;
		incr = t->it_real_incr_ns;
	} else {
		left = t->it[which - 1].left_ns;
		incr = t->it[which - 1].incr_ns;
	}
	v->it_value = ns_to_tv(left);
	v->it_interval = ns_to_tv(incr);
}

static void set_itimer(int which, const struct itimerval_user *v)
{
	struct task *t = current;
	uint64_t value = tv_to_ns(&v->it_value), incr = tv_to_ns(&v->it_interval);

	if (which == ITIMER_REAL) {
		timer_del(&t->real_timer);
		t->real_timer.fn = it_real_fn;
		t->it_real_incr_ns = value ? incr : 0;
		if (value)
			timer_add(&t->real_timer, ktime_get_ns() + value);
		return;
	}
	/* A CPU timer runs at least one tick; Linux rounds up to its tick too. */
	t->it[which - 1].left_ns = value;
	t->it[which - 1].incr_ns = value ? incr : 0;
}

static long do_setitimer(int which, const struct itimerval_user *v, struct itimerval_user *old)
{
	unsigned long flags;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	flags = local_irq_save();
	if (old)
		get_itimer(which, old);
	set_itimer(which, v);
	local_irq_restore(flags);
	return 0;
}

long sys_getitimer(unsigned long which, unsigned long uval, unsigned long a3,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct itimerval_user v;
	unsigned long flags;

	if (which > ITIMER_PROF)
		return -EINVAL;
	flags = local_irq_save();
	get_itimer((int)which, &v);
	local_irq_restore(flags);
	return copy_to_user((void *)uval, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_setitimer(unsigned long which, unsigned long uval, unsigned long uold,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct itimerval_user v = { { 0, 0 }, { 0, 0 } }, old;
	long err;

	/* As Linux: a NULL new value is accepted and disarms the timer. */
	if (uval) {
		if (copy_from_user(&v, (void *)uval, sizeof(v)))
			return -EFAULT;
		if (!tv_valid(&v.it_value) || !tv_valid(&v.it_interval))
			return -EINVAL;
	}
	err = do_setitimer((int)which, &v, uold ? &old : NULL);
	if (err || !uold)
		return err;
	return copy_to_user((void *)uold, &old, sizeof(old)) ? -EFAULT : 0;
}

/* alarm(2): the old alarm's seconds, rounded to nearest and never 0 if one was set. */
long sys_alarm(unsigned long seconds, unsigned long a2, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct itimerval_user v = { { 0, 0 }, { (long)(unsigned int)seconds, 0 } }, old;

	do_setitimer(ITIMER_REAL, &v, &old);
	if ((!old.it_value.tv_sec && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
		old.it_value.tv_sec++;
	return old.it_value.tv_sec;
}
