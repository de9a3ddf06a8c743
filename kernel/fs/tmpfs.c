/*
 * kernel/fs/tmpfs.c - the root file system: directories as lists of
 * named entries, regular files as page caches (mm/shmem.c owns the
 * pages).  Linux: mm/shmem.c and fs/ramfs.
 * Synchronization: only process context touches inodes, one CPU, no
 * kernel preemption: no locks needed yet.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/file.h"
#include "kernel/fs/pipe.h"
#include "kernel/fs/char_dev.h"
#include "kernel/fs/block_dev.h"
#include "mm/uaccess.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/param.h"
#include "mm/kmalloc.h"
#include "mm/shmem.h"
#include "mm/page.h"
#include "proc/task.h"

struct inode *root_inode;
static unsigned long next_ino = 1;

static struct kernel_timespec now_ts(void)
{
	uint64_t ns = ktime_get_real_ns();

	return (struct kernel_timespec){ (long)(ns / 1000000000UL), (long)(ns % 1000000000UL) };
}

struct inode *inode_alloc(mode_t mode)
{
	struct inode *i = kzalloc(sizeof(*i), GFP_KERNEL);

	if (!i)
		return NULL;
	i->ino = next_ino++;
	i->mode = mode;
	i->refcount = 1;
	i->atime = i->mtime = i->ctime = now_ts();
	i->next_seq = 2;		/* 0 and 1 are "." and ".." */
	i->dev = TMPFS_DEV;
	INIT_LIST_HEAD(&i->entries);
	INIT_LIST_HEAD(&i->i_mmap);
	INIT_LIST_HEAD(&i->swaplist);
	if (current) {
		i->uid = current->cred.fsuid;
		i->gid = current->cred.fsgid;
	}
	inode_init_ops(i);
	return i;
}

void inode_touch(struct inode *inode, bool mtime)
{
	inode->ctime = now_ts();
	if (mtime)
		inode->mtime = inode->ctime;
}

void inode_get(struct inode *inode)
{
	inode->refcount++;
}

void inode_put(struct inode *inode)
{
	if (--inode->refcount > 0 || (inode->nlink > 0 && !inode->transient))
		return;
	shmem_evict_inode(inode);
	kfree(inode->pages);
	if (S_ISDIR(inode->mode) && inode->parent && inode->parent != inode)
		inode_put(inode->parent);
	kfree(inode);
}

void vfs_init(void)
{
	root_inode = inode_alloc(S_IFDIR | 0755);
	root_inode->nlink = 2;
	root_inode->parent = root_inode;
}

static struct dentry *dir_find(struct inode *dir, const char *name, size_t len)
{
	struct dentry *d;

	list_for_each_entry(d, &dir->entries, node)
		if (strlen(d->name) == len && !memcmp(d->name, name, len))
			return d;
	return NULL;
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
	if (dir->iop && dir->iop->lookup)
		return dir->iop->lookup(dir, name, len);
	d = dir_find(dir, name, len);
	if (!d)
		return NULL;
	inode_get(d->inode);
	return d->inode;
}

struct dentry *dir_find_inode(struct inode *dir, struct inode *inode)
{
	struct dentry *d;

	list_for_each_entry(d, &dir->entries, node)
		if (d->inode == inode)
			return d;
	return NULL;
}

bool dir_is_empty(struct inode *dir)
{
	return list_empty(&dir->entries);
}

