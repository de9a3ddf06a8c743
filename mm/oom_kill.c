/*
 * mm/oom_kill.c - the OOM killer: when no page can be found for an
 * allocation that may not fail, choose a process by Linux 6.1's badness
 * rule, report it in 6.1's words, and SIGKILL it (Linux: mm/oom_kill.c).
 *
 * The flow: the page allocator's slow path (mm/page_alloc.c) calls
 * out_of_memory() after MAX_RECLAIM_RETRIES rounds of reclaim found
 * nothing.  A victim keeps task->oom_mm (its mm, flagged MMF_OOM_VICTIM)
 * until that mm is freed (oom_mm_gone, our exit_mmap); while a victim's
 * mm is neither freed nor reaped (MMF_OOM_SKIP), selection aborts rather
 * than kill twice.  OOM_REAPER_DELAY after the kill, the oom_reaper
 * kernel thread unmaps a victim that has still not exited and sets
 * MMF_OOM_SKIP, so that a later OOM may choose another.
 *
 * Our own account of each decision (why this victim) is in
 * mm/oom_explain.c; it prints after 6.1's lines, never between them.
 *
 * Synchronization: one CPU and a non-preemptible kernel: out_of_memory
 * runs to completion (it never sleeps), so it needs no oom_lock.  The
 * reaper runs only while the victim sleeps, and unmaps without freeing
 * page tables, so a victim asleep in a fault finds its tables intact.
 */
#include "mm/oom.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/swap.h"
#include "mm/show_mem.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/time.h"
#include "kernel/vmstat.h"
#include "kernel/lib/string.h"
#include "proc/task.h"
#include "proc/sched.h"
#include "proc/signal.h"

int sysctl_panic_on_oom;
int sysctl_oom_kill_allocating_task;
int sysctl_oom_dump_tasks = 1;
static unsigned long oom_reaper_delay_ms = 2000;	/* 6.1's OOM_REAPER_DELAY; oom_reaper_delay= */

#define K(x) ((unsigned long)(x) << (PAGE_SHIFT - 10))
#define OOM_ABORT ((struct task *)-1L)

/* A live process: what for_each_process visits and can still kill. */
static bool is_process(const struct task *t)
{
	return t->pid == t->tgid && !(t->flags & PF_KTHREAD) && !t->exit_state;
}

/* pid 1 and kernel threads are never chosen. */
static bool oom_unkillable_task(const struct task *t)
{
	return t->pid == 1 || (t->flags & PF_KTHREAD);
}

/* Linux's in_vfork: a vfork child whose parent still waits on the same mm. */
static bool in_vfork(const struct task *t)
{
	return t->vfork_done && t->parent && t->parent->mm == t->mm;
}

void oom_task_facts(struct task *p, struct oom_facts *f)
{
	struct mm *mm = p->mm;

	*f = (struct oom_facts){ .unkillable = oom_unkillable_task(p), .no_mm = !mm,
				 .adj = p->oom_score_adj };
	if (!mm)
		return;
	f->mm_skip = mm->flags & MMF_OOM_SKIP;
	f->in_vfork = in_vfork(p);
	f->rss = get_mm_rss(mm);
	f->swapents = mm->rss[MM_SWAPENTS];
	f->pgtables_bytes = mm->pgtables_bytes;
}

long oom_badness(struct task *p, unsigned long totalpages)
{
	struct oom_facts f;

	oom_task_facts(p, &f);
	return oom_badness_of(&f, totalpages);
}

unsigned long oom_totalpages(void)
{
	return totalram_pages() + (unsigned long)total_swap_pages;
}

/*
 * 6.1's select_bad_process/oom_evaluate_task: every process once, in
 * task-list order.  Returns the victim, NULL if none is eligible, or
 * OOM_ABORT when an earlier victim is still on its way out.
 */
static struct task *select_bad_process(unsigned long totalpages)
{
	struct oom_choice choice = OOM_CHOICE_INIT;
	struct task *t, *chosen = NULL;
	int i = 0;

