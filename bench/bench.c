/*
 * bench/bench.c - the one program `make bench` runs on both kernels, as
 * /init (pid 1) of a fresh VM.  Ordinary musl C, built with
 * musl-gcc -static; it measures only with clock_gettime(CLOCK_MONOTONIC).
 *
 * Output, one line each (scripts/bench parses them; keep them stable):
 *   bench: init started
 *   bench: null_syscall_ns <float>     getppid(), best of 5 rounds of N calls
 *   bench: fork_exit_wait_us <float>   fork + child _exit(0) + waitpid, best of 5
 *   bench: dz_first_touch_ns <float>   first write to each page of 32 MiB (demand zero), per page
 *   bench: dz_second_pass_ns <float>   a second write pass over them, per page (no faults)
 *   bench: munmap_ns <float>           munmap of the 32 MiB, per page
 *   bench: fork_16m_dirty_us <float>   fork + _exit + waitpid with 16 MiB dirty, best of 3
 *   bench: cow_copy_fault_ns <float>   write fault copying a page shared with a child
 *   bench: cow_reuse_fault_ns <float>  write fault on a write-protected page nobody shares
 *   bench: oom_latency_ms <float>      a hog touching memory 1 MiB at a time: from the
 *                                      start of the chunk the OOM killer interrupts to
 *                                      the parent's waitpid returning with SIGKILL
 *   bench: swap_sweep_mibs <float>     swap on /dev/vda, then a region of SWEEP_MIB swept
 *                                      SWEEPS times: each sweep checks every page against
 *                                      the last sweep's values and writes new ones; MiB
 *                                      swept per second over the SWEEPS sweeps
 *   bench: swap_out_first_pps <float>  pages written to swap per second in the first sweep
 *                                      (pswpout over its time)
 *   bench: swap_inout_steady_pps <float> pages read plus written per second in the later
 *                                      sweeps (pswpin + pswpout over their time)
 *   bench: swap_moved_pages <int>      pswpin + pswpout over the sweeps: how much had to
 *                                      move, which depends on what the kernel leaves free
 *   bench: swap_wrong_pages <int>      pages that read back wrong (a last, untimed pass
 *                                      checks the last sweep's values too)
 *   bench: swap_eq_region_mib <int>    MemAvailable + 60 MiB: the equal-pressure sweep's size
 *   bench: swap_eq_* ...               the five swap_* figures again for that sweep, so
 *                                      that both kernels push the same 60 MiB out
 *   bench: done
 * `bench select` (a VM of its own, -m 512M, so that Linux too holds the
 * processes) times one OOM's select_bad_process over 1000 sleeping
 * processes, with vm.oom_dump_tasks=0 and an immune holder taking all but
 * 48 MiB:
 *   bench: select_bad_process_us <float>  oomkernel: its own measure, "select_ns"
 *                                         in /proc/oom_explain; Linux (which inlines
 *                                         it): function_graph's summed time of the
 *                                         oom_evaluate_task calls, less the tracer's
 *                                         cost per call (measured on a tiny function)
 * Every page is 4 KiB and really written (one byte per page); counters,
 * LRU lists and zeroing are done by both kernels as usual.
 * As pid 1 on Linux it powers the VM off with reboot(2), because init
 * must not exit there; on oomkernel reboot(2) is ENOSYS and init's exit
 * powers off.  For the swap sweep, on Linux it first loads the modules
 * /etc/modules lists (virtio_blk and what it needs, in load order), mounts
 * /proc and devtmpfs on /dev, and waits for /dev/vda; on oomkernel those
 * are there already.  Either way it calls swapon(2) itself, and swapoff
 * at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/mman.h>

#define ROUNDS		5
#define SYSCALLS	20000	/* per round */
#define FORKS		40	/* per round */

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Nanoseconds per getppid() round trip (the raw syscall: no libc caching). */
static double null_syscall_ns(void)
{
	double best = 1e30;

	for (int r = 0; r < ROUNDS; r++) {
		double t0 = now_ns(), t;

		for (int i = 0; i < SYSCALLS; i++)
			syscall(SYS_getppid);
		t = (now_ns() - t0) / SYSCALLS;
		if (t < best)
			best = t;
	}
	return best;
}

