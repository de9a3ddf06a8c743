/*
 * mm/mmap.c - creating and destroying address spaces and their mappings:
 * mm_alloc/mmput, do_mmap, do_munmap, brk, stack growth.  Linux:
 * mm/mmap.c, arch/x86/mm/mmap.c.  Placement: top-down from mmap_base
 * (below the room RLIMIT_STACK reserves for the stack, and its guard
 * gap), first fit, as Linux's x86-64 layout without randomization.
 * Stack growth is bounded by the faulting task's RLIMIT_STACK soft limit
 * and by the guard gap above the next lower mapping.
 * Commit accounting (mm/util.c): mmap_region charges private writable
 * mappings, do_brk and expand_stack their growth, dup_mm every charged
 * VMA again; unmap_region (mm/vma.c) gives charges back.
 */
#include "mm/mm.h"
#include "mm/vm_sysctl.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "mm/oom.h"
#include "kernel/errno.h"
#include "kernel/fs/vfs.h"
#include "kernel/lib/string.h"
#include "proc/task.h"
#include "proc/cred.h"
#include "kernel/printk.h"


#define MMAP_GAP_MIN	(128UL << 20)		/* SIZE_128M */
#define MMAP_GAP_MAX	(USER_TOP / 6 * 5)

/*
 * Linux's mmap_base: the stack may grow to its rlimit plus the guard gap
 * below STACK_TOP, but the gap is at least 128 MiB and at most 5/6 of the
 * address space (an unlimited stack gets the latter: x86-64 keeps the
 * top-down layout even then).
 */
void arch_pick_mmap_layout(struct mm *mm, const struct rlimit *rlim_stack)
{
	unsigned long gap = rlim_stack->rlim_cur;

	if (gap + STACK_GUARD_GAP > gap)	/* no wrap near RLIM_INFINITY */
		gap += STACK_GUARD_GAP;
	gap = MAX(gap, MMAP_GAP_MIN);
	gap = MIN(gap, MMAP_GAP_MAX);
	mm->mmap_base = ALIGN_UP(STACK_TOP - gap, PAGE_SIZE);
}

struct mm *mm_alloc(void)
{
	struct mm *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	INIT_LIST_HEAD(&mm->vmas);
	init_rwsem(&mm->mmap_lock);
	if (anon_root_new(mm)) {
		pgd_free(mm->pgd, mm);
		kfree(mm);
		return NULL;
	}
	mm->users = 1;
	mm->mmap_base = STACK_TOP - MMAP_GAP_MIN;	/* exec picks the real one */
	return mm;
}

void exit_mmap(struct mm *mm)
{
	unmap_region(mm, 0, USER_TOP);
}

struct mm *get_task_mm(struct task *t)
{
	struct mm *mm = t->mm;

	if (mm && !(t->flags & PF_KTHREAD))
		mm->users++;
	return (t->flags & PF_KTHREAD) ? NULL : mm;
}

void mmput(struct mm *mm)
{
	if (--mm->users > 0)
		return;
	if (mm->flags & MMF_OOM_VICTIM)
		oom_mm_gone(mm);	/* 6.1's exit_mmap sets MMF_OOM_SKIP here */
	exit_mmap(mm);
	anon_root_put(mm);
	pgd_free(mm->pgd, mm);
	kfree(mm);
	swapcache_free_orphans();	/* slots whose readahead was in flight as we left */
}

/* Linux's vm_start_gap: a stack keeps the guard gap free below it. */
static unsigned long vm_start_gap(const struct vma *v)
{
	if (!(v->flags & VM_GROWSDOWN))
		return v->start;
	return v->start > STACK_GUARD_GAP ? v->start - STACK_GUARD_GAP : 0;
}

/*
 * x86's arch_get_unmapped_area_topdown: the hint when [hint, hint+len)
 * is free (of the guard gaps too), else the highest gap below mmap_base.
 */
unsigned long get_unmapped_area(struct mm *mm, unsigned long hint, unsigned long len)
{
	unsigned long high = mm->mmap_base;
	struct vma *v;

	if (len > high - MMAP_MIN_ADDR)
		return 0;
	if (hint) {
		hint &= PAGE_MASK;
		v = find_vma(mm, hint);
		if (user_range_ok(hint, len) && (!v || hint + len <= vm_start_gap(v)))
			return hint;
	}
	/* Walk down from the top: try the gap below each VMA under @high. */
	list_for_each_entry_reverse(v, &mm->vmas, node) {
		if (v->start >= high)
			continue;
		if (high - len >= MMAP_MIN_ADDR && v->end <= high - len)
			return high - len;
		high = MIN(high, vm_start_gap(v));
		if (high < len + MMAP_MIN_ADDR)
			return 0;
	}
	if (high >= len + MMAP_MIN_ADDR)
		return high - len;
	return 0;
}

