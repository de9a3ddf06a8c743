/*
 * kernel/fs/pipe.h - pipes and FIFOs (Linux: fs/pipe.c).
 */
#ifndef KERNEL_FS_PIPE_H
#define KERNEL_FS_PIPE_H

#include "kernel/types.h"

struct file;
struct file_operations;
struct task;

#define PIPE_BUF		4096	/* writes up to this size are atomic */
#define PIPE_DEF_BUFFERS	16	/* pages: 64 KiB by default */
#define PIPE_MAX_SIZE		(1024 * 1024)	/* fs.pipe-max-size */

extern const struct file_operations fifo_fops;

long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg);
/* Linux's send_sig; the signal code provides the real one. */
int send_sig(int sig, struct task *t, int priv);

#endif
