/*
 * tests/unit/test_buddy.c - mm/buddy.c, the binary buddy allocator.
 *
 * mem_map and zones[] normally live in mm/page_alloc.c, which is not built
 * for the host, so they are defined here.  Each test gets a fresh fake
 * mem_map of NPAGES frames, all PG_reserved (as after memblock: a frame is
 * reserved until someone gives it to the buddy allocator).
 */
#include <stdio.h>
#include <stdlib.h>
#include "tests/unit/unit.h"
#include "mm/page.h"

struct page *mem_map;
struct zone zones[MAX_NR_ZONES];
unsigned long max_pfn;

#define NPAGES 4096UL

/* head_order[pfn] = order + 1 if pfn heads a free block, else 0 */
static unsigned char *snap_a, *snap_b;

static void setup(void)
{
	mem_map = calloc(NPAGES, sizeof(*mem_map));
	ck_assert_ptr_nonnull(mem_map);
	for (unsigned long i = 0; i < NPAGES; i++) {
		mem_map[i].flags = PG_reserved;
		mem_map[i]._refcount = 1;
		INIT_LIST_HEAD(&mem_map[i].lru);
	}
	max_pfn = NPAGES;
	memset(zones, 0, sizeof(zones));
	snap_a = calloc(NPAGES, 1);
	snap_b = calloc(NPAGES, 1);
	ck_assert_ptr_nonnull(snap_a);
	ck_assert_ptr_nonnull(snap_b);
}

static void teardown(void)
{
	free(mem_map);
	free(snap_a);
	free(snap_b);
	mem_map = NULL;
}

static unsigned long zone_end(const struct zone *z)
{
	return z->zone_start_pfn + z->spanned_pages;
}

static unsigned long list_len(struct list_head *head)
{
	unsigned long n = 0;
	struct list_head *pos;

	list_for_each(pos, head) {
		n++;
		UNIT_REQUIRE(n <= NPAGES, "free list does not come back to its head");
	}
	return n;
}

static unsigned long sum_free(const struct zone *z)
{
	unsigned long sum = 0;

	for (int o = 0; o < MAX_ORDER; o++)
		sum += z->free_area[o].nr_free << o;
	return sum;
}

static void assert_counts(const struct zone *z)
{
	ck_assert_msg(z->free_pages == sum_free(z),
		      "zone %s: free_pages %lu != sum(nr_free << order) %lu",
		      z->name, z->free_pages, sum_free(z));
}

/*
 * Full consistency check of one zone's free lists:
 *  - nr_free equals the list length, free_pages equals sum(nr_free<<order);
 *  - every listed block is PG_buddy with the right order, 2^order aligned,
 *    inside the zone span, made of frames that belong to this zone and are
 *    not reserved (no hole inside), and overlaps no other free block and no
 *    allocated block (@allocated: one byte per pfn, may be NULL);
 *  - merging is maximal: no free block has its buddy (inside the zone)
 *    free at the same order.
 * @covered is scratch space (NPAGES bytes) shared by all zones checked in
 * one pass, so overlaps between zones are caught too.
 */
