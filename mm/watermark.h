/*
 * mm/watermark.h - zone watermarks and reserves (Linux 6.1:
 * mm/page_alloc.c init_per_zone_wmark_min, __setup_per_zone_wmarks,
 * setup_per_zone_lowmem_reserve, calculate_totalreserve_pages).
 *
 * zone->watermark[WMARK_MIN/LOW/HIGH] in pages: min is the zone's share
 * (by managed pages) of min_free_kbytes; low and high each add
 * max(min / 4, managed * watermark_scale_factor / 10000).  The
 * allocator (and kswapd, with swap) compare free pages against them.
 * totalreserve_pages = sum over zones of (largest lowmem_reserve + high),
 * capped at the zone's size: what MemAvailable keeps out.
 */
#ifndef MM_WATERMARK_H
#define MM_WATERMARK_H

#include "mm/page.h"

extern unsigned long totalreserve_pages;

/* Boot: min_free_kbytes = clamp(int_sqrt(lowmem kB * 16), 128, 262144), then the rest. */
void init_per_zone_wmark_min(void);
/* Recompute every zone's watermarks from min_free_kbytes and watermark_scale_factor. */
void setup_per_zone_wmarks(void);
/* Recompute lowmem_reserve[] from the ratios 256, 256, 32 (DMA, DMA32, Normal). */
void setup_per_zone_lowmem_reserve(void);

static inline unsigned long zone_watermark(const struct zone *z, int which)
{
	return z->watermark[which];
}
static inline unsigned long min_wmark_pages(const struct zone *z) { return z->watermark[WMARK_MIN]; }
static inline unsigned long low_wmark_pages(const struct zone *z) { return z->watermark[WMARK_LOW]; }
static inline unsigned long high_wmark_pages(const struct zone *z) { return z->watermark[WMARK_HIGH]; }

/* Pure helpers, exposed for the host unit tests. */
unsigned long int_sqrt(unsigned long x);
unsigned long mult_frac(unsigned long x, unsigned long n, unsigned long d);

#endif
