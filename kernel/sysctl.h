/*
 * kernel/sysctl.h - sysctl knobs and 6.1's text handlers for them
 * (kernel/sysctl.c; Linux: include/linux/sysctl.h, kernel/sysctl.c).
 *
 * A handler reads or writes one value as text.  Read: the value and a
 * newline into @buf (at most *lenp bytes), nothing at a position past 0.
 * Write: @buf holds *lenp bytes and a NUL; leading white space, one
 * number (base 0: 0x.. hex, 0.. octal, a leading '-' for ints), then
 * only " \t\n" may follow it; empty input, text, overflow or a value out
 * of range is -EINVAL and the value is left as it was.  On success
 * *lenp is the bytes used (trailing white space included) and *ppos
 * moves by it; a write at a position past 0 changes nothing and
 * succeeds (sysctl_writes_strict = 1).
 */
#ifndef KERNEL_SYSCTL_H
#define KERNEL_SYSCTL_H

#include "kernel/types.h"

struct ctl_table;
typedef int proc_handler(const struct ctl_table *table, bool write, char *buf,
			 size_t *lenp, long *ppos);

struct ctl_table {
	const char *procname;
	void *data;			/* the int or unsigned long */
	unsigned int mode;		/* permission bits of the file */
	proc_handler *proc_handler;
	const void *extra1, *extra2;	/* min and max, or NULL */
};

proc_handler proc_dointvec, proc_dointvec_minmax, proc_doulongvec_minmax;
/* The vm.* handlers with side effects (mm/util.c, mm/page_alloc.c in Linux). */
proc_handler overcommit_policy_handler, overcommit_ratio_handler, overcommit_kbytes_handler;
proc_handler min_free_kbytes_sysctl_handler, watermark_scale_factor_sysctl_handler;
proc_handler drop_caches_sysctl_handler;	/* kernel/fs/drop_caches.c */

extern const int sysctl_zero, sysctl_one, sysctl_two, sysctl_four, sysctl_two_hundred,
	sysctl_three_thousand;
/* The vm directory's knobs, ending with a NULL procname. */
extern const struct ctl_table vm_table[];

#endif
