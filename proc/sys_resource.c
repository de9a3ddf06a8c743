/*
 * proc/sys_resource.c - resource limits (getrlimit, setrlimit,
 * prlimit64) and sysinfo.  Defaults are Linux's INIT_RLIMITS; limits are
 * inherited across fork and kept across exec.  Only RLIMIT_STACK and
 * RLIMIT_NOFILE will be enforced (stack growth, fd tables).
 */
#include "proc/task.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/uaccess.h"
#include "mm/page.h"

#define RLIMIT_STACK	3
#define RLIMIT_CORE	4
#define RLIMIT_NPROC	6
#define RLIMIT_NOFILE	7
#define RLIMIT_MEMLOCK	8
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE	12
#define RLIMIT_NICE	13
#define RLIMIT_RTPRIO	14
#define NR_OPEN_SYSCTL	1048576		/* fs.nr_open */

void rlimit_init(struct task *t)
{
	/* Linux sizes NPROC and SIGPENDING from RAM: max_threads / 2. */
	unsigned long threads = totalram_pages() / 16;

	for (int i = 0; i < RLIM_NLIMITS; i++)
		t->rlim[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	t->rlim[RLIMIT_STACK].rlim_cur = 8UL << 20;
	t->rlim[RLIMIT_CORE].rlim_cur = 0;
	t->rlim[RLIMIT_NPROC] = (struct rlimit){ threads, threads };
	t->rlim[RLIMIT_NOFILE] = (struct rlimit){ NR_OPEN_DEFAULT, NR_OPEN_MAX };
	t->rlim[RLIMIT_MEMLOCK] = (struct rlimit){ 8UL << 20, 8UL << 20 };
	t->rlim[RLIMIT_SIGPENDING] = (struct rlimit){ threads, threads };
	t->rlim[RLIMIT_MSGQUEUE] = (struct rlimit){ 819200, 819200 };
	t->rlim[RLIMIT_NICE] = (struct rlimit){ 0, 0 };
	t->rlim[RLIMIT_RTPRIO] = (struct rlimit){ 0, 0 };
}

/* Linux's do_prlimit checks, in its order. */
static int check_new_rlimit(struct task *t, unsigned int res, const struct rlimit *n)
{
	if (n->rlim_cur > n->rlim_max)
		return -EINVAL;
	if (res == RLIMIT_NOFILE && n->rlim_max > NR_OPEN_SYSCTL)
		return -EPERM;
	if (n->rlim_max > t->rlim[res].rlim_max && !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	return 0;
}

static long do_prlimit(struct task *t, unsigned int res, unsigned long unew,
		       unsigned long uold)
{
	struct rlimit n, old;
	int err;

	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (unew && copy_from_user(&n, (void *)unew, sizeof(n)))
		return -EFAULT;
	if (unew && (err = check_new_rlimit(t, res, &n)))
		return err;
	old = t->rlim[res];
	if (unew)
		t->rlim[res] = n;
	if (uold && copy_to_user((void *)uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_getrlimit(unsigned long res, unsigned long uold, unsigned long a3,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	if (!uold)
		return -EFAULT;		/* Linux copies to the NULL pointer */
	return do_prlimit(current, (unsigned int)res, 0, uold);
}

long sys_setrlimit(unsigned long res, unsigned long unew, unsigned long a3,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	if (!unew)
		return -EFAULT;
	return do_prlimit(current, (unsigned int)res, unew, 0);
}

/* Linux's check_prlimit_permission: all three ids of both kinds match ours, or CAP_SYS_RESOURCE. */
static bool prlimit_permitted(const struct cred *tc)
{
	const struct cred *c = &current->cred;

	if (tc->uid == c->uid && tc->euid == c->uid && tc->suid == c->uid &&
	    tc->gid == c->gid && tc->egid == c->gid && tc->sgid == c->gid)
		return true;
	return capable(CAP_SYS_RESOURCE);
}

long sys_prlimit64(unsigned long upid, unsigned long res, unsigned long unew,
		   unsigned long uold, unsigned long a5, unsigned long a6)
{
	pid_t pid = (pid_t)upid;
	struct task *t = pid ? find_task_by_pid(pid) : current;

	if (!t || (t->flags & PF_KTHREAD))
		return -ESRCH;
	if (t != current && !prlimit_permitted(&t->cred))
		return -EPERM;
	return do_prlimit(t, (unsigned int)res, unew, uold);
}

struct sysinfo_user {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

long sys_sysinfo(unsigned long uinfo, unsigned long a2, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct sysinfo_user si;
	struct task *t;

	memset(&si, 0, sizeof(si));
	si.uptime = (long)(ktime_get_ns() / 1000000000UL);
	si.totalram = totalram_pages() * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	list_for_each_entry(t, &task_list, tasks)
		if (t->state != TASK_DEAD)
			si.procs++;
	si.mem_unit = 1;
	return copy_to_user((void *)uinfo, &si, sizeof(si)) ? -EFAULT : 0;
}
