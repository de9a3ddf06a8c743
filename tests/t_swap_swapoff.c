/*
 * t_swap_swapoff - swapoff without room and with room, checked word by
 * word (scenarios.tab: -m 128M, swap=128M; t_swap.c checks the same
 * paths a byte or two per page).
 *
 * H fills 130 % of MemTotal, every 8-byte word with a value of its own,
 * and waits.  X calls swapoff: what is in swap cannot come back into
 * RAM, so the OOM killer picks X, the swapoff caller: 6.1 marks it
 * oom_origin, and oom_evaluate_task takes such a task before it looks
 * at badness, even with the oom_score_adj -1000 X inherits; the area goes back into service, /proc/swaps shows the
 * same area (name, type, size, priority) and H's every word is intact.
 * Then H unmaps all but 32 MiB and swapoff succeeds: SwapTotal and
 * SwapFree are 0, /proc/swaps is its header alone, H has nothing left in
 * swap (VmSwap 0) and its 32 MiB are intact.  The test keeps itself in
 * RAM (mlockall) with oom_score_adj -1000, so neither it nor /init moves.
 *
 * On Linux: run as root in a VM with -m 128M and a 128 MiB swap disk.
 */
#include "tap.h"
#include "vmtest.h"

#include <sys/swap.h>

#define KEEP_KB	(32 * 1024)

struct shared { long wrong; long vmswap_kb; };

static int cmd[2], ack[2];

/* H: fill @words words, then obey commands: 'c' check, 'k' keep KEEP_KB only, 'q' quit. */
static void holder(size_t words, struct shared *sh)
{
	uint64_t *p = map_anon(words * 8, 0);
	char c;

	if (!p)
		_exit(3);
	sweep_words(p, 0, words, 0, -1, 0);
	write(ack[1], "r", 1);
	while (read(cmd[0], &c, 1) == 1 && c != 'q') {
		if (c == 'k') {
			munmap(p + KEEP_KB * 1024 / 8, (words - KEEP_KB * 1024 / 8) * 8);
			words = KEEP_KB * 1024 / 8;
		}
		sh->wrong = sweep_words(p, 0, words, 0, 0, -1);
		fold_rss_counters();
		sh->vmswap_kb = status_kb(0, "VmSwap:");
		write(ack[1], "d", 1);
	}
	_exit(0);
}

/* Send H a command and wait until it is done. */
static void tell(char c)
{
	write(cmd[1], &c, 1);
	read(ack[0], &c, 1);
}

/* /proc/swaps with each line's Used column blanked out. */
static void swaps_but_used(char *out, size_t size)
{
	char buf[4096], *line, *save = NULL;
	size_t n = 0;

	read_text("/proc/swaps", buf, sizeof buf);
	out[0] = 0;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char name[256], type[32], used[32], prio[32], size_col[32];

		if (sscanf(line, "%255s %31s %31s %31s %31s", name, type, size_col, used, prio) == 5)
			n += (size_t)snprintf(out + n, size - n, "%s %s %s - %s\n", name, type, size_col,
					      prio);
	}
}

static void swapoff_child(void *arg)
{
	_exit(swapoff("/dev/vda") == 0 ? 0 : 2);
}

/*
 * vm.overcommit_memory=2: swapoff first asks whether what is promised
 * still fits the commit limit without the area (6.1's
 * security_vm_enough_memory_mm on its pages); a promise of half of RAM
 * more makes it refuse with ENOMEM and 6.1's log line, the area intact.
 */
static void refused_in_mode_2(long mem_kb)
{
	long swap_kb = meminfo_kb("SwapTotal:");
	size_t len = (size_t)mem_kb / 2 * 1024;
	void *promise;

	ok(write_text("/proc/sys/vm/overcommit_memory", "2") == 0, "vm.overcommit_memory=2");
	promise = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(promise != MAP_FAILED, "a promise of half of RAM, untouched, fits with swap (Committed_AS %ld kB)",
	   meminfo_kb("Committed_AS:"));
	is_errno(swapoff("/dev/vda"), ENOMEM, "without the swap it would not: swapoff is ENOMEM");
	klog_read();
	ok(klog_match("__vm_enough_memory: pid: [0-9]+, comm: t_swap_swapoff, no enough memory "
		      "for the allocation$", NULL, 0), "... with 6.1's __vm_enough_memory line");
	is_int(meminfo_kb("SwapTotal:"), swap_kb, "... and the area still in service");
	munmap(promise, len);
	write_text("/proc/sys/vm/overcommit_memory", "0");
}

int main(void)
{
	long mem_kb = meminfo_kb("MemTotal:"), swap_kb = meminfo_kb("SwapTotal:");
	size_t words = (size_t)(mem_kb * 13 / 10) * 1024 / 8;
	char before[1024], after[1024], text[1024];
	struct shared *sh = map_anon(4096, 1);
	int st;
	pid_t h;

	tap_init();
	ok(lock_self() == 0, "the test keeps its own pages in RAM (mlockall)");
	ok(set_oom_score_adj(-1000) == 0, "the test itself is never the victim (oom_score_adj -1000)");
	ok(swap_kb > mem_kb * 3 / 10 + 8192, "swap on (%ld kB), room for 30 %% of RAM", swap_kb);
	if (!sh || pipe(cmd) || pipe(ack))
		return ok(0, "set-up"), done_testing();
	h = fork();
	if (h == 0) {
		set_oom_score_adj(0);
		holder(words, sh);
	}
	read(ack[0], text, 1);
	swaps_but_used(before, sizeof before);
	ok(swap_used_kb() >= mem_kb * 3 / 10, "H's 130 %% of RAM put %ld kB in swap", swap_used_kb());

	st = run_child(swapoff_child, NULL);
	is_killed_by(st, SIGKILL, "swapoff without room: the OOM killer picks its caller "
		     "(oom_origin, though its oom_score_adj is -1000)");
	ok(waitpid(h, &st, WNOHANG) == 0, "... not H, whose pages it was bringing back");
	is_int(meminfo_kb("SwapTotal:"), swap_kb, "... the area is back in service (SwapTotal)");
	swaps_but_used(after, sizeof after);
	ok(!strcmp(before, after), "... /proc/swaps shows the same area (Used aside)");
	if (strcmp(before, after))
		diag("before:\n%s# after:\n%s", before, after);
	tell('c');
	is_int(sh->wrong, 0, "... and every word of H's %zu MiB is intact", words * 8 >> 20);

	tell('k');
	is_int(sh->wrong, 0, "H keeps %d MiB, intact", KEEP_KB / 1024);
	refused_in_mode_2(mem_kb);
	is_int(swapoff("/dev/vda"), 0, "now swapoff has room: it succeeds");
	is_int(meminfo_kb("SwapTotal:"), 0, "SwapTotal: 0 kB");
	is_int(meminfo_kb("SwapFree:"), 0, "SwapFree: 0 kB");
	read_text("/proc/swaps", text, sizeof text);
	ok(!strcmp(text, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"),
	   "/proc/swaps is its header alone");
	tell('c');
	is_int(sh->vmswap_kb, 0, "H has nothing in swap (VmSwap: 0 kB)");
	is_int(sh->wrong, 0, "every word of H's %d MiB came back intact", KEEP_KB / 1024);
	write(cmd[1], "q", 1);
	waitpid(h, &st, 0);
	is_exited(st, 0, "H exits normally");
	is_int(swapon("/dev/vda", 0), 0, "swapon again");
	is_int(swap_used_kb(), 0, "a fresh area: nothing used");
	return done_testing();
}
