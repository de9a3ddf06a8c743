/*
 * kernel/fs/proc/array.c - /proc/PID/status, stat and statm in Linux
 * 6.1's formats (Linux: fs/proc/array.c, task_mmu.c task_mem/task_statm),
 * with Debian's configuration: PID namespaces (one level), seccomp with
 * filters, NUMA with 1024 nodes (Mems_allowed), THP, x86 speculation
 * lines for a CPU without SSBD or IBRS (QEMU's qemu64).
 *
 * Mechanisms we lack print 0: NUMA group, tracer, seccomp, context-switch
 * counts, queued-signal counts, the controlling tty (tty_nr 0, tpgid -1).
 */
#include "kernel/fs/proc/internal.h"
#include "kernel/param.h"
#include "kernel/lib/string.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "proc/task.h"

#define RLIMIT_RSS		5
#define RLIMIT_SIGPENDING	11
#define MAX_NUMNODES		1024	/* CONFIG_NODES_SHIFT=10 */

/* Linux's task_state_array letter and word for a task. */
static const char *task_state_name(const struct task *t)
{
	if (t->exit_state == EXIT_ZOMBIE)
		return "Z (zombie)";
	if (t->state == TASK_DEAD)
		return "X (dead)";
	if (t->signal_flags & SIGNAL_STOP_STOPPED)
		return "T (stopped)";
	if (t->state == TASK_RUNNING)
		return "R (running)";
	if (t->state & TASK_UNINTERRUPTIBLE)
		return "D (disk sleep)";
	return "S (sleeping)";
}

/* comm with '\n' and '\\' escaped, as seq_escape_str(ESCAPE_SPACE|ESCAPE_SPECIAL, "\n\\"). */
static void put_task_name(struct seq_file *m, const struct task *t)
{
	for (const char *p = t->comm; *p; p++) {
		if (*p == '\n')
			seq_puts(m, "\\n");
		else if (*p == '\\')
			seq_puts(m, "\\\\");
		else
			seq_putc(m, *p);
	}
}

static pid_t task_ppid(const struct task *t)
{
	return t->parent ? t->parent->tgid : 0;
}

static void task_ids(struct seq_file *m, const struct task *t)
{
	const struct cred *c = &t->cred;
	const struct group_info *gi = c->group_info;

	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\n", c->uid, c->euid, c->suid, c->fsuid);
	seq_printf(m, "Gid:\t%u\t%u\t%u\t%u\n", c->gid, c->egid, c->sgid, c->fsgid);
	seq_printf(m, "FDSize:\t%u\n", t->files ? t->files->max_fds : 0);
	seq_puts(m, "Groups:\t");
	for (int g = 0; gi && g < gi->ngroups; g++)
		seq_printf(m, g ? " %u" : "%u", gi->gid[g]);
	seq_puts(m, " \n");	/* 6.1 keeps a trailing space */
}

static void task_state(struct seq_file *m, const struct task *t)
{
	if (t->fs)
		seq_printf(m, "Umask:\t%#04o\n", t->fs->umask);
	seq_printf(m, "State:\t%s\n", task_state_name(t));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
		   t->tgid, t->pid, task_ppid(t));
	task_ids(m, t);
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		   t->tgid, t->pid, t->pgid, t->sid);
}

#define K(pages)	((unsigned long)(pages) << (PAGE_SHIFT - 10))

