/*
 * mm/page_alloc.c - the page allocator: zones over the buddy allocator.
 *
 * mem_init() sizes mem_map (one struct page per frame up to max_pfn),
 * splits RAM into x86-64's zones (DMA below 16 MiB, DMA32 below 4 GiB,
 * Normal above) and frees every unreserved frame into its zone.
 * alloc_pages() tries the zones the gfp mask allows, highest first, as
 * Linux's zonelist does: above the low watermark at once; between low
 * and min after waking kswapd; below min only after direct reclaim
 * (mm/vmscan.c), and when reclaim finds nothing, the OOM killer.
 * Synchronization: interrupts off around every zone operation.
 */
#include "mm/page.h"
#include "mm/oom.h"
#include "mm/swap.h"
#include "proc/task.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "mm/memblock.h"
#include "kernel/multiboot.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"

struct page *mem_map;
unsigned long max_pfn;
struct zone zones[MAX_NR_ZONES];
struct page *zero_page;

static const unsigned long zone_end_pfn[MAX_NR_ZONES] = {
	[ZONE_DMA] = (16UL << 20) >> PAGE_SHIFT,
	[ZONE_DMA32] = (4UL << 30) >> PAGE_SHIFT,
	[ZONE_NORMAL] = ULONG_MAX,
};
static const char *const zone_names[MAX_NR_ZONES] = { "DMA", "DMA32", "Normal" };

static void init_zones(void)
{
	unsigned long start = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long end = MIN(zone_end_pfn[z], max_pfn);
		zone_init(&zones[z], zone_names[z], start, MAX(start, end));
		start = MAX(start, end);
	}
}

static struct zone *pfn_zone(unsigned long pfn)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (pfn < zones[z].zone_start_pfn + zones[z].spanned_pages)
			return &zones[z];
	return &zones[ZONE_NORMAL];
}

/* Free [start, end) into the zones, split at zone boundaries. */
static void free_pfn_range(unsigned long start, unsigned long end)
{
	while (start < end) {
		struct zone *z = pfn_zone(start);
		unsigned long zend = MIN(end, z->zone_start_pfn + z->spanned_pages);
		buddy_free_range(z, start, zend);
		start = zend;
	}
}

/* Free the parts of [start, end) (pfns) that memblock has not reserved. */
static void free_unreserved(unsigned long start, unsigned long end)
{
	unsigned long pfn = start;

	while (pfn < end) {
		unsigned long run = pfn;
		while (run < end && !memblock_is_reserved(run << PAGE_SHIFT))
			run++;
		free_pfn_range(pfn, run);
		while (run < end && memblock_is_reserved(run << PAGE_SHIFT))
			run++;
		pfn = run;
	}
}

void mem_init(void)
{
	size_t map_bytes;
	phys_addr_t pa;

	max_pfn = memblock_end() >> PAGE_SHIFT;
	map_bytes = max_pfn * sizeof(struct page);
	pa = memblock_alloc(map_bytes, PAGE_SIZE, ULONG_MAX);
	if (!pa)
		panic("cannot allocate mem_map (%lu bytes)", map_bytes);
	mem_map = phys_to_virt(pa);
	for (unsigned long i = 0; i < max_pfn; i++)
		mem_map[i] = (struct page){ .flags = PG_reserved };
	init_zones();
	for (int i = 0; i < memblock_memory.cnt; i++) {
		struct memblock_region *r = &memblock_memory.r[i];
		unsigned long s = r->base >> PAGE_SHIFT, e = (r->base + r->size) >> PAGE_SHIFT;
		for (unsigned long p = s; p < e; p++)
			pfn_zone(p)->present_pages++;
		free_unreserved(s, e);
	}
	zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	zero_page->flags |= PG_zero | PG_reserved;
}

/* Release boot memory (e.g. an unpacked initramfs module) to the buddy allocator. */
void free_reserved_area(phys_addr_t start, phys_addr_t end)
{
	unsigned long flags = local_irq_save();

	free_pfn_range(ALIGN_UP(start, PAGE_SIZE) >> PAGE_SHIFT, end >> PAGE_SHIFT);
	local_irq_restore(flags);
}

/* Highest zone the mask allows: Normal unless DMA/DMA32 was asked for. */
static int gfp_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if (gfp & __GFP_DMA32)
		return ZONE_DMA32;
	return ZONE_NORMAL;
}

/*
 * 6.1's __zone_watermark_ok, simplified: an allocation may take a page
 * from @z only if what stays free is above the watermark @which plus
 * the reserve this zone keeps for allocations that could have used a
 * higher one.  __GFP_HIGH may go halfway into the reserve, atomic
 * allocations a quarter further; an OOM victim or a task in reclaim
 * (PF_MEMALLOC) may take the rest, so that it can exit or free memory.
 */
