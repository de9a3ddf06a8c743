/*
 * mm/vm_sysctl.c - the vm.* knobs' variables and initial values, as
 * Linux 6.1 computes them (mm/util.c, mm/mmap.c init_admin_reserve and
 * init_user_reserve); the OOM knobs live in mm/oom_kill.c.  The values change only through
 * /proc/sys/vm; see mm/vm_sysctl.h for who reads them.
 */
#include "mm/vm_sysctl.h"
#include "mm/page.h"
#include "mm/swap.h"

int sysctl_overcommit_memory;		/* OVERCOMMIT_GUESS */
int sysctl_overcommit_ratio = 50;
unsigned long sysctl_overcommit_kbytes;
unsigned long sysctl_admin_reserve_kbytes = 1UL << 13;
unsigned long sysctl_user_reserve_kbytes = 1UL << 17;
int vm_swappiness = 60;
int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
int sysctl_drop_caches;

/* Their boot values (a 32nd of free memory, capped) come from mm_sysctl_init. */
