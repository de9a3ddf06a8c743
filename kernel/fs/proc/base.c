/*
 * kernel/fs/proc/base.c - /proc/PID: the per-process directory and its
 * files that are not status/stat/statm/maps (Linux: fs/proc/base.c).
 *
 * comm, cmdline, environ, exe, mounts, oom_score, oom_score_adj and the
 * legacy oom_adj, with 6.1's parsing: base-0 integers with surrounding
 * white space (kstrtoint(strstrip(buf), 0)), at most PROC_NUMBUF - 1
 * bytes of one write looked at, EINVAL out of range and nothing changes.
 * An oom_score_adj write below the task's oom_score_adj_min needs
 * CAP_SYS_RESOURCE (EACCES), as does a legacy oom_adj write below the
 * current value; a writer with CAP_SYS_RESOURCE also moves the minimum.
 * A write reaches every process sharing the mm (except vfork children,
 * kernel threads and init), as __set_oom_adj does.
 */
#include "kernel/fs/proc/internal.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "mm/mm.h"
#include "mm/oom.h"
#include "mm/page.h"
#include "proc/task.h"

#define PROC_NUMBUF	13	/* Linux's buffer for a number written to /proc */

long proc_self_get_link(struct task *t, char *buf, size_t size)
{
	return snprintf(buf, size, "%d", current->tgid);
}

/*
 * The PTE of @va in @mm, present: a page swapped out (or never touched)
 * is faulted in for reading first, as 6.1's get_user_pages_remote does.
 * NULL when no VMA lets it be read.  May sleep.
 */
static pte_t *remote_pte(struct mm *mm, unsigned long va)
{
	pte_t *pte = pte_walk(mm->pgd, va, false, mm);

	if (pte && (*pte & _PAGE_PRESENT))
		return pte;
	if (handle_mm_fault(mm, va, 0) != VM_FAULT_OK)
		return NULL;
	pte = pte_walk(mm->pgd, va, false, mm);
	return pte && (*pte & _PAGE_PRESENT) ? pte : NULL;
}

size_t access_remote_vm(struct mm *mm, unsigned long addr, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		unsigned long va = addr + done;
		size_t off = va & (PAGE_SIZE - 1), n = MIN(len - done, PAGE_SIZE - off);
		pte_t *pte = remote_pte(mm, va);

		if (!pte || !(*pte & _PAGE_USER))
			break;
		memcpy((char *)buf + done, (char *)phys_to_virt(pte_phys(*pte)) + off, n);
		done += n;
	}
	return done;
}

/* Copy [start, end) of @mm's memory into the text; returns the bytes copied. */
static size_t put_remote(struct seq_file *m, struct mm *mm, unsigned long start,
			 unsigned long end)
{
	char chunk[256];
	size_t total = 0;

	while (start < end) {
		size_t n = access_remote_vm(mm, start, chunk, MIN(sizeof(chunk), end - start));

		if (!n)
			break;
		seq_write(m, chunk, n);
		start += n;
		total += n;
	}
	return total;
}

/*
 * The argument strings; if the last one's NUL was overwritten
 * (setproctitle), the text runs on into the environment area up to the
 * first NUL, as get_mm_cmdline.
 */
static void put_cmdline(struct seq_file *m, struct mm *mm)
{
	char last = 0;
	size_t start;

	if (!mm->env_end || mm->arg_start >= mm->arg_end)
		return;
	access_remote_vm(mm, mm->arg_end - 1, &last, 1);
	if (!last) {
		put_remote(m, mm, mm->arg_start, mm->arg_end);
		return;
	}
	start = m->count;
	put_remote(m, mm, mm->arg_start, mm->env_end);
	m->count = start + strnlen(m->buf + start, m->count - start);
}

static int proc_pid_cmdline(struct seq_file *m, struct task *t)
{
	struct mm *mm = get_task_mm(t);

	if (mm) {
		mmap_read_lock(mm);	/* its pages may have to come back from swap */
		put_cmdline(m, mm);
		mmap_read_unlock(mm);
		mmput(mm);
	}
	return 0;
}

static int proc_pid_environ(struct seq_file *m, struct task *t)
{
	struct mm *mm = get_task_mm(t);

	if (!mm)
		return 0;
	mmap_read_lock(mm);
	if (mm->env_end)
		put_remote(m, mm, mm->env_start, mm->env_end);
	mmap_read_unlock(mm);
	mmput(mm);
	return 0;
}

static int comm_show(struct seq_file *m, struct task *t)
{
	seq_printf(m, "%s\n", t->comm);
	return 0;
}

/* Only a thread of the same process renames it; the bytes are kept as written. */
static long comm_write(struct task *t, char *kbuf, size_t kept, size_t count)
{
	if (t->tgid != current->tgid)
		return -EINVAL;
	set_task_comm(t, kbuf);
	return (long)count;
}

