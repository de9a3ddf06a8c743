/*
 * t_swap_nodev - no swap disk where /init expects one (scenarios.tab:
 * swapdisk=none: QEMU has no disk at all; `t_swap_nodev legacy` with
 * swapdisk=legacy: a virtio-blk device that offers only the legacy
 * interface, which the kernel does not drive).  /init's swapon of
 * /dev/vda fails and the program runs without swap; nothing else
 * changes.
 *
 * Checked: no swap (SwapTotal, sysinfo, /proc/swaps), no /dev/vda and
 * no vda in /proc/partitions, swapon(/dev/vda) -> ENOENT; a block node
 * for virtio-blk's 254:0 made by hand (the node exists, the disk does
 * not): open -> ENXIO, swapon -> ENXIO, as 6.1's blkdev_get_by_dev
 * answers; memory still works.  With "legacy", the kernel's console
 * says that it found the device and why it has no disk (this message is
 * oomkernel's: Linux drives legacy devices).
 *
 * On Linux: run as root in a VM with no virtio disk and devtmpfs on /dev.
 */
#include "tap.h"
#include "vmtest.h"

#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/sysinfo.h>
#include <sys/sysmacros.h>

int main(int argc, char **argv)
{
	int legacy = argc > 1 && !strcmp(argv[1], "legacy");
	char text[4096];
	struct sysinfo si;
	struct stat st;
	char *m;

	tap_init();
	is_int(meminfo_kb("SwapTotal:"), 0, "no swap: SwapTotal 0 kB");
	sysinfo(&si);
	is_int(si.totalswap, 0, "sysinfo: totalswap 0");
	read_text("/proc/swaps", text, sizeof text);
	ok(!strchr(strchr(text, '\n') + 1, '\n'), "/proc/swaps is its header alone");
	is_errno(stat("/dev/vda", &st), ENOENT, "no /dev/vda");
	read_text("/proc/partitions", text, sizeof text);
	ok(!strstr(text, "vda"), "no vda in /proc/partitions");
	is_errno(swapon("/dev/vda", 0), ENOENT, "swapon /dev/vda -> ENOENT");

	is_int(mknod("/tmp/vda", S_IFBLK | 0600, makedev(254, 0)), 0,
	       "mknod /tmp/vda b 254 0: a node for a disk that is not there");
	is_errno(open("/tmp/vda", O_RDWR), ENXIO, "open of it -> ENXIO");
	is_errno(swapon("/tmp/vda", 0), ENXIO, "swapon of it -> ENXIO");
	unlink("/tmp/vda");

	m = map_anon(8 << 20, 0);
	ok(m && memset(m, 7, 8 << 20) && m[(8 << 20) - 1] == 7, "memory still works (8 MiB)");
	if (legacy) {
		klog_read();
		ok(klog_match("virtio_blk virtio[0-9]+: .*legacy.*; no disk$", NULL, 0),
		   "the console says the legacy-only device gives no disk");
	}
	return done_testing();
}
