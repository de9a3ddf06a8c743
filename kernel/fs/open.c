/*
 * kernel/fs/open.c - open, close and the calls that change an inode's
 * attributes: access, truncate, chmod, chown, utimensat (Linux:
 * fs/open.c, fs/utimes.c).
 *
 * open resolves the path, checks the access mode against the inode's
 * permission bits, then lets the inode's operations finish the job: a
 * character device's open picks the driver, a FIFO's attaches the pipe.
 */
#include "kernel/fs/file.h"
#include "kernel/fs/namei.h"
#include "kernel/errno.h"
#include "kernel/param.h"
#include "kernel/printk.h"
#include "kernel/syscall.h"
#include "kernel/lib/string.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "proc/task.h"

#ifndef CAP_FOWNER
#define CAP_FOWNER 3
#endif
#ifndef CAP_FSETID
#define CAP_FSETID 4
#endif

/* Find or create the last component for O_CREAT. */
static struct inode *open_create(int dfd, const char *path, unsigned int flags, mode_t mode)
{
	struct nameparent np;
	struct inode *inode;
	int err = namei_parent(dfd, path, &np);

	if (err)
		return ERR_PTR(err);
	if (!np.len || is_dot_or_dotdot(np.name, np.len)) {
		inode_put(np.dir);
		return ERR_PTR(-EISDIR);
	}
	inode = dir_lookup(np.dir, np.name, np.len);
	if (inode) {
		if (flags & O_EXCL) {
			inode_put(inode);
			inode = ERR_PTR(-EEXIST);
		} else if (S_ISLNK(inode->mode)) {
			struct inode *t = (flags & O_NOFOLLOW) ? ERR_PTR(-ELOOP) :
				walk_from(np.dir, np.name, np.len, LOOKUP_FOLLOW, 0);

			inode_put(inode);
			inode = t;
		}
	} else if (np.slash) {
		inode = ERR_PTR(-EISDIR);
	} else if (np.dir->iop) {
		inode = ERR_PTR(-ENOENT);	/* /proc: the lookup failed */
	} else if (!(err = np.dir->nlink ? inode_permission(np.dir, MAY_WRITE | MAY_EXEC) : -ENOENT)) {
		inode = dir_create(np.dir, np.name, np.len,
				   S_IFREG | (mode & ~current->fs->umask & 07777));
	} else {
		inode = ERR_PTR(err);
	}
	inode_put(np.dir);
	return inode;
}

static int may_open(struct inode *inode, unsigned int flags)
{
	unsigned int acc = flags & O_ACCMODE;
	int mask = 0;

	if (flags & O_PATH)
		return (flags & O_DIRECTORY) && !S_ISDIR(inode->mode) ? -ENOTDIR : 0;
	if (S_ISLNK(inode->mode))
		return -ELOOP;		/* O_NOFOLLOW met a symlink */
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
		return -ENOTDIR;
	if (S_ISDIR(inode->mode) && (acc != O_RDONLY || (flags & (O_CREAT | O_TRUNC))))
		return -EISDIR;
	if (acc == O_RDONLY || acc == O_RDWR)
		mask |= MAY_READ;
	if (acc == O_WRONLY || acc == O_RDWR || (flags & O_TRUNC))
		mask |= MAY_WRITE;
	return inode_permission(inode, mask);
}

struct file *do_filp_open(int dfd, const char *path, unsigned int flags, mode_t mode)
{
	struct inode *inode;
	struct file *f;
	int err;

	if (flags & O_CREAT)
		inode = open_create(dfd, path, flags, mode);
	else
		inode = namei_at(dfd, path, (flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
				 (flags & O_DIRECTORY ? LOOKUP_DIRECTORY : 0));
	if (IS_ERR(inode))
		return (struct file *)inode;
	err = may_open(inode, flags);
	if (err)
		goto fail;
	if ((flags & O_TRUNC) && S_ISREG(inode->mode) && !(flags & O_PATH) && inode->size)
		tmpfs_truncate(inode, 0);
	err = -ENOMEM;
	f = file_alloc(inode, flags, inode->fop);
	if (!f)
		goto fail;
	f->f_mode |= FMODE_LSEEK;	/* streams (pipes, ttys) clear it in their open */
	f->f_flags |= O_LARGEFILE;	/* always, on 64-bit */
	inode_put(inode);		/* the file holds its own reference */
	if (!(flags & O_PATH) && f->f_op && f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			f->f_op = NULL;	/* nothing to release */
			fput(f);
			return ERR_PTR(err);
		}
	}
	return f;
fail:
	inode_put(inode);
	return ERR_PTR(err);
}

