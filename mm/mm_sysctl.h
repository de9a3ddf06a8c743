/*
 * mm/mm_sysctl.h - the vm.* knobs the memory manager reads, with Linux
 * 6.1's names and types (mm/util.c, mm/mmap.c, mm/page_alloc.c).
 *
 * /proc/sys/vm/ owns these variables (it parses the writes); mm/ only
 * reads them.  mm/vm_sysctl.c and mm/watermark.c define them with Linux's
 * defaults.  mm/ computes the
 * boot-time defaults Linux computes (admin/user reserve, min_free_kbytes)
 * in mm_sysctl_init(), and a writer of min_free_kbytes or
 * watermark_scale_factor must call setup_per_zone_wmarks() afterwards
 * (mm/watermark.c), as Linux's handlers do.
 */
#ifndef MM_MM_SYSCTL_H
#define MM_MM_SYSCTL_H

#define OVERCOMMIT_GUESS	0
#define OVERCOMMIT_ALWAYS	1
#define OVERCOMMIT_NEVER	2

extern int sysctl_overcommit_memory;		/* 0 guess, 1 always, 2 never */
extern int sysctl_overcommit_ratio;		/* percent of RAM in CommitLimit (50) */
extern unsigned long sysctl_overcommit_kbytes;	/* replaces the ratio when non-zero */
extern unsigned long sysctl_admin_reserve_kbytes; /* kept back from tasks without CAP_SYS_ADMIN */
extern unsigned long sysctl_user_reserve_kbytes;  /* kept back from one big process */
extern int min_free_kbytes;			/* the sum of the zones' min watermarks */
extern int watermark_scale_factor;		/* low/high spacing, in 1/10000 of a zone */

/* Boot-time defaults as Linux computes them from free memory (after mem_init). */
void mm_sysctl_init(void);
/* mm/util.c: watermarks, mm_sysctl_init(), vm_debug=1; called once after mem_init(). */
void mm_core_init(const char *cmdline);

#endif
