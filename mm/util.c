/*
 * mm/util.c - __vm_enough_memory, the overcommit check made before the
 * kernel promises memory (Linux: mm/util.c).
 *
 * Only vm.overcommit_memory = 0 (the heuristic "guess", Linux's
 * default) exists so far: a single request larger than all of RAM plus
 * swap is refused, anything smaller is promised.  Counting what was
 * promised (Committed_AS) and modes 1 and 2 come with commit accounting.
 */
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/swap.h"
#include "kernel/errno.h"

int sysctl_overcommit_memory;		/* OVERCOMMIT_GUESS */

int __vm_enough_memory(struct mm *mm, long pages, int cap_sys_admin)
{
	if (pages > (long)totalram_pages() + total_swap_pages)
		return -ENOMEM;
	return 0;
}
