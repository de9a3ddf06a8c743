/*
 * t_process - process life cycle: fork/vfork/posix_spawn, execve, wait4,
 * exit codes, orphans, kill(pid, 0), process groups and sessions.
 *
 * Some checks re-execute this program (argv[0]) in a child role:
 *     --exit N            exit with code N straight away
 *     --check-args ...    verify argv and environ are exactly what the
 *                         parent passed (exit 0 if so, else a code saying
 *                         what differed)
 */
#include "tap.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>

extern char **environ;
static char *self_path;

/* ---- child roles after re-exec ----------------------------------------- */

/* The argv and envp the parent passes to execve / posix_spawn. */
static char *want_argv_tail[] = { "--check-args", "one", "two words", "", "last", NULL };
static char *want_env[] = { "FOO=bar", "EMPTY=", "T_PROCESS=1", NULL };

static int check_args(int argc, char **argv)
{
	int n = 0, i;

	while (want_argv_tail[n])
		n++;
	if (argc != n + 1)
		return 10;                      /* wrong argc */
	for (i = 0; i < n; i++)
		if (strcmp(argv[i + 1], want_argv_tail[i]) != 0)
			return 11 + i;          /* argv[i+1] differs */
	if (argv[argc] != NULL)
		return 20;                      /* argv not NULL-terminated */
	for (i = 0; want_env[i]; i++)
		if (!environ[i] || strcmp(environ[i], want_env[i]) != 0)
			return 21 + i;          /* environ[i] differs */
	if (environ[i] != NULL)
		return 30;                      /* extra environment entries */
	if (strcmp(getenv("FOO"), "bar") != 0)
		return 31;
	return 0;
}

/* ---- fork and wait ------------------------------------------------------ */

static void test_fork_basics(void)
{
	pid_t me = getpid(), pid, r;
	int st, p[2];

	ok(me > 0, "getpid is positive");
	is_int(syscall(SYS_gettid), me, "gettid == getpid in a single-threaded process");
	ok(getppid() > 0 && getppid() != me, "getppid is a different positive pid");

	pipe(p);
	pid = fork();
	if (pid == 0) {
		pid_t info[3] = { getpid(), getppid(), (pid_t)syscall(SYS_gettid) };

		write(p[1], info, sizeof info);
		_exit(7);
	}
	ok(pid > 0 && pid != me, "fork returns the child's pid in the parent");
	{
		pid_t info[3] = { 0 };

		read(p[0], info, sizeof info);
		is_int(info[0], pid, "the child's getpid equals what fork returned");
		is_int(info[1], me, "the child's getppid is the parent");
		is_int(info[2], pid, "the child's gettid equals its pid");
	}
	r = wait4(pid, &st, 0, NULL);
	is_int(r, pid, "wait4 returns the child's pid");
	ok(WIFEXITED(st), "WIFEXITED after _exit");
	is_int(WEXITSTATUS(st), 7, "WEXITSTATUS is the code given to _exit");
	close(p[0]);
	close(p[1]);
}

/* Three generations: each waits for its child and passes the code up + 1. */
static void test_tree(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		pid_t g = fork();

		if (g == 0) {
			pid_t gg = fork();

			if (gg == 0)
				_exit(40);
			waitpid(gg, &st, 0);
			_exit(WIFEXITED(st) ? WEXITSTATUS(st) + 1 : 0);
		}
		waitpid(g, &st, 0);
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) + 1 : 0);
	}
	waitpid(pid, &st, 0);
	is_exited(st, 42, "a 3-level fork tree passes exit codes up (40 -> 41 -> 42)");
}