static void task_mem(struct seq_file *m, const struct mm *mm)
{
	unsigned long anon = (unsigned long)mm->rss[MM_ANONPAGES];
	unsigned long file = (unsigned long)mm->rss[MM_FILEPAGES];
	unsigned long shmem = (unsigned long)mm->rss[MM_SHMEMPAGES];
	unsigned long total_rss = anon + file + shmem;
	unsigned long text, lib;

	text = ALIGN_UP(mm->end_code, PAGE_SIZE) - ALIGN_DOWN(mm->start_code, PAGE_SIZE);
	text = MIN(text, mm->exec_vm << PAGE_SHIFT);
	lib = (mm->exec_vm << PAGE_SHIFT) - text;
	seq_put_kb(m, "VmPeak:\t", K(MAX(mm->hiwater_vm, mm->total_vm)));
	seq_put_kb(m, "VmSize:\t", K(mm->total_vm));
	seq_put_kb(m, "VmLck:\t", K(mm->locked_vm));
	seq_put_kb(m, "VmPin:\t", K(mm->pinned_vm));
	seq_put_kb(m, "VmHWM:\t", K(MAX(mm->hiwater_rss, total_rss)));
	seq_put_kb(m, "VmRSS:\t", K(total_rss));
	seq_put_kb(m, "RssAnon:\t", K(anon));
	seq_put_kb(m, "RssFile:\t", K(file));
	seq_put_kb(m, "RssShmem:\t", K(shmem));
	seq_put_kb(m, "VmData:\t", K(mm->data_vm));
	seq_put_kb(m, "VmStk:\t", K(mm->stack_vm));
	seq_put_kb(m, "VmExe:\t", text >> 10);
	seq_put_kb(m, "VmLib:\t", lib >> 10);
	seq_put_kb(m, "VmPTE:\t", (unsigned long)mm->pgtables_bytes >> 10);
	seq_put_kb(m, "VmSwap:\t", K(mm->rss[MM_SWAPENTS]));
	seq_put_kb(m, "HugetlbPages:\t", 0);
	seq_puts(m, "CoreDumping:\t0\n");
	seq_puts(m, "THP_enabled:\t1\n");
}

static int count_threads(const struct task *t)
{
	const struct task *p;
	int n = 0;

	list_for_each_entry(p, &task_list, tasks)
		n += p->tgid == t->tgid && p->exit_state != EXIT_ZOMBIE;
	return n ? n : 1;
}

/* SigIgn and SigCgt: the actions set to SIG_IGN, and to a handler. */
static void collect_sigign_sigcatch(const struct task *t, sigset_t *ign, sigset_t *catch)
{
	*ign = *catch = 0;
	for (int sig = 1; t->sighand && sig <= _NSIG; sig++) {
		void *h = t->sighand->action[sig - 1].handler;

		if (h == SIG_IGN)
			*ign |= sigmask(sig);
		else if (h != SIG_DFL)
			*catch |= sigmask(sig);
	}
}

static void task_sig(struct seq_file *m, const struct task *t)
{
	sigset_t ign, catch;

	collect_sigign_sigcatch(t, &ign, &catch);
	seq_printf(m, "Threads:\t%d\n", count_threads(t));
	seq_printf(m, "SigQ:\t%d/%lu\n", t->nr_sigqueued, t->rlim[RLIMIT_SIGPENDING].rlim_cur);
	seq_printf(m, "SigPnd:\t%016lx\n", (unsigned long)t->pending.signal);
	seq_printf(m, "ShdPnd:\t%016lx\n", (unsigned long)t->shared_pending.signal);
	seq_printf(m, "SigBlk:\t%016lx\n", (unsigned long)t->blocked);
	seq_printf(m, "SigIgn:\t%016lx\n", (unsigned long)ign);
	seq_printf(m, "SigCgt:\t%016lx\n", (unsigned long)catch);
}

static void task_cap(struct seq_file *m, const struct task *t)
{
	const struct cred *c = &t->cred;

	seq_printf(m, "CapInh:\t%016lx\nCapPrm:\t%016lx\nCapEff:\t%016lx\n",
		   (unsigned long)c->cap_inheritable, (unsigned long)c->cap_permitted,
		   (unsigned long)c->cap_effective);
	seq_printf(m, "CapBnd:\t%016lx\nCapAmb:\t%016lx\n",
		   (unsigned long)c->cap_bset, (unsigned long)c->cap_ambient);
}

