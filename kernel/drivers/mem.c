/*
 * kernel/drivers/mem.c - the memory character devices of major 1:
 * /dev/null, /dev/zero, /dev/full, /dev/random, /dev/urandom and
 * /dev/kmsg (Linux: drivers/char/mem.c, kernel/printk/printk.c).
 *
 * /dev/kmsg (Linux 6.1: devkmsg_read/devkmsg_write): each read returns
 * one record, "level,seq,usec,-;text\n" (facility folded into the level
 * as Linux's prefix does, control bytes and '\\' as \xNN), blocking
 * until there is one; a reader that fell behind the ring gets EPIPE once
 * and continues from the oldest record; a buffer too small for the record
 * is EINVAL and the record is skipped for that reader.  A write (a writev
 * too) becomes one record, at most 992 bytes: a leading "<N>" gives its
 * level and facility (default: user, warning), one trailing newline is
 * dropped.  Each open file may log 10 records per 5 s (kernel.printk_devkmsg
 * = ratelimit); its close reports how many it lost.  Reading needs
 * CAP_SYSLOG (dmesg_restrict = 1, as Debian), see syslog_permitted.
 */
#include "kernel/fs/file.h"
#include "kernel/fs/char_dev.h"
#include "kernel/fs/poll.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/param.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "proc/task.h"

static long null_read(struct file *f, char *u, size_t len, long *ppos)
{
	return 0;
}

static long null_write(struct file *f, const char *u, size_t len, long *ppos)
{
	return (long)len;
}

static long null_lseek(struct file *f, long off, int whence)
{
	return f->f_pos = 0;
}

static long zero_read(struct file *f, char *u, size_t len, long *ppos)
{
	size_t left = clear_user(u, len);

	return left == len ? -EFAULT : (long)(len - left);
}

static long full_write(struct file *f, const char *u, size_t len, long *ppos)
{
	return -ENOSPC;
}

