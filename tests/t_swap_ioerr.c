/*
 * t_swap_ioerr - disk errors on the swap device, injected by QEMU's
 * blkdebug driver (slot N is at sector N * 8).  scenarios.tab: -m 128M,
 * swap=128M, and
 *
 *   t_swap_ioerr read   blkdebug=read:8-262143  every read of a slot fails
 *   t_swap_ioerr write  blkdebug=write:8-2047   every write to slots 1-255 fails
 *
 * Reads fail everywhere because which slots the child's pages get is not
 * ours to choose: under pressure the root's tmpfs files (the programs)
 * may be the first to go, and take the low slots.  Writes fail on the
 * first slots handed out, whoever's they are.
 *
 * read: a child fills 130 % of MemTotal, every word with a value of its
 * own, then checks it from the end.  Its first pages went to swap: when
 * it touches one, 6.1 logs "Read-error on swap-device (MAJ:MIN:SECTOR)"
 * and the child gets SIGBUS (si_code BUS_ADRERR, si_addr in its
 * region).  Every word it read before was right; once it is dead its
 * slots are free again.
 *
 * write: the same child sweeps its region three times.  Writes to the
 * failing slots fail; 6.1 logs "Write-error on swap-device (...)" and
 * keeps the page in memory, dirty, so nothing is lost: every word reads
 * back its value, the child ends normally, and the pages that went out
 * elsewhere came back.
 *
 * The test keeps itself in RAM (mlockall; runprog's /init does the
 * same), so only the child's pages meet the failing sectors.  On Linux:
 * run as root in a VM with -m 128M and a 128 MiB swap disk behind
 * blkdebug with the same rules.
 */
#include "tap.h"
#include "vmtest.h"

#define FIRST_SECTOR	8
#define LAST_SECTOR	2047		/* of the failing writes */
#define DISK_SECTORS	262144		/* 128 MiB: reads fail on all of it */

struct report {
	long wrong;			/* words read wrong (before any SIGBUS) */
	long pages_checked;
	int sigbus, si_code;
	uintptr_t fault_addr, start, end;	/* the fault and the child's region */
};

static struct report *rep;

static void on_sigbus(int sig, siginfo_t *si, void *ctx)
{
	rep->sigbus++;
	rep->si_code = si->si_code;
	rep->fault_addr = (uintptr_t)si->si_addr;
	/* SA_RESETHAND: returning retries the access, and SIGBUS then kills. */
}

/*
 * Fill 130 % of MemTotal, then check it page by page from the end, the
 * pages written last first (@sweeps times, rewriting between).
 */
static void child(long mem_kb, int sweeps)
{
	size_t words = (size_t)(mem_kb * 13 / 10) * 1024 / 8;
	struct sigaction sa = { .sa_sigaction = on_sigbus, .sa_flags = SA_SIGINFO | SA_RESETHAND };
	uint64_t *p;

	/*
	 * Its stack, code and report stay in RAM (mlock is not inherited):
	 * only the region mapped below meets the disk, so the SIGBUS handler
	 * itself never needs a page that cannot be read back.
	 */
	mlockall(MCL_CURRENT);
	p = map_anon(words * 8, 0);
	if (!p)
		_exit(3);
	sigaction(SIGBUS, &sa, NULL);
	rep->start = (uintptr_t)p;
	rep->end = (uintptr_t)(p + words);
	sweep_words(p, 0, words, 0, -1, 0);
	/* Last page first: the pages written last are checked before the first ones. */
	for (int s = 1; s <= sweeps; s++)
		for (size_t end = words; end > 0; end = end > 512 ? end - 512 : 0) {
			rep->wrong += sweep_words(p, end > 512 ? end - 512 : 0, end, 0, s - 1,
						  s < sweeps ? s : -1);
			rep->pages_checked++;
		}
	_exit(0);
}

/* The sector of the first "WHAT-error on swap-device (254:0:SECTOR)" line, or -1. */
static long error_sector(const char *what)
{
	char re[96], sector[32];

	snprintf(re, sizeof re, "%s-error on swap-device \\(254:0:([0-9]+)\\)$", what);
	klog_read();
	return klog_match(re, sector, sizeof sector) ? atol(sector) : -1;
}

int main(int argc, char **argv)
{
	int reading = argc > 1 && !strcmp(argv[1], "read");
	long mem_kb = meminfo_kb("MemTotal:"), out0, in0, sector;
	struct baseline b;
	int st;
	pid_t pid;

	tap_init();
	if (argc < 2 || (!reading && strcmp(argv[1], "write"))) {
		ok(0, "usage: t_swap_ioerr read|write");
		return done_testing();
	}
	ok(lock_self() == 0, "the test keeps its own pages in RAM (mlockall)");
	ok(meminfo_kb("SwapTotal:") > mem_kb * 3 / 10, "swap on (%ld kB)", meminfo_kb("SwapTotal:"));
	rep = map_anon(4096, 1);
	b = vm_baseline();
	out0 = vmstat("pswpout");
	in0 = vmstat("pswpin");
	pid = fork();
	if (pid == 0)
		child(mem_kb, reading ? 1 : 3);
	waitpid(pid, &st, 0);
	diag("%ld pages checked; pswpout +%ld, pswpin +%ld", rep->pages_checked,
	     vmstat("pswpout") - out0, vmstat("pswpin") - in0);

	if (reading) {
		is_killed_by(st, SIGBUS, "the child touching a page it cannot read back gets SIGBUS");
		ok(rep->sigbus == 1 && rep->si_code == BUS_ADRERR, "... with si_code BUS_ADRERR "
		   "(%d)", rep->si_code);
		ok(rep->fault_addr >= rep->start && rep->fault_addr < rep->end,
		   "... and si_addr in its region (%#lx)", (unsigned long)rep->fault_addr);
		is_int(rep->wrong, 0, "every word it read before that was right (%ld pages)",
		       rep->pages_checked);
		sector = error_sector("Read");
		ok(sector >= FIRST_SECTOR && sector < DISK_SECTORS && sector % 8 == 0,
		   "the log has 6.1's 'Read-error on swap-device (254:0:%ld)', a failing slot's "
		   "first sector", sector);
	} else {
		is_exited(st, 0, "the child ran its three sweeps to the end");
		is_int(rep->wrong, 0, "every word read back its value: no page lost to the errors");
		is_int(rep->pages_checked, ((mem_kb * 13 / 10) + 3) / 4 * 3, "... every page checked in "
		       "every sweep");
		sector = error_sector("Write");
		ok(sector >= FIRST_SECTOR && sector <= LAST_SECTOR && sector % 8 == 0,
		   "the log has 6.1's 'Write-error on swap-device (254:0:%ld)', a failing slot's "
		   "first sector", sector);
		ok(vmstat("pswpout") - out0 >= (mem_kb * 3 / 10) / 4, "pages still went out, to "
		   "other slots (pswpout +%ld)", vmstat("pswpout") - out0);
		ok(vmstat("pswpin") - in0 > 0, "... and came back (pswpin +%ld)", vmstat("pswpin") - in0);
	}
	ok(swap_back(&b), "once the child is gone its slots are free (%ld kB used, SwapCached "
	   "%ld kB)", swap_used_kb(), meminfo_kb("SwapCached:"));
	return done_testing();
}
