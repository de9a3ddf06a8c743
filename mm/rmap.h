/*
 * mm/rmap.h - reverse mapping: from a frame to the PTEs that map it
 * (Linux 6.1: include/linux/rmap.h, mm/rmap.c).
 *
 * Reclaim holds a frame and must find every PTE that maps it, in every
 * address space, before the frame can go to swap.  Like Linux, the map
 * is object-based, not a list per page: a page records the object it
 * belongs to and its index in it, and the object lists the VMAs that may
 * map it; each VMA gives the one address where it would map that index.
 *
 *   shmem/tmpfs page:  page->mapping = the inode, page->index = file page;
 *                      inode->i_mmap lists every VMA mapping the file
 *                      (shared or private), vma->pgoff is its file offset.
 *   anonymous page:    page->mapping = the anon_root of the mm that made it,
 *                      page->index = vma->pgoff + (addr - vma->start) / 4096;
 *                      the root lists every mm that may share the page:
 *                      one exec image and all its fork descendants.
 *
 * Linux keeps an anon_vma per VMA chained to its parent's; its root plays
 * the part of our anon_root (one per fork family), and walking every VMA
 * of the family is a superset of Linux's walk, so every mapping is found.
 * A candidate address is only a candidate: the PTE there must map this
 * very frame.  Invariant: an anonymous page mapped in VMA v at address a
 * has page->index == v->pgoff + (a - v->start) / 4096, which split,
 * mremap and stack growth keep by moving vma->pgoff with vma->start.
 *
 * A walk never sleeps, so the lists cannot change under it (one CPU, no
 * kernel preemption).  A VMA briefly off its lists (mremap between
 * moving the page tables and linking the new VMA) hides its mappings:
 * reclaim then finds the page still mapped after try_to_unmap and keeps
 * it, which is always safe.
 */
#ifndef MM_RMAP_H
#define MM_RMAP_H

#include "mm/page.h"
#include "mm/mm.h"

struct inode;

struct anon_root {
	int refcount;			/* mms in the family */
	struct list_head mms;		/* struct mm, by mm->anon_node */
};

/* Which rss[] counter a mapped page counts in (Linux's mm_counter). */
static inline int mm_counter(const struct page *page)
{
	return (page->flags & PG_anon) ? MM_ANONPAGES : MM_SHMEMPAGES;
}

/* A new family for a new image (exec, the first mm); -ENOMEM. */
int anon_root_new(struct mm *mm);
/* fork: @child leaves its own family and joins @parent's. */
void anon_root_share(struct mm *child, struct mm *parent);
/* The mm is going away: leave its family (freed with its last mm). */
void anon_root_put(struct mm *mm);

/* The file VMA joins / leaves its inode's i_mmap (vma_link, vma_unlink). */
void vma_link_file(struct vma *vma);
void vma_unlink_file(struct vma *vma);

/* A PTE of @vma now maps / no longer maps @page: _mapcount, *_MAPPED, mlock. */
void page_add_rmap(struct page *page, struct vma *vma);
void page_remove_rmap(struct page *page, struct vma *vma);
/* An anonymous page about to be mapped at @addr of @vma: its place in the rmap. */
void page_set_anon_rmap(struct page *page, struct vma *vma, unsigned long addr);

/*
 * Count the PTEs mapping @page whose accessed bit was set, clearing the
 * bits (the hardware sets them again on the next access); *@vm_flags
 * gathers the flags of the VMAs that referenced it (VM_LOCKED: the page
 * must not be reclaimed).  Linux's folio_referenced.
 */
int page_referenced(struct page *page, unsigned long *vm_flags);

/*
 * Unmap @page from every PTE: an anonymous page's PTEs become its swap
 * entry (the page must be in the swap cache), a shmem page's PTEs are
 * cleared (a later fault finds it through the file).  A dirty PTE marks
 * the page PG_dirty.  Stops at a VM_LOCKED VMA.  True when no PTE maps
 * the page any more.  Linux's try_to_unmap.
 */
bool try_to_unmap(struct page *page);

#endif
