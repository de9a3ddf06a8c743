/*
 * mm/oom_explain.c - why the OOM killer chose its victim: ours, Linux has
 * no counterpart.  At each kill the candidates' facts are recorded (one
 * entry per process, before the SIGKILL changes anything); after 6.1's
 * report the kernel prints a few lines marked "oomkernel:" taking the
 * top candidates' points apart and saying in a sentence why the victim
 * won, and /proc/oom_explain gives every recorded candidate as JSON
 * until the next decision (a kill, or a dying victim only marked).
 *
 * The record is a static table (no allocation: we are out of memory);
 * past OOM_EXPLAIN_MAX processes the JSON says "truncated".
 * Synchronization: written only inside out_of_memory, which never sleeps.
 */
#include "mm/oom.h"
#include "mm/mm.h"
#include "kernel/printk.h"
#include "kernel/fs/seq_file.h"
#include "kernel/lib/string.h"
#include "proc/task.h"

#define OOM_EXPLAIN_MAX	512	/* processes recorded per decision */
#define OOM_EXPLAIN_TOP	5	/* candidates taken apart in the log */

struct oom_rec {
	pid_t pid;
	char comm[TASK_COMM_LEN];
	struct oom_facts f;
	long points;		/* oom_badness_of(): LONG_MIN is never */
	bool origin;		/* oom_task_origin: beats any points */
	bool victim;
};

static struct {
	bool valid;
	pid_t invoker_pid;
	char invoker_comm[TASK_COMM_LEN];
	gfp_t gfp;
	int order;
	unsigned long totalpages;
	uint64_t select_ns;	/* select_bad_process's run time (0: not run) */
	enum oom_action action;
	int n, seen;		/* recorded / processes there were */
	int victim;		/* index in rec, -1 if not recorded */
	struct oom_rec rec[OOM_EXPLAIN_MAX];
} last;

static const char *const action_text[] = {
	[OOM_ACT_KILL] = "killed",
	[OOM_ACT_KILL_ALLOCATING] = "killed (oom_kill_allocating_task)",
	[OOM_ACT_MARK_DYING] = "already dying: only marked",
};

static const char *const never_text[] = {
	[OOM_NEVER_UNKILLABLE] = "init or kernel thread",
	[OOM_NEVER_NO_MM] = "no memory left (exiting)",
	[OOM_NEVER_ADJ_MIN] = "oom_score_adj -1000",
	[OOM_NEVER_REAPED] = "already reaped",
	[OOM_NEVER_VFORK] = "inside vfork",
};

static bool recordable(const struct task *t)
{
	return t->pid == t->tgid && !(t->flags & PF_KTHREAD) && !t->exit_state && t->mm;
}

void oom_explain_record(struct task *victim, unsigned long totalpages, gfp_t gfp, int order,
			uint64_t select_ns, enum oom_action action)
{
	struct task *t;

	last.valid = true;
	last.invoker_pid = current->pid;
	strlcpy(last.invoker_comm, current->comm, TASK_COMM_LEN);
	last.gfp = gfp;
	last.order = order;
	last.totalpages = totalpages;
	last.select_ns = select_ns;
	last.action = action;
	last.n = last.seen = 0;
	last.victim = -1;
	list_for_each_entry(t, &task_list, tasks) {
		struct oom_rec *r = &last.rec[last.n];

		if (!recordable(t))
			continue;
		last.seen++;
		if (last.n == OOM_EXPLAIN_MAX && t != victim)
			continue;
		if (last.n == OOM_EXPLAIN_MAX)	/* the victim always has a place */
			r = &last.rec[last.n - 1];
		else
			last.n++;
		r->pid = t->pid;
		strlcpy(r->comm, t->comm, TASK_COMM_LEN);
		oom_task_facts(t, &r->f);
		r->points = oom_badness_of(&r->f, totalpages);
		r->origin = t->oom_origin;
		r->victim = t == victim;
		if (r->victim)
			last.victim = (int)(r - last.rec);
	}
}

static long adj_pages(const struct oom_rec *r)
{
	return (long)r->f.adj * (long)(last.totalpages / 1000);
}

/* rss + swap entries + page tables: the memory part of the points. */
static long mem_pages(const struct oom_rec *r)
{
	return r->f.rss + r->f.swapents + r->f.pgtables_bytes / (long)PAGE_SIZE;
}

/* Indices of the @max eligible candidates with the most points, best first. */
static int top_candidates(int *idx, int max)
{
	int k = 0;

	for (int i = 0; i < last.n; i++) {
		long p = last.rec[i].points;
		int j;

		if (p == LONG_MIN || (k == max && p < last.rec[idx[k - 1]].points))
			continue;
		j = k < max ? k++ : max - 1;	/* when full, the last one drops out */
		/* ">=": of equal points the later one ranks first, as the walk chooses. */
		for (; j > 0 && p >= last.rec[idx[j - 1]].points; j--)
			idx[j] = idx[j - 1];
		idx[j] = i;
	}
	return k;
}

static void print_row(const struct oom_rec *r)
{
	pr_info("oomkernel: %7d %-15s %8ld = %8ld + %8ld + %8ld + %8ld%s\n", r->pid, r->comm,
		r->points, r->f.rss, r->f.swapents, r->f.pgtables_bytes / (long)PAGE_SIZE,
		adj_pages(r), r->victim ? "  <- victim" : "");
}

/* The candidate holding the most memory (the later one on a tie), or -1. */
static int biggest(void)
{
	int best = -1;

	for (int i = 0; i < last.n; i++)
		if (last.rec[i].points != LONG_MIN &&
		    (best < 0 || mem_pages(&last.rec[i]) >= mem_pages(&last.rec[best])))
			best = i;
	return best;
}

