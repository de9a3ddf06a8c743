/*
 * mm/madvise.c - madvise(2) (Linux: mm/madvise.c).
 *
 * MADV_DONTNEED and MADV_FREE drop the pages of the range at once: a
 * private anonymous page then refaults as zeros, a shared or file page
 * from its page cache.  MADV_DONTFORK/DOFORK set and clear VM_DONTCOPY.
 * The other advice values are hints Linux may ignore, and so do we.
 * Unmapped parts of the range: the mapped ones are still advised, then
 * ENOMEM, as Linux.
 */
#include "mm/mm.h"
#include "mm/memlayout.h"
#include "proc/task.h"
#include "kernel/errno.h"

enum {
	MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DONTNEED,
	MADV_FREE = 8, MADV_REMOVE, MADV_DONTFORK, MADV_DOFORK, MADV_MERGEABLE,
	MADV_UNMERGEABLE, MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_DONTDUMP,
	MADV_DODUMP, MADV_WIPEONFORK, MADV_KEEPONFORK, MADV_COLD, MADV_PAGEOUT,
	MADV_POPULATE_READ, MADV_POPULATE_WRITE,
};

static bool madvise_behavior_valid(unsigned long advice)
{
	return advice <= MADV_DONTNEED || (advice >= MADV_FREE && advice <= MADV_POPULATE_WRITE);
}

/* Apply @advice to [start, end) inside one VMA. */
static long madvise_vma(struct mm *mm, struct vma *vma, unsigned long start,
			unsigned long end, unsigned long advice)
{
	switch (advice) {
	case MADV_DONTNEED:
	case MADV_FREE:
		if (vma->flags & VM_LOCKED)
			return -EINVAL;
		if (advice == MADV_FREE && vma->file)
			return -EINVAL;		/* lazy free is for anonymous memory */
		zap_page_range(mm, start, end);
		return 0;
	case MADV_REMOVE:
		return (vma->flags & VM_SHARED) ? 0 : -EINVAL;
	case MADV_DONTFORK:
	case MADV_DOFORK:
		/* Whole VMAs only here: good enough for the usual full-mapping use. */
		if (advice == MADV_DONTFORK)
			vma->flags |= VM_DONTCOPY;
		else
			vma->flags &= ~VM_DONTCOPY;
		return 0;
	default:
		return 0;
	}
}

long sys_madvise(unsigned long start, unsigned long len, unsigned long advice,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	unsigned long end;
	long unmapped = 0;

	if (!madvise_behavior_valid(advice) || (start & ~PAGE_MASK))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	while (start < end) {
		struct vma *vma = find_vma(mm, start);
		long err;

		if (!vma || vma->start >= end)
			return -ENOMEM;
		if (vma->start > start) {
			unmapped = -ENOMEM;
			start = vma->start;
		}
		err = madvise_vma(mm, vma, start, MIN(end, vma->end), advice);
		if (err)
			return err;
		start = vma->end;
	}
	return unmapped;
}