static void check_zone(struct zone *z, const unsigned char *allocated,
		       unsigned char *covered)
{
	unsigned int zi = (unsigned int)(z - zones);

	assert_counts(z);
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		struct list_head *head = &z->free_area[o].free_list;
		struct page *p;

		ck_assert_msg(list_len(head) == z->free_area[o].nr_free,
			      "zone %s order %u: list has %lu blocks, nr_free %lu",
			      z->name, o, list_len(head), z->free_area[o].nr_free);
		list_for_each_entry(p, head, lru) {
			unsigned long pfn = page_to_pfn(p);
			unsigned long bpfn = pfn ^ (1UL << o);

			ck_assert_uint_lt(pfn, NPAGES);
			ck_assert_msg(p->flags & PG_buddy,
				      "free block %lu lacks PG_buddy", pfn);
			ck_assert_uint_eq(p->order, o);
			ck_assert_msg((pfn & ((1UL << o) - 1)) == 0,
				      "free block %lu order %u misaligned", pfn, o);
			ck_assert_msg(pfn >= z->zone_start_pfn &&
				      pfn + (1UL << o) <= zone_end(z),
				      "free block %lu order %u outside zone %s [%lu,%lu)",
				      pfn, o, z->name, z->zone_start_pfn, zone_end(z));
			for (unsigned long i = pfn; i < pfn + (1UL << o); i++) {
				UNIT_REQUIRE(!(mem_map[i].flags & PG_reserved),
					     "free block %lu order %u covers reserved frame %lu",
					     pfn, o, i);
				UNIT_REQUIRE(mem_map[i].zone == zi,
					     "frame %lu in zone %u's free block has zone %u",
					     i, zi, mem_map[i].zone);
				UNIT_REQUIRE(!covered[i],
					     "frame %lu is in two free blocks", i);
				UNIT_REQUIRE(!allocated || !allocated[i],
					     "frame %lu is free and allocated", i);
				covered[i] = 1;
				if (i != pfn)
					UNIT_REQUIRE(!(mem_map[i].flags & PG_buddy),
						     "tail frame %lu marked PG_buddy", i);
			}
			if (o < MAX_ORDER - 1 && bpfn >= z->zone_start_pfn &&
			    bpfn < zone_end(z)) {
				struct page *b = pfn_to_page(bpfn);
				ck_assert_msg(!((b->flags & PG_buddy) && b->order == o),
					      "buddies %lu and %lu both free at order %u",
					      pfn, bpfn, o);
			}
		}
	}
}

static void check_zones(struct zone *zs[], int n, const unsigned char *allocated)
{
	unsigned char *covered = calloc(NPAGES, 1);

	ck_assert_ptr_nonnull(covered);
	for (int i = 0; i < n; i++)
		check_zone(zs[i], allocated, covered);
	free(covered);
}

static void check_one(struct zone *z)
{
	struct zone *zs[] = { z };

	check_zones(zs, 1, NULL);
}

/* Record which frames head free blocks (and of what order). */
static void snapshot(const struct zone *z, unsigned char *snap)
{
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		struct page *p;

		list_for_each_entry(p, &z->free_area[o].free_list, lru)
			snap[page_to_pfn(p)] = (unsigned char)(o + 1);
	}
}

static bool is_free_head(unsigned long pfn, unsigned int order)
{
	struct page *p = pfn_to_page(pfn);
	return (p->flags & PG_buddy) && p->order == order;
}

static void assert_nr_free(const struct zone *z, const unsigned long want[MAX_ORDER])
{
	for (int o = 0; o < MAX_ORDER; o++)
		ck_assert_msg(z->free_area[o].nr_free == want[o],
			      "zone %s order %d: nr_free %lu, want %lu",
			      z->name, o, z->free_area[o].nr_free, want[o]);
}

/* ---------------------------------------------------------------- */

START_TEST(test_zone_init)
{
	struct zone *z = &zones[ZONE_NORMAL];

	z->present_pages = z->managed_pages = z->free_pages = 77;
	for (int o = 0; o < MAX_ORDER; o++)
		z->free_area[o].nr_free = 5;
	zone_init(z, "Normal", 256, 1280);
	ck_assert_str_eq(z->name, "Normal");
	ck_assert_uint_eq(z->zone_start_pfn, 256);
	ck_assert_uint_eq(z->spanned_pages, 1024);
	ck_assert_uint_eq(z->present_pages, 0);
	ck_assert_uint_eq(z->managed_pages, 0);
	ck_assert_uint_eq(z->free_pages, 0);
	for (int o = 0; o < MAX_ORDER; o++) {
		ck_assert(list_empty(&z->free_area[o].free_list));
		ck_assert_uint_eq(z->free_area[o].nr_free, 0);
	}

	zone_init(&zones[ZONE_DMA], "DMA", 100, 50);	/* empty: end < start */
	ck_assert_uint_eq(zones[ZONE_DMA].spanned_pages, 0);
	zone_init(&zones[ZONE_DMA], "DMA", 100, 100);
	ck_assert_uint_eq(zones[ZONE_DMA].spanned_pages, 0);
	ck_assert_ptr_null(buddy_alloc(&zones[ZONE_DMA], 0));
}
END_TEST

