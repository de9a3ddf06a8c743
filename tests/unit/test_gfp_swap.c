/*
 * tests/unit/test_gfp_swap.c - mm/debug.c's GFP names (what the OOM
 * report's gfp_mask=... shows, checked against 6.1's output), the swap
 * entry encoding in mm/swap.h and the readahead window of
 * mm/swap_readahead.c (6.1's __swapin_nr_pages).
 */
#include "tests/unit/unit.h"
#include "mm/gfp.h"
#include "mm/swap.h"

static const char *name(gfp_t gfp)
{
	static char buf[256];

	gfp_flags_name(gfp, buf, sizeof(buf));
	return buf;
}

START_TEST(anon_fault_mask)
{
	/* 6.1's anonymous fault, as Debian's kernel prints it. */
	ck_assert_uint_eq(GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_ZERO, 0x140dca);
	ck_assert_str_eq(name(0x140dca), "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO");
}
END_TEST

START_TEST(composites_first)
{
	ck_assert_str_eq(name(GFP_KERNEL), "GFP_KERNEL");
	ck_assert_str_eq(name(GFP_KERNEL | __GFP_ZERO), "GFP_KERNEL|__GFP_ZERO");
	ck_assert_str_eq(name(GFP_KERNEL_ACCOUNT), "GFP_KERNEL_ACCOUNT");
	ck_assert_str_eq(name(GFP_ATOMIC), "GFP_ATOMIC");
	ck_assert_str_eq(name(GFP_NOWAIT), "GFP_NOWAIT");
	ck_assert_str_eq(name(GFP_HIGHUSER), "GFP_HIGHUSER");
	ck_assert_str_eq(name(GFP_USER | __GFP_NOWARN), "GFP_USER|__GFP_NOWARN");
}
END_TEST

START_TEST(leftover_bits_in_hex)
{
	ck_assert_str_eq(name(0), "none");
	ck_assert_str_eq(name(0x10000000), "0x10000000");
	ck_assert_str_eq(name(__GFP_ZERO | 0x10000000), "__GFP_ZERO|0x10000000");
}
END_TEST

START_TEST(swap_entries)
{
	uint64_t e = swp_entry(3, 12345);

	ck_assert_uint_eq(swp_type(e), 3);
	ck_assert_uint_eq(swp_offset(e), 12345);
	ck_assert(is_swap_pte(e));
	ck_assert(!(e & 1));			/* never present to the MMU */
	ck_assert(!(e & 0x100));		/* never mistaken for PROT_NONE */
	ck_assert(!is_swap_pte(0));		/* an empty PTE is not an entry */
	ck_assert(!is_swap_pte(0x1000 | 1));	/* a present page is not */
	ck_assert(!is_swap_pte(0x1000 | 0x100));	/* nor a PROT_NONE page */
	e = swp_entry(MAX_SWAPFILES - 1, SWP_OFFSET_MASK);
	ck_assert_uint_eq(swp_type(e), MAX_SWAPFILES - 1);
	ck_assert_uint_eq(swp_offset(e), SWP_OFFSET_MASK);
	ck_assert(!(e >> 63));			/* leaves NX (bit 63) clear */
}
END_TEST

START_TEST(readahead_window_without_hits)
{
	/* No readahead page was used: a fault next to the last one reads 2, others 1. */
	ck_assert_uint_eq(swapin_nr_pages(10, 11, 0, 8, 0), 2);
	ck_assert_uint_eq(swapin_nr_pages(10, 9, 0, 8, 0), 2);
	ck_assert_uint_eq(swapin_nr_pages(10, 50, 0, 8, 0), 1);
	/* ... but the window only halves: 8 last time, at least 4 now. */
	ck_assert_uint_eq(swapin_nr_pages(10, 50, 0, 8, 8), 4);
	ck_assert_uint_eq(swapin_nr_pages(10, 50, 0, 8, 1), 1);
}
END_TEST

START_TEST(readahead_window_grows_with_hits)
{
	/* hits + 2, rounded up to a power of two from 4, capped at 2^page-cluster. */
	ck_assert_uint_eq(swapin_nr_pages(0, 100, 1, 8, 0), 4);
	ck_assert_uint_eq(swapin_nr_pages(0, 100, 2, 8, 0), 4);
	ck_assert_uint_eq(swapin_nr_pages(0, 100, 3, 8, 0), 8);
	ck_assert_uint_eq(swapin_nr_pages(0, 100, 7, 8, 0), 8);
	ck_assert_uint_eq(swapin_nr_pages(0, 100, 7, 32, 0), 16);
	ck_assert_uint_eq(swapin_nr_pages(0, 100, 5, 2, 0), 2);	/* page-cluster 1 */
	/* 6.1 lets the halved previous window exceed the cap (page-cluster lowered). */
	ck_assert_uint_eq(swapin_nr_pages(0, 100, 0, 2, 16), 8);
}
END_TEST

Suite *gfp_swap_suite(void)
{
	Suite *s = suite_create("gfp_swap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, anon_fault_mask);
	tcase_add_test(tc, composites_first);
	tcase_add_test(tc, leftover_bits_in_hex);
	tcase_add_test(tc, swap_entries);
	tcase_add_test(tc, readahead_window_without_hits);
	tcase_add_test(tc, readahead_window_grows_with_hits);
	suite_add_tcase(s, tc);
	return s;
}
