/*
 * kernel/fs/pipe.c - pipes and FIFOs with Linux's semantics (fs/pipe.c).
 *
 * A pipe is a ring of page-sized buffers (16 by default, 64 KiB).  A
 * write first tops up the last buffer when its whole tail fits, then
 * fills fresh pages, so a write of up to PIPE_BUF bytes never straddles
 * two buffers and is atomic; a longer one may be split and interleaved.
 * The pipe is full when every slot holds a buffer, however little each
 * holds.  Reads drain from the oldest buffer and return what is there
 * (a short read) rather than wait for more.
 *
 * Ends: each open file counts as a reader and/or a writer.  No writers
 * left: read returns 0 (EOF).  No readers: write raises SIGPIPE and
 * fails with EPIPE.  Blocking calls sleep interruptibly, so a signal
 * ends them with -ERESTARTSYS (EINTR or a restart, per SA_RESTART).
 * Synchronization: one CPU, non-preemptible kernel; a sleeper re-checks
 * its condition after every wake-up.
 */
#include "kernel/fs/pipe.h"
#include "kernel/fs/file.h"
#include "kernel/fs/poll.h"
#include "kernel/errno.h"
#include "kernel/syscall.h"
#include "kernel/lib/string.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "proc/sched.h"

struct pipe_buffer {
	struct page *page;
	unsigned int offset, len;
};

struct pipe {
	unsigned int head, tail;	/* free-running slot counters */
	unsigned int ring_size;		/* slots in bufs[], a power of two */
	unsigned int readers, writers;	/* open ends */
	unsigned int r_counter, w_counter;	/* opens ever, for FIFO waits */
	unsigned int files;		/* struct files pointing here */
	struct pipe_buffer *bufs;
	struct wait_queue_head rd_wait, wr_wait;
};

static bool pipe_empty(struct pipe *p)
{
	return p->head == p->tail;
}

static bool pipe_full(struct pipe *p)
{
	return p->head - p->tail >= p->ring_size;
}

static struct pipe_buffer *slot(struct pipe *p, unsigned int n)
{
	return &p->bufs[n & (p->ring_size - 1)];
}

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->ring_size = PIPE_DEF_BUFFERS;
	p->bufs = kzalloc(PIPE_DEF_BUFFERS * sizeof(*p->bufs), GFP_KERNEL);
	if (!p->bufs) {
		kfree(p);
		return NULL;
	}
	init_waitqueue_head(&p->rd_wait);
	init_waitqueue_head(&p->wr_wait);
	return p;
}

static void pipe_free(struct pipe *p)
{
	while (!pipe_empty(p))
		__free_pages(slot(p, p->tail++)->page, 0);
	kfree(p->bufs);
	kfree(p);
}