/* [3, 2053): every block is the largest aligned one that fits. */
START_TEST(test_free_range_unaligned)
{
	struct zone *z = &zones[ZONE_DMA32];
	static const struct { unsigned long pfn; unsigned int order; } want[] = {
		{ 3, 0 }, { 4, 2 }, { 8, 3 }, { 16, 4 }, { 32, 5 }, { 64, 6 },
		{ 128, 7 }, { 256, 8 }, { 512, 9 }, { 1024, 10 }, { 2048, 2 },
		{ 2052, 0 },
	};
	static const unsigned long nr[MAX_ORDER] = { 2, 0, 2, 1, 1, 1, 1, 1, 1, 1, 1 };

	zone_init(z, "DMA32", 0, NPAGES);
	buddy_free_range(z, 3, 2053);
	ck_assert_uint_eq(z->managed_pages, 2050);
	ck_assert_uint_eq(z->free_pages, 2050);
	assert_nr_free(z, nr);
	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		ck_assert_msg(is_free_head(want[i].pfn, want[i].order),
			      "want a free block at %lu order %u",
			      want[i].pfn, want[i].order);
	check_one(z);
	for (unsigned long pfn = 3; pfn < 2053; pfn++) {
		ck_assert_uint_eq(mem_map[pfn].zone, ZONE_DMA32);
		ck_assert_int_eq(mem_map[pfn]._refcount, 0);
		ck_assert(!(mem_map[pfn].flags & PG_reserved));
	}
	/* frames outside the range are untouched */
	for (unsigned long pfn = 0; pfn < NPAGES; pfn++) {
		if (pfn >= 3 && pfn < 2053)
			continue;
		ck_assert_uint_eq(mem_map[pfn].flags, PG_reserved);
		ck_assert_int_eq(mem_map[pfn]._refcount, 1);
	}
}
END_TEST

/* Two ranges given separately coalesce into the blocks one range gives. */
START_TEST(test_free_range_pieces_coalesce)
{
	struct zone *z = &zones[ZONE_NORMAL];
	static const unsigned long nr[MAX_ORDER] = { [10] = 2 };

	zone_init(z, "Normal", 0, NPAGES);
	buddy_free_range(z, 1024, 1537);
	buddy_free_range(z, 1537, 2048);
	buddy_free_range(z, 0, 1);
	buddy_free_range(z, 1, 1024);
	ck_assert_uint_eq(z->managed_pages, 2048);
	ck_assert_uint_eq(z->free_pages, 2048);
	assert_nr_free(z, nr);
	ck_assert(is_free_head(0, 10));
	ck_assert(is_free_head(1024, 10));
	check_one(z);

	buddy_free_range(z, 2048, 2048);	/* empty range: no change */
	ck_assert_uint_eq(z->managed_pages, 2048);
	ck_assert_uint_eq(z->free_pages, 2048);
}
END_TEST