static long exe_get_link(struct task *t, char *buf, size_t size)
{
	if (!t->mm || !t->mm->exe_name[0])
		return -ENOENT;
	return (long)strlcpy(buf, t->mm->exe_name, size);
}

static int proc_oom_score(struct seq_file *m, struct task *t)
{
	unsigned long totalpages = oom_totalpages();

	seq_printf(m, "%lu\n", oom_score_from_badness(oom_badness(t, totalpages), totalpages));
	return 0;
}

static int oom_score_adj_show(struct seq_file *m, struct task *t)
{
	seq_printf(m, "%d\n", t->oom_score_adj);
	return 0;
}

static int oom_adj_show(struct seq_file *m, struct task *t)
{
	seq_printf(m, "%d\n", oom_score_adj_to_adj(t->oom_score_adj));
	return 0;
}

static bool in_vfork(const struct task *t)
{
	return (t->flags & PF_VFORK_CHILD) || t->vfork_done;
}

/* Set one task's value; a privileged writer also sets the floor. */
static void set_one(struct task *t, int adj, bool legacy)
{
	t->oom_score_adj = (short)adj;
	if (!legacy && capable(CAP_SYS_RESOURCE))
		t->oom_score_adj_min = (short)adj;
}

static bool legacy_warned;

static int set_oom_adj(struct task *t, int adj, bool legacy)
{
	struct task *p;

	if (legacy && adj < t->oom_score_adj && !capable(CAP_SYS_RESOURCE))
		return -EACCES;
	if (!legacy && adj < t->oom_score_adj_min && !capable(CAP_SYS_RESOURCE))
		return -EACCES;
	if (legacy && !legacy_warned) {
		legacy_warned = true;
		pr_warn("%s (%d): /proc/%d/oom_adj is deprecated, please use /proc/%d/oom_score_adj instead.\n",
			current->comm, current->pid, t->pid, t->pid);
	}
	set_one(t, adj, legacy);
	if (in_vfork(t) || !t->mm)
		return 0;
	list_for_each_entry(p, &task_list, tasks)
		if (p->tgid != t->tgid && p->mm == t->mm && !(p->flags & PF_KTHREAD) &&
		    p->tgid != 1 && !in_vfork(p))
			set_one(p, adj, legacy);
	return 0;
}

static long oom_score_adj_write(struct task *t, char *kbuf, size_t kept, size_t count)
{
	int v, err = proc_parse_int(kbuf, &v);

	if (err)
		return err;
	if (v < OOM_SCORE_ADJ_MIN || v > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	err = set_oom_adj(t, v, false);
	return err ? err : (long)kept;
}

static long oom_adj_write(struct task *t, char *kbuf, size_t kept, size_t count)
{
	int v, err = proc_parse_int(kbuf, &v);

	if (err)
		return err;
	if ((v < OOM_ADJUST_MIN || v > OOM_ADJUST_MAX) && v != OOM_DISABLE)
		return -EINVAL;
	err = set_oom_adj(t, oom_adj_to_score_adj(v), true);
	return err ? err : (long)kept;
}

/* Linux's tgid_base_stuff order, for the files we have. */
const struct proc_entry proc_pid_table[] = {
	{ .name = "environ", .mode = S_IFREG | 0400, .show = proc_pid_environ },
	{ .name = "status", .mode = S_IFREG | 0444, .show = proc_pid_status },
	{ .name = "comm", .mode = S_IFREG | 0644, .show = comm_show, .write = comm_write,
	  .write_max = TASK_COMM_LEN - 1 },
	{ .name = "cmdline", .mode = S_IFREG | 0444, .show = proc_pid_cmdline },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = proc_pid_stat },
	{ .name = "statm", .mode = S_IFREG | 0444, .show = proc_pid_statm },
	{ .name = "maps", .mode = S_IFREG | 0444, .show = proc_pid_maps },
	{ .name = "exe", .mode = S_IFLNK | 0777, .get_link = exe_get_link },
	{ .name = "mounts", .mode = S_IFREG | 0444, .show = mounts_proc_show },
	{ .name = "smaps", .mode = S_IFREG | 0444, .show = proc_pid_smaps },
	{ .name = "smaps_rollup", .mode = S_IFREG | 0444, .show = proc_pid_smaps_rollup },
	{ .name = "oom_score", .mode = S_IFREG | 0444, .show = proc_oom_score },
	{ .name = "oom_adj", .mode = S_IFREG | 0644, .show = oom_adj_show,
	  .write = oom_adj_write, .write_max = PROC_NUMBUF - 1, .default_llseek = true },
	{ .name = "oom_score_adj", .mode = S_IFREG | 0644, .show = oom_score_adj_show,
	  .write = oom_score_adj_write, .write_max = PROC_NUMBUF - 1, .default_llseek = true },
	{ .name = NULL },
};