/* Microseconds per fork + _exit(0) in the child + waitpid in the parent. */
static double fork_exit_wait_us(void)
{
	double best = 1e30;

	for (int r = 0; r < ROUNDS; r++) {
		double t0 = now_ns(), t;

		for (int i = 0; i < FORKS; i++) {
			pid_t pid = fork();
			int st;

			if (pid == 0)
				_exit(0);
			if (pid < 0 || waitpid(pid, &st, 0) != pid)
				return -1;
		}
		t = (now_ns() - t0) / FORKS / 1000;
		if (t < best)
			best = t;
	}
	return best;
}

#define PG		4096L
#define DZ_BYTES	(32L << 20)
#define DIRTY_BYTES	(16L << 20)

static char *map_anon(long len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* Nanoseconds per page for one write to each page of [p, p+len). */
static char *map_anon_shared(long len)
{
	return mmap(NULL, (size_t)len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
}

static double touch_ns(volatile char *p, long len, char v)
{
	double t0 = now_ns();

	for (long i = 0; i < len; i += PG)
		p[i] = v;
	return (now_ns() - t0) / (len / PG);
}

/* Demand zero: first touch, second pass and munmap of 32 MiB, per page; best of 3. */
static void demand_zero(double *first, double *second, double *unmap)
{
	*first = *second = *unmap = 1e30;
	for (int r = 0; r < 3; r++) {
		char *p = map_anon(DZ_BYTES);
		double t0, t;

		if (!p)
			return;
		t = touch_ns(p, DZ_BYTES, 1);
		*first = t < *first ? t : *first;
		t = touch_ns(p, DZ_BYTES, 2);
		*second = t < *second ? t : *second;
		t0 = now_ns();
		munmap(p, DZ_BYTES);
		t = (now_ns() - t0) / (DZ_BYTES / PG);
		*unmap = t < *unmap ? t : *unmap;
	}
}

/* fork + _exit + waitpid of a process with 16 MiB dirty, microseconds; best of 3. */
static double fork_dirty_us(void)
{
	char *p = map_anon(DIRTY_BYTES);
	double best = 1e30;

	if (!p)
		return -1;
	touch_ns(p, DIRTY_BYTES, 1);
	for (int r = 0; r < 3; r++) {
		double t0 = now_ns(), t;
		pid_t pid = fork();
		int st;

		if (pid == 0)
			_exit(0);
		waitpid(pid, &st, 0);
		t = (now_ns() - t0) / 1000;
		best = t < best ? t : best;
	}
	munmap(p, DIRTY_BYTES);
	return best;
}

/*
 * Copy-on-write faults over 16 MiB, per page: copies while a child still
 * maps the pages (it waits on a pipe), reuse after it has exited (the
 * pages are write-protected but only the parent holds them).
 */
static void cow_faults(double *copy, double *reuse)
{
	char *p = map_anon(DIRTY_BYTES);
	int pfd[2];
	pid_t pid;
	int st;

	*copy = *reuse = -1;
	if (!p || pipe(pfd))
		return;
	touch_ns(p, DIRTY_BYTES, 1);
	pid = fork();
	if (pid == 0) {
		char c;

		close(pfd[1]);
		read(pfd[0], &c, 1);
		_exit(0);
	}
	close(pfd[0]);
	*copy = touch_ns(p, DIRTY_BYTES, 2);
	close(pfd[1]);
	waitpid(pid, &st, 0);
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, &st, 0);
	*reuse = touch_ns(p, DIRTY_BYTES, 3);
	munmap(p, DIRTY_BYTES);
}

/*
 * A child touches memory until the OOM killer ends it, writing the time
 * before each 1 MiB chunk into a page it shares with us; the latency is
 * from the last such time to our waitpid returning.  -1 if it was not
 * SIGKILLed.
 */
static double oom_latency_ms(void)
{
	volatile double *stamp = (volatile double *)map_anon_shared(4096);
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		for (;;) {
			char *m;

			*stamp = now_ns();
			m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
			if (m == MAP_FAILED)
				_exit(1);
			for (int i = 0; i < (1 << 20); i += 4096)
				m[i] = 1;
		}
	}
	waitpid(pid, &st, 0);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
		return -1;
	return (now_ns() - *stamp) / 1e6;
}

