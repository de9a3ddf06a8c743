/*
 * kernel/fs/namei.c - turning path names into inodes, and the calls that
 * change the name space: mkdir, mknod, rmdir, unlink, rename, link,
 * symlink, readlink, chdir, getcwd (Linux: fs/namei.c, fs/d_path.c).
 *
 * A walk holds a reference on the directory it is in and takes one on
 * the next before dropping it, so a concurrent rmdir cannot free a
 * directory under a sleeping walker.  Symlinks are followed in every
 * component but the last unless LOOKUP_FOLLOW (or a trailing '/') asks,
 * at most MAXSYMLINKS deep (ELOOP).  A removed directory (nlink 0) still
 * exists while referenced but has no entries: lookups in it give ENOENT.
 * Permission checks use the fsuid/fsgid, root passes all but exec of a
 * file with no x bit.
 */
#include "kernel/fs/namei.h"
#include "kernel/fs/file.h"
#include "kernel/errno.h"
#include "kernel/param.h"
#include "kernel/syscall.h"
#include "kernel/lib/string.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "proc/task.h"

#define S_IALLUGO (S_ISUID | S_ISGID | S_ISVTX | 0777)
#ifndef CAP_MKNOD
#define CAP_MKNOD 27
#endif

int inode_permission(struct inode *inode, int mask)
{
	unsigned int mode = inode->mode;

	if (inode->iop && inode->iop->permission)
		return inode->iop->permission(inode, mask);
	if (current->cred.fsuid == 0) {
		if ((mask & MAY_EXEC) && !S_ISDIR(mode) && !(mode & 0111))
			return -EACCES;
		return 0;
	}
	if (current->cred.fsuid == inode->uid)
		mode >>= 6;
	else if (in_group_p(inode->gid))
		mode >>= 3;
	return (mask & ~mode & 7) ? -EACCES : 0;
}

bool is_dot_or_dotdot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

char *getname(const char *upath, long *err)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!buf) {
		*err = -ENOMEM;
		return NULL;
	}
	len = strncpy_from_user(buf, upath, PATH_MAX);
	if (len < 0 || len >= PATH_MAX) {
		*err = len < 0 ? len : -ENAMETOOLONG;
		kfree(buf);
		return NULL;
	}
	*err = 0;
	return buf;
}

struct inode *user_path_at(int dfd, const char *upath, unsigned int flags)
{
	long err;
	char *path = getname(upath, &err);
	struct inode *inode;

	if (!path)
		return ERR_PTR(err);
	inode = namei_at(dfd, path, flags);
	kfree(path);
	return inode;
}

/* The directory a relative path starts from: the cwd or @dfd's inode. */
static struct inode *start_dir(int dfd)
{
	struct inode *dir;
	struct file *f;

	if (dfd == AT_FDCWD) {
		inode_get(current->fs->pwd);
		return current->fs->pwd;
	}
	f = fget(dfd);
	if (!f)
		return ERR_PTR(-EBADF);
	dir = f->f_inode;
	inode_get(dir);
	fput(f);
	return dir;
}

/* A symlink whose target a pseudo file system computes (/proc/self). */
static struct inode *follow_computed_link(struct inode *dir, struct inode *link, int depth)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct inode *target;
	long n;

	if (!buf)
		return ERR_PTR(-ENOMEM);
	n = link->iop->get_link(link, buf, PATH_MAX);
	target = n < 0 ? ERR_PTR(n) : walk_from(dir, buf, (size_t)n, LOOKUP_FOLLOW, depth + 1);
	kfree(buf);
	return target;
}

static struct inode *follow_link(struct inode *dir, struct inode *link, int depth)
{
	struct inode *target;
	char *buf;
	long n;

	if (depth >= MAXSYMLINKS)
		return ERR_PTR(-ELOOP);
	if (link->iop && link->iop->get_link)
		return follow_computed_link(dir, link, depth);
	if (link->size <= 0 || link->size >= PATH_MAX)
		return ERR_PTR(-ENOENT);
	buf = kmalloc((size_t)link->size + 1, GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	n = tmpfs_read_kernel(link, 0, buf, (size_t)link->size);
	target = n < 0 ? ERR_PTR(n) : walk_from(dir, buf, (size_t)n, LOOKUP_FOLLOW, depth + 1);
	kfree(buf);
	return target;
}

/* One step of a walk: the entry @name of directory @cur. */
static struct inode *walk_one(struct inode *cur, const char *name, size_t len)
{
	struct inode *next;
	int err;

