/*
 * kernel/printk.h - printk with Linux's log levels.  A message starts
 * with an optional KERN_<LEVEL> prefix; one printk call is one record in
 * the log (it may hold several lines).  Text without a trailing newline
 * waits for pr_cont() to finish the line, as on Linux.
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include "kernel/types.h"
#include "kernel/log_ring.h"
#include <stdarg.h>

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"
#define LOGLEVEL_DEFAULT 4	/* printk without a level: KERN_WARNING */

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);
/* Store a message from user space (/dev/kmsg write). */
void printk_user(int facility, int level, const char *text, size_t len);

#define pr_emerg(...)	printk(KERN_EMERG __VA_ARGS__)
#define pr_alert(...)	printk(KERN_ALERT __VA_ARGS__)
#define pr_crit(...)	printk(KERN_CRIT __VA_ARGS__)
#define pr_err(...)	printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...)	printk(KERN_WARNING __VA_ARGS__)
#define pr_notice(...)	printk(KERN_NOTICE __VA_ARGS__)
#define pr_info(...)	printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...)	printk(KERN_DEBUG __VA_ARGS__)
#define pr_cont(...)	printk(KERN_CONT __VA_ARGS__)

extern int console_loglevel;	/* messages with level < this reach the console */
extern struct log_ring log_ring;
struct wait_queue_head;
extern struct wait_queue_head log_wait;	/* /dev/kmsg and syslog READ sleep here */

/* Parse "loglevel=", "quiet" and "console=" from the kernel command line. */
void printk_setup(const char *cmdline);
/* Write to the console directly, bypassing the log (oops, panic). */
void console_write(const char *s, size_t len);

/* Rate limiting, as Linux's ratelimit: @burst messages per @interval ticks. */
struct ratelimit_state {
	unsigned long begin;
	int interval, burst, printed, missed;
	unsigned long flags;	/* RATELIMIT_MSG_ON_RELEASE: the owner reports @missed at the end */
};
#define RATELIMIT_MSG_ON_RELEASE	1

/* May current read the kernel log (syslog(2), /dev/kmsg)?  CAP_SYSLOG, as dmesg_restrict = 1. */
bool syslog_permitted(void);
#define RATELIMIT_INIT(interval_ticks, burst_n) { 0, interval_ticks, burst_n, 0, 0, 0 }
/* Whether to print now; a suppressed run is reported later as "FUNC: N callbacks suppressed". */
bool ___ratelimit(struct ratelimit_state *rs, const char *func);
#define __ratelimit(rs) ___ratelimit(rs, __func__)

#endif