	list_for_each_entry(t, &task_list, tasks) {
		struct oom_candidate c = { LONG_MIN, false, false, t->oom_origin };

		if (!is_process(t) || oom_unkillable_task(t))
			continue;
		if (t->oom_mm) {	/* an earlier victim whose mm is not freed yet */
			c.victim_reaped = t->oom_mm->flags & MMF_OOM_SKIP;
			c.victim_pending = !c.victim_reaped;
		} else if (!c.origin) {
			c.points = oom_badness(t, totalpages);
		}
		if (!oom_choose_step(&choice, &c, i))
			return OOM_ABORT;
		if (choice.chosen == i)
			chosen = t;
		i++;
	}
	return chosen;
}

static void dump_tasks(void)
{
	struct task *t;

	pr_info("Tasks state (memory values in pages):\n");
	pr_info("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	list_for_each_entry(t, &task_list, tasks) {
		if (!is_process(t) || oom_unkillable_task(t) || !t->mm)
			continue;
		pr_info("[%7d] %5d %5d %8lu %8lu %8ld %8lu         %5hd %s\n",
			t->pid, (int)t->cred.uid, t->tgid, t->mm->total_vm,
			(unsigned long)get_mm_rss(t->mm), t->mm->pgtables_bytes,
			(unsigned long)t->mm->rss[MM_SWAPENTS], t->oom_score_adj, t->comm);
	}
}

static void dump_header(gfp_t gfp, int order, struct task *victim)
{
	char flags[160];

	gfp_flags_name(gfp, flags, sizeof(flags));
	pr_warn("%s invoked oom-killer: gfp_mask=%#x(%s), order=%d, oom_score_adj=%hd\n",
		current->comm, gfp, flags, order, current->oom_score_adj);
	dump_stack_lvl(KERN_WARNING);
	show_mem();
	if (sysctl_oom_dump_tasks)
		dump_tasks();
	if (victim)
		pr_info("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
			"global_oom,task_memcg=/,task=%s,pid=%d,uid=%d\n",
			victim->comm, victim->pid, (int)victim->cred.uid);
}

/* ---- the oom_reaper ---------------------------------------------------- */

static struct task *reap_queue[32];	/* victims waiting for their delay */
static int reap_count;
static struct wait_queue_head reaper_wait = WAIT_QUEUE_HEAD_INIT(reaper_wait);

/* Once per mm, as 6.1's MMF_OOM_REAP_QUEUED: look at @t after the delay. */
static void queue_oom_reaper(struct task *t)
{
	struct mm *mm = t->oom_mm;

	if (!mm || (mm->flags & MMF_OOM_REAP_QUEUED))
		return;
	if (reap_count == (int)ARRAY_SIZE(reap_queue))
		return;		/* more victims in flight than we track: exit will free them */
	mm->flags |= MMF_OOM_REAP_QUEUED;
	t->oom_reap_at = ktime_get_ns() + oom_reaper_delay_ms * 1000000ULL;
	reap_queue[reap_count++] = t;
	wake_up(&reaper_wait);
}

/* 6.1's __oom_reap_task_mm: anonymous and private mappings, mlocked too. */
static void oom_reap_task_mm(struct mm *mm)
{
	struct vma *vma;

	list_for_each_entry(vma, &mm->vmas, node)
		if (!vma->file || !(vma->flags & VM_SHARED))
			unmap_page_range(vma, vma->start, vma->end);
}

#define MAX_OOM_REAP_RETRIES	10	/* 6.1's: one every HZ/10 */

/* The victim has not exited by now: take what its exit would have freed. */
static void oom_reap_task(struct task *t)
{
	struct mm *mm = t->oom_mm;

	if (!mm || (mm->flags & MMF_OOM_SKIP))
		return;		/* it exited by itself (or init pins it): no line, as 6.1 */
	if (!mmap_read_trylock(mm)) {	/* someone changes its VMAs: try again soon */
		if (++t->oom_reap_attempts < MAX_OOM_REAP_RETRIES) {
			t->oom_reap_at = ktime_get_ns() + 100000000ULL;
			reap_queue[reap_count++] = t;
			return;
		}
		pr_info("oom_reaper: unable to reap pid:%d (%s)\n", t->pid, t->comm);
		mm->flags |= MMF_OOM_SKIP;	/* as 6.1: let the OOM killer choose again */
		return;
	}
	oom_reap_task_mm(mm);
	mmap_read_unlock(mm);
	mm->flags |= MMF_OOM_SKIP;
	pr_info("oom_reaper: reaped process %d (%s), now anon-rss:%lukB, file-rss:%lukB,"
		" shmem-rss:%lukB\n", t->pid, t->comm, K(mm->rss[MM_ANONPAGES]),
		K(mm->rss[MM_FILEPAGES]), K(mm->rss[MM_SHMEMPAGES]));
}

