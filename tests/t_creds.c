/*
 * t_creds - user and group ids, and what they allow.
 *
 * The test starts as root (uid 0).  Everything that gives up root happens
 * in a forked child, which reports through its exit code (one bit per
 * check) so the parent can print the results.
 *
 * Pinned Linux behaviour:
 *   - root's setuid(n) sets real, effective and saved uid; after that,
 *     setuid(0) is EPERM;
 *   - setresuid(-1, n, -1) changes only the effective uid, and the saved
 *     uid 0 lets the process become root again with seteuid(0);
 *   - an unprivileged process may signal only processes whose real or
 *     saved uid matches its real or effective uid: else kill() is EPERM;
 *   - capabilities: root's effective set equals its permitted set; a
 *     process that drops to uid 1000 everywhere has empty sets.
 * The check re-executes this program with "--check-uid N".
 */
#include "tap.h"

#include <stdint.h>
#include <sys/syscall.h>

#define CAP_V3 0x20080522      /* _LINUX_CAPABILITY_VERSION_3 */

/* The kernel's capability structures (linux/capability.h). */
struct cap_header {
	uint32_t version;
	int pid;
};
struct cap_data {
	uint32_t effective, permitted, inheritable;
};

static char *self_path;

/* capget for ourselves: fills d[2]; returns the syscall result. */
static long caps(struct cap_data d[2])
{
	struct cap_header h = { CAP_V3, 0 };

	memset(d, 0, 2 * sizeof *d);
	return syscall(SYS_capget, &h, d);
}

static int has_cap(const struct cap_data d[2], int cap)
{
	return (d[cap / 32].effective >> (cap % 32)) & 1;
}

static void test_root(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;
	struct cap_data d[2];
	struct cap_header h = { 0, 0 };

	is_int(syscall(SYS_getuid), 0, "getuid is 0 (root)");
	is_int(syscall(SYS_geteuid), 0, "geteuid is 0");
	is_int(syscall(SYS_getgid), 0, "getgid is 0");
	is_int(syscall(SYS_getegid), 0, "getegid is 0");
	is_int(getresuid(&r, &e, &s), 0, "getresuid succeeds");
	ok(r == 0 && e == 0 && s == 0, "real, effective and saved uid are all 0");
	is_int(getresgid(&gr, &ge, &gs), 0, "getresgid succeeds");
	ok(gr == 0 && ge == 0 && gs == 0, "real, effective and saved gid are all 0");
	ok(getgroups(0, NULL) >= 0, "getgroups(0, NULL) returns a count");

	is_int(caps(d), 0, "capget(_LINUX_CAPABILITY_VERSION_3) succeeds");
	ok(has_cap(d, 0) && has_cap(d, 1) && has_cap(d, 5) && has_cap(d, 6) && has_cap(d, 7) &&
	   has_cap(d, 21), "root has CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_KILL, CAP_SETGID, CAP_SETUID, CAP_SYS_ADMIN");
	ok(d[0].effective == d[0].permitted && d[1].effective == d[1].permitted,
	   "root's effective set equals its permitted set");
	ok(d[1].effective != 0, "root has capabilities above 31 too (e.g. CAP_SYSLOG = 34)");
	diag("root capabilities: effective %#x %#x", d[1].effective, d[0].effective);

	is_int(syscall(SYS_capget, &h, NULL), 0, "capget(version 0, NULL data) is a version probe: returns 0");
	is_int(h.version, CAP_V3, "... and writes the kernel's preferred version 0x20080522");
	h.version = 0x1234;
	is_errno(syscall(SYS_capget, &h, d), EINVAL, "capget with an unknown version -> EINVAL");
}

/* Child: drop everything to 1000 and check that root cannot come back. */
static void child_drop_all(void *arg)
{
	uid_t r, e, s;
	struct cap_data d[2];
	int code = 0;

	(void)arg;
	if (setuid(1000) != 0)
		_exit(100);
	getresuid(&r, &e, &s);
	if (r != 1000 || e != 1000 || s != 1000)
		code |= 1;              /* root's setuid sets all three */
	if (syscall(SYS_setuid, 0) != -1 || errno != EPERM)
		code |= 2;              /* no way back */
	if (syscall(SYS_setresuid, 0, 0, 0) != -1 || errno != EPERM)
		code |= 4;
	if (syscall(SYS_setuid, 1000) != 0)
		code |= 8;              /* setting one's own uid is fine */
	if (caps(d) != 0 || d[0].effective || d[1].effective || d[0].permitted || d[1].permitted)
		code |= 16;             /* no capabilities left */
	if (syscall(SYS_setgid, 5000) != -1 || errno != EPERM)
		code |= 32;             /* no CAP_SETGID: only its own gids */
	_exit(code);
}

/* Child: change only the effective uid, then regain root via the saved uid. */
static void child_euid_only(void *arg)
{
	uid_t r, e, s;
	struct cap_data d[2];
	int code = 0;

	(void)arg;
	if (setresuid(-1, 1000, -1) != 0)
		_exit(100);
	getresuid(&r, &e, &s);
	if (r != 0 || e != 1000 || s != 0)
		code |= 1;
	if (syscall(SYS_geteuid) != 1000 || syscall(SYS_getuid) != 0)
		code |= 2;
	if (caps(d) != 0 || d[0].effective != 0)
		code |= 4;              /* euid != 0: effective set cleared */
	if (d[0].permitted == 0)
		code |= 8;              /* ... but permitted kept (ruid/suid are 0) */
	if (seteuid(0) != 0 || syscall(SYS_geteuid) != 0)
		code |= 16;             /* the saved uid 0 allows this */
	if (caps(d) != 0 || d[0].effective != d[0].permitted)
		code |= 32;             /* back to euid 0: effective restored */
	_exit(code);
}