	if (!S_ISDIR(cur->mode))
		return ERR_PTR(-ENOTDIR);
	err = inode_permission(cur, MAY_EXEC);
	if (err)
		return ERR_PTR(err);
	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	if (cur->nlink == 0)
		return ERR_PTR(-ENOENT);
	next = dir_lookup(cur, name, len);
	return next ? next : ERR_PTR(-ENOENT);
}

struct inode *walk_from(struct inode *dir, const char *path, size_t len,
			unsigned int flags, int depth)
{
	struct inode *cur = (len && path[0] == '/') ? root_inode : dir;
	size_t i = 0;

	inode_get(cur);
	for (;;) {
		struct inode *next;
		size_t start, end;
		bool last;

		while (i < len && path[i] == '/')
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && path[i] != '/')
			i++;
		end = i;
		while (i < len && path[i] == '/')
			i++;
		last = i == len;
		next = walk_one(cur, path + start, end - start);
		if (!IS_ERR(next) && S_ISLNK(next->mode) &&
		    (!last || (flags & LOOKUP_FOLLOW) || end < len)) {
			struct inode *t = follow_link(cur, next, depth);

			inode_put(next);
			next = t;
		}
		inode_put(cur);
		if (IS_ERR(next))
			return next;
		cur = next;
	}
	if ((flags & LOOKUP_DIRECTORY || (len && path[len - 1] == '/')) && !S_ISDIR(cur->mode)) {
		inode_put(cur);
		return ERR_PTR(-ENOTDIR);
	}
	return cur;
}

struct inode *namei_at(int dfd, const char *path, unsigned int flags)
{
	struct inode *dir, *res;

	if (!path[0] && !(flags & LOOKUP_EMPTY))
		return ERR_PTR(-ENOENT);
	dir = path[0] == '/' ? root_inode : start_dir(dfd);
	if (IS_ERR(dir))
		return dir;
	if (path[0] == '/')
		inode_get(dir);
	if (!path[0]) {
		if ((flags & LOOKUP_DIRECTORY) && !S_ISDIR(dir->mode)) {
			inode_put(dir);
			return ERR_PTR(-ENOTDIR);
		}
		return dir;
	}
	if (!S_ISDIR(dir->mode)) {
		inode_put(dir);
		return ERR_PTR(-ENOTDIR);
	}
	res = walk_from(dir, path, strlen(path), flags, 0);
	inode_put(dir);
	return res;
}

int namei_parent(int dfd, const char *path, struct nameparent *np)
{
	size_t len = strlen(path), end, start;
	struct inode *dir;

	if (!len)
		return -ENOENT;
	for (end = len; end > 0 && path[end - 1] == '/'; end--)
		;
	for (start = end; start > 0 && path[start - 1] != '/'; start--)
		;
	np->name = path + start;
	np->len = end - start;
	np->slash = end < len;
	dir = path[0] == '/' ? root_inode : start_dir(dfd);
	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	if (path[0] == '/')
		inode_get(dir);
	np->dir = walk_from(dir, path, start, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, 0);
	inode_put(dir);
	if (IS_ERR(np->dir))
		return (int)PTR_ERR(np->dir);
	if (!S_ISDIR(np->dir->mode)) {
		inode_put(np->dir);
		return -ENOTDIR;
	}
	if (np->len > NAME_MAX) {
		inode_put(np->dir);
		return -ENAMETOOLONG;
	}
	return 0;
}