/* xorshift64*, seeded from the TSC: not cryptographic, never blocks. */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
	if (!rng_state)
		rng_state = rdtsc() | 1;
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static long random_read(struct file *f, char *u, size_t len, long *ppos)
{
	size_t done = 0;

	while (done < len) {
		uint64_t r = rng_next() ^ rdtsc();
		size_t n = MIN(len - done, sizeof(r));

		if (copy_to_user(u + done, &r, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}

#define GRND_NONBLOCK	0x1
#define GRND_RANDOM	0x2
#define GRND_INSECURE	0x4

/* getrandom(2): the same generator; the pool counts as always ready. */
long sys_getrandom(unsigned long ubuf, unsigned long len, unsigned long flags,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	if (flags & ~(unsigned long)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	return random_read(NULL, (char *)ubuf, len, NULL);
}

static const struct file_operations null_fops = {
	.read = null_read, .write = null_write, .llseek = null_lseek,
};
static const struct file_operations zero_fops = {
	.read = zero_read, .write = null_write, .llseek = null_lseek,
};
static const struct file_operations full_fops = {
	.read = zero_read, .write = full_write, .llseek = null_lseek,
};
static const struct file_operations random_fops = {
	.read = random_read, .write = null_write, .llseek = null_lseek,
};

#define LOG_LINE_MAX	992	/* 6.1: CONSOLE_LOG_MAX - PREFIX_MAX */

struct kmsg_user {
	uint64_t seq;
	struct ratelimit_state rs;
};

static int kmsg_open(struct inode *inode, struct file *f)
{
	struct kmsg_user *u = kzalloc(sizeof(*u), GFP_KERNEL);

	if (!u)
		return -ENOMEM;
	if ((f->f_mode & FMODE_READ) && !syslog_permitted()) {
		kfree(u);
		return -EPERM;		/* dmesg_restrict = 1, as Debian */
	}
	u->seq = log_ring.first_seq;
	u->rs = (struct ratelimit_state)RATELIMIT_INIT(5 * HZ, 10);
	u->rs.flags = RATELIMIT_MSG_ON_RELEASE;
	f->private_data = u;
	return 0;
}

static void kmsg_release(struct inode *inode, struct file *f)
{
	struct kmsg_user *u = f->private_data;

	if (u && u->rs.missed)
		printk(KERN_WARNING "printk: %s: %d output lines suppressed due to ratelimiting\n",
		       current->comm, u->rs.missed);
	kfree(u);
}

static long kmsg_read(struct file *f, char *ubuf, size_t len, long *ppos)
{
	struct kmsg_user *u = f->private_data;
	const struct log_rec *rec;
	char *line;
	size_t n;
	long ret;

	while (u->seq >= log_ring.next_seq) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(log_wait, u->seq < log_ring.next_seq))
			return -ERESTARTSYS;
	}
	if (u->seq < log_ring.first_seq) {
		u->seq = log_ring.first_seq;	/* overwritten under us */
		return -EPIPE;
	}
	rec = log_ring_get(&log_ring, u->seq);
	if (!rec)
		return -EPIPE;
	n = log_format_kmsg(NULL, 0, rec);
	if (n > len) {
		u->seq++;		/* 6.1 moves past it first: this reader loses it */
		return -EINVAL;
	}
	line = kmalloc(n + 1, GFP_KERNEL);
	if (!line)
		return -ENOMEM;
	log_format_kmsg(line, n + 1, rec);
	ret = copy_to_user(ubuf, line, n) ? -EFAULT : (long)n;
	kfree(line);
	u->seq++;
	return ret;
}

/* One record from @buf (NUL-terminated): 6.1's prefix rules, then printk_user. */
static void kmsg_emit(char *buf)
{
	int level = 4, facility = 1;	/* default_message_loglevel, LOG_USER */
	char *text = buf;

	if (text[0] == '<') {
		char *end = text + 1;
		unsigned int v = 0;	/* simple_strtoul into an unsigned int: wraps */

		while (*end >= '0' && *end <= '9')
			v = v * 10 + (unsigned int)(*end++ - '0');
		if (*end == '>') {
			level = (int)(v & 7);
			if (v >> 3)
				facility = (int)(v >> 3);	/* 0 stays user: never the kernel's */
			text = end + 1;
		}
	}
	printk_user(facility, level, text, strlen(text));
}

/* A write or writev: the pieces gathered into one record, as 6.1's write_iter. */
static long kmsg_writev(struct file *f, const struct iovec *iov, unsigned long cnt, size_t total)
{
	size_t off = 0;
	char *buf;

	if (total > LOG_LINE_MAX)
		return -EINVAL;
	if (!___ratelimit(&((struct kmsg_user *)f->private_data)->rs, current->comm))
		return (long)total;	/* dropped, counted for the close */
	buf = kmalloc(total + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (unsigned long i = 0; i < cnt; i++) {
		if (copy_from_user(buf + off, (const void *)iov[i].base, iov[i].len)) {
			kfree(buf);
			return -EFAULT;
		}
		off += iov[i].len;
	}
	buf[total] = 0;
	kmsg_emit(buf);
	kfree(buf);
	return (long)total;
}

static long kmsg_write(struct file *f, const char *ubuf, size_t len, long *ppos)
{
	struct iovec one = { (unsigned long)ubuf, len };

	return kmsg_writev(f, &one, 1, len);
}

static unsigned int kmsg_poll(struct file *f, struct poll_table *pt)
{
	struct kmsg_user *u = f->private_data;

	poll_wait(f, &log_wait, pt);
	if (u->seq < log_ring.first_seq)
		return POLLIN | POLLRDNORM | POLLERR | POLLPRI;
	return u->seq < log_ring.next_seq ? POLLIN | POLLRDNORM : 0;
}

static long kmsg_llseek(struct file *f, long off, int whence)
{
	struct kmsg_user *u = f->private_data;

	if (off)
		return -ESPIPE;
	if (whence == SEEK_SET)
		u->seq = log_ring.first_seq;
	else if (whence == SEEK_END)
		u->seq = log_ring.next_seq;
	else if (whence == 3)		/* SEEK_DATA: after the last clear */
		u->seq = MAX(log_ring.clear_seq, log_ring.first_seq);
	else
		return -EINVAL;
	return 0;
}

static const struct file_operations kmsg_fops = {
	.open = kmsg_open, .release = kmsg_release, .read = kmsg_read,
	.write = kmsg_write, .llseek = kmsg_llseek, .poll = kmsg_poll,
	.writev = kmsg_writev, .zero_length_io = true,
};

void mem_devices_init(void)
{
	register_chrdev(1, 3, "null", 0666, &null_fops);
	register_chrdev(1, 5, "zero", 0666, &zero_fops);
	register_chrdev(1, 7, "full", 0666, &full_fops);
	register_chrdev(1, 8, "random", 0666, &random_fops);
	register_chrdev(1, 9, "urandom", 0666, &random_fops);
	register_chrdev(1, 11, "kmsg", 0644, &kmsg_fops);
}
