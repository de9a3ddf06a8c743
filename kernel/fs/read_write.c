/*
 * kernel/fs/read_write.c - read, write and their vector and positioned
 * forms, lseek (Linux: fs/read_write.c).
 *
 * Each call takes its own reference on the file (fget), checks the open
 * mode, then hands the user buffer to the file's operations, which copy
 * with copy_{to,from}_user and report partial progress: a fault after
 * some bytes moved returns the count, a fault before any is EFAULT.
 * One call moves at most MAX_RW_COUNT bytes, as Linux.
 */
#include "kernel/fs/file.h"
#include "kernel/errno.h"
#include "kernel/syscall.h"
#include "mm/memlayout.h"
#include "mm/uaccess.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "proc/task.h"

#define UIO_MAXIOV 1024


static long vfs_read(struct file *f, char *ubuf, size_t len, long *ppos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op || !f->f_op->read)
		return S_ISDIR(f->f_inode->mode) ? -EISDIR : -EINVAL;
	if (!user_range_ok((uintptr_t)ubuf, len))
		return -EFAULT;
	if (!len && !f->f_op->zero_length_io)
		return 0;
	return f->f_op->read(f, ubuf, MIN(len, (size_t)MAX_RW_COUNT), ppos);
}

static long vfs_write(struct file *f, const char *ubuf, size_t len, long *ppos)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	if (!user_range_ok((uintptr_t)ubuf, len))
		return -EFAULT;
	if (!len && !f->f_op->zero_length_io)
		return 0;
	return f->f_op->write(f, ubuf, MIN(len, (size_t)MAX_RW_COUNT), ppos);
}

long sys_read(unsigned long fd, unsigned long buf, unsigned long count,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget((int)fd);
	long n;

	if (!f)
		return -EBADF;
	n = vfs_read(f, (char *)buf, count, &f->f_pos);
	fput(f);
	return n;
}

long sys_write(unsigned long fd, unsigned long buf, unsigned long count,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget((int)fd);
	long n;

	if (!f)
		return -EBADF;
	n = vfs_write(f, (const char *)buf, count, &f->f_pos);
	fput(f);
	return n;
}

/* Positioned I/O needs a seekable file and leaves f_pos alone. */
static long positioned(unsigned long fd, unsigned long buf, unsigned long count,
		       long pos, bool write)
{
	struct file *f;
	long n;

	if (pos < 0)
		return -EINVAL;
	f = fget((int)fd);
	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_LSEEK))
		n = (f->f_mode & (write ? FMODE_WRITE : FMODE_READ)) ? -ESPIPE : -EBADF;
	else if (write)
		n = vfs_write(f, (const char *)buf, count, &pos);
	else
		n = vfs_read(f, (char *)buf, count, &pos);
	fput(f);
	return n;
}

long sys_pread64(unsigned long fd, unsigned long buf, unsigned long count,
		 unsigned long pos, unsigned long a5, unsigned long a6)
{
	return positioned(fd, buf, count, (long)pos, false);
}

long sys_pwrite64(unsigned long fd, unsigned long buf, unsigned long count,
		  unsigned long pos, unsigned long a5, unsigned long a6)
{
	return positioned(fd, buf, count, (long)pos, true);
}

/* Copy in and check an iovec array; returns the total length or -errno. */
static long import_iovec(unsigned long uiov, unsigned long cnt, struct iovec **out)
{
	struct iovec *iov;
	long total = 0;

	*out = NULL;
	if (cnt > UIO_MAXIOV)
		return -EINVAL;
	if (!cnt)
		return 0;
	iov = kmalloc(cnt * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	if (copy_from_user(iov, (void *)uiov, cnt * sizeof(*iov))) {
		kfree(iov);
		return -EFAULT;
	}
	for (unsigned long i = 0; i < cnt; i++) {
		if ((long)iov[i].len < 0) {
			kfree(iov);
			return -EINVAL;
		}
		/* The total is capped, not refused (rw_copy_check_uvector). */
		if (iov[i].len > (unsigned long)(MAX_RW_COUNT - total))
			iov[i].len = (unsigned long)(MAX_RW_COUNT - total);
		total += (long)iov[i].len;
	}
	*out = iov;
	return total;
}

static long do_iter(struct file *f, struct iovec *iov, unsigned long cnt,
		    long *ppos, bool write)
{
	long total = 0;

	for (unsigned long i = 0; i < cnt; i++) {
		long n;

		if (!iov[i].len)
			continue;
		n = write ? vfs_write(f, (const char *)iov[i].base, iov[i].len, ppos)
			  : vfs_read(f, (char *)iov[i].base, iov[i].len, ppos);
		if (n < 0)
			return total ? total : n;
		total += n;
		if ((unsigned long)n < iov[i].len)
			break;
	}
	return total;
}

static long vectored(unsigned long fd, unsigned long uiov, unsigned long cnt,
		     long pos, bool write, bool positioned_io)
{
	struct file *f = fget((int)fd);
	struct iovec *iov;
	long n;

	if (!f)
		return -EBADF;
	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ))) {
		fput(f);
		return -EBADF;
	}
	n = import_iovec(uiov, cnt, &iov);
	if (n > 0 && positioned_io) {
		if (pos < 0)
			n = -EINVAL;
		else if (!(f->f_mode & FMODE_LSEEK))
			n = -ESPIPE;
		else
			n = do_iter(f, iov, cnt, &pos, write);
	} else if (n > 0 && write && f->f_op && f->f_op->writev) {
		n = f->f_op->writev(f, iov, cnt, (size_t)n);
	} else if (n > 0) {
		n = do_iter(f, iov, cnt, &f->f_pos, write);
	}
	kfree(iov);
	fput(f);
	return n;
}

