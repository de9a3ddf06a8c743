/*
 * t_stack - the user stack grows on demand up to RLIMIT_STACK, no closer
 * than the guard gap (256 pages) to the mapping below it, and a program
 * that overflows it dies of SIGSEGV.  execve places the mmap area below
 * the room the stack limit reserves.
 *
 * Pinned Linux behaviour (x86-64, 6.1):
 *   - the soft limit is read at fault time: setrlimit in the running
 *     process bounds its next growth;
 *   - a 4 MiB recursion works with the default 8 MiB limit, 16 MiB does
 *     not, and does with a 64 MiB limit;
 *   - growing into the 1 MiB guard gap above another mapping is SIGSEGV;
 *   - after execve with a 1 GiB stack limit, mmap(NULL, ...) returns an
 *     address at least 1 GiB + 1 MiB below the top of user space.
 * Every overflow happens in a forked child; re-executes argv[0] with
 * "--mmap-addr" to see the new image's layout.
 */
#include "tap.h"

#include <stdint.h>
#include <sys/mman.h>

#define KiB 1024UL
#define MiB (1024 * KiB)
#define TASK_SIZE 0x7ffffffff000UL
#define GUARD_GAP (256 * 4096UL)

static char *self_path;

/* Use about @bytes of stack, one 4 KiB frame at a time, touching each. */
static int recurse(long bytes)
{
	volatile char frame[4000];

	frame[0] = (char)bytes;
	frame[sizeof(frame) - 1] = 1;
	if (bytes <= 0)
		return 0;
	return recurse(bytes - 4096) + frame[0] + frame[sizeof(frame) - 1];
}

struct job {
	long limit;             /* 0: keep the inherited limit */
	long bytes;             /* of stack to use */
};

static void child_recurse(void *arg)
{
	struct job *j = arg;
	struct rlimit r = { (rlim_t)j->limit, RLIM_INFINITY };

	if (j->limit && setrlimit(RLIMIT_STACK, &r) != 0)
		_exit(100);
	recurse(j->bytes);
	_exit(0);
}

static int run_job(long limit, long bytes)
{
	struct job j = { limit, bytes };

	return run_child(child_recurse, &j);
}

/* Map one page @below bytes under our frame, then recurse @bytes. */
static void child_guard(void *arg)
{
	long bytes = *(long *)arg;
	char here;
	uintptr_t at = (((uintptr_t)&here) & ~4095UL) - 3 * MiB;

	if (mmap((void *)at, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
	    (void *)at)
		_exit(100);
	recurse(bytes);
	_exit(0);
}

static int run_guard(long bytes)
{
	return run_child(child_guard, &bytes);
}

static void test_growth(void)
{
	struct rlimit r;
	int st;

	is_int(getrlimit(RLIMIT_STACK, &r), 0, "getrlimit(RLIMIT_STACK)");
	is_int((long)r.rlim_cur, (long)(8 * MiB), "the default soft limit is 8 MiB");
	st = run_job(0, 4 * MiB);
	is_exited(st, 0, "a 4 MiB recursion fits the default limit");
	st = run_job(0, 16 * MiB);
	is_killed_by(st, SIGSEGV, "a 16 MiB recursion overflows the default 8 MiB -> SIGSEGV");
	st = run_job(64 * MiB, 16 * MiB);
	is_exited(st, 0, "with RLIMIT_STACK = 64 MiB the 16 MiB recursion works");
	st = run_job(256 * KiB, 1 * MiB);
	is_killed_by(st, SIGSEGV, "RLIMIT_STACK = 256 KiB: a 1 MiB recursion -> SIGSEGV");
	st = run_job(256 * KiB, 64 * KiB);
	is_exited(st, 0, "... a 64 KiB one still works");
}

static void test_guard_gap(void)
{
	int st;

	/* The mapping ends 3 MiB below our frame; the gap keeps the last 1 MiB free. */
	st = run_guard(1 * MiB);
	is_exited(st, 0, "growing to 2 MiB above another mapping works");
	st = run_guard(2 * MiB + 512 * KiB);
	is_killed_by(st, SIGSEGV, "growing into the 1 MiB guard gap above a mapping -> SIGSEGV");
}

static int report_mmap_addr(void)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 2;
	return (uintptr_t)p + 4096 <= TASK_SIZE - 1024 * MiB - GUARD_GAP ? 0 : 1;
}

static void test_exec_layout(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		struct rlimit r = { 1024 * MiB, RLIM_INFINITY };
		char *argv[] = { self_path, "--mmap-addr", NULL };
		char *envp[] = { NULL };

		if (setrlimit(RLIMIT_STACK, &r) != 0)
			_exit(100);
		execve(self_path, argv, envp);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	is_exited(st, 0, "after execve with a 1 GiB stack limit, mmap goes below TASK_SIZE - 1 GiB - gap");

	st = run_job(1024 * MiB, 16 * MiB);
	is_exited(st, 0, "... and a 1 GiB limit lets a 16 MiB recursion run");
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--mmap-addr") == 0)
		return report_mmap_addr();

	tap_init();
	self_path = argv[0];
	test_growth();
	test_guard_gap();
	test_exec_layout();
	return done_testing();
}
