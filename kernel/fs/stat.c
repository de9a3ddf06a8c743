/*
 * kernel/fs/stat.c - stat, lstat, fstat, newfstatat, statx, statfs and
 * fstatfs, and getdents64 (Linux: fs/stat.c, fs/statfs.c, fs/readdir.c).
 *
 * Inodes live on the tmpfs root (st_dev TMPFS_DEV; statfs reports tmpfs,
 * its size limit half of RAM, as Linux's default for tmpfs mounts) or in
 * /proc (st_dev PROC_DEV, size 0, 1 KiB blocks; statfs says proc).
 */
#include "kernel/fs/file.h"
#include "kernel/fs/namei.h"
#include "kernel/errno.h"
#include "kernel/param.h"
#include "kernel/syscall.h"
#include "kernel/lib/string.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "mm/shmem.h"
#include "mm/uaccess.h"
#include "proc/task.h"

struct stat64 {			/* x86-64 struct stat, 144 bytes */
	unsigned long st_dev, st_ino, st_nlink;
	unsigned int st_mode, st_uid, st_gid, __pad0;
	unsigned long st_rdev;
	long st_size, st_blksize, st_blocks;
	struct kernel_timespec st_atim, st_mtim, st_ctim;
	long st_reserved[3];
};
_Static_assert(sizeof(struct stat64) == 144, "struct stat is 144 bytes on x86-64");

/* Linux's new_encode_dev for a user-visible dev_t. */
static unsigned long encode_dev(unsigned int dev)
{
	unsigned int major = dev >> 8, minor = dev & 0xff;

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

static void fill_stat(struct inode *inode, struct stat64 *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = encode_dev(inode->dev);
	st->st_ino = inode->ino;
	st->st_nlink = inode->nlink;
	st->st_mode = inode->mode;
	st->st_uid = inode->uid;
	st->st_gid = inode->gid;
	st->st_rdev = encode_dev(inode->rdev);
	st->st_size = S_ISREG(inode->mode) || S_ISLNK(inode->mode) ? inode->size :
		      S_ISDIR(inode->mode) ? 40 + 20 * (long)(inode->next_seq - 2) : 0;
	st->st_blksize = PAGE_SIZE;
	st->st_blocks = (long)inode->nr_cached * (PAGE_SIZE / 512);
	st->st_atim = inode->atime;
	st->st_mtim = inode->mtime;
	st->st_ctim = inode->ctime;
	if (inode->dev == PROC_DEV) {
		st->st_size = 0;	/* generated text has no size until read */
		st->st_blksize = 1024;	/* proc's s_blocksize */
	}
}

static long put_stat(struct inode *inode, void *ubuf)
{
	struct stat64 st;

	fill_stat(inode, &st);
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

static long stat_at(int dfd, const char *upath, void *ubuf, int flags)
{
	struct inode *inode;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	inode = user_path_at(dfd, upath, at_lookup_flags(flags));
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	err = put_stat(inode, ubuf);
	inode_put(inode);
	return err;
}

long sys_stat(unsigned long p, unsigned long buf, unsigned long a3,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	return stat_at(AT_FDCWD, (const char *)p, (void *)buf, 0);
}

long sys_lstat(unsigned long p, unsigned long buf, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	return stat_at(AT_FDCWD, (const char *)p, (void *)buf, AT_SYMLINK_NOFOLLOW);
}

long sys_newfstatat(unsigned long dfd, unsigned long p, unsigned long buf,
		    unsigned long flags, unsigned long a5, unsigned long a6)
{
	return stat_at((int)dfd, (const char *)p, (void *)buf, (int)flags);
}

long sys_fstat(unsigned long fd, unsigned long buf, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget((int)fd);
	long err;

	if (!f)
		return -EBADF;
	err = put_stat(f->f_inode, (void *)buf);
	fput(f);
	return err;
}

struct statx_timestamp { int64_t tv_sec; uint32_t tv_nsec; int32_t __reserved; };

struct statx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, __spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	uint64_t stx_mnt_id, __spare2[13];
};
_Static_assert(sizeof(struct statx) == 256, "struct statx is 256 bytes");

#define STATX_BASIC_STATS	0x7ff
#define STATX__RESERVED		0x80000000U
#define AT_STATX_SYNC_TYPE	0x6000

long sys_statx(unsigned long dfd, unsigned long p, unsigned long flags,
	       unsigned long mask, unsigned long buf, unsigned long a6)
{
	struct inode *inode;
	struct stat64 st;
	struct statx sx;

	if ((flags & ~(unsigned long)(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
				      AT_STATX_SYNC_TYPE)) ||
	    (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED))
		return -EINVAL;
	inode = user_path_at((int)dfd, (const char *)p, at_lookup_flags((int)flags));
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	fill_stat(inode, &st);
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS;
	sx.stx_blksize = (uint32_t)st.st_blksize;
	sx.stx_nlink = (uint32_t)st.st_nlink;
	sx.stx_uid = st.st_uid;
	sx.stx_gid = st.st_gid;
	sx.stx_mode = (uint16_t)st.st_mode;
	sx.stx_ino = st.st_ino;
	sx.stx_size = (uint64_t)st.st_size;
	sx.stx_blocks = (uint64_t)st.st_blocks;
	sx.stx_atime = (struct statx_timestamp){ st.st_atim.tv_sec, (uint32_t)st.st_atim.tv_nsec, 0 };
	sx.stx_mtime = (struct statx_timestamp){ st.st_mtim.tv_sec, (uint32_t)st.st_mtim.tv_nsec, 0 };
	sx.stx_ctime = (struct statx_timestamp){ st.st_ctim.tv_sec, (uint32_t)st.st_ctim.tv_nsec, 0 };
	sx.stx_rdev_major = inode->rdev >> 8;
	sx.stx_rdev_minor = inode->rdev & 0xff;
	sx.stx_dev_major = inode->dev >> 8;
	sx.stx_dev_minor = inode->dev & 0xff;
	inode_put(inode);
	return copy_to_user((void *)buf, &sx, sizeof(sx)) ? -EFAULT : 0;
}

struct statfs64 {		/* x86-64 struct statfs, 120 bytes */
	long f_type, f_bsize;
	unsigned long f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	long f_namelen, f_frsize, f_flags, f_spare[4];
};
_Static_assert(sizeof(struct statfs64) == 120, "struct statfs is 120 bytes on x86-64");

#define ST_VALID	0x0020
#define ST_RELATIME	0x1000

/* /proc: no blocks, no inode counts; mounted rw,relatime. */
static long put_statfs_proc(void *ubuf)
{
	struct statfs64 sf;

	memset(&sf, 0, sizeof(sf));
	sf.f_type = PROC_SUPER_MAGIC;
	sf.f_bsize = PAGE_SIZE;
	sf.f_frsize = PAGE_SIZE;
	sf.f_namelen = NAME_MAX;
	sf.f_flags = ST_VALID | ST_RELATIME;
	return copy_to_user(ubuf, &sf, sizeof(sf)) ? -EFAULT : 0;
}

static long put_statfs(struct inode *inode, void *ubuf)
{
	struct statfs64 sf;
	unsigned long limit = totalram_pages() / 2;
	unsigned long used = shmem_pages_in_use();

	if (inode->dev == PROC_DEV)
		return put_statfs_proc(ubuf);
	memset(&sf, 0, sizeof(sf));
	sf.f_type = TMPFS_MAGIC;
	sf.f_bsize = PAGE_SIZE;
	sf.f_frsize = PAGE_SIZE;
	sf.f_blocks = limit;
	sf.f_bfree = sf.f_bavail = used < limit ? limit - used : 0;
	sf.f_files = limit;
	sf.f_ffree = limit;
	sf.f_namelen = NAME_MAX;
	sf.f_flags = 0x20;		/* ST_RELATIME */
	return copy_to_user(ubuf, &sf, sizeof(sf)) ? -EFAULT : 0;
}

long sys_statfs(unsigned long p, unsigned long buf, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct inode *inode = user_path_at(AT_FDCWD, (const char *)p, LOOKUP_FOLLOW);
	long err;

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	err = put_statfs(inode, (void *)buf);
	inode_put(inode);
	return err;
}

long sys_fstatfs(unsigned long fd, unsigned long buf, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget((int)fd);
	long err;

	if (!f)
		return -EBADF;
	err = put_statfs(f->f_inode, (void *)buf);
	fput(f);
	return err;
}

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
} __packed;