long sys_readv(unsigned long fd, unsigned long iov, unsigned long cnt,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	return vectored(fd, iov, cnt, 0, false, false);
}

long sys_writev(unsigned long fd, unsigned long iov, unsigned long cnt,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	return vectored(fd, iov, cnt, 0, true, false);
}

long sys_preadv(unsigned long fd, unsigned long iov, unsigned long cnt,
		unsigned long pos, unsigned long a5, unsigned long a6)
{
	return vectored(fd, iov, cnt, (long)pos, false, true);
}

long sys_pwritev(unsigned long fd, unsigned long iov, unsigned long cnt,
		 unsigned long pos, unsigned long a5, unsigned long a6)
{
	return vectored(fd, iov, cnt, (long)pos, true, true);
}

long sys_lseek(unsigned long fd, unsigned long off, unsigned long whence,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget((int)fd);
	long r;

	if (!f)
		return -EBADF;
	if (whence > SEEK_HOLE)
		r = -EINVAL;
	else if (!f->f_op || !f->f_op->llseek)
		r = -ESPIPE;
	else
		r = f->f_op->llseek(f, (long)off, (int)whence);
	fput(f);
	return r;
}

/*
 * Write kernel memory to a file through its ordinary ->write: the
 * buffer is lent to the copy routines for the duration (mm/uaccess.c).
 */
long kernel_write(struct file *f, const void *buf, size_t len, long *ppos)
{
	long n;

	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	current->kbuf_start = (uintptr_t)buf;
	current->kbuf_end = (uintptr_t)buf + len;
	n = f->f_op->write(f, buf, len, ppos);
	current->kbuf_start = current->kbuf_end = 0;
	return n;
}

/* Read a file into kernel memory through its ->read, the buffer lent likewise. */
static long kernel_read(struct file *f, void *buf, size_t len, long pos)
{
	long n;

	if (!f->f_op || !f->f_op->read)
		return -EINVAL;
	current->kbuf_start = (uintptr_t)buf;
	current->kbuf_end = (uintptr_t)buf + len;
	n = f->f_op->read(f, buf, len, &pos);
	current->kbuf_start = current->kbuf_end = 0;
	return n;
}

/* One sendfile chunk: from the page cache, or generated text (/proc) by ->read. */
static long sendfile_read(struct file *in, long pos, void *buf, size_t len)
{
	if (in->f_op == &tmpfs_file_ops)
		return tmpfs_read_kernel(in->f_inode, pos, buf, len);
	return kernel_read(in, buf, len, pos);
}

/* sendfile: from a tmpfs or /proc file (a page at a time) to any writable file. */
static long do_sendfile(struct file *in, struct file *out, long *ppos, size_t count)
{
	struct page *bounce;
	long total = 0;

	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!S_ISREG(in->f_inode->mode) || (out->f_flags & O_APPEND))
		return -EINVAL;		/* 6.1: the source must be splice-readable */
	bounce = alloc_page(GFP_KERNEL);
	if (!bounce)
		return -ENOMEM;
	count = MIN(count, (size_t)MAX_RW_COUNT);
	while ((size_t)total < count) {
		long got = sendfile_read(in, *ppos, page_address(bounce),
					 MIN(count - (size_t)total, (size_t)PAGE_SIZE));
		long put;

		if (got <= 0)
			break;
		put = kernel_write(out, page_address(bounce), (size_t)got, &out->f_pos);
		if (put < 0) {
			if (!total)
				total = put;
			break;
		}
		*ppos += put;
		total += put;
		if (put < got || signal_pending_current())
			break;
	}
	__free_pages(bounce, 0);
	return total;
}

long sys_sendfile(unsigned long out_fd, unsigned long in_fd, unsigned long uoff,
		  unsigned long count, unsigned long a5, unsigned long a6)
{
	struct file *in = fget((int)in_fd), *out = fget((int)out_fd);
	long r, pos;

	if (!in || !out) {
		r = -EBADF;
		goto out;
	}
	if (uoff) {
		r = -EFAULT;
		if (copy_from_user(&pos, (void *)uoff, sizeof(pos)))
			goto out;
		r = -EINVAL;
		if (pos < 0)
			goto out;
		r = do_sendfile(in, out, &pos, count);
		if (r >= 0 && copy_to_user((void *)uoff, &pos, sizeof(pos)))
			r = -EFAULT;
	} else {
		r = do_sendfile(in, out, &in->f_pos, count);
	}
out:
	if (in)
		fput(in);
	if (out)
		fput(out);
	return r;
}
