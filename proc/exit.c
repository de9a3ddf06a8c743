/*
 * proc/exit.c - ending a process and reaping it.
 *
 * do_exit: drop pending signals and timers, release the address space
 * (loading the kernel's page tables first: every address space shares the
 * kernel half), clear the CLONE_CHILD_CLEARTID word and futex-wake it,
 * release a vfork parent, close the files, give the children to init,
 * send the parent SIGCHLD, and become a zombie until the parent's wait4
 * reaps it -- or, if the parent ignores SIGCHLD (SIG_IGN or
 * SA_NOCLDWAIT), be freed at once (EXIT_DEAD).  wait4 also reports
 * stopped (WUNTRACED) and continued (WCONTINUED) children, once each.
 * When pid 1 ends there is nothing left to run: the kernel logs the
 * status and powers off, which is how a test run ends (Linux would
 * panic: "Attempted to kill init!").
 * Synchronization: one CPU, a non-preemptible kernel; the task list and
 * family links change only in process context.
 */
#include "proc/exit.h"
#include "mm/swap.h"
#include "mm/shmem.h"
#include "proc/sched.h"
#include "kernel/futex.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "mm/kmalloc.h"
#include "kernel/errno.h"
#include "kernel/x86.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/param.h"
#include "kernel/lib/string.h"
#include "mm/page.h"
#include "kernel/fs/file.h"
#include "mm/oom.h"
#include "kernel/drivers/tty.h"

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WCONTINUED	0x00000008
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

static void exit_mm(struct task *t)
{
	struct mm *mm = t->mm;

	if (!mm)
		return;
	exit_robust_list(t);
	futex_clear_child_tid(t);
	if (vm_debug_check && mm->users == 1)
		mm_check_counters(mm, t->comm);
	write_cr3(virt_to_phys(kernel_pml4));
	t->mm = NULL;
	mmput(mm);
}

/* Close every descriptor (pipe ends see EOF/EPIPE now) and drop the cwd. */
static void exit_files_fs(struct task *t)
{
	struct files *files = t->files;
	struct fs_struct *fs = t->fs;

	t->files = NULL;
	t->fs = NULL;
	put_files(files);
	put_fs(fs);
	if (t->sid == t->tgid)
		tty_session_ended(t->sid);
}

void release_task(struct task *t);

/*
 * Children of an exiting task go to init, which reaps them.  A child
 * already dead is reported to init now (which may reap it at once).
 */
static void reparent_children(struct task *t)
{
	struct task *c, *n;

	list_for_each_entry_safe(c, n, &t->children, sibling) {
		list_del(&c->sibling);
		c->parent = init_task;
		list_add_tail(&c->sibling, &init_task->children);
		c->exit_signal = SIGCHLD;	/* whatever clone said: init hears SIGCHLD */
		if (c->exit_state == EXIT_ZOMBIE && do_notify_parent(c, c->exit_signal)) {
			release_task(c);
			continue;
		}
		kill_orphaned_pgrp(c, t);
	}
	wake_up(&init_task->wait_chld);
}

extern unsigned long init_baseline_free, init_baseline_committed;
extern unsigned long init_baseline_shmem_swapped, init_baseline_swapcache, init_baseline_swap_areas;

/*
 * The leak check of every test run (xv6's usertests idea): once init's
 * address space is gone, every frame allocated since it started must be
 * free again.  Children still unreaped count as a leak, rightly.  What
 * legitimately moved meanwhile is counted exactly: tmpfs pages (the
 * root's programs) that went to swap and stay there free their frames;
 * pages left in the swap cache (readahead of those files' slots) and the
 * maps of a swap area still on (swapoff refused: its pages cannot be read
 * back) hold some.
 */
/* Where the frames a leak kept are: a census of every allocated frame. */
static void page_census_dump(void)
{
	unsigned long lru = 0, mapped = 0, swapcache = 0, shmem = 0, slab = 0, pgtable = 0;
	unsigned long locked = 0, other = 0;

	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		const struct page *p = pfn_to_page(pfn);

		if (p->flags & (PG_reserved | PG_buddy) || !p->_refcount)
			continue;
		if (p->flags & PG_slab)
			slab++;
		else if (p->flags & PG_pgtable)
			pgtable++;
		else if (p->flags & PG_swapcache)
			swapcache++;
		else if (p->_mapcount)
			mapped++;
		else if (!(p->flags & PG_anon) && p->mapping)
			shmem++;
		else if (p->flags & PG_lru)
			lru++;
		else if (p->flags & PG_mlocked)
			locked++;
		else
			other++;
	}
	pr_warn("oomkernel: frames in use: slab %lu, page tables %lu, swap cache %lu, mapped %lu,"
		" tmpfs %lu, unmapped on LRU %lu, mlocked %lu, other %lu\n", slab, pgtable,
		swapcache, mapped, shmem, lru, locked, other);
}