bool filldir64(char *ubuf, size_t len, size_t *used, int *err, unsigned long ino, long next,
	       mode_t mode, const char *name)
{
	size_t nlen = strlen(name);
	size_t reclen = ALIGN_UP(sizeof(struct linux_dirent64) + nlen + 1, 8);
	char rec[sizeof(struct linux_dirent64) + NAME_MAX + 8] __aligned(8);
	struct linux_dirent64 *d = (struct linux_dirent64 *)rec;

	if (*used + reclen > len)
		return false;
	memset(rec, 0, reclen);
	d->d_ino = ino;
	d->d_off = next;
	d->d_reclen = (uint16_t)reclen;
	d->d_type = (uint8_t)((mode & S_IFMT) >> 12);	/* DT_* are the S_IF* nibble */
	memcpy(d->d_name, name, nlen);
	if (copy_to_user(ubuf + *used, rec, reclen)) {
		*err = -EFAULT;
		return false;
	}
	*used += reclen;
	return true;
}

long sys_getdents64(unsigned long fd, unsigned long buf, unsigned long count,
		    unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget((int)fd);
	long n;

	if (!f)
		return -EBADF;
	if (!f->f_op || !f->f_op->getdents)
		n = -ENOTDIR;
	else if (!user_range_ok(buf, count))
		n = -EFAULT;
	else
		n = f->f_op->getdents(f, (void *)buf, (unsigned int)count);
	fput(f);
	return n;
}
