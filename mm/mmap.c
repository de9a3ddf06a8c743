/*
 * mm/mmap.c - creating and destroying address spaces and their mappings:
 * mm_alloc/mmput, do_mmap, do_munmap, brk, stack growth.  Linux:
 * mm/mmap.c, arch/x86/mm/mmap.c.  Placement: top-down from mmap_base
 * (below the room RLIMIT_STACK reserves for the stack, and its guard
 * gap), first fit, as Linux's x86-64 layout without randomization.
 * Stack growth is bounded by the faulting task's RLIMIT_STACK soft limit
 * and by the guard gap above the next lower mapping.
 */
#include "mm/mm.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "kernel/errno.h"
#include "kernel/fs/vfs.h"
#include "kernel/lib/string.h"
#include "proc/task.h"

void vma_link(struct mm *mm, struct vma *vma);
struct vma *vma_alloc(unsigned long start, unsigned long end, unsigned long flags,
		      struct inode *file, unsigned long pgoff);
void vma_free(struct vma *v);
int unmap_region(struct mm *mm, unsigned long start, unsigned long end);

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
	mm->users = 1;
	mm->mmap_base = STACK_TOP - MMAP_GAP_MIN;	/* exec picks the real one */
	return mm;
}

void exit_mmap(struct mm *mm)
{
	unmap_region(mm, 0, USER_TOP);
}

void mmput(struct mm *mm)
{
	if (--mm->users > 0)
		return;
	exit_mmap(mm);
	pgd_free(mm->pgd, mm);
	kfree(mm);
}

unsigned long get_unmapped_area(struct mm *mm, unsigned long len)
{
	unsigned long high = mm->mmap_base;
	struct vma *v;

	if (len > high - MMAP_MIN_ADDR)
		return 0;

	/* Walk down from the top: try the gap below each VMA under @high. */
	list_for_each_entry_reverse(v, &mm->vmas, node) {
		if (v->start >= high)
			continue;
		if (high - len >= MMAP_MIN_ADDR && v->end <= high - len)
			return high - len;
		high = v->start;
		if (high < len + MMAP_MIN_ADDR)
			return 0;
	}
	if (high >= len + MMAP_MIN_ADDR)
		return high - len;
	return 0;
}

long do_mmap(struct mm *mm, unsigned long addr, unsigned long len,
	     unsigned long vm_flags, struct inode *file, unsigned long pgoff, bool fixed)
{
	struct vma *vma;

	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len)
		return -EINVAL;
	if (fixed) {
		if (!user_range_ok(addr, len) || (addr & ~PAGE_MASK))
			return -ENOMEM;
		if (unmap_region(mm, addr, addr + len))
			return -ENOMEM;
	} else {
		addr = get_unmapped_area(mm, len);
		if (!addr)
			return -ENOMEM;
	}
	vma = vma_alloc(addr, addr + len, vm_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC,
			file, pgoff);
	if (!vma)
		return -ENOMEM;
	vma_link(mm, vma);
	return (long)addr;
}

int do_munmap(struct mm *mm, unsigned long start, unsigned long len)
{
	if ((start & ~PAGE_MASK) || !len || !user_range_ok(start, ALIGN_UP(len, PAGE_SIZE)))
		return -EINVAL;
	return unmap_region(mm, start, start + ALIGN_UP(len, PAGE_SIZE));
}

int do_brk(struct mm *mm, unsigned long addr, unsigned long len)
{
	long r = do_mmap(mm, addr, len, VM_READ | VM_WRITE, NULL, 0, true);

	return r < 0 ? (int)r : 0;
}

/* Linux's acct_stack_growth: the grown VMA must fit RLIMIT_STACK. */
static int acct_stack_growth(struct vma *vma, unsigned long size)
{
	if (size > current->rlim[RLIMIT_STACK].rlim_cur)
		return -ENOMEM;
	return 0;
}

/*
 * expand_downwards: grow @vma down to the page of @addr.  Refused below
 * mmap_min_addr (-EPERM), beyond the rlimit, or closer than the guard gap
 * to an accessible mapping below that is not itself a stack (-ENOMEM).
 */
int expand_stack(struct vma *vma, unsigned long addr)
{
	struct mm *mm = vma->mm;
	unsigned long start = addr & PAGE_MASK;
	struct vma *prev = vma->node.prev != &mm->vmas ?
		list_entry(vma->node.prev, struct vma, node) : NULL;
	long grow = (long)((vma->start - start) >> PAGE_SHIFT);

	if (start >= vma->start)
		return 0;
	if (start < MMAP_MIN_ADDR)
		return -EPERM;
	if (prev && !(prev->flags & VM_GROWSDOWN) &&
	    (prev->flags & (VM_READ | VM_WRITE | VM_EXEC)) &&
	    start - prev->end < STACK_GUARD_GAP)
		return -ENOMEM;
	if (prev && prev->end > start)
		return -ENOMEM;
	if (acct_stack_growth(vma, vma->end - start))
		return -ENOMEM;
	vma->start = start;
	mm->total_vm += grow;
	mm->stack_vm += grow;
	if (mm->hiwater_vm < mm->total_vm)
		mm->hiwater_vm = mm->total_vm;
	return 0;
}

/*
 * fork's half of the address space: the same VMAs, and page tables that
 * share every frame, private writable ones write-protected in both so
 * the first write copies (mm/memory.c: copy_page_range).
 */
struct mm *dup_mm(struct mm *old)
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
	memcpy(mm->exe_name, old->exe_name, sizeof(mm->exe_name));
	old->flags |= MMF_FORKING;
	list_for_each_entry(v, &old->vmas, node) {
		struct vma *n;
		if (v->flags & VM_DONTCOPY)
			continue;
		n = vma_alloc(v->start, v->end, v->flags, v->file, v->pgoff);
		if (!n)
			goto fail;
		vma_link(mm, n);
		if (copy_page_range(mm, old, v))
			goto fail;
	}
	old->flags &= ~MMF_FORKING;
	mm->hiwater_rss = get_mm_rss(mm);
	return mm;
fail:
	old->flags &= ~MMF_FORKING;
	mmput(mm);
	return NULL;
}
