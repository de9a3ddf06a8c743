/*
 * tests/unit/test_oom_select.c - 6.1's OOM rules on synthetic tasks:
 * oom_badness's "never" cases (pid 1 and kernel threads, no mm, adj
 * -1000, MMF_OOM_SKIP, inside vfork) and its arithmetic; oom_choose(),
 * select_bad_process's decision: ties, the adj extremes, an earlier
 * victim not yet reaped (abort, no double kill) or reaped (skipped), an
 * oom origin; oom_score; and the values measured on Debian's 6.1 at
 * -m 128M (totalpages 20479).
 */
#include "tests/unit/unit.h"
#include "mm/oom.h"

#define NEVER LONG_MIN
#define TOTAL 20479UL	/* Debian's 6.1 at -m 128M, no swap: adj unit 20 pages */

/* An eligible process: @rss pages, @pt page-table pages, @adj. */
static struct oom_facts proc_facts(long rss, long pt, short adj)
{
	return (struct oom_facts){ .adj = adj, .rss = rss, .pgtables_bytes = pt * 4096 };
}

START_TEST(never_cases)
{
	struct oom_facts f = proc_facts(30000, 60, 1000);

	ck_assert_int_eq(oom_never_reason(&f), OOM_ELIGIBLE);
	f.unkillable = true;		/* pid 1 or a kernel thread, however big */
	ck_assert(oom_badness_of(&f, TOTAL) == NEVER);
	ck_assert_int_eq(oom_never_reason(&f), OOM_NEVER_UNKILLABLE);
	f = proc_facts(30000, 60, 0);
	f.no_mm = true;
	ck_assert_int_eq(oom_never_reason(&f), OOM_NEVER_NO_MM);
	f = proc_facts(30000, 60, -1000);
	ck_assert(oom_badness_of(&f, TOTAL) == NEVER);
	ck_assert_int_eq(oom_never_reason(&f), OOM_NEVER_ADJ_MIN);
	f = proc_facts(30000, 60, 0);
	f.mm_skip = true;		/* already reaped */
	ck_assert_int_eq(oom_never_reason(&f), OOM_NEVER_REAPED);
	ck_assert(oom_badness_of(&f, TOTAL) == NEVER);
	f = proc_facts(30000, 60, 0);
	f.in_vfork = true;		/* its parent's mm: the parent is the one to kill */
	ck_assert_int_eq(oom_never_reason(&f), OOM_NEVER_VFORK);
	ck_assert(oom_badness_of(&f, TOTAL) == NEVER);
	ck_assert_uint_eq(oom_score_from_badness(NEVER, TOTAL), 0);
}
END_TEST

START_TEST(badness_arithmetic)
{
	struct oom_facts f = proc_facts(1000, 3, 0);

	f.swapents = 200;
	ck_assert_int_eq(oom_badness_of(&f, TOTAL), 1203);	/* rss + swap + page tables */
	f.pgtables_bytes = 3 * 4096 + 4095;			/* bytes / PAGE_SIZE, truncated */
	ck_assert_int_eq(oom_badness_of(&f, TOTAL), 1203);
	f.adj = 1;	/* unit = totalpages / 1000 first: 20, not 20.479 */
	ck_assert_int_eq(oom_badness_of(&f, TOTAL), 1223);
	f.adj = -999;	/* negative points are points */
	ck_assert_int_eq(oom_badness_of(&f, TOTAL), 1203 - 999 * 20);
	ck_assert_int_eq(oom_badness_points(10, 0, 0, 500, 999), 10);	/* unit 0 */
}
END_TEST

START_TEST(adj_extremes)
{
	struct oom_facts big = proc_facts(18000, 40, 0), tiny = proc_facts(400, 8, 1000);
	struct oom_facts immune = proc_facts(25000, 50, -1000), low = proc_facts(18000, 40, -999);
	struct oom_candidate c[] = { { oom_badness_of(&immune, TOTAL) },
				     { oom_badness_of(&big, TOTAL) },
				     { oom_badness_of(&tiny, TOTAL) } };
	struct oom_candidate d[] = { { oom_badness_of(&immune, TOTAL) },
				     { oom_badness_of(&low, TOTAL) } };

	ck_assert_int_eq(oom_choose(c, 3), 2);	/* +1000 first, though it holds 400 pages */
	ck_assert_int_eq(oom_choose(c, 2), 1);	/* -1000 never, though the biggest */
	ck_assert_int_eq(oom_choose(d, 2), 1);	/* -999 is still a candidate */
	ck_assert_int_eq(oom_choose(d, 1), -1);	/* only -1000 left: nobody */
}
END_TEST

