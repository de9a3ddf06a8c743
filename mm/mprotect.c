/*
 * mm/mprotect.c - mprotect(2): change the protection of a range of
 * whole VMAs, splitting at the range's ends (Linux: mm/mprotect.c).
 *
 * Argument checks come in Linux's order; the range is walked VMA by
 * VMA, so a hole part way through fails with ENOMEM after the VMAs
 * before it were changed, exactly as Linux leaves them.  A protection
 * the VMA may not take (VM_MAYWRITE clear: a shared mapping of a file
 * opened read-only) is EACCES.
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

static long mprotect_fixup(struct mm *mm, struct vma *vma, unsigned long start,
			   unsigned long end, unsigned long newflags)
{
	int err;

	if (newflags == vma->flags)
		return 0;
	if (start > vma->start) {
		err = split_vma(mm, vma, start);
		if (err)
			return err;
		vma = find_vma(mm, start);
	}
	if (end < vma->end) {
		err = split_vma(mm, vma, end);
		if (err)
			return err;
	}
	vma_set_flags(mm, vma, newflags);
	change_protection(mm, vma->start, vma->end, newflags);
	return 0;
}

long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot,
		  unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP), end, nstart;
	unsigned long bits;
	struct vma *vma;

	prot &= ~grows;
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP) || grows == PROT_GROWSUP)
		return -EINVAL;		/* x86 stacks grow down only */
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = start + len;
	if (!len || end <= start)
		return -ENOMEM;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	bits = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
	vma = find_vma(mm, start);
	if (!vma)
		return -ENOMEM;
	if (vma->start > start) {
		if (!(grows & PROT_GROWSDOWN) || !(vma->flags & VM_GROWSDOWN))
			return -ENOMEM;
		start = vma->start;
	}
	for (nstart = start;;) {
		unsigned long newflags = (vma->flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | bits;
		unsigned long tmp = MIN(vma->end, end);
		long err;

		if ((newflags & ~(newflags >> 4)) & (VM_READ | VM_WRITE | VM_EXEC))
			return -EACCES;		/* the VM_MAY* bit is missing */
		err = mprotect_fixup(mm, vma, nstart, tmp, newflags);
		if (err)
			return err;
		nstart = tmp;
		if (nstart >= end)
			return 0;
		vma = find_vma(mm, nstart);
		if (!vma || vma->start != nstart)
			return -ENOMEM;
	}
}
