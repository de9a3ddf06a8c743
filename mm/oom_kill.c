/*
 * mm/oom_kill.c - choosing whom the OOM killer would kill (Linux:
 * mm/oom_kill.c).  So far the badness of one task, which
 * /proc/PID/oom_score shows; selection and killing build on it.
 *
 * oom_badness reads only the task and its mm (no current, no
 * allocation), so the host unit tests run it on synthetic tasks.
 * Synchronization: one CPU, a non-preemptible kernel; the caller holds
 * no locks and the task cannot be freed while it runs.
 */
#include "mm/oom.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/swap.h"
#include "proc/task.h"

/* pid 1 and kernel threads are never chosen (oom_unkillable_task). */
static bool oom_unkillable_task(const struct task *p)
{
	return p->tgid == 1 || (p->flags & PF_KTHREAD);
}

/* Between vfork and exec/exit the child's memory is its parent's. */
static bool in_vfork(const struct task *p)
{
	return (p->flags & PF_VFORK_CHILD) ||
	       (p->vfork_done && p->parent && p->parent->mm == p->mm);
}

long oom_badness(struct task *p, unsigned long totalpages)
{
	struct mm *mm = p->mm;

	if (oom_unkillable_task(p) || !mm)
		return LONG_MIN;	/* no mm: exited (a zombie) or a kernel thread */
	if (p->oom_score_adj == OOM_SCORE_ADJ_MIN || (mm->flags & MMF_OOM_SKIP) || in_vfork(p))
		return LONG_MIN;
	return oom_badness_points(get_mm_rss(mm), mm->rss[MM_SWAPENTS], mm->pgtables_bytes,
				  p->oom_score_adj, totalpages);
}

unsigned long oom_totalpages(void)
{
	return totalram_pages() + (unsigned long)total_swap_pages;
}
