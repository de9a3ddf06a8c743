/*
 * t_swap_oom - with swap, the OOM killer waits until RAM and swap are
 * both spent (scenarios.tab: -m 128M, swap=64M).
 *
 *  - a child whose peak is 85 % of MemTotal + SwapTotal runs to its end,
 *    every page read back intact: swap took what RAM could not;
 *  - one that needs 110 % of MemTotal + SwapTotal is SIGKILLed, with
 *    6.1's report ("invoked oom-killer", "Killed process PID (NAME)")
 *    and "Free swap" nearly spent when it came;
 *  - after swapoff, the first child (85 %) is SIGKILLed too.
 *
 * The children map with MAP_NORESERVE: in vm.overcommit_memory=0 a single
 * mapping larger than RAM + swap is refused at mmap time, and this test
 * is about the OOM killer, not the overcommit guess.  The test keeps
 * itself in RAM (mlockall) and is never the victim (oom_score_adj -1000).
 *
 * On Linux: run as root in a VM with -m 128M and a 64 MiB swap disk.
 */
#include "tap.h"
#include "vmtest.h"

#include <sys/swap.h>

/* Touch *(long *)arg kB, one byte per page, then read it all back: exit 0 if intact. */
static void peak(void *arg)
{
	size_t len = (size_t)*(long *)arg * 1024;
	unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (set_oom_score_adj(0))	/* not the parent's -1000 */
		_exit(5);
	if (m == MAP_FAILED)
		_exit(3);
	for (size_t off = 0; off < len; off += 4096)
		m[off] = (unsigned char)(off >> 12) | 1;
	for (size_t off = 0; off < len; off += 4096)
		if (m[off] != ((unsigned char)(off >> 12) | 1))
			_exit(4);
	_exit(0);
}

/* Run peak(@kb) in a child; its wait status, and its pid in *@pid. */
static int run_peak(long kb, pid_t *pid)
{
	int st;

	*pid = fork();
	if (*pid == 0)
		peak(&kb);
	waitpid(*pid, &st, 0);
	return st;
}

/* The OOM report for @pid is in the log: who invoked it, the kill, Free swap then. */
static void check_report(pid_t pid, long swap_kb)
{
	char re[160], free_swap[32] = "";

	klog_read();
	ok(klog_match("t_swap_oom invoked oom-killer: gfp_mask=0x[0-9a-f]+\\(", NULL, 0),
	   "... the log has 6.1's 't_swap_oom invoked oom-killer:' line");
	snprintf(re, sizeof re, "Out of memory: Killed process %d \\(t_swap_oom\\) total-vm:", (int)pid);
	ok(klog_match(re, NULL, 0), "... and 'Out of memory: Killed process %d (t_swap_oom)'", (int)pid);
	if (swap_kb) {
		/* The first such line: this is the first OOM of the run. */
		ok(klog_match("Free swap  = ([0-9]+)kB", free_swap, sizeof free_swap) &&
		   atol(free_swap) <= swap_kb / 10,
		   "... which came once swap was spent: 'Free swap  = %skB' of %ld kB", free_swap,
		   swap_kb);
	}
}

int main(void)
{
	long mem_kb = meminfo_kb("MemTotal:"), swap_kb = meminfo_kb("SwapTotal:");
	long fits = (mem_kb + swap_kb) * 85 / 100, too_much = (mem_kb + swap_kb) * 110 / 100;
	long kills, out0;
	struct baseline b;
	pid_t pid;
	int st;

	tap_init();
	ok(lock_self() == 0, "the test keeps its own pages in RAM (mlockall)");
	ok(set_oom_score_adj(-1000) == 0, "the test itself is never the victim (oom_score_adj -1000)");
	ok(swap_kb > 0, "swap on: MemTotal %ld kB, SwapTotal %ld kB", mem_kb, swap_kb);
	ok(fits > mem_kb, "85 %% of RAM + swap (%ld kB) is more than RAM", fits);

	kills = vmstat("oom_kill");
	b = vm_baseline();
	out0 = vmstat("pswpout");
	st = run_peak(fits, &pid);
	is_exited(st, 0, "a child with a peak of 85 %% of RAM + swap runs to its end, intact");
	ok(vmstat("pswpout") - out0 >= (fits - mem_kb) / 4, "... swap took what RAM could not "
	   "(pswpout + %ld pages)", vmstat("pswpout") - out0);
	is_int(vmstat("oom_kill") - kills, 0, "... and the OOM killer never ran (oom_kill)");
	ok(swap_back(&b), "... its swap is free again (%ld kB used, SwapCached %ld kB)",
	   swap_used_kb(), meminfo_kb("SwapCached:"));

	st = run_peak(too_much, &pid);
	is_killed_by(st, SIGKILL, "a child needing 110 %% of RAM + swap (%ld kB) is SIGKILLed",
		     too_much);
	is_int(vmstat("oom_kill") - kills, 1, "... by the OOM killer (oom_kill + 1)");
	check_report(pid, swap_kb);

	is_int(swapoff("/dev/vda"), 0, "swapoff");
	is_int(meminfo_kb("SwapTotal:"), 0, "no swap now (SwapTotal)");
	st = run_peak(fits, &pid);
	is_killed_by(st, SIGKILL, "without swap, the 85 %% child (%ld kB) is SIGKILLed", fits);
	is_int(vmstat("oom_kill") - kills, 2, "... by the OOM killer (oom_kill + 1)");
	check_report(pid, 0);
	is_int(swapon("/dev/vda", 0), 0, "swapon again, for the clean shutdown");
	return done_testing();
}
