/*
 * mm/page.h - struct page, one for every physical frame, and the zones.
 *
 * mem_map[pfn] describes frame pfn.  A frame is in exactly one state:
 *   reserved  (PG_reserved: firmware, kernel image, holes; never freed)
 *   free      (PG_buddy on the head of a free block; order in @order)
 *   allocated (_refcount >= 1)
 * _mapcount counts the user PTEs that map the frame (0 = none); it is
 * what rmap and the RSS counters are checked against.
 */
#ifndef MM_PAGE_H
#define MM_PAGE_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "mm/memlayout.h"
#include "mm/gfp.h"
#include "kernel/param.h"
#include "mm/lru.h"

enum pageflags {
	PG_reserved	= 1u << 0,
	PG_buddy	= 1u << 1,	/* head of a free buddy block */
	PG_slab		= 1u << 2,	/* owned by kmalloc's size classes */
	PG_head		= 1u << 3,	/* first page of a higher-order allocation */
	PG_lru		= 1u << 4,	/* on an LRU list */
	PG_active	= 1u << 5,
	PG_anon		= 1u << 6,	/* anonymous memory */
	PG_swapbacked	= 1u << 7,	/* anon or shmem: only swap can free it */
	PG_unevictable	= 1u << 8,
	PG_mlocked	= 1u << 9,
	PG_dirty	= 1u << 10,
	PG_referenced	= 1u << 11,
	PG_swapcache	= 1u << 12,
	PG_zero		= 1u << 14,	/* the shared zero page */
	PG_pgtable	= 1u << 15,	/* a page-table page */
	PG_readahead	= 1u << 18,	/* read by swap readahead, not used yet */
};

/*
 * page->io: a swap transfer of the page (Linux's PG_locked for a read in
 * flight, PG_writeback, PG_error).  Set in process context before the
 * bio starts, cleared by its completion interrupt; nothing else writes
 * it.  Kept apart from @flags so that the interrupt's store can never
 * race with a read-modify-write of other flags in process context.
 */
enum {
	PAGE_IO_READ		= 1u << 0,	/* its read from a slot is in flight */
	PAGE_IO_WRITEBACK	= 1u << 1,	/* being written to its slot */
	PAGE_IO_ERROR		= 1u << 2,	/* its read failed */
};

enum zone_type { ZONE_DMA, ZONE_DMA32, ZONE_NORMAL, MAX_NR_ZONES };

struct page {
	uint32_t flags;
	int32_t _refcount;
	int32_t _mapcount;	/* user PTEs mapping this frame */
	uint8_t order;		/* buddy order when free, or of the allocation */
	uint8_t zone;		/* enum zone_type */
	volatile uint8_t io;	/* PAGE_IO_* (above) */
	union {
		uint16_t slab_inuse;	/* kmalloc: objects handed out */
		uint16_t mlock_count;	/* user pages: VM_LOCKED mappings (lossy, as Linux) */
	};
	struct list_head lru;	/* buddy free list, or LRU list */
	union {
		struct {		/* PG_slab */
			void *slab_freelist;
			uint32_t slab_size;	/* object size */
		};
		struct {		/* shmem / file pages */
			void *mapping;		/* owning inode */
			unsigned long index;	/* page offset in the file */
		};
	};
	unsigned long private;	/* swap entry for PG_swapcache */
};

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;		/* blocks of this order */
};

struct zone {
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* end - start, holes included */
	unsigned long present_pages;	/* RAM frames in the span */
	unsigned long managed_pages;	/* frames given to the buddy allocator */
	unsigned long free_pages;	/* NR_FREE_PAGES */
	unsigned long watermark[3];	/* WMARK_MIN, WMARK_LOW, WMARK_HIGH */
	unsigned long lowmem_reserve[MAX_NR_ZONES];	/* pages kept from lower-zone fallbacks */
	unsigned long vm_stat[NR_VM_ZONE_STAT_ITEMS];	/* mm/lru.h: LRU sizes, NR_MLOCK */
	struct free_area free_area[MAX_ORDER];
};

enum { WMARK_MIN, WMARK_LOW, WMARK_HIGH };

extern struct page *mem_map;
extern unsigned long max_pfn;
extern struct zone zones[MAX_NR_ZONES];

static inline unsigned long page_to_pfn(const struct page *p)
{
	return (unsigned long)(p - mem_map);
}
static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}
static inline phys_addr_t page_to_phys(const struct page *p)
{
	return (phys_addr_t)page_to_pfn(p) << PAGE_SHIFT;
}
static inline struct page *phys_to_page(phys_addr_t pa)
{
	return pfn_to_page(pa >> PAGE_SHIFT);
}
static inline void *page_address(const struct page *p)
{
	return phys_to_virt(page_to_phys(p));
}
static inline struct page *virt_to_page(const void *va)
{
	return phys_to_page(virt_to_phys(va));
}

static inline int page_count(const struct page *p) { return p->_refcount; }
static inline void get_page(struct page *p) { p->_refcount++; }
static inline int page_mapcount(const struct page *p) { return p->_mapcount; }

/* Buddy allocator on one zone (mm/buddy.c). Interrupts off on entry. */
void zone_init(struct zone *z, const char *name, unsigned long start_pfn,
	       unsigned long end_pfn);
struct page *buddy_alloc(struct zone *z, unsigned int order);
void buddy_free(struct zone *z, struct page *page, unsigned int order);
/* Give [start_pfn, end_pfn) to the zone as free memory. */
void buddy_free_range(struct zone *z, unsigned long start_pfn, unsigned long end_pfn);

/* The page allocator (mm/page_alloc.c). */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
static inline struct page *alloc_page(gfp_t gfp) { return alloc_pages(gfp, 0); }
void __free_pages(struct page *page, unsigned int order);
/* Drop a reference; the frame is freed when the last one goes. */
void put_page(struct page *page);
/* A zeroed kernel page, or NULL. */
void *get_zeroed_page(gfp_t gfp);
void free_page(void *addr);
unsigned long nr_free_pages(void);
unsigned long totalram_pages(void);
extern struct page *zero_page;	/* the shared zero page */

#endif
