/*
 * t_swap_manymaps - pages shared by more processes than one swap slot
 * can count (scenarios.tab: -m 128M, swap=128M).
 *
 * P fills 2 MiB, every word with a value of its own, and forks 70
 * children that only wait: each page is now mapped by 71 processes.  A
 * passing process touches more than RAM and exits, so reclaim takes
 * P's cold pages: a slot counts at most SWAP_MAP_MAX (62) references
 * here, so only part of each page's mappings become swap entries and
 * the page stays in memory, dirty in the swap cache.  Then the children
 * exit, and P forks once more: the pages must still hold P's values
 * (6.1 keeps counting with continuation pages; either way nothing may
 * be lost), and fork must work.
 *
 * Then Q fills 2 MiB and is pushed out to swap first: its 70 forks
 * must all work (6.1 again counts on in continuation pages), and each
 * child, once all are forked, reads every word intact.
 *
 * On Linux: run as root in a VM with -m 128M and a 128 MiB swap disk.
 */
#include "tap.h"
#include "vmtest.h"

#define NR_KIDS		70
#define REGION_KB	2048

struct report {
	long vmswap_kb;		/* P's VmSwap with the children still there */
	long forked;		/* children that could be forked */
	long wrong;		/* words wrong after the children exit */
	long fork_after;	/* 0: a fork after the check worked */
	long q_vmswap_kb;	/* Q's VmSwap before its forks */
	long q_forked, q_fork_errno, q_kids_ok;
};

static struct report *rep;
static int go[2], ready[2];

static void parent_p(void *arg)
{
	size_t words = REGION_KB * 1024 / 8;
	uint64_t *mem = map_anon(REGION_KB * 1024, 0);
	int hold[2], st;
	pid_t kids[NR_KIDS], c;
	char ch;

	(void)arg;
	if (!mem || pipe(hold))
		_exit(3);
	sweep_words(mem, 0, words, 7, -1, 0);
	for (int i = 0; i < NR_KIDS; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			close(hold[1]);
			read(hold[0], &ch, 1);	/* EOF when P closes its end */
			_exit(0);
		}
		if (kids[i] < 0)
			break;
		rep->forked++;
	}
	close(hold[0]);
	write(ready[1], "r", 1);
	if (read(go[0], &ch, 1) != 1)
		_exit(4);
	fold_rss_counters();
	rep->vmswap_kb = status_kb(0, "VmSwap:");
	close(hold[1]);
	for (int i = 0; i < rep->forked; i++)
		waitpid(kids[i], &st, 0);
	rep->wrong = sweep_words(mem, 0, words, 7, 0, -1);
	c = fork();
	if (c == 0)
		_exit(0);
	rep->fork_after = c < 0 ? errno : 0;
	if (c > 0)
		waitpid(c, &st, 0);
	_exit(0);
}

/* Q: in swap first, then 70 forks; each child checks every word once all exist. */
static void parent_q(void)
{
	size_t words = REGION_KB * 1024 / 8;
	uint64_t *mem = map_anon(REGION_KB * 1024, 0);
	int hold[2], st;
	pid_t kids[NR_KIDS];
	char ch;

	if (!mem || pipe(hold))
		_exit(3);
	sweep_words(mem, 0, words, 9, -1, 0);
	write(ready[1], "r", 1);
	if (read(go[0], &ch, 1) != 1)
		_exit(4);
	fold_rss_counters();
	rep->q_vmswap_kb = status_kb(0, "VmSwap:");
	for (int i = 0; i < NR_KIDS; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			close(hold[1]);
			read(hold[0], &ch, 1);
			_exit(sweep_words(mem, 0, words, 9, 0, -1) ? 1 : 0);
		}
		if (kids[i] < 0) {
			rep->q_fork_errno = errno;
			break;
		}
		rep->q_forked++;
	}
	close(hold[1]);
	for (int i = 0; i < rep->q_forked; i++)
		if (waitpid(kids[i], &st, 0) == kids[i] && WIFEXITED(st) && !WEXITSTATUS(st))
			rep->q_kids_ok++;
	_exit(0);
}

int main(void)
{
	long push_kb = meminfo_kb("MemTotal:") * 13 / 10;
	struct baseline b;
	pid_t p;
	int st;
	char ch;

	tap_init();
	ok(lock_self() == 0, "the test keeps its own pages in RAM (mlockall)");
	ok(meminfo_kb("SwapTotal:") > push_kb / 2, "swap on (%ld kB)", meminfo_kb("SwapTotal:"));
	rep = map_anon(4096, 1);
	if (!rep || pipe(go) || pipe(ready))
		return 1;
	b = vm_baseline();
	p = fork();
	if (p == 0) {
		parent_p(NULL);
		_exit(0);
	}
	read(ready[0], &ch, 1);
	is_int(rep->forked, NR_KIDS, "P forked %d children sharing its 2 MiB", NR_KIDS);
	st = run_child(swap_pusher, &push_kb);
	is_exited(st, 0, "a passing process touched %ld kB twice", push_kb);
	write(go[1], "g", 1);
	waitpid(p, &st, 0);
	is_exited(st, 0, "P ran to the end");
	ok(rep->vmswap_kb > 0, "P's shared pages went to swap (VmSwap %ld kB)", rep->vmswap_kb);
	is_int(rep->wrong, 0, "after the children exit, every word of P is intact");
	is_int(rep->fork_after, 0, "P can still fork");

	p = fork();
	if (p == 0)
		parent_q();
	read(ready[0], &ch, 1);
	st = run_child(swap_pusher, &push_kb);
	is_exited(st, 0, "a passing process pushed Q out");
	write(go[1], "g", 1);
	waitpid(p, &st, 0);
	is_exited(st, 0, "Q ran to the end");
	ok(rep->q_vmswap_kb > REGION_KB / 2, "Q's pages went to swap first (VmSwap %ld kB)",
	   rep->q_vmswap_kb);
	is_int(rep->q_forked, NR_KIDS, "Q forked %d children (fork errno %ld)", NR_KIDS,
	       rep->q_fork_errno);
	is_int(rep->q_kids_ok, NR_KIDS, "every child read every word intact");
	ok(swap_back(&b), "no swap slot is left in use (%ld kB used, SwapCached %ld kB)",
	   swap_used_kb() - b.swap_used, meminfo_kb("SwapCached:"));
	return done_testing();
}
