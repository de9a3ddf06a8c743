/*
 * t_swap_pageout - madvise(MADV_PAGEOUT) and madvise(MADV_COLD), the way a
 * student sends chosen pages to swap without memory pressure
 * (scenarios.tab: -m 128M, swap=64M).
 *
 *  - PAGEOUT of 16 MiB of private anonymous memory: the call returns 0,
 *    RssAnon falls and VmSwap grows by nearly all of it at once (each
 *    PTE now holds a swap entry), pswpout grows as much; reading the
 *    region back finds every word, and VmSwap returns to where it was;
 *    /proc/self/smaps shows the region's Swap, smaps_rollup's Swap is
 *    VmSwap;
 *  - /proc/self/smaps and smaps_rollup list 6.1's fields in its order;
 *  - PAGEOUT of 4 MiB of MAP_SHARED anonymous memory (shmem): RssShmem
 *    falls, the VMA's smaps Swap counts the pages, the data comes back
 *    intact;
 *  - the pages PAGEOUT wrote stay in the swap cache (SwapCached, mincore
 *    resident, no read when touched again), as on 6.1, which does not wait
 *    for the writes; after pressure pushed them out, MADV_WILLNEED reads
 *    them back ahead of the touch (pswpin, mincore);
 *  - pages shared with a fork child are left alone (6.1 touches only
 *    pages this PTE maps alone): VmSwap does not move;
 *  - COLD moves nothing to swap (RssAnon stays) and loses nothing;
 *  - an mlock()ed range: EINVAL for both; an unaligned start: EINVAL; a
 *    hole in the range: ENOMEM;
 *  - with swap turned off (the area /proc/swaps lists first), PAGEOUT
 *    still returns 0 and the pages stay in RAM.
 *
 * On Linux: run as root in a VM with -m 128M and a 64 MiB swap disk.
 */
#include "tap.h"
#include "vmtest.h"

#include <sys/swap.h>

#ifndef MADV_COLD
#define MADV_COLD	20
#define MADV_PAGEOUT	21
#endif

#define MIB	(1024UL * 1024)
#define ANON	(16 * MIB)
#define SHARED	(4 * MIB)

/* Rss/Vm field of our own status, kB, with 6.1's per-task counters folded. */
static long self_kb(const char *field)
{
	fold_rss_counters();
	return status_kb(0, field);
}

/*
 * Field @name (e.g. "Swap:") of the /proc/self/smaps entry starting at
 * @start, kB; with start NULL, of /proc/self/smaps_rollup.  -1 if absent.
 */
static long smaps_kb(const void *start, const char *name)
{
	static char buf[1 << 18];
	char head[32], *p;
	long got = 0, n;
	int fd = open(start ? "/proc/self/smaps" : "/proc/self/smaps_rollup", O_RDONLY);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + got, sizeof buf - 1 - got)) > 0)
		got += n;
	close(fd);
	buf[got] = 0;
	p = buf;
	if (start) {
		snprintf(head, sizeof head, "\n%lx-", (unsigned long)start);
		if (!(p = strstr(buf, head)))
			return -1;
	}
	p = strstr(p, name);
	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

/* The field names of the first entry of @path, space-separated, into @out. */
static void field_names(const char *path, char *out, size_t size)
{
	char buf[8192], *line, *save = NULL;
	size_t len = 0;

	out[0] = 0;
	if (read_text(path, buf, sizeof buf) < 0)
		return;
	line = strtok_r(buf, "\n", &save);	/* the maps-style header */
	while ((line = strtok_r(NULL, "\n", &save)) && !strchr(line, '-')) {
		char *colon = strchr(line, ':');

		if (!colon || len + (size_t)(colon - line) + 2 >= size)
			break;
		len += (size_t)snprintf(out + len, size - len, "%s%.*s", len ? " " : "",
					(int)(colon - line), line);
	}
}

/* 6.1's fs/proc/task_mmu.c, without ProtectionKey (no PKU on the qemu64 CPU). */
static void test_smaps_format(void)
{
	char names[1024];

	field_names("/proc/self/smaps", names, sizeof names);
	ok(!strcmp(names, "Size KernelPageSize MMUPageSize Rss Pss Pss_Dirty Shared_Clean "
		   "Shared_Dirty Private_Clean Private_Dirty Referenced Anonymous LazyFree "
		   "AnonHugePages ShmemPmdMapped FilePmdMapped Shared_Hugetlb Private_Hugetlb "
		   "Swap SwapPss Locked THPeligible VmFlags"), "smaps fields, in 6.1's order");
	diag("%s", names);
	field_names("/proc/self/smaps_rollup", names, sizeof names);
	ok(!strcmp(names, "Rss Pss Pss_Dirty Pss_Anon Pss_File Pss_Shmem Shared_Clean "
		   "Shared_Dirty Private_Clean Private_Dirty Referenced Anonymous LazyFree "
		   "AnonHugePages ShmemPmdMapped FilePmdMapped Shared_Hugetlb Private_Hugetlb "
		   "Swap SwapPss Locked"), "smaps_rollup fields, in 6.1's order");
}

