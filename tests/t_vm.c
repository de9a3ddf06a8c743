/*
 * t_vm - the virtual memory a process sees, as Linux 6.1 gives it:
 * demand-zero pages and the zero page, copy-on-write across fork (three
 * generations, reuse once alone, copies while shared), a fork of a
 * process holding 60% of RAM, MAP_SHARED memory and a shared futex across
 * fork, VMA splitting and merging, munmap of a sub-range, MAP_POPULATE,
 * MAP_GROWSDOWN, mlock and friends, fault counters.
 *
 * Memory is measured with sysinfo's freeram (and /proc/self/status when
 * it exists); VMA boundaries with mremap, which refuses (EFAULT) a range
 * that spans two VMAs.  Checked against Debian's 6.1 with scripts/linuxprog.
 */
#include "tap.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sched.h>
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1

#define PG 4096L
#define MiB (1L << 20)

static long freeram(void)
{
	struct sysinfo si;

	sysinfo(&si);
	return (long)(si.freeram * si.mem_unit);
}

static long minflt(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return ru.ru_minflt;
}

/* A /proc/self/status field in kB, or -1 without /proc. */
static long status_kb(const char *name)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[128];
	long v = -1;
	size_t n = strlen(name);

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, name, n) && line[n] == ':')
			v = atol(line + n + 1);
	fclose(f);
	return v;
}

/* @got within @slack of @want (bytes). */
static int near(long got, long want, long slack, const char *what)
{
	int r = ok(got >= want - slack && got <= want + slack, "%s: %+ld kB (want %+ld kB +- %ld)",
		   what, got / 1024, want / 1024, slack / 1024);
	return r;
}

/* Is [p, p+len) one VMA?  (mremap growing by a page: ENOMEM if one VMA with a neighbour, EFAULT if two.) */
static int one_vma(void *p, long len)
{
	void *r = mremap(p, len, len + PG, 0);

	if (r != MAP_FAILED) {	/* grew: undo */
		mremap(p, len + PG, len, 0);
		return 1;
	}
	return errno != EFAULT;
}

static char *map_rw(long len)
{
	return mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static void demand_zero(void)
{
	long len = 16 * MiB, f0 = freeram(), flt0 = minflt(RUSAGE_SELF), rss0 = status_kb("VmRSS");
	volatile char *p = (volatile char *)map_rw(len);
	long sum = 0;
	unsigned char vec[1];

	near(f0 - freeram(), 0, 256 * 1024, "mmap of 16 MiB costs no frames");
	for (long i = 0; i < len; i += PG)
		sum += p[i];
	ok(sum == 0, "fresh pages read as zero");
	near(f0 - freeram(), 0, 512 * 1024, "reading 4096 fresh pages costs no frames (the zero page)");
	ok(mincore((void *)p, PG, vec) == 0 && vec[0] == 1, "mincore: a read page is resident (the zero page)");
	ok(minflt(RUSAGE_SELF) - flt0 >= 4096, "4096 read faults counted in ru_minflt (%ld)",
	   minflt(RUSAGE_SELF) - flt0);
	for (long i = 0; i < len; i += PG)
		p[i] = 1;
	near(f0 - freeram(), len, 1 * MiB, "writing them takes 16 MiB of frames");
	if (rss0 >= 0)
		near((status_kb("VmRSS") - rss0) * 1024, len, 256 * 1024, "VmRSS grows by the pages written");
	else
		ok(1, "VmRSS # SKIP no /proc/self/status");
	munmap((void *)p, len);
	near(f0 - freeram(), 0, 512 * 1024, "munmap gives them back");
	if (rss0 >= 0)
		near((status_kb("VmRSS") - rss0) * 1024, 0, 256 * 1024, "VmRSS falls back after munmap");
	else
		ok(1, "VmRSS after munmap # SKIP no /proc/self/status");
}

static void zero_page_then_write(void)
{
	volatile char *p = (volatile char *)map_rw(PG);
	int z = p[100];

	p[100] = 42;
	ok(z == 0 && p[100] == 42 && p[0] == 0, "zero page, then a write gives a private zeroed page");
	munmap((void *)p, PG);
}

/* A child that checks its copy, writes its own, and (depth > 0) does the same for its child. */
static int cow_generation(volatile char *p, long len, char mine, char parent, int depth)
{
	pid_t pid;
	int st;

	for (long i = 0; i < len; i += PG)
		if (p[i] != parent)
			return 1;
	for (long i = 0; i < len; i += PG)
		p[i] = mine;
	if (!depth)
		return 0;
	pid = fork();
	if (pid == 0)
		_exit(cow_generation(p, len, mine + 1, mine, depth - 1));
	waitpid(pid, &st, 0);
	for (long i = 0; i < len; i += PG)
		if (p[i] != mine)
			return 2;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 3;
}

static void cow(void)
{
	long len = 64 * PG, f0;
	volatile char *p = (volatile char *)map_rw(len);
	pid_t pid;
	int st, pfd[2];

	for (long i = 0; i < len; i += PG)
		p[i] = 'A';
	pid = fork();
	if (pid == 0)
		_exit(cow_generation(p, len, 'B', 'A', 2));
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "three generations each see their own writes");
	ok(p[0] == 'A' && p[len - PG] == 'A', "the parent still sees its own data");

	/* The child has exited: the parent's pages are its alone again, reused in place. */
	f0 = freeram();
	for (long i = 0; i < len; i += PG)
		p[i] = 'R';
	near(f0 - freeram(), 0, 128 * 1024, "after the child exits, writes reuse the frames (no copies)");

	/* While a child still maps them, every write copies. */
	if (pipe(pfd))
		return;
	pid = fork();
	if (pid == 0) {
		char c;

		close(pfd[1]);
		read(pfd[0], &c, 1);
		_exit(p[0] == 'R' ? 0 : 1);
	}
	close(pfd[0]);
	f0 = freeram();
	for (long i = 0; i < len; i += PG)
		p[i] = 'S';
	near(f0 - freeram(), len, 128 * 1024, "while a child shares them, 64 writes make 64 copies");
	close(pfd[1]);
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child kept the old contents");
	munmap((void *)p, len);
}

