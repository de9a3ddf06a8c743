/*
 * t_reclaim - the reclaim machinery behind swap (scenarios.tab: -m 128M,
 * swap=192M): pages shared by fork go to swap once and leave every
 * process that maps them (reverse mapping); pages in use stay while idle
 * ones go (LRU aging); mlocked pages never move; tmpfs files go to swap
 * and come back intact; kswapd does reclaim; the knobs and counters are
 * Linux's.
 */
#include "tap.h"

#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define MIB (1UL << 20)
#define PAGE 4096UL

/* A /proc file's number after "@key" (meminfo and status: kB; vmstat: a count). */
static long proc_value(const char *path, const char *key)
{
	static char buf[16384];
	int fd = open(path, O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	char *p;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	for (p = buf; (p = strstr(p, key)); p++)
		if ((p == buf || p[-1] == '\n') && (p[strlen(key)] == ' ' || p[strlen(key)] == ':'))
			return atol(p + strlen(key) + 1);
	return -1;
}

static long read_long(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);

	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) <= 0)
		buf[0] = 0;
	if (fd >= 0)
		close(fd);
	return buf[0] ? atol(buf) : -1;
}

static long swap_used_kb(void)
{
	return proc_value("/proc/meminfo", "SwapTotal") - proc_value("/proc/meminfo", "SwapFree");
}

static long vm_swap_kb(pid_t pid);

/* VmSwap summed over every process (init's pages go to swap too). */
static long all_vm_swap_kb(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	long sum = 0, kb;

	while (d && (e = readdir(d)))
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9' && (kb = vm_swap_kb(atoi(e->d_name))) > 0)
			sum += kb;
	if (d)
		closedir(d);
	return sum;
}

/* What swap holds now, less what processes and tmpfs files hold there. */
struct swap_baseline { long used, shmem, own, cached; };

static struct swap_baseline swap_baseline(void)
{
	return (struct swap_baseline){ swap_used_kb(), proc_value("/proc/meminfo", "Shmem"),
				       all_vm_swap_kb(), proc_value("/proc/meminfo", "SwapCached") };
}

/*
 * Slots in use beyond @b that nobody explains.  Under pressure the other
 * pages of this process and of init (stack, libc data) go to swap too, and, the root
 * being tmpfs, so do other files (the programs themselves): what those
 * hold in swap is their VmSwap growth and what left Shmem.  A page read
 * back but not written keeps its slot too (SwapCached), as on Linux.
 */
static long unexplained_swap_kb(struct swap_baseline b)
{
	long shmem_out = b.shmem - proc_value("/proc/meminfo", "Shmem");
	long own = all_vm_swap_kb() - b.own;
	long cached = proc_value("/proc/meminfo", "SwapCached") - b.cached;

	return swap_used_kb() - b.used - (shmem_out > 0 ? shmem_out : 0) - (own > 0 ? own : 0) -
	       (cached > 0 ? cached : 0);
}

static long vm_swap_kb(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	return proc_value(path, "VmSwap");
}

static unsigned char pattern(unsigned long page, unsigned long salt)
{
	return (unsigned char)(page * 131 + salt);
}

static void fill(unsigned char *m, unsigned long len, unsigned long salt)
{
	for (unsigned long off = 0; off < len; off += PAGE)
		memset(m + off, pattern(off / PAGE, salt), PAGE);
}

static unsigned long bad_pages(const unsigned char *m, unsigned long len, unsigned long salt)
{
	unsigned long bad = 0;

	for (unsigned long off = 0; off < len; off += PAGE)
		bad += m[off] != pattern(off / PAGE, salt) || m[off + PAGE - 1] != pattern(off / PAGE, salt);
	return bad;
}

/* Touch @mb MiB of fresh anonymous memory, then exit: memory pressure. */
static void hog(void *arg)
{
	unsigned long len = (unsigned long)arg * MIB;
	unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		_exit(2);
	fill(m, len, 7);
	_exit(0);
}