static void test_anon_pageout(void)
{
	uint64_t *p = map_anon(ANON, 0);
	size_t words = ANON / 8;
	long anon0, swap0, out0;

	if (!ok(p != NULL, "map 16 MiB"))
		return;
	sweep_words(p, 0, words, 1, -1, 0);
	anon0 = self_kb("RssAnon:");
	swap0 = self_kb("VmSwap:");
	out0 = vmstat("pswpout");
	is_int(madvise(p, ANON, MADV_PAGEOUT), 0, "MADV_PAGEOUT of 16 MiB returns 0");
	long anon1 = self_kb("RssAnon:"), swap1 = self_kb("VmSwap:");

	diag("RssAnon %ld -> %ld kB, VmSwap %ld -> %ld kB", anon0, anon1, swap0, swap1);
	ok(anon0 - anon1 >= (long)(ANON / 1024) * 9 / 10, "RssAnon fell by >= 90%% of the region");
	ok(swap1 - swap0 >= (long)(ANON / 1024) * 9 / 10, "VmSwap grew by >= 90%% of the region");
	ok(vmstat("pswpout") - out0 >= (long)(ANON / 4096) * 9 / 10,
	   "pswpout grew by >= 90%% of the region's pages");
	ok(smaps_kb(p, "Swap:") >= (long)(ANON / 1024) * 9 / 10,
	   "the region's smaps entry: Swap >= 90%% of it");
	ok(smaps_kb(p, "Rss:") <= (long)(ANON / 1024) / 10, "its Rss <= 10%% of it");
	is_int(smaps_kb(NULL, "Swap:"), self_kb("VmSwap:"), "smaps_rollup's Swap is VmSwap");
	is_int(sweep_words(p, 0, words, 1, 0, -1), 0, "every word read back intact");
	ok(self_kb("VmSwap:") <= swap0 + 64, "VmSwap back to where it was after reading it all");
	munmap(p, ANON);
}

static int resident_pages(void *p, size_t len)
{
	static unsigned char vec[4096];
	int n = 0;

	if (mincore(p, len, vec))
		return -1;
	for (size_t i = 0; i < len / 4096; i++)
		n += vec[i] & 1;
	return n;
}

/*
 * A written page stays in the swap cache after PAGEOUT (6.1 does not wait
 * for its write), so touching it again is a minor fault; once pressure
 * has pushed it out, MADV_WILLNEED reads it back ahead of the touch.
 */
