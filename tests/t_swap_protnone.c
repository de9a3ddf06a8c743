/*
 * t_swap_protnone - swapoff brings back pages of a PROT_NONE mapping
 * without making them accessible (scenarios.tab: -m 128M, swap=128M).
 *
 * P fills 4 MiB, every word with a value of its own, and makes it
 * PROT_NONE; a passing process pushes it out to swap.  swapoff brings
 * every page back into memory: P's VmSwap is 0, yet a read of the
 * region is still SIGSEGV (SEGV_ACCERR), as the protection says.  After
 * mprotect(PROT_READ) every word reads back intact.
 *
 * On Linux: run as root in a VM with -m 128M and a 128 MiB swap disk.
 */
#include "tap.h"
#include "vmtest.h"

#include <setjmp.h>
#include <sys/swap.h>

#define REGION_KB	4096

struct report {
	long vmswap_before, vmswap_after;	/* P's VmSwap, kB */
	int segv;				/* the read after swapoff faulted */
	int si_code;
	long wrong;
};

static struct report *rep;
static int go[2], ready[2];
static sigjmp_buf env;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	rep->si_code = si->si_code;
	siglongjmp(env, 1);
}

static void parent_p(void)
{
	size_t words = REGION_KB * 1024 / 8;
	uint64_t *mem = map_anon(REGION_KB * 1024, 0);
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	volatile uint64_t v;
	char ch;

	if (!mem)
		_exit(3);
	sweep_words(mem, 0, words, 3, -1, 0);
	if (mprotect(mem, REGION_KB * 1024, PROT_NONE))
		_exit(4);
	write(ready[1], "r", 1);
	read(go[0], &ch, 1);		/* pushed out */
	fold_rss_counters();
	rep->vmswap_before = status_kb(0, "VmSwap:");
	write(ready[1], "s", 1);
	read(go[0], &ch, 1);		/* swapped off */
	fold_rss_counters();
	rep->vmswap_after = status_kb(0, "VmSwap:");
	sigaction(SIGSEGV, &sa, NULL);
	if (sigsetjmp(env, 1) == 0) {
		v = mem[words / 2];
		(void)v;
	} else {
		rep->segv = 1;
	}
	signal(SIGSEGV, SIG_DFL);
	if (mprotect(mem, REGION_KB * 1024, PROT_READ))
		_exit(5);
	rep->wrong = sweep_words(mem, 0, words, 3, 0, -1);
	_exit(0);
}

int main(void)
{
	long push_kb = meminfo_kb("MemTotal:") * 13 / 10;
	pid_t p;
	int st;
	char ch;

	tap_init();
	ok(lock_self() == 0, "the test keeps its own pages in RAM (mlockall)");
	ok(meminfo_kb("SwapTotal:") > push_kb / 2, "swap on (%ld kB)", meminfo_kb("SwapTotal:"));
	rep = map_anon(4096, 1);
	if (!rep || pipe(go) || pipe(ready))
		return 1;
	p = fork();
	if (p == 0)
		parent_p();
	read(ready[0], &ch, 1);
	st = run_child(swap_pusher, &push_kb);
	is_exited(st, 0, "a passing process touched %ld kB twice", push_kb);
	write(go[1], "g", 1);
	read(ready[0], &ch, 1);
	ok(rep->vmswap_before > REGION_KB / 2, "P's PROT_NONE region went to swap (VmSwap %ld kB)",
	   rep->vmswap_before);
	is_int(swapoff("/dev/vda"), 0, "swapoff");
	write(go[1], "g", 1);
	waitpid(p, &st, 0);
	is_exited(st, 0, "P ran to the end");
	is_int(rep->vmswap_after, 0, "swapoff brought P's pages back (VmSwap 0)");
	ok(rep->segv && rep->si_code == SEGV_ACCERR,
	   "a read of the PROT_NONE region is still SIGSEGV (SEGV_ACCERR; si_code %d)", rep->si_code);
	is_int(rep->wrong, 0, "after mprotect(PROT_READ) every word is intact");
	return done_testing();
}
