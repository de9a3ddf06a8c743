/*
 * kernel/fs/proc/misc.c - the small /proc files, each in 6.1's format:
 * uptime (fs/proc/uptime.c), loadavg (fs/proc/loadavg.c), version
 * (fs/proc/version.c, init/version.c), cmdline (fs/proc/cmdline.c),
 * filesystems (fs/filesystems.c), mounts (fs/proc_namespace.c),
 * partitions (block/genhd.c) and swaps (mm/swapfile.c's own text).
 *
 * Not tracked, so shown as Linux shows an idle machine: the idle time in
 * uptime and the three load averages are 0.00.
 */
#include "kernel/fs/proc/internal.h"
#include "kernel/fs/block_dev.h"
#include "kernel/multiboot.h"
#include "kernel/time.h"
#include "mm/page.h"
#include "mm/swap.h"
#include "proc/task.h"

int uptime_proc_show(struct seq_file *m, struct task *t)
{
	uint64_t ns = ktime_get_ns();

	seq_printf(m, "%lu.%02lu 0.00\n", (unsigned long)(ns / 1000000000UL),
		   (unsigned long)(ns % 1000000000UL / 10000000UL));
	return 0;
}

int loadavg_proc_show(struct seq_file *m, struct task *t)
{
	const struct task *p;
	int running = 0, total = 0;
	pid_t last = 0;

	list_for_each_entry(p, &task_list, tasks) {
		if (p->pid <= 0 || p->exit_state == EXIT_ZOMBIE)
			continue;
		total++;
		running += p->state == TASK_RUNNING;
		last = MAX(last, p->pid);
	}
	seq_printf(m, "0.00 0.00 0.00 %d/%d %d\n", running, total, last);
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

/* mm/swapfile.c formats the table; it says how much room it needed. */
int swaps_proc_show(struct seq_file *m, struct task *t)
{
	size_t room = m->size - m->count;
	size_t n = swaps_show(m->buf + m->count, room);

	if (n >= room) {
		m->overflow = true;
		m->count = m->size;
	} else {
		m->count += n;
	}
	return 0;
}