static bool is_data_mapping(unsigned long flags)
{
	return (flags & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE;
}

bool may_expand_vm(struct mm *mm, unsigned long flags, unsigned long npages)
{
	static bool warned;
	const struct rlimit *as = &current->rlim[RLIMIT_AS], *data = &current->rlim[RLIMIT_DATA];

	if (mm->total_vm + npages > as->rlim_cur >> PAGE_SHIFT)
		return false;
	if (is_data_mapping(flags) && mm->data_vm + npages > data->rlim_cur >> PAGE_SHIFT) {
		/* Valgrind's workaround, kept by Linux: a zero soft limit under the hard one. */
		if (!data->rlim_cur && mm->data_vm + npages <= data->rlim_max >> PAGE_SHIFT)
			return true;
		if (!warned) {
			warned = true;
			pr_warn("%s (%d): VmData %lu exceed data ulimit %lu. Update limits or use boot option ignore_rlimit_data.\n",
				current->comm, current->pid, (mm->data_vm + npages) << PAGE_SHIFT,
				data->rlim_cur);
		}
		return false;
	}
	return true;
}

/* Pages of [start, end) that VMAs already cover (MAP_FIXED replaces them). */
static unsigned long count_vma_pages_range(struct mm *mm, unsigned long start, unsigned long end)
{
	unsigned long n = 0;
	struct vma *v;

	list_for_each_entry(v, &mm->vmas, node)
		if (v->end > start && v->start < end)
			n += (MIN(v->end, end) - MAX(v->start, start)) >> PAGE_SHIFT;
	return n;
}

/*
 * Linux's mmap_region: replace [addr, addr+len) (page aligned, checked)
 * with a mapping of exactly @vm_flags.  The old mappings go first, then
 * private writable memory is charged (VM_ACCOUNT), then the VMA is made
 * and merged with its neighbours.  Returns @addr or a negative errno.
 */
long mmap_region(struct mm *mm, unsigned long addr, unsigned long len,
		 unsigned long vm_flags, struct inode *file, unsigned long pgoff)
{
	unsigned long pages = len >> PAGE_SHIFT, charged = 0;
	struct vma *vma;

	if (!may_expand_vm(mm, vm_flags, pages) &&
	    !may_expand_vm(mm, vm_flags, pages - count_vma_pages_range(mm, addr, addr + len)))
		return -ENOMEM;
	if (unmap_region(mm, addr, addr + len))
		return -ENOMEM;
	if (accountable_mapping(vm_flags)) {
		if (security_vm_enough_memory_mm(mm, (long)pages))
			return -ENOMEM;
		charged = pages;
		vm_flags |= VM_ACCOUNT;
	}
	if (!file && !(vm_flags & VM_SHARED))
		pgoff = addr >> PAGE_SHIFT;	/* anonymous: for merging (Linux) */
	vma = vma_alloc(addr, addr + len, vm_flags, file, pgoff);
	if (!vma) {
		vm_unacct_memory((long)charged);
		return -ENOMEM;
	}
	vma_link(mm, vma);
	vma_merge_neighbours(mm, vma);
	return (long)addr;
}

long do_mmap(struct mm *mm, unsigned long addr, unsigned long len,
	     unsigned long vm_flags, struct inode *file, unsigned long pgoff, bool fixed)
{
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len)
		return -EINVAL;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;		/* too many mappings */
	if (fixed) {
		if (!user_range_ok(addr, len) || (addr & ~PAGE_MASK))
			return -ENOMEM;
	} else {
		addr = get_unmapped_area(mm, 0, len);
		if (!addr)
			return -ENOMEM;
	}
	vm_flags |= mm->def_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	return mmap_region(mm, addr, len, vm_flags, file, pgoff);
}

int do_munmap(struct mm *mm, unsigned long start, unsigned long len)
{
	if ((start & ~PAGE_MASK) || start > USER_TOP || len > USER_TOP - start)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len)
		return -EINVAL;
	return unmap_region(mm, start, start + len);
}

/* Linux's do_brk_flags: charged anonymous memory that extends the VMA before it. */
int do_brk(struct mm *mm, unsigned long addr, unsigned long len)
{
	unsigned long flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC |
			      mm->def_flags;
	long r;

	if (!may_expand_vm(mm, flags, len >> PAGE_SHIFT) || mm->map_count > sysctl_max_map_count)
		return -ENOMEM;
	r = mmap_region(mm, addr, len, flags, NULL, 0);
	return r < 0 ? (int)r : 0;
}

