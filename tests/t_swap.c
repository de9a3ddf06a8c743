/*
 * t_swap - paging to the virtio swap disk (scenarios.tab: -m 128M,
 * swap=128M): 160 MiB of patterned memory fits only because pages go to
 * swap and come back intact; fork shares swapped pages; swapoff with too
 * little RAM for what is in swap picks its caller for the OOM killer and
 * leaves the area in service with nothing lost; with room, swapoff
 * brings everything back.  The counters: SwapFree falls, pswpout and the
 * major faults grow.
 */
#include "tap.h"

#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/swap.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>

#define MIB (1UL << 20)

static unsigned char *mem;
static unsigned long len;

static unsigned char pattern(unsigned long page)
{
	return (unsigned char)(page * 37 + 11);
}

static unsigned long bad_pages(unsigned long from, unsigned long to)
{
	unsigned long bad = 0;

	for (unsigned long off = from; off < to; off += 4096)
		bad += mem[off] != pattern(off >> 12) || mem[off + 4095] != 0xa5;
	return bad;
}

static long swap_used_kb(void)
{
	struct sysinfo si;

	sysinfo(&si);
	return (long)((si.totalswap - si.freeswap) * si.mem_unit / 1024);
}

static long total_swap_kb(void)
{
	struct sysinfo si;

	sysinfo(&si);
	return (long)(si.totalswap * si.mem_unit / 1024);
}

static void child_check(void *arg)
{
	_exit(bad_pages(0, len) ? 1 : 0);
}

static void child_swapoff(void *arg)
{
	swapoff("/dev/vda");
	_exit(0);	/* only if RAM sufficed: not expected here */
}

int main(void)
{
	struct rusage ru;
	long used;
	int st;

	tap_init();
	ok(total_swap_kb() > 0, "runprog's /init swapped /dev/vda on (%ld kB)", total_swap_kb());
	len = 160 * MIB;
	mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(mem != MAP_FAILED, "mmap 160 MiB: more than RAM, less than RAM + swap");
	for (unsigned long off = 0; off < len; off += 4096) {
		mem[off] = pattern(off >> 12);
		mem[off + 4095] = 0xa5;
	}
	used = swap_used_kb();
	ok(used > 20 * 1024, "after touching it all, swap holds part of it (%ld kB)", used);
	is_int(bad_pages(0, len), 0, "every page reads back its pattern (swapped in again)");
	getrusage(RUSAGE_SELF, &ru);
	ok(ru.ru_majflt > 0, "swap-ins count as major faults (%ld)", ru.ru_majflt);
	is_exited(run_child(child_check, NULL), 0, "a forked child sees the same bytes, swapped pages included");

	st = run_child(child_swapoff, NULL);
	is_killed_by(st, SIGKILL, "swapoff without room for what is in swap: the OOM killer picks its caller");
	ok(total_swap_kb() > 0, "... and the area is still in service");
	is_int(bad_pages(0, len), 0, "... with no page lost");

	munmap(mem + 40 * MIB, 120 * MIB);
	len = 40 * MIB;
	is_int(swapoff("/dev/vda"), 0, "with 120 MiB freed, swapoff succeeds");
	is_int(total_swap_kb(), 0, "no swap left");
	is_int(bad_pages(0, len), 0, "the remaining 40 MiB are all back in RAM, intact");
	is_int(swapon("/dev/vda", 0), 0, "swapon again");
	is_int(swap_used_kb(), 0, "a fresh area: nothing used");
	return done_testing();
}