/* May the caller add or remove names in @dir? */
static int may_change_dir(struct inode *dir)
{
	if (dir->nlink == 0 || dir->iop)
		return -ENOENT;		/* /proc: the lookup of a new name fails */
	return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

/* Sticky directories (/tmp): only the owners (or root) remove a name. */
static int may_delete(struct inode *dir, struct inode *victim)
{
	int err = dir->iop ? -EPERM : may_change_dir(dir);
	uid_t fsuid = current->cred.fsuid;

	if (err)
		return err;
	if ((dir->mode & S_ISVTX) && fsuid != 0 && fsuid != victim->uid && fsuid != dir->uid)
		return -EPERM;
	return 0;
}

/* Create @path as a new inode of @mode (mkdir, mknod, symlink targets). */
static struct inode *create_at(int dfd, const char *path, mode_t mode, long *errp)
{
	struct nameparent np;
	struct inode *inode, *exist;
	int err = namei_parent(dfd, path, &np);

	if (err) {
		*errp = err;
		return NULL;
	}
	exist = np.len ? dir_lookup(np.dir, np.name, np.len) : NULL;
	if (!np.len || is_dot_or_dotdot(np.name, np.len) || exist) {
		if (exist)
			inode_put(exist);
		err = -EEXIST;
	} else if (np.slash && !S_ISDIR(mode)) {
		err = -ENOENT;
	} else {
		err = may_change_dir(np.dir);
	}
	inode = NULL;
	if (!err) {
		inode = dir_create(np.dir, np.name, np.len, mode);
		if (IS_ERR(inode)) {
			err = (int)PTR_ERR(inode);
			inode = NULL;
		}
	}
	inode_put(np.dir);
	*errp = err;
	return inode;
}

static long do_mkdirat(int dfd, const char *upath, mode_t mode)
{
	long err;
	char *path = getname(upath, &err);
	struct inode *inode;

	if (!path)
		return err;
	inode = create_at(dfd, path, S_IFDIR | (mode & ~current->fs->umask & (S_IALLUGO & ~S_ISGID & ~S_ISUID)), &err);
	if (inode)
		inode_put(inode);
	kfree(path);
	return err;
}

long sys_mkdir(unsigned long p, unsigned long mode, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_mkdirat(AT_FDCWD, (const char *)p, (mode_t)mode);
}

long sys_mkdirat(unsigned long dfd, unsigned long p, unsigned long mode,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_mkdirat((int)dfd, (const char *)p, (mode_t)mode);
}

static long do_mknodat(int dfd, const char *upath, mode_t mode, unsigned int dev)
{
	long err;
	char *path;
	struct inode *inode;

	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFCHR: case S_IFBLK:
		if (!capable(CAP_MKNOD))
			return -EPERM;
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	path = getname(upath, &err);
	if (!path)
		return err;
	inode = create_at(dfd, path, (mode & S_IFMT) | (mode & ~current->fs->umask & S_IALLUGO), &err);
	if (inode) {
		/* new_encode_dev: major in bits 8-19, minor split around it */
		inode->rdev = MKDEV((dev >> 8) & 0xfff, (dev & 0xff) | ((dev >> 12) & 0xfff00));
		inode_put(inode);
	}
	kfree(path);
	return err;
}

long sys_mknod(unsigned long p, unsigned long mode, unsigned long dev,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_mknodat(AT_FDCWD, (const char *)p, (mode_t)mode, (unsigned int)dev);
}

long sys_mknodat(unsigned long dfd, unsigned long p, unsigned long mode,
		 unsigned long dev, unsigned long a5, unsigned long a6)
{
	return do_mknodat((int)dfd, (const char *)p, (mode_t)mode, (unsigned int)dev);
}

static long do_rmdir(int dfd, const char *path)
{
	struct nameparent np;
	struct inode *victim;
	long err = namei_parent(dfd, path, &np);

	if (err)
		return err;
	if (!np.len)
		err = -EBUSY;
	else if (np.len == 1 && np.name[0] == '.')
		err = -EINVAL;
	else if (np.len == 2 && np.name[0] == '.' && np.name[1] == '.')
		err = -ENOTEMPTY;
	if (err)
		goto out;
	victim = dir_lookup(np.dir, np.name, np.len);
	if (!victim) {
		err = -ENOENT;
		goto out;
	}
	if (!S_ISDIR(victim->mode))
		err = -ENOTDIR;
	else if (victim == root_inode || victim->dev != np.dir->dev)
		err = -EBUSY;		/* a root or a mount point (/proc) */
	else if (!dir_is_empty(victim))
		err = -ENOTEMPTY;
	else
		err = may_delete(np.dir, victim);
	if (!err)
		err = dir_unlink(np.dir, np.name, np.len);
	inode_put(victim);
out:
	inode_put(np.dir);
	return err;
}

static long do_unlink(int dfd, const char *path)
{
	struct nameparent np;
	struct inode *victim;
	long err = namei_parent(dfd, path, &np);

	if (err)
		return err;
	if (!np.len || is_dot_or_dotdot(np.name, np.len)) {
		inode_put(np.dir);
		return -EISDIR;
	}
	victim = dir_lookup(np.dir, np.name, np.len);
	if (!victim)
		err = -ENOENT;
	else if (S_ISDIR(victim->mode))
		err = -EISDIR;
	else if (np.slash)
		err = -ENOTDIR;
	else
		err = may_delete(np.dir, victim);
	if (!err)
		err = dir_unlink(np.dir, np.name, np.len);
	if (victim)
		inode_put(victim);
	inode_put(np.dir);
	return err;
}

static long with_path(const char *upath, int dfd, long (*fn)(int, const char *))
{
	long err;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = fn(dfd, path);
	kfree(path);
	return err;
}

long sys_rmdir(unsigned long p, unsigned long a2, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	return with_path((const char *)p, AT_FDCWD, do_rmdir);
}

long sys_unlink(unsigned long p, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	return with_path((const char *)p, AT_FDCWD, do_unlink);
}

long sys_unlinkat(unsigned long dfd, unsigned long p, unsigned long flags,
		  unsigned long a4, unsigned long a5, unsigned long a6)
{
	if (flags & ~(unsigned long)AT_REMOVEDIR)
		return -EINVAL;
	return with_path((const char *)p, (int)dfd, flags ? do_rmdir : do_unlink);
}

/* Is @dir inside @ancestor's subtree (or @ancestor itself)? */
static bool is_subdir(struct inode *dir, struct inode *ancestor)
{
	for (;;) {
		if (dir == ancestor)
			return true;
		if (dir == root_inode || !dir->parent)
			return false;
		dir = dir->parent;
	}
}

static long rename_checks(struct nameparent *o, struct nameparent *n,
			  struct inode *src, struct inode *dst)
{
	long err;

	if (!dst && n->dir->iop)
		return -ENOENT;		/* /proc: the new name's lookup fails first */
	if (S_ISDIR(src->mode)) {
		if (dst && !S_ISDIR(dst->mode))
			return -ENOTDIR;
		if (dst && !dir_is_empty(dst))
			return -ENOTEMPTY;
		if (is_subdir(n->dir, src))
			return -EINVAL;
	} else {
		if (dst && S_ISDIR(dst->mode))
			return -EISDIR;
		if (o->slash || n->slash)
			return -ENOTDIR;
	}
	err = may_delete(o->dir, src);
	if (!err)
		err = dst ? may_delete(n->dir, dst) : may_change_dir(n->dir);
	return err;
}

static long do_renameat(int odfd, const char *opath, int ndfd, const char *npath)
{
	struct nameparent o, n;
	struct inode *src = NULL, *dst = NULL;
	long err = namei_parent(odfd, opath, &o);

	if (err)
		return err;
	err = namei_parent(ndfd, npath, &n);
	if (err) {
		inode_put(o.dir);
		return err;
	}
	if (!o.len || !n.len || is_dot_or_dotdot(o.name, o.len) || is_dot_or_dotdot(n.name, n.len)) {
		err = -EBUSY;
		goto out;
	}
	src = dir_lookup(o.dir, o.name, o.len);
	if (!src) {
		err = -ENOENT;
		goto out;
	}
	if (src->dev != o.dir->dev) {
		err = -EBUSY;		/* a mount point (/proc) stays where it is */
		goto out;
	}
	dst = dir_lookup(n.dir, n.name, n.len);
	if (dst == src)		/* two names of one inode: nothing to do */
		goto out;
	err = rename_checks(&o, &n, src, dst);
	if (err)
		goto out;
	if (dst)
		dir_unlink(n.dir, n.name, n.len);
	err = dir_link(n.dir, n.name, n.len, src);
	if (!err)
		dir_unlink(o.dir, o.name, o.len);
out:
	if (src)
		inode_put(src);
	if (dst)
		inode_put(dst);
	inode_put(o.dir);
	inode_put(n.dir);
	return err;
}

#define RENAME_NOREPLACE	1
#define RENAME_EXCHANGE		2
#define RENAME_WHITEOUT		4

static long renameat2(int odfd, const char *uold, int ndfd, const char *unew, unsigned int flags)
{
	long err;
	char *o, *n;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) || (flags & RENAME_WHITEOUT))
		return -EINVAL;
	o = getname(uold, &err);
	if (!o)
		return err;
	n = getname(unew, &err);
	if (n && (flags & RENAME_NOREPLACE)) {
		struct inode *exist = namei_at(ndfd, n, 0);

		if (!IS_ERR(exist)) {
			inode_put(exist);
			err = -EEXIST;
		}
	}
	if (n && !err)
		err = do_renameat(odfd, o, ndfd, n);
	kfree(o);
	kfree(n);
	return err;
}

