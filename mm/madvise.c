/*
 * mm/madvise.c - madvise(2) (Linux 6.1: mm/madvise.c).
 *
 * MADV_DONTNEED and MADV_FREE drop the pages of the range at once: a
 * private anonymous page then refaults as zeros, a shared or file page
 * from its page cache.  MADV_REMOVE also punches the hole in a shared
 * file, unmapping it from every process (shmem_punch_hole).
 * MADV_POPULATE_READ/WRITE fault the range in.  MADV_COLD ages the
 * range's pages, MADV_PAGEOUT reclaims them to swap at once, and
 * MADV_WILLNEED starts reading back what the range has in swap.  The flag advice (DONTFORK, WIPEONFORK, DONTDUMP, RANDOM, HUGEPAGE,
 * ...) sets Linux's VM_* bit on exactly the range, splitting and merging
 * VMAs as Linux does; DONTFORK and WIPEONFORK act at fork.  The other
 * hints are accepted and ignored, as Linux may.  Unmapped parts of the
 * range: the mapped ones are still advised, then ENOMEM, as Linux.
 * MADV_HWPOISON/SOFT_OFFLINE are absent, as without CONFIG_MEMORY_FAILURE.
 */
#include "mm/mm.h"
#include "mm/shmem.h"
#include "mm/memlayout.h"
#include "mm/lru.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "mm/swap.h"
#include "proc/cred.h"
#include "proc/signal.h"
#include "kernel/fs/namei.h"
#include "proc/task.h"
#include "kernel/errno.h"
#include "kernel/fs/vfs.h"

enum {
	MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DONTNEED,
	MADV_FREE = 8, MADV_REMOVE, MADV_DONTFORK, MADV_DOFORK, MADV_MERGEABLE,
	MADV_UNMERGEABLE, MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_DONTDUMP,
	MADV_DODUMP, MADV_WIPEONFORK, MADV_KEEPONFORK, MADV_COLD, MADV_PAGEOUT,
	MADV_POPULATE_READ, MADV_POPULATE_WRITE, MADV_DONTNEED_LOCKED, MADV_COLLAPSE,
};

static bool madvise_behavior_valid(unsigned long advice)
{
	return advice <= MADV_DONTNEED || (advice >= MADV_FREE && advice <= MADV_COLLAPSE);
}

/* The VM_* bit the flag advice sets and clears, or false when it is not one. */
static bool advice_flags(unsigned long advice, unsigned long *set, unsigned long *clear)
{
	static const struct { unsigned long set, clear; } t[] = {
		[MADV_NORMAL] = { 0, VM_RAND_READ | VM_SEQ_READ },
		[MADV_RANDOM] = { VM_RAND_READ, VM_SEQ_READ },
		[MADV_SEQUENTIAL] = { VM_SEQ_READ, VM_RAND_READ },
		[MADV_DONTFORK] = { VM_DONTCOPY, 0 },
		[MADV_DOFORK] = { 0, VM_DONTCOPY },
		[MADV_MERGEABLE] = { VM_MERGEABLE, 0 },
		[MADV_UNMERGEABLE] = { 0, VM_MERGEABLE },
		[MADV_HUGEPAGE] = { VM_HUGEPAGE, VM_NOHUGEPAGE },
		[MADV_NOHUGEPAGE] = { VM_NOHUGEPAGE, VM_HUGEPAGE },
		[MADV_DONTDUMP] = { VM_DONTDUMP, 0 },
		[MADV_DODUMP] = { 0, VM_DONTDUMP },
		[MADV_WIPEONFORK] = { VM_WIPEONFORK, 0 },
		[MADV_KEEPONFORK] = { 0, VM_WIPEONFORK },
	};

	if (advice >= sizeof(t) / sizeof(t[0]) || !(t[advice].set | t[advice].clear))
		return false;
	*set = t[advice].set;
	*clear = t[advice].clear;
	return true;
}

