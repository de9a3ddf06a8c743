/*
 * mm/oom.h - the OOM killer's scoring: oom_badness and the values
 * /proc/PID/oom_score, oom_score_adj and oom_adj show (Linux:
 * include/linux/oom.h, include/uapi/linux/oom.h).
 *
 * The arithmetic is here as inline functions of plain numbers so host
 * unit tests and the OOM selection share one definition; mm/oom_kill.c
 * applies it to a task.
 */
#ifndef MM_OOM_H
#define MM_OOM_H

#include "kernel/types.h"
#include "mm/memlayout.h"

#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000
#define OOM_DISABLE		(-17)	/* legacy oom_adj: never kill */
#define OOM_ADJUST_MIN		(-16)
#define OOM_ADJUST_MAX		15

/*
 * 6.1's points, in signed long: rss + swap entries + page-table pages,
 * plus adj in units of totalpages / 1000 (the integer division first).
 */
static inline long oom_badness_points(long rss, long swapents, long pgtables_bytes,
				      long adj, unsigned long totalpages)
{
	long points = rss + swapents + pgtables_bytes / (long)PAGE_SIZE;

	adj *= (long)(totalpages / 1000);
	return points + adj;
}

/* /proc/PID/oom_score: badness scaled to 0..2000; 0 for "never" (LONG_MIN). */
static inline unsigned long oom_score_from_badness(long badness, unsigned long totalpages)
{
	if (badness == LONG_MIN)
		return 0;
	return (unsigned long)((1000 + badness * 1000 / (long)totalpages) * 2 / 3);
}

/* Legacy oom_adj written: its oom_score_adj (15 is the maximum, else scaled). */
static inline int oom_adj_to_score_adj(int oom_adj)
{
	if (oom_adj == OOM_ADJUST_MAX)
		return OOM_SCORE_ADJ_MAX;
	return oom_adj * OOM_SCORE_ADJ_MAX / -OOM_DISABLE;
}

/* oom_adj read back from an oom_score_adj. */
static inline int oom_score_adj_to_adj(int score_adj)
{
	int adj;

	if (score_adj == OOM_SCORE_ADJ_MAX)
		return OOM_ADJUST_MAX;
	adj = score_adj * -OOM_DISABLE / OOM_SCORE_ADJ_MAX;
	return adj > OOM_ADJUST_MAX ? OOM_ADJUST_MAX : adj;
}

struct task;
/* The task's badness for an OOM over @totalpages, or LONG_MIN: never it. */
long oom_badness(struct task *p, unsigned long totalpages);
/* totalpages of a global OOM: RAM pages plus swap pages. */
unsigned long oom_totalpages(void);

#endif