#define SWEEP_MIB	119	/* the sweep */
#define SWEEPS		3
#define PRESSURE_MIB	60	/* the equal-pressure sweep: MemAvailable + this */

/* A /proc/vmstat counter, or -1. */
static long vmstat(const char *name)
{
	static char buf[16384];
	size_t len = strlen(name);
	int fd = open("/proc/vmstat", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	for (char *l = buf; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (!strncmp(l, name, len) && l[len] == ' ')
			return strtol(l + len + 1, NULL, 10);
	return -1;
}

static long meminfo_kb(const char *key)
{
	char buf[4096], *p;
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, key);
	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/*
 * Linux as pid 1 of a bare initramfs: load virtio_blk (the modules listed
 * in /etc/modules, in order), mount /proc and devtmpfs, wait for the disk.
 * Nothing to do where /dev/vda and /proc/vmstat already exist.
 */
static void prepare_disk(void)
{
	char path[256];
	FILE *f;

	if (access("/proc/vmstat", R_OK)) {
		mkdir("/proc", 0555);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	if (!access("/dev/vda", F_OK))
		return;
	f = fopen("/etc/modules", "r");
	while (f && fgets(path, sizeof(path), f)) {
		int fd;

		path[strcspn(path, "\n")] = 0;
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || syscall(SYS_finit_module, fd, "", 0))
			printf("bench: cannot load %s\n", path);
		if (fd >= 0)
			close(fd);
	}
	if (f)
		fclose(f);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	for (int i = 0; i < 100 && access("/dev/vda", F_OK); i++)
		usleep(50000);
}

/* The value every word of page @page holds after sweep @sweep. */
static uint64_t page_value(size_t page, int sweep)
{
	uint64_t x = ((uint64_t)sweep << 40 ^ page) * 0x9e3779b97f4a7c15ull;

	return x ^ (x >> 29);
}

/*
 * One sweep over @pages pages at @p: check each page against sweep
 * @check's value (@check < 0: nothing yet), then fill it with sweep
 * @fill's (@fill < 0: leave it).  The number of pages that read wrong.
 */
static long sweep(uint64_t *p, size_t pages, int check, int fill)
{
	long wrong = 0;

	for (size_t pg = 0; pg < pages; pg++) {
		uint64_t *w = p + pg * (PG / 8), old = page_value(pg, check),
			 val = page_value(pg, fill);
		int bad = 0;

		for (int i = 0; i < PG / 8; i++) {
			if (check >= 0)
				bad |= w[i] != old;
			if (fill >= 0)
				w[i] = val;
		}
		wrong += bad;
	}
	return wrong;
}

struct sweep_result {
	double mibs, out_first, inout_steady;	/* -1: no disk to swap on */
	long moved, wrong;
};

/*
 * One swap sweep of @mib MiB: bigger than what RAM has free, so every
 * sweep pushes pages out and brings them back.  Swap is on (the caller's).
 */
static void swap_sweep(long mib, struct sweep_result *r)
{
	size_t pages = (size_t)mib << 20 >> 12;
	double t[SWEEPS + 1];
	long in[SWEEPS + 1], out[SWEEPS + 1];
	uint64_t *p;

	*r = (struct sweep_result){ -1, -1, -1, -1, -1 };
	p = mmap(NULL, pages * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	r->wrong = 0;
	for (int s = 0; s <= SWEEPS; s++) {
		t[s] = now_ns();
		in[s] = vmstat("pswpin");
		out[s] = vmstat("pswpout");
		if (s < SWEEPS)
			r->wrong += sweep(p, pages, s - 1, s);
	}
	r->wrong += sweep(p, pages, SWEEPS - 1, -1);
	r->mibs = (double)mib * SWEEPS / ((t[SWEEPS] - t[0]) / 1e9);
	r->out_first = (out[1] - out[0]) / ((t[1] - t[0]) / 1e9);
	r->inout_steady = (in[SWEEPS] - in[1] + out[SWEEPS] - out[1]) / ((t[SWEEPS] - t[1]) / 1e9);
	r->moved = in[SWEEPS] - in[0] + out[SWEEPS] - out[0];
	munmap(p, pages * PG);
}

static void print_sweep(const char *prefix, const struct sweep_result *r)
{
	printf("bench: %s_sweep_mibs %.1f\n", prefix, r->mibs);
	printf("bench: %s_out_first_pps %.0f\n", prefix, r->out_first);
	printf("bench: %s_inout_steady_pps %.0f\n", prefix, r->inout_steady);
	printf("bench: %s_moved_pages %ld\n", prefix, r->moved);
	printf("bench: %s_wrong_pages %ld\n", prefix, r->wrong);
}

/*
 * The swap figures: the sweep of SWEEP_MIB, then one of
 * MemAvailable + PRESSURE_MIB, so that each kernel pushes the same amount
 * out whatever it leaves free (Debian's 6.1 leaves about 60 MiB at -m
 * 128M: there the two sweeps are nearly the same size).
 */
static void swap_figures(void)
{
	struct sweep_result r = { -1, -1, -1, -1, -1 };
	long mib;

	prepare_disk();
	if (swapon("/dev/vda", 0) && errno != EBUSY) {
		printf("bench: swapon /dev/vda: %s\n", strerror(errno));
		print_sweep("swap", &r);
		print_sweep("swap_eq", &r);
		return;
	}
	swap_sweep(SWEEP_MIB, &r);
	print_sweep("swap", &r);
	mib = meminfo_kb("MemAvailable:") / 1024 + PRESSURE_MIB;
	printf("bench: swap_eq_region_mib %ld\n", mib);
	swap_sweep(mib, &r);
	print_sweep("swap_eq", &r);
	swapoff("/dev/vda");
}

#define SLEEPERS	1000

static void write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);

	if (fd >= 0) {
		write(fd, s, strlen(s));
		close(fd);
	}
}

/* An immune process holding @kb, until killed; returns once it holds it. */
static pid_t start_holder(long kb)
{
	int p[2];
	char c;
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		char *m;

		write_str("/proc/self/oom_score_adj", "-1000");
		m = map_anon(kb << 10);
		for (long i = 0; m && i < kb << 10; i += PG)
			m[i] = 1;
		write(p[1], "r", 1);
		for (;;)
			pause();
	}
	read(p[0], &c, 1);
	close(p[0]);
	close(p[1]);
	return pid;
}