/* Debian's 6.1 in QEMU at -m 128M: the three holders' oom_score from their badness. */
START_TEST(measured_oom_scores)
{
	ck_assert_uint_eq(oom_score_from_badness(13818, TOTAL), 1116);	/* C, +500 */
	ck_assert_uint_eq(oom_score_from_badness(-4661, TOTAL), 515);	/* B, -500 */
	ck_assert_uint_eq(oom_score_from_badness(3063, TOTAL), 766);	/* A, 0 */
	ck_assert_uint_eq(oom_score_from_badness(13791, TOTAL), 1115);	/* another run */
	ck_assert_uint_eq(oom_score_from_badness(-4689, TOTAL), 514);
	/* signed long, C truncation toward zero: */
	ck_assert_uint_eq(oom_score_from_badness(-1, TOTAL), 666);
	ck_assert_uint_eq(oom_score_from_badness(0, TOTAL), 666);
	ck_assert_uint_eq(oom_score_from_badness(21, TOTAL), 667);	/* 1001 * 2 / 3 */
}
END_TEST

START_TEST(highest_wins)
{
	struct oom_candidate c[] = { { 100 }, { 300 }, { 200 } };

	ck_assert_int_eq(oom_choose(c, 3), 1);
}
END_TEST

START_TEST(ties_go_to_the_later)
{
	struct oom_candidate c[] = { { 300 }, { 100 }, { 300 } };

	ck_assert_int_eq(oom_choose(c, 3), 2);
}
END_TEST

START_TEST(never_and_negative)
{
	struct oom_candidate none[] = { { NEVER }, { NEVER } };
	struct oom_candidate neg[] = { { NEVER }, { -4661 }, { -9000 } };

	ck_assert_int_eq(oom_choose(none, 2), -1);
	ck_assert_int_eq(oom_choose(neg, 3), 1);	/* negative points still count */
	ck_assert_int_eq(oom_choose(neg, 0), -1);
}
END_TEST

START_TEST(golden_scenario)
{
	/* Linux 6.1 at -m 128M: A 0, B -500, C +500 (totalpages 20479, unit 20). */
	/* A measured 3063 in all (rss + page tables); split 3046 + 17 here. */
	struct oom_facts fa = proc_facts(3046, 17, 0), fb = proc_facts(5319, 20, -500);
	struct oom_facts fc = proc_facts(3801, 17, 500);
	long a = oom_badness_of(&fa, TOTAL), b = oom_badness_of(&fb, TOTAL);
	long cc = oom_badness_of(&fc, TOTAL);
	struct oom_candidate c[] = { { a }, { b }, { cc } };

	ck_assert_int_eq(cc, 13818);
	ck_assert_int_eq(b, -4661);
	ck_assert_int_eq(a, 3063);
	ck_assert_int_eq(oom_choose(c, 3), 2);
	/* B holds the most, yet the adj term (-500 * 20) leaves it last. */
	ck_assert_int_gt(fb.rss, fc.rss);
	ck_assert_int_lt(b, a);
}
END_TEST

START_TEST(tie_with_a_pending_victim_later)
{
	/* The walk aborts at the unreaped victim even after choosing someone. */
	struct oom_candidate c[] = { { 500 }, { 900 }, { 0, true } };
	struct oom_candidate reaped[] = { { 500 }, { 900 }, { 0, false, true }, { 900 } };

	ck_assert_int_eq(oom_choose(c, 3), OOM_CHOOSE_ABORT);
	ck_assert_int_eq(oom_choose(reaped, 4), 3);	/* a reaped one is skipped; tie to the later */
}
END_TEST

START_TEST(unreaped_victim_aborts)
{
	struct oom_candidate c[] = { { 900 }, { 0, true }, { 100 } };

	ck_assert_int_eq(oom_choose(c, 3), OOM_CHOOSE_ABORT);
}
END_TEST

START_TEST(reaped_victim_skipped)
{
	struct oom_candidate c[] = { { 900, false, true }, { 100 }, { 50 } };

	ck_assert_int_eq(oom_choose(c, 3), 1);
}
END_TEST

START_TEST(origin_first)
{
	struct oom_candidate c[] = { { 100, false, false, true }, { 99999 } };

	ck_assert_int_eq(oom_choose(c, 2), 0);	/* LONG_MAX: nothing beats it */
}
END_TEST

Suite *oom_select_suite(void)
{
	Suite *s = suite_create("oom_select");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, highest_wins);
	tcase_add_test(tc, ties_go_to_the_later);
	tcase_add_test(tc, never_and_negative);
	tcase_add_test(tc, golden_scenario);
	tcase_add_test(tc, never_cases);
	tcase_add_test(tc, badness_arithmetic);
	tcase_add_test(tc, adj_extremes);
	tcase_add_test(tc, measured_oom_scores);
	tcase_add_test(tc, tie_with_a_pending_victim_later);
	tcase_add_test(tc, unreaped_victim_aborts);
	tcase_add_test(tc, reaped_victim_skipped);
	tcase_add_test(tc, origin_first);
	suite_add_tcase(s, tc);
	return s;
}