/* madvise_update_vma: the range gets the new flags; *pvma is the VMA now covering it. */
static long madvise_flags(struct mm *mm, struct vma **pvma, unsigned long start,
			  unsigned long end, unsigned long advice)
{
	struct vma *vma = *pvma;
	unsigned long set, clear, newflags;

	advice_flags(advice, &set, &clear);
	if (advice == MADV_WIPEONFORK && (vma->file || (vma->flags & VM_SHARED)))
		return -EINVAL;		/* anonymous private memory only */
	if (advice == MADV_MERGEABLE && (vma->flags & (VM_SHARED | VM_MAYSHARE)))
		return 0;		/* ksm_madvise leaves shared memory alone */
	newflags = (vma->flags & ~clear) | set;
	if (newflags == vma->flags)
		return 0;
	vma = vma_modify_flags(mm, vma, start, end, newflags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	*pvma = vma;
	return 0;
}

/* MADV_REMOVE: shmem_fallocate(PUNCH_HOLE) of the file range behind [start, end). */
static long madvise_remove(struct vma *vma, unsigned long start, unsigned long end)
{
	unsigned long first = vma->pgoff + ((start - vma->start) >> PAGE_SHIFT);
	unsigned long last = first + ((end - start) >> PAGE_SHIFT);

	if (vma->flags & VM_LOCKED)
		return -EINVAL;
	if (!vma->file)
		return -EINVAL;
	if ((vma->flags & (VM_SHARED | VM_MAYWRITE)) != (VM_SHARED | VM_MAYWRITE))
		return -EACCES;
	zap_page_range(vma, start, end);
	shmem_punch_hole(vma->file, first, last);
	return 0;
}

/*
 * Paging out a file's pages is for those who could open it for writing
 * (6.1's can_do_pageout: else it would be a side channel on shared pages).
 */
static bool can_do_pageout(const struct vma *vma)
{
	if (!vma->file)
		return true;
	return may_write_or_own(vma->file);
}

/*
 * The page @pte maps, when MADV_COLD/PAGEOUT may touch it: on an LRU list
 * and mapped by this PTE alone (6.1 leaves other mappings' pages be).
 */
static struct page *cold_page(pte_t *pte)
{
	struct page *page;

	if (!pte_present(*pte) || (pte_phys(*pte) >> PAGE_SHIFT) >= max_pfn)
		return NULL;
	page = phys_to_page(pte_phys(*pte));
	if (!(page->flags & PG_lru) || page_mapcount(page) != 1)
		return NULL;
	return page;
}

/*
 * MADV_COLD and MADV_PAGEOUT (6.1's madvise_cold_or_pageout_pte_range):
 * each page the range maps alone loses its accessed bit and
 * PG_referenced, so reclaim sees it as unused; COLD moves it to the
 * inactive list, PAGEOUT reclaims it at once, a page table (512 pages)
 * at a time, writing anonymous and tmpfs pages to swap.  Without swap
 * the pages stay, on the active list, and the call still succeeds.
 */
static long madvise_cold_or_pageout(struct vma *vma, unsigned long start,
				    unsigned long end, bool pageout)
{
	if (vma->flags & VM_LOCKED)
		return -EINVAL;		/* can_madv_lru_vma */
	if (pageout && !can_do_pageout(vma))
		return 0;
	while (start < end && !fatal_signal_pending(current)) {
		unsigned long stop = MIN(end, ALIGN_DOWN(start, 512 * PAGE_SIZE) + 512 * PAGE_SIZE);
		LIST_HEAD(pages);

		for (; start < stop; start += PAGE_SIZE) {
			unsigned long next;
			pte_t *pte = pte_lookup(vma->mm->pgd, start, &next);
			struct page *page;

			if (!pte) {
				start = MIN(next, stop) - PAGE_SIZE;	/* no page table here */
				continue;
			}
			page = cold_page(pte);
			if (!page)
				continue;
			if (*pte & _PAGE_ACCESSED) {
				*pte &= ~_PAGE_ACCESSED;
				flush_user_page(vma->mm, start);
			}
			page->flags &= ~PG_referenced;
			if (!pageout)
				deactivate_page(page);
			else if (!isolate_lru_page(page))
				list_add_tail(&page->lru, &pages);
		}
		if (pageout)
			reclaim_pages(&pages);
	}
	return 0;
}

/*
 * MADV_WILLNEED (6.1's madvise_willneed): start reading back what the
 * range has in swap, without waiting, so the faults that follow find it
 * in the swap cache: an anonymous VMA's swap entries, or a tmpfs file's
 * swapped pages (for a file VMA, the file's, not private copies').
 */
static long madvise_willneed(struct vma *vma, unsigned long start, unsigned long end)
{
	if (vma->file) {
		shmem_swapin_async(vma->file, vma->pgoff + ((start - vma->start) >> PAGE_SHIFT),
				   vma->pgoff + ((end - vma->start) >> PAGE_SHIFT));
		return 0;
	}
	while (start < end && !fatal_signal_pending(current)) {
		unsigned long next;
		pte_t *pte = pte_lookup(vma->mm->pgd, start, &next);

		if (!pte) {
			start = MIN(next, end);
			continue;
		}
		if (is_swap_pte(*pte))
			swapin_async(*pte);
		start += PAGE_SIZE;
	}
	return 0;
}

static long madvise_populate(struct vma *vma, unsigned long start, unsigned long end,
			     bool write)
{
	if (write ? !(vma->flags & VM_WRITE) : !(vma->flags & VM_READ))
		return -EINVAL;		/* faultin_vma_page_range's check_vma_flags */
	return faultin_vma_page_range(vma, start, end, write);
}

/* Apply @advice to [start, end) inside one VMA; *pvma may change (split/merge). */
static long madvise_vma(struct mm *mm, struct vma **pvma, unsigned long start,
			unsigned long end, unsigned long advice)
{
	struct vma *vma = *pvma;
	unsigned long set, clear;

	if (advice_flags(advice, &set, &clear))
		return madvise_flags(mm, pvma, start, end, advice);
	switch (advice) {
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
	case MADV_FREE:
		if ((vma->flags & VM_LOCKED) && advice != MADV_DONTNEED_LOCKED)
			return -EINVAL;
		if (advice == MADV_FREE && vma->file)
			return -EINVAL;		/* lazy free is for anonymous memory */
		zap_page_range(vma, start, end);
		return 0;
	case MADV_REMOVE:
		return madvise_remove(vma, start, end);
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return madvise_populate(vma, start, end, advice == MADV_POPULATE_WRITE);
	case MADV_COLD:
	case MADV_PAGEOUT:
		return madvise_cold_or_pageout(vma, start, end, advice == MADV_PAGEOUT);
	case MADV_COLLAPSE:
		return -EINVAL;		/* no huge pages */
	case MADV_WILLNEED:
		return madvise_willneed(vma, start, end);
	default:
		return 0;
	}
}

static long do_sys_madvise(unsigned long start, unsigned long len_in, unsigned long advice,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	unsigned long len, end;
	long unmapped = 0;

	if (!madvise_behavior_valid(advice) || (start & ~PAGE_MASK))
		return -EINVAL;
	len = ALIGN_UP(len_in, PAGE_SIZE);
	if (len_in && !len)
		return -EINVAL;		/* a small negative length rounded up to 0 */
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	while (start < end) {
		struct vma *vma = find_vma(mm, start);
		long err;

		if (!vma)
			return -ENOMEM;
		if (vma->start > start) {
			unmapped = -ENOMEM;
			start = vma->start;
			if (start >= end)
				break;
		}
		err = madvise_vma(mm, &vma, start, MIN(end, vma->end), advice);
		if (err)
			return err;
		start = MAX(MIN(end, vma->end), vma->end);
	}
	return unmapped;
}

/* The VMAs it reads or changes stay put across its sleeps (mm/mm.h). */
long sys_madvise(unsigned long a1, unsigned long a2, unsigned long a3,
                 unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_sys_madvise(a1, a2, a3, a4, a5, a6);
	mmap_write_unlock(mm);
	return ret;
}
