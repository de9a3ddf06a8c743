/*
 * kernel/param.h - the kernel's limits and tunables, in one place
 * (as xv6's param.h).  Linux's value is given where one exists.
 */
#ifndef KERNEL_PARAM_H
#define KERNEL_PARAM_H

#define HZ		250	/* timer ticks per second (Debian's CONFIG_HZ) */
#define USER_HZ		100	/* clock ticks reported to user space (AT_CLKTCK) */
#define TIMESLICE_TICKS	5	/* round-robin quantum: 20 ms */
#define MAX_ORDER	11	/* buddy orders 0..10, as Linux 6.1 */
#define PID_MAX		32768	/* /proc/sys/kernel/pid_max */
#define NR_OPEN_DEFAULT	1024	/* RLIMIT_NOFILE soft */
#define NR_OPEN_MAX	4096	/* RLIMIT_NOFILE hard */
#define ARG_MAX		(32 * 4096)	/* bytes of argv + envp at execve */
#define MAX_ARG_STRLEN	(32 * 4096)
#define PATH_MAX	4096
#define NAME_MAX	255
#define PIPE_BUF	4096	/* atomic pipe write */
#define PIPE_PAGES	16	/* 64 KiB pipe buffer, Linux's default */
#define LOG_BUF_LEN	(128 * 1024)	/* printk ring (CONFIG_LOG_BUF_SHIFT=17) */
#define CMDLINE_MAX	1024

/* isa-debug-exit codes: QEMU exits with (code << 1) | 1. */
#define QEMU_EXIT_PORT		0xf4
#define QEMU_EXIT_POWEROFF	0x10	/* clean power-off: QEMU status 33 */
#define QEMU_EXIT_PANIC		0x11	/* panic(): QEMU status 35 */
#define QEMU_EXIT_OOPS		0x12	/* kernel oops: QEMU status 37 */
#define QEMU_EXIT_WARN		0x13	/* power-off after a WARN: status 39 */

#endif
