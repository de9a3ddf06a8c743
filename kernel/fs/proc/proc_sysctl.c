/*
 * kernel/fs/proc/proc_sysctl.c - /proc/sys: directories of knobs, each a
 * file whose read and write go straight to its kernel/sysctl.c handler
 * (Linux: fs/proc/proc_sysctl.c).
 *
 * Unlike the text files, a knob is not a seq_file: a read at a position
 * past 0 is the end (so "50\n" read one byte at a time gives "5"), and
 * one write is parsed whole, at most a page of it (see kernel/sysctl.h).
 * Files are root's, with the knob's mode, checked as 6.1's test_perm:
 * root gets the owner's bits and no more (drop_caches, 0200, cannot be
 * read even by root), the root group the group's, others the rest.
 */
#include "kernel/printk.h"
#include "kernel/fs/proc/internal.h"
#include "kernel/sysctl.h"
#include "kernel/errno.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "kernel/fs/vfs.h"
#include "proc/cred.h"
#include "proc/task.h"

#define SYSCTL_BUF	4096	/* one page, as 6.1 parses */

static const struct ctl_table *knob(struct file *f)
{
	const struct proc_entry *e = f->f_inode->pde;

	return e->data;
}

static long sysctl_read(struct file *f, char *ubuf, size_t len, long *ppos)
{
	size_t n = MIN(len, (size_t)SYSCTL_BUF);
	char *kbuf = kzalloc(n + 1, GFP_KERNEL);
	int err;

	if (!kbuf)
		return -ENOMEM;
	err = knob(f)->proc_handler(knob(f), false, kbuf, &n, ppos);
	if (!err && copy_to_user(ubuf, kbuf, n))
		err = -EFAULT;
	kfree(kbuf);
	return err ? err : (long)n;
}

static long sysctl_write(struct file *f, const char *ubuf, size_t len, long *ppos)
{
	size_t copy = MIN(len, (size_t)SYSCTL_BUF - 1), n = len;
	char *kbuf = kzalloc(copy + 1, GFP_KERNEL);
	int err;

	if (!kbuf)
		return -ENOMEM;
	err = copy_from_user(kbuf, ubuf, copy) ? -EFAULT :
	      knob(f)->proc_handler(knob(f), true, kbuf, &n, ppos);
	kfree(kbuf);
	return err ? err : (long)n;
}

static long sysctl_llseek(struct file *f, long off, int whence)
{
	if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence != SEEK_SET && whence != SEEK_END)
		return -EINVAL;
	if (off < 0)
		return -EINVAL;
	return f->f_pos = off;
}

static const struct file_operations sysctl_fops = {
	.read = sysctl_read,
	.write = sysctl_write,
	.llseek = sysctl_llseek,
};

/* 6.1's proc_sys_permission and test_perm (by euid, not fsuid, as there). */
static int sysctl_permission(struct inode *inode, int mask)
{
	unsigned int mode = inode->mode;

	if (mask & MAY_EXEC)
		return -EACCES;
	if (current->cred.euid == 0)
		mode >>= 6;
	else if (in_egroup_p(0))
		mode >>= 3;
	return (mask & ~mode & (MAY_READ | MAY_WRITE)) ? -EACCES : 0;
}

static const struct inode_operations sysctl_iops = { .permission = sysctl_permission };

#define KNOB(i) { .name = NULL, .mode = S_IFREG | 0644, .fops = &sysctl_fops, \
		  .iops = &sysctl_iops, .data = &vm_table[i] }

/* Names are filled from vm_table at boot (proc_sys_init): C cannot take them statically. */
static struct proc_entry vm_entries[] = {
	KNOB(0), KNOB(1), KNOB(2), KNOB(3), KNOB(4), KNOB(5), KNOB(6), KNOB(7), KNOB(8), KNOB(9),
	KNOB(10), KNOB(11), KNOB(12), KNOB(13), KNOB(14), KNOB(15), KNOB(16), KNOB(17),
	KNOB(18), KNOB(19),
	{ .name = NULL },
};

const struct proc_entry proc_sys_table[] = {
	{ .name = "vm", .mode = S_IFDIR | 0555, .subdir = vm_entries },
	{ .name = NULL },
};

void proc_sys_init(void)
{
	size_t i;

	for (i = 0; i + 1 < ARRAY_SIZE(vm_entries) && vm_table[i].procname; i++) {
		vm_entries[i].name = vm_table[i].procname;
		vm_entries[i].mode = S_IFREG | vm_table[i].mode;
	}
	if (vm_table[i].procname)
		pr_err("proc_sys_init: vm_table has more knobs than vm_entries has slots\n");
}
