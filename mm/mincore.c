/*
 * mm/mincore.c - mincore(2): which pages of a range are resident
 * (Linux 6.1: mm/mincore.c).
 *
 * A page is resident when a PTE maps it (the zero page included, as
 * Linux) or, for a file mapping without a PTE yet, when the file's page
 * cache holds it.  Anonymous memory never touched is 0.  File mappings
 * of a file the caller could not open for writing report every page as
 * resident (Linux hides the page cache of such files).  The vector is
 * filled a page of entries at a time; a hole ends the call with ENOMEM
 * after the entries before it were written.
 */
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "proc/cred.h"
#include "kernel/errno.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/namei.h"
#include "mm/shmem.h"
#include "mm/swap.h"

static bool can_do_mincore(const struct vma *vma)
{
	if (!vma->file)
		return true;
	return may_write_or_own(vma->file);
}

static unsigned char mincore_page(const struct inode *inode, unsigned long index)
{
	return shmem_page_incore(inode, index) ? 1 : 0;
}

/* Fill @vec for up to @pages pages from @addr inside one VMA; the count, or -ENOMEM. */
static long do_mincore(struct mm *mm, unsigned long addr, unsigned long pages, unsigned char *vec)
{
	struct vma *vma = vma_lookup(mm, addr);
	unsigned long end, n;

	if (!vma)
		return -ENOMEM;
	end = MIN(vma->end, addr + (pages << PAGE_SHIFT));
	n = (end - addr) >> PAGE_SHIFT;
	for (unsigned long i = 0; i < n; i++) {
		unsigned long a = addr + (i << PAGE_SHIFT);
		pte_t *pte = user_pte(mm, a);

		if (!can_do_mincore(vma))
			vec[i] = 1;
		else if (pte && pte_present(*pte))
			vec[i] = 1;
		else if (pte && is_swap_pte(*pte))	/* 6.1: in memory if in the swap cache */
			vec[i] = lookup_swap_cache(*pte) != NULL;
		else
			vec[i] = vma->file ? mincore_page(vma->file, vma->pgoff +
					     ((a - vma->start) >> PAGE_SHIFT)) : 0;
	}
	return (long)n;
}

static long do_sys_mincore(unsigned long start, unsigned long len, unsigned long uvec,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	unsigned char *tmp;
	unsigned long pages;
	long r = 0;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!user_range_ok(start, len))
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!user_range_ok(uvec, pages))
		return -EFAULT;
	tmp = get_zeroed_page(GFP_USER);
	if (!tmp)
		return -EAGAIN;
	while (pages) {
		r = do_mincore(current->mm, start, MIN(pages, PAGE_SIZE), tmp);
		if (r <= 0)
			break;
		if (copy_to_user((void *)uvec, tmp, (size_t)r)) {
			r = -EFAULT;
			break;
		}
		pages -= (unsigned long)r;
		uvec += (unsigned long)r;
		start += (unsigned long)r << PAGE_SHIFT;
		r = 0;
	}
	free_page(tmp);
	return r;
}

/* The VMAs it reads or changes stay put across its sleeps (mm/mm.h). */
long sys_mincore(unsigned long a1, unsigned long a2, unsigned long a3,
                 unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	long ret;

	mmap_read_lock(mm);
	ret = do_sys_mincore(a1, a2, a3, a4, a5, a6);
	mmap_read_unlock(mm);
	return ret;
}
