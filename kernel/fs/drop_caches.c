/*
 * kernel/fs/drop_caches.c - vm.drop_caches (Linux 6.1: fs/drop_caches.c).
 *
 * Writing 1 drops clean page cache, 2 reclaimable slab objects, 3 both; 4
 * silences the log line from then on.  Here the only page cache is
 * tmpfs, whose pages have no other copy (never clean, never dropped, as
 * on Linux), and kmalloc keeps no shrinkable caches, so a write frees
 * nothing: it counts drop_pagecache / drop_slab in /proc/vmstat and logs
 * Linux's line, so that scripts that begin with "echo 3 >
 * /proc/sys/vm/drop_caches" run unchanged.  The file is mode 0200, as on
 * Linux: even root cannot read it.
 */
#include "kernel/sysctl.h"
#include "kernel/printk.h"
#include "kernel/vmstat.h"
#include "mm/vm_sysctl.h"
#include "proc/task.h"

int drop_caches_sysctl_handler(const struct ctl_table *t, bool write, char *buf, size_t *lenp,
			       long *ppos)
{
	static int stfu;	/* 6.1's name: a write with bit 4 set silences the line */
	int ret = proc_dointvec_minmax(t, write, buf, lenp, ppos);

	if (ret || !write)
		return ret;
	if (sysctl_drop_caches & 1)
		count_vm_event(DROP_PAGECACHE);
	if (sysctl_drop_caches & 2)
		count_vm_event(DROP_SLAB);
	if (!stfu)
		pr_info("%s (%d): drop_caches: %d\n", current->comm, current->pid,
			sysctl_drop_caches);
	stfu |= sysctl_drop_caches & 4;
	return 0;
}
