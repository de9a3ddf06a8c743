/*
 * kernel/fs/block_dev.c - the block device table and I/O on /dev/vda
 * through read(2)/write(2) (Linux: block/fops.c, block/genhd.c).
 *
 * There is no buffer cache: a read or write of the device file moves
 * whole 512-byte sectors through a bounce page, so any offset and length
 * work, as on Linux (a partial sector is read, patched and written back).
 */
#include "kernel/fs/block_dev.h"
#include "kernel/fs/file.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/page.h"
#include "mm/uaccess.h"
#include "proc/sched.h"

#define MAX_BLKDEVS 8

static struct block_device *blkdevs[MAX_BLKDEVS];
static int nr_blkdevs;

int register_block_device(struct block_device *bdev)
{
	struct inode *dir, *node;

	if (nr_blkdevs == MAX_BLKDEVS)
		return -ENOSPC;
	blkdevs[nr_blkdevs++] = bdev;
	dir = dir_lookup(root_inode, "dev", 3);
	if (!dir)
		return -ENOENT;
	node = dir_lookup(dir, bdev->name, strlen(bdev->name));
	if (!node)
		node = dir_create(dir, bdev->name, strlen(bdev->name), S_IFBLK | 0600);
	if (!IS_ERR(node)) {
		node->uid = node->gid = 0;
		node->rdev = bdev->dev;
		inode_init_ops(node);
		inode_put(node);
	}
	inode_put(dir);
	return 0;
}

struct block_device *lookup_block_device(unsigned int dev)
{
	for (int i = 0; i < nr_blkdevs; i++)
		if (blkdevs[i]->dev == dev)
			return blkdevs[i];
	return NULL;
}

struct block_device *block_device_at(int i)
{
	return i >= 0 && i < nr_blkdevs ? blkdevs[i] : NULL;
}

void submit_bio(struct bio *bio)
{
	struct block_device *b = bio->bdev;

	if (bio->sector > b->nr_sectors || bio->len / 512 > b->nr_sectors - bio->sector ||
	    (bio->len & 511) || !bio->len) {
		bio->status = -EIO;
		bio->end_io(bio);
		return;
	}
	b->submit(b, bio);
}

static void bio_wait_end_io(struct bio *bio)
{
	complete(bio->private);
}

int submit_bio_wait(struct bio *bio)
{
	struct completion done;

	init_completion(&done);
	bio->private = &done;
	bio->end_io = bio_wait_end_io;
	submit_bio(bio);
	wait_for_completion(&done);
	return bio->status;
}

/* Synchronous I/O of @len bytes at physical @buf. */
static int bdev_rw(struct block_device *bdev, uint64_t sector, phys_addr_t buf, size_t len,
		   bool write)
{
	struct bio bio = { .bdev = bdev, .sector = sector, .buf = buf, .len = (uint32_t)len,
			   .write = write };

	return submit_bio_wait(&bio);
}

int bdev_rw_page(struct block_device *bdev, uint64_t sector, struct page *page, bool write)
{
	return bdev_rw(bdev, sector, page_to_phys(page), PAGE_SIZE, write);
}

int blkdev_issue_discard(struct block_device *bdev, uint64_t sector, uint64_t nr_sectors)
{
	if (!bdev->max_discard_sectors)
		return -EOPNOTSUPP;
	while (nr_sectors) {
		uint32_t n = (uint32_t)MIN(nr_sectors, (uint64_t)bdev->max_discard_sectors);
		struct bio bio = { .bdev = bdev, .sector = sector, .len = n * 512u,
				   .write = true, .discard = true };
		int err = submit_bio_wait(&bio);

		if (err)
			return err;
		sector += n;
		nr_sectors -= n;
	}
	return 0;
}

static long size_bytes(struct file *f)
{
	struct block_device *b = f->private_data;

	return (long)(b->nr_sectors * 512);
}