static void test_swap_cache_and_willneed(void)
{
	size_t len = 4 * MIB, pages = len / 4096;
	uint64_t *p = map_anon(len, 0);
	long cached0, in0, big;
	char *q;

	if (!ok(p != NULL, "map 4 MiB"))
		return;
	sweep_words(p, 0, len / 8, 6, -1, 0);
	cached0 = meminfo_kb("SwapCached:");
	madvise(p, len, MADV_PAGEOUT);
	ok(meminfo_kb("SwapCached:") - cached0 >= (long)(len / 1024) * 9 / 10,
	   "after PAGEOUT the written pages are in the swap cache (SwapCached)");
	ok(resident_pages(p, len) >= (int)pages * 9 / 10, "... so mincore calls them resident");
	in0 = vmstat("pswpin");
	is_int(sweep_words(p, 0, len / 8, 6, 0, -1), 0, "read back intact");
	ok(vmstat("pswpin") - in0 < (long)pages / 10, "... from the swap cache: no reads");

	madvise(p, len, MADV_PAGEOUT);
	big = meminfo_kb("MemTotal:") * 1024 / 10 * 9;
	q = mmap(NULL, (size_t)big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (long i = 0; q != MAP_FAILED && i < big; i += 4096)
		q[i] = 1;
	if (q != MAP_FAILED)
		munmap(q, (size_t)big);
	ok(resident_pages(p, len) < (int)pages / 4, "pressure pushed them out of memory");
	in0 = vmstat("pswpin");
	is_int(madvise(p, len, MADV_WILLNEED), 0, "MADV_WILLNEED returns 0");
	/* The reads are asynchronous: let them land (not a time limit: 30 s is never needed). */
	for (int i = 0; i < 300 && resident_pages(p, len) < (int)pages * 9 / 10; i++)
		usleep(100000);
	ok(vmstat("pswpin") - in0 >= (long)pages * 9 / 10, "... and reads them back (pswpin)");
	ok(resident_pages(p, len) >= (int)pages * 9 / 10, "... into memory (mincore)");
	is_int(sweep_words(p, 0, len / 8, 6, 0, -1), 0, "intact");
	munmap(p, len);
}

static void test_shared_pageout(void)
{
	uint64_t *p = map_anon(SHARED, 1);
	size_t words = SHARED / 8;

	if (!ok(p != NULL, "map 4 MiB MAP_SHARED"))
		return;
	sweep_words(p, 0, words, 2, -1, 0);
	long shm0 = self_kb("RssShmem:");

	is_int(madvise(p, SHARED, MADV_PAGEOUT), 0, "MADV_PAGEOUT of shared memory returns 0");
	long shm1 = self_kb("RssShmem:");

	diag("RssShmem %ld -> %ld kB", shm0, shm1);
	ok(shm0 - shm1 >= (long)(SHARED / 1024) * 9 / 10, "RssShmem fell by >= 90%% of the region");
	ok(smaps_kb(p, "Swap:") >= (long)(SHARED / 1024) * 9 / 10,
	   "its smaps entry counts the file's pages in swap");
	is_int(sweep_words(p, 0, words, 2, 0, -1), 0, "shared memory read back intact");
	munmap(p, SHARED);
}

/* Pages a fork child also maps: PAGEOUT in the parent leaves them. */
static void test_shared_with_child(void)
{
	size_t len = 4 * MIB;
	uint64_t *p = map_anon(len, 0);
	int pfd[2], st;
	char c;

	if (!ok(p != NULL && pipe(pfd) == 0, "map 4 MiB and a pipe"))
		return;
	sweep_words(p, 0, len / 8, 3, -1, 0);
	pid_t pid = fork();

	if (pid == 0) {
		close(pfd[1]);
		read(pfd[0], &c, 1);	/* hold the pages until the parent is done */
		_exit(sweep_words(p, 0, len / 8, 3, 0, -1) ? 1 : 0);
	}
	long swap0 = self_kb("VmSwap:");

	is_int(madvise(p, len, MADV_PAGEOUT), 0, "MADV_PAGEOUT of pages shared with a child");
	long swap1 = self_kb("VmSwap:");

	diag("VmSwap %ld -> %ld kB", swap0, swap1);
	ok(swap1 - swap0 < 64, "pages mapped by two processes stay in RAM");
	close(pfd[0]);
	close(pfd[1]);
	waitpid(pid, &st, 0);
	is_exited(st, 0, "the child read its copy intact");
	is_int(sweep_words(p, 0, len / 8, 3, 0, -1), 0, "the parent's copy intact");
	munmap(p, len);
}

static void test_cold_and_errors(void)
{
	size_t len = 4 * MIB;
	uint64_t *p = map_anon(len, 0);

	if (!ok(p != NULL, "map 4 MiB"))
		return;
	sweep_words(p, 0, len / 8, 4, -1, 0);
	long anon0 = self_kb("RssAnon:");

	is_int(madvise(p, len, MADV_COLD), 0, "MADV_COLD returns 0");
	ok(self_kb("RssAnon:") >= anon0 - 64, "MADV_COLD leaves the pages in RAM");
	is_int(sweep_words(p, 0, len / 8, 4, 0, -1), 0, "MADV_COLD loses nothing");

	if (ok(mlock(p, MIB) == 0, "mlock the first MiB")) {
		is_errno(madvise(p, len, MADV_PAGEOUT), EINVAL, "MADV_PAGEOUT over mlocked pages");
		is_errno(madvise(p, len, MADV_COLD), EINVAL, "MADV_COLD over mlocked pages");
		munlock(p, MIB);
	}
	is_errno(madvise((char *)p + 1, 4096, MADV_PAGEOUT), EINVAL, "unaligned start");
	munmap((char *)p + MIB, 4096);
	is_errno(madvise(p, 2 * MIB, MADV_PAGEOUT), ENOMEM, "a hole in the range");
	munmap(p, len);
}

/* The first area of /proc/swaps, into @dev. */
static int first_swap(char *dev, size_t size)
{
	char buf[1024], *nl;

	if (read_text("/proc/swaps", buf, sizeof buf) < 0 || !(nl = strchr(buf, '\n')))
		return -1;
	if (sscanf(nl + 1, "%255s", dev) != 1 || size < 256)
		return -1;
	return 0;
}

static void test_no_swap(void)
{
	size_t len = 4 * MIB;
	char dev[256];
	uint64_t *p;

	if (!ok(first_swap(dev, sizeof dev) == 0 && swapoff(dev) == 0, "swapoff the first area"))
		return;
	p = map_anon(len, 0);
	sweep_words(p, 0, len / 8, 5, -1, 0);
	long anon0 = self_kb("RssAnon:");

	is_int(madvise(p, len, MADV_PAGEOUT), 0, "MADV_PAGEOUT without swap returns 0");
	ok(self_kb("RssAnon:") >= anon0 - 64, "without swap the pages stay in RAM");
	is_int(sweep_words(p, 0, len / 8, 5, 0, -1), 0, "and stay intact");
	munmap(p, len);
	ok(swapon(dev, 0) == 0, "swapon %s again", dev);
}

int main(void)
{
	tap_init();
	plan(46);
	test_smaps_format();
	test_anon_pageout();
	test_shared_pageout();
	test_swap_cache_and_willneed();
	test_shared_with_child();
	test_cold_and_errors();
	test_no_swap();
	return done_testing();
}
