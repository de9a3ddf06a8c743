/*
 * t_swap_integrity - nothing is lost or mixed up on the way to swap and
 * back (scenarios.tab: -m 128M, swap=256M).  Four processes together
 * touch twice MemTotal, every 8-byte word with a value of its own (a
 * hash of the process's index, the word's place and the sweep), and
 * sweep it three times: each sweep checks every word against the last
 * sweep's value and writes the next; a last pass checks the third.
 *
 * While all four hold their memory (a barrier after the first sweep),
 * the swap must hold at least what RAM cannot: swap used >= touched -
 * MemTotal, and as many pages must have gone out (pswpout) and come
 * back (pswpin) by the end.  After the four exit, the free memory and the
 * swap used are back where they started (see vmtest.h for what Linux
 * may keep aside).  The test locks itself in RAM
 * (as runprog's /init does) so that only the four's pages move.
 *
 * On Linux: run as root in a VM with -m 128M and a 256 MiB swap disk.
 */
#include "tap.h"
#include "vmtest.h"

#define NPROC	4
#define SWEEPS	3

struct result { long wrong, checked; };

/* Child @id: the sweeps over @words words, stopping once at the barrier. */
static void worker(unsigned id, size_t words, int arrived, int go, struct result *res)
{
	uint64_t *p = map_anon(words * 8, 0);
	char c;

	if (!p)
		_exit(3);
	res->wrong = sweep_words(p, 0, words, id, -1, 0);
	write(arrived, "a", 1);
	if (read(go, &c, 1) != 1)
		_exit(4);
	for (int s = 1; s <= SWEEPS; s++) {
		res->wrong += sweep_words(p, 0, words, id, s - 1, s < SWEEPS ? s : -1);
		res->checked += (long)words;
	}
	_exit(0);
}

int main(void)
{
	long mem_kb = meminfo_kb("MemTotal:"), swap_kb = meminfo_kb("SwapTotal:");
	long share_kb = mem_kb * 2 / NPROC / 4 * 4, touched_kb = share_kb * NPROC;
	long must_out = (touched_kb - mem_kb) / 4;	/* pages that cannot all be in RAM */
	long in0, out0, used_mid, allowance, wrong = 0, checked = 0;
	struct baseline b;
	int arrived[2], go[2], all_exited = 1, back;
	struct result *res;
	pid_t pid[NPROC];
	double t0 = now_s();

	tap_init();
	ok(lock_self() == 0, "the test keeps its own pages in RAM (mlockall)");
	ok(swap_kb >= touched_kb - mem_kb + 32 * 1024,
	   "swap on (%ld kB) holds what %ld kB of RAM cannot of %ld kB", swap_kb, mem_kb, touched_kb);
	res = map_anon(4096, 1);
	if (!res || pipe(arrived) || pipe(go))
		return ok(0, "set-up"), done_testing();
	b = vm_baseline();
	in0 = vmstat("pswpin");
	out0 = vmstat("pswpout");

	for (unsigned i = 0; i < NPROC; i++) {
		pid[i] = fork();
		if (pid[i] == 0)
			worker(i, (size_t)share_kb * 1024 / 8, arrived[1], go[0], &res[i]);
	}
	for (int i = 0; i < NPROC; i++) {
		char c;

		read(arrived[0], &c, 1);
	}
	used_mid = swap_used_kb();
	ok(used_mid - b.swap_used >= touched_kb - mem_kb,
	   "with all %ld kB touched, swap holds at least what RAM cannot (%ld kB used, %ld kB "
	   "at least)", touched_kb, used_mid - b.swap_used, touched_kb - mem_kb);
	diag("first sweep done in %.1f s; SwapFree %ld kB", now_s() - t0, meminfo_kb("SwapFree:"));
	write(go[1], "gggggggg", NPROC);

	for (int i = 0; i < NPROC; i++) {
		int st;

		waitpid(pid[i], &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st)) {
			char why[64];

			status_str(st, why, sizeof why);
			diag("process %d %s", i, why);
			all_exited = 0;
		}
		wrong += res[i].wrong;
		checked += res[i].checked;
	}
	diag("%d sweeps in %.1f s", SWEEPS, now_s() - t0);
	ok(all_exited, "the %d processes ran to the end (none killed)", NPROC);
	is_int(checked, touched_kb * 1024 / 8 * SWEEPS, "every word was checked in every sweep");
	is_int(wrong, 0, "every word read back its value: nothing lost or mixed up");
	ok(vmstat("pswpout") - out0 >= must_out, "pswpout grew by at least the %ld pages RAM "
	   "could not hold (%ld)", must_out, vmstat("pswpout") - out0);
	ok(vmstat("pswpin") - in0 >= must_out, "pswpin grew by at least as many (%ld): the "
	   "next sweep read them back", vmstat("pswpin") - in0);

	/* Back to the baseline (vmtest.h says what Linux may keep aside). */
	ok(swap_back(&b), "after they exit, swap used is back to %ld kB (%ld kB; SwapCached %ld kB)",
	   b.swap_used, swap_used_kb(), meminfo_kb("SwapCached:"));
	back = memfree_back(&b, &allowance);
	ok(back, "... and MemFree to %ld kB (%ld kB, allowance %ld kB)", b.mem_free,
	   meminfo_kb("MemFree:"), allowance);
	return done_testing();
}