static long pipe_read(struct file *f, char *ubuf, size_t len, long *ppos)
{
	struct pipe *p = f->private_data;
	long ret = 0;

	for (;;) {
		if (!pipe_empty(p)) {
			struct pipe_buffer *b = slot(p, p->tail);
			size_t n = MIN(len - (size_t)ret, (size_t)b->len);
			size_t left = copy_to_user(ubuf + ret, (char *)page_address(b->page) + b->offset, n);

			ret += (long)(n - left);
			b->offset += (unsigned int)(n - left);
			b->len -= (unsigned int)(n - left);
			if (!b->len) {
				__free_pages(b->page, 0);
				b->page = NULL;
				p->tail++;
			}
			if (left) {
				if (!ret)
					ret = -EFAULT;
				break;
			}
			if ((size_t)ret == len)
				break;
			continue;
		}
		if (!p->writers || ret)
			break;
		if (f->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		wake_up(&p->wr_wait);
		if (wait_event_interruptible(p->rd_wait, !pipe_empty(p) || !p->writers)) {
			ret = -ERESTARTSYS;
			break;
		}
	}
	if (ret > 0)
		wake_up(&p->wr_wait);
	return ret;
}

/* Top up the last buffer with the sub-page tail of the write, if it fits. */
static long pipe_merge(struct pipe *p, const char *ubuf, size_t len)
{
	size_t chars = len & (PAGE_SIZE - 1);
	struct pipe_buffer *b;

	if (!chars || pipe_empty(p))
		return 0;
	b = slot(p, p->head - 1);
	if (b->offset + b->len + chars > PAGE_SIZE)
		return 0;
	if (copy_from_user((char *)page_address(b->page) + b->offset + b->len, ubuf, chars))
		return -EFAULT;
	b->len += (unsigned int)chars;
	return (long)chars;
}

static long pipe_write(struct file *f, const char *ubuf, size_t len, long *ppos)
{
	struct pipe *p = f->private_data;
	bool was_empty = pipe_empty(p);
	long ret;

	if (!p->readers) {
		send_sig(SIGPIPE, current, 0);
		return -EPIPE;
	}
	ret = pipe_merge(p, ubuf, len);
	if (ret < 0 || (size_t)ret == len)
		goto out;
	for (;;) {
		if (!p->readers) {
			send_sig(SIGPIPE, current, 0);
			if (!ret)
				ret = -EPIPE;
			break;
		}
		if (!pipe_full(p)) {
			struct page *page = alloc_page(GFP_HIGHUSER);
			size_t n = MIN(len - (size_t)ret, PAGE_SIZE), left;
			struct pipe_buffer *b;

			if (!page) {
				if (!ret)
					ret = -ENOMEM;
				break;
			}
			left = copy_from_user(page_address(page), ubuf + ret, n);
			/* A buffer whose copy faulted is dropped whole, as Linux. */
			if (left) {
				__free_pages(page, 0);
				if (!ret)
					ret = -EFAULT;
				break;
			}
			b = slot(p, p->head++);
			*b = (struct pipe_buffer){ page, 0, (unsigned int)n };
			ret += (long)n;
			if ((size_t)ret == len)
				break;
			continue;
		}
		if (f->f_flags & O_NONBLOCK) {
			if (!ret)
				ret = -EAGAIN;
			break;
		}
		wake_up(&p->rd_wait);
		if (wait_event_interruptible(p->wr_wait, !pipe_full(p) || !p->readers)) {
			if (!ret)
				ret = -ERESTARTSYS;
			break;
		}
	}
out:
	if (ret > 0 || was_empty)
		wake_up(&p->rd_wait);
	return ret;
}

#define FIONREAD 0x541b

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe *p = f->private_data;
	int count = 0;

	if (cmd != FIONREAD)
		return -ENOTTY;
	for (unsigned int i = p->tail; i != p->head; i++)
		count += (int)slot(p, i)->len;
	return copy_to_user((void *)arg, &count, sizeof(count)) ? -EFAULT : 0;
}

static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe *p = f->private_data;
	unsigned int mask = 0;

	if (f->f_mode & FMODE_READ) {
		poll_wait(f, &p->rd_wait, pt);
		if (!pipe_empty(p))
			mask |= POLLIN | POLLRDNORM;
		/* Hang-up once the writers that ever were have all gone. */
		if (!p->writers && p->w_counter)
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		poll_wait(f, &p->wr_wait, pt);
		if (!pipe_full(p))
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	return mask;
}

static void pipe_release(struct inode *inode, struct file *f)
{
	struct pipe *p = f->private_data;

	if (f->f_mode & FMODE_READ)
		p->readers--;
	if (f->f_mode & FMODE_WRITE)
		p->writers--;
	wake_up(&p->rd_wait);
	wake_up(&p->wr_wait);
	if (--p->files == 0) {
		if (inode->private == p)	/* a FIFO's pipe goes with its last opener */
			inode->private = NULL;
		pipe_free(p);
	}
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
};