int dir_link(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	struct dentry *d;

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (dir_find(dir, name, len) || (len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return -EEXIST;
	d = kmalloc(sizeof(*d) + len + 1, GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	memcpy(d->name, name, len);
	d->name[len] = 0;
	d->inode = inode;
	d->seq = dir->next_seq++;
	inode->nlink++;
	if (S_ISDIR(inode->mode)) {
		/* ".." of the new directory links its parent, which it pins. */
		if (inode->parent && inode->parent != dir)
			inode_put(inode->parent);
		if (inode->parent != dir) {
			inode->parent = dir;
			inode_get(dir);
		}
		inode->nlink++;		/* its own "." */
		dir->nlink++;
	}
	list_add_tail(&d->node, &dir->entries);
	inode_touch(dir, true);
	return 0;
}

int dir_unlink(struct inode *dir, const char *name, size_t len)
{
	struct dentry *d = dir_find(dir, name, len);
	struct inode *inode;

	if (!d)
		return -ENOENT;
	inode = d->inode;
	list_del(&d->node);
	kfree(d);
	inode_get(inode);		/* hold it while the links go */
	inode->nlink--;
	if (S_ISDIR(inode->mode)) {
		inode->nlink--;		/* "." goes with the name */
		dir->nlink--;
	}
	inode_touch(inode, false);
	inode_touch(dir, true);
	inode_put(inode);
	return 0;
}

struct inode *dir_create(struct inode *dir, const char *name, size_t len, mode_t mode)
{
	struct inode *i;
	int err;

	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	if (dir_find(dir, name, len))
		return ERR_PTR(-EEXIST);
	i = inode_alloc(mode);
	if (!i)
		return ERR_PTR(-ENOMEM);
	if (S_ISGID & dir->mode) {	/* BSD group semantics of setgid dirs */
		i->gid = dir->gid;
		if (S_ISDIR(mode))
			i->mode |= S_ISGID;
	}
	err = dir_link(dir, name, len, i);
	if (err) {
		kfree(i);
		return ERR_PTR(err);
	}
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
		if (to_file) {
			memcpy(data, (char *)buf + done, n);
			page->flags |= PG_dirty;	/* shmem_write_end: no backing store */
		} else
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

int tmpfs_truncate(struct inode *inode, long size)
{
	long old = inode->size;

	if (size < old) {
		unsigned long keep = DIV_ROUND_UP((unsigned long)size, PAGE_SIZE);
		size_t tail = (size_t)size & (PAGE_SIZE - 1);

		struct page *last;

		shmem_truncate_pages(inode, keep);
		/* Bytes past the end in the last page must read as zeros if it grows again. */
		if (tail && !shmem_find_page(inode, keep - 1, &last) && last)
			memset((char *)page_address(last) + tail, 0, PAGE_SIZE - tail);
	}
	inode->size = size;
	inode_touch(inode, true);
	return 0;
}

/*
 * read(2) of a tmpfs file: straight from the page cache.  A hole (no
 * page yet) reads as zeros without allocating one, as shmem does.
 */
static long tmpfs_file_read(struct file *f, char *ubuf, size_t len, long *ppos)
{
	struct inode *inode = f->f_inode;
	long pos = *ppos;
	size_t done = 0;

	if (pos >= inode->size)
		return 0;
	len = MIN(len, (size_t)(inode->size - pos));
	while (done < len) {
		unsigned long index = (unsigned long)(pos + (long)done) >> PAGE_SHIFT;
		size_t off = (size_t)(pos + (long)done) & (PAGE_SIZE - 1);
		size_t n = MIN(len - done, PAGE_SIZE - off), left;
		struct page *page;
		int err = shmem_find_page(inode, index, &page);

		if (err) {
			if (done)
				break;
			return err;
		}
		if (page) {
			get_page(page);	/* the copy may fault and reclaim: keep it */
			left = copy_to_user(ubuf + done, (char *)page_address(page) + off, n);
			put_page(page);
		} else {
			left = clear_user(ubuf + done, n);
		}
		done += n - left;
		if (left)
			break;
	}
	if (!done)
		return -EFAULT;
	*ppos = pos + (long)done;
	inode->atime = now_ts();
	return (long)done;
}

static long tmpfs_file_write(struct file *f, const char *ubuf, size_t len, long *ppos)
{
	struct inode *inode = f->f_inode;
	long old_size = inode->size, pos = *ppos;
	size_t done = 0;
	int err = 0;

	if (f->f_flags & O_APPEND)
		pos = inode->size;
	if (pos + (long)len > inode->size)
		inode->size = pos + (long)len;	/* shmem_get_page serves [0, size) */
	while (done < len) {
		struct page *page;
		size_t off = (size_t)(pos + (long)done) & (PAGE_SIZE - 1);
		size_t n = MIN(len - done, PAGE_SIZE - off), left;

		err = shmem_get_page(inode, (unsigned long)(pos + (long)done) >> PAGE_SHIFT, &page);
		if (err)
			break;
		get_page(page);		/* the copy may fault and reclaim: keep it in the file */
		left = copy_from_user((char *)page_address(page) + off, ubuf + done, n);
		page->flags |= PG_dirty;	/* shmem_write_end: no backing store */
		put_page(page);
		done += n - left;
		if (left) {
			err = -EFAULT;
			break;
		}
	}
	inode->size = MAX(old_size, pos + (long)done);
	if (!done)
		return err;
	*ppos = pos + (long)done;
	inode_touch(inode, true);
	return (long)done;
}

/* f_pos is the seq of the next entry wanted: 0 ".", 1 "..", then dentries. */
static long tmpfs_getdents(struct file *f, void *ubuf, size_t len)
{
	struct inode *dir = f->f_inode;
	struct dentry *d = NULL;
	size_t used = 0;
	int err = 0;

	if (dir->nlink == 0)
		return 0;		/* a removed directory lists nothing */
	if (f->f_pos == 0) {
		if (!filldir64(ubuf, len, &used, &err, dir->ino, 1, S_IFDIR, "."))
			goto out;
		f->f_pos = 1;
	}
	if (f->f_pos == 1) {
		if (!filldir64(ubuf, len, &used, &err, dir->parent->ino, 2, S_IFDIR, ".."))
			goto out;
		f->f_pos = 2;
	}
	list_for_each_entry(d, &dir->entries, node) {
		if ((long)d->seq < f->f_pos)
			continue;
		if (!filldir64(ubuf, len, &used, &err, d->inode->ino, (long)d->seq + 1,
				 d->inode->mode, d->name))
			goto out;
		f->f_pos = (long)d->seq + 1;
	}
out:
	if (used)
		return (long)used;
	/* Nothing fit: an error, the end, or a buffer too small for one record. */
	if (err)
		return err;
	return f->f_pos < 2 || &d->node != &dir->entries ? -EINVAL : 0;
}

long generic_file_llseek(struct file *f, long off, int whence)
{
	long base;

	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = f->f_pos; break;
	case SEEK_END: base = f->f_inode->size; break;
	case SEEK_DATA:
	case SEEK_HOLE:
		/* Without tracking holes: all data, one hole at the end. */
		if (off < 0 || off >= f->f_inode->size)
			return -ENXIO;
		f->f_pos = whence == SEEK_DATA ? off : f->f_inode->size;
		return f->f_pos;
	default: return -EINVAL;
	}
	if ((off > 0 && base > LONG_MAX - off) || base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

static long tmpfs_dir_llseek(struct file *f, long off, int whence)
{
	if (whence == SEEK_SET && off >= 0)
		return f->f_pos = off;
	if (whence == SEEK_CUR && f->f_pos + off >= 0)
		return f->f_pos += off;
	return -EINVAL;
}

const struct file_operations tmpfs_file_ops = {
	.read = tmpfs_file_read,
	.write = tmpfs_file_write,
	.llseek = generic_file_llseek,
};

const struct file_operations tmpfs_dir_ops = {
	.llseek = tmpfs_dir_llseek,
	.getdents = tmpfs_getdents,
};

void inode_init_ops(struct inode *inode)
{
	switch (inode->mode & S_IFMT) {
	case S_IFREG: inode->fop = &tmpfs_file_ops; break;
	case S_IFDIR: inode->fop = &tmpfs_dir_ops; break;
	case S_IFCHR: inode->fop = &def_chr_fops; break;
	case S_IFBLK: inode->fop = &def_blk_fops; break;
	case S_IFIFO: inode->fop = &fifo_fops; break;
	default: inode->fop = NULL; break;
	}
}
