/*
 * t_blockdev - the virtio-blk disk as /dev/vda: its device number and
 * size, the mkswap header the host wrote, and reads and writes at odd
 * offsets (whole sectors move underneath).  Run with a 16 MiB disk
 * (scenarios.tab: swap=16M); it swaps the disk off first.  On Linux: run
 * as root in a VM whose first virtio disk is such a swap image.
 */
#include "tap.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/swap.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#define BLKGETSIZE64 0x80081272
#define BLKSSZGET 0x1268

int main(void)
{
	static char page[4096], buf[8192];
	struct stat st;
	uint64_t size = 0;
	int ssz = 0, fd;

	tap_init();
	swapoff("/dev/vda");	/* runprog's /init turned it on; this test writes to it */
	fd = open("/dev/vda", O_RDWR);
	ok(fd >= 0, "open /dev/vda read-write");
	is_int(fstat(fd, &st), 0, "fstat /dev/vda");
	ok(S_ISBLK(st.st_mode), "it is a block device");
	is_int(major(st.st_rdev), 254, "major 254 (virtblk's, as Debian's Linux assigns it)");
	is_int(minor(st.st_rdev), 0, "minor 0");
	is_int(ioctl(fd, BLKGETSIZE64, &size), 0, "ioctl(BLKGETSIZE64)");
	is_int(size, 16 << 20, "the disk is 16 MiB");
	is_int(ioctl(fd, BLKSSZGET, &ssz), 0, "ioctl(BLKSSZGET)");
	is_int(ssz, 512, "512-byte sectors");
	is_int(lseek(fd, 0, SEEK_END), 16 << 20, "lseek(SEEK_END) is the size");
	is_int(pread(fd, page, sizeof page, 0), 4096, "read the first page");
	ok(memcmp(page + 4086, "SWAPSPACE2", 10) == 0, "it ends in the SWAPSPACE2 signature");
	is_int(*(uint32_t *)(page + 1024), 1, "swap header version 1");
	is_int(*(uint32_t *)(page + 1028), (16 << 20) / 4096 - 1, "last_page = pages - 1");

	memset(buf, 'A', sizeof buf);
	is_int(pwrite(fd, "0123456789", 10, 8192 + 509), 10, "a write straddling two sectors");
	is_int(pread(fd, buf, 20, 8192 + 505), 20, "read it back with its neighbours");
	ok(memcmp(buf + 4, "0123456789", 10) == 0, "the bytes are there");
	ok(buf[0] == 0 && buf[14] == 0, "the bytes around it are still zero");
	is_int(pread(fd, buf, 100, (16 << 20) - 50), 50, "a read past the end is short");
	is_int(pread(fd, buf, 100, 16 << 20), 0, "a read at the end returns 0");
	is_errno(pwrite(fd, buf, 1, 16 << 20), ENOSPC, "a write at the end -> ENOSPC");
	close(fd);
	return done_testing();
}