static void alloc_aligned_in(unsigned long start, unsigned long end)
{
	struct zone *z = &zones[ZONE_NORMAL];

	zone_init(z, "Normal", 0, NPAGES);
	buddy_free_range(z, start, end);
	for (unsigned int k = 0; k < MAX_ORDER; k++) {
		unsigned long before = z->free_pages;
		struct page *p = buddy_alloc(z, k);
		unsigned long pfn;

		ck_assert_msg(p != NULL, "order %u allocation failed", k);
		pfn = page_to_pfn(p);
		ck_assert_msg((pfn & ((1UL << k) - 1)) == 0,
			      "order %u block at pfn %lu is not aligned", k, pfn);
		ck_assert_msg(pfn >= start && pfn + (1UL << k) <= end,
			      "order %u block at pfn %lu outside [%lu,%lu)",
			      k, pfn, start, end);
		ck_assert_uint_eq(p->order, k);
		ck_assert(!(p->flags & PG_buddy));
		ck_assert_uint_eq(z->free_pages, before - (1UL << k));
		check_one(z);
	}
}

START_TEST(test_alloc_aligned)
{
	alloc_aligned_in(0, NPAGES);
}
END_TEST

START_TEST(test_alloc_aligned_unaligned_zone)
{
	alloc_aligned_in(5, NPAGES - 3);
}
END_TEST

START_TEST(test_split_counts)
{
	struct zone *z = &zones[ZONE_NORMAL];
	unsigned long nr[MAX_ORDER] = { 0 };
	struct page *p;

	zone_init(z, "Normal", 0, 1024);
	buddy_free_range(z, 0, 1024);
	nr[10] = 1;
	assert_nr_free(z, nr);

	/* one order-0 page out of an order-10 block: one block of 0..9 left */
	p = buddy_alloc(z, 0);
	ck_assert_ptr_eq(p, pfn_to_page(0));
	for (int o = 0; o < 10; o++) {
		nr[o] = 1;
		ck_assert_msg(is_free_head(1UL << o, o),
			      "want the upper half at %lu free at order %d", 1UL << o, o);
	}
	nr[10] = 0;
	assert_nr_free(z, nr);
	ck_assert_uint_eq(z->free_pages, 1023);
	check_one(z);

	/* an order-3 block exists: taken without splitting */
	p = buddy_alloc(z, 3);
	ck_assert_ptr_eq(p, pfn_to_page(8));
	nr[3] = 0;
	assert_nr_free(z, nr);
	ck_assert_uint_eq(z->free_pages, 1015);

	/* order 3 again: splits the order-4 block at 16 */
	p = buddy_alloc(z, 3);
	ck_assert_ptr_eq(p, pfn_to_page(16));
	nr[3] = 1;
	nr[4] = 0;
	assert_nr_free(z, nr);
	ck_assert(is_free_head(24, 3));
	ck_assert_uint_eq(z->free_pages, 1007);
	check_one(z);

	/* order 9: the order-9 block at 512 */
	p = buddy_alloc(z, 9);
	ck_assert_ptr_eq(p, pfn_to_page(512));
	nr[9] = 0;
	assert_nr_free(z, nr);
	ck_assert_uint_eq(z->free_pages, 495);
	check_one(z);
}
END_TEST

START_TEST(test_free_merges_back)
{
	struct zone *z = &zones[ZONE_NORMAL];
	static const unsigned int orders[] = { 0, 3, 0, 1, 10, 5, 2, 0, 9, 4, 0, 7, 1, 6, 8 };
	struct page *got[ARRAY_SIZE(orders)];
	unsigned long nr_before[MAX_ORDER];
	struct unit_rng rng;
	size_t n = ARRAY_SIZE(orders);
	size_t idx[ARRAY_SIZE(orders)];

	zone_init(z, "Normal", 0, NPAGES);
	buddy_free_range(z, 7, 3001);
	snapshot(z, snap_a);
	for (int o = 0; o < MAX_ORDER; o++)
		nr_before[o] = z->free_area[o].nr_free;

	for (int round = 0; round < 3; round++) {
		unsigned long free_before = z->free_pages;

		for (size_t i = 0; i < n; i++) {
			got[i] = buddy_alloc(z, orders[i]);
			ck_assert_msg(got[i] != NULL, "alloc %zu (order %u) failed",
				      i, orders[i]);
			idx[i] = i;
		}
		check_one(z);
		/* free in forward, reverse, then shuffled order */
		if (round == 1) {
			for (size_t i = 0; i < n / 2; i++) {
				size_t t = idx[i];
				idx[i] = idx[n - 1 - i];
				idx[n - 1 - i] = t;
			}
		} else if (round == 2) {
			unit_rng_seed(&rng, 42);
			for (size_t i = n - 1; i > 0; i--) {
				size_t j = unit_rng_below(&rng, i + 1), t = idx[i];
				idx[i] = idx[j];
				idx[j] = t;
			}
		}
		for (size_t i = 0; i < n; i++)
			buddy_free(z, got[idx[i]], orders[idx[i]]);
		ck_assert_uint_eq(z->free_pages, free_before);
		memset(snap_b, 0, NPAGES);
		snapshot(z, snap_b);
		ck_assert_msg(memcmp(snap_a, snap_b, NPAGES) == 0,
			      "round %d: free blocks differ from before", round);
		assert_nr_free(z, nr_before);
		check_one(z);
	}
}
END_TEST

