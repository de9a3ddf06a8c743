/*
 * mm/kmalloc.c - kmalloc/kfree with power-of-two size classes, 16..2048
 * bytes, each class a list of one-page slabs (a simple SLOB/SLAB hybrid).
 *
 * Data: per class, a list of slab pages that still have free objects;
 * each slab page's struct page holds its free list and use count
 * (PG_slab).  Larger requests take whole pages from the buddy allocator
 * (order recorded in struct page).  A slab page that becomes empty goes
 * straight back to the buddy allocator, so the free-frame count after a
 * test returns to its baseline (the leak check relies on this).
 * Synchronization: interrupts off around the lists; a new slab page is
 * allocated before they are taken, because that allocation may have to
 * wait for reclaim or the OOM killer.  Linux: mm/slab_common.c
 * kmalloc_caches.
 */
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "kernel/x86.h"
#include "kernel/panic.h"
#include "kernel/lib/string.h"

#define MIN_SHIFT 4
#define NR_CLASSES 8		/* 16, 32, ..., 2048 */

static struct list_head partial[NR_CLASSES];
static unsigned long slab_pages;
static bool inited;

static int size_class(size_t size)
{
	int c = 0;

	while ((1UL << (c + MIN_SHIFT)) < size)
		c++;
	return c;
}

/* Make the fresh page @p a slab of class @c, on the partial list. */
static struct page *new_slab(int c, struct page *p)
{
	size_t osize = 1UL << (c + MIN_SHIFT);
	char *base;

	if (!p)
		return NULL;
	base = page_address(p);
	p->flags |= PG_slab;
	p->slab_size = (uint32_t)osize;
	p->slab_inuse = 0;
	p->slab_freelist = NULL;
	for (size_t off = PAGE_SIZE; off >= osize; off -= osize) {
		void **obj = (void **)(base + off - osize);
		*obj = p->slab_freelist;
		p->slab_freelist = obj;
	}
	list_add(&p->lru, &partial[c]);
	slab_pages++;
	return p;
}

/* An object of @size; @fresh (may be NULL) becomes a slab if one is needed. */
static void *slab_alloc(size_t size, struct page **fresh)
{
	int c = size_class(size);
	struct page *p;
	void **obj;

	if (list_empty(&partial[c])) {
		if (!new_slab(c, *fresh))
			return NULL;
		*fresh = NULL;
	}
	p = list_first_entry(&partial[c], struct page, lru);
	obj = p->slab_freelist;
	p->slab_freelist = *obj;
	p->slab_inuse++;
	if (!p->slab_freelist)
		list_del(&p->lru);	/* full: off the partial list */
	return obj;
}

static void slab_free(struct page *p, void *obj)
{
	int c = size_class(p->slab_size);
	bool was_full = !p->slab_freelist;

	*(void **)obj = p->slab_freelist;
	p->slab_freelist = obj;
	p->slab_inuse--;
	if (was_full)
		list_add(&p->lru, &partial[c]);
	if (p->slab_inuse == 0) {
		list_del(&p->lru);
		p->flags &= ~PG_slab;
		slab_pages--;
		__free_pages(p, 0);
	}
}

void *kmalloc(size_t size, gfp_t gfp)
{
	struct page *fresh = NULL;
	unsigned long flags;
	void *obj;

	if (!size)
		size = 1;
	if (size > (1UL << (MIN_SHIFT + NR_CLASSES - 1))) {
		unsigned int order = 0;
		struct page *p;
		while ((PAGE_SIZE << order) < size)
			order++;
		p = alloc_pages(gfp, order);
		return p ? page_address(p) : NULL;
	}
	flags = local_irq_save();
	if (!inited) {
		for (int c = 0; c < NR_CLASSES; c++)
			INIT_LIST_HEAD(&partial[c]);
		inited = true;
	}
	if (list_empty(&partial[size_class(size)])) {
		/* Allocate with the caller's interrupt state: it may have to wait. */
		local_irq_restore(flags);
		fresh = alloc_page(gfp & ~__GFP_ZERO);
		flags = local_irq_save();
	}
	obj = slab_alloc(size, &fresh);
	local_irq_restore(flags);
	if (fresh)
		__free_pages(fresh, 0);	/* someone else made a slab meanwhile */
	if (obj && (gfp & __GFP_ZERO))
		memset(obj, 0, size);
	return obj;
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void kfree(const void *ptr)
{
	struct page *p;
	unsigned long flags;

	if (!ptr)
		return;
	p = virt_to_page(ptr);
	if (!(p->flags & PG_slab)) {
		__free_pages(p, p->order);
		return;
	}
	flags = local_irq_save();
	slab_free(p, (void *)ptr);
	local_irq_restore(flags);
}

unsigned long kmalloc_block_pages(const void *ptr)
{
	const struct page *p = ptr ? virt_to_page(ptr) : NULL;

	return p && !(p->flags & PG_slab) ? 1UL << p->order : 0;
}

unsigned long kmalloc_slab_pages(void)
{
	return slab_pages;
}
