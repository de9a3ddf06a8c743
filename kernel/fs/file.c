/*
 * kernel/fs/file.c - struct file reference counting and the per-process
 * descriptor table (Linux: fs/file.c, fs/file_table.c, fs/fs_struct.c).
 *
 * Invariants: files->fd[i] holds one f_count reference; a slot >= max_fds
 * is free; the table only grows (doubling), bounded by RLIMIT_NOFILE at
 * allocation time, as Linux's alloc_fd.  The close-on-exec bit of a free
 * slot is always clear.
 */
#include "kernel/fs/file.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/kmalloc.h"
#include "proc/task.h"

#define BITS_PER_LONG 64
#ifndef RLIMIT_NOFILE
#define RLIMIT_NOFILE 7
#endif

struct file *file_alloc(struct inode *inode, unsigned int flags,
			const struct file_operations *fop)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	f->f_count = 1;
	f->f_flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	if (flags & O_PATH)
		f->f_mode = FMODE_PATH;
	else if ((flags & O_ACCMODE) == O_RDONLY)
		f->f_mode = FMODE_READ;
	else if ((flags & O_ACCMODE) == O_WRONLY)
		f->f_mode = FMODE_WRITE;
	else if ((flags & O_ACCMODE) == O_RDWR)
		f->f_mode = FMODE_READ | FMODE_WRITE;
	f->f_inode = inode;
	f->f_op = fop;
	if (inode)
		inode_get(inode);
	return f;
}

void fget_raw(struct file *f)
{
	f->f_count++;
}

void fput(struct file *f)
{
	if (--f->f_count > 0)
		return;
	if (f->f_op && f->f_op->release && !(f->f_mode & FMODE_PATH))
		f->f_op->release(f->f_inode, f);
	if (f->f_inode)
		inode_put(f->f_inode);
	kfree(f);
}

struct file *fget(int fd)
{
	struct files *files = current->files;
	struct file *f;

	if (!files || fd < 0 || (unsigned int)fd >= files->max_fds)
		return NULL;
	f = files->fd[fd];
	if (f)
		fget_raw(f);
	return f;
}

static bool test_bit(const unsigned long *map, unsigned int i)
{
	return map[i / BITS_PER_LONG] >> (i % BITS_PER_LONG) & 1;
}

static void assign_bit(unsigned long *map, unsigned int i, bool on)
{
	unsigned long m = 1UL << (i % BITS_PER_LONG);

	if (on)
		map[i / BITS_PER_LONG] |= m;
	else
		map[i / BITS_PER_LONG] &= ~m;
}

/* Make room for slot @nr; -EMFILE past the hard ceiling, -ENOMEM. */
static int expand_files(struct files *files, unsigned int nr)
{
	unsigned int n = files->max_fds;
	struct file **fd;
	unsigned long *bits;

	if (nr < n)
		return 0;
	if (nr >= FDTABLE_CEILING)
		return -EMFILE;
	while (n <= nr)
		n *= 2;
	fd = kzalloc(n * sizeof(*fd), GFP_KERNEL);
	bits = kzalloc(n / 8, GFP_KERNEL);
	if (!fd || !bits) {
		kfree(fd);
		kfree(bits);
		return -ENOMEM;
	}
	memcpy(fd, files->fd, files->max_fds * sizeof(*fd));
	memcpy(bits, files->close_on_exec, files->max_fds / 8);
	kfree(files->fd);
	kfree(files->close_on_exec);
	files->fd = fd;
	files->close_on_exec = bits;
	files->max_fds = n;
	return 0;
}

int fd_install_from(struct file *f, unsigned int start, bool cloexec)
{
	struct files *files = current->files;
	unsigned long limit = current->rlim[RLIMIT_NOFILE].rlim_cur;
	unsigned int fd;
	int err;

	for (fd = start; fd < files->max_fds && files->fd[fd]; fd++)
		;
	if (fd >= limit)
		return -EMFILE;
	err = expand_files(files, fd);
	if (err)
		return err;
	files->fd[fd] = f;
	assign_bit(files->close_on_exec, fd, cloexec);
	return (int)fd;
}

int close_fd(unsigned int fd)
{
	struct files *files = current->files;
	struct file *f;

	if (fd >= files->max_fds || !(f = files->fd[fd]))
		return -EBADF;
	files->fd[fd] = NULL;
	assign_bit(files->close_on_exec, fd, false);
	fput(f);
	return 0;
}

/* Put @f (the caller's reference) at @fd, closing what was there (dup2). */
int replace_fd(unsigned int fd, struct file *f, bool cloexec)
{
	struct files *files = current->files;
	struct file *old;
	int err;

	if (fd >= current->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EBADF;
	err = expand_files(files, fd);
	if (err)
		return err;
	old = files->fd[fd];
	files->fd[fd] = f;
	assign_bit(files->close_on_exec, fd, cloexec);
	if (old)
		fput(old);
	return (int)fd;
}

bool get_close_on_exec(unsigned int fd)
{
	struct files *files = current->files;

	return fd < files->max_fds && test_bit(files->close_on_exec, fd);
}

void set_close_on_exec(unsigned int fd, bool on)
{
	struct files *files = current->files;

	if (fd < files->max_fds && files->fd[fd])
		assign_bit(files->close_on_exec, fd, on);
}

struct files *files_alloc(void)
{
	struct files *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	files->count = 1;
	files->max_fds = FDTABLE_INITIAL;
	files->fd = kzalloc(FDTABLE_INITIAL * sizeof(struct file *), GFP_KERNEL);
	files->close_on_exec = kzalloc(FDTABLE_INITIAL / 8, GFP_KERNEL);
	if (!files->fd || !files->close_on_exec) {
		kfree(files->fd);
		kfree(files->close_on_exec);
		kfree(files);
		return NULL;
	}
	return files;
}

/* fork: the child's table names the same open files. */
struct files *dup_files(struct files *old)
{
	struct files *files = files_alloc();

	if (!files)
		return NULL;
	if (old && expand_files(files, old->max_fds - 1)) {
		put_files(files);
		return NULL;
	}
	for (unsigned int i = 0; old && i < old->max_fds; i++) {
		files->fd[i] = old->fd[i];
		if (files->fd[i]) {
			fget_raw(files->fd[i]);
			assign_bit(files->close_on_exec, i, test_bit(old->close_on_exec, i));
		}
	}
	return files;
}

void put_files(struct files *files)
{
	if (!files || --files->count > 0)
		return;
	for (unsigned int i = 0; i < files->max_fds; i++)
		if (files->fd[i])
			fput(files->fd[i]);
	kfree(files->fd);
	kfree(files->close_on_exec);
	kfree(files);
}

void do_close_on_exec(struct files *files)
{
	for (unsigned int i = 0; i < files->max_fds; i++) {
		if (!test_bit(files->close_on_exec, i))
			continue;
		assign_bit(files->close_on_exec, i, false);
		if (files->fd[i]) {
			fput(files->fd[i]);
			files->fd[i] = NULL;
		}
	}
}

struct fs_struct *fs_alloc(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->count = 1;
	fs->umask = 022;
	fs->pwd = root_inode;
	inode_get(root_inode);
	return fs;
}

struct fs_struct *copy_fs(struct fs_struct *old)
{
	struct fs_struct *fs = fs_alloc();

	if (fs && old) {
		fs->umask = old->umask;
		inode_put(fs->pwd);
		fs->pwd = old->pwd;
		inode_get(fs->pwd);
	}
	return fs;
}

void put_fs(struct fs_struct *fs)
{
	if (!fs || --fs->count > 0)
		return;
	inode_put(fs->pwd);
	kfree(fs);
}