/*
 * 10000 random allocations and frees over two adjacent zones with holes;
 * the zone boundary (pfn 1000) is not aligned to any large order.
 */
START_TEST(test_random_ops)
{
	struct zone *z0 = &zones[ZONE_DMA32], *z1 = &zones[ZONE_NORMAL];
	struct zone *zs[] = { z0, z1 };
	struct blk { unsigned long pfn; unsigned int order; int zone; } *live;
	unsigned char *allocated = calloc(NPAGES, 1);
	unsigned long in_use[2] = { 0, 0 };
	size_t nlive = 0, nallocs = 0, nfails = 0, nfrees = 0;
	struct unit_rng rng;

	live = calloc(NPAGES, sizeof(*live));
	ck_assert_ptr_nonnull(allocated);
	ck_assert_ptr_nonnull(live);
	zone_init(z0, "DMA32", 0, 1000);
	zone_init(z1, "Normal", 1000, NPAGES);
	buddy_free_range(z0, 5, 1000);			/* hole [0,5) */
	buddy_free_range(z1, 1000, 2000);
	buddy_free_range(z1, 2100, 4000);		/* holes [2000,2100), [4000,4096) */
	ck_assert_uint_eq(z0->managed_pages, 995);
	ck_assert_uint_eq(z1->managed_pages, 2900);
	check_zones(zs, 2, allocated);
	snapshot(z0, snap_a);
	snapshot(z1, snap_a);

	unit_rng_seed(&rng, 20240601);
	for (int op = 0; op < 10000; op++) {
		bool do_alloc = nlive == 0 || unit_rng_below(&rng, 100) < 55;

		if (do_alloc) {
			int zi = unit_rng_below(&rng, 4) == 0 ? 0 : 1;
			struct zone *z = zs[zi];
			unsigned int k = 0;
			struct page *p;

			while (k < MAX_ORDER + 1 && unit_rng_below(&rng, 100) < 45)
				k++;
			p = buddy_alloc(z, k);
			if (!p) {
				nfails++;
				for (unsigned int o = k; o < MAX_ORDER; o++)
					ck_assert_msg(z->free_area[o].nr_free == 0,
						      "op %d: order %u failed with an order-%u block free",
						      op, k, o);
			} else {
				unsigned long pfn = page_to_pfn(p);

				nallocs++;
				ck_assert_msg(k < MAX_ORDER, "op %d: order %u succeeded", op, k);
				ck_assert_msg((pfn & ((1UL << k) - 1)) == 0,
					      "op %d: pfn %lu order %u misaligned", op, pfn, k);
				ck_assert_msg(pfn >= z->zone_start_pfn &&
					      pfn + (1UL << k) <= zone_end(z),
					      "op %d: pfn %lu order %u outside zone %s",
					      op, pfn, k, z->name);
				ck_assert_uint_eq(p->order, k);
				for (unsigned long i = pfn; i < pfn + (1UL << k); i++) {
					UNIT_REQUIRE(!allocated[i],
						     "op %d: frame %lu handed out twice", op, i);
					UNIT_REQUIRE(!(mem_map[i].flags & (PG_reserved | PG_buddy)),
						     "op %d: frame %lu flags %#x in a new block",
						     op, i, mem_map[i].flags);
					allocated[i] = 1;
				}
				live[nlive++] = (struct blk){ pfn, k, zi };
				in_use[zi] += 1UL << k;
			}
		} else {
			size_t j = unit_rng_below(&rng, nlive);
			struct blk b = live[j];

			live[j] = live[--nlive];
			for (unsigned long i = b.pfn; i < b.pfn + (1UL << b.order); i++)
				allocated[i] = 0;
			in_use[b.zone] -= 1UL << b.order;
			buddy_free(zs[b.zone], pfn_to_page(b.pfn), b.order);
			nfrees++;
		}
		for (int zi = 0; zi < 2; zi++) {
			assert_counts(zs[zi]);
			ck_assert_msg(zs[zi]->free_pages + in_use[zi] == zs[zi]->managed_pages,
				      "op %d zone %s: free %lu + in use %lu != managed %lu",
				      op, zs[zi]->name, zs[zi]->free_pages, in_use[zi],
				      zs[zi]->managed_pages);
		}
		if (op % 97 == 0)
			check_zones(zs, 2, allocated);
	}
	check_zones(zs, 2, allocated);
	/* the run must have exercised both paths, including failures */
	ck_assert_uint_gt(nallocs, 1000);
	ck_assert_uint_gt(nfrees, 1000);
	ck_assert_uint_gt(nfails, 0);

	while (nlive) {
		struct blk b = live[--nlive];
		for (unsigned long i = b.pfn; i < b.pfn + (1UL << b.order); i++)
			allocated[i] = 0;
		buddy_free(zs[b.zone], pfn_to_page(b.pfn), b.order);
	}
	check_zones(zs, 2, allocated);
	ck_assert_uint_eq(z0->free_pages, 995);
	ck_assert_uint_eq(z1->free_pages, 2900);
	snapshot(z0, snap_b);
	snapshot(z1, snap_b);
	ck_assert_msg(memcmp(snap_a, snap_b, NPAGES) == 0,
		      "after freeing everything the free blocks differ from the start");
	free(live);
	free(allocated);
}
END_TEST

