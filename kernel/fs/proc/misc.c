/*
 * kernel/fs/proc/misc.c - the small /proc files, each in 6.1's format:
 * uptime (fs/proc/uptime.c), loadavg (fs/proc/loadavg.c), version
 * (fs/proc/version.c, init/version.c), cmdline (fs/proc/cmdline.c),
 * filesystems (fs/filesystems.c), mounts (fs/proc_namespace.c),
 * partitions (block/genhd.c) and swaps (mm/swapfile.c's own text).
 *
 * Also /proc/stat (fs/proc/stat.c) for the one CPU.  The CPU's busy time
 * is what the tasks were charged (each task's own and its reaped
 * children's, counted once); idle is the rest of the time since boot.
 * Not tracked: the load averages (0.00), iowait, irq and softirq time,
 * interrupt and context-switch counts (0).
 */
#include "kernel/fs/proc/internal.h"
#include "mm/oom.h"
#include "kernel/fs/block_dev.h"
#include "kernel/multiboot.h"
#include "kernel/param.h"
#include "kernel/time.h"
#include "mm/page.h"
#include "mm/swap.h"
#include "proc/task.h"

/* User and system time of everything that ran, in ns (see the head comment). */
static void cpu_time(uint64_t *user, uint64_t *sys)
{
	const struct task *p;

	*user = *sys = 0;
	list_for_each_entry(p, &task_list, tasks) {
		if (p->pid <= 0)
			continue;	/* the idle loop */
		*user += p->utime_ns + p->cutime_ns;
		*sys += p->stime_ns + p->cstime_ns;
	}
}

static uint64_t idle_ns(void)
{
	uint64_t now = ktime_get_ns(), user, sys;

	cpu_time(&user, &sys);
	return now > user + sys ? now - user - sys : 0;
}

int uptime_proc_show(struct seq_file *m, struct task *t)
{
	uint64_t ns = ktime_get_ns(), idle = idle_ns();

	seq_printf(m, "%lu.%02lu %lu.%02lu\n", (unsigned long)(ns / 1000000000UL),
		   (unsigned long)(ns % 1000000000UL / 10000000UL),
		   (unsigned long)(idle / 1000000000UL),
		   (unsigned long)(idle % 1000000000UL / 10000000UL));
	return 0;
}

/* Nanoseconds to USER_HZ ticks. */
static unsigned long ticks(uint64_t ns)
{
	return (unsigned long)(ns / (1000000000UL / USER_HZ));
}

static int nr_running(void)
{
	const struct task *p;
	int n = 0;

	list_for_each_entry(p, &task_list, tasks)
		n += p->pid > 0 && p->state == TASK_RUNNING;
	return n;
}

int stat_proc_show(struct seq_file *m, struct task *t)
{
	uint64_t user, sys, now = ktime_get_ns(), boot_s = (ktime_get_real_ns() - now) / 1000000000UL;
	unsigned long u, s, idle;

	cpu_time(&user, &sys);
	u = ticks(user);
	s = ticks(sys);
	idle = ticks(idle_ns());
	seq_printf(m, "cpu  %lu 0 %lu %lu 0 0 0 0 0 0\n", u, s, idle);
	seq_printf(m, "cpu0 %lu 0 %lu %lu 0 0 0 0 0 0\n", u, s, idle);
	seq_printf(m, "intr 0\nctxt 0\nbtime %lu\nprocesses %d\nprocs_running %d\n"
		      "procs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
		   (unsigned long)boot_s, last_allocated_pid(), nr_running());
	return 0;
}

int loadavg_proc_show(struct seq_file *m, struct task *t)
{
	const struct task *p;
	int running = 0, total = 0;

	list_for_each_entry(p, &task_list, tasks) {
		if (p->pid <= 0 || p->exit_state == EXIT_ZOMBIE)
			continue;
		total++;
		running += p->state == TASK_RUNNING;
	}
	seq_printf(m, "0.00 0.00 0.00 %d/%d %d\n", running, total, last_allocated_pid());
	return 0;
}

/* linux_proc_banner with uname's sysname, release and version. */
int version_proc_show(struct seq_file *m, struct task *t)
{
	seq_puts(m, "Linux version 6.1.0-oomkernel (oomkernel@oomkernel) (gcc) #1 oomkernel 0.1\n");
	return 0;
}

int cmdline_proc_show(struct seq_file *m, struct task *t)
{
	seq_printf(m, "%s\n", boot_info.cmdline);
	return 0;
}

int filesystems_proc_show(struct seq_file *m, struct task *t)
{
	seq_puts(m, "nodev\ttmpfs\nnodev\tproc\n");
	return 0;
}

/* The tmpfs root (rootfs, half of RAM as its size limit) and /proc. */
int mounts_proc_show(struct seq_file *m, struct task *t)
{
	unsigned long half = totalram_pages() / 2;

	seq_printf(m, "rootfs / rootfs rw,size=%luk,nr_inodes=%lu 0 0\n",
		   half << (PAGE_SHIFT - 10), half);
	seq_puts(m, "proc /proc proc rw,relatime 0 0\n");
	return 0;
}

int partitions_show(struct seq_file *m, struct task *t)
{
	struct block_device *b;

	seq_puts(m, "major minor  #blocks  name\n\n");
	for (int i = 0; (b = block_device_at(i)); i++)
		seq_printf(m, "%4u  %7u %10lu %s\n", b->dev >> 8, b->dev & 0xff,
			   (unsigned long)(b->nr_sectors >> 1), b->name);
	return 0;
}

/* mm/oom_explain.c keeps the last OOM decision; JSON, "{}" before any. */
int oom_explain_proc_show(struct seq_file *m, struct task *t)
{
	return oom_explain_seq(m);
}
