/*
 * mm/vm_sysctl.c - the vm.* knobs' variables and initial values, as
 * Linux 6.1 computes them (mm/util.c, mm/mmap.c init_admin_reserve and
 * init_user_reserve); the OOM knobs live in mm/oom_kill.c.  The values change only through
 * /proc/sys/vm; see mm/vm_sysctl.h for who reads them.
 */
#include "mm/vm_sysctl.h"
#include "mm/page.h"
#include "mm/swap.h"

int sysctl_overcommit_ratio = 50;
unsigned long sysctl_overcommit_kbytes;
unsigned long sysctl_admin_reserve_kbytes = 1UL << 13;
unsigned long sysctl_user_reserve_kbytes = 1UL << 17;

/* A thirty-second of free memory, capped at 8 MiB (admin) and 128 MiB (user). */
void vm_reserves_init(void)
{
	unsigned long free_kbytes = nr_free_pages() << (PAGE_SHIFT - 10);

	sysctl_admin_reserve_kbytes = MIN(free_kbytes / 32, 1UL << 13);
	sysctl_user_reserve_kbytes = MIN(free_kbytes / 32, 1UL << 17);
}

__attribute__((weak)) unsigned long vm_commit_limit(void)
{
	unsigned long allowed;

	if (sysctl_overcommit_kbytes)
		allowed = sysctl_overcommit_kbytes >> (PAGE_SHIFT - 10);
	else
		allowed = totalram_pages() * (unsigned long)sysctl_overcommit_ratio / 100;
	return allowed + (unsigned long)total_swap_pages;
}

__attribute__((weak)) unsigned long vm_memory_committed(void)
{
	return 0;
}