/* Read or write [pos, pos + len) of the device through one bounce page. */
static long blk_io(struct file *f, char *ubuf, size_t len, long *ppos, bool write)
{
	struct block_device *b = f->private_data;
	struct page *bounce;
	long pos = *ppos, done = 0;
	int err = 0;

	if (pos >= size_bytes(f))
		return write ? -ENOSPC : 0;
	len = MIN(len, (size_t)(size_bytes(f) - pos));
	bounce = alloc_page(GFP_KERNEL);
	if (!bounce)
		return -ENOMEM;
	while ((size_t)done < len && !err) {
		uint64_t sector = (uint64_t)(pos + done) / PAGE_SIZE * (PAGE_SIZE / 512);
		size_t off = (size_t)(pos + done) & (PAGE_SIZE - 1);
		size_t n = MIN(len - (size_t)done, PAGE_SIZE - off);
		size_t span = MIN((size_t)PAGE_SIZE, (size_t)(b->nr_sectors - sector) * 512);
		char *data = page_address(bounce);

		err = bdev_rw(b, sector, page_to_phys(bounce), span, false);
		if (err)
			break;
		if (write) {
			if (copy_from_user(data + off, ubuf + done, n)) {
				err = -EFAULT;
				break;
			}
			err = bdev_rw(b, sector, page_to_phys(bounce), span, true);
		} else if (copy_to_user(ubuf + done, data + off, n)) {
			err = -EFAULT;
		}
		if (!err)
			done += (long)n;
	}
	__free_pages(bounce, 0);
	if (!done)
		return err;
	*ppos = pos + done;
	return done;
}

static long blk_read(struct file *f, char *ubuf, size_t len, long *ppos)
{
	return blk_io(f, ubuf, len, ppos, false);
}

static long blk_write(struct file *f, const char *ubuf, size_t len, long *ppos)
{
	struct block_device *b = f->private_data;

	if (b->holder)
		return -ETXTBSY;	/* an active swap area: its slots hold pages (6.1's IS_SWAPFILE) */
	return blk_io(f, (char *)ubuf, len, ppos, true);
}

static long blk_llseek(struct file *f, long off, int whence)
{
	long base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->f_pos :
		    whence == SEEK_END ? size_bytes(f) : -1;

	if (base < 0 || base + off < 0)
		return -EINVAL;
	return f->f_pos = base + off;
}

#define BLKGETSIZE	0x1260
#define BLKSSZGET	0x1268
#define BLKGETSIZE64	0x80081272

static long blk_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct block_device *b = f->private_data;
	uint64_t bytes = b->nr_sectors * 512;
	unsigned long sectors = (unsigned long)b->nr_sectors;
	int ssz = 512;

	switch (cmd) {
	case BLKGETSIZE64:
		return copy_to_user((void *)arg, &bytes, sizeof(bytes)) ? -EFAULT : 0;
	case BLKGETSIZE:
		return copy_to_user((void *)arg, &sectors, sizeof(sectors)) ? -EFAULT : 0;
	case BLKSSZGET:
		return copy_to_user((void *)arg, &ssz, sizeof(ssz)) ? -EFAULT : 0;
	}
	return -ENOTTY;
}

/* The last close of an O_EXCL open gives the device up. */
static void blk_release(struct inode *inode, struct file *f)
{
	struct block_device *b = f->private_data;

	if (b && b->excl_file == f)
		b->excl_file = NULL;
}

static const struct file_operations blk_fops = {
	.read = blk_read, .write = blk_write, .llseek = blk_llseek, .ioctl = blk_ioctl,
	.release = blk_release,
};

static int blkdev_open(struct inode *inode, struct file *f)
{
	struct block_device *b = lookup_block_device(inode->rdev);

	if (!b)
		return -ENXIO;
	if ((f->f_mode & FMODE_EXCL) && (b->holder || b->excl_file))
		return -EBUSY;		/* claimed, e.g. an active swap area (6.1 allows plain opens) */
	if (f->f_mode & FMODE_EXCL)
		b->excl_file = f;	/* until it is closed: swapon and O_EXCL opens get EBUSY */
	f->private_data = b;
	f->f_op = &blk_fops;
	return 0;
}

const struct file_operations def_blk_fops = {
	.open = blkdev_open,
};