long sys_rename(unsigned long o, unsigned long n, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	return renameat2(AT_FDCWD, (const char *)o, AT_FDCWD, (const char *)n, 0);
}

long sys_renameat(unsigned long od, unsigned long o, unsigned long nd,
		  unsigned long n, unsigned long a5, unsigned long a6)
{
	return renameat2((int)od, (const char *)o, (int)nd, (const char *)n, 0);
}

long sys_renameat2(unsigned long od, unsigned long o, unsigned long nd,
		   unsigned long n, unsigned long flags, unsigned long a6)
{
	return renameat2((int)od, (const char *)o, (int)nd, (const char *)n, (unsigned int)flags);
}

static long do_linkat(int odfd, const char *uold, int ndfd, const char *unew, int flags)
{
	struct nameparent np;
	struct inode *src;
	long err;
	char *o, *n = NULL;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	o = getname(uold, &err);
	if (!o)
		return err;
	src = namei_at(odfd, o, (flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0) |
		       (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0));
	if (IS_ERR(src)) {
		err = PTR_ERR(src);
		goto out;
	}
	n = getname(unew, &err);
	if (n && !(err = namei_parent(ndfd, n, &np))) {
		if (S_ISDIR(src->mode))
			err = -EPERM;
		else if (!np.len || is_dot_or_dotdot(np.name, np.len))
			err = -EEXIST;
		else if (!(err = may_change_dir(np.dir)))
			err = dir_link(np.dir, np.name, np.len, src);
		inode_put(np.dir);
	}
	inode_put(src);
out:
	kfree(o);
	kfree(n);
	return err;
}

