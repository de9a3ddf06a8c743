/*
 * kernel/printk.c - the kernel's message path: format, store in the log
 * ring with a timestamp and level, and echo whole lines to the console
 * when the level is below console_loglevel (Linux's rule).
 *
 * Locking: everything runs with interrupts off, so printk is safe from
 * interrupt handlers and exception paths.  A partial line (no trailing
 * newline) is kept in cont_buf until the line is finished.
 */
#include "kernel/printk.h"
#include "proc/wait.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/param.h"
#include "kernel/serial.h"
#include "kernel/time.h"
#include "kernel/x86.h"

int console_loglevel = 7;
struct log_ring log_ring;
static char log_buf[LOG_BUF_LEN] __aligned(8);
static int console_port;		/* 0: ttyS0, 1: ttyS1, -1: none */

static char cont_buf[1024];
static size_t cont_len;
static int cont_level;
static uint64_t cont_ts;

void console_write(const char *s, size_t len)
{
	if (console_port >= 0)
		serial_write(console_port, s, len);
}

static void console_emit(const struct log_rec *rec)
{
	char line[1200];
	size_t n;

	if (rec->level >= console_loglevel)
		return;
	n = log_format_record(line, sizeof(line), rec, false);
	if (n > sizeof(line))
		n = sizeof(line);
	console_write(line, n);
}

struct wait_queue_head log_wait = WAIT_QUEUE_HEAD_INIT(log_wait);

static void log_commit(int facility, int level, uint64_t ts,
		       const char *text, size_t len)
{
	uint64_t seq;

	if (!log_ring.buf)
		log_ring_init(&log_ring, log_buf, sizeof(log_buf));
	seq = log_ring_store(&log_ring, facility, level, ts, text, len);
	console_emit(log_ring_get(&log_ring, seq));
	if (!list_empty(&log_wait.head))
		wake_up(&log_wait);
}

static void cont_flush(void)
{
	if (!cont_len)
		return;
	log_commit(0, cont_level, cont_ts, cont_buf, cont_len);
	cont_len = 0;
}

/* Split off a KERN_<LEVEL> prefix: returns the level, or -1 / 'c'. */
static int parse_level(const char **textp)
{
	const char *t = *textp;
	int level = -1;

	while (t[0] == KERN_SOH[0] && t[1]) {
		if (t[1] >= '0' && t[1] <= '7')
			level = t[1] - '0';
		else if (t[1] == 'c')
			level = level < 0 ? 'c' : level;
		t += 2;
	}
	*textp = t;
	return level;
}

int vprintk(const char *fmt, va_list ap)
{
	char text[1024];
	const char *t = text;
	unsigned long flags;
	int n, level;
	size_t len;

	n = vsnprintf(text, sizeof(text), fmt, ap);
	flags = local_irq_save();
	level = parse_level(&t);
	len = strlen(t);
	if (level != 'c')
		cont_flush();
	if (level == 'c' && !cont_len)
		level = LOGLEVEL_DEFAULT;
	if (!cont_len) {
		cont_level = level < 0 || level == 'c' ? LOGLEVEL_DEFAULT : level;
		cont_ts = ktime_get_ns();
	}
	len = MIN(len, sizeof(cont_buf) - cont_len);
	memcpy(cont_buf + cont_len, t, len);
	cont_len += len;
	if (cont_len && cont_buf[cont_len - 1] == '\n') {
		cont_len--;
		if (cont_len == 0)	/* an empty line is still a record */
			log_commit(0, cont_level, cont_ts, "", 0);
		cont_flush();
	}
	local_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void printk_user(int facility, int level, const char *text, size_t len)
{
	unsigned long flags = local_irq_save();

	cont_flush();
	if (len && text[len - 1] == '\n')
		len--;		/* one: vprintk_store's LOG_NEWLINE */
	log_commit(facility, level, ktime_get_ns(), text, len);
	local_irq_restore(flags);
}

static const char *cmdline_value(const char *cmdline, const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = cmdline; *p; ) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, key, klen) && (p == cmdline || p[-1] == ' '))
			return p + klen;
		while (*p && *p != ' ')
			p++;
	}
	return NULL;
}

void printk_setup(const char *cmdline)
{
	const char *v;

	if (cmdline_value(cmdline, "quiet"))
		console_loglevel = 4;
	v = cmdline_value(cmdline, "loglevel=");
	if (v && *v >= '0' && *v <= '9')
		console_loglevel = *v - '0';
	/* The last console= wins, as for Linux's /dev/console. */
	for (const char *p = cmdline; (v = cmdline_value(p, "console=")); p = v) {
		if (!strncmp(v, "ttyS0", 5))
			console_port = 0;
		else if (!strncmp(v, "ttyS1", 5))
			console_port = 1;
		else if (!strncmp(v, "null", 4))
			console_port = -1;
	}
}

bool ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	unsigned long now = jiffies;

	if (!rs->begin)
		rs->begin = now ? now : 1;
	if (now - rs->begin > (unsigned long)rs->interval) {	/* 6.1: begin + interval is past */
		if (!(rs->flags & RATELIMIT_MSG_ON_RELEASE)) {
			if (rs->missed)
				printk(KERN_WARNING "%s: %d callbacks suppressed\n", func, rs->missed);
			rs->missed = 0;
		}
		rs->begin = now ? now : 1;
		rs->printed = 0;
	}
	if (rs->printed < rs->burst) {
		rs->printed++;
		return true;
	}
	rs->missed++;
	return false;
}
