/*
 * t_swap_busydev - the disk of an active swap area is not written
 * through /dev/vda (scenarios.tab: -m 128M, swap=16M).
 *
 * With the area in service, /dev/vda still opens read-write and reads,
 * but write(2) is ETXTBSY (6.1's blkdev_write_iter on an IS_SWAPFILE
 * inode), so no process can overwrite slots that hold pages.  After
 * swapoff the same write works.
 *
 * On Linux: run as root in a VM whose first virtio disk is an active
 * 16 MiB swap area.
 */
#include "tap.h"

#include <fcntl.h>
#include <sys/swap.h>

int main(void)
{
	static char page[4096], again[4096];
	int fd;

	tap_init();
	fd = open("/dev/vda", O_RDWR);
	ok(fd >= 0, "open /dev/vda read-write while it is swap");
	is_int(pread(fd, page, sizeof page, 4096 * 100), 4096, "read slot 100");
	is_errno(pwrite(fd, page, sizeof page, 4096 * 100), ETXTBSY,
		 "writing it is ETXTBSY while the area is in service");
	is_int(swapoff("/dev/vda"), 0, "swapoff");
	is_int(pwrite(fd, page, sizeof page, 4096 * 100), 4096, "then the write works");
	is_int(pread(fd, again, sizeof again, 4096 * 100), 4096, "and reads back");
	ok(!memcmp(page, again, sizeof page), "the same bytes");
	close(fd);
	return done_testing();
}
