/*
 * kernel/sys_time.c - clocks and sleeping: clock_gettime, nanosleep,
 * clock_nanosleep, and uname/sched_yield (small, so they live here too).
 * CLOCK_MONOTONIC/BOOTTIME are the TSC since boot (no suspend, so the
 * two agree); CLOCK_REALTIME adds the RTC's time at boot.
 */
#include "kernel/errno.h"
#include "kernel/time.h"
#include "kernel/param.h"
#include "kernel/lib/string.h"
#include "mm/uaccess.h"
#include "proc/sched.h"

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define TIMER_ABSTIME		1
#define NSEC_PER_SEC		1000000000UL

/* The clock's value in ns, or -EINVAL for a clock we do not have. */
static long long clock_now(unsigned long id)
{
	switch (id) {
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE:
		return (long long)ktime_get_real_ns();
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME:
		return (long long)ktime_get_ns();
	case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
		return (long long)(current->utime_ns + current->stime_ns);
	}
	return -EINVAL;
}

static struct kernel_timespec ns_to_ts(uint64_t ns)
{
	return (struct kernel_timespec){ (long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC) };
}

long sys_clock_gettime(unsigned long id, unsigned long utp, unsigned long a3,
		       unsigned long a4, unsigned long a5, unsigned long a6)
{
	long long now = clock_now(id);
	struct kernel_timespec ts;

	if (now < 0)
		return (long)now;
	ts = ns_to_ts((uint64_t)now);
	return copy_to_user((void *)utp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* Read and check a timespec: -EFAULT, -EINVAL, or 0 with *ns set. */
static int get_timespec_ns(unsigned long uts, uint64_t *ns)
{
	struct kernel_timespec ts;

	if (copy_from_user(&ts, (void *)uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	*ns = (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
	return 0;
}

/* Write the time left until @deadline to the user timespec @urem. */
static long copy_remaining(uint64_t deadline, unsigned long urem)
{
	uint64_t now = ktime_get_ns();
	struct kernel_timespec rem = ns_to_ts(deadline > now ? deadline - now : 0);

	return copy_to_user((void *)urem, &rem, sizeof(rem)) ? -EFAULT : 0;
}

static long nanosleep_restart(struct restart_block *rb);

/*
 * Sleep until monotonic @deadline.  Interrupted, a relative sleep writes
 * what is left to @urem and returns -ERESTART_RESTARTBLOCK: a handler
 * makes that EINTR, a stop/continue resumes the sleep to the same end
 * (restart_syscall); an absolute one is simply re-issued (-ERESTARTNOHAND).
 */
static long sleep_deadline(uint64_t deadline, unsigned long urem, bool abs)
{
	struct restart_block *rb = &current->restart_block;

	if (sleep_until_ns(deadline, true) == 0)
		return 0;
	if (abs)
		return -ERESTARTNOHAND;
	if (urem && copy_remaining(deadline, urem))
		return -EFAULT;
	rb->fn = nanosleep_restart;
	rb->arg[0] = deadline;
	rb->arg[1] = urem;
	return -ERESTART_RESTARTBLOCK;
}

static long nanosleep_restart(struct restart_block *rb)
{
	return sleep_deadline(rb->arg[0], rb->arg[1], false);
}

long sys_nanosleep(unsigned long ureq, unsigned long urem, unsigned long a3,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	uint64_t ns;
	int err = get_timespec_ns(ureq, &ns);

	if (err)
		return err;
	return sleep_deadline(ktime_get_ns() + ns, urem, false);
}

long sys_clock_nanosleep(unsigned long id, unsigned long flags, unsigned long ureq,
			 unsigned long urem, unsigned long a5, unsigned long a6)
{
	long long now = clock_now(id);
	uint64_t ns;
	int err;

	if (now < 0 || id == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (id == CLOCK_PROCESS_CPUTIME_ID)
		return -EOPNOTSUPP;	/* CPU-time sleeps: not supported */
	err = get_timespec_ns(ureq, &ns);
	if (err)
		return err;
	if (flags & TIMER_ABSTIME)	/* convert to a monotonic deadline */
		return sleep_deadline(ns > (uint64_t)now ? ktime_get_ns() + (ns - (uint64_t)now)
					  : ktime_get_ns(), 0, true);
	return sleep_deadline(ktime_get_ns() + ns, urem, false);
}

struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65],
	     domainname[65];
};

/* Linux-ABI programs expect "Linux" here; the release names the kernel. */
long sys_uname(unsigned long uname, unsigned long a2, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Linux", sizeof(u.sysname));
	strlcpy(u.nodename, "oomkernel", sizeof(u.nodename));
	strlcpy(u.release, "6.1.0-oomkernel", sizeof(u.release));
	strlcpy(u.version, "#1 oomkernel 0.1", sizeof(u.version));
	strlcpy(u.machine, "x86_64", sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user((void *)uname, &u, sizeof(u)) ? -EFAULT : 0;
}

long sys_sched_yield(unsigned long a1, unsigned long a2, unsigned long a3,
		     unsigned long a4, unsigned long a5, unsigned long a6)
{
	schedule();
	return 0;
}

/* High-resolution clocks resolve 1 ns; the coarse ones a tick, as Linux. */
long sys_clock_getres(unsigned long id, unsigned long ures, unsigned long a3,
		      unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct kernel_timespec ts = { 0, 1 };

	if (clock_now(id) < 0)
		return -EINVAL;
	if (id == CLOCK_REALTIME_COARSE || id == CLOCK_MONOTONIC_COARSE)
		ts.tv_nsec = (long)(NSEC_PER_SEC / HZ);
	if (ures && copy_to_user((void *)ures, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

long sys_gettimeofday(unsigned long utv, unsigned long utz, unsigned long a3,
		      unsigned long a4, unsigned long a5, unsigned long a6)
{
	uint64_t ns = ktime_get_real_ns();
	struct { long tv_sec, tv_usec; } tv = { (long)(ns / NSEC_PER_SEC),
						 (long)(ns % NSEC_PER_SEC / 1000) };
	struct { int minuteswest, dsttime; } tz = { 0, 0 };

	if (utv && copy_to_user((void *)utv, &tv, sizeof(tv)))
		return -EFAULT;
	if (utz && copy_to_user((void *)utz, &tz, sizeof(tz)))
		return -EFAULT;
	return 0;
}

long sys_time(unsigned long utloc, unsigned long a2, unsigned long a3,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	long t = (long)(ktime_get_real_ns() / NSEC_PER_SEC);

	if (utloc && copy_to_user((void *)utloc, &t, sizeof(t)))
		return -EFAULT;
	return t;
}