/* A fork of a process whose dirty memory is 60% of RAM: copy-on-write makes it cheap. */
static void fork_big(void)
{
	struct sysinfo si;
	long len, f0;
	volatile char *p;
	pid_t pid;
	int st;

	sysinfo(&si);
	len = (long)(si.totalram * si.mem_unit * 6 / 10) & ~(PG - 1);
	if (len > freeram() - 8 * MiB) {
		ok(1, "fork of 60%% of RAM # SKIP only %ld kB free", freeram() / 1024);
		return;
	}
	p = (volatile char *)map_rw(len);
	if (p == MAP_FAILED) {
		ok(0, "mmap 60%% of RAM: %s", strerror(errno));
		return;
	}
	for (long i = 0; i < len; i += PG)
		p[i] = 7;
	f0 = freeram();
	pid = fork();
	if (pid == 0) {
		p[0] = 8;
		_exit(p[len - PG] == 7 ? 0 : 1);
	}
	ok(pid > 0, "fork of a process with %ld MiB dirty (60%% of RAM) succeeds", len / MiB);
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0 && p[0] == 7, "child and parent kept apart");
	near(f0 - freeram(), 0, 1 * MiB, "the fork copied page tables, not the memory");
	munmap((void *)p, len);
}

static long futex(volatile int *uaddr, int op, int val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

static void shared_across_fork(void)
{
	volatile int *sh = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	const char *path = "t_vm.shared";
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600), st;
	volatile char *fm;
	char buf[8] = { 0 };
	pid_t pid;

	ftruncate(fd, PG);
	fm = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	sh[0] = 0;
	sh[1] = 0;
	pid = fork();
	if (pid == 0) {
		sh[1] = 1;				/* "I am about to wait" */
		while (sh[0] == 0)
			futex(&sh[0], FUTEX_WAIT, 0);	/* shared futex: no _PRIVATE */
		fm[0] = 'c';
		memcpy((char *)fm + 1, "hild", 4);
		_exit(sh[0] == 5 ? 0 : 1);
	}
	while (sh[1] == 0)
		sched_yield();
	usleep(20000);
	sh[0] = 5;
	ok(futex(&sh[0], FUTEX_WAKE, 1) >= 0, "FUTEX_WAKE on shared anonymous memory");
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child woke on the shared futex and saw the parent's write");
	ok(fm[0] == 'c', "the child's write to a MAP_SHARED file is seen through the parent's mapping");
	pread(fd, buf, 5, 0);
	ok(!strcmp(buf, "child"), "and by read() of the file (\"%s\")", buf);
	munmap((void *)sh, PG);
	munmap((void *)fm, PG);
	close(fd);
	unlink(path);
}

static int count_maps_lines(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[256];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		n++;
	fclose(f);
	return n;
}