/* Exit codes are exactly the low 8 bits of the value passed. */
static void test_exit_codes(void)
{
	static const int codes[] = { 0, 1, 2, 127, 128, 200, 255, 256, 257, -1 };

	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		pid_t pid = fork();
		int st;

		if (pid == 0)
			_exit(codes[i]);
		waitpid(pid, &st, 0);
		is_exited(st, codes[i] & 0xff, "_exit(%d) is seen as exit code %d",
			  codes[i], codes[i] & 0xff);
	}
	{
		pid_t pid = fork();
		int st;

		if (pid == 0)
			syscall(SYS_exit_group, 42);
		waitpid(pid, &st, 0);
		is_exited(st, 42, "raw exit_group(42) gives exit code 42");
		pid = fork();
		if (pid == 0)
			syscall(SYS_exit, 43);
		waitpid(pid, &st, 0);
		is_exited(st, 43, "raw exit(43) of the only thread gives exit code 43");
		pid = fork();
		if (pid == 0)
			exit(44);   /* libc exit: atexit handlers, stdio flush, exit_group */
		waitpid(pid, &st, 0);
		is_exited(st, 44, "libc exit(44) gives exit code 44");
	}
}

/* wait4 variants: WNOHANG, a specific pid, no children at all. */
static void test_wait_variants(void)
{
	int p[2], st;
	pid_t a, b, r;
	char c = 0;

	pipe(p);
	a = fork();
	if (a == 0) {
		close(p[1]);
		read(p[0], &c, 1);     /* runs until the parent writes */
		_exit(5);
	}
	b = fork();
	if (b == 0)
		_exit(6);
	close(p[0]);

	is_int(waitpid(a, &st, WNOHANG), 0, "WNOHANG on a running child returns 0");
	r = waitpid(b, &st, 0);
	ok(r == b && WIFEXITED(st) && WEXITSTATUS(st) == 6,
	   "waitpid(pid) waits for that child only, even with another still running");
	is_errno(waitpid(b, &st, 0), ECHILD, "waiting again for a reaped child -> ECHILD");
	is_errno(waitpid(1, &st, WNOHANG), ECHILD, "waitpid(pid 1, not our child) -> ECHILD");
	write(p[1], &c, 1);
	r = waitpid(-1, &st, 0);
	ok(r == a && WIFEXITED(st) && WEXITSTATUS(st) == 5, "waitpid(-1) reaps the remaining child");
	is_errno(wait4(-1, &st, 0, NULL), ECHILD, "wait4(-1) with no children -> ECHILD");
	is_errno(wait4(-1, &st, WNOHANG, NULL), ECHILD, "wait4(-1, WNOHANG) with no children -> ECHILD");
	is_errno(wait4(-1, &st, 0x100, NULL), EINVAL, "wait4 with an unknown option bit (0x100) -> EINVAL");
	close(p[1]);
}

/* vfork: the parent is suspended until the child execs or exits. */
static volatile int vfork_shared;

