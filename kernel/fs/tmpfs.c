/*
 * kernel/fs/tmpfs.c - the root file system: directories as lists of
 * named entries, regular files as page caches (mm/shmem.c owns the
 * pages).  Linux: mm/shmem.c and fs/ramfs.
 * Synchronization: only process context touches inodes, one CPU, no
 * kernel preemption: no locks needed yet.
 */
#include "kernel/fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/param.h"
#include "mm/kmalloc.h"
#include "mm/shmem.h"
#include "mm/page.h"

struct inode *root_inode;
static unsigned long next_ino = 1;

static struct inode *inode_alloc(mode_t mode)
{
	struct inode *i = kzalloc(sizeof(*i), GFP_KERNEL);
	struct kernel_timespec now;

	if (!i)
		return NULL;
	now.tv_sec = (long)(ktime_get_real_ns() / 1000000000UL);
	now.tv_nsec = (long)(ktime_get_real_ns() % 1000000000UL);
	i->ino = next_ino++;
	i->mode = mode;
	i->refcount = 1;
	i->atime = i->mtime = i->ctime = now;
	INIT_LIST_HEAD(&i->entries);
	return i;
}

void inode_get(struct inode *inode)
{
	inode->refcount++;
}

void inode_put(struct inode *inode)
{
	if (--inode->refcount > 0 || inode->nlink > 0)
		return;
	shmem_truncate_pages(inode, 0);
	kfree(inode->pages);
	kfree(inode);
}

void vfs_init(void)
{
	root_inode = inode_alloc(S_IFDIR | 0755);
	root_inode->nlink = 2;
	root_inode->parent = root_inode;
}

struct inode *dir_lookup(struct inode *dir, const char *name, size_t len)
{
	struct dentry *d;

	if (len == 1 && name[0] == '.') {
		inode_get(dir);
		return dir;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		inode_get(dir->parent);
		return dir->parent;
	}
	list_for_each_entry(d, &dir->entries, node)
		if (strlen(d->name) == len && !memcmp(d->name, name, len)) {
			inode_get(d->inode);
			return d->inode;
		}
	return NULL;
}

struct inode *dir_create(struct inode *dir, const char *name, size_t len, mode_t mode)
{
	struct inode *exist = dir_lookup(dir, name, len), *i;
	struct dentry *d;

	if (exist) {
		inode_put(exist);
		return ERR_PTR(-EEXIST);
	}
	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	i = inode_alloc(mode);
	d = kmalloc(sizeof(*d) + len + 1, GFP_KERNEL);
	if (!i || !d) {
		kfree(i);
		kfree(d);
		return ERR_PTR(-ENOMEM);
	}
	memcpy(d->name, name, len);
	d->name[len] = 0;
	d->inode = i;
	i->nlink = S_ISDIR(mode) ? 2 : 1;
	if (S_ISDIR(mode)) {
		i->parent = dir;
		dir->nlink++;
	}
	list_add_tail(&d->node, &dir->entries);
	return i;			/* the caller's reference */
}

struct inode *path_lookup(const char *path)
{
	struct inode *cur = root_inode;

	if (path[0] != '/')
		return ERR_PTR(-ENOENT);
	inode_get(cur);
	while (*path) {
		const char *start;
		struct inode *next;

		while (*path == '/')
			path++;
		if (!*path)
			break;
		start = path;
		while (*path && *path != '/')
			path++;
		if (!S_ISDIR(cur->mode)) {
			inode_put(cur);
			return ERR_PTR(-ENOTDIR);
		}
		if (path - start > NAME_MAX) {
			inode_put(cur);
			return ERR_PTR(-ENAMETOOLONG);
		}
		next = dir_lookup(cur, start, (size_t)(path - start));
		inode_put(cur);
		if (!next)
			return ERR_PTR(-ENOENT);
		cur = next;
	}
	return cur;
}

/* Copy between kernel memory and the file's pages; @to_file picks the direction. */
static long tmpfs_copy(struct inode *inode, long pos, void *buf, size_t len, bool to_file)
{
	size_t done = 0;

	while (done < len) {
		struct page *page;
		size_t off = (size_t)(pos + done) & (PAGE_SIZE - 1);
		size_t n = MIN(len - done, PAGE_SIZE - off);
		int err = shmem_get_page(inode, (unsigned long)(pos + done) >> PAGE_SHIFT, &page);
		char *data;

		if (err)
			return done ? (long)done : err;
		data = (char *)page_address(page) + off;
		if (to_file)
			memcpy(data, (char *)buf + done, n);
		else
			memcpy((char *)buf + done, data, n);
		done += n;
	}
	return (long)done;
}

long tmpfs_write_kernel(struct inode *inode, long pos, const void *buf, size_t len)
{
	if (pos + (long)len > inode->size)
		inode->size = pos + (long)len;	/* shmem_get_page serves [0, size) */
	return tmpfs_copy(inode, pos, (void *)buf, len, true);
}

long tmpfs_read_kernel(struct inode *inode, long pos, void *buf, size_t len)
{
	if (pos >= inode->size)
		return 0;
	return tmpfs_copy(inode, pos, buf, MIN(len, (size_t)(inode->size - pos)), false);
}
