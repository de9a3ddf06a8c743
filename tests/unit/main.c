/*
 * tests/unit/main.c - runs every host unit-test suite (see unit.h).
 * Exit status 0 iff every check passed.  CK_FORK (Check's default, or
 * whatever CK_FORK in the environment says) isolates each test in a child.
 */
#include <stdlib.h>
#include "tests/unit/unit.h"

int main(void)
{
	SRunner *sr = srunner_create(buddy_suite());
	int failed;

	srunner_add_suite(sr, log_ring_suite());
	srunner_add_suite(sr, vsprintf_suite());
	srunner_add_suite(sr, string_suite());
	srunner_add_suite(sr, cpio_suite());
	srunner_add_suite(sr, elf_suite());
	srunner_add_suite(sr, cred_suite());
	srunner_add_suite(sr, futex_suite());
	srunner_add_suite(sr, vm_suite());
	srunner_add_suite(sr, vm_knobs_suite());
	srunner_add_suite(sr, signal_rules_suite());
	srunner_add_suite(sr, gfp_swap_suite());
	srunner_add_suite(sr, oom_select_suite());

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
