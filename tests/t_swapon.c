/*
 * t_swapon - swapon(2)/swapoff(2) on the virtio disk (scenarios.tab:
 * swap=16M): the header checks, flag and permission errors, priorities,
 * 6.1's log line, and sysinfo's swap figures.  Run as root.  On Linux:
 * a VM whose /dev/vda is a fresh 16 MiB mkswap image.
 */
#include "tap.h"

#include <fcntl.h>
#include <sys/klog.h>
#include <sys/swap.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static int in_log(const char *text)
{
	static char buf[1 << 17];
	int n = klogctl(3, buf, sizeof buf - 1);	/* SYSLOG_ACTION_READ_ALL */

	if (n < 0)
		return 0;
	buf[n] = 0;
	return strstr(buf, text) != NULL;
}

static void as_user(void *arg)
{
	setuid(1000);
	_exit(swapon("/dev/vda", 0) < 0 && errno == EPERM ? 0 : 1);
}

int main(void)
{
	struct sysinfo si;
	int fd;

	tap_init();
	swapoff("/dev/vda");	/* runprog's /init may have turned it on */
	is_errno(swapon("/dev/vda", 0x80000), EINVAL, "swapon with an unknown flag bit -> EINVAL");
	is_exited(run_child(as_user, NULL), 0, "swapon as uid 1000 -> EPERM");
	is_errno(swapon("/nonexistent", 0), ENOENT, "swapon of a missing path -> ENOENT");
	is_errno(swapon("/dev/null", 0), EINVAL, "swapon of a character device -> EINVAL");
	is_errno(swapon("/tmp", 0), EISDIR, "swapon of a directory -> EISDIR");

	is_int(swapon("/dev/vda", 0), 0, "swapon /dev/vda");
	ok(in_log("Adding 16380k swap on /dev/vda.  Priority:-2 extents:1 across:16380k"),
	   "the kernel logs 6.1's 'Adding 16380k swap on /dev/vda.  Priority:-2 ...' line");
	sysinfo(&si);
	is_int(si.totalswap * si.mem_unit, 16380 * 1024, "sysinfo: totalswap is 16380 kB");
	is_int(si.freeswap * si.mem_unit, 16380 * 1024, "sysinfo: all of it free");
	is_errno(swapon("/dev/vda", 0), EBUSY, "swapon of an area already in use -> EBUSY");
	is_errno(open("/dev/vda", O_RDWR | O_EXCL), EBUSY, "an O_EXCL open of the active area -> EBUSY");
	fd = open("/dev/vda", O_RDONLY);
	ok(fd >= 0, "a plain open of the active area still works (6.1)");
	close(fd);
	is_errno(swapoff("/dev/null"), EINVAL, "swapoff of something not swapped on -> EINVAL");
	is_int(swapoff("/dev/vda"), 0, "swapoff /dev/vda");
	sysinfo(&si);
	is_int(si.totalswap, 0, "sysinfo: no swap after swapoff");
	is_errno(swapoff("/dev/vda"), EINVAL, "a second swapoff -> EINVAL");
	is_int(swapon("/dev/vda", SWAP_FLAG_PREFER | 5), 0, "swapon with SWAP_FLAG_PREFER, priority 5");
	ok(in_log("Priority:5 extents:1"), "... logged with Priority:5");
	is_int(swapoff("/dev/vda"), 0, "swapoff again");

	fd = open("/tmp/fakeswap", O_RDWR | O_CREAT | O_TRUNC, 0600);
	ftruncate(fd, 8192);
	close(fd);
	is_errno(swapon("/tmp/fakeswap", 0), EINVAL, "swapon of a file without a signature -> EINVAL");
	ok(in_log("Unable to find swap-space signature"), "... with 6.1's 'Unable to find swap-space signature'");
	unlink("/tmp/fakeswap");
	return done_testing();
}
