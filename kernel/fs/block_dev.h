/*
 * kernel/fs/block_dev.h - block devices: a name, a device number, a size
 * in 512-byte sectors, and requests (struct bio) the driver completes
 * asynchronously (Linux: include/linux/blk_types.h, block/bio.c).
 *
 * A bio moves @len bytes between physical memory at @buf and the disk
 * at @sector.  submit_bio hands it to the driver and returns at once;
 * the driver calls @end_io when the device is done, from its interrupt
 * handler (interrupts off: end_io must not sleep), or before submit_bio
 * returns when it can only poll.  The bio and its buffer belong to the
 * driver until then.
 */
#ifndef KERNEL_FS_BLOCK_DEV_H
#define KERNEL_FS_BLOCK_DEV_H

#include "kernel/types.h"

#include "kernel/list.h"

struct page;
struct file_operations;
struct block_device;

struct bio {
	struct block_device *bdev;
	uint64_t sector;		/* 512-byte units */
	phys_addr_t buf;
	uint32_t len;			/* bytes, a multiple of 512 */
	bool write;
	bool discard;			/* drop the range's data: no buffer (@buf unused) */
	int status;			/* 0, or -EIO, when end_io runs */
	void (*end_io)(struct bio *bio);
	void *private;			/* the submitter's */
	struct list_head queue;		/* the driver's, until it starts the bio */
};

struct block_device {
	const char *name;		/* "vda": /dev/vda, /proc/partitions */
	unsigned int dev;		/* MKDEV(major, minor) */
	uint64_t nr_sectors;
	/* Start @bio, checked to lie on the device (submit_bio). */
	void (*submit)(struct block_device *bdev, struct bio *bio);
	int openers;			/* swapon holds it exclusively: see bd_claim */
	void *holder;			/* the swap area using it */
	struct file *excl_file;		/* an open(O_EXCL) holding it */
	uint32_t max_discard_sectors;	/* per discard bio; 0: the device cannot discard */
};

extern const struct file_operations def_blk_fops;

/* Make the device known and create /dev/NAME (S_IFBLK 0600, as devtmpfs makes it). */
int register_block_device(struct block_device *bdev);
struct block_device *lookup_block_device(unsigned int dev);
/* The registered devices in order, for /proc/partitions; NULL past the end. */
struct block_device *block_device_at(int i);
/* Start @bio (a range off the device completes at once with -EIO). */
void submit_bio(struct bio *bio);
/* Start @bio and sleep until it is done; its status. */
int submit_bio_wait(struct bio *bio);
/* Tell the device [sector, +nr_sectors) holds nothing worth keeping; 0, -EOPNOTSUPP or -EIO. */
int blkdev_issue_discard(struct block_device *bdev, uint64_t sector, uint64_t nr_sectors);
/* Page-sized synchronous I/O on a device: @sector in 512-byte units; 0 or -EIO. */
int bdev_rw_page(struct block_device *bdev, uint64_t sector, struct page *page, bool write);

#endif
