/*
 * kernel/drivers/mem.c - the memory character devices of major 1:
 * /dev/null, /dev/zero, /dev/full, /dev/random, /dev/urandom and
 * /dev/kmsg (Linux: drivers/char/mem.c, kernel/printk/printk.c).
 *
 * /dev/kmsg: each read returns one record, "level,seq,usec,-;text\n"
 * (facility folded into the level as Linux's prefix does), blocking
 * until there is one; a reader that fell behind the ring gets EPIPE once
 * and continues from the oldest record.  A write becomes one record;
 * a leading "<N>" gives its level and facility (default: user, notice).
 */
#include "kernel/fs/file.h"
#include "kernel/fs/char_dev.h"
#include "kernel/fs/poll.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
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

struct kmsg_user {
	uint64_t seq;
};

static int kmsg_open(struct inode *inode, struct file *f)
{
	struct kmsg_user *u = kzalloc(sizeof(*u), GFP_KERNEL);

	if (!u)
		return -ENOMEM;
	if ((f->f_mode & FMODE_READ) && !capable(CAP_SYS_ADMIN)) {
		kfree(u);
		return -EPERM;		/* dmesg_restrict = 1, as Debian */
	}
	u->seq = log_ring.first_seq;
	f->private_data = u;
	return 0;
}

static void kmsg_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
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
	if (n > len)
		return -EINVAL;
	line = kmalloc(n + 1, GFP_KERNEL);
	if (!line)
		return -ENOMEM;
	log_format_kmsg(line, n + 1, rec);
	ret = copy_to_user(ubuf, line, n) ? -EFAULT : (long)n;
	kfree(line);
	if (ret > 0)
		u->seq++;
	return ret;
}

static long kmsg_write(struct file *f, const char *ubuf, size_t len, long *ppos)
{
	int level = 5, facility = 1;	/* LOG_NOTICE, LOG_USER */
	char *buf, *text;
	size_t n = MIN(len, (size_t)1023);

	buf = kmalloc(n + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (copy_from_user(buf, ubuf, n)) {
		kfree(buf);
		return -EFAULT;
	}
	buf[n] = 0;
	text = buf;
	if (text[0] == '<') {
		char *end = text + 1;
		unsigned long v = 0;

		while (*end >= '0' && *end <= '9' && v < 1024)
			v = v * 10 + (unsigned long)(*end++ - '0');
		if (*end == '>' && end > text + 1) {
			level = (int)(v & 7);
			facility = (int)(v >> 3);
			if (facility == 0)
				facility = 1;	/* user space may not pose as the kernel */
			text = end + 1;
		}
	}
	printk_user(facility, level, text, strlen(text));
	kfree(buf);
	return (long)len;
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
