/*
 * kernel/fs/proc/internal.h - /proc's entries and the helpers its files
 * share (Linux: fs/proc/internal.h).
 *
 * /proc holds no data.  Each name is a static struct proc_entry; a lookup
 * makes a transient inode for it (inode->pde = the entry, inode->pid =
 * the task for /proc/PID/...), freed at its last reference.  Regular
 * files generate their text at the first read (seq_file style) by
 * calling the entry's show; a task that has been reaped by then gives
 * ESRCH.  Nothing here sleeps while it holds a task pointer: tasks are
 * freed only by wait4 in another process's context, and the kernel is
 * not preemptible.
 */
#ifndef KERNEL_FS_PROC_INTERNAL_H
#define KERNEL_FS_PROC_INTERNAL_H

#include "kernel/types.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/file.h"
#include "kernel/fs/seq_file.h"

struct task;
struct mm;

struct proc_entry {
	const char *name;		/* NULL ends a table */
	mode_t mode;			/* S_IF* and permission bits */
	/* Regular file: the text.  @t is the task of /proc/PID, else NULL. */
	int (*show)(struct seq_file *m, struct task *t);
	/*
	 * Regular file: a write of @count bytes, the first @kept of them copied
	 * into @kbuf (NUL after); returns what write(2) returns.
	 */
	long (*write)(struct task *t, char *kbuf, size_t kept, size_t count);
	size_t write_max;		/* bytes of one write looked at (0: PAGE_SIZE - 1) */
	bool default_llseek;		/* SEEK_END too (Linux's default_llseek, not seq_lseek) */
	const struct proc_entry *subdir;	/* directory: its table */
	/* Symlink: the target into @buf; returns its length or -errno. */
	long (*get_link)(struct task *t, char *buf, size_t size);
	const struct file_operations *fops;	/* instead of the text ops (sysctl) */
	const struct inode_operations *iops;	/* a regular file's, if any (sysctl) */
	const void *data;		/* for @fops (sysctl: the knob) */
};

/* generic.c */
extern const struct inode_operations proc_dir_iops, proc_link_iops;
extern const struct file_operations proc_dir_fops, proc_text_fops;
/* The task with @pid, zombies included (NULL once reaped). */
struct task *proc_task(pid_t pid);
/* The task an inode of /proc/PID/... is about: NULL if gone (or global). */
struct task *proc_inode_task(struct inode *inode);
/* A new transient inode for @e in @dir (a reference), or NULL. */
struct inode *proc_make_inode(struct inode *dir, const struct proc_entry *e, pid_t pid);
/* The entry called @name in table @tab, or NULL. */
const struct proc_entry *proc_find(const struct proc_entry *tab, const char *name, size_t len);
/* Emit the records of directory @dir from f_pos on: ".", "..", then @tab. */
long proc_readdir_table(struct file *f, void *ubuf, size_t len, const struct proc_entry *tab,
			size_t *used, int *err, bool *full);
/* What getdents returns once the records are in: bytes, error, end or too small. */
long proc_readdir_result(size_t used, int err, bool full);
long proc_dir_llseek(struct file *f, long off, int whence);
unsigned long proc_ino(const struct proc_entry *e, pid_t pid);
/* Parse a whole decimal/hex/octal int as kstrtoint(strstrip(s), 0). */
int proc_parse_int(char *s, int *val);

/* root.c */
extern const struct proc_entry proc_root_table[];
extern struct inode *proc_root;
void proc_root_init(void);

/* base.c */
extern const struct proc_entry proc_pid_table[];
long proc_self_get_link(struct task *t, char *buf, size_t size);
/* Copy @len bytes of @mm's user memory at @addr into @buf (faulted in: may sleep). */
size_t access_remote_vm(struct mm *mm, unsigned long addr, void *buf, size_t len);

/* meminfo.c: what Linux counts in NR_* items, counted over mem_map now. */
struct page_census {
	unsigned long anon_mapped;	/* NR_ANON_MAPPED: anonymous pages mapped */
	unsigned long file_mapped;	/* NR_FILE_MAPPED: page-cache pages mapped */
	unsigned long slab;		/* kmalloc slab pages */
	unsigned long pgtables;		/* NR_PAGETABLE */
	unsigned long swapcache;	/* NR_SWAPCACHE: pages in the swap cache */
};
void page_census(struct page_census *c);
unsigned long nr_kernel_stacks(void);

/* The files: each is a show function of one Linux file. */
int proc_pid_status(struct seq_file *m, struct task *t);	/* array.c */
int proc_pid_stat(struct seq_file *m, struct task *t);
int proc_pid_statm(struct seq_file *m, struct task *t);
int proc_pid_maps(struct seq_file *m, struct task *t);	/* task_mmu.c */
int proc_pid_smaps(struct seq_file *m, struct task *t);	/* task_mmu.c */
int proc_pid_smaps_rollup(struct seq_file *m, struct task *t);
int meminfo_proc_show(struct seq_file *m, struct task *t);	/* meminfo.c */
int vmstat_show(struct seq_file *m, struct task *t);		/* vmstat.c */
int zoneinfo_show(struct seq_file *m, struct task *t);
int buddyinfo_show(struct seq_file *m, struct task *t);
int cpuinfo_show(struct seq_file *m, struct task *t);		/* cpuinfo.c */
int uptime_proc_show(struct seq_file *m, struct task *t);	/* misc.c */
int loadavg_proc_show(struct seq_file *m, struct task *t);
int stat_proc_show(struct seq_file *m, struct task *t);
int version_proc_show(struct seq_file *m, struct task *t);
int cmdline_proc_show(struct seq_file *m, struct task *t);
int filesystems_proc_show(struct seq_file *m, struct task *t);
int mounts_proc_show(struct seq_file *m, struct task *t);
int partitions_show(struct seq_file *m, struct task *t);
int swaps_proc_show(struct seq_file *m, struct task *t);
int oom_explain_proc_show(struct seq_file *m, struct task *t);

/* proc_sysctl.c: the /proc/sys tree */
extern const struct proc_entry proc_sys_table[];
void proc_sys_init(void);

#endif
