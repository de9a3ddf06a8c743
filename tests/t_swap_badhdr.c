/*
 * t_swap_badhdr - a swap disk whose header is wrong (scenarios.tab:
 * swap=16M swapdisk=raw: the 16 MiB disk is all zeros, never mkswap'd).
 *
 * /init's swapon of /dev/vda fails and the program runs without swap,
 * the kernel having said why in 6.1's words.  Then the program writes
 * headers itself, one fault at a time, and swapon(2) refuses each with
 * EINVAL and 6.1's line, releasing the disk every time (a refused
 * swapon must not leave it busy): no signature, the old "SWAP-SPACE"
 * signature, version 2, last_page 0, last_page past the end, too many
 * bad pages, a bad page out of range.  Last, a good header as mkswap
 * writes it, with two bad pages: swapon succeeds and the area is two
 * pages smaller, as 6.1 counts it; a bad page listed twice counts twice;
 * a header in the other byte order is accepted, as 6.1 does.
 *
 * On Linux: run as root in a VM whose /dev/vda is a zeroed 16 MiB disk.
 */
#include "tap.h"
#include "vmtest.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/swap.h>

#define BLKGETSIZE64 0x80081272

struct swap_info_header {	/* at byte 1024 of the first page, as mkswap writes it */
	uint32_t version, last_page, nr_badpages;
	uint8_t uuid[16];
	char volume_name[16];
	uint32_t padding[117];
	uint32_t badpages[1];
};

static int disk;
static unsigned long pages;	/* 4 KiB pages on the disk */

/* Write a first page: @magic at its end, then the header fields. */
static void write_header(const char *magic, uint32_t version, uint32_t last_page,
			 uint32_t nr_bad, const uint32_t *bad)
{
	static unsigned char page[4096];
	struct swap_info_header *h = (void *)(page + 1024);

	memset(page, 0, sizeof page);
	memcpy(page + 4096 - 10, magic, 10);
	h->version = version;
	h->last_page = last_page;
	h->nr_badpages = nr_bad;
	memcpy(h->uuid, "oomkernel-test-1", 16);
	memcpy(h->volume_name, "badhdr", 7);
	for (uint32_t i = 0; bad && i < nr_bad; i++)
		h->badpages[i] = bad[i];
	if (pwrite(disk, page, sizeof page, 0) != sizeof page)
		diag("pwrite of the header: %s", strerror(errno));
}

/* How many lines of the log hold @text. */
static int log_count(const char *text)
{
	int n = 0;

	klog_read();
	for (const char *p = klog_buf; (p = strstr(p, text)); p++)
		n++;
	return n;
}

/* swapon must fail with EINVAL and log @line once more (@line NULL: nothing to log). */
static void refused(const char *what, const char *line)
{
	int before = line ? log_count(line) : 0;

	is_errno(swapon("/dev/vda", 0), EINVAL, "%s: swapon -> EINVAL", what);
	if (line)
		is_int(log_count(line), before + 1, "... and the log says \"%s\"", line);
}

int main(void)
{
	uint32_t bad[2] = { 3, 4 };
	uint64_t size = 0;
	char want[128], text[512];

	tap_init();
	is_int(meminfo_kb("SwapTotal:"), 0, "/init could not swap on the unformatted disk: no swap");
	read_text("/proc/swaps", text, sizeof text);
	ok(!strchr(strchr(text, '\n') + 1, '\n'), "/proc/swaps is its header alone");
	ok(log_count("Unable to find swap-space signature") >= 1,
	   "the kernel logged 6.1's 'Unable to find swap-space signature'");

	disk = open("/dev/vda", O_RDWR);
	ok(disk >= 0, "the disk is there: open /dev/vda");
	ioctl(disk, BLKGETSIZE64, &size);
	pages = size / 4096;
	is_int(pages, 4096, "16 MiB: 4096 pages");

	refused("all zeros", "Unable to find swap-space signature");
	write_header("SWAP-SPACE", 1, pages - 1, 0, NULL);
	refused("the old v0 signature SWAP-SPACE", "Unable to find swap-space signature");
	write_header("SWAPSPACE2", 2, pages - 1, 0, NULL);
	refused("version 2", "Unable to handle swap header version 2");
	write_header("SWAPSPACE2", 1, 0, 0, NULL);
	refused("last_page 0", "Empty swap-file");
	write_header("SWAPSPACE2", 1, pages, 0, NULL);
	refused("last_page one past the end", "Swap area shorter than signature indicates");
	write_header("SWAPSPACE2", 1, pages - 1, 700, NULL);
	refused("700 bad pages (room for 637)", NULL);
	bad[1] = pages;
	write_header("SWAPSPACE2", 1, pages - 1, 2, bad);
	refused("a bad page past last_page", NULL);
	is_int(meminfo_kb("SwapTotal:"), 0, "still no swap");

	bad[1] = 4;
	write_header("SWAPSPACE2", 1, pages - 1, 2, bad);
	is_int(swapon("/dev/vda", 0), 0, "a good header with bad pages 3 and 4: swapon succeeds "
	       "(so every refusal released the disk)");
	is_int(meminfo_kb("SwapTotal:"), (pages - 3) * 4, "SwapTotal: the pages but the header and "
	       "the two bad ones");
	snprintf(want, sizeof want, "Adding %luk swap on /dev/vda.  Priority:-2 extents:1 across:%luk",
		 (pages - 3) * 4, (pages - 3) * 4);
	ok(log_count(want) == 1, "6.1's line: '%s'", want);
	is_int(swapoff("/dev/vda"), 0, "swapoff");

	/* A page listed twice is subtracted twice, as 6.1 counts it. */
	bad[0] = bad[1] = 5;
	write_header("SWAPSPACE2", 1, pages - 1, 2, bad);
	is_int(swapon("/dev/vda", 0), 0, "bad page 5 listed twice: swapon succeeds");
	is_int(meminfo_kb("SwapTotal:"), (pages - 3) * 4, "SwapTotal counts it twice, as 6.1");
	is_int(swapoff("/dev/vda"), 0, "swapoff");

	/* mkswap on a machine of the other byte order: 6.1 turns the fields round. */
	write_header("SWAPSPACE2", __builtin_bswap32(1), __builtin_bswap32(1000), 0, NULL);
	bad[0] = __builtin_bswap32(1);		/* nr_badpages, then badpages[0] */
	bad[1] = __builtin_bswap32(7);
	if (pwrite(disk, &bad[0], 4, 1024 + 8) != 4 ||
	    pwrite(disk, &bad[1], 4, 1024 + offsetof(struct swap_info_header, badpages)) != 4)
		diag("pwrite: %s", strerror(errno));
	is_int(swapon("/dev/vda", 0), 0, "a byte-swapped header (last_page 1000, one bad page)");
	is_int(meminfo_kb("SwapTotal:"), 999 * 4, "SwapTotal: 1000 pages less the bad one");
	is_int(swapoff("/dev/vda"), 0, "swapoff");
	return done_testing();
}
