/*
 * t_swap_vmrace - two tasks of one address space (CLONE_VM) sweep the
 * same region of 1.4 x RAM together (scenarios.tab: -m 128M,
 * swap=256M).
 *
 * Both fault on the same swap entries at about the same time; one of
 * them may sleep in the allocation for its read while the other brings
 * the page back and frees the slot.  Neither may get SIGBUS (the page
 * is there, only the entry went), and every word holds its value.
 *
 * On Linux: run as root in a VM with -m 128M and a 256 MiB swap disk.
 */
#include "tap.h"
#include "vmtest.h"

#include <sched.h>

#define SWEEPS 3

static uint64_t *mem;
static size_t words;
static volatile long wrong[2];
static char stack[2][65536] __attribute__((aligned(16)));

static int sweeper(void *arg)
{
	int who = (int)(long)arg;

	for (int s = 0; s < SWEEPS; s++) {
		size_t i;

		for (i = 0; i < words; i += 512) {
			size_t end = i + 512 < words ? i + 512 : words;

			/* The other task may be a sweep behind or ahead. */
			if (s)
				for (size_t j = i; j < end; j++)
					wrong[who] += mem[j] != word_value(1, j, (unsigned)s - 1) &&
						      mem[j] != word_value(1, j, (unsigned)s) &&
						      mem[j] != word_value(1, j, (unsigned)s + 1);
			for (size_t j = i; j < end; j++)
				mem[j] = word_value(1, j, (unsigned)s);
		}
	}
	return 0;
}

int main(void)
{
	long region_kb = meminfo_kb("MemTotal:") * 14 / 10;
	int st[2];
	pid_t t[2];

	tap_init();
	ok(lock_self() == 0, "the test keeps its own pages in RAM (mlockall)");
	ok(meminfo_kb("SwapTotal:") > region_kb, "swap on (%ld kB)", meminfo_kb("SwapTotal:"));
	munlockall();
	words = (size_t)region_kb * 1024 / 8;
	mem = map_anon(words * 8, 0);
	if (!mem)
		return 1;
	for (int k = 0; k < 2; k++)
		t[k] = clone(sweeper, stack[k] + sizeof stack[k], CLONE_VM | SIGCHLD, (void *)(long)k);
	for (int k = 0; k < 2; k++)
		waitpid(t[k], &st[k], 0);
	for (int k = 0; k < 2; k++)
		is_exited(st[k], 0, "task %d swept %ld kB %d times", k, region_kb, SWEEPS);
	is_int(wrong[0] + wrong[1], 0, "every word read back holds a value it was given");
	return done_testing();
}
