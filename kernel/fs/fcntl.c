/*
 * kernel/fs/fcntl.c - descriptor plumbing: dup, dup2, dup3, fcntl and
 * the generic part of ioctl (Linux: fs/fcntl.c, fs/file.c, fs/ioctl.c).
 *
 * Two descriptors made by dup share one struct file (offset and status
 * flags); only the close-on-exec bit belongs to the descriptor.
 */
#include "kernel/fs/file.h"
#include "kernel/fs/pipe.h"
#include "kernel/errno.h"
#include "kernel/syscall.h"
#include "mm/uaccess.h"
#include "proc/task.h"

#ifndef RLIMIT_NOFILE
#define RLIMIT_NOFILE 7
#endif

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_SETOWN	8
#define F_GETOWN	9
#define F_DUPFD_CLOEXEC	1030
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032
#define FD_CLOEXEC	1

static long dup_from(struct file *f, unsigned long start, bool cloexec)
{
	int fd;

	if (start >= current->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EINVAL;
	fget_raw(f);
	fd = fd_install_from(f, (unsigned int)start, cloexec);
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_dup(unsigned long oldfd, unsigned long a2, unsigned long a3,
	     unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget((int)oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_install(f, false);	/* the fget reference moves to the slot */
	if (fd < 0)
		fput(f);
	return fd;
}

static long do_dup3(unsigned long oldfd, unsigned long newfd, unsigned long flags)
{
	struct file *f;
	long r;

	if (flags & ~(unsigned long)O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if ((int)newfd < 0 || newfd >= current->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EBADF;
	f = fget((int)oldfd);
	if (!f)
		return -EBADF;
	r = replace_fd((unsigned int)newfd, f, flags & O_CLOEXEC);
	if (r < 0)
		fput(f);
	return r;
}

long sys_dup2(unsigned long oldfd, unsigned long newfd, unsigned long a3,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	if (oldfd == newfd) {
		struct file *f = fget((int)oldfd);

		if (!f)
			return -EBADF;
		fput(f);
		return (long)newfd;
	}
	return do_dup3(oldfd, newfd, 0);
}

long sys_dup3(unsigned long oldfd, unsigned long newfd, unsigned long flags,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_dup3(oldfd, newfd, flags);
}

static long setfl(struct file *f, unsigned long arg)
{
	/* O_APPEND cannot be cleared on an append-only inode: none here. */
	f->f_flags = (f->f_flags & ~(unsigned int)SETFL_MASK) | ((unsigned int)arg & SETFL_MASK);
	return 0;
}

long sys_fcntl(unsigned long fd, unsigned long cmd, unsigned long arg,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget((int)fd);
	long r;

	if (!f)
		return -EBADF;
	if ((f->f_mode & FMODE_PATH) && cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC &&
	    cmd != F_GETFD && cmd != F_SETFD && cmd != F_GETFL) {
		fput(f);
		return -EBADF;
	}
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		r = dup_from(f, arg, cmd == F_DUPFD_CLOEXEC);
		break;
	case F_GETFD:
		r = get_close_on_exec((unsigned int)fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		set_close_on_exec((unsigned int)fd, arg & FD_CLOEXEC);
		r = 0;
		break;
	case F_GETFL:
		r = f->f_flags | (f->f_mode & FMODE_PATH ? O_PATH : 0);
		break;
	case F_SETFL:
		r = setfl(f, arg);
		break;
	case F_GETOWN:
		r = 0;
		break;
	case F_GETPIPE_SZ:
	case F_SETPIPE_SZ:
		r = pipe_fcntl(f, (unsigned int)cmd, arg);
		break;
	default:
		r = -EINVAL;
		break;
	}
	fput(f);
	return r;
}

#define FIONREAD	0x541b
#define FIONBIO		0x5421
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451
#define FIOASYNC	0x5452

long sys_ioctl(unsigned long fd, unsigned long cmd, unsigned long arg,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget((int)fd);
	unsigned int cmd32 = (unsigned int)cmd;
	long r = -ENOTTY;
	int on;

	if (!f)
		return -EBADF;
	if (f->f_mode & FMODE_PATH) {
		fput(f);
		return -EBADF;
	}
	switch (cmd32) {
	case FIOCLEX:
	case FIONCLEX:
		set_close_on_exec((unsigned int)fd, cmd32 == FIOCLEX);
		r = 0;
		break;
	case FIONBIO:
	case FIOASYNC:
		if (copy_from_user(&on, (void *)arg, sizeof(on))) {
			r = -EFAULT;
			break;
		}
		if (on)
			f->f_flags |= cmd32 == FIONBIO ? O_NONBLOCK : O_ASYNC;
		else
			f->f_flags &= ~(unsigned int)(cmd32 == FIONBIO ? O_NONBLOCK : O_ASYNC);
		r = 0;
		break;
	case FIONREAD:
		if (S_ISREG(f->f_inode->mode)) {
			int n = (int)MAX(0L, f->f_inode->size - f->f_pos);

			r = copy_to_user((void *)arg, &n, sizeof(n)) ? -EFAULT : 0;
			break;
		}
		/* pipes and ttys know their own count */
		__attribute__((fallthrough));
	default:
		if (f->f_op && f->f_op->ioctl)
			r = f->f_op->ioctl(f, cmd32, arg);
		break;
	}
	fput(f);
	return r;
}
