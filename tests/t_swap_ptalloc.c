/*
 * t_swap_ptalloc - two tasks of one address space (CLONE_VM) fault in
 * the same fresh 2 MiB chunks at once, under memory pressure
 * (scenarios.tab: -m 128M, swap=256M).
 *
 * The region is 1.3 x RAM and untouched: every chunk needs a new page
 * table, and once RAM is full its allocation may sleep in reclaim while
 * the other task allocates and fills the same table.  Task 0 writes the
 * even pages of each chunk, task 1 the odd ones, meeting at each chunk;
 * afterwards each checks its pages: none may have lost its contents to
 * the other's table.  A third process sweeps 40 % of RAM meanwhile, so
 * that allocations keep finding memory short.
 *
 * On Linux: run as root in a VM with -m 128M and a 256 MiB swap disk.
 */
#include "tap.h"
#include "vmtest.h"

#include <sched.h>

#define CHUNK	(2UL << 20)

static uint64_t *mem;
static size_t chunks;
static volatile size_t at[2];
static volatile long wrong[2];
static char stack[2][65536] __attribute__((aligned(16)));
static volatile int *stop;

/* Keep memory short: sweep @kb until told to stop. */
static void stirrer(long kb)
{
	size_t len = (size_t)kb * 1024;
	char *m = map_anon(len, 0);

	if (!m)
		_exit(3);
	for (int pass = 0; !*stop; pass++)
		for (size_t off = 0; off < len && !*stop; off += 4096)
			m[off] = (char)pass;
	_exit(0);
}

static int toucher(void *arg)
{
	int who = (int)(long)arg;
	size_t per_page = 4096 / 8, pages = CHUNK / 4096;

	for (size_t c = 0; c < chunks; c++) {
		at[who] = c + 1;
		while (at[!who] < c + 1)
			sched_yield();
		for (size_t p = (size_t)who; p < pages; p += 2) {
			size_t w = (c * pages + p) * per_page;

			for (size_t j = 0; j < per_page; j++)
				mem[w + j] = word_value(2, w + j, 0);
		}
	}
	at[who] = chunks + 1;
	for (size_t c = 0; c < chunks; c++)
		for (size_t p = (size_t)who; p < pages; p += 2) {
			size_t w = (c * pages + p) * per_page;

			wrong[who] += sweep_words(mem, w, w + per_page, 2, 0, -1);
		}
	return 0;
}

int main(void)
{
	long region_kb = meminfo_kb("MemTotal:") * 13 / 10;
	int st[2], sst;
	pid_t t[2], sp;
	char *raw;

	tap_init();
	ok(lock_self() == 0, "the test keeps its own pages in RAM (mlockall)");
	ok(meminfo_kb("SwapTotal:") > region_kb, "swap on (%ld kB)", meminfo_kb("SwapTotal:"));
	stop = map_anon(4096, 1);
	if (!stop)
		return 1;
	sp = fork();
	if (sp == 0)
		stirrer(meminfo_kb("MemTotal:") * 4 / 10);
	munlockall();
	chunks = (size_t)region_kb * 1024 / CHUNK;
	raw = map_anon((chunks + 1) * CHUNK, 0);
	if (!raw)
		return 1;
	mem = (uint64_t *)(((uintptr_t)raw + CHUNK - 1) & ~(CHUNK - 1));
	for (int k = 0; k < 2; k++)
		t[k] = clone(toucher, stack[k] + sizeof stack[k], CLONE_VM | SIGCHLD, (void *)(long)k);
	for (int k = 0; k < 2; k++)
		waitpid(t[k], &st[k], 0);
	*stop = 1;
	waitpid(sp, &sst, 0);
	for (int k = 0; k < 2; k++)
		is_exited(st[k], 0, "task %d filled its half of %zu chunks", k, chunks);
	is_int(wrong[0], 0, "task 0's pages hold what it wrote");
	is_int(wrong[1], 0, "task 1's pages hold what it wrote");
	return done_testing();
}
