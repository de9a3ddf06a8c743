/*
 * t_fork - the process basics the kernel has today: fork with
 * copy-on-write memory, vfork, execve with arguments and environment,
 * wait4 and its errors, exit statuses, user faults as wait statuses.
 * (t_process covers the rest: process groups, orphans, posix_spawn...)
 */
#include "tap.h"
#include <stdint.h>
#include <sys/syscall.h>

static int big[64 * 1024];	/* .bss: 256 KiB, demand-zero */

static void child_segv(void *arg)
{
	(void)arg;
	volatile uintptr_t bad = 16;	/* hidden from the compiler */
	*(volatile int *)bad = 1;
}

static void child_ud2(void *arg)
{
	(void)arg;
	__asm__ volatile("ud2");
}

static int check_exec_child(int argc, char **argv)
{
	/* Re-executed as: argv[0] --exec-child one two, with T_FORK=yes */
	const char *e = getenv("T_FORK");
	return argc == 4 && !strcmp(argv[2], "one") && !strcmp(argv[3], "two") &&
	       e && !strcmp(e, "yes") ? 42 : 1;
}

int main(int argc, char **argv)
{
	int st = -1;
	pid_t pid, w;

	if (argc > 1 && !strcmp(argv[1], "--exec-child"))
		return check_exec_child(argc, argv);
	tap_init();

	/* fork: the child's writes stay in the child (copy-on-write). */
	big[100] = 1;
	pid = fork();
	if (pid == 0) {
		big[100] = 2;
		big[5000] = 3;
		_exit(big[100] + big[5000]);
	}
	ok(pid > 0, "fork returns the child's pid in the parent");
	w = waitpid(pid, &st, 0);
	is_int(w, pid, "waitpid returns the child's pid");
	is_exited(st, 5, "the child saw its own writes");
	is_int(big[100], 1, "the parent's page is unchanged after the child wrote");
	is_int(big[5000], 0, "an untouched .bss page is still zero in the parent");

	/* Exit codes are taken modulo 256. */
	pid = fork();
	if (pid == 0)
		_exit(300);
	waitpid(pid, &st, 0);
	is_exited(st, 300 & 0xff, "exit(300) reads back as 44");

	/* vfork: the parent waits until the child exits; memory is shared. */
	volatile int shared = 0;
	pid = vfork();
	if (pid == 0) {
		shared = 7;
		_exit(0);
	}
	is_int(shared, 7, "vfork child wrote the parent's memory before the parent ran");
	waitpid(pid, &st, 0);
	is_exited(st, 0, "vfork child exit status");

	/* execve with argv and envp. */
	pid = fork();
	if (pid == 0) {
		char *args[] = { argv[0], "--exec-child", "one", "two", NULL };
		char *envs[] = { "T_FORK=yes", NULL };
		execve(argv[0], args, envs);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	is_exited(st, 42, "execve passes argv and envp");
	is_errno(execve("/no/such/file", (char *[]){ "x", NULL }, NULL), ENOENT,
		 "execve of a missing file is ENOENT");

	/* wait4 errors. */
	is_errno(waitpid(-1, &st, 0), ECHILD, "waitpid with no children is ECHILD");
	is_errno(waitpid(-1, &st, 0x100), EINVAL, "wait4 option 0x100 is EINVAL");
	pid = fork();
	if (pid == 0) {
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		syscall(SYS_nanosleep, &ts, NULL);	/* ENOSYS is fine: just a delay */
		for (volatile int i = 0; i < 2000000; i++)
			;
		_exit(0);
	}
	is_int(waitpid(pid, &st, WNOHANG), 0, "WNOHANG on a running child returns 0");
	is_errno(syscall(SYS_wait4, pid, (void *)1, 0, NULL), EFAULT,
		 "wait4 with a bad status pointer is EFAULT");
	is_errno(waitpid(pid, &st, 0), ECHILD, "...and the child was reaped anyway");

	/* User faults end only the faulting process, with Linux's signal. */
	is_killed_by(run_child(child_segv, NULL), SIGSEGV, "NULL write: SIGSEGV");
	is_killed_by(run_child(child_ud2, NULL), SIGILL, "ud2: SIGILL");

	/* A tree: three generations, statuses propagate. */
	pid = fork();
	if (pid == 0) {
		pid_t g = fork();
		if (g == 0)
			_exit(11);
		int gs;
		waitpid(g, &gs, 0);
		_exit(WIFEXITED(gs) ? WEXITSTATUS(gs) + 1 : 99);
	}
	waitpid(pid, &st, 0);
	is_exited(st, 12, "a grandchild's status comes back through its parent");
	return done_testing();
}
