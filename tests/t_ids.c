/*
 * t_ids - the corners of the credential calls that t_creds leaves out:
 * supplementary groups, setreuid's saved-uid rule, setfsuid, capget on
 * other processes and with version 1, capset's rules, what execve does to
 * the ids and capability sets, and EFAULT/EINVAL for bad arguments.
 *
 * Runs as root.  Checks that give up root happen in forked children that
 * report through their exit code, one bit per check.  Re-executes argv[0]
 * with "--exec-report" to see the credentials after execve.
 */
#include "tap.h"

#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>

#define CAP_V1 0x19980330
#define CAP_V3 0x20080522
#define CAP_KILL 5
#define CAP_SETUID 7
#define BAD ((void *)16)

struct cap_header {
	uint32_t version;
	int pid;
};
struct cap_data {
	uint32_t effective, permitted, inheritable;
};

static char *self_path;
static struct cap_data root_caps[2];    /* our own sets at start (a container may lack some) */

static long capget_pid(int pid, uint32_t version, struct cap_data *d)
{
	struct cap_header h = { version, pid };

	return syscall(SYS_capget, &h, d);
}

static long capset_self(uint32_t eff0, uint32_t perm0, uint32_t eff1, uint32_t perm1)
{
	struct cap_header h = { CAP_V3, 0 };
	struct cap_data d[2] = { { eff0, perm0, 0 }, { eff1, perm1, 0 } };

	return syscall(SYS_capset, &h, d);
}

static void test_groups(void)
{
	gid_t set[3] = { 30, 10, 20 }, get[8] = { 0 }, bad[1] = { (gid_t)-1 };

	is_int(syscall(SYS_setgroups, 3, set), 0, "setgroups(3, {30, 10, 20}) as root");
	is_int(syscall(SYS_getgroups, 0, NULL), 3, "getgroups(0, NULL) counts 3");
	is_errno(syscall(SYS_getgroups, 2, get), EINVAL, "getgroups with a list too small -> EINVAL");
	is_errno(syscall(SYS_getgroups, -1, get), EINVAL, "getgroups(-1) -> EINVAL");
	is_int(syscall(SYS_getgroups, 8, get), 3, "getgroups(8, buf) returns 3");
	ok(get[0] == 10 && get[1] == 20 && get[2] == 30, "the list comes back sorted");
	is_errno(syscall(SYS_getgroups, 8, BAD), EFAULT, "getgroups to a bad pointer -> EFAULT");
	is_errno(syscall(SYS_setgroups, 65537, set), EINVAL, "setgroups(NGROUPS_MAX + 1) -> EINVAL");
	is_errno(syscall(SYS_setgroups, -1, set), EINVAL, "setgroups(-1) -> EINVAL");
	is_errno(syscall(SYS_setgroups, 1, BAD), EFAULT, "setgroups from a bad pointer -> EFAULT");
	is_errno(syscall(SYS_setgroups, 1, bad), EINVAL, "setgroups with gid -1 -> EINVAL");
	is_int(syscall(SYS_getgroups, 0, NULL), 3, "... failed calls left the list alone");
	is_int(syscall(SYS_setgroups, 0, NULL), 0, "setgroups(0, NULL) clears the list");
	is_int(syscall(SYS_getgroups, 0, NULL), 0, "getgroups counts 0");
}

static void test_bad_pointers(void)
{
	uid_t r, e;
	struct cap_header h = { CAP_V3, 0 };

	is_errno(syscall(SYS_getresuid, BAD, &r, &e), EFAULT, "getresuid to a bad pointer -> EFAULT");
	is_errno(syscall(SYS_getresgid, &r, &e, BAD), EFAULT, "getresgid to a bad third pointer -> EFAULT");
	is_errno(syscall(SYS_capget, BAD, NULL), EFAULT, "capget with a bad header -> EFAULT");
	is_errno(syscall(SYS_capget, &h, BAD), EFAULT, "capget to bad data -> EFAULT");
	is_errno(syscall(SYS_capset, &h, BAD), EFAULT, "capset from bad data -> EFAULT");
	is_errno(syscall(SYS_setuid, -1), EINVAL, "setuid(-1) -> EINVAL");
	is_errno(syscall(SYS_setgid, -1), EINVAL, "setgid(-1) -> EINVAL");
}

