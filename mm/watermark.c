/*
 * mm/watermark.c - zone watermarks (min/low/high), lowmem_reserve and
 * totalreserve_pages, computed as Linux 6.1's init_per_zone_wmark_min,
 * __setup_per_zone_wmarks, setup_per_zone_lowmem_reserve and
 * calculate_totalreserve_pages; si_mem_available (Linux: mm/page_alloc.c).
 *
 * Owned here until page reclaim exists; the VM work may move these into
 * mm/page_alloc.c (keep the names: /proc/sys/vm and /proc/zoneinfo use
 * them).  Data: zones[].watermark[], zones[].lowmem_reserve[] and
 * totalreserve_pages, rewritten whole by each setup function.
 * Algorithm: min = min_free_kbytes spread over the zones by managed
 * pages; low and high each add max(min/4, managed * scale / 10000).
 * With no THP (6.1 turns it off below 512 MiB of RAM) khugepaged does
 * not raise min_free_kbytes, so int_sqrt(16 * lowmem kB) stands.
 * Synchronization: boot, or a sysctl write in process context; the
 * allocator only reads the values (one CPU, no preemption).
 * Pure: reads and writes zones[] only, so host unit tests run it.
 */
#include "mm/watermark.h"
#include "mm/page.h"

int min_free_kbytes = 1024;
int user_min_free_kbytes = -1;
int watermark_scale_factor = 10;
unsigned long totalreserve_pages;

/* sysctl_lowmem_reserve_ratio: DMA 256, DMA32 256, Normal 32. */
static const int lowmem_reserve_ratio[MAX_NR_ZONES] = { 256, 256, 32 };

unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << 62;

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

int min_free_kbytes_for(unsigned long lowmem_kbytes)
{
	unsigned long v = int_sqrt(lowmem_kbytes * 16);

	return (int)MIN(MAX(v, 128UL), 262144UL);
}

/* x * n / d without overflowing x * n (mult_frac). */
unsigned long mult_frac(unsigned long x, unsigned long n, unsigned long d)
{
	return (x / d) * n + (x % d) * n / d;
}

static void calculate_totalreserve_pages(void)
{
	unsigned long sum = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &zones[i];
		unsigned long max = 0;

		for (int j = i; j < MAX_NR_ZONES; j++)
			max = MAX(max, z->lowmem_reserve[j]);
		max += z->watermark[WMARK_HIGH];	/* the high watermark counts as reserved */
		sum += MIN(max, z->managed_pages);
	}
	totalreserve_pages = sum;
}

void setup_per_zone_lowmem_reserve(void)
{
	for (int i = 0; i < MAX_NR_ZONES - 1; i++) {
		struct zone *z = &zones[i];
		bool clear = !lowmem_reserve_ratio[i] || !z->managed_pages;
		unsigned long upper = 0;

		for (int j = i + 1; j < MAX_NR_ZONES; j++) {
			upper += zones[j].managed_pages;
			z->lowmem_reserve[j] = clear ? 0 : upper / (unsigned long)lowmem_reserve_ratio[i];
		}
	}
	calculate_totalreserve_pages();
}

void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		lowmem_pages += zones[i].managed_pages;	/* no highmem on x86-64 */
	for (int i = 0; i < MAX_NR_ZONES && lowmem_pages; i++) {
		struct zone *z = &zones[i];
		unsigned long min = pages_min * z->managed_pages / lowmem_pages;
		unsigned long gap = MAX(min >> 2, mult_frac(z->managed_pages,
				      (unsigned long)watermark_scale_factor, 10000));

		z->watermark[WMARK_MIN] = min;
		z->watermark[WMARK_LOW] = min + gap;
		z->watermark[WMARK_HIGH] = min + 2 * gap;
	}
	calculate_totalreserve_pages();
}

/* nr_free_buffer_pages at boot: managed pages above each zone's high mark. */
static unsigned long free_buffer_pages(void)
{
	unsigned long sum = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (zones[i].managed_pages > zones[i].watermark[WMARK_HIGH])
			sum += zones[i].managed_pages - zones[i].watermark[WMARK_HIGH];
	return sum;
}

void init_per_zone_wmark_min(void)
{
	int v = min_free_kbytes_for(free_buffer_pages() * (PAGE_SIZE >> 10));

	if (v > user_min_free_kbytes)
		min_free_kbytes = v;
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
}

unsigned long low_wmark_sum(void)
{
	unsigned long sum = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		sum += zones[i].watermark[WMARK_LOW];
	return sum;
}

long mem_available(unsigned long free, unsigned long totalreserve, unsigned long wmark_low,
		   unsigned long file_lru, unsigned long reclaimable)
{
	long available = (long)free - (long)totalreserve;

	available += (long)(file_lru - MIN(file_lru / 2, wmark_low));
	available += (long)(reclaimable - MIN(reclaimable / 2, wmark_low));
	return available < 0 ? 0 : available;
}

/*
 * No file-backed LRU pages (the root is tmpfs: its pages are shmem, on
 * the anon lists) and no reclaimable slab, so those two terms are 0.
 */
long si_mem_available(void)
{
	unsigned long free = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		free += zones[i].free_pages;
	return mem_available(free, totalreserve_pages, low_wmark_sum(), 0, 0);
}
