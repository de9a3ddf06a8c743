/*
 * t_swapon - swapon(2)/swapoff(2) on the virtio disk (scenarios.tab:
 * swap=16M): the header checks, flag and permission errors, priorities,
 * 6.1's log line, and sysinfo's swap figures.  Run as root.  On Linux:
 * a VM whose /dev/vda is a fresh 16 MiB mkswap image.
 */
#include "tap.h"

#include <fcntl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/swap.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static int in_log(const char *text)
{
	static char buf[1 << 17];
	int n = klogctl(3, buf, sizeof buf - 1);	/* SYSLOG_ACTION_READ_ALL */

	if (n < 0)
		return 0;
	buf[n] = 0;
	return strstr(buf, text) != NULL;
}

/* The first area's name in /proc/swaps ("" if none). */
static const char *swaps_name(void)
{
	static char buf[4096], name[4096];
	int fd = open("/proc/swaps", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	char *line;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	name[0] = 0;
	if ((line = strchr(buf, '\n')))
		sscanf(line + 1, "%4095s", name);
	return name;
}

/*
 * What a path names: /proc/swaps shows the file's own path (6.1's d_path,
 * with " \t\n\\" as octal escapes and " (deleted)" for a name gone),
 * swapoff finds the area by the device whatever path names it, an
 * exclusive open keeps swapon out, swapoff opens its path for writing.
 */
static void test_names_and_claims(void)
{
	struct stat sb;
	int fd;

	ok(stat("/dev/vda", &sb) == 0 && sb.st_mode == (S_IFBLK | 0600),
	   "/dev/vda is a block device, mode 0600 as devtmpfs makes it");
	symlink("/dev/vda", "/tmp/swaplink");
	is_int(swapon("/tmp/swaplink", 0), 0, "swapon through a symlink");
	is_int(strcmp(swaps_name(), "/dev/vda"), 0, "/proc/swaps names the device itself");
	is_int(swapoff("/dev/vda"), 0, "swapoff by the device's own name");
	unlink("/tmp/swaplink");

	if (ok(mknod("/tmp/a b", S_IFBLK | 0600, sb.st_rdev) == 0, "mknod \"/tmp/a b\" as the same device")) {
		is_int(swapon("/tmp/a b", 0), 0, "swapon \"/tmp/a b\"");
		is_int(strcmp(swaps_name(), "/tmp/a\\040b"), 0, "/proc/swaps escapes the space: %s",
		       swaps_name());
		unlink("/tmp/a b");
		is_int(strcmp(swaps_name(), "/tmp/a\\040b\\040(deleted)"), 0,
		       "unlinked: \" (deleted)\", escaped too: %s", swaps_name());
		is_int(swapoff("/dev/vda"), 0, "swapoff through another node of the device");
	}
	fd = open("/dev/vda", O_RDWR | O_EXCL);
	ok(fd >= 0, "open /dev/vda O_EXCL");
	is_errno(swapon("/dev/vda", 0), EBUSY, "swapon while another holds it exclusively -> EBUSY");
	close(fd);
	is_int(swapon("/dev/vda", 0), 0, "closed: swapon works");
	is_errno(swapoff("/tmp"), EISDIR, "swapoff of a directory -> EISDIR (it is opened for writing)");
	is_errno(swapoff("/nonexistent"), ENOENT, "swapoff of no such path -> ENOENT");
	is_int(swapoff("/dev/vda"), 0, "swapoff");
}

#ifndef SWAP_FLAG_DISCARD_ONCE
#define SWAP_FLAG_DISCARD_ONCE	0x20000
#define SWAP_FLAG_DISCARD_PAGES	0x40000
#endif

/*
 * SWAP_FLAG_DISCARD on QEMU's virtio disk, which can discard: 6.1's log
 * letters D (discardable), s (the area at swapon), c (freed clusters);
 * DISCARD_ONCE keeps s alone, DISCARD_PAGES c alone.  Pages written to
 * the discarded area come back intact.
 */
static void test_discard(void)
{
	static const struct { int flags; const char *tail; } t[] = {
		{ SWAP_FLAG_DISCARD, "across:16380k DscFS" },
		{ SWAP_FLAG_DISCARD | SWAP_FLAG_DISCARD_ONCE, "across:16380k DsFS" },
		{ SWAP_FLAG_DISCARD | SWAP_FLAG_DISCARD_PAGES, "across:16380k DcFS" },
	};
	size_t len = 1 << 20;
	char *p;

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		is_int(swapon("/dev/vda", t[i].flags), 0, "swapon with flags %#x", t[i].flags);
		ok(in_log(t[i].tail), "... logs \"%s\"", t[i].tail);
		if (i == 0) {
			p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			memset(p, 0x5a, len);
			madvise(p, len, 21);		/* MADV_PAGEOUT */
			ok(memchr(p, 0, len) == NULL && p[len - 1] == 0x5a,
			   "pages written to the discarded area come back");
			munmap(p, len);
		}
		is_int(swapoff("/dev/vda"), 0, "swapoff");
	}
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
	is_errno(swapon("/tmp/fakeswap", 0), EINVAL, "swapon of a tmpfs file -> EINVAL");
	ok(!in_log("Unable to find swap-space signature"),
	   "... silently: tmpfs has no read_folio, so 6.1 reads no header");
	unlink("/tmp/fakeswap");
	test_names_and_claims();
	test_discard();
	return done_testing();
}
