/*
 * t_pgrp - process groups and sessions: getpgid/getsid/setpgid/setsid
 * rules and errors, and sched_getaffinity's mask size and checks.
 */
#include "tap.h"
#include <sched.h>
#include <sys/syscall.h>

static void child_setsid(void *arg)
{
	pid_t me = getpid();

	(void)arg;
	if (setsid() != me || getsid(0) != me || getpgrp() != me)
		_exit(1);
	/* Now a session leader: setsid again and setpgid are EPERM. */
	if (setsid() != -1 || errno != EPERM)
		_exit(2);
	if (setpgid(0, 0) != -1 || errno != EPERM)
		_exit(3);
	_exit(0);
}

int main(void)
{
	unsigned long mask[16];
	pid_t pid;
	int st;

	tap_init();
	ok(getpgid(0) > 0, "getpgid(0)");
	is_int(getpgid(0), getpgrp(), "getpgid(0) == getpgrp()");
	is_int(getpgid(getpid()), getpgrp(), "getpgid(getpid()) == getpgrp()");
	ok(getsid(0) > 0, "getsid(0)");
	is_errno(getpgid(999999), ESRCH, "getpgid of a missing pid is ESRCH");
	is_errno(getsid(999999), ESRCH, "getsid of a missing pid is ESRCH");
	is_errno(setpgid(0, -1), EINVAL, "setpgid with a negative pgid is EINVAL");
	is_errno(setpgid(999999, 0), ESRCH, "setpgid of a pid that is not a child is ESRCH");

	pid = fork();
	if (pid == 0) {
		/*
		 * ENOSYS here is fine: then spin until killed or exit.  The
		 * spin must outlast the parent's checks even on a loaded host
		 * (TCG, a slow serial console), or the child is gone (ESRCH).
		 */
		pause();
		for (volatile long i = 0; i < 40000000; i++)
			;
		_exit(0);
	}
	is_int(setpgid(pid, pid), 0, "setpgid(child, child) makes it a group leader");
	is_int(getpgid(pid), pid, "the child's pgid is its pid");
	is_int(setpgid(pid, getpgrp()), 0, "and back into our group");
	is_int(getpgid(pid), getpgrp(), "the child's pgid is ours again");
	is_errno(setpgid(pid, 999999), EPERM, "a group that does not exist in the session is EPERM");
	kill(pid, SIGKILL);	/* may be ENOSYS: then the child ends by itself */
	waitpid(pid, &st, 0);

	is_exited(run_child(child_setsid, NULL), 0, "setsid in a child makes a new session; then EPERM");

	long n = syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
	ok(n >= 8 && n % 8 == 0, "sched_getaffinity returns the mask size in bytes (%ld)", n);
	ok(mask[0] & 1, "CPU 0 is in the mask");
	is_errno(syscall(SYS_sched_getaffinity, 0, 7, mask), EINVAL, "a length not a multiple of 8 is EINVAL");
	is_errno(syscall(SYS_sched_getaffinity, 0, sizeof(mask), (void *)1), EFAULT,
		 "a bad mask pointer is EFAULT");
	return done_testing();
}