/* Child: gids. */
static void child_gids(void *arg)
{
	gid_t r, e, s;
	int code = 0;

	(void)arg;
	if (setgid(1000) != 0 || syscall(SYS_getgid) != 1000 || syscall(SYS_getegid) != 1000)
		code |= 1;
	if (setresgid(2000, 2001, 2002) != 0)
		code |= 2;
	getresgid(&r, &e, &s);
	if (r != 2000 || e != 2001 || s != 2002)
		code |= 4;
	if (syscall(SYS_getuid) != 0)
		code |= 8;              /* gids do not touch uids */
	_exit(code);
}

/* Child (uid 1000): who may it signal? */
static int victim_pid;

static void child_kill_perms(void *arg)
{
	int code = 0, st;
	pid_t same;

	(void)arg;
	if (setuid(1000) != 0)
		_exit(100);
	if (kill(victim_pid, 0) != -1 || errno != EPERM)
		code |= 1;              /* a root process: EPERM even for signal 0 */
	if (kill(victim_pid, SIGTERM) != -1 || errno != EPERM)
		code |= 2;
	if (kill(getppid(), 0) != -1 || errno != EPERM)
		code |= 4;              /* our root parent too */
	if (kill(getpid(), 0) != 0)
		code |= 8;
	same = fork();              /* a child that is uid 1000 as well */
	if (same == 0) {
		pause();
		_exit(0);
	}
	if (kill(same, SIGTERM) != 0)
		code |= 16;
	waitpid(same, &st, 0);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGTERM)
		code |= 16;
	_exit(code);
}

static void test_kill_perms(void)
{
	int p[2], st, code;
	pid_t victim;
	char c;

	pipe(p);
	victim = fork();
	if (victim == 0) {
		close(p[1]);
		read(p[0], &c, 1);      /* a root process that waits */
		_exit(0);
	}
	victim_pid = victim;
	st = run_child(child_kill_perms, NULL);
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	ok(code < 100, "the uid-1000 child ran");
	ok(code < 100 && !(code & 1), "uid 1000: kill(root process, 0) -> EPERM");
	ok(code < 100 && !(code & 2), "uid 1000: kill(root process, SIGTERM) -> EPERM");
	ok(code < 100 && !(code & 4), "uid 1000: kill(root parent, 0) -> EPERM");
	ok(code < 100 && !(code & 8), "uid 1000: kill(self, 0) is allowed");
	ok(code < 100 && !(code & 16), "uid 1000: killing its own uid-1000 child is allowed");
	is_int(kill(victim, 0), 0, "the root victim is still alive");
	close(p[1]);                    /* let it go */
	waitpid(victim, &st, 0);
	is_exited(st, 0, "the root victim exited normally");
	close(p[0]);
}

static void test_children(void)
{
	int st, code;
	pid_t pid;

	st = run_child(child_drop_all, NULL);
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	ok(code < 100, "setuid(1000) as root succeeds");
	ok(code < 100 && !(code & 1), "root's setuid(1000) sets real, effective and saved uid");
	ok(code < 100 && !(code & 2), "after that, setuid(0) -> EPERM");
	ok(code < 100 && !(code & 4), "... and setresuid(0, 0, 0) -> EPERM");
	ok(code < 100 && !(code & 8), "setuid(own uid) still succeeds");
	ok(code < 100 && !(code & 16), "uid 1000 everywhere: capget shows empty effective and permitted sets");
	ok(code < 100 && !(code & 32), "uid 1000 without CAP_SETGID: setgid(5000) -> EPERM");

	st = run_child(child_euid_only, NULL);
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	ok(code < 100, "setresuid(-1, 1000, -1) succeeds");
	ok(code < 100 && !(code & 1), "... it changes only the effective uid (0, 1000, 0)");
	ok(code < 100 && !(code & 2), "getuid/geteuid agree (0 / 1000)");
	ok(code < 100 && !(code & 4), "euid 1000: the effective capability set is empty");
	ok(code < 100 && !(code & 8), "... but the permitted set is kept (real/saved uid still 0)");
	ok(code < 100 && !(code & 16), "seteuid(0) succeeds thanks to the saved uid");
	ok(code < 100 && !(code & 32), "back at euid 0 the effective set is restored");

	st = run_child(child_gids, NULL);
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	ok(code == 0 || !(code & 1), "setgid(1000) as root sets real and effective gid");
	ok(code == 0 || !(code & 2), "setresgid(2000, 2001, 2002) as root succeeds");
	ok(code == 0 || !(code & 4), "getresgid reports (2000, 2001, 2002)");
	ok(code == 0 || !(code & 8), "changing gids leaves the uid alone");

	/* uid survives fork and execve. */
	pid = fork();
	if (pid == 0) {
		char *argv[] = { self_path, "--check-uid", "1000", NULL };
		char *envp[] = { NULL };

		if (setuid(1000) != 0)
			_exit(100);
		execve(self_path, argv, envp);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	is_exited(st, 0, "a uid-1000 process that execs keeps uid 1000");
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--check-uid") == 0)
		return syscall(SYS_getuid) == atoi(argv[2]) && syscall(SYS_geteuid) == atoi(argv[2]) ? 0 : 1;

	tap_init();
	self_path = argv[0];
	test_root();
	test_children();
	test_kill_perms();
	return done_testing();
}