static void split_merge(void)
{
	/* [guard R][a: RW RW RW][guard R]: the guards keep a's neighbours different. */
	char *g = mmap(NULL, 5 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *a = g + PG;
	int lines0;

	mprotect(a, 3 * PG, PROT_READ | PROT_WRITE);
	memset(a, 1, 3 * PG);
	lines0 = count_maps_lines();
	ok(one_vma(a, 3 * PG), "three RW pages between two read-only ones are one VMA");
	mprotect(a + PG, PG, PROT_READ);
	ok(!one_vma(a, 2 * PG) && one_vma(a, PG) && one_vma(a + PG, PG),
	   "mprotect of the middle page splits it off");
	if (lines0 > 0)
		is_int(count_maps_lines(), lines0 + 2, "/proc/self/maps shows two more lines");
	else
		ok(1, "/proc/self/maps # SKIP no /proc");
	mprotect(a + PG, PG, PROT_READ | PROT_WRITE);
	ok(one_vma(a, 3 * PG), "mprotect back to RW merges the three again");
	if (lines0 > 0)
		is_int(count_maps_lines(), lines0, "/proc/self/maps is as before");
	else
		ok(1, "/proc/self/maps # SKIP no /proc");
	mprotect(a, 3 * PG, PROT_READ);
	ok(one_vma(a, 3 * PG) && !one_vma(g, 2 * PG),
	   "read-only now too, but with private pages they stay apart from the untouched guards (anon_vma rule)");
	munmap(g, 5 * PG);
}

static void munmap_middle(void *arg)
{
	volatile char *p = arg;

	p[PG] = 1;	/* SIGSEGV */
}

static void munmap_sub_range(void)
{
	char *p = map_rw(3 * PG);
	int st;

	memset(p, 'x', 3 * PG);
	ok(munmap(p + PG, PG) == 0, "munmap of the middle page");
	ok(p[0] == 'x' && p[2 * PG] == 'x', "its neighbours keep their data");
	st = run_child(munmap_middle, p);
	is_killed_by(st, SIGSEGV, "touching the hole is SIGSEGV");
	munmap(p, 3 * PG);
}

static void populate_and_lock(void)
{
	unsigned char vec[8];
	char *p = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	long flt, vmlck = status_kb("VmLck");
	int all = 1;

	mincore(p, 8 * PG, vec);
	for (int i = 0; i < 8; i++)
		all &= vec[i];
	ok(all, "MAP_POPULATE: every page resident at once");
	munmap(p, 8 * PG);

	p = map_rw(8 * PG);
	flt = minflt(RUSAGE_SELF);
	ok(mlock(p, 8 * PG) == 0, "mlock of 8 fresh pages");
	mincore(p, 8 * PG, vec);
	all = 1;
	for (int i = 0; i < 8; i++)
		all &= vec[i];
	ok(all && minflt(RUSAGE_SELF) - flt >= 8, "mlock faults them all in (%ld faults)",
	   minflt(RUSAGE_SELF) - flt);
	if (vmlck >= 0)
		is_int(status_kb("VmLck") - vmlck, 32, "VmLck grows by 32 kB");
	else
		ok(1, "VmLck # SKIP no /proc/self/status");
	ok(munlock(p, 8 * PG) == 0, "munlock");
	munmap(p, 8 * PG);

	p = map_rw(8 * PG);
	ok(syscall(SYS_mlock2, p, 8 * PG, 1 /* MLOCK_ONFAULT */) == 0, "mlock2(MLOCK_ONFAULT)");
	mincore(p, 8 * PG, vec);
	ok(vec[0] == 0 && vec[7] == 0, "MLOCK_ONFAULT populates nothing");
	munmap(p, 8 * PG);

	ok(mlockall(MCL_CURRENT | MCL_FUTURE) == 0, "mlockall(MCL_CURRENT | MCL_FUTURE)");
	p = map_rw(4 * PG);
	mincore(p, 4 * PG, vec);
	ok(vec[0] && vec[3], "after MCL_FUTURE a new mapping is populated");
	ok(munlockall() == 0, "munlockall");
	munmap(p, 4 * PG);
	if (vmlck >= 0)
		is_int(status_kb("VmLck"), vmlck, "VmLck back to its start");
	else
		ok(1, "VmLck # SKIP no /proc/self/status");
}

static void growsdown(void)
{
	char *g = mmap(NULL, 4 * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *p;
	unsigned char vec[1];

	munmap(g, 4 * PG);
	/* Far enough above anything for the guard gap: the top of a 1 GiB hole. */
	g = mmap(NULL, 1L << 30, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	munmap(g, 1L << 30);
	p = mmap(g + (1L << 30) - PG, PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, -1, 0);
	ok(p != MAP_FAILED, "mmap MAP_GROWSDOWN");
	p[-PG] = 1;
	ok(mincore(p - PG, PG, vec) == 0 && vec[0] == 1, "a touch below it grows it down");
	munmap(p - PG, 2 * PG);
}

static void fault_counters(void)
{
	long c0 = minflt(RUSAGE_CHILDREN);
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		volatile char *p = (volatile char *)map_rw(100 * PG);

		for (long i = 0; i < 100 * PG; i += PG)
			p[i] = 1;
		_exit(0);
	}
	waitpid(pid, &st, 0);
	ok(minflt(RUSAGE_CHILDREN) - c0 >= 100, "a child's 100 faults reach RUSAGE_CHILDREN (%ld)",
	   minflt(RUSAGE_CHILDREN) - c0);
}

int main(void)
{
	long f0;

	tap_init();
	f0 = freeram();
	demand_zero();
	zero_page_then_write();
	cow();
	fork_big();
	shared_across_fork();
	split_merge();
	munmap_sub_range();
	populate_and_lock();
	growsdown();
	fault_counters();
	near(f0 - freeram(), 0, 1 * MiB, "free memory back to where it started");
	return done_testing();
}
