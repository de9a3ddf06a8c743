/*
 * mm/util.c - commit accounting: Committed_AS, CommitLimit and
 * __vm_enough_memory, the check made before the kernel promises memory
 * (Linux 6.1: mm/util.c, security/commoncap.c, mm/mmap.c's reserves).
 *
 * Data: vm_committed_as, pages promised system-wide.  Invariant: it
 * equals the pages of every VM_ACCOUNT VMA of every mm, plus the shmem
 * charges (mm/shmem.c: whole shared anonymous objects, and tmpfs pages
 * one by one as they are allocated).  Who charges: mm/mmap.c (mmap of
 * private writable memory, brk, stack growth, fork), mm/mprotect.c
 * (PROT_WRITE on an uncharged private mapping), mm/mremap.c (growth) and
 * mm/shmem.c; who uncharges: the removal of a VMA (munmap, shrinking,
 * exit) and shmem's freeing of pages and objects.
 * Algorithm: __vm_enough_memory adds first and takes back on refusal,
 * as Linux, so concurrent requests never both squeeze past the limit.
 * Synchronization: one CPU, non-preemptible kernel: plain longs suffice.
 */
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/swap.h"
#include "mm/overcommit.h"
#include "mm/mm_sysctl.h"
#include "proc/task.h"
#include "proc/cred.h"
#include "kernel/printk.h"
#include "kernel/param.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/watermark.h"

static long vm_committed_as;		/* pages; Committed_AS */

void vm_acct_memory(long pages)
{
	vm_committed_as += pages;
}

void vm_unacct_memory(long pages)
{
	vm_committed_as -= pages;
}

/* Committed_AS in pages, never negative (percpu_counter_read_positive). */
unsigned long vm_memory_committed(void)
{
	return vm_committed_as > 0 ? (unsigned long)vm_committed_as : 0;
}

static struct overcommit_params current_params(void)
{
	return (struct overcommit_params){
		.mode = sysctl_overcommit_memory,
		.ratio = sysctl_overcommit_ratio,
		.kbytes = sysctl_overcommit_kbytes,
		.admin_reserve_kbytes = sysctl_admin_reserve_kbytes,
		.user_reserve_kbytes = sysctl_user_reserve_kbytes,
		.totalram = totalram_pages(),
		.total_swap = (unsigned long)total_swap_pages,
	};
}

/* CommitLimit in pages, for /proc/meminfo. */
unsigned long vm_commit_limit(void)
{
	struct overcommit_params p = current_params();

	return commit_limit(&p);
}

int __vm_enough_memory(struct mm *mm, long pages, int cap_sys_admin)
{
	static struct ratelimit_state rs = RATELIMIT_INIT(5 * HZ, 10);
	struct overcommit_params p = current_params();

	vm_acct_memory(pages);
	if (overcommit_allows(&p, vm_committed_as, pages, cap_sys_admin, mm != NULL,
			      mm ? mm->total_vm : 0))
		return 0;
	if (__ratelimit(&rs))
		pr_warn("__vm_enough_memory: pid: %d, comm: %s, no enough memory for the allocation\n",
			current ? current->pid : 0, current ? current->comm : "swapper");
	vm_unacct_memory(pages);
	return -ENOMEM;
}

/* commoncap's cap_vm_enough_memory: the caller's CAP_SYS_ADMIN decides the admin reserve. */
int security_vm_enough_memory_mm(struct mm *mm, long pages)
{
	return __vm_enough_memory(mm, pages, !current || capable(CAP_SYS_ADMIN));
}

/*
 * Linux's init_user_reserve and init_admin_reserve: 1/32 of free memory
 * at boot, at most 128 MiB and 8 MiB.
 */
void mm_sysctl_init(void)
{
	unsigned long free_kbytes = nr_free_pages() << (PAGE_SHIFT - 10);

	sysctl_user_reserve_kbytes = MIN(free_kbytes / 32, 1UL << 17);
	sysctl_admin_reserve_kbytes = MIN(free_kbytes / 32, 1UL << 13);
}

