/*
 * t_syslog - syslog(2) as dmesg uses it (as root): the buffer size, the
 * "<level>[time] text" records of READ_ALL, and the EINVAL/EFAULT cases.
 */
#include "tap.h"
#include <sys/klog.h>
#include <sys/syscall.h>

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
	return done_testing();
}
