/*
 * mm/overcommit.h - the arithmetic of commit accounting, free of kernel
 * state so host unit tests compile mm/overcommit.c unchanged.
 *
 * Linux 6.1, mm/util.c: CommitLimit = swap + RAM * overcommit_ratio / 100
 * (or overcommit_kbytes when that is set).  __vm_enough_memory first adds
 * the request to Committed_AS, then asks: mode 1 always yes; mode 0 no
 * only for a single request above RAM + swap; mode 2 yes while the new
 * total stays below the limit less the admin reserve (tasks without
 * CAP_SYS_ADMIN) and less min(total_vm / 32, user reserve) of the
 * requesting mm.
 */
#ifndef MM_OVERCOMMIT_H
#define MM_OVERCOMMIT_H

#include "kernel/types.h"

struct overcommit_params {
	int mode;				/* vm.overcommit_memory */
	int ratio;				/* vm.overcommit_ratio */
	unsigned long kbytes;			/* vm.overcommit_kbytes */
	unsigned long admin_reserve_kbytes;
	unsigned long user_reserve_kbytes;
	unsigned long totalram;			/* pages given to the page allocator */
	unsigned long total_swap;		/* pages of swap in service */
};

/* CommitLimit in pages (Linux's vm_commit_limit). */
unsigned long commit_limit(const struct overcommit_params *p);

/*
 * May the commit, already counted in @committed (pages, after adding
 * @pages), stand?  @has_mm/@total_vm describe the requesting address
 * space (none for kernel-internal charges such as initramfs files).
 */
bool overcommit_allows(const struct overcommit_params *p, long committed, long pages,
		       bool cap_sys_admin, bool has_mm, unsigned long total_vm);

#endif
