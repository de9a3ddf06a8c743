/*
 * kernel/fs/poll.h - the poll interface between poll/select and files
 * (Linux: include/linux/poll.h).
 *
 * f_op->poll(file, pt) returns the file's POLL* readiness now and, when
 * @pt is not NULL, queues the caller on every wait queue whose wake-up
 * could change the answer (poll_wait).
 */
#ifndef KERNEL_FS_POLL_H
#define KERNEL_FS_POLL_H

#include "kernel/types.h"
#include "proc/wait.h"

struct file;

#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLRDHUP	0x2000

/* What a file without ->poll reports: always ready, as Linux. */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

#define POLL_TABLE_MAX 64

struct poll_table_entry {
	struct wait_queue_entry wait;
	struct wait_queue_head *wq;
};

struct poll_table {
	int nr;
	struct poll_table_entry *entries;	/* POLL_TABLE_MAX of them */
};

void poll_wait(struct file *f, struct wait_queue_head *wq, struct poll_table *pt);

#endif