START_TEST(test_alloc_failure)
{
	struct zone *z = &zones[ZONE_NORMAL];
	struct page *pages[16];

	/* nothing given to the zone yet */
	zone_init(z, "Normal", 0, NPAGES);
	for (unsigned int k = 0; k < MAX_ORDER; k++)
		ck_assert_ptr_null(buddy_alloc(z, k));
	ck_assert_uint_eq(z->free_pages, 0);

	/* order too large, even with plenty free */
	buddy_free_range(z, 0, NPAGES);
	ck_assert_ptr_null(buddy_alloc(z, MAX_ORDER));
	ck_assert_ptr_null(buddy_alloc(z, MAX_ORDER + 1));
	ck_assert_ptr_null(buddy_alloc(z, 255));
	ck_assert_uint_eq(z->free_pages, NPAGES);
	check_one(z);

	/* only small blocks: a larger order fails, the state is unchanged */
	zone_init(z, "Normal", 0, NPAGES);
	buddy_free_range(z, 0, 16);
	ck_assert_ptr_null(buddy_alloc(z, 5));
	ck_assert_ptr_null(buddy_alloc(z, 10));
	ck_assert_uint_eq(z->free_pages, 16);
	ck_assert_uint_eq(z->free_area[4].nr_free, 1);

	/* exhaust it page by page */
	for (int i = 0; i < 16; i++) {
		pages[i] = buddy_alloc(z, 0);
		ck_assert_ptr_nonnull(pages[i]);
	}
	ck_assert_uint_eq(z->free_pages, 0);
	ck_assert_ptr_null(buddy_alloc(z, 0));
	ck_assert_ptr_null(buddy_alloc(z, 1));
	check_one(z);
	for (int i = 0; i < 16; i++)
		buddy_free(z, pages[i], 0);
	ck_assert_uint_eq(z->free_pages, 16);
	ck_assert(is_free_head(0, 4));
	check_one(z);
}
END_TEST

