/*
 * mm/vm_sysctl.h - the vm.* knobs of /proc/sys/vm, under Linux's names
 * (defined in mm/vm_sysctl.c, except sysctl_overcommit_memory in
 * mm/util.c, the OOM ones in mm/oom_kill.c and the watermark ones in
 * mm/watermark.c).
 *
 * Writers: only /proc/sys/vm (kernel/fs/proc/proc_sysctl.c), with 6.1's
 * parse rules; readers: the overcommit check, the OOM killer, /proc.
 */
#ifndef MM_VM_SYSCTL_H
#define MM_VM_SYSCTL_H

#include "kernel/types.h"
#include "mm/watermark.h"

#define OVERCOMMIT_GUESS	0
#define OVERCOMMIT_ALWAYS	1
#define OVERCOMMIT_NEVER	2

extern int sysctl_overcommit_memory;		/* 0..2, mm/util.c */
extern int sysctl_overcommit_ratio;		/* percent of RAM in CommitLimit, 50 */
extern unsigned long sysctl_overcommit_kbytes;	/* if not 0, CommitLimit instead of the ratio */
extern unsigned long sysctl_admin_reserve_kbytes;	/* min(free / 32, 8 MiB) at boot */
extern unsigned long sysctl_user_reserve_kbytes;	/* min(free / 32, 128 MiB) at boot */
extern int sysctl_oom_kill_allocating_task;	/* 0, mm/oom_kill.c */
extern int sysctl_panic_on_oom;			/* 0..2, mm/oom_kill.c */
extern int sysctl_oom_dump_tasks;		/* 1, mm/oom_kill.c */
extern int vm_swappiness;			/* 0..200, 60 (mm/vmscan.c: nothing to weigh without file pages) */
/* VMAs a process may have (mmap, brk and splits fail with ENOMEM beyond). */
#define DEFAULT_MAX_MAP_COUNT	65530
extern int sysctl_max_map_count;
extern int sysctl_drop_caches;			/* 1..4, the last value written */

/* Boot, with the free memory the kernel then has: the two reserves (init_*_reserve). */
/*
 * CommitLimit in pages: overcommit_kbytes, or RAM x overcommit_ratio / 100,
 * plus swap.  Weak: the commit-accounting code may define its own.
 */
unsigned long vm_commit_limit(void);
/*
 * Committed_AS in pages.  The default here (weak) says 0 until commit
 * accounting provides vm_committed_as and its own vm_memory_committed().
 */
unsigned long vm_memory_committed(void);

#endif
