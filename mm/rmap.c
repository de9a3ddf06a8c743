/*
 * mm/rmap.c - reverse mapping (mm/rmap.h): mapping counters, the anon
 * families and the i_mmap lists, and the two walks reclaim needs,
 * page_referenced and try_to_unmap (Linux 6.1: mm/rmap.c).
 *
 * Locking: none; a walk never sleeps and nothing here runs from an
 * interrupt, so on one CPU without kernel preemption the VMA lists and
 * page tables cannot change during a walk.  Callers of try_to_unmap hold
 * a reference of their own on the page, so dropping the mappings' ones
 * never frees it under them.
 */
#include "mm/rmap.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/swap.h"
#include "mm/kmalloc.h"
#include "kernel/fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/panic.h"

/* ---- the families of anonymous memory ---- */

int anon_root_new(struct mm *mm)
{
	struct anon_root *root = kzalloc(sizeof(*root), GFP_KERNEL);

	if (!root)
		return -ENOMEM;
	INIT_LIST_HEAD(&root->mms);
	root->refcount = 1;
	list_add_tail(&mm->anon_node, &root->mms);
	mm->anon_root = root;
	return 0;
}

void anon_root_put(struct mm *mm)
{
	struct anon_root *root = mm->anon_root;

	if (!root)
		return;
	list_del(&mm->anon_node);
	mm->anon_root = NULL;
	if (--root->refcount == 0)
		kfree(root);	/* pages still pointing here are mapped nowhere: never walked */
}

void anon_root_share(struct mm *child, struct mm *parent)
{
	anon_root_put(child);
	child->anon_root = parent->anon_root;
	child->anon_root->refcount++;
	list_add_tail(&child->anon_node, &child->anon_root->mms);
}

/* ---- files ---- */

void vma_link_file(struct vma *vma)
{
	if (vma->file && list_empty(&vma->shared))
		list_add_tail(&vma->shared, &vma->file->i_mmap);
}

void vma_unlink_file(struct vma *vma)
{
	if (!list_empty(&vma->shared))
		list_del(&vma->shared);
}

/* ---- mapping counters ---- */

void page_add_rmap(struct page *page, struct vma *vma)
{
	if (page->_mapcount++ == 0)
		node_page_state_add((page->flags & PG_anon) ? NR_ANON_MAPPED : NR_FILE_MAPPED, 1);
	if (vma->flags & VM_LOCKED)
		mlock_page(page);
}

void page_remove_rmap(struct page *page, struct vma *vma)
{
	BUG_ON(page->_mapcount <= 0);
	if (--page->_mapcount == 0)
		node_page_state_add((page->flags & PG_anon) ? NR_ANON_MAPPED : NR_FILE_MAPPED, -1);
	if (vma->flags & VM_LOCKED)
		munlock_page(page);
}

static unsigned long linear_page_index(const struct vma *vma, unsigned long addr)
{
	return vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT);
}

void page_set_anon_rmap(struct page *page, struct vma *vma, unsigned long addr)
{
	page->mapping = vma->mm->anon_root;
	page->index = linear_page_index(vma, addr);
}

/* ---- the walk ---- */

/* One mapping found: return false to end the walk. */
typedef bool (*rmap_one_fn)(struct page *page, struct vma *vma, unsigned long addr,
			    pte_t *pte, void *arg);

/* Where @vma would map @page, or 0 when the page's index is outside it. */
static unsigned long vma_address(const struct page *page, const struct vma *vma)
{
	unsigned long off = page->index - vma->pgoff;

	if (page->index < vma->pgoff || off >= (vma->end - vma->start) >> PAGE_SHIFT)
		return 0;
	return vma->start + (off << PAGE_SHIFT);
}

