/*
 * tests/unit/test_oom_select.c - oom_choose(), select_bad_process's
 * decision on synthetic task tables: ties, the adj extremes as badness
 * produces them, never-chosen entries, an earlier victim not yet reaped
 * (abort, no double kill) or reaped (skipped), an oom origin.
 */
#include "tests/unit/unit.h"
#include "mm/oom.h"

#define NEVER LONG_MIN

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
	long a = oom_badness_points(2000, 0, 8 * 4096, 0, 20479);
	long b = oom_badness_points(5319, 0, 20 * 4096, -500, 20479);
	long cc = oom_badness_points(3801, 0, 17 * 4096, 500, 20479);
	struct oom_candidate c[] = { { a }, { b }, { cc } };

	ck_assert_int_eq(cc, 13818);
	ck_assert_int_eq(b, -4661);
	ck_assert_int_eq(oom_choose(c, 3), 2);
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
	tcase_add_test(tc, unreaped_victim_aborts);
	tcase_add_test(tc, reaped_victim_skipped);
	tcase_add_test(tc, origin_first);
	suite_add_tcase(s, tc);
	return s;
}
