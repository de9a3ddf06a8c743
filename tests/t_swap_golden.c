/*
 * t_swap_golden - the OOM issue's golden scenario with swap attached
 * (scenarios.tab: -m 128M, swap=64M): holders of 20 %, 35 % and 25 % of
 * MemAvailable with oom_score_adj 0, -500 and +500, then a fourth
 * process touches memory, 1 MiB at a time, until the OOM: it stops as
 * soon as a holder has died (it watches a pipe whose only writer is C,
 * and checks the others afterwards).
 * Linux 6.1 kills the +500 holder, as without swap (t_oom_select):
 * totalpages now counts the swap too, and pages a holder has in swap
 * count in its points as much as those in RAM.
 *
 * Checked: the prediction from /proc (6.1's formula on /proc/PID/status,
 * VmSwap included) and oom_score both name C; the OOM came only once
 * the swap was nearly spent ("Free swap" in the report); the report's
 * task table shows swap entries; C, and only C, was SIGKILLed; the
 * fourth process then stopped by itself, having touched more than RAM
 * and swap had left.  The test keeps itself in RAM
 * (mlockall) with oom_score_adj -1000.
 *
 * On Linux: run as root in a VM with -m 128M and a 64 MiB swap disk.
 */
#include "tap.h"
#include "vmtest.h"
#include "oomtest.h"

/*
 * The fourth process: touch memory 1 MiB at a time until @death (the
 * read end of C's pipe) sees EOF, then exit 0, or 2 after @max_kb
 * without an OOM.  It writes how much it touched to @kb_done.
 */
static pid_t start_hog_until_oom(int death, long max_kb, long *kb_done)
{
	pid_t pid = fork();

	if (pid == 0) {
		char c;

		set_oom_score_adj(0);
		fcntl(death, F_SETFL, O_NONBLOCK);
		for (*kb_done = 0; *kb_done < max_kb; *kb_done += 1024) {
			char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

			if (m == MAP_FAILED)
				_exit(3);
			for (int off = 0; off < (1 << 20); off += 4096)
				m[off] = 1;
			if (read(death, &c, 1) == 0)
				_exit(0);	/* C is gone: the OOM came */
		}
		_exit(2);
	}
	return pid;
}

int main(void)
{
	struct proc p[] = { { "A", 20, 0, 0, 0 }, { "B", 35, -500, 0, 0 }, { "C", 25, 500, 0, 0 } };
	long avail = meminfo_kb("MemAvailable:"), swap_kb = meminfo_kb("SwapTotal:"), swapents = 0;
	int killed[3], hog_st, best = 0, death[2];
	char re[128], free_swap[32] = "", *row;
	long score[3], room_kb, *hog_kb = map_anon(4096, 1);
	pid_t hog;

	tap_init();
	ok(lock_self() == 0, "the test keeps its own pages in RAM (mlockall)");
	ok(set_oom_score_adj(-1000) == 0, "the test itself is never the victim (oom_score_adj -1000)");
	ok(swap_kb > 0, "swap on (%ld kB); MemAvailable %ld kB", swap_kb, avail);
	/* The holders start from -1000 too: holder() writes their own adj. */
	for (int i = 0; i < 2; i++)
		p[i].pid = start_holder(avail * p[i].percent / 100, p[i].adj);
	if (!hog_kb || pipe(death))
		return ok(0, "set-up"), done_testing();
	p[2].pid = start_holder(avail * p[2].percent / 100, p[2].adj);
	close(death[1]);	/* C holds the only write end now */
	for (int i = 0; i < 3; i++) {
		char path[64];

		p[i].predicted = badness(p[i].pid, p[i].adj);
		snprintf(path, sizeof path, "/proc/%d/oom_score", p[i].pid);
		score[i] = proc_number(path);
		diag("%s: adj %d, predicted badness %ld, oom_score %ld, VmSwap %ld kB", p[i].name,
		     p[i].adj, p[i].predicted, score[i], status_kb(p[i].pid, "VmSwap:"));
		if (p[i].predicted > p[best].predicted)
			best = i;
	}
	is_int(best, 2, "prediction from /proc: C (+500) has the highest badness");
	ok(score[2] > score[0] && score[2] > score[1], "... and the highest oom_score");

	room_kb = meminfo_kb("MemFree:") + meminfo_kb("SwapFree:");
	hog = start_hog_until_oom(death[0], 2 * room_kb, hog_kb);
	finish(p, 3, hog, &hog_st, killed);
	ok(killed[2], "the OOM killer killed C, as Linux 6.1 does");
	ok(!killed[0] && !killed[1], "... and neither A nor B");
	is_exited(hog_st, 0, "the fourth process stopped once C was gone, never killed");
	ok(*hog_kb > room_kb - 16 * 1024, "... after touching about all RAM and swap had left "
	   "(%ld kB; MemFree + SwapFree were %ld kB)", *hog_kb, room_kb);

	klog_read();
	ok(klog_match("Free swap  = ([0-9]+)kB", free_swap, sizeof free_swap) &&
	   atol(free_swap) <= swap_kb / 10,
	   "the OOM came once swap was spent: 'Free swap  = %skB' of %ld kB", free_swap, swap_kb);
	/* 6.1's task table: [  pid  ] uid tgid total_vm rss pgtables_bytes swapents adj name */
	for (int i = 0; i < 3; i++) {
		regmatch_t m[2];
		regex_t r;

		snprintf(re, sizeof re, "\\[ *%d\\] +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +([0-9]+) ",
			 (int)p[i].pid);
		if (regcomp(&r, re, REG_EXTENDED | REG_NEWLINE))
			continue;
		row = klog_buf;
		if (regexec(&r, row, 2, m, 0) == 0)
			swapents += atol(row + m[1].rm_so);
		regfree(&r);
	}
	ok(swapents > 0, "the report's task table shows the holders' pages in swap (%ld swapents)",
	   swapents);
	snprintf(re, sizeof re, "Out of memory: Killed process %d \\(t_swap_golden\\)", (int)p[2].pid);
	ok(klog_match(re, NULL, 0), "'Out of memory: Killed process %d (t_swap_golden)'", (int)p[2].pid);
	return done_testing();
}
