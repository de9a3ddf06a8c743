/*
 * t_time - clocks and sleeps: clock_gettime on each clock, monotonic
 * order, nanosleep/clock_nanosleep (at least the time asked, never an
 * upper bound), their EINVAL/EFAULT cases; uname and the get*id calls.
 */
#include "tap.h"
#include <stdint.h>
#include <time.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

static long long ns_of(struct timespec t)
{
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void)
{
	struct timespec a, b, req = { 0, 10 * 1000 * 1000 };
	struct utsname u;

	tap_init();
	is_int(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a), 0, "clock_gettime(MONOTONIC)");
	is_int(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b), 0, "clock_gettime again");
	ok(ns_of(b) >= ns_of(a), "CLOCK_MONOTONIC does not go back");
	is_int(syscall(SYS_clock_gettime, CLOCK_REALTIME, &a), 0, "clock_gettime(REALTIME)");
	ok(a.tv_sec > 1600000000, "CLOCK_REALTIME is after 2020 (%ld)", (long)a.tv_sec);
	is_int(syscall(SYS_clock_gettime, CLOCK_BOOTTIME, &a), 0, "clock_gettime(BOOTTIME)");
	is_errno(syscall(SYS_clock_gettime, 99, &a), EINVAL, "clock id 99 is EINVAL");
	is_errno(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)1), EFAULT,
		 "clock_gettime to a bad pointer is EFAULT");

	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a);
	is_int(syscall(SYS_nanosleep, &req, NULL), 0, "nanosleep 10 ms");
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b);
	ok(ns_of(b) - ns_of(a) >= 10 * 1000 * 1000, "nanosleep slept at least 10 ms");
	struct timespec bad = { 0, 1000000000 };
	is_errno(syscall(SYS_nanosleep, &bad, NULL), EINVAL, "tv_nsec of 10^9 is EINVAL");
	struct timespec neg = { -1, 0 };
	is_errno(syscall(SYS_nanosleep, &neg, NULL), EINVAL, "a negative tv_sec is EINVAL");
	is_errno(syscall(SYS_nanosleep, (void *)1, NULL), EFAULT, "nanosleep of a bad pointer is EFAULT");

	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a);
	b = a;
	b.tv_nsec += 5 * 1000 * 1000;
	if (b.tv_nsec >= 1000000000) {
		b.tv_sec++;
		b.tv_nsec -= 1000000000;
	}
	is_int(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &b, NULL), 0,
	       "clock_nanosleep TIMER_ABSTIME 5 ms ahead");
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a);
	ok(ns_of(a) >= ns_of(b), "woke at or after the absolute deadline");
	is_int(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &req, NULL), 0,
	       "clock_nanosleep relative 10 ms");
	is_errno(syscall(SYS_clock_nanosleep, 99, 0, &req, NULL), EINVAL,
		 "clock_nanosleep on clock 99 is EINVAL");

	is_int(uname(&u), 0, "uname");
	ok(!strcmp(u.sysname, "Linux"), "sysname is Linux (%s)", u.sysname);
	ok(!strcmp(u.machine, "x86_64"), "machine is x86_64 (%s)", u.machine);
	is_errno(syscall(SYS_uname, (void *)1), EFAULT, "uname to a bad pointer is EFAULT");
	is_int(syscall(SYS_sched_yield), 0, "sched_yield");
	is_int(getuid(), geteuid(), "uid == euid");
	is_int(getgid(), getegid(), "gid == egid");
	return done_testing();
}
