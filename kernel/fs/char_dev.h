/*
 * kernel/fs/char_dev.h - character devices by major/minor number, and
 * the /dev nodes that name them (Linux: fs/char_dev.c, devtmpfs).
 */
#ifndef KERNEL_FS_CHAR_DEV_H
#define KERNEL_FS_CHAR_DEV_H

#include "kernel/types.h"

struct file_operations;

/* Every S_IFCHR inode opens through this; it finds the driver by rdev. */
extern const struct file_operations def_chr_fops;

/* Register a driver for (@major, @minor) and create /dev/@name for it. */
int register_chrdev(unsigned int major, unsigned int minor, const char *name,
		    mode_t mode, const struct file_operations *fops);
/* The memory devices, the terminals: called once the root exists. */
void chr_dev_init(void);

#endif
