/*
 * t_limits - resource limits and sysinfo: Linux's defaults where a test
 * harness relies on them, the EINVAL/EPERM/EFAULT rules of setrlimit and
 * prlimit64, inheritance across fork, and sysinfo's basic sanity.
 */
#include "tap.h"
#include <sys/syscall.h>
#include <sys/sysinfo.h>

static void child_lower_nofile(void *arg)
{
	struct rlimit r;

	(void)arg;
	getrlimit(RLIMIT_NOFILE, &r);
	_exit(r.rlim_cur == 100 ? 0 : 1);
}

int main(void)
{
	struct rlimit r, o;
	struct sysinfo si;

	tap_init();
	is_int(getrlimit(RLIMIT_STACK, &r), 0, "getrlimit(RLIMIT_STACK)");
	ok(r.rlim_cur >= 8UL << 20 || r.rlim_cur == RLIM_INFINITY,
	   "stack soft limit is at least 8 MiB (%lu)", (unsigned long)r.rlim_cur);
	is_int(getrlimit(RLIMIT_NOFILE, &r), 0, "getrlimit(RLIMIT_NOFILE)");
	ok(r.rlim_cur >= 64 && r.rlim_cur <= r.rlim_max, "NOFILE soft <= hard");
	is_errno(syscall(SYS_getrlimit, 99, &r), EINVAL, "resource 99 is EINVAL");
	is_errno(syscall(SYS_getrlimit, RLIMIT_NOFILE, (void *)1), EFAULT,
		 "getrlimit to a bad pointer is EFAULT");

	getrlimit(RLIMIT_NOFILE, &o);
	r = o;
	r.rlim_cur = r.rlim_max + 1;
	is_errno(setrlimit(RLIMIT_NOFILE, &r), EINVAL, "soft above hard is EINVAL");
	r.rlim_cur = r.rlim_max = 2000000;
	is_errno(setrlimit(RLIMIT_NOFILE, &r), EPERM, "NOFILE hard above fs.nr_open is EPERM");
	r = o;
	r.rlim_cur = 100;
	is_int(setrlimit(RLIMIT_NOFILE, &r), 0, "lower the NOFILE soft limit to 100");
	is_exited(run_child(child_lower_nofile, NULL), 0, "a forked child inherits it");
	is_int(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &o, &r), 0,
	       "prlimit64 sets and returns the old value at once");
	is_int(r.rlim_cur, 100, "the old soft value was 100");
	is_errno(syscall(SYS_prlimit64, 999999, RLIMIT_NOFILE, NULL, &r), ESRCH,
		 "prlimit64 of a missing pid is ESRCH");

	is_int(sysinfo(&si), 0, "sysinfo");
	ok(si.totalram > 0 && si.mem_unit >= 1, "totalram > 0, mem_unit >= 1");
	ok(si.freeram <= si.totalram, "freeram <= totalram");
	ok(si.procs >= 1, "at least one process (%u)", si.procs);
	is_errno(syscall(SYS_sysinfo, (void *)1), EFAULT, "sysinfo to a bad pointer is EFAULT");
	return done_testing();
}