static void task_seccomp(struct seq_file *m)
{
	seq_puts(m, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
	seq_puts(m, "Speculation_Store_Bypass:\tvulnerable\n");
	seq_puts(m, "SpeculationIndirectBranch:\talways enabled\n");
}

/* One CPU, node 0 of MAX_NUMNODES: %*pb prints 32-bit groups, highest first. */
static void task_allowed(struct seq_file *m)
{
	seq_puts(m, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\nMems_allowed:\t");
	for (int i = MAX_NUMNODES / 32 - 1; i > 0; i--)
		seq_puts(m, "00000000,");
	seq_puts(m, "00000001\nMems_allowed_list:\t0\n");
	seq_puts(m, "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
}

int proc_pid_status(struct seq_file *m, struct task *t)
{
	seq_puts(m, "Name:\t");
	put_task_name(m, t);
	seq_putc(m, '\n');
	task_state(m, t);
	if (t->mm)
		task_mem(m, t->mm);
	task_sig(m, t);
	task_cap(m, t);
	task_seccomp(m);
	task_allowed(m);
	return 0;
}

/* Nanoseconds to USER_HZ clock ticks (nsec_to_clock_t). */
static unsigned long clock_t_of(uint64_t ns)
{
	return (unsigned long)(ns / (1000000000UL / USER_HZ));
}

/* Fields 1-21: identity, faults and times. */
static void stat_head(struct seq_file *m, const struct task *t)
{
	seq_printf(m, "%d (%.64s) %c %d %d %d 0 -1 %u", t->pid, t->comm, task_state_name(t)[0],
		   task_ppid(t), t->pgid, t->sid, t->flags & (PF_KTHREAD | PF_EXITING | PF_MEMALLOC));
	seq_printf(m, " %lu %lu %lu %lu", t->min_flt, t->cmin_flt, t->maj_flt, t->cmaj_flt);
	seq_printf(m, " %lu %lu %lu %lu", clock_t_of(t->utime_ns), clock_t_of(t->stime_ns),
		   clock_t_of(t->cutime_ns), clock_t_of(t->cstime_ns));
	seq_printf(m, " 20 0 %d 0", count_threads(t));	/* priority, nice, threads, itrealvalue */
}

/* Fields 22-52: memory, signals, scheduling, the mm's boundaries, exit code. */
static void stat_tail(struct seq_file *m, const struct task *t)
{
	const struct mm *mm = t->mm;
	sigset_t ign, catch;

	collect_sigign_sigcatch(t, &ign, &catch);
	seq_printf(m, " %lu %lu %lu %lu", clock_t_of(t->start_time_ns),
		   mm ? mm->total_vm << PAGE_SHIFT : 0, mm ? (unsigned long)get_mm_rss(mm) : 0,
		   t->rlim[RLIMIT_RSS].rlim_cur);
	seq_printf(m, " %lu %lu %lu 0 0", mm ? mm->start_code : 0, mm ? mm->end_code : 0,
		   mm ? mm->start_stack : 0);
	seq_printf(m, " %lu %lu %lu %lu", (unsigned long)t->pending.signal & 0x7fffffffUL,
		   (unsigned long)t->blocked & 0x7fffffffUL, (unsigned long)ign & 0x7fffffffUL,
		   (unsigned long)catch & 0x7fffffffUL);
	seq_printf(m, " %d 0 0 %d 0 0 0 0 0 0", t->state != TASK_RUNNING, t->exit_signal);
	if (mm)
		seq_printf(m, " %lu %lu %lu %lu %lu %lu %lu", mm->start_data, mm->end_data,
			   mm->start_brk, mm->arg_start, mm->arg_end, mm->env_start, mm->env_end);
	else
		seq_puts(m, " 0 0 0 0 0 0 0");
	seq_printf(m, " %d\n", t->exit_state == EXIT_ZOMBIE ? t->exit_code : 0);
}

int proc_pid_stat(struct seq_file *m, struct task *t)
{
	stat_head(m, t);
	stat_tail(m, t);
	return 0;
}

int proc_pid_statm(struct seq_file *m, struct task *t)
{
	const struct mm *mm = t->mm;
	unsigned long shared, text, data, resident;

	if (!mm) {
		seq_puts(m, "0 0 0 0 0 0 0\n");
		return 0;
	}
	shared = (unsigned long)(mm->rss[MM_FILEPAGES] + mm->rss[MM_SHMEMPAGES]);
	text = (ALIGN_UP(mm->end_code, PAGE_SIZE) - ALIGN_DOWN(mm->start_code, PAGE_SIZE)) >> PAGE_SHIFT;
	data = mm->data_vm + mm->stack_vm;
	resident = shared + (unsigned long)mm->rss[MM_ANONPAGES];
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", mm->total_vm, resident, shared, text, data);
	return 0;
}