/*
 * Linux's acct_stack_growth: the grown VMA must fit RLIMIT_AS, RLIMIT_STACK
 * and, when locked, RLIMIT_MEMLOCK; the growth is charged last.
 */
static int acct_stack_growth(struct vma *vma, unsigned long size, unsigned long grow)
{
	struct mm *mm = vma->mm;

	if (!may_expand_vm(mm, vma->flags, grow))
		return -ENOMEM;
	if (size > current->rlim[RLIMIT_STACK].rlim_cur)
		return -ENOMEM;
	if ((vma->flags & VM_LOCKED) &&
	    mm->locked_vm + grow > current->rlim[RLIMIT_MEMLOCK].rlim_cur >> PAGE_SHIFT &&
	    !capable(CAP_IPC_LOCK))
		return -ENOMEM;
	if (security_vm_enough_memory_mm(mm, (long)grow))
		return -ENOMEM;
	return 0;
}

/*
 * expand_downwards: grow @vma down to the page of @addr.  Refused below
 * mmap_min_addr (-EPERM), beyond the rlimits or the commit limit, or
 * closer than the guard gap to an accessible mapping below that is not
 * itself a stack (-ENOMEM).  The new pages are charged when the VMA is
 * (VM_ACCOUNT, always for the stack).
 */
int expand_stack(struct vma *vma, unsigned long addr)
{
	struct mm *mm = vma->mm;
	unsigned long start = addr & PAGE_MASK;
	struct vma *prev = vma_prev(mm, vma);
	unsigned long grow;

	if (start >= vma->start)
		return 0;
	grow = (vma->start - start) >> PAGE_SHIFT;
	if (start < MMAP_MIN_ADDR)
		return -EPERM;
	if (prev && !(prev->flags & VM_GROWSDOWN) &&
	    (prev->flags & (VM_READ | VM_WRITE | VM_EXEC)) &&
	    start - prev->end < STACK_GUARD_GAP)
		return -ENOMEM;
	if (prev && prev->end > start)
		return -ENOMEM;
	if (!(vma->flags & VM_ACCOUNT)) {
		/* Not charged (NORESERVE): only the limits apply. */
		if (!may_expand_vm(mm, vma->flags, grow) ||
		    vma->end - start > current->rlim[RLIMIT_STACK].rlim_cur)
			return -ENOMEM;
	} else if (acct_stack_growth(vma, vma->end - start, grow)) {
		return -ENOMEM;
	}
	vma_expand_down(mm, vma, start);
	return 0;
}

/*
 * fork's half of the address space (Linux's dup_mmap): the same VMAs,
 * each VM_ACCOUNT one charged again (mode 2 may refuse: fork fails with
 * ENOMEM), and page tables that share every frame, private writable ones
 * write-protected in both so the first write copies (copy_page_range).
 */
static struct mm *dup_mmap(struct mm *old)
{
	struct mm *mm = mm_alloc();
	struct vma *v;

	if (!mm)
		return NULL;
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_data = old->start_data;
	mm->end_data = old->end_data;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	mm->mmap_base = old->mmap_base;
	mm->dumpable = old->dumpable;
	memcpy(mm->exe_name, old->exe_name, sizeof(mm->exe_name));
	anon_root_share(mm, old);	/* before any page is shared: rmap must see the child */
	list_for_each_entry(v, &old->vmas, node) {
		struct vma *n;

		if (v->flags & VM_DONTCOPY)
			continue;
		if ((v->flags & VM_ACCOUNT) &&
		    security_vm_enough_memory_mm(old, (long)((v->end - v->start) >> PAGE_SHIFT)))
			goto fail;
		/* Memory locks are not inherited (Linux clears VM_LOCKED here). */
		n = vma_alloc(v->start, v->end, v->flags & ~VM_LOCKED_MASK, v->file, v->pgoff);
		if (!n) {
			if (v->flags & VM_ACCOUNT)
				vm_unacct_memory((long)((v->end - v->start) >> PAGE_SHIFT));
			goto fail;
		}
		if (v->anon_vma)
			anon_vma_fork(n);
		vma_link(mm, n);	/* from here on mmput() gives the charge back */
		if (!(v->flags & VM_WIPEONFORK) && copy_page_range(mm, old, v, n))
			goto fail;
	}
	mm->hiwater_rss = get_mm_rss(mm);
	return mm;
fail:
	mmput(mm);
	return NULL;
}

struct mm *dup_mm(struct mm *old)
{
	struct mm *mm;

	mmap_write_lock(old);	/* its VMAs stay put while the copy sleeps */
	mm = dup_mmap(old);
	mmap_write_unlock(old);
	return mm;
}
