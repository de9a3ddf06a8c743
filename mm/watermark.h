/*
 * mm/watermark.h - zone watermarks and lowmem reserves from
 * min_free_kbytes and watermark_scale_factor, and MemAvailable
 * (mm/watermark.c; Linux: mm/page_alloc.c).
 */
#ifndef MM_WATERMARK_H
#define MM_WATERMARK_H

#include "kernel/types.h"
#include "mm/page.h"

extern int min_free_kbytes;		/* vm.min_free_kbytes */
extern int user_min_free_kbytes;	/* what the admin wrote, -1 if never */
extern int watermark_scale_factor;	/* vm.watermark_scale_factor, 1..3000 */
extern unsigned long totalreserve_pages;	/* high watermarks + lowmem reserves */

unsigned long int_sqrt(unsigned long x);
/* 6.1's calculate_min_free_kbytes for @lowmem_kbytes of memory: sqrt(16 x), 128..262144. */
int min_free_kbytes_for(unsigned long lowmem_kbytes);
/* Boot: min_free_kbytes from the zones' managed pages, then the watermarks and reserves. */
void init_per_zone_wmark_min(void);
/* After min_free_kbytes or watermark_scale_factor changed. */
void setup_per_zone_wmarks(void);
void setup_per_zone_lowmem_reserve(void);
unsigned long mult_frac(unsigned long x, unsigned long n, unsigned long d);

static inline unsigned long zone_watermark(const struct zone *z, int which)
{
	return z->watermark[which];
}
static inline unsigned long min_wmark_pages(const struct zone *z) { return z->watermark[WMARK_MIN]; }
static inline unsigned long low_wmark_pages(const struct zone *z) { return z->watermark[WMARK_LOW]; }
static inline unsigned long high_wmark_pages(const struct zone *z) { return z->watermark[WMARK_HIGH]; }
/* Sum of the low watermarks (si_mem_available's wmark_low). */
unsigned long low_wmark_sum(void);
/*
 * 6.1's si_mem_available as arithmetic: free pages less the reserves,
 * plus the page cache and reclaimable kernel memory that could go, each
 * keeping min(half, wmark_low) back; never negative.
 */
long mem_available(unsigned long free, unsigned long totalreserve, unsigned long wmark_low,
		   unsigned long file_lru, unsigned long reclaimable);
/* MemAvailable in pages, from the zones as they are now. */
long si_mem_available(void);

#endif
