/*
 * mm/mprotect.c - mprotect(2): change the protection of a range of
 * VMAs, splitting at the range's ends and merging with neighbours that
 * end up alike (Linux 6.1: mm/mprotect.c).
 *
 * Argument checks come in Linux's order; the range is walked VMA by
 * VMA, so a hole part way through fails with ENOMEM after the VMAs
 * before it were changed, exactly as Linux leaves them.  A protection
 * the VMA may not take (VM_MAYWRITE clear: a shared mapping of a file
 * opened read-only) is EACCES.  Making an uncharged private mapping
 * writable charges it (VM_ACCOUNT) first; taking PROT_WRITE away never
 * uncharges, as Linux.
 */
#include "mm/mm.h"
#include "mm/memlayout.h"
#include "proc/task.h"
#include "kernel/errno.h"
#include "kernel/syscall.h"

#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define PROT_SEM	0x8
#define PROT_GROWSDOWN	0x01000000
#define PROT_GROWSUP	0x02000000

/* Returns the VMA now covering [start, end) (merged or split) through *pvma. */
static long mprotect_fixup(struct mm *mm, struct vma **pvma, unsigned long start,
			   unsigned long end, unsigned long newflags)
{
	struct vma *vma = *pvma;
	unsigned long oldflags = vma->flags, pages = (end - start) >> PAGE_SHIFT;
	long charged = 0;

	if (newflags == oldflags)
		return 0;
	if (newflags & VM_WRITE) {
		/* Check space limits when the area turns into data. */
		if (!may_expand_vm(mm, newflags, pages) && may_expand_vm(mm, oldflags, pages))
			return -ENOMEM;
		if (!(oldflags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE))) {
			if (security_vm_enough_memory_mm(mm, (long)pages))
				return -ENOMEM;
			charged = (long)pages;
			newflags |= VM_ACCOUNT;
		}
	}
	vma = vma_modify_flags(mm, vma, start, end, newflags);
	if (IS_ERR(vma)) {
		vm_unacct_memory(charged);
		return PTR_ERR(vma);
	}
	change_protection(mm, start, end, newflags);
	*pvma = vma;
	return 0;
}

static long do_sys_mprotect(unsigned long start, unsigned long len, unsigned long prot,
		  unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP), end, nstart;
	unsigned long bits;
	struct vma *vma;

	prot &= ~grows;
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;		/* can't be both */
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	bits = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
	vma = find_vma(mm, start);
	if (!vma)
		return -ENOMEM;
	if (grows & PROT_GROWSDOWN) {
		if (vma->start >= end)
			return -ENOMEM;
		start = vma->start;
		if (!(vma->flags & VM_GROWSDOWN))
			return -EINVAL;
	} else {
		if (vma->start > start)
			return -ENOMEM;
		if (grows & PROT_GROWSUP)
			return -EINVAL;		/* no VM_GROWSUP on x86 */
	}
	for (nstart = start;;) {
		unsigned long newflags = (vma->flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | bits;
		unsigned long tmp = MIN(vma->end, end);
		long err;

		if ((newflags & ~(newflags >> 4)) & (VM_READ | VM_WRITE | VM_EXEC))
			return -EACCES;		/* the VM_MAY* bit is missing */
		err = mprotect_fixup(mm, &vma, nstart, tmp, newflags);
		if (err)
			return err;
		nstart = MAX(tmp, vma->end);
		if (nstart >= end)
			return 0;
		vma = find_vma(mm, nstart);
		if (!vma || vma->start != nstart)
			return -ENOMEM;
	}
}

/* The VMAs it reads or changes stay put across its sleeps (mm/mm.h). */
long sys_mprotect(unsigned long a1, unsigned long a2, unsigned long a3,
                  unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_sys_mprotect(a1, a2, a3, a4, a5, a6);
	mmap_write_unlock(mm);
	return ret;
}