static bool zone_watermark_ok(const struct zone *z, unsigned int order, gfp_t gfp, int highest,
			      int which)
{
	long mark = (long)z->watermark[which];
	long free = (long)z->free_pages - (1L << order) + 1;

	if (current && (current->flags & PF_MEMALLOC))
		return free > 0;
	if (gfp & __GFP_HIGH)
		mark -= mark / 2;
	if (gfp & __GFP_ATOMIC)
		mark -= mark / 4;
	return free > mark + (long)z->lowmem_reserve[highest];
}

/* The first zone, highest allowed first, with a page above watermark @which. */
static struct page *get_page_from_zones(gfp_t gfp, unsigned int order, int which)
{
	unsigned long flags = local_irq_save();
	int highest = gfp_zone(gfp);
	struct page *p = NULL;

	for (int z = highest; z >= 0 && !p; z--)
		if (zone_watermark_ok(&zones[z], order, gfp, highest, which))
			p = buddy_alloc(&zones[z], order);
	local_irq_restore(flags);
	return p;
}

/*
 * No free page: reclaim, and after MAX_RECLAIM_RETRIES rounds that free
 * nothing, the OOM killer, then wait a tick for the victim to run and
 * exit (one CPU: it cannot while we spin).  A dying task is marked a
 * victim at once (6.1's out_of_memory does that first) and may take the
 * reserves to finish dying, or gets NULL if others still use its mm.
 * Costly orders and __GFP_NORETRY fail without the OOM killer, as in 6.1.
 */
static struct page *alloc_pages_slowpath(gfp_t gfp, unsigned int order)
{
	int no_progress = 0;

	if (!(gfp & __GFP_DIRECT_RECLAIM) || !current || (current->flags & PF_KTHREAD) ||
	    irqs_disabled())
		return NULL;
	for (;;) {
		struct page *p;

		if (fatal_signal_pending(current) && !(gfp & __GFP_NOFAIL))	/* dying */
			return oom_mark_exiting_current() ?
			       get_page_from_zones(gfp, order, WMARK_MIN) : NULL;
		if (try_to_free_pages(gfp, order))
			no_progress = 0;
		else
			no_progress++;
		p = get_page_from_zones(gfp, order, WMARK_MIN);
		if (p)
			return p;
		if (no_progress < MAX_RECLAIM_RETRIES)
			continue;
		if (order > PAGE_ALLOC_COSTLY_ORDER || (gfp & (__GFP_NORETRY | __GFP_RETRY_MAYFAIL)))
			return NULL;
		out_of_memory(gfp, (int)order);
		no_progress = 0;
		schedule_timeout_ns(1000000000ULL / HZ, false);
		p = get_page_from_zones(gfp, order, WMARK_MIN);
		if (p)
			return p;
	}
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *p;

	if (order >= MAX_ORDER)
		return NULL;
	/* Above the low watermark: no one needs waking (6.1's fast path). */
	p = get_page_from_zones(gfp, order, WMARK_LOW);
	if (!p) {
		wakeup_kswapd(gfp_zone(gfp));
		p = get_page_from_zones(gfp, order, WMARK_MIN);
	}
	if (!p)
		p = alloc_pages_slowpath(gfp, order);
	if (!p)
		return NULL;
	for (unsigned long i = 0; i < (1UL << order); i++) {
		p[i].flags = 0;
		p[i]._refcount = 0;
		p[i]._mapcount = 0;
		p[i].mapping = NULL;
		p[i].index = 0;
		p[i].private = 0;
		p[i].mlock_count = 0;
		p[i].io = 0;
	}
	p->_refcount = 1;
	p->order = (uint8_t)order;
	if (order)
		p->flags |= PG_head;
	if (gfp & __GFP_ZERO)
		memset(page_address(p), 0, PAGE_SIZE << order);
	return p;
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long flags;

	if (page->flags & (PG_reserved | PG_buddy))
		panic("freeing a %s page (pfn %#lx)", page->flags & PG_buddy ?
		      "free" : "reserved", page_to_pfn(page));
	if (page->flags & (PG_lru | PG_mlocked))
		lru_page_release(page);
	page->flags = 0;
	page->_refcount = 0;
	flags = local_irq_save();
	buddy_free(&zones[page->zone], page, order);
	local_irq_restore(flags);
}

void put_page(struct page *page)
{
	if (page->flags & PG_zero)
		return;
	if (page->_refcount <= 0)
		panic("put_page: refcount %d (pfn %#lx)", page->_refcount,
		      page_to_pfn(page));
	if (--page->_refcount == 0)
		__free_pages(page, page->order);
}

void *get_zeroed_page(gfp_t gfp)
{
	struct page *p = alloc_page(gfp | __GFP_ZERO);

	return p ? page_address(p) : NULL;
}

void free_page(void *addr)
{
	put_page(virt_to_page(addr));
}

unsigned long nr_free_pages(void)
{
	unsigned long n = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		n += zones[z].free_pages;
	return n;
}

unsigned long totalram_pages(void)
{
	unsigned long n = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		n += zones[z].managed_pages;
	return n;
}
