/*
 * mm/gup.c - faulting ranges in ahead of use: mlock, MAP_POPULATE,
 * MAP_LOCKED/mlockall(MCL_FUTURE) mappings, locked brk and mremap
 * growth, MADV_POPULATE_READ/WRITE (Linux 6.1: mm/gup.c
 * populate_vma_page_range, faultin_vma_page_range, __mm_populate).
 *
 * Each page goes through handle_mm_fault exactly as a touch from user
 * space would (so it is counted in min_flt, joins the LRU, is mlocked
 * in a VM_LOCKED VMA), unless its PTE already allows the access.
 */
#include "mm/mm.h"
#include "kernel/errno.h"

/* Fault @addr for a read or a write unless its PTE already allows it; 0 or -errno. */
static long faultin_page(struct vma *vma, unsigned long addr, bool write)
{
	pte_t *pte = user_pte(vma->mm, addr);
	int r;

	if (pte && (*pte & _PAGE_PRESENT) && (!write || pte_write(*pte)))
		return 0;
	r = handle_mm_fault(vma->mm, addr, write ? FAULT_FLAG_WRITE : 0);
	if (r == VM_FAULT_OK)
		return 0;
	return r == VM_FAULT_OOM ? -ENOMEM : -EFAULT;
}

static long faultin_range(struct vma *vma, unsigned long start, unsigned long end, bool write)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		long r = faultin_page(vma, addr, write);

		if (r)
			return r;
	}
	return 0;
}

long populate_vma_page_range(struct vma *vma, unsigned long start, unsigned long end)
{
	bool write = (vma->flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;

	if (vma->flags & VM_LOCKONFAULT)
		return 0;
	if (!(vma->flags & VM_ACCESS_FLAGS))
		return -EFAULT;		/* PROT_NONE: no FOLL_FORCE, check_vma_flags fails */
	return faultin_range(vma, start, end, write);
}

long faultin_vma_page_range(struct vma *vma, unsigned long start, unsigned long end, bool write)
{
	return faultin_range(vma, start, end, write);
}

int __mm_populate(struct mm *mm, unsigned long start, unsigned long len, bool ignore_errors)
{
	unsigned long end = start + len, nstart, nend;
	struct vma *vma;

	for (nstart = start; nstart < end; nstart = nend) {
		long r;

		vma = find_vma_intersection(mm, nstart, end);
		if (!vma)
			break;
		nend = MIN(end, vma->end);
		nstart = MAX(nstart, vma->start);
		r = populate_vma_page_range(vma, nstart, nend);
		if (r < 0 && !ignore_errors)
			return (int)r;
	}
	return 0;
}
