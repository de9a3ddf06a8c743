/*
 * kernel/fs/initramfs.c - unpack newc cpio archives (the GRUB module and
 * the extra one QEMU passes through fw_cfg for `make runprog`) into the
 * tmpfs root.  Directories are created as needed; a later archive's file
 * replaces an earlier one's data.  Linux: init/initramfs.c.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/cpio.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "mm/shmem.h"

/* The directory holding @path's last component; *name points at that component. */
static struct inode *walk_parent(const char *path, const char **name)
{
	struct inode *dir = root_inode;
	const char *p = path;

	inode_get(dir);
	for (;;) {
		const char *slash = strchr(p, '/');
		struct inode *next;

		if (!slash) {
			*name = p;
			return dir;
		}
		next = slash == p ? NULL : dir_lookup(dir, p, (size_t)(slash - p));
		if (!next && slash != p)
			next = dir_create(dir, p, (size_t)(slash - p), S_IFDIR | 0755);
		if (slash != p) {
			inode_put(dir);
			if (IS_ERR(next))
				return next;
			dir = next;
		}
		p = slash + 1;
	}
}

static int unpack_entry(const struct cpio_entry *e, void *arg)
{
	const char *path = e->name, *name;
	struct inode *dir, *inode;
	long n;

	(void)arg;
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	while (*path == '/')
		path++;
	if (!*path || !strcmp(path, "."))
		return 0;
	dir = walk_parent(path, &name);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	inode = dir_lookup(dir, name, strlen(name));
	if (!inode)
		inode = dir_create(dir, name, strlen(name), e->mode);
	inode_put(dir);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	inode->mode = e->mode;
	inode->uid = e->uid;
	inode->gid = e->gid;
	inode->rdev = MKDEV(e->rdev_major, e->rdev_minor);
	inode_init_ops(inode);
	if (S_ISREG(e->mode) || (e->mode & S_IFMT) == S_IFLNK) {
		shmem_truncate_pages(inode, 0);
		inode->size = 0;
		n = tmpfs_write_kernel(inode, 0, e->data, e->size);
		if (n < 0) {
			inode_put(inode);
			return (int)n;
		}
	}
	inode_put(inode);
	return 0;
}

int initramfs_unpack(const void *buf, size_t len)
{
	int err = cpio_parse(buf, len, unpack_entry, NULL);

	if (err == -EINVAL)
		pr_err("Initramfs unpacking failed: broken padding or bad header\n");
	else if (err)
		pr_err("Initramfs unpacking failed: error %d\n", err);
	return err;
}