static void check_frames(void)
{
	long swapped = (long)shmem_pages_swapped() - (long)init_baseline_shmem_swapped;
	long cached = (long)total_swapcache_pages() - (long)init_baseline_swapcache;
	long areas = (long)swap_area_pages() - (long)init_baseline_swap_areas;
	long lost = (long)init_baseline_free - (long)nr_free_pages() + swapped - cached - areas;

	pr_info("oomkernel: free pages %lu at init start, %lu at init exit"
		" (tmpfs pages in swap %+ld, swap cache %+ld, swap maps %+ld)\n",
		init_baseline_free, nr_free_pages(), swapped, cached, areas);
	if (lost) {
		pr_warn("BUG: oomkernel: %ld pages not returned since init started\n", lost);
		page_census_dump();
		warn_count++;
	}
	/* The same for promises: every charge made since init started is given back. */
	lost = (long)vm_memory_committed() - (long)init_baseline_committed;
	if (lost) {
		pr_warn("BUG: oomkernel: Committed_AS %ld pages above its value when init started\n",
			lost);
		warn_count++;
	}
}

static __noreturn void init_exited(int status)
{
	check_frames();
	if (status & 0x7f)
		pr_notice("oomkernel: init killed by signal %d; powering off\n", status & 0x7f);
	else
		pr_notice("oomkernel: init exited with status %d; powering off\n",
			  (status >> 8) & 0xff);
	machine_exit(warn_count ? QEMU_EXIT_WARN : QEMU_EXIT_POWEROFF);
}

__noreturn void do_exit(int status)
{
	struct task *t = current;

	exit_signals(t);		/* sets PF_EXITING */
	t->exit_code = status;
	exit_mm(t);
	exit_files_fs(t);
	exit_creds(t);		/* frees the group array now: init's exit checks frames */
	if (t->vfork_done) {
		complete(t->vfork_done);
		t->vfork_done = NULL;
	}
	if (t == init_task)
		init_exited(status);
	reparent_children(t);
	t->exit_state = EXIT_ZOMBIE;
	kill_orphaned_pgrp(t, NULL);
	if (do_notify_parent(t, t->exit_signal)) {
		t->exit_state = EXIT_DEAD;	/* nobody will wait for it */
		list_del(&t->sibling);	/* leaves it self-linked for release_task */
		release_after_switch(t);
	}
	local_irq_disable();
	t->state = TASK_DEAD;
	schedule();
	BUG();
}

/* Free a reaped zombie.  It is not running: it switched away for good. */
void release_task(struct task *t)
{
	list_del(&t->sibling);
	list_del(&t->tasks);
	task_free(t);
}

static bool wait_matches(struct task *c, pid_t pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == 0)
		return c->pgid == current->pgid;
	if (pid < -1)
		return c->pgid == -pid;
	return true;
}