/*
 * zone 0 = [0,1536), zone 1 = [1536,4096): the order-9 blocks at 1024
 * (zone 0) and 1536 (zone 1) are buddies by pfn but must never merge.
 */
START_TEST(test_zone_boundary)
{
	struct zone *z0 = &zones[ZONE_DMA32], *z1 = &zones[ZONE_NORMAL];
	struct zone *zs[] = { z0, z1 };
	static const unsigned long nr0[MAX_ORDER] = { [9] = 1, [10] = 1 };
	static const unsigned long nr1[MAX_ORDER] = { [9] = 1, [10] = 2 };
	struct page *a, *b;

	zone_init(z0, "DMA32", 0, 1536);
	zone_init(z1, "Normal", 1536, NPAGES);
	if (_i == 0) {
		buddy_free_range(z0, 0, 1536);
		buddy_free_range(z1, 1536, NPAGES);
	} else {
		buddy_free_range(z1, 1536, NPAGES);
		buddy_free_range(z0, 0, 1536);
	}
	assert_nr_free(z0, nr0);
	assert_nr_free(z1, nr1);
	ck_assert(is_free_head(1024, 9));
	ck_assert(is_free_head(1536, 9));
	ck_assert_uint_eq(mem_map[1535].zone, ZONE_DMA32);
	ck_assert_uint_eq(mem_map[1536].zone, ZONE_NORMAL);
	check_zones(zs, 2, NULL);

	/* take both halves out and put them back in both orders */
	a = buddy_alloc(z0, 9);
	b = buddy_alloc(z1, 9);
	ck_assert_ptr_eq(a, pfn_to_page(1024));
	ck_assert_ptr_eq(b, pfn_to_page(1536));
	if (_i == 0) {
		buddy_free(z0, a, 9);
		buddy_free(z1, b, 9);
	} else {
		buddy_free(z1, b, 9);
		buddy_free(z0, a, 9);
	}
	assert_nr_free(z0, nr0);
	assert_nr_free(z1, nr1);
	ck_assert_uint_eq(z0->free_pages, 1536);
	ck_assert_uint_eq(z1->free_pages, NPAGES - 1536);
	check_zones(zs, 2, NULL);
}
END_TEST

/* A boundary at an odd pfn: [0,1001) and [1001,2048). */
START_TEST(test_zone_boundary_odd)
{
	struct zone *z0 = &zones[ZONE_DMA32], *z1 = &zones[ZONE_NORMAL];
	struct zone *zs[] = { z0, z1 };
	struct page *p[2048];
	int n = 0;

	zone_init(z0, "DMA32", 0, 1001);
	zone_init(z1, "Normal", 1001, 2048);
	buddy_free_range(z1, 1001, 2048);
	buddy_free_range(z0, 0, 1001);
	ck_assert(is_free_head(1000, 0));	/* zone 0's last frame */
	ck_assert(is_free_head(1001, 0));	/* zone 1's first frame */
	check_zones(zs, 2, NULL);

	/* drain both zones page by page, then free everything again */
	for (int zi = 0; zi < 2; zi++) {
		struct page *q;
		while ((q = buddy_alloc(zs[zi], 0)) != NULL)
			p[n++] = q;
	}
	ck_assert_int_eq(n, 2048);
	for (int i = n - 1; i >= 0; i--)
		buddy_free(page_to_pfn(p[i]) < 1001 ? z0 : z1, p[i], 0);
	ck_assert_uint_eq(z0->free_pages, 1001);
	ck_assert_uint_eq(z1->free_pages, 1047);
	ck_assert(is_free_head(1000, 0));
	ck_assert(is_free_head(1001, 0));
	check_zones(zs, 2, NULL);
}
END_TEST