/* Try @vma: true to go on walking. */
static bool rmap_try_vma(struct page *page, struct vma *vma, rmap_one_fn one, void *arg)
{
	unsigned long addr = vma_address(page, vma);
	pte_t *pte;

	if (!addr)
		return true;
	pte = user_pte(vma->mm, addr);
	if (!pte || !pte_present(*pte) || pte_phys(*pte) != page_to_phys(page))
		return true;	/* a candidate only: this VMA does not map the page there */
	return one(page, vma, addr, pte, arg) && page_mapcount(page) > 0;
}

static void rmap_walk_anon(struct page *page, rmap_one_fn one, void *arg)
{
	struct anon_root *root = page->mapping;
	struct mm *mm;
	struct vma *vma;

	list_for_each_entry(mm, &root->mms, anon_node)
		list_for_each_entry(vma, &mm->vmas, node)
			if (!(vma->flags & VM_SHARED) && !rmap_try_vma(page, vma, one, arg))
				return;
}

static void rmap_walk_file(struct page *page, rmap_one_fn one, void *arg)
{
	struct inode *inode = page->mapping;
	struct vma *vma;

	list_for_each_entry(vma, &inode->i_mmap, shared)
		if (!rmap_try_vma(page, vma, one, arg))
			return;
}

/* Call @one for each PTE mapping @page, until it returns false or none is left. */
static void rmap_walk(struct page *page, rmap_one_fn one, void *arg)
{
	if (!page_mapcount(page) || !page->mapping)
		return;		/* unmapped, or a truncated file page: nothing to find */
	if (page->flags & PG_anon)
		rmap_walk_anon(page, one, arg);
	else
		rmap_walk_file(page, one, arg);
}

/* ---- page_referenced ---- */

struct referenced_arg {
	int referenced;
	int mapcount;		/* mappings still to visit */
	unsigned long vm_flags;
};

static bool page_referenced_one(struct page *page, struct vma *vma, unsigned long addr,
				pte_t *pte, void *arg)
{
	struct referenced_arg *ra = arg;

	if (vma->flags & VM_LOCKED) {
		ra->vm_flags |= VM_LOCKED;
		return false;
	}
	if (*pte & _PAGE_ACCESSED) {
		*pte &= ~_PAGE_ACCESSED;
		flush_user_page(vma->mm, addr);
		/* A sequential reader's touch says nothing about reuse (6.1). */
		if (!(vma->flags & VM_SEQ_READ)) {
			ra->referenced++;
			ra->vm_flags |= vma->flags;
		}
	}
	return --ra->mapcount > 0;
}

int page_referenced(struct page *page, unsigned long *vm_flags)
{
	struct referenced_arg ra = { 0, page_mapcount(page), 0 };

	rmap_walk(page, page_referenced_one, &ra);
	*vm_flags = ra.vm_flags;
	return ra.referenced;
}

/* ---- try_to_unmap ---- */

static bool try_to_unmap_one(struct page *page, struct vma *vma, unsigned long addr,
			     pte_t *pte, void *arg)
{
	struct mm *mm = vma->mm;
	bool *locked = arg;

	if (vma->flags & VM_LOCKED) {
		*locked = true;
		return false;
	}
	if (*pte & _PAGE_DIRTY)
		page->flags |= PG_dirty;	/* written through this PTE: the slot is stale */
	if (page->flags & PG_anon) {
		BUG_ON(!(page->flags & PG_swapcache));
		if (swap_duplicate(page->private))
			return false;		/* the slot's count is full: keep the rest mapped */
		*pte = page->private;
		mm->rss[MM_SWAPENTS]++;
	} else {
		*pte = 0;		/* the next fault finds the page through the file */
	}
	mm->rss[mm_counter(page)]--;
	flush_user_page(mm, addr);
	page_remove_rmap(page, vma);
	put_page(page);
	return true;
}

bool try_to_unmap(struct page *page)
{
	bool locked = false;

	rmap_walk(page, try_to_unmap_one, &locked);
	if (locked)
		mlock_page(page);	/* found in a VM_LOCKED VMA: off to the unevictable list */
	return !page_mapcount(page);
}
