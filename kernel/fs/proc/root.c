/*
 * kernel/fs/proc/root.c - the /proc directory: its fixed names, one
 * directory per process and /proc/self (Linux:
 * fs/proc/root.c, self.c, base.c proc_pid_readdir).  No thread-self: there
 * are no /proc/PID/task directories yet.
 *
 * The initramfs's empty /proc directory becomes the root at boot: its
 * inode keeps its tmpfs name but takes /proc's operations and device, so
 * the ordinary path walk enters it.  f_pos in the root: 0 ".", 1 "..",
 * 2.. the fixed table, then PID_POS(pid) for each process, so a listing
 * resumes at the next pid even when processes come and go in between.
 * Only thread-group leaders are listed; lookup finds any thread's pid.
 */
#include "kernel/fs/proc/internal.h"
#include "kernel/fs/proc_fs.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "proc/task.h"

struct inode *proc_root;

static const struct proc_entry proc_root_entry = {
	.name = "proc", .mode = S_IFDIR | 0555, .subdir = proc_root_table,
};

static const struct proc_entry proc_pid_dir = {
	.name = "pid", .mode = S_IFDIR | 0555, .subdir = proc_pid_table,
};

/* /proc/mounts is a link to self/mounts, as Linux's. */
static long mounts_get_link(struct task *t, char *buf, size_t size)
{
	return (long)strlcpy(buf, "self/mounts", size);
}

/* In Linux's proc_match order: shorter names first, then bytes. */
const struct proc_entry proc_root_table[] = {
	{ .name = "sys", .mode = S_IFDIR | 0555, .subdir = proc_sys_table },
	{ .name = "self", .mode = S_IFLNK | 0777, .get_link = proc_self_get_link },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = stat_proc_show },
	{ .name = "swaps", .mode = S_IFREG | 0444, .show = swaps_proc_show },
	{ .name = "mounts", .mode = S_IFLNK | 0777, .get_link = mounts_get_link },
	{ .name = "uptime", .mode = S_IFREG | 0444, .show = uptime_proc_show },
	{ .name = "vmstat", .mode = S_IFREG | 0444, .show = vmstat_show },
	{ .name = "cmdline", .mode = S_IFREG | 0444, .show = cmdline_proc_show },
	{ .name = "cpuinfo", .mode = S_IFREG | 0444, .show = cpuinfo_show },
	{ .name = "loadavg", .mode = S_IFREG | 0444, .show = loadavg_proc_show },
	{ .name = "meminfo", .mode = S_IFREG | 0444, .show = meminfo_proc_show },
	{ .name = "version", .mode = S_IFREG | 0444, .show = version_proc_show },
	{ .name = "zoneinfo", .mode = S_IFREG | 0400, .show = zoneinfo_show },
	{ .name = "buddyinfo", .mode = S_IFREG | 0444, .show = buddyinfo_show },
	{ .name = "partitions", .mode = S_IFREG | 0444, .show = partitions_show },
	{ .name = "filesystems", .mode = S_IFREG | 0444, .show = filesystems_proc_show },
	{ .name = "oom_explain", .mode = S_IFREG | 0444, .show = oom_explain_proc_show },
	{ .name = NULL },
};


#define ROOT_ENTRIES	(ARRAY_SIZE(proc_root_table) - 1)
#define PID_POS(pid)	((long)ROOT_ENTRIES + 2 + (pid))

/* A decimal pid with no sign, no leading zero and no junk, else 0. */
static pid_t name_to_pid(const char *name, size_t len)
{
	long v = 0;

	if (!len || len > 9 || (name[0] == '0'))
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		v = v * 10 + (name[i] - '0');
	}
	return (pid_t)v;
}

static struct inode *proc_root_lookup(struct inode *dir, const char *name, size_t len)
{
	const struct proc_entry *e = proc_find(proc_root_table, name, len);
	pid_t pid;

	if (e)
		return proc_make_inode(dir, e, 0);
	pid = name_to_pid(name, len);
	if (!pid || !proc_task(pid))
		return NULL;
	return proc_make_inode(dir, &proc_pid_dir, pid);
}

/* The thread-group leader with the lowest pid >= @from, or NULL. */
static struct task *next_tgid(pid_t from)
{
	struct task *t, *best = NULL;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid >= from && t->pid > 0 && t->pid == t->tgid &&
		    (!best || t->pid < best->pid))
			best = t;
	return best;
}

static long proc_root_getdents(struct file *f, void *ubuf, size_t len)
{
	size_t used = 0;
	int err = 0;
	bool full;
	struct task *t;
	char name[16];

	if (f->f_pos < PID_POS(1)) {
		proc_readdir_table(f, ubuf, len, proc_root_table, &used, &err, &full);
		if (full)
			return proc_readdir_result(used, err, full);
		f->f_pos = PID_POS(1);
	}
	while ((t = next_tgid((pid_t)(f->f_pos - PID_POS(0))))) {
		snprintf(name, sizeof(name), "%d", t->pid);
		if (!filldir64(ubuf, len, &used, &err, proc_ino(&proc_pid_dir, t->pid),
				      PID_POS(t->pid) + 1, S_IFDIR, name))
			return proc_readdir_result(used, err, true);
		f->f_pos = PID_POS(t->pid) + 1;
	}
	return proc_readdir_result(used, err, false);
}

static const struct inode_operations proc_root_iops = { .lookup = proc_root_lookup };
static const struct file_operations proc_root_fops = {
	.getdents = proc_root_getdents,
	.llseek = proc_dir_llseek,
};

void proc_root_init(void)
{
	struct inode *d = dir_lookup(root_inode, "proc", 4);

	if (!d) {
		d = dir_create(root_inode, "proc", 4, S_IFDIR | 0555);
		if (IS_ERR(d)) {
			pr_err("proc: cannot create /proc (%ld)\n", PTR_ERR(d));
			return;
		}
	}
	/* The tmpfs entry stays (it holds the name); /proc's operations take over. */
	d->mode = S_IFDIR | 0555;
	d->uid = d->gid = 0;
	d->ino = 1;		/* PROC_ROOT_INO */
	d->dev = PROC_DEV;
	d->pde = &proc_root_entry;
	d->iop = &proc_root_iops;
	d->fop = &proc_root_fops;
	proc_root = d;		/* keeps the lookup's reference for good */
}

void proc_init(void)
{
	proc_sys_init();
	proc_root_init();
}
