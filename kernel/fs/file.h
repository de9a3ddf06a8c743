/*
 * kernel/fs/file.h - open files and the per-process tables that name them.
 *
 * A struct file is one open(2): an offset, the open flags and the
 * operations of whatever it names (a tmpfs file or directory, a pipe, a
 * character device).  File descriptors are indices into a process's
 * struct files; fork copies the table (both processes then share each
 * struct file and its offset, as on Linux), CLONE_FILES would share it.
 *
 * Lifetime: f_count counts descriptor slots plus short-lived lookups
 * (fget); the last fput calls f_op->release and drops the inode.
 * Synchronization: one CPU and a non-preemptible kernel; a syscall that
 * sleeps holds its own fget reference, so a concurrent close by a
 * process sharing the table cannot free the file under it.
 */
#ifndef KERNEL_FS_FILE_H
#define KERNEL_FS_FILE_H

#include "kernel/types.h"
#include "kernel/fs/vfs.h"

/* open(2) flags, Linux x86-64 values */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DSYNC		00010000
#define O_ASYNC		00020000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define __O_SYNC	04000000
#define O_PATH		010000000
#define __O_TMPFILE	020000000

/* Flags open(2) accepts at all; others are silently ignored, as Linux. */
#define VALID_OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | \
	O_APPEND | O_NONBLOCK | O_DSYNC | O_ASYNC | O_DIRECT | O_LARGEFILE | \
	O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | __O_SYNC | O_PATH | __O_TMPFILE)
/* The status flags F_SETFL may change. */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

#define AT_FDCWD		(-100)
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EACCESS		0x200
#define AT_REMOVEDIR		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000

#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_LSEEK	0x4
#define FMODE_EXCL	0x80	/* opened with O_EXCL */
#define FMODE_PATH	0x4000	/* O_PATH: no I/O at all */

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

#define MAX_RW_COUNT	0x7ffff000L	/* Linux caps one read/write at this */

struct file;
struct pipe;
struct poll_table;

/* An iovec of readv/writev, copied in (user addresses). */
struct iovec { unsigned long base, len; };

struct file_operations {
	long (*read)(struct file *f, char *ubuf, size_t len, long *ppos);
	long (*write)(struct file *f, const char *ubuf, size_t len, long *ppos);
	long (*llseek)(struct file *f, long off, int whence);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* Fill @ubuf with linux_dirent64 records from f_pos on (filldir64). */
	long (*getdents)(struct file *f, void *ubuf, size_t len);
	/* POLL* readiness; queue on @pt's wait queues when @pt (kernel/fs/poll.h). */
	unsigned int (*poll)(struct file *f, struct poll_table *pt);
	int (*open)(struct inode *inode, struct file *f);
	void (*release)(struct inode *inode, struct file *f);
	/*
	 * Reads and writes of 0 bytes reach .read/.write, as Linux passes them
	 * on (an empty oom_score_adj write is EINVAL, an empty /dev/kmsg write
	 * a record); without it they return 0 before the file sees them.
	 */
	bool zero_length_io;
	/* writev as one call (Linux's write_iter), where a write is one record: /dev/kmsg. */
	long (*writev)(struct file *f, const struct iovec *iov, unsigned long cnt, size_t total);
};

struct file {
	int f_count;
	unsigned int f_flags;		/* O_* as opened, less O_CREAT/O_EXCL/... */
	unsigned int f_mode;		/* FMODE_* */
	long f_pos;
	struct inode *f_inode;
	const struct file_operations *f_op;
	void *private_data;		/* the pipe, the tty */
};

struct files {
	int count;			/* tasks sharing this table */
	unsigned int max_fds;		/* length of fd[] */
	struct file **fd;
	unsigned long *close_on_exec;	/* one bit per slot */
};

struct fs_struct {
	int count;
	unsigned int umask;
	struct inode *pwd;		/* a reference */
};

#define FDTABLE_INITIAL	64	/* slots; grows by doubling */
#define FDTABLE_CEILING	(1024 * 1024)	/* fs.nr_open */

struct file *file_alloc(struct inode *inode, unsigned int flags,
			const struct file_operations *fop);
void fget_raw(struct file *f);
void fput(struct file *f);
/* The file behind @fd of the current process with a reference, or NULL. */
struct file *fget(int fd);
/* Install @f at the lowest free fd >= @start; returns it or -EMFILE. */
int fd_install_from(struct file *f, unsigned int start, bool cloexec);
static inline int fd_install(struct file *f, bool cloexec)
{
	return fd_install_from(f, 0, cloexec);
}
int close_fd(unsigned int fd);
int replace_fd(unsigned int fd, struct file *f, bool cloexec);
bool get_close_on_exec(unsigned int fd);
void set_close_on_exec(unsigned int fd, bool on);

struct files *files_alloc(void);
struct files *dup_files(struct files *old);
void put_files(struct files *files);
void do_close_on_exec(struct files *files);
struct fs_struct *fs_alloc(void);
struct fs_struct *copy_fs(struct fs_struct *old);
void put_fs(struct fs_struct *fs);

/* Write kernel memory through @f's ->write (sendfile). */
long kernel_write(struct file *f, const void *buf, size_t len, long *ppos);
/* Generic llseek on an inode with a size. */
long generic_file_llseek(struct file *f, long off, int whence);
/* Open @path (already in kernel memory) relative to @dfd. */
struct file *do_filp_open(int dfd, const char *path, unsigned int flags, mode_t mode);
/* Give the init task fds 0, 1 and 2 on /dev/console. */
void console_on_rootfs(void);

extern const struct file_operations tmpfs_file_ops, tmpfs_dir_ops;

/*
 * getdents64's record writer (Linux's filldir64): append one
 * linux_dirent64 for @name (d_off @next, d_type from @mode) at *@used of
 * the user buffer; false when it does not fit, or faults (*@err = -EFAULT).
 */
bool filldir64(char *ubuf, size_t len, size_t *used, int *err, unsigned long ino, long next,
	       mode_t mode, const char *name);

#endif
