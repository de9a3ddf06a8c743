/*
 * kernel/fs/sync.c - sync, syncfs, fsync, fdatasync (Linux 6.1: fs/sync.c).
 *
 * Nothing here is ever dirty on a disk: tmpfs has no backing store, and a
 * write to a block device or a swap slot is finished when the call that
 * made it returns.  So these calls only check their fd as Linux does:
 * EBADF for no file or an O_PATH one, EINVAL for a file whose Linux
 * file_operations have no fsync (pipes, character devices, /proc), 0
 * for tmpfs files and directories and for block devices.
 */
#include "kernel/fs/file.h"
#include "kernel/fs/vfs.h"
#include "kernel/errno.h"

long sys_sync(unsigned long a1, unsigned long a2, unsigned long a3,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	return 0;
}

/* An fd fsync may look at (fdget: O_PATH files are not), with a reference. */
static struct file *fdget_sync(unsigned long fd)
{
	struct file *f = fget((int)fd);

	if (f && (f->f_mode & FMODE_PATH)) {
		fput(f);
		return NULL;
	}
	return f;
}

long sys_syncfs(unsigned long fd, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fdget_sync(fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

/* vfs_fsync_range: only files whose f_op has fsync (tmpfs's noop_fsync, blkdev_fsync). */
static long do_fsync(unsigned long fd)
{
	struct file *f = fdget_sync(fd);
	mode_t mode;
	long err = 0;

	if (!f)
		return -EBADF;
	mode = f->f_inode->mode;
	if (f->f_inode->dev == PROC_DEV || !(S_ISREG(mode) || S_ISDIR(mode) || S_ISBLK(mode)))
		err = -EINVAL;
	fput(f);
	return err;
}

long sys_fsync(unsigned long fd, unsigned long a2, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_fsync(fd);
}

long sys_fdatasync(unsigned long fd, unsigned long a2, unsigned long a3,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_fsync(fd);
}
