/*
 * t_swap_fork - fork of a process with half its pages in swap
 * (scenarios.tab: -m 128M, swap=128M).
 *
 * P fills a region of 60 % of MemAvailable, every word with a value of
 * its own; a passing process touches 80 % more and exits, which pushes
 * most of P out to swap; P reads its second half back (checking it), so
 * that about half its pages are in swap (VmSwap) and half in RAM, some
 * of them in the swap cache.  P forks C:
 * fork copies swap entries, it takes no new slots (SwapFree unchanged,
 * C's VmSwap is P's).  Then P rewrites the first half and C the second
 * half with values of their own, and, once both are done, each checks
 * every word: its own half holds its writes, the other half the values
 * from before the fork (the other's writes never show through).  After
 * both exit, the swap is as empty as before.  The test itself stays in
 * RAM (mlockall), so only P's pages go to swap.
 *
 * On Linux: run as root in a VM with -m 128M and a 128 MiB swap disk.
 */
#include "tap.h"
#include "vmtest.h"

struct report {
	long vmswap_kb;			/* P's VmSwap just before the fork */
	long swapfree_before, swapfree_after;	/* around the fork, kB */
	long child_vmswap_kb;		/* C's VmSwap just after it */
	long wrong[2];			/* words wrong: [0] P, [1] C */
};

static struct report *rep;
static uint64_t *mem;
static size_t words;

/* Touch @kb of fresh memory and exit: pushes older pages out. */
static void pusher(void *arg)
{
	size_t len = (size_t)*(long *)arg * 1024;
	char *m = map_anon(len, 0);

	if (!m)
		_exit(3);
	for (size_t off = 0; off < len; off += 4096)
		m[off] = 1;
	_exit(0);
}

/*
 * Process @who (0: P, 1: C) writes its half with sweep 1 + @who's values,
 * waits for the other at the pipe pair, then checks every word.
 */
static long write_half_then_check(int who, int tell, int wait_for)
{
	size_t half = words / 2, from = who ? half : 0, to = who ? words : half;
	long wrong = 0;
	char c;

	for (size_t i = from; i < to; i++)
		mem[i] = word_value(0, i, 1 + (unsigned)who);
	write(tell, "w", 1);
	if (read(wait_for, &c, 1) != 1)
		return -1;
	for (size_t i = 0; i < words; i++)
		wrong += mem[i] != word_value(0, i, (i >= from && i < to) ? 1 + (unsigned)who : 0);
	return wrong;
}

/* P: fill, get pushed out, fork C, write halves, check. */
static void parent_p(void *arg)
{
	long push_kb = *(long *)arg;
	int to_c[2], to_p[2], start[2], st;
	pid_t c;
	char go;

	/*
	 * P's own stack, data and text stay in RAM (the region, mapped
	 * after, is not locked): C runs code before it reads its VmSwap, and
	 * must not bring any of P's pages back meanwhile.
	 */
	if (mlockall(MCL_CURRENT))
		_exit(7);
	mem = map_anon(words * 8, 0);
	if (!mem || pipe(to_c) || pipe(to_p) || pipe(start))
		_exit(3);
	sweep_words(mem, 0, words, 0, -1, 0);
	st = run_child(pusher, &push_kb);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		_exit(4);
	for (size_t i = words / 2; i < words; i++)
		rep->wrong[0] += mem[i] != word_value(0, i, 0);
	fold_rss_counters();
	rep->vmswap_kb = status_kb(0, "VmSwap:");
	rep->swapfree_before = meminfo_kb("SwapFree:");
	c = fork();
	if (c == 0) {
		rep->child_vmswap_kb = status_kb(0, "VmSwap:");
		if (read(start[0], &go, 1) != 1)	/* until P has read SwapFree */
			_exit(6);
		rep->wrong[1] = write_half_then_check(1, to_p[1], to_c[0]);
		_exit(0);
	}
	rep->swapfree_after = meminfo_kb("SwapFree:");
	write(start[1], "g", 1);
	rep->wrong[0] += write_half_then_check(0, to_c[1], to_p[0]);
	waitpid(c, &st, 0);
	_exit(WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 5);
}

int main(void)
{
	long avail, region_kb, push_kb;
	struct baseline b;
	int st;

	tap_init();
	ok(lock_self() == 0, "the test keeps its own pages in RAM (mlockall)");
	ok(meminfo_kb("SwapTotal:") > 0, "swap on (%ld kB)", meminfo_kb("SwapTotal:"));
	rep = map_anon(4096, 1);
	avail = meminfo_kb("MemAvailable:");
	region_kb = avail * 60 / 100 / 4 * 4;
	push_kb = avail * 80 / 100;
	words = (size_t)region_kb * 1024 / 8;
	b = vm_baseline();
	memset(rep, 0, sizeof *rep);
	rep->wrong[1] = -2;
	st = run_child(parent_p, &push_kb);
	is_exited(st, 0, "P and C ran to the end");
	ok(rep->vmswap_kb >= region_kb / 4 && rep->vmswap_kb <= region_kb * 3 / 4,
	   "before the fork about half of P is in swap (VmSwap %ld kB of %ld kB)", rep->vmswap_kb,
	   region_kb);
	is_int(rep->swapfree_after, rep->swapfree_before, "fork takes no new swap slots (SwapFree)");
	is_int(rep->child_vmswap_kb, rep->vmswap_kb, "C starts with P's swap entries (VmSwap)");
	is_int(rep->wrong[0], 0, "P sees its own writes in its half, the old values in C's half");
	is_int(rep->wrong[1], 0, "C sees its own writes in its half, the old values in P's half");
	ok(swap_back(&b), "after both exit, no swap slot is left in use (%ld kB used, "
	   "SwapCached %ld kB)", swap_used_kb() - b.swap_used, meminfo_kb("SwapCached:"));
	return done_testing();
}