/* Reserved frames inside a zone (holes) are never merged over. */
START_TEST(test_hole_not_merged)
{
	struct zone *z = &zones[ZONE_NORMAL];
	static const unsigned long nr[MAX_ORDER] = {
		[3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1, [8] = 1, [9] = 1, [10] = 1,
	};
	struct page *got[2048];
	int n = 0;
	struct unit_rng rng;

	zone_init(z, "Normal", 0, 2048);
	buddy_free_range(z, 0, 512);
	buddy_free_range(z, 520, 2048);		/* hole [512, 520) */
	ck_assert_uint_eq(z->managed_pages, 2040);
	assert_nr_free(z, nr);
	ck_assert(is_free_head(0, 9));
	ck_assert(is_free_head(520, 3));
	ck_assert(is_free_head(1024, 10));
	check_one(z);

	/* take it all in random orders, give it back in random order */
	unit_rng_seed(&rng, 7);
	for (;;) {
		unsigned int k = (unsigned int)unit_rng_below(&rng, 4);
		struct page *q = buddy_alloc(z, k);

		if (!q && !(q = buddy_alloc(z, 0)))
			break;
		got[n++] = q;
	}
	ck_assert_uint_eq(z->free_pages, 0);
	for (int i = n - 1; i > 0; i--) {
		int j = (int)unit_rng_below(&rng, i + 1);
		struct page *t = got[i];
		got[i] = got[j];
		got[j] = t;
	}
	for (int i = 0; i < n; i++)
		buddy_free(z, got[i], got[i]->order);
	ck_assert_uint_eq(z->free_pages, 2040);
	assert_nr_free(z, nr);
	check_one(z);
	for (unsigned long pfn = 512; pfn < 520; pfn++)
		ck_assert_uint_eq(mem_map[pfn].flags, PG_reserved);
}
END_TEST

/* A one-frame hole at pfn 1: frame 0 can never merge with anything. */
START_TEST(test_single_frame_hole)
{
	struct zone *z = &zones[ZONE_NORMAL];
	static const unsigned long nr[MAX_ORDER] = {
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	};
	struct page *p;

	zone_init(z, "Normal", 0, 1024);
	buddy_free_range(z, 2, 1024);
	buddy_free_range(z, 0, 1);
	assert_nr_free(z, nr);
	ck_assert(is_free_head(0, 0));
	ck_assert(is_free_head(2, 1));
	ck_assert(is_free_head(512, 9));
	check_one(z);

	p = buddy_alloc(z, 0);
	ck_assert_ptr_eq(p, pfn_to_page(0));
	buddy_free(z, p, 0);
	assert_nr_free(z, nr);
	check_one(z);
	ck_assert_uint_eq(mem_map[1].flags, PG_reserved);
}
END_TEST

Suite *buddy_suite(void)
{
	Suite *s = suite_create("buddy");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_zone_init);
	tcase_add_test(tc, test_free_range_unaligned);
	tcase_add_test(tc, test_free_range_pieces_coalesce);
	tcase_add_test(tc, test_alloc_aligned);
	tcase_add_test(tc, test_alloc_aligned_unaligned_zone);
	tcase_add_test(tc, test_split_counts);
	tcase_add_test(tc, test_free_merges_back);
	tcase_add_test(tc, test_random_ops);
	tcase_add_test(tc, test_alloc_failure);
	tcase_add_loop_test(tc, test_zone_boundary, 0, 2);
	tcase_add_test(tc, test_zone_boundary_odd);
	tcase_add_test(tc, test_hole_not_merged);
	tcase_add_test(tc, test_single_frame_hole);
	suite_add_tcase(s, tc);
	return s;
}
