/*
 * proc/sys_rusage.c - getrusage(2) (Linux: kernel/sys.c getrusage).
 *
 * RUSAGE_SELF and RUSAGE_THREAD (one thread per process here) report the
 * task's own CPU times, fault counts and peak RSS; RUSAGE_CHILDREN the
 * totals wait4 folded in from reaped children (proc/exit.c), whose peak
 * RSS is not kept yet (0).  Times are timevals (microseconds).
 */
#include "proc/task.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

struct rusage_abi {
	long utime_sec, utime_usec, stime_sec, stime_usec;
	long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap,
	     inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

static void ns_to_tv(uint64_t ns, long *sec, long *usec)
{
	*sec = (long)(ns / 1000000000UL);
	*usec = (long)(ns % 1000000000UL / 1000);
}

long sys_getrusage(unsigned long who, unsigned long uru, unsigned long a3,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct task *t = current;
	struct rusage_abi r;
	int w = (int)who;

	if (w != RUSAGE_SELF && w != RUSAGE_CHILDREN && w != RUSAGE_THREAD)
		return -EINVAL;
	memset(&r, 0, sizeof(r));
	if (w == RUSAGE_CHILDREN) {
		ns_to_tv(t->cutime_ns, &r.utime_sec, &r.utime_usec);
		ns_to_tv(t->cstime_ns, &r.stime_sec, &r.stime_usec);
		r.minflt = (long)t->cmin_flt;
		r.majflt = (long)t->cmaj_flt;
	} else {
		ns_to_tv(t->utime_ns, &r.utime_sec, &r.utime_usec);
		ns_to_tv(t->stime_ns, &r.stime_sec, &r.stime_usec);
		r.minflt = (long)t->min_flt;
		r.majflt = (long)t->maj_flt;
		if (t->mm) {
			update_hiwater_rss(t->mm);
			r.maxrss = (long)(t->mm->hiwater_rss << (PAGE_SHIFT - 10));
		}
	}
	return copy_to_user((void *)uru, &r, sizeof(r)) ? -EFAULT : 0;
}