/* select_ns of the last decision in /proc/oom_explain (ours), or -1. */
static double select_ns(void)
{
	static char buf[1 << 18];
	int fd = open("/proc/oom_explain", O_RDONLY);
	ssize_t n = 0, r;
	char *p;

	while (fd >= 0 && (r = read(fd, buf + n, sizeof(buf) - 1 - (size_t)n)) > 0)
		n += r;
	if (fd >= 0)
		close(fd);
	buf[n] = 0;
	p = strstr(buf, "\"select_ns\":");
	return p ? strtod(p + 12, NULL) : -1;
}

/*
 * Linux: function_graph on @fn alone (depth 1), so each call's duration
 * is logged; 0 if tracefs is not there.
 */
static int trace_only(const char *fn)
{
	mkdir("/tracing", 0755);
	mount("tracefs", "/tracing", "tracefs", 0, NULL);
	if (access("/tracing/set_graph_function", W_OK))
		return 0;
	write_str("/tracing/tracing_on", "0");
	write_str("/tracing/current_tracer", "nop");
	write_str("/tracing/set_graph_function", fn);
	write_str("/tracing/max_graph_depth", "1");
	write_str("/tracing/current_tracer", "function_graph");	/* also clears the buffer */
	write_str("/tracing/tracing_on", "1");
	return 1;
}

