/*
 * mm/vma_merge.c - when two neighbouring VMAs may become one (Linux 6.1,
 * mm/mmap.c: is_mergeable_vma, is_mergeable_anon_vma,
 * can_vma_merge_before/after, anon_vma_compatible).  Pure predicates on
 * struct vma, compiled unchanged into the host unit tests.
 *
 * Two VMAs merge when they touch, carry the same flags and file, their
 * offsets continue each other, and their anon_vmas agree: equal, or one
 * of them has none while the other's is its own (not inherited at fork).
 * A VMA without an anon_vma has an empty chain, which is not "singular":
 * so a range that already has private pages does not merge into a
 * neighbour that has none, exactly as Linux.
 */
#include "mm/mm.h"

static bool is_mergeable_vma(const struct vma *vma, const struct inode *file, unsigned long flags)
{
	return vma->flags == flags && vma->file == file;
}

/* Linux's list_is_singular(&vma->anon_vma_chain). */
static bool anon_chain_singular(const struct vma *vma)
{
	return vma->anon_vma && !vma->anon_vma_forked;
}

bool is_mergeable_anon_vma(unsigned long anon1, unsigned long anon2, const struct vma *vma)
{
	if ((!anon1 || !anon2) && (!vma || anon_chain_singular(vma)))
		return true;
	return anon1 == anon2;
}

/* May (flags, anon_vma, file, pgoff) go just below @vma? @pgoff is that of @vma's start. */
bool can_vma_merge_before(const struct vma *vma, unsigned long flags, unsigned long anon_vma,
			  const struct inode *file, unsigned long pgoff)
{
	return is_mergeable_vma(vma, file, flags) &&
	       is_mergeable_anon_vma(anon_vma, vma->anon_vma, vma) && vma->pgoff == pgoff;
}

/* May (flags, anon_vma, file, pgoff) go just above @vma? @pgoff is that of the range. */
bool can_vma_merge_after(const struct vma *vma, unsigned long flags, unsigned long anon_vma,
			 const struct inode *file, unsigned long pgoff)
{
	return is_mergeable_vma(vma, file, flags) &&
	       is_mergeable_anon_vma(anon_vma, vma->anon_vma, vma) &&
	       vma->pgoff + ((vma->end - vma->start) >> PAGE_SHIFT) == pgoff;
}

/* Could @a and @b (a just below b) share an anon_vma?  Flags may differ in access bits only. */
bool anon_vma_compatible(const struct vma *a, const struct vma *b)
{
	return a->end == b->start && a->file == b->file &&
	       !((a->flags ^ b->flags) & ~VM_ACCESS_FLAGS) &&
	       b->pgoff == a->pgoff + ((b->start - a->start) >> PAGE_SHIFT);
}