static long do_sys_open(int dfd, const char *upath, unsigned int flags, mode_t mode)
{
	struct file *f;
	long err;
	char *path;
	int fd;

	if (flags & __O_TMPFILE)
		return -EOPNOTSUPP;
	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	path = getname(upath, &err);
	if (!path)
		return err;
	f = do_filp_open(dfd, path, flags & VALID_OPEN_FLAGS, mode);
	kfree(path);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install(f, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_open(unsigned long p, unsigned long flags, unsigned long mode,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_sys_open(AT_FDCWD, (const char *)p, (unsigned int)flags, (mode_t)mode);
}

long sys_openat(unsigned long dfd, unsigned long p, unsigned long flags,
		unsigned long mode, unsigned long a5, unsigned long a6)
{
	return do_sys_open((int)dfd, (const char *)p, (unsigned int)flags, (mode_t)mode);
}

long sys_creat(unsigned long p, unsigned long mode, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_sys_open(AT_FDCWD, (const char *)p, O_CREAT | O_WRONLY | O_TRUNC, (mode_t)mode);
}

long sys_close(unsigned long fd, unsigned long a2, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	return close_fd((unsigned int)fd);
}

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* access(2) checks with the real ids, unless AT_EACCESS. */
static long do_faccessat(int dfd, const char *upath, int mode, int flags)
{
	struct cred saved = current->cred;
	struct inode *inode;
	long err;

	if (mode & ~(F_OK | X_OK | W_OK | R_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!(flags & AT_EACCESS)) {
		current->cred.fsuid = current->cred.uid;
		current->cred.fsgid = current->cred.gid;
	}
	inode = user_path_at(dfd, upath, at_lookup_flags(flags));
	if (IS_ERR(inode)) {
		err = PTR_ERR(inode);
	} else {
		err = mode ? inode_permission(inode, mode) : 0;
		inode_put(inode);
	}
	current->cred.fsuid = saved.fsuid;
	current->cred.fsgid = saved.fsgid;
	return err;
}

long sys_access(unsigned long p, unsigned long mode, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_faccessat(AT_FDCWD, (const char *)p, (int)mode, 0);
}

long sys_faccessat(unsigned long dfd, unsigned long p, unsigned long mode,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_faccessat((int)dfd, (const char *)p, (int)mode, 0);
}

long sys_faccessat2(unsigned long dfd, unsigned long p, unsigned long mode,
		    unsigned long flags, unsigned long a5, unsigned long a6)
{
	return do_faccessat((int)dfd, (const char *)p, (int)mode, (int)flags);
}

static long do_truncate(struct inode *inode, long length)
{
	if (length < 0)
		return -EINVAL;
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (!S_ISREG(inode->mode))
		return -EINVAL;
	return tmpfs_truncate(inode, length);
}

long sys_truncate(unsigned long p, unsigned long length, unsigned long a3,
		  unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct inode *inode = user_path_at(AT_FDCWD, (const char *)p, LOOKUP_FOLLOW);
	long err;

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	err = S_ISDIR(inode->mode) ? -EISDIR : inode_permission(inode, MAY_WRITE);
	if (!err)
		err = do_truncate(inode, (long)length);
	inode_put(inode);
	return err;
}

long sys_ftruncate(unsigned long fd, unsigned long length, unsigned long a3,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget((int)fd);
	long err;

	if (!f)
		return -EBADF;
	if ((long)length < 0)
		err = -EINVAL;
	else if (!(f->f_mode & FMODE_WRITE) || !S_ISREG(f->f_inode->mode))
		err = -EINVAL;
	else if (f->f_flags & O_APPEND)
		err = -EPERM;
	else
		err = do_truncate(f->f_inode, (long)length);
	fput(f);
	return err;
}

/* Resolve a path (or an fd with AT_EMPTY_PATH-like @fd >= 0 use). */
static struct inode *attr_target(int dfd, const char *upath, bool follow, bool empty, long *err)
{
	char *path = getname(upath, err);
	struct inode *inode;

	if (!path)
		return NULL;
	inode = namei_at(dfd, path, (follow ? LOOKUP_FOLLOW : 0) | (empty ? LOOKUP_EMPTY : 0));
	kfree(path);
	if (IS_ERR(inode)) {
		*err = PTR_ERR(inode);
		return NULL;
	}
	return inode;
}

static struct inode *fd_inode(int fd)
{
	struct file *f = fget(fd);
	struct inode *inode;

	if (!f)
		return NULL;
	inode = f->f_inode;
	inode_get(inode);
	fput(f);
	return inode;
}

static bool owner_or_capable(struct inode *inode)
{
	return current->cred.fsuid == inode->uid || capable(CAP_FOWNER);
}

static long chmod_inode(struct inode *inode, mode_t mode)
{
	long err = 0;

	if (!owner_or_capable(inode))
		err = -EPERM;
	else {
		mode &= 07777;
		/* A non-member may not set the group's setgid bit. */
		if (!in_group_p(inode->gid) && !capable(CAP_FSETID))
			mode &= ~(mode_t)S_ISGID;
		inode->mode = (inode->mode & S_IFMT) | mode;
		inode_touch(inode, false);
	}
	inode_put(inode);
	return err;
}

long sys_chmod(unsigned long p, unsigned long mode, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	long err;
	struct inode *inode = attr_target(AT_FDCWD, (const char *)p, true, false, &err);

	return inode ? chmod_inode(inode, (mode_t)mode) : err;
}

long sys_fchmodat(unsigned long dfd, unsigned long p, unsigned long mode,
		  unsigned long a4, unsigned long a5, unsigned long a6)
{
	long err;
	struct inode *inode = attr_target((int)dfd, (const char *)p, true, false, &err);

	return inode ? chmod_inode(inode, (mode_t)mode) : err;
}

long sys_fchmod(unsigned long fd, unsigned long mode, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct inode *inode = fd_inode((int)fd);

	return inode ? chmod_inode(inode, (mode_t)mode) : -EBADF;
}

static long chown_inode(struct inode *inode, uid_t uid, gid_t gid)
{
	bool root = capable(CAP_CHOWN);
	long err = 0;

	/* -1 leaves an id alone; only root gives a file away, an owner may
	 * change its group to one of its own. */
	if (uid != (uid_t)-1 && uid != inode->uid && !root)
		err = -EPERM;
	if (gid != (gid_t)-1 && gid != inode->gid && !root &&
	    (current->cred.fsuid != inode->uid || !in_group_p(gid)))
		err = -EPERM;
	if (!err) {
		if (uid != (uid_t)-1)
			inode->uid = uid;
		if (gid != (gid_t)-1)
			inode->gid = gid;
		if (!S_ISDIR(inode->mode))
			inode->mode &= ~(mode_t)(S_ISUID | ((inode->mode & 010) ? S_ISGID : 0));
		inode_touch(inode, false);
	}
	inode_put(inode);
	return err;
}

long sys_chown(unsigned long p, unsigned long uid, unsigned long gid,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	long err;
	struct inode *inode = attr_target(AT_FDCWD, (const char *)p, true, false, &err);

	return inode ? chown_inode(inode, (uid_t)uid, (gid_t)gid) : err;
}

long sys_lchown(unsigned long p, unsigned long uid, unsigned long gid,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	long err;
	struct inode *inode = attr_target(AT_FDCWD, (const char *)p, false, false, &err);

	return inode ? chown_inode(inode, (uid_t)uid, (gid_t)gid) : err;
}

long sys_fchown(unsigned long fd, unsigned long uid, unsigned long gid,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct inode *inode = fd_inode((int)fd);

	return inode ? chown_inode(inode, (uid_t)uid, (gid_t)gid) : -EBADF;
}

long sys_fchownat(unsigned long dfd, unsigned long p, unsigned long uid,
		  unsigned long gid, unsigned long flags, unsigned long a6)
{
	long err;
	struct inode *inode;

	if (flags & ~(unsigned long)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	inode = attr_target((int)dfd, (const char *)p, !(flags & AT_SYMLINK_NOFOLLOW),
			    flags & AT_EMPTY_PATH, &err);
	return inode ? chown_inode(inode, (uid_t)uid, (gid_t)gid) : err;
}

#define UTIME_NOW	((1L << 30) - 1)
#define UTIME_OMIT	((1L << 30) - 2)

static bool set_time(struct kernel_timespec *t, const struct kernel_timespec *want,
		     const struct kernel_timespec *now)
{
	if (want->tv_nsec == UTIME_OMIT)
		return false;
	*t = want->tv_nsec == UTIME_NOW ? *now : *want;
	return true;
}

long sys_utimensat(unsigned long dfd, unsigned long p, unsigned long utimes,
		   unsigned long flags, unsigned long a5, unsigned long a6)
{
	struct kernel_timespec ts[2], now;
	struct inode *inode;
	bool explicit = false;
	long err = 0;
	uint64_t ns = ktime_get_real_ns();

	now = (struct kernel_timespec){ (long)(ns / 1000000000UL), (long)(ns % 1000000000UL) };
	if (flags & ~(unsigned long)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes) {
		if (copy_from_user(ts, (void *)utimes, sizeof(ts)))
			return -EFAULT;
		for (int i = 0; i < 2; i++)
			if (ts[i].tv_nsec != UTIME_NOW && ts[i].tv_nsec != UTIME_OMIT &&
			    (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= 1000000000L))
				return -EINVAL;
		explicit = ts[0].tv_nsec != UTIME_NOW || ts[1].tv_nsec != UTIME_NOW;
	} else {
		ts[0].tv_nsec = ts[1].tv_nsec = UTIME_NOW;
	}
	inode = p ? attr_target((int)dfd, (const char *)p, !(flags & AT_SYMLINK_NOFOLLOW), false, &err)
		  : fd_inode((int)dfd);
	if (!inode)
		return p ? err : -EBADF;
	if (explicit && !owner_or_capable(inode))
		err = -EPERM;
	else if (!explicit && !owner_or_capable(inode))
		err = inode_permission(inode, MAY_WRITE);
	if (!err) {
		set_time(&inode->atime, &ts[0], &now);
		set_time(&inode->mtime, &ts[1], &now);
		inode->ctime = now;
	}
	inode_put(inode);
	return err;
}

/* Linux's console_on_rootfs: init's stdin, stdout and stderr. */
void console_on_rootfs(void)
{
	struct file *f = do_filp_open(AT_FDCWD, "/dev/console", O_RDWR, 0);

	if (IS_ERR(f)) {
		pr_warn("Warning: unable to open an initial console.\n");
		return;
	}
	fd_install(f, false);
	fget_raw(f);
	fd_install(f, false);
	fget_raw(f);
	fd_install(f, false);
}
