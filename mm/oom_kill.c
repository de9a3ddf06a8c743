/*
 * mm/oom_kill.c - the OOM killer: when no page can be found for an
 * allocation that may not fail, choose a process by Linux 6.1's badness
 * rule, report why in 6.1's words, and SIGKILL it (Linux: mm/oom_kill.c).
 *
 * The flow: the page allocator's slow path (mm/page_alloc.c) calls
 * out_of_memory() after MAX_RECLAIM_RETRIES rounds of reclaim found
 * nothing.  A victim keeps task->oom_mm (its mm) and the mm carries
 * MMF_OOM_VICTIM until it is gone; while one exists unreaped, selection
 * aborts rather than kill twice.  The oom_reaper kernel thread unmaps a
 * victim that has not exited OOM_REAPER_DELAY later and sets
 * MMF_OOM_SKIP, so that a later OOM may choose another.
 *
 * Synchronization: one CPU and a non-preemptible kernel: out_of_memory
 * runs to completion (it never sleeps), so it needs no oom_lock.
 */
#include <stdarg.h>
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
#include "kernel/lib/vsprintf.h"
#include "proc/task.h"
#include "proc/sched.h"
#include "proc/signal.h"

int sysctl_panic_on_oom;
int sysctl_oom_kill_allocating_task;
int sysctl_oom_dump_tasks = 1;
unsigned long oom_reaper_delay_ms = 2000;	/* 6.1's OOM_REAPER_DELAY; oom_reaper_delay= */

#define K(x) ((unsigned long)(x) << (PAGE_SHIFT - 10))

static bool is_process(const struct task *t)
{
	return t->pid == t->tgid && !(t->flags & PF_KTHREAD) && !t->exit_state;
}

/* pid 1 and kernel threads are never chosen. */
static bool oom_unkillable_task(const struct task *t)
{
	return t->pid == 1 || (t->flags & PF_KTHREAD);
}

long oom_badness(struct task *p, unsigned long totalpages)
{
	long adj;
	struct mm *mm = p->mm;

	if (oom_unkillable_task(p) || !mm)
		return LONG_MIN;
	adj = p->oom_score_adj;
	/* -1000 is immune; a reaped mm has nothing left; a vfork child shares its parent's. */
	if (adj == OOM_SCORE_ADJ_MIN || (mm->flags & MMF_OOM_SKIP) ||
	    (p->flags & PF_VFORK_CHILD))
		return LONG_MIN;
	return oom_badness_points(get_mm_rss(mm), mm->rss[MM_SWAPENTS], mm->pgtables_bytes,
				  adj, totalpages);
}

unsigned long oom_totalpages(void)
{
	return totalram_pages() + (unsigned long)total_swap_pages;
}

/* The victim: LONG_MIN points means "none", ERR_ABORT an unreaped victim. */
#define OOM_ABORT ((struct task *)-1L)

static struct task *select_bad_process(unsigned long totalpages, long *chosen_points)
{
	struct oom_choice choice = OOM_CHOICE_INIT;
	struct task *t, *chosen = NULL;
	int i = 0;

