/*
 * Unit tests of the pure parts of the virtual-memory code: the commit
 * limit and the overcommit decision (mm/overcommit.c) and the VMA merge
 * rules (mm/vma_merge.c).  Expected values are Linux 6.1's: CommitLimit
 * 40956 kB for MemTotal 81916 kB at ratio 50, as Debian's kernel shows at
 * -m 128M, and its mm/util.c and mm/mmap.c decisions.
 */
#include <check.h>
#include "mm/overcommit.h"
#include "mm/mm_sysctl.h"
#include "mm/mm.h"
#include "unit.h"

static struct overcommit_params qemu128(int mode)
{
	return (struct overcommit_params){
		.mode = mode, .ratio = 50, .kbytes = 0,
		.admin_reserve_kbytes = 2090, .user_reserve_kbytes = 2090,
		.totalram = 81916 / 4, .total_swap = 0,
	};
}

START_TEST(commit_limit_ratio_and_kbytes)
{
	struct overcommit_params p = qemu128(OVERCOMMIT_NEVER);

	ck_assert_uint_eq(commit_limit(&p) * 4, 40956);
	p.total_swap = 1000;
	ck_assert_uint_eq(commit_limit(&p), 20479 * 50 / 100 + 1000);
	p.kbytes = 4096;			/* overcommit_kbytes wins over the ratio */
	ck_assert_uint_eq(commit_limit(&p), 1024 + 1000);
	p.kbytes = 0;
	p.ratio = 100;
	ck_assert_uint_eq(commit_limit(&p), 20479 + 1000);
	p.ratio = 0;
	ck_assert_uint_eq(commit_limit(&p), 1000);
}
END_TEST

START_TEST(guess_refuses_only_the_impossible)
{
	struct overcommit_params p = qemu128(OVERCOMMIT_GUESS);

	ck_assert(overcommit_allows(&p, 1000000, 20479, false, true, 0));	/* all RAM: yes */
	ck_assert(!overcommit_allows(&p, 0, 20480, true, true, 0));		/* one page more: no */
	p.total_swap = 100;
	ck_assert(overcommit_allows(&p, 0, 20579, true, true, 0));		/* swap counts */
}
END_TEST

START_TEST(always_says_yes)
{
	struct overcommit_params p = qemu128(OVERCOMMIT_ALWAYS);

	ck_assert(overcommit_allows(&p, 1L << 40, 1L << 40, false, true, 1UL << 30));
}
END_TEST

START_TEST(never_keeps_the_reserves)
{
	struct overcommit_params p = qemu128(OVERCOMMIT_NEVER);
	long limit = 10239, admin = 2090 / 4, user = 2090 / 4;

	/* root (CAP_SYS_ADMIN), no mm: the whole limit, strictly below it */
	ck_assert(overcommit_allows(&p, limit - 1, 1, true, false, 0));
	ck_assert(!overcommit_allows(&p, limit, 1, true, false, 0));
	/* without CAP_SYS_ADMIN the admin reserve is kept back */
	ck_assert(overcommit_allows(&p, limit - admin - 1, 1, false, false, 0));
	ck_assert(!overcommit_allows(&p, limit - admin, 1, false, false, 0));
	/* a big mm leaves room for the user: min(total_vm / 32, user reserve) */
	ck_assert(!overcommit_allows(&p, limit - 10, 1, true, true, 32 * 10));
	ck_assert(overcommit_allows(&p, limit - 11, 1, true, true, 32 * 10));
	ck_assert(!overcommit_allows(&p, limit - user, 1, true, true, 1UL << 30));
	/* a negative counter reads as 0 (percpu_counter_read_positive) */
	ck_assert(overcommit_allows(&p, -5, 1, true, false, 0));
}
END_TEST

static struct vma mk(unsigned long start, unsigned long end, unsigned long flags,
		     unsigned long pgoff, unsigned long anon, bool forked)
{
	struct vma v = { .start = start, .end = end, .flags = flags, .pgoff = pgoff,
			 .anon_vma = anon, .anon_vma_forked = forked };
	return v;
}

#define RW (VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_ACCOUNT)

START_TEST(merge_needs_same_flags_and_contiguous_offsets)
{
	struct vma prev = mk(0x10000, 0x12000, RW, 0x10, 0, false);

	ck_assert(can_vma_merge_after(&prev, RW, 0, NULL, 0x12));
	ck_assert(!can_vma_merge_after(&prev, RW, 0, NULL, 0x13));	/* offsets apart */
	ck_assert(!can_vma_merge_after(&prev, RW & ~VM_ACCOUNT, 0, NULL, 0x12));
	ck_assert(!can_vma_merge_after(&prev, RW, 0, (const struct inode *)&prev, 0x12));
	ck_assert(can_vma_merge_before(&prev, RW, 0, NULL, 0x10));
	ck_assert(!can_vma_merge_before(&prev, RW, 0, NULL, 0x11));
}
END_TEST

START_TEST(merge_anon_vma_rules)
{
	struct vma none = mk(0x10000, 0x11000, RW, 0x10, 0, false);
	struct vma own = mk(0x10000, 0x11000, RW, 0x10, 7, false);
	struct vma forked = mk(0x10000, 0x11000, RW, 0x10, 8, true);

	ck_assert(is_mergeable_anon_vma(0, 0, &none));		/* neither has one */
	ck_assert(is_mergeable_anon_vma(0, 7, &own));		/* new range joins a singular chain */
	ck_assert(!is_mergeable_anon_vma(7, 0, &none));		/* pages do not join an empty chain */
	ck_assert(is_mergeable_anon_vma(7, 7, &own));
	ck_assert(!is_mergeable_anon_vma(7, 9, &own));
	ck_assert(!is_mergeable_anon_vma(0, 8, &forked));	/* inherited at fork */
	ck_assert(is_mergeable_anon_vma(7, 0, NULL));		/* prev+next check */
}
END_TEST

START_TEST(anon_vma_sharing_ignores_access_bits)
{
	struct vma a = mk(0x10000, 0x11000, RW, 0x10, 0, false);
	struct vma b = mk(0x11000, 0x12000, (RW & ~VM_WRITE), 0x11, 0, false);

	ck_assert(anon_vma_compatible(&a, &b));
	b.flags &= ~VM_ACCOUNT;
	ck_assert(!anon_vma_compatible(&a, &b));
	b.flags |= VM_ACCOUNT;
	b.start = 0x12000;
	ck_assert(!anon_vma_compatible(&a, &b));
}
END_TEST

Suite *vm_suite(void)
{
	Suite *s = suite_create("vm");
	TCase *tc = tcase_create("overcommit");

	tcase_add_test(tc, commit_limit_ratio_and_kbytes);
	tcase_add_test(tc, guess_refuses_only_the_impossible);
	tcase_add_test(tc, always_says_yes);
	tcase_add_test(tc, never_keeps_the_reserves);
	suite_add_tcase(s, tc);
	tc = tcase_create("vma_merge");
	tcase_add_test(tc, merge_needs_same_flags_and_contiguous_offsets);
	tcase_add_test(tc, merge_anon_vma_rules);
	tcase_add_test(tc, anon_vma_sharing_ignores_access_bits);
	suite_add_tcase(s, tc);
	return s;
}
