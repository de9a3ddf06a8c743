/*
 * t_syslog - syslog(2) as dmesg uses it (as root): the buffer size, the
 * "<level>[time] text" records of READ_ALL, and the EINVAL/EFAULT cases;
 * READ's partial records for a small buffer; /dev/kmsg's writes as 6.1
 * takes them (the default level, the "<N>" prefix, escapes, writev as one
 * record, the 992-byte limit, the per-open ratelimit) and its reads.
 * Checked on Linux 6.1 too.
 */
#include "tap.h"
#include <fcntl.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#include <sys/uio.h>

/* The next /dev/kmsg record of @fd after the ";", into @text; its priority, or -1. */
static int next_record(int fd, char *text, size_t size)
{
	char rec[2048];
	ssize_t n = read(fd, rec, sizeof(rec) - 1);
	char *semi;

	if (n <= 0)
		return -1;
	rec[n] = 0;
	semi = strchr(rec, ';');
	snprintf(text, size, "%s", semi ? semi + 1 : "");
	return atoi(rec);
}

static void test_kmsg(void)
{
	int r = open("/dev/kmsg", O_RDONLY | O_NONBLOCK), w = open("/dev/kmsg", O_WRONLY);
	struct iovec iov[3] = { { "<6>", 3 }, { "part1 ", 6 }, { "part2\n", 6 } };
	static char big[993], log[1 << 16];
	char text[1100];
	int n, kept = 0;

	ok(r >= 0 && w >= 0, "open /dev/kmsg to read and to write");
	lseek(r, 0, SEEK_END);
	write(w, "plain\n", 6);
	is_int(next_record(r, text, sizeof(text)), 12, "no prefix: user facility, level 4 (pri 12)");
	write(w, "<4294967297>wrap\n", 17);
	ok(next_record(r, text, sizeof(text)) == 9 && !strcmp(text, "wrap\n"),
	   "\"<4294967297>\" wraps to 1: pri 9, the prefix gone");
	write(w, "t\tb\\\n\n", 6);
	next_record(r, text, sizeof(text));
	is_int(strcmp(text, "t\\x09b\\x5c\\x0a\n"), 0,
	       "tab and backslash escaped; only one trailing newline dropped: %s", text);
	is_int(writev(w, iov, 3), 15, "writev of three pieces");
	ok(next_record(r, text, sizeof(text)) == 14 && !strcmp(text, "part1 part2\n"),
	   "... is one record at the first piece's level");
	memset(big, 'x', sizeof(big));
	is_errno(write(w, big, sizeof(big)), EINVAL, "993 bytes: EINVAL (6.1's LOG_LINE_MAX is 992)");
	close(w);
	w = open("/dev/kmsg", O_WRONLY);
	for (int i = 0; i < 15; i++)
		write(w, "burst\n", 6);
	while (next_record(r, text, sizeof(text)) >= 0)
		kept += !strcmp(text, "burst\n");
	is_int(kept, 10, "15 writes on one open file: 10 records (10 per 5 s)");
	close(w);
	n = klogctl(3, log, sizeof(log) - 1);
	log[n > 0 ? n : 0] = 0;
	ok(strstr(log, "5 output lines suppressed due to ratelimiting") != NULL,
	   "closing it logs the 5 it lost");
	close(r);
}

/* READ with a buffer smaller than a record returns its start, then the rest. */
static void test_read_partial(void)
{
	char a[4] = "", b[4096] = "";
	int fd, n;

	while (klogctl(9, NULL, 0) > 0 && klogctl(2, b, sizeof(b)) > 0)
		;				/* drain what READ has not returned yet */
	fd = open("/dev/kmsg", O_WRONLY);
	write(fd, "<6>partial-read-mark\n", 21);
	close(fd);
	is_int(klogctl(2, a, 3), 3, "READ of 3 bytes gets 3 bytes of the record");
	ok(!memcmp(a, "<14", 3), "... its start, \"<14\" (user facility, level 6): %.3s", a);
	n = klogctl(2, b, sizeof(b) - 1);
	b[n > 0 ? n : 0] = 0;
	ok(n > 0 && !strncmp(b, ">[", 2) && strstr(b, "partial-read-mark\n"), "the next READ continues it: %.60s", b);
}

int main(void)
{
	static char buf[1 << 17];
	int size, n;

	tap_init();
	size = klogctl(10, NULL, 0);
	ok(size > 0, "SYSLOG_ACTION_SIZE_BUFFER is positive (%d)", size);
	n = klogctl(3, buf, sizeof(buf) - 1);
	ok(n > 0, "SYSLOG_ACTION_READ_ALL returns text (%d bytes)", n);
	if (n > 0)
		buf[n] = 0;
	ok(n > 0 && buf[0] == '<' && strchr(buf, '>') && strchr(buf, '['),
	   "records start with <level>[time]");
	ok(n > 0 && buf[n - 1] == '\n', "the text ends with a newline");
	is_int(klogctl(3, buf, 0), 0, "READ_ALL of 0 bytes returns 0");
	is_errno(klogctl(3, NULL, 10), EINVAL, "READ_ALL into NULL is EINVAL");
	is_errno(klogctl(3, buf, -1), EINVAL, "READ_ALL of -1 bytes is EINVAL");
	is_errno(syscall(SYS_syslog, 3, (void *)0xffffffff81000000UL, 100), EFAULT,
		 "READ_ALL to a kernel address is EFAULT");
	is_errno(klogctl(99, buf, 10), EINVAL, "action 99 is EINVAL");
	is_errno(klogctl(8, NULL, 0), EINVAL, "CONSOLE_LEVEL 0 is EINVAL");
	test_kmsg();
	test_read_partial();
	return done_testing();
}