/* Resize the ring, keeping its contents: F_SETPIPE_SZ. */
static long pipe_set_size(struct pipe *p, unsigned long size)
{
	unsigned int slots = 1, used = p->head - p->tail;
	struct pipe_buffer *bufs;

	if (size > PIPE_MAX_SIZE && !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	if (size > (1UL << 31))
		return -EINVAL;
	while ((unsigned long)slots * PAGE_SIZE < size)
		slots *= 2;
	if (slots < used)
		return -EBUSY;
	bufs = kzalloc(slots * sizeof(*bufs), GFP_KERNEL);
	if (!bufs)
		return -ENOMEM;
	for (unsigned int i = 0; i < used; i++)
		bufs[i] = *slot(p, p->tail + i);
	kfree(p->bufs);
	p->bufs = bufs;
	p->tail = 0;
	p->head = used;
	p->ring_size = slots;
	wake_up(&p->wr_wait);
	return (long)slots * PAGE_SIZE;
}

#define F_SETPIPE_SZ	1031

long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe *p = f->private_data;

	if (f->f_op != &pipe_fops)
		return -EBADF;
	if (cmd == F_SETPIPE_SZ)
		return pipe_set_size(p, arg);
	return (long)p->ring_size * PAGE_SIZE;
}

/* pipe(2): one inode, a read file and a write file. */
static int create_pipe_files(struct file **res, unsigned int flags)
{
	struct inode *inode = inode_alloc(S_IFIFO | 0600);
	struct pipe *p = pipe_alloc();

	if (!inode || !p)
		goto fail;
	res[0] = file_alloc(inode, O_RDONLY | (flags & O_NONBLOCK), &pipe_fops);
	res[1] = file_alloc(inode, O_WRONLY | (flags & O_NONBLOCK), &pipe_fops);
	inode_put(inode);		/* the files hold it now */
	inode = NULL;
	if (!res[0] || !res[1]) {
		if (res[0])
			kfree(res[0]);
		if (res[1])
			kfree(res[1]);
		goto fail;
	}
	res[0]->private_data = res[1]->private_data = p;
	p->readers = p->writers = 1;
	p->r_counter = p->w_counter = 1;
	p->files = 2;
	return 0;
fail:
	if (inode)
		inode_put(inode);
	if (p)
		pipe_free(p);
	return -ENOMEM;
}

static long do_pipe2(int *ufds, unsigned long flags)
{
	struct file *files[2] = { NULL, NULL };
	int fds[2], err;

	if (flags & ~(unsigned long)(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(files, (unsigned int)flags);
	if (err)
		return err;
	fds[0] = fd_install(files[0], flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? fds[0] : fd_install(files[1], flags & O_CLOEXEC);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			close_fd((unsigned int)fds[0]);
		else
			fput(files[0]);
		fput(files[1]);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		close_fd((unsigned int)fds[0]);
		close_fd((unsigned int)fds[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_pipe(unsigned long fds, unsigned long a2, unsigned long a3,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_pipe2((int *)fds, 0);
}

long sys_pipe2(unsigned long fds, unsigned long flags, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_pipe2((int *)fds, flags);
}

/*
 * open(2) of a FIFO: read-only waits for a writer and write-only for a
 * reader (ENXIO at once with O_NONBLOCK and no reader); O_RDWR never
 * waits.  The pipe lives while any opener holds it.
 */
static int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe *p = inode->private;
	int err = 0;

	if (!p) {
		p = pipe_alloc();
		if (!p)
			return -ENOMEM;
		inode->private = p;
	}
	f->f_op = &pipe_fops;
	f->f_mode &= ~(unsigned int)FMODE_LSEEK;
	f->private_data = p;
	p->files++;
	if (f->f_mode & FMODE_READ) {
		p->readers++;
		p->r_counter++;
		wake_up(&p->wr_wait);
	}
	if (f->f_mode & FMODE_WRITE) {
		p->writers++;
		p->w_counter++;
		wake_up(&p->rd_wait);
	}
	if (f->f_mode == FMODE_READ && !(f->f_flags & O_NONBLOCK) && !p->writers) {
		unsigned int seen = p->w_counter;

		err = wait_event_interruptible(p->rd_wait, p->w_counter != seen);
	} else if (f->f_mode == FMODE_WRITE && !p->readers) {
		unsigned int seen = p->r_counter;

		err = (f->f_flags & O_NONBLOCK) ? -ENXIO :
			wait_event_interruptible(p->wr_wait, p->r_counter != seen);
	}
	if (err)
		pipe_release(inode, f);
	return err;
}

const struct file_operations fifo_fops = {
	.open = fifo_open,
};