struct rusage_user {
	struct kernel_timespec ru_utime_tv, ru_stime_tv;	/* timeval layout: 2 longs */
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap,
	     ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

static void fill_rusage(struct rusage_user *r, struct task *c)
{
	r->ru_utime_tv.tv_sec = (long)(c->utime_ns / 1000000000UL);
	r->ru_utime_tv.tv_nsec = (long)(c->utime_ns % 1000000000UL / 1000);
	r->ru_stime_tv.tv_sec = (long)(c->stime_ns / 1000000000UL);
	r->ru_stime_tv.tv_nsec = (long)(c->stime_ns % 1000000000UL / 1000);
	r->ru_minflt = (long)c->min_flt;
	r->ru_majflt = (long)c->maj_flt;
}

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

long sys_getrusage(unsigned long who, unsigned long uru, unsigned long a3,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct rusage_user r = { 0 };
	struct task *t = current;

	switch ((int)who) {
	case RUSAGE_SELF:
	case RUSAGE_THREAD:
		fill_rusage(&r, t);
		r.ru_maxrss = t->mm ? (long)t->mm->hiwater_rss * (PAGE_SIZE / 1024) : 0;
		break;
	case RUSAGE_CHILDREN:
		r.ru_utime_tv.tv_sec = (long)(t->cutime_ns / 1000000000UL);
		r.ru_utime_tv.tv_nsec = (long)(t->cutime_ns % 1000000000UL / 1000);
		r.ru_stime_tv.tv_sec = (long)(t->cstime_ns / 1000000000UL);
		r.ru_stime_tv.tv_nsec = (long)(t->cstime_ns % 1000000000UL / 1000);
		r.ru_minflt = (long)t->cmin_flt;
		r.ru_majflt = (long)t->cmaj_flt;
		break;
	default:
		return -EINVAL;
	}
	return copy_to_user((void *)uru, &r, sizeof(r)) ? -EFAULT : 0;
}

/* Reap @c: returns its pid, or -EFAULT when @ustatus/@ru can't be written (still reaped). */
static long reap(struct task *c, int *ustatus, struct rusage_user *ru)
{
	struct rusage_user r = { 0 };
	pid_t pid = c->pid;
	int status = c->exit_code;
	bool fault = false;

	current->cutime_ns += c->utime_ns + c->cutime_ns;
	current->cstime_ns += c->stime_ns + c->cstime_ns;
	current->cmin_flt += c->min_flt + c->cmin_flt;
	current->cmaj_flt += c->maj_flt + c->cmaj_flt;
	if (ustatus && copy_to_user(ustatus, &status, sizeof(status)))
		fault = true;
	if (ru) {
		fill_rusage(&r, c);
		if (copy_to_user(ru, &r, sizeof(r)))
			fault = true;
	}
	release_task(c);
	return fault ? -EFAULT : pid;
}

/* What a child has for wait4: nothing, an exit, a stop or a continue. */
enum wait_event { WAIT_NONE, WAIT_EXIT, WAIT_STOP, WAIT_CONT };

static enum wait_event child_event(struct task *c, unsigned long options)
{
	if (c->exit_state == EXIT_ZOMBIE)
		return WAIT_EXIT;
	if ((options & WUNTRACED) && (c->signal_flags & SIGNAL_STOP_STOPPED) &&
	    c->group_exit_code)
		return WAIT_STOP;
	if ((options & WCONTINUED) && (c->signal_flags & SIGNAL_STOP_CONTINUED))
		return WAIT_CONT;
	return WAIT_NONE;
}

/* The first child matching @pid with an event, or NULL; *any: any child matches. */
static struct task *find_event(pid_t pid, unsigned long options, bool *any,
			       enum wait_event *ev)
{
	struct task *c;

	*any = false;
	list_for_each_entry(c, &current->children, sibling) {
		if (!wait_matches(c, pid))
			continue;
		*any = true;
		*ev = child_event(c, options);
		if (*ev != WAIT_NONE)
			return c;
	}
	return NULL;
}

/* Report a stop (status sig << 8 | 0x7f) or continue (0xffff), once. */
static long report_stop_cont(struct task *c, enum wait_event ev, int *ustatus,
			     struct rusage_user *ru)
{
	int status = ev == WAIT_STOP ? (c->group_exit_code << 8) | 0x7f : 0xffff;
	unsigned long flags = local_irq_save();

	if (ev == WAIT_STOP)
		c->group_exit_code = 0;
	else
		c->signal_flags &= ~SIGNAL_STOP_CONTINUED;
	local_irq_restore(flags);
	if (ustatus && copy_to_user(ustatus, &status, sizeof(status)))
		return -EFAULT;
	if (ru) {
		struct rusage_user r = { 0 };

		fill_rusage(&r, c);
		if (copy_to_user(ru, &r, sizeof(r)))
			return -EFAULT;
	}
	return c->pid;
}

long sys_wait4(unsigned long upid, unsigned long ustatus, unsigned long options,
	       unsigned long uru, unsigned long a5, unsigned long a6)
{
	pid_t pid = (pid_t)upid;
	enum wait_event ev = WAIT_NONE;
	struct task *c;
	bool any;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == INT_MIN)
		return -ESRCH;
	for (;;) {
		c = find_event(pid, options, &any, &ev);
		if (c && ev == WAIT_EXIT)
			return reap(c, (int *)ustatus, (struct rusage_user *)uru);
		if (c)
			return report_stop_cont(c, ev, (int *)ustatus, (struct rusage_user *)uru);
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		if (wait_event_interruptible(current->wait_chld,
					     find_event(pid, options, &any, &ev) || !any))
			return -ERESTARTSYS;
	}
}
