/*
 * kernel/fs/block_dev.h - block devices: a name, a device number, a size
 * in 512-byte sectors and a synchronous transfer function (block_dev.c).
 */
#ifndef KERNEL_FS_BLOCK_DEV_H
#define KERNEL_FS_BLOCK_DEV_H

#include "kernel/types.h"

struct page;
struct file_operations;

struct block_device {
	const char *name;		/* "vda": /dev/vda, /proc/partitions */
	unsigned int dev;		/* MKDEV(major, minor) */
	uint64_t nr_sectors;
	/* Move @len bytes (a multiple of 512) at physical @buf; 0 or -EIO. */
	int (*rw)(struct block_device *bdev, uint64_t sector, phys_addr_t buf,
		  size_t len, bool write);
	int openers;			/* swapon holds it exclusively: see bd_claim */
	void *holder;
};

extern const struct file_operations def_blk_fops;

/* Make the device known and create /dev/NAME (S_IFBLK 0660). */
int register_block_device(struct block_device *bdev);
struct block_device *lookup_block_device(unsigned int dev);
/* The registered devices in order, for /proc/partitions; NULL past the end. */
struct block_device *block_device_at(int i);
/* Page-sized synchronous I/O on a device (swap): @sector in 512-byte units. */
int bdev_rw_page(struct block_device *bdev, uint64_t sector, struct page *page, bool write);

#endif
