/*
 * mm/oom.h - the OOM killer (oom_kill.c) and our account of its choices
 * (oom_explain.c).  The rules themselves are the pure inline functions
 * here, host-tested on synthetic tables (tests/unit/test_oom_select.c):
 * 6.1's oom_badness on a process's facts, the selection step, oom_score
 * and the legacy oom_adj conversions.
 */
#ifndef MM_OOM_H
#define MM_OOM_H

#include "kernel/types.h"
#include "mm/gfp.h"
#include "mm/memlayout.h"

#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000
#define MAX_RECLAIM_RETRIES	16
#define PAGE_ALLOC_COSTLY_ORDER	3
#define OOM_DISABLE		(-17)	/* legacy oom_adj: never kill */
#define OOM_ADJUST_MIN		(-16)
#define OOM_ADJUST_MAX		15

/*
 * What oom_badness() looks at in one process; oom_task_facts() (oom_kill.c)
 * fills it, so the rule below stays pure and host-tested.
 */
struct oom_facts {
	bool unkillable;	/* pid 1 or a kernel thread (oom_unkillable_task) */
	bool no_mm;		/* it has dropped its mm (exiting) */
	bool mm_skip;		/* MMF_OOM_SKIP: already reaped */
	bool in_vfork;		/* a vfork child still on its parent's mm */
	short adj;		/* oom_score_adj */
	long rss;		/* MM_ANONPAGES + MM_FILEPAGES + MM_SHMEMPAGES */
	long swapents;		/* MM_SWAPENTS */
	long pgtables_bytes;	/* mm_pgtables_bytes */
};

/* Why oom_badness() says LONG_MIN ("never"), in 6.1's order of tests. */
enum oom_never {
	OOM_ELIGIBLE,
	OOM_NEVER_UNKILLABLE,
	OOM_NEVER_NO_MM,
	OOM_NEVER_ADJ_MIN,
	OOM_NEVER_REAPED,
	OOM_NEVER_VFORK,
};

static inline enum oom_never oom_never_reason(const struct oom_facts *f)
{
	if (f->unkillable)
		return OOM_NEVER_UNKILLABLE;
	if (f->no_mm)
		return OOM_NEVER_NO_MM;
	if (f->adj == OOM_SCORE_ADJ_MIN)
		return OOM_NEVER_ADJ_MIN;
	if (f->mm_skip)
		return OOM_NEVER_REAPED;
	if (f->in_vfork)
		return OOM_NEVER_VFORK;
	return OOM_ELIGIBLE;
}

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

/* oom_badness() on the facts: LONG_MIN for "never", else pages (may be < 0). */
static inline long oom_badness_of(const struct oom_facts *f, unsigned long totalpages)
{
	if (oom_never_reason(f) != OOM_ELIGIBLE)
		return LONG_MIN;
	return oom_badness_points(f->rss, f->swapents, f->pgtables_bytes, f->adj, totalpages);
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

/*
 * oom_adj read back from an oom_score_adj: 15 for 1000, otherwise scaled
 * down; Debian's 6.1.192 reads 15 for 942..999 too (checked in QEMU).
 */
static inline int oom_score_adj_to_adj(int score_adj)
{
	int adj;

	if (score_adj == OOM_SCORE_ADJ_MAX)
		return OOM_ADJUST_MAX;
	adj = score_adj * -OOM_DISABLE / OOM_SCORE_ADJ_MAX;
	return adj > OOM_ADJUST_MAX ? OOM_ADJUST_MAX : adj;
}

struct task;

extern int sysctl_panic_on_oom;
extern int sysctl_oom_kill_allocating_task;
extern int sysctl_oom_dump_tasks;

/*
 * One process as select_bad_process sees it.  The pure decision,
 * host-tested: oom_choose() returns the index of the victim, -1 if none
 * is eligible, or OOM_CHOOSE_ABORT when an earlier victim is still on
 * its way out (no second kill).  Ties go to the later entry; an oom
 * origin (swapoff's caller) beats any points.
 */
struct oom_candidate {
	long points;		/* oom_badness(): LONG_MIN means never */
	bool victim_pending;	/* chosen before, memory not yet reaped */
	bool victim_reaped;	/* chosen before, reaped (MMF_OOM_SKIP) */
	bool origin;		/* oom_task_origin */
};
#define OOM_CHOOSE_ABORT (-2)

struct oom_choice {
	long best;		/* points of the one chosen so far */
	int chosen;		/* its index, -1 none, OOM_CHOOSE_ABORT */
};
#define OOM_CHOICE_INIT { LONG_MIN, -1 }

/* Look at candidate @i; false once the selection must abort. */
static inline bool oom_choose_step(struct oom_choice *s, const struct oom_candidate *c, int i)
{
	long points;

	if (c->victim_reaped)
		return true;
	if (c->victim_pending) {
		s->chosen = OOM_CHOOSE_ABORT;
		return false;
	}
	if (c->origin) {
		points = LONG_MAX;
	} else {
		points = c->points;
		if (points == LONG_MIN || points < s->best)
			return true;
	}
	s->chosen = i;		/* ">=": ties go to the later one */
	s->best = points;
	return true;
}

static inline int oom_choose(const struct oom_candidate *c, int n)
{
	struct oom_choice s = OOM_CHOICE_INIT;

	for (int i = 0; i < n && oom_choose_step(&s, &c[i], i); i++)
		;
	return s.chosen;
}

struct seq_file;
struct mm;

/* 6.1's badness: LONG_MIN for "never", else pages (may be negative). */
long oom_badness(struct task *p, unsigned long totalpages);
/* What oom_badness reads of @p. */
void oom_task_facts(struct task *p, struct oom_facts *f);
/* RAM + swap pages: the scale of oom_score_adj and oom_score. */
unsigned long oom_totalpages(void);
/* Kill something so that @gfp/@order can succeed; false if it did nothing. */
bool out_of_memory(gfp_t gfp, int order);
/*
 * 6.1's first step of out_of_memory: if current is dying with everyone
 * on its mm, mark it a victim (it may use the reserves to finish) and
 * queue the reaper; no selection.  True if it did.
 */
bool oom_mark_exiting_current(void);
/* @mm is being freed: its victims have nothing left to free (exit_mmap's MMF_OOM_SKIP). */
void oom_mm_gone(struct mm *mm);
/* @t is being freed: the reaper must forget it. */
void oom_forget_task(struct task *t);
/* Start the oom_reaper thread; oom_reaper_delay=MS on the command line. */
void oom_init(const char *cmdline);

/* What a decision did to its victim (oom_kill_process). */
enum oom_action {
	OOM_ACT_KILL,			/* chosen by select_bad_process, killed */
	OOM_ACT_KILL_ALLOCATING,	/* vm.oom_kill_allocating_task: the allocator, killed */
	OOM_ACT_MARK_DYING,		/* chosen, but already dying: only marked */
};

/* mm/oom_explain.c: our account of the last decision (Linux prints none). */
void oom_explain_record(struct task *victim, unsigned long totalpages, gfp_t gfp, int order,
			uint64_t select_ns, enum oom_action action);
void oom_explain_print(void);
int oom_explain_seq(struct seq_file *m);	/* /proc/oom_explain, JSON */

#endif