/* "vm_debug=1" (or "vm_debug") on the command line turns on the exit-time page-table check. */
static void vm_debug_setup(const char *cmdline)
{
	for (const char *p = cmdline; *p; p++) {
		if ((p != cmdline && p[-1] != ' ') || strncmp(p, "vm_debug", 8))
			continue;
		if (p[8] == ' ' || !p[8] || !strncmp(p + 8, "=1", 2))
			vm_debug_check = true;
	}
	if (vm_debug_check)
		pr_info("vm_debug: page tables checked against the RSS counters at exit\n");
}

/* One "sysctl.vm.NAME=VALUE" boot parameter (Linux 5.8+'s do_sysctl_args); 0 or -EINVAL. */
static int vm_sysctl_arg(const char *name, size_t nlen, const char *val)
{
	static const struct { const char *name; void *var; bool is_long; long min, max; } t[] = {
		{ "overcommit_memory", &sysctl_overcommit_memory, false, 0, 2 },
		{ "overcommit_ratio", &sysctl_overcommit_ratio, false, -0x7fffffffL - 1, 0x7fffffffL },
		{ "overcommit_kbytes", &sysctl_overcommit_kbytes, true, 0, LONG_MAX },
		{ "admin_reserve_kbytes", &sysctl_admin_reserve_kbytes, true, 0, LONG_MAX },
		{ "user_reserve_kbytes", &sysctl_user_reserve_kbytes, true, 0, LONG_MAX },
		{ "min_free_kbytes", &min_free_kbytes, false, 0, 0x7fffffffL },
		{ "watermark_scale_factor", &watermark_scale_factor, false, 1, 3000 },
	};
	char buf[24];
	size_t vlen = 0;
	long v;

	while (val[vlen] && val[vlen] != ' ' && vlen < sizeof(buf) - 1) {
		buf[vlen] = val[vlen];
		vlen++;
	}
	buf[vlen] = 0;
	if (kstrtol(buf, 10, &v))
		return -EINVAL;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (strlen(t[i].name) != nlen || strncmp(name, t[i].name, nlen))
			continue;
		if (v < t[i].min || v > t[i].max)
			return -EINVAL;
		if (t[i].is_long)
			*(unsigned long *)t[i].var = (unsigned long)v;
		else
			*(int *)t[i].var = (int)v;
		if (t[i].var == &sysctl_overcommit_ratio)
			sysctl_overcommit_kbytes = 0;	/* one zeroes the other, as the handlers */
		if (t[i].var == &sysctl_overcommit_kbytes)
			sysctl_overcommit_ratio = 0;
		return 0;
	}
	return -ENOENT;
}

/* Every sysctl.vm.* / sysctl.vm/ word of the command line. */
static void vm_sysctl_args(const char *cmdline)
{
	for (const char *p = cmdline; *p; p++) {
		const char *name = p + 10, *eq;

		if ((p != cmdline && p[-1] != ' ') ||
		    (strncmp(p, "sysctl.vm.", 10) && strncmp(p, "sysctl.vm/", 10)))
			continue;
		eq = name;
		while (*eq && *eq != '=' && *eq != ' ')
			eq++;
		if (*eq != '=')
			continue;
		if (vm_sysctl_arg(name, (size_t)(eq - name), eq + 1)) {
			const char *w = eq;

			while (*w && *w != ' ')
				w++;
			pr_err("Failed to set sysctl parameter '%.*s': invalid value\n",
			       (int)(w - p), p);
		}
	}
}

/*
 * After mem_init(): watermarks and the reserves' defaults as Linux's
 * initcalls compute them, then the sysctl.vm.* boot parameters (applied
 * after the initcalls, as Linux), then vm_debug.
 */
void mm_core_init(const char *cmdline)
{
	init_per_zone_wmark_min();
	mm_sysctl_init();
	vm_sysctl_args(cmdline);
	if (strstr(cmdline, "sysctl.vm.min_free_kbytes=") ||
	    strstr(cmdline, "sysctl.vm.watermark_scale_factor="))
		setup_per_zone_wmarks();
	vm_debug_setup(cmdline);
}
