/*
 * mm/buddy.c - the binary buddy allocator of one zone, orders 0..10.
 *
 * Data: zone->free_area[order] lists the free blocks of 2^order frames;
 * only a block's first frame is on the list, marked PG_buddy with its
 * order.  Algorithm: allocation takes the smallest order with a free block
 * and splits it, returning halves to lower lists; freeing merges a block
 * with its buddy (pfn ^ (1 << order)) for as long as the buddy is a free
 * block of the same order inside the zone.
 * Invariant: zone->free_pages == sum over orders of nr_free << order.
 * Synchronization: the caller holds interrupts off.  Linux: mm/page_alloc.c
 * (__rmqueue_smallest, __free_one_page).  Pure logic: host unit tests
 * compile this file unchanged.
 */
#include "mm/page.h"

void zone_init(struct zone *z, const char *name, unsigned long start_pfn,
	       unsigned long end_pfn)
{
	z->name = name;
	z->zone_start_pfn = start_pfn;
	z->spanned_pages = end_pfn > start_pfn ? end_pfn - start_pfn : 0;
	z->present_pages = z->managed_pages = z->free_pages = 0;
	for (int o = 0; o < MAX_ORDER; o++) {
		INIT_LIST_HEAD(&z->free_area[o].free_list);
		z->free_area[o].nr_free = 0;
	}
}

static bool zone_spans(const struct zone *z, unsigned long pfn)
{
	return pfn >= z->zone_start_pfn &&
	       pfn < z->zone_start_pfn + z->spanned_pages;
}

static void add_free(struct zone *z, struct page *p, unsigned int order)
{
	p->flags |= PG_buddy;
	p->order = (uint8_t)order;
	list_add(&p->lru, &z->free_area[order].free_list);
	z->free_area[order].nr_free++;
}

static void del_free(struct zone *z, struct page *p, unsigned int order)
{
	list_del(&p->lru);
	p->flags &= ~PG_buddy;
	z->free_area[order].nr_free--;
}

struct page *buddy_alloc(struct zone *z, unsigned int order)
{
	unsigned int o = order;
	struct page *p;

	while (o < MAX_ORDER && list_empty(&z->free_area[o].free_list))
		o++;
	if (o >= MAX_ORDER)
		return NULL;
	p = list_first_entry(&z->free_area[o].free_list, struct page, lru);
	del_free(z, p, o);
	while (o > order) {		/* split: the upper half goes back */
		o--;
		add_free(z, p + (1UL << o), o);
	}
	p->order = (uint8_t)order;
	z->free_pages -= 1UL << order;
	return p;
}

void buddy_free(struct zone *z, struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	z->free_pages += 1UL << order;
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy = pfn_to_page(buddy_pfn);

		if (!zone_spans(z, buddy_pfn) || !(buddy->flags & PG_buddy) ||
		    buddy->order != order)
			break;
		del_free(z, buddy, order);
		pfn &= ~(1UL << order);
		order++;
	}
	add_free(z, pfn_to_page(pfn), order);
}

void buddy_free_range(struct zone *z, unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = MAX_ORDER - 1;

		while (order && ((start & ((1UL << order) - 1)) ||
				 start + (1UL << order) > end))
			order--;
		for (unsigned long i = 0; i < (1UL << order); i++) {
			struct page *p = pfn_to_page(start + i);
			p->flags = 0;
			p->_refcount = 0;
			p->_mapcount = 0;
			p->zone = (uint8_t)(z - zones);
		}
		z->managed_pages += 1UL << order;
		buddy_free(z, pfn_to_page(start), order);
		start += 1UL << order;
	}
}
