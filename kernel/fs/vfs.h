/*
 * kernel/fs/vfs.h - inodes and the in-memory root file system.
 *
 * The root is tmpfs, as Linux's rootfs is: every regular file's data
 * lives in its page cache (inode->pages, see mm/shmem.h), which mappings
 * of the file share.  A directory holds a list of named entries.
 * Lifetime: an inode is freed when it has no links (nlink 0) and no
 * references (open files, mappings, a cwd, a lookup in progress); a
 * transient inode (made by a lookup hook) at its last reference, whatever
 * its nlink says.
 */
#ifndef KERNEL_FS_VFS_H
#define KERNEL_FS_VFS_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/time.h"

#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m) & S_IFMT) == S_IFBLK)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)
#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000

#define MAY_EXEC	1
#define MAY_WRITE	2
#define MAY_READ	4

#define TMPFS_MAGIC	0x01021994
#define TMPFS_DEV	MKDEV(0, 1)	/* st_dev of the root file system */
#define PROC_SUPER_MAGIC 0x9fa0
#define PROC_DEV	MKDEV(0, 21)	/* st_dev of /proc: an anonymous device, as Linux's */

struct page;
struct file_operations;
struct inode;

/*
 * A directory whose entries are made up on demand (/proc) sets
 * iop->lookup: it returns the inode for @name with a reference, or NULL
 * (no such entry, or no memory).  Its fop->getdents lists the entries.
 * Names cannot be created or removed in such a directory: creating one
 * is ENOENT (the lookup failed), removing one EPERM, as in Linux's /proc.
 * A symlink whose target is computed (/proc/self) sets iop->get_link:
 * it writes the target into @buf and returns its length, or -errno.
 */
struct inode_operations {
	struct inode *(*lookup)(struct inode *dir, const char *name, size_t len);
	long (*get_link)(struct inode *inode, char *buf, size_t size);
	/* Instead of the mode-bit check (a /proc/sys knob: 6.1's test_perm). */
	int (*permission)(struct inode *inode, int mask);
};

struct inode {
	unsigned long ino;
	mode_t mode;
	uid_t uid;
	gid_t gid;
	unsigned int nlink;
	int refcount;
	long size;
	struct kernel_timespec atime, mtime, ctime;
	unsigned int rdev;		/* device number for S_IFCHR/S_IFBLK */
	struct inode *parent;		/* directories: the one holding us (a reference) */
	struct list_head entries;	/* directories: struct dentry list, by seq */
	unsigned long next_seq;		/* directories: seq of the next entry */
	const struct file_operations *fop;	/* what open() of it gives */
	const struct inode_operations *iop;	/* NULL: a tmpfs directory */
	unsigned int dev;		/* st_dev: TMPFS_DEV unless a pseudo fs says */
	bool transient;			/* made on demand: freed at the last reference */
	const void *pde;		/* /proc: the entry this inode shows */
	pid_t pid;			/* /proc/PID/...: whose (0: none) */
	void *private;			/* FIFOs: the pipe */
	struct list_head i_mmap;	/* VMAs mapping this file (mm/rmap.h) */
	/*
	 * Regular files: the page cache, one slot per page of the file: NULL
	 * (a hole), a struct page *, or a swap entry where tmpfs sent the
	 * page to swap (a value with bit 0 set; mm/shmem.c reads them).
	 */
	void **pages;
	unsigned long nr_pages_cap;	/* length of @pages */
	unsigned long nr_cached;	/* pages allocated: in memory or in swap */
	unsigned long nr_swapped;	/* of which in swap */
	struct list_head swaplist;	/* on shmem's list while nr_swapped > 0 */
	/*
	 * shmem commit charge: pages charged for the whole object when it
	 * was made (shared anonymous memory, Linux's shmem_acct_size); 0 for
	 * tmpfs files, whose pages are charged one by one as allocated.
	 */
	unsigned long shmem_acct;
};

/*
 * A name in a directory.  @seq only grows within a directory, so a
 * getdents64 offset (the next seq wanted) survives entries being removed
 * or added between calls, as rm -r needs.
 */
struct dentry {
	struct list_head node;
	struct inode *inode;
	unsigned long seq;
	char name[];
};

#define MKDEV(ma, mi) (((ma) << 8) | (mi))

extern struct inode *root_inode;

void vfs_init(void);
void inode_get(struct inode *inode);
void inode_put(struct inode *inode);
/* The inode named @name in directory @dir (a reference), or NULL. */
struct inode *dir_lookup(struct inode *dir, const char *name, size_t len);
/* Create @name in @dir; returns the new inode (a reference) or ERR_PTR. */
struct inode *dir_create(struct inode *dir, const char *name, size_t len, mode_t mode);
/* Resolve an absolute @path (a reference), or ERR_PTR(-ENOENT/-ENOTDIR...). */
struct inode *path_lookup(const char *path);
/* Add @inode under @name in @dir (a new link); -EEXIST if taken. */
int dir_link(struct inode *dir, const char *name, size_t len, struct inode *inode);
/* Remove the entry @name from @dir, dropping its link. */
int dir_unlink(struct inode *dir, const char *name, size_t len);
/* The entry of @dir naming @inode, or NULL (getcwd walks up with it). */
struct dentry *dir_find_inode(struct inode *dir, struct inode *inode);
bool dir_is_empty(struct inode *dir);
/* A new unnamed inode (pipes); nlink 0, one reference. */
struct inode *inode_alloc(mode_t mode);
/* Resize a regular file; pages past the new end are freed. */
int tmpfs_truncate(struct inode *inode, long size);
void inode_touch(struct inode *inode, bool mtime);
/* Choose the open() operations for a new or unpacked inode by its mode. */
void inode_init_ops(struct inode *inode);
/* Write kernel memory into a tmpfs file (initramfs unpacking). */
long tmpfs_write_kernel(struct inode *inode, long pos, const void *buf, size_t len);
/* Read from a tmpfs file into kernel memory. */
long tmpfs_read_kernel(struct inode *inode, long pos, void *buf, size_t len);
/* Unpack a newc cpio archive into the root. */
int initramfs_unpack(const void *buf, size_t len);

#endif
