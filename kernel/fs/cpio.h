/*
 * kernel/fs/cpio.h - parse a cpio archive in the "newc" format (the one
 * Linux's initramfs uses and `cpio -o -H newc` writes).
 */
#ifndef KERNEL_FS_CPIO_H
#define KERNEL_FS_CPIO_H

#include "kernel/types.h"

struct cpio_entry {
	const char *name;	/* NUL-terminated, inside the archive */
	uint32_t mode;		/* file type and permission bits (S_IF*) */
	uint32_t uid, gid, nlink, mtime;
	uint32_t rdev_major, rdev_minor;
	const void *data;	/* file contents (or symlink target) */
	size_t size;
};

/*
 * Call @fn for each entry of the archive at [buf, buf+len) until the
 * "TRAILER!!!" entry.  Concatenated archives (as GRUB modules or fw_cfg
 * extras may be) are fine: parsing goes on after a trailer while data
 * remains, skipping zero padding.  Returns 0, a negative errno from
 * @fn, or -EINVAL for a malformed archive (bad magic, a header or name
 * running past the end): nothing after the bad entry is unpacked.
 */
int cpio_parse(const void *buf, size_t len,
	       int (*fn)(const struct cpio_entry *e, void *arg), void *arg);

#endif
