/*
 * mm/mremap.c - mremap(2): grow, shrink or move a mapping (Linux:
 * mm/mremap.c).
 *
 * Shrinking unmaps the tail.  Growing extends the VMA in place when the
 * addresses after it are free; otherwise, with MREMAP_MAYMOVE, the VMA
 * and its PTEs move to a new range (the pages themselves stay where
 * they are, so RSS does not change), and MREMAP_FIXED names that range.
 * The old range must lie inside one VMA (EFAULT otherwise).
 */
#include "mm/mm.h"
#include "mm/memlayout.h"
#include "proc/task.h"
#include "kernel/errno.h"

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

/* Make [addr, addr + len) exactly one VMA (it lies inside @vma). */
static struct vma *isolate(struct mm *mm, struct vma *vma, unsigned long addr, unsigned long len)
{
	if (addr > vma->start) {
		if (split_vma(mm, vma, addr))
			return NULL;
		vma = find_vma(mm, addr);
	}
	if (addr + len < vma->end && split_vma(mm, vma, addr + len))
		return NULL;
	return vma;
}

static long move_vma(struct mm *mm, struct vma *vma, unsigned long old, unsigned long old_len,
		     unsigned long new, unsigned long new_len)
{
	struct vma *nv;

	vma = isolate(mm, vma, old, old_len);
	if (!vma)
		return -ENOMEM;
	nv = vma_alloc(new, new + new_len, vma->flags, vma->file, vma->pgoff);
	if (!nv)
		return -ENOMEM;
	if (move_page_tables(mm, old, new, old_len)) {
		move_page_tables(mm, new, old, old_len);	/* put back what moved */
		vma_free(nv);
		return -ENOMEM;
	}
	vma_unlink(mm, vma);
	vma_free(vma);
	vma_link(mm, nv);
	return (long)new;
}

long sys_mremap(unsigned long old, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr, unsigned long a6)
{
	struct mm *mm = current->mm;
	struct vma *vma;

	if (flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (flags & MREMAP_DONTUNMAP)
		return -EINVAL;		/* not supported here */
	if (old & ~PAGE_MASK)
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len || !user_range_ok(old, old_len))
		return -EINVAL;
	if (flags & MREMAP_FIXED) {
		if ((new_addr & ~PAGE_MASK) || !user_range_ok(new_addr, new_len))
			return -EINVAL;
		if (new_addr < old + old_len && old < new_addr + new_len)
			return -EINVAL;		/* overlapping ranges */
	}
	vma = find_vma(mm, old);
	if (!vma || vma->start > old || old + old_len > vma->end || !old_len)
		return -EFAULT;
	if (flags & MREMAP_FIXED) {
		if (unmap_region(mm, new_addr, new_addr + new_len))
			return -ENOMEM;
		vma = find_vma(mm, old);
		return move_vma(mm, vma, old, old_len, new_addr, new_len);
	}
	if (new_len <= old_len) {
		if (new_len < old_len && unmap_region(mm, old + new_len, old + old_len))
			return -ENOMEM;
		return (long)old;
	}
	if (old + old_len == vma->end &&
	    !find_vma_intersection(mm, vma->end, old + new_len) && user_range_ok(old, new_len)) {
		vma_resize(mm, vma, old + new_len);
		return (long)old;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, new_len);
	if (!new_addr)
		return -ENOMEM;
	return move_vma(mm, vma, old, old_len, new_addr, new_len);
}
