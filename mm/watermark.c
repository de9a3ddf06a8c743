/*
 * mm/watermark.c - zone watermarks and reserves, as Linux 6.1 computes
 * them (see mm/watermark.h).  Runs at boot after mem_init() and again
 * whenever /proc/sys/vm/min_free_kbytes or watermark_scale_factor is
 * written (the handler calls setup_per_zone_wmarks()).
 * Synchronization: interrupts off while the zones' fields change.
 */
#include "mm/watermark.h"
#include "mm/mm_sysctl.h"
#include "kernel/x86.h"

unsigned long totalreserve_pages;

static const int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = { 256, 256, 32 };

/* Linux's lib/math/int_sqrt.c result: floor(sqrt(x)), bit by bit. */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long b, m, y = 0;

	if (x <= 1)
		return x;
	m = 1UL << ((63 - __builtin_clzl(x)) & ~1UL);
	while (m != 0) {
		b = y + m;
		y >>= 1;
		if (x >= b) {
			x -= b;
			y += m;
		}
		m >>= 2;
	}
	return y;
}

/* x * n / d without overflowing x * n. */
unsigned long mult_frac(unsigned long x, unsigned long n, unsigned long d)
{
	return (x / d) * n + ((x % d) * n) / d;
}

/* Free pages the kernel may use for buffers: managed pages above the high watermark. */
static unsigned long nr_free_buffer_pages(void)
{
	unsigned long sum = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long size = zones[z].managed_pages, high = high_wmark_pages(&zones[z]);

		if (size > high)
			sum += size - high;
	}
	return sum;
}

static void calculate_totalreserve_pages(void)
{
	unsigned long reserve = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &zones[i];
		unsigned long max = 0;

		for (int j = i; j < MAX_NR_ZONES; j++)
			max = MAX(max, zone->lowmem_reserve[j]);
		max += high_wmark_pages(zone);
		reserve += MIN(max, zone->managed_pages);
	}
	totalreserve_pages = reserve;
}

void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0, flags;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		lowmem_pages += zones[z].managed_pages;	/* no highmem, no movable zone */
	flags = local_irq_save();
	for (int z = 0; z < MAX_NR_ZONES && lowmem_pages; z++) {
		struct zone *zone = &zones[z];
		unsigned long tmp = pages_min * zone->managed_pages / lowmem_pages;

		zone->watermark[WMARK_MIN] = tmp;
		tmp = MAX(tmp >> 2, mult_frac(zone->managed_pages,
					      (unsigned long)watermark_scale_factor, 10000));
		zone->watermark[WMARK_LOW] = zone->watermark[WMARK_MIN] + tmp;
		zone->watermark[WMARK_HIGH] = zone->watermark[WMARK_LOW] + tmp;
	}
	local_irq_restore(flags);
	calculate_totalreserve_pages();
}

void setup_per_zone_lowmem_reserve(void)
{
	for (int i = 0; i < MAX_NR_ZONES - 1; i++) {
		struct zone *zone = &zones[i];
		int ratio = sysctl_lowmem_reserve_ratio[i];
		bool clear = !ratio || !zone->managed_pages;
		unsigned long managed = 0;

		for (int j = i + 1; j < MAX_NR_ZONES; j++) {
			managed += zones[j].managed_pages;
			zone->lowmem_reserve[j] = clear ? 0 : managed / (unsigned long)ratio;
		}
	}
	calculate_totalreserve_pages();
}

void init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);
	long new_min = (long)int_sqrt(lowmem_kbytes * 16);

	min_free_kbytes = (int)MIN(MAX(new_min, 128L), 262144L);
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
}