static unsigned long resident_pages(void *m, unsigned long len)
{
	unsigned char vec[len / PAGE];
	unsigned long n = 0;

	if (mincore(m, len, vec))
		return 0;
	for (unsigned long i = 0; i < len / PAGE; i++)
		n += vec[i] & 1;
	return n;
}

/* Fork shares 48 MiB; pressure sends it to swap once, out of both processes. */
static void test_shared_pages(void)
{
	unsigned long len = 48 * MIB;
	unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct swap_baseline b = swap_baseline();
	long parent_kb, child_kb, used;
	int go[2], done[2], st;
	pid_t child;
	char c;

	fill(m, len, 1);
	if (pipe(go) || pipe(done))
		return;
	child = fork();
	if (child == 0) {	/* keeps the shared pages untouched until told, then checks them */
		read(go[0], &c, 1);
		_exit(bad_pages(m, len, 1) ? 1 : 0);
	}
	is_exited(run_child(hog, (void *)120UL), 0, "a 120 MiB hog runs beside two holders of 48 shared MiB");
	parent_kb = vm_swap_kb(getpid());
	child_kb = vm_swap_kb(child);
	used = swap_used_kb() - b.used;
	ok(parent_kb > 8 * 1024 && child_kb > 8 * 1024,
	   "shared pages left both processes for swap (VmSwap %ld kB and %ld kB)", parent_kb, child_kb);
	ok(used < parent_kb + child_kb - 4 * 1024,
	   "each shared page is in swap once: %ld kB used for %ld + %ld kB of entries",
	   used, parent_kb, child_kb);
	write(go[1], "x", 1);
	waitpid(child, &st, 0);
	is_exited(st, 0, "the child reads back every shared page");
	is_int(bad_pages(m, len, 1), 0, "so does the parent");
	munmap(m, len);
	ok(unexplained_swap_kb(b) <= 0, "every slot is free again once both are done "
	   "(%ld kB left unexplained)", unexplained_swap_kb(b));
	close(go[0]); close(go[1]); close(done[0]); close(done[1]);
}