/* The sentence: what made the victim win. */
static void print_why(const struct oom_rec *v)
{
	int b = biggest();
	const struct oom_rec *m = b >= 0 ? &last.rec[b] : NULL;

	if (last.action == OOM_ACT_KILL_ALLOCATING) {
		pr_info("oomkernel: vm.oom_kill_allocating_task=1: %s (pid %d) asked for the page and is"
			" killed without comparing\n", v->comm, v->pid);
		return;
	}
	if (v->origin) {
		pr_info("oomkernel: %s (pid %d) is an oom origin (swapoff's caller): it goes first\n",
			v->comm, v->pid);
		return;
	}
	if (m && m != v && m->f.adj < 0)
		pr_info("oomkernel: %s (pid %d) has the most RSS but oom_score_adj %d takes %ld pages"
			" off it\n", m->comm, m->pid, m->f.adj, -adj_pages(m));
	else if (m && m != v)
		pr_info("oomkernel: %s (pid %d) has the most RSS but %s (pid %d) has oom_score_adj %+d:"
			" %+ld pages\n", m->comm, m->pid, v->comm, v->pid, v->f.adj, adj_pages(v));
	else
		pr_info("oomkernel: %s (pid %d) has the most RSS and the most points\n", v->comm,
			v->pid);
	for (int i = 0; i < last.n; i++)
		if (&last.rec[i] != v && last.rec[i].points == v->points)
			pr_info("oomkernel: %s (pid %d) has as many points: ties go to the later"
				" process\n", last.rec[i].comm, last.rec[i].pid);
}

void oom_explain_print(void)
{
	int top[OOM_EXPLAIN_TOP], k = top_candidates(top, OOM_EXPLAIN_TOP), never = 0;
	bool victim_shown = false;

	if (last.victim < 0)
		return;
	pr_info("oomkernel: points = rss + swapents + pgtables_bytes/4096 + oom_score_adj * %lu"
		" (totalpages %lu / 1000)\n", last.totalpages / 1000, last.totalpages);
	pr_info("oomkernel:     pid name              points =      rss +     swap + pgtables +"
		" adj term\n");
	for (int i = 0; i < k; i++) {
		print_row(&last.rec[top[i]]);
		victim_shown |= top[i] == last.victim;
	}
	if (!victim_shown)
		print_row(&last.rec[last.victim]);
	for (int i = 0; i < last.n; i++)
		never += last.rec[i].points == LONG_MIN;
	pr_info("oomkernel: %d more below, %d never chosen; all in /proc/oom_explain\n",
		last.seen - k - never - !victim_shown, never);
	print_why(&last.rec[last.victim]);
}

/* A task name as a JSON string: quotes, backslashes and controls escaped. */
static void json_comm(struct seq_file *m, const char *comm)
{
	seq_putc(m, '"');
	for (const char *c = comm; *c; c++) {
		if (*c == '"' || *c == '\\')
			seq_printf(m, "\\%c", *c);
		else if ((unsigned char)*c < 0x20)
			seq_printf(m, "\\u%04x", (unsigned char)*c);
		else
			seq_putc(m, *c);
	}
	seq_putc(m, '"');
}

static void json_candidate(struct seq_file *m, const struct oom_rec *r)
{
	enum oom_never why = oom_never_reason(&r->f);

	seq_printf(m, "{\"pid\":%d,\"comm\":", r->pid);
	json_comm(m, r->comm);
	if (why != OOM_ELIGIBLE) {
		seq_printf(m, ",\"eligible\":false,\"reason\":\"%s\",\"victim\":%s}", never_text[why],
			   r->victim ? "true" : "false");
		return;
	}
	seq_printf(m, ",\"eligible\":true,\"rss\":%ld,\"swapents\":%ld,\"pgtables\":%ld,"
		   "\"oom_score_adj\":%d,\"adj_pages\":%ld,\"points\":%ld,\"origin\":%s,"
		   "\"victim\":%s}", r->f.rss, r->f.swapents, r->f.pgtables_bytes / (long)PAGE_SIZE,
		   r->f.adj, adj_pages(r), r->points, r->origin ? "true" : "false",
		   r->victim ? "true" : "false");
}

int oom_explain_seq(struct seq_file *m)
{
	const struct oom_rec *v = last.victim >= 0 ? &last.rec[last.victim] : NULL;

	if (!last.valid || !v) {
		seq_puts(m, "{}\n");
		return 0;
	}
	seq_printf(m, "{\"victim\":{\"pid\":%d,\"comm\":", v->pid);
	json_comm(m, v->comm);
	seq_printf(m, "},\"invoker\":{\"pid\":%d,\"comm\":", last.invoker_pid);
	json_comm(m, last.invoker_comm);
	seq_printf(m, "},\"action\":\"%s\",\"gfp_mask\":\"%#x\",\"order\":%d,\"totalpages\":%lu,"
		   "\"adj_unit\":%lu,\"select_ns\":%llu,\"candidates\":[", action_text[last.action],
		   last.gfp, last.order, last.totalpages, last.totalpages / 1000,
		   (unsigned long long)last.select_ns);
	for (int i = 0; i < last.n; i++) {
		if (i)
			seq_putc(m, ',');
		json_candidate(m, &last.rec[i]);
	}
	seq_printf(m, "],\"truncated\":%s}\n", last.seen > last.n ? "true" : "false");
	return 0;
}