static void test_capget(void)
{
	struct cap_data d[2];
	struct cap_header h = { 0x1234, 0 };
	pid_t pid;
	int st;

	memset(d, 0xa5, sizeof d);
	is_int(capget_pid(0, CAP_V1, d), 0, "capget with _LINUX_CAPABILITY_VERSION_1");
	ok(d[0].effective == root_caps[0].effective && d[0].permitted == root_caps[0].permitted,
	   "version 1: the low 32 capabilities");
	ok(d[1].effective == 0xa5a5a5a5, "version 1 writes one data word only");
	is_int(capget_pid(getpid(), CAP_V3, d), 0, "capget(own pid) works like pid 0");
	is_errno(capget_pid(-1, CAP_V3, d), EINVAL, "capget(pid -1) -> EINVAL");
	is_errno(capget_pid(99999, CAP_V3, d), ESRCH, "capget(no such pid) -> ESRCH");
	is_errno(syscall(SYS_capset, &h, d), EINVAL, "capset with an unknown version -> EINVAL");
	is_int(h.version, CAP_V3, "... and writes 0x20080522 back");

	pid = fork();
	if (pid == 0) {
		struct timespec ts = { 0, 300 * 1000 * 1000 };

		if (setuid(1000) != 0)
			_exit(1);
		nanosleep(&ts, NULL);
		_exit(0);
	}
	{
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	memset(d, 0xff, sizeof d);
	is_int(capget_pid(pid, CAP_V3, d), 0, "capget on another process");
	ok(d[0].effective == 0 && d[0].permitted == 0 && d[1].permitted == 0,
	   "... a uid-1000 child has empty sets");
	waitpid(pid, &st, 0);
	is_exited(st, 0, "the uid-1000 child exited");
}

/* Child: drop CAP_KILL and CAP_SETUID with capset, then probe. */
static void child_capset(void *arg)
{
	struct cap_data d[2];
	struct cap_header h = { CAP_V3, 0 };
	uint32_t all = root_caps[0].permitted, high = root_caps[1].permitted;
	uint32_t low = all & ~((1u << CAP_KILL) | (1u << CAP_SETUID));
	int code = 0;

	(void)arg;
	if (capset_self(low, low, high, high) != 0)
		_exit(100);
	if (capget_pid(0, CAP_V3, d) != 0 || d[0].effective != low || d[0].permitted != low)
		code |= 1;
	if (capset_self(all, all, high, high) != -1 || errno != EPERM)
		code |= 2;              /* no way back into the permitted set */
	if (capset_self(all, low, high, high) != -1 || errno != EPERM)
		code |= 4;              /* effective must be within permitted */
	h.pid = getppid();
	d[0].effective = d[0].permitted = low;
	if (syscall(SYS_capset, &h, d) != -1 || errno != EPERM)
		code |= 8;              /* only one's own sets */
	if (syscall(SYS_setuid, 1000) != -1 || errno != EPERM)
		code |= 16;             /* root without CAP_SETUID */
	if (capset_self(0, low, 0, high) != 0 || syscall(SYS_setgid, 5) != -1 || errno != EPERM)
		code |= 32;             /* empty effective set: setgid is refused too */
	_exit(code);
}

/* Child: setreuid's saved-uid rule and setfsuid. */
static void child_reuid(void *arg)
{
	uid_t r, e, s;
	int code = 0;

	(void)arg;
	if (setreuid(-1, 1000) != 0)
		_exit(100);
	getresuid(&r, &e, &s);
	if (r != 0 || e != 1000 || s != 1000)
		code |= 1;              /* euid != old ruid: the saved uid follows */
	if (setreuid(-1, 0) != 0)
		code |= 2;              /* 0 is still the real uid */
	getresuid(&r, &e, &s);
	if (r != 0 || e != 0 || s != 1000)
		code |= 4;
	if (syscall(SYS_setfsuid, 2000) != 0 || syscall(SYS_setfsuid, -1) != 2000)
		code |= 8;              /* returns the old fsuid */
	if (syscall(SYS_setfsuid, 0) != 2000)
		code |= 8;
	if (setresuid(1000, 1000, 1000) != 0)
		_exit(101);
	if (syscall(SYS_setfsuid, 3000) != 1000 || syscall(SYS_setfsuid, -1) != 1000)
		code |= 16;             /* refused silently */
	if (syscall(SYS_setfsgid, 3000) != 0 || syscall(SYS_setfsgid, -1) != 0)
		code |= 32;             /* no CAP_SETGID: fsgid unchanged */
	{
		struct rlimit rl;

		if (syscall(SYS_prlimit64, getppid(), RLIMIT_STACK, NULL, &rl) != -1 || errno != EPERM)
			code |= 64;     /* another user's process */
		if (syscall(SYS_prlimit64, getpid(), RLIMIT_STACK, NULL, &rl) != 0)
			code |= 64;
	}
	_exit(code);
}

static int exec_report(void)
{
	struct cap_data d[2];
	uid_t r, e, s;
	int code = 0;

	getresuid(&r, &e, &s);
	if (r != 1000 || e != 1000 || s != 1000)
		code |= 1;              /* execve sets the saved uid to the euid */
	if (capget_pid(0, CAP_V3, d) != 0 || d[0].effective || d[0].permitted ||
	    d[1].effective || d[1].permitted)
		code |= 2;              /* root nowhere any more: empty sets */
	return code;
}

static void test_children(void)
{
	int st, code;
	pid_t pid;

	st = run_child(child_capset, NULL);
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	ok(code < 100, "capset dropping CAP_KILL and CAP_SETUID succeeds");
	ok(code < 100 && !(code & 1), "capget shows the smaller sets");
	ok(code < 100 && !(code & 2), "capset cannot raise the permitted set again -> EPERM");
	ok(code < 100 && !(code & 4), "capset with effective outside permitted -> EPERM");
	ok(code < 100 && !(code & 8), "capset on another pid -> EPERM");
	ok(code < 100 && !(code & 16), "uid 0 without CAP_SETUID: setuid(1000) -> EPERM");
	ok(code < 100 && !(code & 32), "uid 0 with an empty effective set: setgid(5) -> EPERM");

	st = run_child(child_reuid, NULL);
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	ok(code < 100, "setreuid(-1, 1000) as root succeeds");
	ok(code < 100 && !(code & 1), "... and sets the saved uid to 1000");
	ok(code < 100 && !(code & 2), "setreuid(-1, 0) succeeds: 0 is the real uid");
	ok(code < 100 && !(code & 4), "... the saved uid stays 1000");
	ok(code < 100 && !(code & 8), "setfsuid returns the previous fsuid");
	ok(code < 100 && !(code & 16), "uid 1000: setfsuid(3000) is refused silently");
	ok(code < 100 && !(code & 32), "uid 1000: setfsgid(3000) is refused silently");
	ok(code < 100 && !(code & 64), "uid 1000: prlimit64 on a root process -> EPERM, on itself fine");

	pid = fork();
	if (pid == 0) {
		char *argv[] = { self_path, "--exec-report", NULL };
		char *envp[] = { NULL };

		struct cap_data d[2];

		/*
		 * Real and effective uid equal: musl's start code polls fds
		 * 0-2 when AT_UID != AT_EUID.  The saved uid 0 keeps the
		 * permitted set until the exec.
		 */
		if (setresuid(1000, 1000, 0) != 0)
			_exit(100);
		if (capget_pid(0, CAP_V3, d) != 0 || d[0].permitted == 0)
			_exit(98);
		execve(self_path, argv, envp);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	ok(code != 98, "uids (1000, 1000, 0): the permitted set is kept (saved uid 0)");
	ok(code < 98, "a (1000, 1000, 0) process execs");
	ok(code < 98 && !(code & 1), "after execve the saved uid is the euid (1000, 1000, 1000)");
	ok(code < 98 && !(code & 2), "after execve: no root uid left, so empty capability sets");
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--exec-report") == 0)
		return exec_report();

	tap_init();
	self_path = argv[0];
	capget_pid(0, CAP_V3, root_caps);
	test_groups();
	test_bad_pointers();
	test_capget();
	test_children();
	return done_testing();
}