/* Take the first victim whose time has come off the queue; else when the next one is due. */
static struct task *reap_next(uint64_t now, uint64_t *next)
{
	*next = 0;
	for (int i = 0; i < reap_count; i++) {
		struct task *t = reap_queue[i];

		if (t->oom_reap_at <= now) {
			reap_queue[i] = reap_queue[--reap_count];
			return t;
		}
		if (!*next || t->oom_reap_at < *next)
			*next = t->oom_reap_at;
	}
	return NULL;
}

static int oom_reaper(void *arg)
{
	for (;;) {
		uint64_t next;
		struct task *t = reap_next(ktime_get_ns(), &next);

		if (t)
			oom_reap_task(t);
		else if (next)
			sleep_until_ns(next, false);
		else
			wait_event(reaper_wait, reap_count > 0);
	}
	return 0;
}

void oom_forget_task(struct task *t)
{
	for (int i = 0; i < reap_count; i++)
		if (reap_queue[i] == t) {
			reap_queue[i] = reap_queue[--reap_count];
			return;
		}
}

void oom_mm_gone(struct mm *mm)
{
	struct task *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->oom_mm == mm)
			t->oom_mm = NULL;
}

/* ---- killing ------------------------------------------------------------ */

/* A victim from now on: it may use the last reserves to exit (TIF_MEMDIE). */
static void mark_oom_victim(struct task *t)
{
	if (!t->oom_mm)
		t->oom_mm = t->mm;
	t->flags |= PF_MEMALLOC;
	t->mm->flags |= MMF_OOM_VICTIM;
}

/* 6.1's __task_will_free_mem: killed (SIGNAL_GROUP_EXIT) or already exiting. */
static bool __task_will_free_mem(const struct task *t)
{
	return (t->signal_flags & SIGNAL_GROUP_EXIT) || (t->flags & PF_EXITING);
}

/* Dying, with everyone sharing its mm dying too, and the mm not reaped yet. */
static bool task_will_free_mem(struct task *t)
{
	struct mm *mm = t->mm;
	struct task *p;

	if (!mm || !__task_will_free_mem(t) || (mm->flags & MMF_OOM_SKIP))
		return false;
	list_for_each_entry(p, &task_list, tasks)
		if (p != t && p->mm == mm && is_process(p) && !__task_will_free_mem(p))
			return false;
	return true;
}

/* SIGKILL to @victim and to every other process on its mm, then the reaper. */
static void __oom_kill_process(struct task *victim, const char *message)
{
	struct mm *mm = victim->mm;
	bool can_oom_reap = true;
	struct task *p;

	if (!mm) {
		pr_info("%s: OOM victim %d (%s) is already exiting. Skip killing the task\n",
			message, victim->pid, victim->comm);
		return;
	}
	count_vm_event(OOM_KILL);
	send_sig(SIGKILL, victim, 1);
	mark_oom_victim(victim);
	pr_err("%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB,"
	       " shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%hd\n",
	       message, victim->pid, victim->comm, K(mm->total_vm), K(mm->rss[MM_ANONPAGES]),
	       K(mm->rss[MM_FILEPAGES]), K(mm->rss[MM_SHMEMPAGES]), victim->cred.uid,
	       (unsigned long)mm->pgtables_bytes >> 10, victim->oom_score_adj);
	list_for_each_entry(p, &task_list, tasks) {
		if (p == victim || p->mm != mm || !is_process(p))
			continue;
		if (p->pid == 1) {	/* its memory stays: nothing to reap */
			can_oom_reap = false;
			mm->flags |= MMF_OOM_SKIP;
			pr_info("oom killer %d (%s) has mm pinned by %d (%s)\n",
				victim->pid, victim->comm, p->pid, p->comm);
			continue;
		}
		send_sig(SIGKILL, p, 1);
	}
	if (can_oom_reap)
		queue_oom_reaper(victim);
}