static void test_vfork(void)
{
	pid_t pid;
	int st;

	vfork_shared = 0;
	pid = vfork();
	if (pid == 0) {
		/* Only async-signal-safe raw calls here: we run on the parent's memory. */
		struct timespec ts = { 0, 30 * 1000000L };

		syscall(SYS_nanosleep, &ts, NULL);
		vfork_shared = 1;
		_exit(9);
	}
	ok(pid > 0, "vfork returns the child's pid in the parent");
	is_int(vfork_shared, 1,
	       "after vfork returns in the parent, the child has already run (shared memory)");
	waitpid(pid, &st, 0);
	is_exited(st, 9, "the vfork child's exit code is reported");

	pid = vfork();
	if (pid == 0) {
		char *argv[] = { self_path, "--exit", "17", NULL };

		execve(self_path, argv, environ);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	is_exited(st, 17, "vfork + execve runs the new program");
}

/* execve: argv/envp passed exactly; errors for bad files. */
static void test_execve(void)
{
	char *argv[8] = { self_path };
	int st, fd, i;
	pid_t pid;

	for (i = 0; want_argv_tail[i]; i++)
		argv[i + 1] = want_argv_tail[i];
	argv[i + 1] = NULL;
	pid = fork();
	if (pid == 0) {
		execve(self_path, argv, want_env);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	is_exited(st, 0, "execve passes argv (incl. an empty string) and envp exactly");

	is_errno(execve("./t_process.missing", argv, want_env), ENOENT,
		 "execve of a missing file -> ENOENT");
	fd = open("t_process.txt", O_WRONLY | O_CREAT | O_TRUNC, 0755);
	write(fd, "this is not an ELF file\n", 24);
	close(fd);
	is_errno(execve("./t_process.txt", argv, want_env), ENOEXEC,
		 "execve of an executable text file (no #!) -> ENOEXEC");
	chmod("t_process.txt", 0644);
	is_errno(execve("./t_process.txt", argv, want_env), EACCES,
		 "execve of a file without any execute bit -> EACCES (even as root)");
	unlink("t_process.txt");
	is_errno(execve(".", argv, want_env), EACCES, "execve of a directory -> EACCES");
}

/* posix_spawn: musl implements it with clone(CLONE_VM|CLONE_VFORK) on a new stack. */
static void test_spawn(void)
{
	char *argv[8] = { self_path };
	pid_t pid;
	int st, i, r;

	for (i = 0; want_argv_tail[i]; i++)
		argv[i + 1] = want_argv_tail[i];
	argv[i + 1] = NULL;
	r = posix_spawn(&pid, self_path, NULL, NULL, argv, want_env);
	is_int(r, 0, "posix_spawn (clone CLONE_VM|CLONE_VFORK, new stack) succeeds");
	waitpid(pid, &st, 0);
	is_exited(st, 0, "the spawned program got argv and envp exactly");

	r = posix_spawn(&pid, "./t_process.missing", NULL, NULL, argv, want_env);
	is_int(r, ENOENT, "posix_spawn of a missing file returns ENOENT (exec error reported back)");
	if (r == 0)
		waitpid(pid, &st, 0);
}

/* A child whose parent dies is re-parented (to init, or a subreaper on a host). */
static void test_orphan(void)
{
	int report[2], ready[2], go[2], st;
	pid_t mid, seen[2] = { 0, 0 };
	char c;

	pipe(report);
	pipe(ready);
	pipe(go);
	mid = fork();
	if (mid == 0) {
		if (fork() == 0) {
			seen[0] = getppid();          /* still the middle process */
			write(ready[1], "r", 1);      /* the middle one may exit now */
			read(go[0], &c, 1);           /* until the middle one is reaped */
			seen[1] = getppid();
			write(report[1], seen, sizeof seen);
			_exit(0);
		}
		read(ready[0], &c, 1);
		_exit(0);
	}
	waitpid(mid, &st, 0);                     /* the middle process is gone now */
	close(report[1]);
	write(go[1], "g", 1);
	read(report[0], seen, sizeof seen);
	/* EOF once the orphan has exited too: nothing of ours outlives the test. */
	ok(read(report[0], &c, 1) == 0, "the orphan exits (its end of the pipe closes)");
	is_int(seen[0], mid, "the grandchild first sees the middle process as its parent");
	ok(seen[1] != mid && seen[1] > 0,
	   "after its parent exits, the orphan's getppid changes (to init on the kernel)");
	diag("orphan re-parented to pid %d", seen[1]);
	close(report[0]);
	close(ready[0]);
	close(ready[1]);
	close(go[0]);
	close(go[1]);
}

/* kill(pid, 0) tests existence. */
static volatile sig_atomic_t got_sigchld;

static void on_sigchld(int sig)
{
	(void)sig;
	got_sigchld = 1;
}

static void test_kill_probe(void)
{
	sigset_t chld, none;
	int p[2], st;
	pid_t pid;
	char c = 0;

	pipe(p);
	signal(SIGCHLD, on_sigchld);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	got_sigchld = 0;
	pid = fork();
	if (pid == 0) {
		read(p[0], &c, 1);
		_exit(0);
	}
	is_int(kill(pid, 0), 0, "kill(child, 0) on a live child is 0");
	write(p[1], &c, 1);
	while (!got_sigchld)
		sigsuspend(&none);               /* SIGCHLD: the child is a zombie now */
	is_int(kill(pid, 0), 0, "kill(zombie, 0) is still 0 until the zombie is reaped");
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
	signal(SIGCHLD, SIG_DFL);
	waitpid(pid, &st, 0);
	is_errno(kill(pid, 0), ESRCH, "kill(reaped pid, 0) -> ESRCH");
	is_errno(kill(4194303 + 1000, SIGTERM), ESRCH, "kill of a pid beyond pid_max -> ESRCH");
	is_errno(kill(getpid(), 65), EINVAL, "kill with signal 65 -> EINVAL");
	is_int(kill(getpid(), 0), 0, "kill(self, 0) is 0");
	close(p[0]);
	close(p[1]);
}

/* Sessions and process groups. */
static void test_groups(void)
{
	pid_t pid;
	int st;

	is_int(getpgrp(), getpgid(0), "getpgrp() == getpgid(0)");
	is_int(getsid(0), getsid(getpid()), "getsid(0) == getsid(getpid())");
	is_errno(getpgid(4194303 + 1000), ESRCH, "getpgid of a missing pid -> ESRCH");
	is_errno(getsid(4194303 + 1000), ESRCH, "getsid of a missing pid -> ESRCH");

	/* setsid in a child (a fresh child is never a group leader). */
	pid = fork();
	if (pid == 0) {
		pid_t me = getpid();

		if (getpgid(0) == me)
			_exit(1);       /* a fork child must not lead a group */
		if (setsid() != me)
			_exit(2);       /* setsid returns the new session id = pid */
		if (getsid(0) != me || getpgid(0) != me)
			_exit(3);       /* the child leads both */
		if (setsid() != -1 || errno != EPERM)
			_exit(4);       /* a group leader cannot setsid again */
		if (setpgid(0, getppid()) != -1 || errno != EPERM)
			_exit(5);       /* a session leader cannot change group */
		_exit(0);
	}
	waitpid(pid, &st, 0);
	is_exited(st, 0, "setsid in a child: new session+group = pid; again -> EPERM");

	pid = fork();
	if (pid == 0) {
		if (setpgid(0, 0) != 0 || getpgid(0) != getpid())
			_exit(1);       /* setpgid(0,0): become a group leader */
		_exit(0);
	}
	waitpid(pid, &st, 0);
	is_exited(st, 0, "setpgid(0, 0) makes the caller a group leader");

	is_errno(setpgid(0, -1), EINVAL, "setpgid with a negative pgid -> EINVAL");
	is_errno(setpgid(4194303 + 1000, 0), ESRCH, "setpgid of a missing pid -> ESRCH");
}

/* kill(-pgrp, sig) signals every member of the group, and no one else. */
static void test_group_kill(void)
{
	int p[2], st1, st2;
	pid_t a, b;
	char c;

	pipe(p);
	a = fork();
	if (a == 0) {
		setpgid(0, 0);
		read(p[0], &c, 1);       /* blocks: nobody writes */
		_exit(0);
	}
	setpgid(a, a);                   /* both sides, so there is no race */
	b = fork();
	if (b == 0) {
		setpgid(0, a);
		read(p[0], &c, 1);
		_exit(0);
	}
	setpgid(b, a);
	is_int(getpgid(b), a, "the second child joined the first child's group");
	is_int(kill(-a, SIGTERM), 0, "kill(-pgrp, SIGTERM) succeeds");
	waitpid(a, &st1, 0);
	waitpid(b, &st2, 0);
	is_killed_by(st1, SIGTERM, "kill(-pgrp) killed the group leader");
	is_killed_by(st2, SIGTERM, "kill(-pgrp) killed the other member");
	is_errno(kill(-a, SIGTERM), ESRCH, "kill(-pgrp) of an empty group -> ESRCH");
	close(p[0]);
	close(p[1]);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--exit") == 0)
		return atoi(argv[2]);
	if (argc >= 2 && strcmp(argv[1], "--check-args") == 0)
		return check_args(argc, argv);

	tap_init();
	self_path = argv[0];
	test_fork_basics();
	test_tree();
	test_exit_codes();
	test_wait_variants();
	test_vfork();
	test_execve();
	test_spawn();
	test_orphan();
	test_kill_probe();
	test_groups();
	test_group_kill();
	return done_testing();
}
