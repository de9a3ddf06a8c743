/*
 * mm/mremap.c - mremap(2): grow, shrink or move a mapping (Linux 6.1:
 * mm/mremap.c).
 *
 * Shrinking unmaps the tail (and gives back its charge).  Growing
 * extends the VMA in place when the addresses after it are free;
 * otherwise, with MREMAP_MAYMOVE, the VMA and its PTEs move to a new
 * range (the pages themselves stay where they are, so RSS does not
 * change), and MREMAP_FIXED names that range.  Growth of a VM_ACCOUNT
 * mapping is charged; a locked one must fit RLIMIT_MEMLOCK and is
 * populated.  The old range must lie inside one VMA (EFAULT otherwise).
 */
#include "mm/mm.h"
#include "mm/memlayout.h"
#include "proc/task.h"
#include "proc/cred.h"
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
		vma = vma_next(mm, vma);
	}
	if (addr + len < vma->end && split_vma(mm, vma, addr + len))
		return NULL;
	return vma;
}

/*
 * Linux's move_vma: the charge of the old range moves with it, only the
 * growth is new (charged by the caller).  Returns @new or -ENOMEM.
 */
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
	nv->anon_vma = vma->anon_vma;
	nv->anon_vma_forked = vma->anon_vma_forked;
	if (move_page_tables(mm, old, new, old_len)) {
		move_page_tables(mm, new, old, old_len);	/* put back what moved */
		vma_free(nv);
		return -ENOMEM;
	}
	vma_unlink(mm, vma);
	vma_free(vma);
	vma_link(mm, nv);
	vma_merge_neighbours(mm, nv);
	return (long)new;
}

/* Linux's vma_to_resize: may @vma's [addr, addr+old_len) become @new_len long? */
static struct vma *vma_to_resize(struct mm *mm, unsigned long addr, unsigned long old_len,
				 unsigned long new_len)
{
	struct vma *vma = vma_lookup(mm, addr);
	unsigned long grow = (new_len - old_len) >> PAGE_SHIFT;

	if (!vma)
		return ERR_PTR(-EFAULT);
	if (!old_len && !(vma->flags & (VM_SHARED | VM_MAYSHARE)))
		return ERR_PTR(-EINVAL);	/* "duplicating" a private mapping */
	if (old_len > vma->end - addr)
		return ERR_PTR(-EFAULT);
	if (new_len == old_len)
		return vma;
	if (vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT) + (new_len >> PAGE_SHIFT) <
	    vma->pgoff)
		return ERR_PTR(-EINVAL);
	if (mlock_future_check(mm, vma->flags, new_len - old_len))
		return ERR_PTR(-EAGAIN);
	if (!may_expand_vm(mm, vma->flags, grow))
		return ERR_PTR(-ENOMEM);
	return vma;
}

/* Charge the growth of a VM_ACCOUNT mapping; 0 or -ENOMEM. */
static int charge_growth(struct mm *mm, struct vma *vma, unsigned long old_len,
			 unsigned long new_len)
{
	if (!(vma->flags & VM_ACCOUNT) || new_len <= old_len)
		return 0;
	return security_vm_enough_memory_mm(mm, (long)((new_len - old_len) >> PAGE_SHIFT));
}

static void uncharge_growth(struct vma *vma, unsigned long old_len, unsigned long new_len)
{
	if ((vma->flags & VM_ACCOUNT) && new_len > old_len)
		vm_unacct_memory((long)((new_len - old_len) >> PAGE_SHIFT));
}

static long move_charged(struct mm *mm, struct vma *vma, unsigned long old, unsigned long old_len,
			 unsigned long new, unsigned long new_len)
{
	long r;

	if (charge_growth(mm, vma, old_len, new_len))
		return -ENOMEM;
	r = move_vma(mm, vma, old, old_len, new, new_len);
	if (r < 0)
		uncharge_growth(vma, old_len, new_len);
	return r;
}

/* Linux's mremap_to: MREMAP_FIXED. */
static long mremap_to(struct mm *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_addr, unsigned long new_len)
{
	struct vma *vma;

	if (new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (new_len > USER_TOP || new_addr > USER_TOP - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;		/* overlapping ranges */
	if (unmap_region(mm, new_addr, new_addr + new_len))
		return -ENOMEM;
	if (old_len > new_len) {
		if (unmap_region(mm, addr + new_len, addr + old_len))
			return -ENOMEM;
		old_len = new_len;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if (new_addr < MMAP_MIN_ADDR && !capable(CAP_SYS_RAWIO))
		return -EPERM;
	return move_charged(mm, vma, addr, old_len, new_addr, new_len);
}

/* Grow [addr, addr+old_len) in place or (MREMAP_MAYMOVE) elsewhere. */
static long mremap_grow(struct mm *mm, unsigned long addr, unsigned long old_len,
			unsigned long new_len, unsigned long flags)
{
	struct vma *vma = vma_to_resize(mm, addr, old_len, new_len), *next;
	unsigned long new_addr;

	if (IS_ERR(vma))
		return PTR_ERR(vma);
	next = vma_next(mm, vma);
	if (old_len == vma->end - addr && user_range_ok(addr, new_len) &&
	    (!next || next->start >= addr + new_len)) {	/* vma_expandable */
		if (charge_growth(mm, vma, old_len, new_len))
			return -ENOMEM;
		vma_resize(mm, vma, addr + new_len);
		return (long)addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, 0, new_len);
	if (!new_addr)
		return -ENOMEM;
	return move_charged(mm, vma, addr, old_len, new_addr, new_len);
}

static long do_sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr, unsigned long a6)
{
	struct mm *mm = current->mm;
	struct vma *vma;
	long r;

	if (flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) &&
	    (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len)
		return -EINVAL;
	vma = vma_lookup(mm, addr);
	if (!vma)
		return -EFAULT;
	if (flags & MREMAP_DONTUNMAP)
		return -EINVAL;		/* not supported here */
	if (flags & MREMAP_FIXED)
		r = mremap_to(mm, addr, old_len, new_addr, new_len);
	else if (old_len >= new_len)		/* shrinking always works */
		return old_len == new_len ? (long)addr :
		       do_munmap(mm, addr + new_len, old_len - new_len) ?: (long)addr;
	else
		r = mremap_grow(mm, addr, old_len, new_len, flags);
	vma = r >= 0 ? vma_lookup(mm, (unsigned long)r) : NULL;
	if (vma && (vma->flags & VM_LOCKED) && new_len > old_len)
		__mm_populate(mm, (unsigned long)r + old_len, new_len - old_len, true);
	return r;
}

/* The VMAs it reads or changes stay put across its sleeps (mm/mm.h). */
long sys_mremap(unsigned long a1, unsigned long a2, unsigned long a3,
                unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_sys_mremap(a1, a2, a3, a4, a5, a6);
	mmap_write_unlock(mm);
	return ret;
}
