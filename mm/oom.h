/*
 * mm/oom.h - the OOM killer (oom_kill.c).
 */
#ifndef MM_OOM_H
#define MM_OOM_H

#include "kernel/types.h"
#include "mm/gfp.h"

#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000
#define MAX_RECLAIM_RETRIES	16
#define PAGE_ALLOC_COSTLY_ORDER	3

struct task;

extern int sysctl_panic_on_oom;
extern int sysctl_oom_kill_allocating_task;
extern int sysctl_oom_dump_tasks;
extern unsigned long oom_reaper_delay_ms;

/* 6.1's badness: LONG_MIN for "never", else pages (may be negative). */
long oom_badness(struct task *p, unsigned long totalpages);
/* RAM + swap pages: the scale of oom_score_adj and oom_score. */
unsigned long oom_totalpages(void);
/* Kill something so that @gfp/@order can succeed; false if it did nothing. */
bool out_of_memory(gfp_t gfp, int order);
void oom_forget_task(struct task *t);
/* Start the oom_reaper thread; oom_reaper_delay=MS on the command line. */
void oom_init(const char *cmdline);

#endif