long sys_link(unsigned long o, unsigned long n, unsigned long a3,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_linkat(AT_FDCWD, (const char *)o, AT_FDCWD, (const char *)n, 0);
}

long sys_linkat(unsigned long od, unsigned long o, unsigned long nd,
		unsigned long n, unsigned long flags, unsigned long a6)
{
	return do_linkat((int)od, (const char *)o, (int)nd, (const char *)n, (int)flags);
}

static long do_symlinkat(const char *utarget, int dfd, const char *upath)
{
	long err;
	char *target = getname(utarget, &err), *path = NULL;
	struct inode *inode;

	if (!target)
		return err;
	if (!target[0]) {
		err = -ENOENT;
		goto out;
	}
	path = getname(upath, &err);
	if (!path)
		goto out;
	inode = create_at(dfd, path, S_IFLNK | 0777, &err);
	if (inode) {
		long n = tmpfs_write_kernel(inode, 0, target, strlen(target));

		if (n < 0)
			err = n;
		inode_put(inode);
	}
out:
	kfree(target);
	kfree(path);
	return err;
}

long sys_symlink(unsigned long t, unsigned long p, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_symlinkat((const char *)t, AT_FDCWD, (const char *)p);
}

long sys_symlinkat(unsigned long t, unsigned long dfd, unsigned long p,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_symlinkat((const char *)t, (int)dfd, (const char *)p);
}

/* The first @size bytes of a symlink's target (not NUL-terminated). */
static long read_link_target(struct inode *link, char *buf, size_t size)
{
	long n;

	if (!link->iop || !link->iop->get_link)
		return tmpfs_read_kernel(link, 0, buf, size);
	n = link->iop->get_link(link, buf, PATH_MAX);
	return n < 0 ? n : (long)MIN((size_t)n, size);
}

static long do_readlinkat(int dfd, const char *upath, char *ubuf, long size)
{
	long err;
	char *path, *buf;
	struct inode *inode;

	if (size <= 0)
		return -EINVAL;
	path = getname(upath, &err);
	if (!path)
		return err;
	inode = namei_at(dfd, path, LOOKUP_EMPTY);
	kfree(path);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	err = -EINVAL;
	if (S_ISLNK(inode->mode) && (buf = kmalloc(PATH_MAX, GFP_KERNEL))) {
		long n = read_link_target(inode, buf, MIN((size_t)size, (size_t)PATH_MAX));

		err = n < 0 ? n : copy_to_user(ubuf, buf, (size_t)n) ? -EFAULT : n;
		kfree(buf);
	} else if (S_ISLNK(inode->mode)) {
		err = -ENOMEM;
	}
	inode_put(inode);
	return err;
}

long sys_readlink(unsigned long p, unsigned long buf, unsigned long size,
		  unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_readlinkat(AT_FDCWD, (const char *)p, (char *)buf, (long)(int)size);
}

