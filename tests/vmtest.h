/*
 * vmtest.h - what the swap tests read from the kernel, read the way a
 * Linux tool reads it: /proc/meminfo, /proc/vmstat, /proc/zoneinfo and
 * /proc/PID/status fields, the kernel log through syslog(2) (as dmesg
 * does), and a pattern with a value of its own for every 8-byte word.
 * Header-only, static functions, like tap.h (include tap.h first).
 */
#ifndef OOMKERNEL_TESTS_VMTEST_H
#define OOMKERNEL_TESTS_VMTEST_H

#include <fcntl.h>
#include <regex.h>
#include <stdint.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <time.h>

/* The whole of a small /proc file into @buf (NUL-terminated); its length or -1. */
static inline long read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n = 0, r;

	if (fd < 0)
		return -1;
	while ((size_t)n < size - 1 && (r = read(fd, buf + n, size - 1 - (size_t)n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	return n;
}

/*
 * The number after "NAME" where NAME starts a line of @path (NAME given
 * with its ':' for meminfo and status, with a trailing space for vmstat),
 * or -1 when the file or the line is missing.
 */
static inline long proc_field(const char *path, const char *name)
{
	static char buf[16384];
	size_t len = strlen(name);

	if (read_text(path, buf, sizeof buf) < 0)
		return -1;
	for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (!strncmp(line, name, len))
			return strtol(line + len, NULL, 10);
	return -1;
}

/* The first number in @path (/proc/PID/oom_score), or -1. */
static inline long proc_number(const char *path)
{
	char buf[64];

	return read_text(path, buf, sizeof buf) > 0 ? strtol(buf, NULL, 10) : -1;
}

/* Write @val to @path (a sysctl, oom_score_adj): 0, or -1 with errno. */
static inline int write_text(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY), e;
	ssize_t n = fd < 0 ? -1 : write(fd, val, strlen(val));

	e = errno;
	if (fd >= 0)
		close(fd);
	errno = e;
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

/* This process's oom_score_adj: 0, or -1 with errno. */
static inline int set_oom_score_adj(int adj)
{
	char v[16];

	snprintf(v, sizeof v, "%d", adj);
	return write_text("/proc/self/oom_score_adj", v);
}

/* A /proc/meminfo field in kB: meminfo_kb("SwapFree:"). */
static inline long meminfo_kb(const char *name)
{
	return proc_field("/proc/meminfo", name);
}

/* A /proc/vmstat counter: vmstat("pswpout"). */
static inline long vmstat(const char *name)
{
	char key[64];

	snprintf(key, sizeof key, "%s ", name);
	return proc_field("/proc/vmstat", key);
}

/* A /proc/PID/status field in kB (pid 0: self): status_kb(0, "VmSwap:"). */
static inline long status_kb(pid_t pid, const char *name)
{
	char path[64];

	if (pid)
		snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	else
		snprintf(path, sizeof path, "/proc/self/status");
	return proc_field(path, name);
}

/* Swap in use, kB: SwapTotal - SwapFree (what free(1) shows as used). */
static inline long swap_used_kb(void)
{
	return meminfo_kb("SwapTotal:") - meminfo_kb("SwapFree:");
}

/*
 * Pages on the per-CPU free lists (the "count:" lines of /proc/zoneinfo's
 * pagesets): free, yet not in MemFree.  Linux keeps some there; a
 * kernel without such lists prints 0.
 */
static inline long pcp_pages(void)
{
	static char buf[65536];
	long n = 0;

	if (read_text("/proc/zoneinfo", buf, sizeof buf) < 0)
		return 0;
	for (char *p = buf; (p = strstr(p, " count: ")); p += 8)
		n += strtol(p + 8, NULL, 10);
	return n;
}

/* What a test compares after its processes have exited (kB; pcp in pages). */
struct baseline { long swap_used, mem_free, shmem, slab, pcp; };

static inline struct baseline vm_baseline(void)
{
	struct baseline b = { swap_used_kb(), meminfo_kb("MemFree:"), meminfo_kb("Shmem:"),
			      meminfo_kb("Slab:"), pcp_pages() };

	return b;
}

/*
 * tmpfs pages (the root file system's files: programs, busybox) that
 * went to swap since @b and stay there, in kB: Shmem counts only the
 * resident ones.  0 while the kernel does not swap tmpfs.
 */
static inline long shmem_swapped_kb(const struct baseline *b)
{
	long now = meminfo_kb("Shmem:");

	return b->shmem > now ? b->shmem - now : 0;
}

/*
 * Is the swap used back to the baseline @b, once the processes that used
 * it have exited?  What may legitimately remain, each read from /proc
 * or a 6.1 constant: tmpfs pages swapped out meanwhile (above); a page
 * still under writeback when its owner exits keeps its slot in the swap
 * cache (6.1's free_swap_and_cache and free_swap_cache only trylock it)
 * until reclaim meets it, shown in SwapCached; and each CPU's swap slots
 * cache (6.1's mm/swap_slots.c) holds up to SWAP_SLOTS_CACHE_SIZE (64)
 * slots taken ahead and as many freed ones not yet returned, all counted
 * as used.  A kernel without these remains exact.
 */
static inline int swap_back(const struct baseline *b)
{
	long used = swap_used_kb(), slots_cache_kb = 2 * 64 * 4 * sysconf(_SC_NPROCESSORS_ONLN);

	return used >= b->swap_used &&
	       used - b->swap_used <= shmem_swapped_kb(b) + meminfo_kb("SwapCached:") + slots_cache_kb;
}

/*
 * Is MemFree back to the baseline @b?  It may be higher by the tmpfs
 * pages swapped out meanwhile, and lower by what 6.1 keeps outside
 * MemFree: swap-cache pages (SwapCached), pages on the per-CPU lists, and
 * slab pages the run made that stay with their caches (Slab).
 */
static inline int memfree_back(const struct baseline *b, long *allowance)
{
	long free = meminfo_kb("MemFree:"), slab = meminfo_kb("Slab:");
	long below = meminfo_kb("SwapCached:") + (b->pcp + pcp_pages()) * 4 +
		     (slab > b->slab ? slab - b->slab : 0);
	long above = shmem_swapped_kb(b) + b->pcp * 4;

	*allowance = below > above ? below : above;
	return free >= b->mem_free - below && free <= b->mem_free + above;
}

/* Keep this process's pages in RAM, those it maps later too (a child does not inherit it). */
static inline int lock_self(void)
{
	return mlockall(MCL_CURRENT | MCL_FUTURE);
}

/* An anonymous private (or shared) mapping of @len bytes, or NULL. */
static inline void *map_anon(size_t len, int shared)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/*
 * Make this process's own RSS counters (VmRSS, RssAnon, VmSwap) exact
 * before it reads them.  Exact here always; 6.1 keeps a task's counter
 * changes in the task (SPLIT_RSS_COUNTING) and folds them into its mm
 * only when a fault finds more than TASK_RSS_EVENTS_THRESH (64) since the
 * last fold, so /proc/PID/status may lag by up to 64 pages.  128 fresh
 * page faults force a fold; the faults after it change only RssAnon.
 */
static inline void fold_rss_counters(void)
{
	char *m = map_anon(128 * 4096, 0);

	if (!m)
		return;
	for (int i = 0; i < 128; i++)
		m[i * 4096] = 1;
	munmap(m, 128 * 4096);
}

static inline double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the kernel log, as dmesg reads it ---- */

static char klog_buf[1 << 20];

/* Read the whole log ring into klog_buf (syslog(2) READ_ALL); its length. */
static inline int klog_read(void)
{
	int n = klogctl(3, klog_buf, sizeof(klog_buf) - 1);	/* SYSLOG_ACTION_READ_ALL */

	klog_buf[n > 0 ? n : 0] = 0;
	return n;
}

/*
 * Does a line of the log read last match the extended regex @re?  With
 * @sub, the first parenthesized group of the first match is copied there
 * (at most @size bytes with the NUL).
 */
static inline int klog_match(const char *re, char *sub, size_t size)
{
	regmatch_t m[2];
	regex_t r;
	int hit;

	if (regcomp(&r, re, REG_EXTENDED | REG_NEWLINE))
		return 0;
	hit = regexec(&r, klog_buf, 2, m, 0) == 0;
	regfree(&r);
	if (hit && sub && size) {
		size_t n = m[1].rm_so < 0 ? 0 : (size_t)(m[1].rm_eo - m[1].rm_so);

		n = n < size - 1 ? n : size - 1;
		memcpy(sub, klog_buf + (m[1].rm_so < 0 ? 0 : m[1].rm_so), n);
		sub[n] = 0;
	}
	return hit;
}

/*
 * A child body for run_child: map *(long *)@arg kB and touch every page
 * twice, so that what other processes hold is pushed out to swap; exits
 * 0, or 3 if the mapping failed.
 */
static inline void swap_pusher(void *arg)
{
	size_t len = (size_t)*(long *)arg * 1024;
	char *m = map_anon(len, 0);

	if (!m)
		_exit(3);
	for (int pass = 0; pass < 2; pass++)
		for (size_t off = 0; off < len; off += 4096)
			m[off] = (char)pass;
	_exit(0);
}

/* ---- a value for every 8-byte word ---- */

/*
 * The value word @index of region @id holds after sweep @sweep: a
 * splitmix64 mix, so a word that comes back from the wrong page, the
 * wrong process, the wrong sweep, or half-written, reads wrong.
 */
static inline uint64_t word_value(unsigned id, uint64_t index, unsigned sweep)
{
	uint64_t x = ((uint64_t)id << 56) ^ ((uint64_t)sweep << 48) ^ index;

	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/*
 * One pass over words @from..@to-1 of region @id at @p, which hold sweep
 * @check's values (@check < 0: nothing yet): verify each word, then (with
 * @fill >= 0) write sweep @fill's value into it.  The number of wrong
 * words.
 */
static inline long sweep_words(uint64_t *p, size_t from, size_t to, unsigned id, int check,
			       int fill)
{
	long wrong = 0;

	for (size_t i = from; i < to; i++) {
		if (check >= 0 && p[i] != word_value(id, i, (unsigned)check))
			wrong++;
		if (fill >= 0)
			p[i] = word_value(id, i, (unsigned)fill);
	}
	return wrong;
}

#endif /* OOMKERNEL_TESTS_VMTEST_H */
