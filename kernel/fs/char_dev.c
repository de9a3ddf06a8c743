/*
 * kernel/fs/char_dev.c - the character device table and /dev.
 *
 * A character device inode carries only its device number; opening it
 * finds the driver registered for that number and switches the file to
 * the driver's operations (ENXIO if none), as Linux's chrdev_open.
 * register_chrdev also creates the /dev node, as devtmpfs does, unless
 * the initramfs already made one.
 */
#include "kernel/fs/char_dev.h"
#include "kernel/fs/file.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/drivers/tty.h"

#define MAX_CHRDEVS 32

struct chrdev {
	unsigned int dev;
	const struct file_operations *fops;
};

static struct chrdev chrdevs[MAX_CHRDEVS];
static int nr_chrdevs;

static struct inode *dev_dir(void)
{
	struct inode *dir = dir_lookup(root_inode, "dev", 3);

	if (!dir) {
		dir = dir_create(root_inode, "dev", 3, S_IFDIR | 0755);
		if (IS_ERR(dir))
			return NULL;
	}
	return dir;
}

int register_chrdev(unsigned int major, unsigned int minor, const char *name,
		    mode_t mode, const struct file_operations *fops)
{
	struct inode *dir, *node;

	if (nr_chrdevs == MAX_CHRDEVS)
		return -ENOSPC;
	chrdevs[nr_chrdevs++] = (struct chrdev){ MKDEV(major, minor), fops };
	dir = dev_dir();
	if (!dir)
		return -ENOMEM;
	node = dir_lookup(dir, name, strlen(name));
	if (!node) {
		node = dir_create(dir, name, strlen(name), S_IFCHR | mode);
		if (!IS_ERR(node)) {
			node->uid = node->gid = 0;
			node->rdev = MKDEV(major, minor);
		}
	}
	if (!IS_ERR(node))
		inode_put(node);
	inode_put(dir);
	return 0;
}

static int chrdev_open(struct inode *inode, struct file *f)
{
	for (int i = 0; i < nr_chrdevs; i++) {
		if (chrdevs[i].dev != inode->rdev)
			continue;
		f->f_op = chrdevs[i].fops;
		return f->f_op->open ? f->f_op->open(inode, f) : 0;
	}
	return -ENXIO;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};

void mem_devices_init(void);

void chr_dev_init(void)
{
	mem_devices_init();
	tty_init();
}
