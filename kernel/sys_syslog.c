/*
 * kernel/sys_syslog.c - syslog(2), the interface busybox's dmesg uses:
 * records formatted as "<level>[time] text\n" (Linux's syslog format with
 * printk.time on).  Like Debian's kernel (dmesg_restrict = 1), every
 * action needs CAP_SYSLOG, which uid 0 holds (CAP_SYS_ADMIN alone still
 * works, with 6.1's one-time deprecation warning).  SYSLOG_ACTION_READ
 * hands out as many whole records as fit, or, when not even the first
 * does, the part that fits, remembering where it stopped (6.1's
 * syslog_partial), so a small buffer still makes progress.
 * Linux: kernel/printk/printk.c.
 */
#include "kernel/printk.h"
#include "kernel/errno.h"
#include "kernel/param.h"
#include "kernel/lib/string.h"
#include "mm/uaccess.h"
#include "mm/kmalloc.h"
#include "proc/task.h"
#include "proc/wait.h"
#include "kernel/x86.h"

enum {
	SYSLOG_ACTION_CLOSE, SYSLOG_ACTION_OPEN, SYSLOG_ACTION_READ,
	SYSLOG_ACTION_READ_ALL, SYSLOG_ACTION_READ_CLEAR, SYSLOG_ACTION_CLEAR,
	SYSLOG_ACTION_CONSOLE_OFF, SYSLOG_ACTION_CONSOLE_ON,
	SYSLOG_ACTION_CONSOLE_LEVEL, SYSLOG_ACTION_SIZE_UNREAD,
	SYSLOG_ACTION_SIZE_BUFFER,
};

static int saved_console_loglevel = -1;
static uint64_t syslog_seq;		/* next record SYSLOG_ACTION_READ returns */
static size_t syslog_partial;		/* bytes of it already returned */

bool syslog_permitted(void)
{
	static bool warned;

	if (capable(CAP_SYSLOG))
		return true;
	if (!capable(CAP_SYS_ADMIN))
		return false;
	if (!warned) {
		warned = true;
		pr_warn("printk: %s (%d): Attempt to access syslog with CAP_SYS_ADMIN but no "
			"CAP_SYSLOG (deprecated).\n", current->comm, current->pid);
	}
	return true;
}

static size_t record_len(uint64_t seq)
{
	const struct log_rec *r = log_ring_get(&log_ring, seq);

	return r ? log_format_record(NULL, 0, r, true) : 0;
}

/*
 * READ_ALL: the newest records that fit in @len bytes, oldest first, as
 * Linux's syslog_print_all.  Formats into a kernel buffer, then copies.
 */
static long read_all(char *ubuf, size_t len, bool clear)
{
	unsigned long flags = local_irq_save();
	uint64_t seq = log_ring.clear_seq > log_ring.first_seq ? log_ring.clear_seq
							      : log_ring.first_seq;
	uint64_t end = log_ring.next_seq;
	size_t total = 0, out = 0;
	char *kbuf;
	long ret;

	local_irq_restore(flags);
	for (uint64_t s = seq; s < end; s++)
		total += record_len(s);
	while (total > len && seq < end)	/* drop the oldest until it fits */
		total -= record_len(seq++);
	kbuf = kmalloc(total ? total : 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	for (uint64_t s = seq; s < end; s++) {
		const struct log_rec *r = log_ring_get(&log_ring, s);
		if (r)
			out += log_format_record(kbuf + out, total - out, r, true);
	}
	out = MIN(out, total);
	ret = copy_to_user(ubuf, kbuf, out) ? -EFAULT : (long)out;
	kfree(kbuf);
	if (clear && ret >= 0)
		log_ring.clear_seq = end;
	return ret;
}

/* READ: records not yet read this way, sleeping until there is one (6.1's syslog_print). */
static long read_new(char *ubuf, size_t len)
{
	char line[1200];
	size_t out = 0;

	if (wait_event_interruptible(log_wait, syslog_seq < log_ring.next_seq))
		return -ERESTARTSYS;
	if (syslog_seq < log_ring.first_seq) {
		syslog_seq = log_ring.first_seq;	/* overwritten: from the oldest left */
		syslog_partial = 0;
	}
	while (syslog_seq < log_ring.next_seq && out < len) {
		const struct log_rec *r = log_ring_get(&log_ring, syslog_seq);
		size_t n = r ? log_format_record(line, sizeof(line), r, true) : 0;
		size_t skip = syslog_partial;

		n = MIN(n, sizeof(line));
		if (n - skip <= len - out) {		/* the rest of it fits */
			n -= skip;
			syslog_seq++;
			syslog_partial = 0;
		} else if (!out) {			/* only a part: remember where */
			n = len;
			syslog_partial += n;
		} else {
			break;
		}
		if (copy_to_user(ubuf + out, line + skip, n))
			return out ? (long)out : -EFAULT;
		out += n;
	}
	return (long)out;
}

long sys_syslog(unsigned long type, unsigned long ubuf, unsigned long ulen,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	int len = (int)ulen;

	if (!syslog_permitted())
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!ubuf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!user_range_ok(ubuf, (size_t)len))
			return -EFAULT;
		if (type == SYSLOG_ACTION_READ)
			return read_new((char *)ubuf, (size_t)len);
		return read_all((char *)ubuf, (size_t)len, type == SYSLOG_ACTION_READ_CLEAR);
	case SYSLOG_ACTION_CLEAR:
		log_ring.clear_seq = log_ring.next_seq;
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel == -1)
			saved_console_loglevel = console_loglevel;
		console_loglevel = 1;		/* minimum_console_loglevel */
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel != -1) {
			console_loglevel = saved_console_loglevel;
			saved_console_loglevel = -1;
		}
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = len;
		saved_console_loglevel = -1;
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD: {
		long n = 0;
		if (syslog_seq < log_ring.first_seq) {
			syslog_seq = log_ring.first_seq;
			syslog_partial = 0;
		}
		for (uint64_t s = syslog_seq; s < log_ring.next_seq; s++)
			n += (long)record_len(s);
		return n - (long)syslog_partial;
	}
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	}
	return -EINVAL;
}
