/*
 * t_swap_offchurn - swapoff while the process whose pages it brings
 * back keeps splitting and merging the VMA they are in (scenarios.tab:
 * -m 128M, swap=128M).
 *
 * P fills 48 MiB, every word with a value of its own, and is pushed out
 * to swap; then it flips the protection of the region's first page
 * (PROT_READ, then read-write again) as fast as it can, so the VMA
 * holding the rest of the region is split off and merged back over
 * and over.  swapoff brings P's pages back meanwhile, sleeping on each
 * read: it succeeds, the kernel stays up, and every word is intact.
 *
 * On Linux: run as root in a VM with -m 128M and a 128 MiB swap disk.
 */
#include "tap.h"
#include "vmtest.h"

#include <sys/swap.h>

#define REGION_KB	(48 * 1024)

struct report {
	volatile int stop;
	long flips;
	long vmswap_before, vmswap_after;
	long wrong;
};

static struct report *rep;
static int ready[2];

static void parent_p(void)
{
	size_t words = REGION_KB * 1024 / 8;
	uint64_t *mem = map_anon(REGION_KB * 1024, 0);
	char ch;

	if (!mem)
		_exit(3);
	sweep_words(mem, 0, words, 5, -1, 0);
	write(ready[1], "r", 1);
	read(ready[0], &ch, 1);		/* only to block: main writes when pushed */
	fold_rss_counters();
	rep->vmswap_before = status_kb(0, "VmSwap:");
	write(ready[1], "s", 1);
	while (!rep->stop) {
		mprotect(mem, 4096, PROT_READ);
		mprotect(mem, 4096, PROT_READ | PROT_WRITE);
		rep->flips++;
	}
	fold_rss_counters();
	rep->vmswap_after = status_kb(0, "VmSwap:");
	rep->wrong = sweep_words(mem, 0, words, 5, 0, -1);
	_exit(0);
}

int main(void)
{
	long push_kb = meminfo_kb("MemTotal:") * 13 / 10;
	int to_p[2], from_p[2], st;
	pid_t p;
	char ch;

	tap_init();
	ok(lock_self() == 0, "the test keeps its own pages in RAM (mlockall)");
	ok(meminfo_kb("SwapTotal:") > push_kb / 2, "swap on (%ld kB)", meminfo_kb("SwapTotal:"));
	rep = map_anon(4096, 1);
	if (!rep || pipe(to_p) || pipe(from_p))
		return 1;
	p = fork();
	if (p == 0) {
		ready[0] = to_p[0];
		ready[1] = from_p[1];
		parent_p();
	}
	read(from_p[0], &ch, 1);
	st = run_child(swap_pusher, &push_kb);
	is_exited(st, 0, "a passing process touched %ld kB twice", push_kb);
	write(to_p[1], "g", 1);
	read(from_p[0], &ch, 1);
	ok(rep->vmswap_before > REGION_KB / 2, "P went to swap (VmSwap %ld kB)", rep->vmswap_before);
	is_int(swapoff("/dev/vda"), 0, "swapoff while P flips its first page's protection");
	rep->stop = 1;
	waitpid(p, &st, 0);
	is_exited(st, 0, "P ran to the end (%ld flips)", rep->flips);
	is_int(rep->vmswap_after, 0, "nothing of P is left in swap");
	is_int(rep->wrong, 0, "every word of P is intact");
	return done_testing();
}