/* The traced calls of @fn: their count, and the sum of their durations (us). */
static double trace_sum_us(const char *fn, int *calls)
{
	static char buf[1 << 20];
	int fd = open("/tracing/trace", O_RDONLY);
	ssize_t n = 0, r;
	double sum = 0;

	write_str("/tracing/tracing_on", "0");
	while (fd >= 0 && (r = read(fd, buf + n, sizeof(buf) - 1 - (size_t)n)) > 0)
		n += r;
	if (fd >= 0)
		close(fd);
	buf[n] = 0;
	*calls = 0;
	for (char *line = buf, *nl; line && *line; line = nl ? nl + 1 : NULL) {
		char *us, *num;

		nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		us = strstr(line, " us ");
		if (!strstr(line, fn) || !us)
			continue;
		for (num = us; num > line && num[-1] != ' '; num--)
			;
		sum += strtod(num, NULL);	/* " 0) + 12.345 us   |  fn();" */
		(*calls)++;
	}
	write_str("/tracing/current_tracer", "nop");
	return sum;
}

/*
 * Linux's select_bad_process is inlined into out_of_memory, so the twin
 * is the summed function_graph time of its oom_evaluate_task calls over
 * one OOM, less the tracer's own cost per call (what it charges
 * __task_pid_nr_ns, a few instructions, called once per getppid); -1
 * without tracefs.
 */
static double linux_select_us(void)
{
	double eval, base;
	int calls, base_calls;

	if (!trace_only("__task_pid_nr_ns"))
		return -1;
	for (int i = 0; i < 1000; i++)
		syscall(SYS_getppid);	/* one __task_pid_nr_ns each: a few instructions */
	base = trace_sum_us("__task_pid_nr_ns", &base_calls);
	trace_only("oom_evaluate_task");
	oom_latency_ms();
	eval = trace_sum_us("oom_evaluate_task", &calls);
	if (!calls || !base_calls)
		return -1;
	return eval - calls * (base / base_calls);
}

static void select_bench(void)
{
	pid_t holder, sleepers[SLEEPERS];
	double sel;
	int made = 0;

	mkdir("/proc", 0555);
	mount("proc", "/proc", "proc", 0, NULL);	/* Linux's /init has none yet */
	write_str("/proc/sys/vm/oom_dump_tasks", "0");
	for (; made < SLEEPERS; made++) {
		sleepers[made] = fork();
		if (sleepers[made] < 0)
			break;
		if (sleepers[made] == 0) {
			pause();
			_exit(0);
		}
	}
	printf("bench: sleepers %d\n", made);
	holder = start_holder(meminfo_kb("MemAvailable:") - (48L << 10));
	oom_latency_ms();
	sel = select_ns();
	if (sel < 0)
		sel = linux_select_us() * 1000;
	if (sel >= 0)
		printf("bench: select_bad_process_us %.1f\n", sel / 1000);
	for (int i = 0; i < made; i++)
		kill(sleepers[i], SIGKILL);
	kill(holder, SIGKILL);
	while (wait(NULL) > 0)
		;
}

static void power_off(void)
{
	sync();
	/* LINUX_REBOOT_MAGIC1, MAGIC2, LINUX_REBOOT_CMD_POWER_OFF */
	syscall(SYS_reboot, 0xfee1dead, 672274793, 0x4321fedc, NULL);
}

int main(int argc, char **argv)
{
	double a, b, c;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("bench: init started\n");
	if (argc > 1 && !strcmp(argv[1], "select")) {
		select_bench();
		printf("bench: done\n");
		if (getpid() == 1)
			power_off();
		return 0;
	}
	printf("bench: null_syscall_ns %.1f\n", null_syscall_ns());
	printf("bench: fork_exit_wait_us %.1f\n", fork_exit_wait_us());
	demand_zero(&a, &b, &c);
	printf("bench: dz_first_touch_ns %.1f\n", a);
	printf("bench: dz_second_pass_ns %.1f\n", b);
	printf("bench: munmap_ns %.1f\n", c);
	printf("bench: fork_16m_dirty_us %.1f\n", fork_dirty_us());
	cow_faults(&a, &b);
	printf("bench: cow_copy_fault_ns %.1f\n", a);
	printf("bench: cow_reuse_fault_ns %.1f\n", b);
	printf("bench: oom_latency_ms %.1f\n", oom_latency_ms());
	swap_figures();
	printf("bench: done\n");
	if (getpid() == 1)
		power_off();
	return 0;
}