	list_for_each_entry(t, &task_list, tasks) {
		struct oom_candidate c = { LONG_MIN, false, false, t->oom_origin };

		if (!is_process(t) || oom_unkillable_task(t))
			continue;
		if (t->oom_mm) {	/* an earlier victim, still exiting */
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
	*chosen_points = choice.best;
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

/* Our own lines after Linux's: each candidate's points taken apart. */
static void explain_choice(struct task *victim, unsigned long totalpages)
{
	struct task *t;
	long unit = (long)(totalpages / 1000);

	pr_info("oomkernel: badness = rss + swapents + pgtables_bytes/4096 + oom_score_adj * %ld"
		" (totalpages %lu / 1000)\n", unit, totalpages);
	list_for_each_entry(t, &task_list, tasks) {
		long b;

		if (!is_process(t) || !t->mm)
			continue;
		b = oom_badness(t, totalpages);
		if (b == LONG_MIN) {
			pr_info("oomkernel:   %5d %-15s never chosen (%s)\n", t->pid, t->comm,
				oom_unkillable_task(t) ? "init or kernel thread" :
				t->oom_score_adj == OOM_SCORE_ADJ_MIN ? "oom_score_adj -1000" :
				(t->flags & PF_VFORK_CHILD) ? "inside vfork" : "already reaped");
			continue;
		}
		pr_info("oomkernel:   %5d %-15s %7ld = rss %ld + swap %ld + pgtables %ld + adj %ld%s\n",
			t->pid, t->comm, b, get_mm_rss(t->mm), t->mm->rss[MM_SWAPENTS],
			t->mm->pgtables_bytes / (long)PAGE_SIZE, (long)t->oom_score_adj * unit,
			t == victim ? "  <- victim (highest; ties go to the later)" : "");
	}
}

/*
 * The last decision as JSON, for tools and tests (/proc/oom_explain):
 * the same facts as the explanation lines, kept until the next kill.
 */
static char oom_json[8192];
static size_t oom_json_len;

static void json_add(const char *fmt, ...)
{
	va_list ap;

	if (oom_json_len >= sizeof(oom_json))
		return;
	va_start(ap, fmt);
	oom_json_len += (size_t)vsnprintf(oom_json + oom_json_len, sizeof(oom_json) - oom_json_len,
					  fmt, ap);
	va_end(ap);
}

/* A task name as a JSON string: quotes, backslashes and controls escaped. */
static void json_comm(const char *comm)
{
	json_add("\"");
	for (const char *c = comm; *c; c++) {
		if (*c == '"' || *c == '\\')
			json_add("\\%c", *c);
		else if ((unsigned char)*c < 0x20)
			json_add("\\u%04x", (unsigned char)*c);
		else
			json_add("%c", *c);
	}
	json_add("\"");
}

static void record_choice(struct task *victim, unsigned long totalpages, gfp_t gfp, int order)
{
	struct task *t;
	bool first = true;

	oom_json_len = 0;
	json_add("{\"victim\":{\"pid\":%d,\"comm\":", victim->pid);
	json_comm(victim->comm);
	json_add("},\"invoker\":{\"pid\":%d,\"comm\":", current->pid);
	json_comm(current->comm);
	json_add("},\"gfp_mask\":\"%#x\",\"order\":%d,\"totalpages\":%lu,\"adj_unit\":%lu,"
		 "\"candidates\":[", gfp, order, totalpages, totalpages / 1000);
	list_for_each_entry(t, &task_list, tasks) {
		long b;

		if (!is_process(t) || !t->mm)
			continue;
		b = oom_badness(t, totalpages);
		json_add("%s{\"pid\":%d,\"comm\":", first ? "" : ",", t->pid);
		json_comm(t->comm);
		first = false;
		if (b == LONG_MIN) {
			json_add(",\"eligible\":false,\"reason\":\"%s\"}",
				 oom_unkillable_task(t) ? "init or kernel thread" :
				 t->oom_score_adj == OOM_SCORE_ADJ_MIN ? "oom_score_adj -1000" :
				 (t->flags & PF_VFORK_CHILD) ? "inside vfork" : "already reaped");
			continue;
		}
		json_add(",\"eligible\":true,\"rss\":%ld,\"swapents\":%ld,\"pgtables\":%ld,"
			 "\"oom_score_adj\":%d,\"adj_pages\":%ld,\"points\":%ld,\"victim\":%s}",
			 get_mm_rss(t->mm), t->mm->rss[MM_SWAPENTS],
			 t->mm->pgtables_bytes / (long)PAGE_SIZE, t->oom_score_adj,
			 (long)t->oom_score_adj * (long)(totalpages / 1000), b,
			 t == victim ? "true" : "false");
	}
	json_add("]}\n");
}

size_t oom_explain_show(char *buf, size_t size)
{
	size_t n = oom_json_len ? oom_json_len : 3;

	if (n <= size)
		memcpy(buf, oom_json_len ? oom_json : "{}\n", n);
	return n;
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

static struct task *reap_queue[16];
static int reap_count;
static struct wait_queue_head reaper_wait = WAIT_QUEUE_HEAD_INIT(reaper_wait);
static struct task *reaper_task;

static void mark_oom_victim(struct task *t)
{
	t->oom_mm = t->mm;
	t->flags |= PF_MEMALLOC;	/* it may take the last pages to exit */
	t->mm->flags |= MMF_OOM_VICTIM;
}

static void queue_oom_reaper(struct task *t)
{
	if (reap_count < (int)(sizeof(reap_queue) / sizeof(reap_queue[0])))
		reap_queue[reap_count++] = t;
	t->oom_reap_at = ktime_get_ns() + oom_reaper_delay_ms * 1000000ULL;
	wake_up(&reaper_wait);
}

static void oom_kill_process(struct task *victim, unsigned long totalpages,
			     gfp_t gfp, int order, const char *message)
{
	static struct ratelimit_state rs = RATELIMIT_INIT(5 * HZ, 10);
	struct mm *mm = victim->mm;
	struct task *t;

	if (victim->flags & PF_EXITING) {	/* it will free its memory anyway */
		mark_oom_victim(victim);
		queue_oom_reaper(victim);
		return;
	}
	if (__ratelimit(&rs)) {
		dump_header(gfp, order, victim);
		explain_choice(victim, totalpages);
	}
	record_choice(victim, totalpages, gfp, order);
	count_vm_event(OOM_KILL);
	send_sig(SIGKILL, victim, 1);
	mark_oom_victim(victim);
	pr_err("%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB,"
	       " shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%hd\n",
	       message, victim->pid, victim->comm, K(mm->total_vm), K(mm->rss[MM_ANONPAGES]),
	       K(mm->rss[MM_FILEPAGES]), K(mm->rss[MM_SHMEMPAGES]), victim->cred.uid,
	       (unsigned long)mm->pgtables_bytes >> 10, victim->oom_score_adj);
	/* Everyone else sharing the mm dies too, or the memory stays. */
	list_for_each_entry(t, &task_list, tasks) {
		if (t == victim || t->mm != mm || !is_process(t))
			continue;
		if (t->pid == 1) {
			mm->flags |= MMF_OOM_SKIP;
			pr_info("oom killer %d (%s) has mm pinned by %d (%s)\n",
				victim->pid, victim->comm, t->pid, t->comm);
			continue;
		}
		send_sig(SIGKILL, t, 1);
	}
	if (!(mm->flags & MMF_OOM_SKIP))
		queue_oom_reaper(victim);
}

bool out_of_memory(gfp_t gfp, int order)
{
	unsigned long totalpages = oom_totalpages();
	struct task *victim;
	long points;

	/* A dying allocator only needs to finish dying. */
	if (current->mm && (fatal_signal_pending(current) || (current->flags & PF_EXITING))) {
		if (!current->oom_mm)
			mark_oom_victim(current);
		return true;
	}
	if (sysctl_panic_on_oom) {
		dump_header(gfp, order, NULL);
		panic("Out of memory: system-wide panic_on_oom is enabled");
	}
	if (sysctl_oom_kill_allocating_task && current->mm && !oom_unkillable_task(current) &&
	    current->oom_score_adj != OOM_SCORE_ADJ_MIN) {
		oom_kill_process(current, totalpages, gfp, order,
				 "Out of memory (oom_kill_allocating_task)");
		return true;
	}
	victim = select_bad_process(totalpages, &points);
	if (victim == OOM_ABORT)
		return true;		/* an earlier victim is still on its way out */
	if (!victim) {
		dump_header(gfp, order, NULL);
		pr_warn("Out of memory and no killable processes...\n");
		panic("System is deadlocked on memory");
	}
	oom_kill_process(victim, totalpages, gfp, order, "Out of memory");
	return true;
}

/* Unmap what the victim's exit would free, if it has not exited by now. */
static void oom_reap_task(struct task *t)
{
	struct mm *mm = t->oom_mm;
	struct vma *vma;

	if (!mm || t->mm != mm || t->exit_state || (mm->flags & MMF_OOM_SKIP))
		return;		/* it exited by itself: no line, as 6.1 */
	list_for_each_entry(vma, &mm->vmas, node)
		if (!(vma->flags & (VM_SHARED | VM_LOCKED)))
			zap_page_range(vma, vma->start, vma->end);
	mm->flags |= MMF_OOM_SKIP;
	pr_info("oom_reaper: reaped process %d (%s), now anon-rss:%lukB, file-rss:%lukB,"
		" shmem-rss:%lukB\n", t->pid, t->comm, K(mm->rss[MM_ANONPAGES]),
		K(mm->rss[MM_FILEPAGES]), K(mm->rss[MM_SHMEMPAGES]));
}

/* Is @t still a queued victim (not reaped from the task list)? */
static bool still_queued(struct task *t)
{
	struct task *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p == t)
			return true;
	return false;
}

static int oom_reaper(void *arg)
{
	for (;;) {
		uint64_t next = 0, now = ktime_get_ns();
		int i;

		for (i = 0; i < reap_count;) {
			struct task *t = reap_queue[i];

			if (!still_queued(t) || t->oom_reap_at <= now) {
				if (still_queued(t))
					oom_reap_task(t);
				reap_queue[i] = reap_queue[--reap_count];
				continue;
			}
			if (!next || t->oom_reap_at < next)
				next = t->oom_reap_at;
			i++;
		}
		if (next)
			sleep_until_ns(next, false);
		else
			wait_event(reaper_wait, reap_count > 0);
	}
	return 0;
}

/* A victim's task is being freed: forget it. */
void oom_forget_task(struct task *t)
{
	for (int i = 0; i < reap_count; i++)
		if (reap_queue[i] == t) {
			reap_queue[i] = reap_queue[--reap_count];
			return;
		}
}

void oom_init(const char *cmdline)
{
	const char *p = strstr(cmdline, "oom_reaper_delay=");

	if (p) {
		oom_reaper_delay_ms = 0;
		for (p += 17; *p >= '0' && *p <= '9'; p++)
			oom_reaper_delay_ms = oom_reaper_delay_ms * 10 + (unsigned long)(*p - '0');
	}
	reaper_task = kthread_run(oom_reaper, NULL, "oom_reaper");
}