/*
 * An exiting victim is only marked; otherwise the report (10 per 5 s,
 * 6.1's DEFAULT_RATELIMIT), the kill (never rate-limited), then our
 * explanation when the report was printed.
 */
static void oom_kill_process(struct task *victim, unsigned long totalpages, gfp_t gfp,
			     int order, uint64_t select_ns, bool allocating_task)
{
	const char *message = allocating_task ? "Out of memory (oom_kill_allocating_task)" :
						"Out of memory";
	static struct ratelimit_state oom_rs = RATELIMIT_INIT(5 * HZ, 10);
	bool reported;

	if (task_will_free_mem(victim)) {
		oom_explain_record(victim, totalpages, gfp, order, select_ns, OOM_ACT_MARK_DYING);
		mark_oom_victim(victim);
		queue_oom_reaper(victim);
		return;
	}
	reported = __ratelimit(&oom_rs);
	if (reported)
		dump_header(gfp, order, victim);
	oom_explain_record(victim, totalpages, gfp, order, select_ns,
			   allocating_task ? OOM_ACT_KILL_ALLOCATING : OOM_ACT_KILL);
	__oom_kill_process(victim, message);
	if (reported)
		oom_explain_print();
}

static void check_panic_on_oom(gfp_t gfp, int order)
{
	if (!sysctl_panic_on_oom)
		return;
	dump_header(gfp, order, NULL);
	panic("Out of memory: %s panic_on_oom is enabled",
	      sysctl_panic_on_oom == 2 ? "compulsory" : "system-wide");
}

/* The allocating task, when vm.oom_kill_allocating_task allows it. */
static bool may_kill_allocating_task(void)
{
	return sysctl_oom_kill_allocating_task && current->mm && !oom_unkillable_task(current) &&
	       current->oom_score_adj != OOM_SCORE_ADJ_MIN;
}

bool oom_mark_exiting_current(void)
{
	if (!task_will_free_mem(current))
		return false;
	mark_oom_victim(current);	/* dying: it only needs to finish */
	queue_oom_reaper(current);
	return true;
}

/*
 * 6.1's out_of_memory for a global OOM (CONSTRAINT_NONE): true when
 * something was done (or is under way) so the allocator may retry.
 */
bool out_of_memory(gfp_t gfp, int order)
{
	unsigned long totalpages = oom_totalpages();
	struct task *victim;
	uint64_t t0;

	if (oom_mark_exiting_current())
		return true;
	if (gfp && !(gfp & __GFP_FS))
		return true;	/* no OOM kill for a NOFS allocation's failed reclaim */
	check_panic_on_oom(gfp, order);
	if (may_kill_allocating_task()) {
		oom_kill_process(current, totalpages, gfp, order, 0, true);
		return true;
	}
	t0 = ktime_get_ns();
	victim = select_bad_process(totalpages);
	if (!victim) {
		dump_header(gfp, order, NULL);
		pr_warn("Out of memory and no killable processes...\n");
		panic("System is deadlocked on memory");
	}
	if (victim != OOM_ABORT)
		oom_kill_process(victim, totalpages, gfp, order, ktime_get_ns() - t0, false);
	return true;
}

void oom_init(const char *cmdline)
{
	const char *p = strstr(cmdline, "oom_reaper_delay=");

	if (p) {	/* a debug knob for tests: the reaper's delay in ms */
		oom_reaper_delay_ms = 0;
		for (p += 17; *p >= '0' && *p <= '9'; p++)
			oom_reaper_delay_ms = oom_reaper_delay_ms * 10 + (unsigned long)(*p - '0');
	}
	kthread_run(oom_reaper, NULL, "oom_reaper");
}