long sys_readlinkat(unsigned long dfd, unsigned long p, unsigned long buf,
		    unsigned long size, unsigned long a5, unsigned long a6)
{
	return do_readlinkat((int)dfd, (const char *)p, (char *)buf, (long)(int)size);
}

static long set_pwd(struct inode *dir)
{
	long err = 0;

	if (!S_ISDIR(dir->mode))
		err = -ENOTDIR;
	else
		err = inode_permission(dir, MAY_EXEC);
	if (!err) {
		inode_put(current->fs->pwd);
		current->fs->pwd = dir;
	} else {
		inode_put(dir);
	}
	return err;
}

long sys_chdir(unsigned long p, unsigned long a2, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	long err;
	char *path = getname((const char *)p, &err);
	struct inode *dir;

	if (!path)
		return err;
	dir = namei_at(AT_FDCWD, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	kfree(path);
	return IS_ERR(dir) ? PTR_ERR(dir) : set_pwd(dir);
}

long sys_fchdir(unsigned long fd, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget((int)fd);
	struct inode *dir;

	if (!f)
		return -EBADF;
	dir = f->f_inode;
	inode_get(dir);
	fput(f);
	return set_pwd(dir);
}

/* Build the path of @dir backwards at the end of @buf; returns its start. */
static char *d_path(struct inode *dir, char *buf, size_t size)
{
	char *p = buf + size;

	*--p = 0;
	if (dir == root_inode)
		*--p = '/';
	while (dir != root_inode) {
		struct dentry *d = dir_find_inode(dir->parent, dir);
		size_t n;

		if (!d)
			return ERR_PTR(-ENOENT);
		n = strlen(d->name);
		if ((size_t)(p - buf) < n + 1)
			return ERR_PTR(-ENAMETOOLONG);
		p -= n;
		memcpy(p, d->name, n);
		*--p = '/';
		dir = dir->parent;
	}
	return p;
}

/* The cwd's path into @buf (kernel memory); its length or -errno. */
long sys_getcwd_kernel(char *buf, size_t size)
{
	char *tmp, *p;
	long len;

	if (current->fs->pwd->nlink == 0)
		return -ENOENT;
	tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	p = d_path(current->fs->pwd, tmp, PATH_MAX);
	len = IS_ERR(p) ? PTR_ERR(p) : (long)strlcpy(buf, p, size);
	kfree(tmp);
	return len;
}

long sys_getcwd(unsigned long ubuf, unsigned long size, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	char *buf, *p;
	long len;

	if (current->fs->pwd->nlink == 0)
		return -ENOENT;		/* the cwd was removed */
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	p = d_path(current->fs->pwd, buf, PATH_MAX);
	if (IS_ERR(p)) {
		kfree(buf);
		return PTR_ERR(p);
	}
	len = (long)strlen(p) + 1;
	if ((unsigned long)len > size)
		len = -ERANGE;
	else if (copy_to_user((void *)ubuf, p, (size_t)len))
		len = -EFAULT;
	kfree(buf);
	return len;
}

long sys_umask(unsigned long mask, unsigned long a2, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	unsigned int old = current->fs->umask;

	current->fs->umask = (unsigned int)mask & 0777;
	return old;
}

/* Depth-first search of @dir for @target; builds "/a/b" into @buf. */
static bool find_path(struct inode *dir, const struct inode *target, char *buf, size_t size,
		      size_t len, int depth)
{
	struct dentry *d;

	if (depth > 16 || dir->iop)
		return false;	/* never into /proc */
	list_for_each_entry(d, &dir->entries, node) {
		size_t n = strlen(d->name);

		if (len + 1 + n + 1 > size)
			continue;
		buf[len] = '/';
		memcpy(buf + len + 1, d->name, n + 1);
		if (d->inode == target)
			return true;
		if (S_ISDIR(d->inode->mode) && d->inode != dir &&
		    find_path(d->inode, target, buf, size, len + 1 + n, depth + 1))
			return true;
	}
	buf[len] = 0;
	return false;
}

bool may_write_or_own(struct inode *inode)
{
	return inode->uid == current->cred.fsuid || capable(CAP_FOWNER) ||
	       inode_permission(inode, MAY_WRITE) == 0;
}

bool inode_path(const struct inode *inode, char *buf, size_t size)
{
	buf[0] = 0;
	return inode->nlink && find_path(root_inode, inode, buf, size, 0, 0);
}