/* A hot region in constant use stays resident while an idle one goes to swap. */
static void test_aging(void)
{
	unsigned long cold_len = 40 * MIB, hot_len = 4 * MIB, hot, cold;
	unsigned char *cold_m = mmap(NULL, cold_len, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *hot_m = mmap(NULL, hot_len, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile unsigned long sum = 0;
	pid_t pid;
	int st;

	fill(cold_m, cold_len, 2);
	fill(hot_m, hot_len, 3);
	pid = fork();
	if (pid == 0)
		hog((void *)110UL);
	/* Read the hot pages over and over while the hog pushes memory out. */
	while (waitpid(pid, &st, WNOHANG) == 0)
		for (unsigned long off = 0; off < hot_len; off += PAGE)
			sum += hot_m[off];
	is_exited(st, 0, "a 110 MiB hog ran while 4 MiB were in constant use");
	hot = resident_pages(hot_m, hot_len) * 100 / (hot_len / PAGE);
	cold = resident_pages(cold_m, cold_len) * 100 / (cold_len / PAGE);
	ok(hot >= 90 && hot > cold, "the hot region stayed resident (%lu%%), the idle one did not (%lu%%)",
	   hot, cold);
	ok(!bad_pages(hot_m, hot_len, 3) && !bad_pages(cold_m, cold_len, 2), "both read back intact");
	munmap(cold_m, cold_len);
	munmap(hot_m, hot_len);
}

/* mlocked pages never move, whatever the pressure. */
static void test_mlock(void)
{
	unsigned long len = 8 * MIB;
	unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	fill(m, len, 4);
	ok(mlock(m, len) == 0, "mlock 8 MiB");
	is_exited(run_child(hog, (void *)110UL), 0, "a 110 MiB hog runs");
	is_int(resident_pages(m, len), len / PAGE, "every locked page is still resident");
	is_int(proc_value("/proc/self/status", "VmLck"), len / 1024, "VmLck counts them");
	munlock(m, len);
	munmap(m, len);
}

/* A tmpfs file bigger than a third of RAM goes to swap and comes back. */
static void test_tmpfs(void)
{
	unsigned long len = 48 * MIB;
	unsigned char *buf = malloc(len), *map;
	struct swap_baseline b = swap_baseline();
	long shmem_before, shmem_after;
	int fd = open("/tmp/t_reclaim.data", O_RDWR | O_CREAT | O_TRUNC, 0600);

	fill(buf, len, 5);
	ok(fd >= 0 && write(fd, buf, len) == (long)len, "write a 48 MiB tmpfs file");
	memset(buf, 0, len);
	free(buf);
	shmem_before = proc_value("/proc/meminfo", "Shmem");
	is_exited(run_child(hog, (void *)110UL), 0, "a 110 MiB hog runs");
	shmem_after = proc_value("/proc/meminfo", "Shmem");
	ok(shmem_after < shmem_before - 16 * 1024 && swap_used_kb() > b.used + 16 * 1024,
	   "tmpfs pages went to swap (Shmem %ld -> %ld kB)", shmem_before, shmem_after);
	buf = malloc(len);
	ok(pread(fd, buf, len, 0) == (long)len && !bad_pages(buf, len, 5),
	   "read(2) brings the file back intact");
	free(buf);
	is_exited(run_child(hog, (void *)110UL), 0, "pressure again");
	map = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	ok(map != MAP_FAILED && !bad_pages(map, len, 5), "a shared mapping faults it back intact");
	munmap(map, len);
	close(fd);
	unlink("/tmp/t_reclaim.data");
	ok(unexplained_swap_kb(b) <= 0, "unlinking it frees its slots (%ld kB left unexplained)",
	   unexplained_swap_kb(b));
}

static void test_knobs_and_counters(void)
{
	static const char *const counters[] = { "pswpin", "pswpout", "pgmajfault", "pgscan_kswapd",
		"pgscan_direct", "pgsteal_kswapd", "pgsteal_direct", "swap_ra", "swap_ra_hit" };
	int fd;

	is_int(read_long("/proc/sys/vm/swappiness"), 60, "vm.swappiness is 60");
	fd = open("/proc/sys/vm/swappiness", O_WRONLY);
	is_errno(write(fd, "201", 3), EINVAL, "swappiness 201 is refused");
	ok(write(fd, "200", 3) == 3, "200 is accepted");
	close(fd);
	fd = open("/proc/sys/vm/swappiness", O_WRONLY);
	ok(write(fd, "60\n", 3) == 3, "and 60 again");
	close(fd);
	is_int(read_long("/proc/sys/vm/page-cluster"), 3, "vm.page-cluster is 3");
	for (size_t i = 0; i < sizeof(counters) / sizeof(*counters); i++)
		ok(proc_value("/proc/vmstat", counters[i]) > 0, "/proc/vmstat %s moved (%ld)",
		   counters[i], proc_value("/proc/vmstat", counters[i]));
}

/* kswapd0 is a kernel thread, as on Linux. */
static void test_kswapd_thread(void)
{
	char path[64], comm[32] = "";
	int found = 0;

	for (int pid = 2; pid < 64 && !found; pid++) {
		int fd;
		long n;

		snprintf(path, sizeof(path), "/proc/%d/comm", pid);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		n = read(fd, comm, sizeof(comm) - 1);
		close(fd);
		found = n > 0 && !strncmp(comm, "kswapd0\n", 8);
	}
	ok(found, "/proc/PID/comm names a kswapd0 thread");
}

int main(void)
{
	tap_init();
	ok(proc_value("/proc/meminfo", "SwapTotal") > 0, "runprog's /init turned swap on");
	test_kswapd_thread();
	test_shared_pages();
	test_aging();
	test_mlock();
	test_tmpfs();
	test_knobs_and_counters();
	return done_testing();
}
