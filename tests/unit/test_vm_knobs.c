/*
 * Unit tests of the /proc/sys/vm and OOM-score arithmetic: kernel/sysctl.c
 * (6.1's proc_dointvec family and the vm handlers), mm/watermark.c
 * (min_free_kbytes, watermarks, reserves, MemAvailable) and mm/oom.h
 * (the badness arithmetic and the oom_score / oom_adj scalings).  Expected values are
 * Linux 6.1's (the badness figures were measured in QEMU, see
 * shared/LINUX-FACTS.md; the parse rules were checked with tests/t_proc.c
 * on a Linux host).
 */
#include <check.h>
#include <string.h>
#include "kernel/sysctl.h"
#include "kernel/errno.h"
#include "mm/oom.h"
#include "mm/page.h"
#include "mm/vm_sysctl.h"
#include "mm/watermark.h"
#include "mm/overcommit.h"
#include "unit.h"

/* Fakes for what mm/vm_sysctl.c reads from the rest of the kernel. */
/* sysctl_overcommit_memory: mm/vm_sysctl.c defines it. */
int sysctl_panic_on_oom, sysctl_oom_kill_allocating_task, sysctl_oom_dump_tasks = 1;
/* fs/drop_caches.c's handler without its side effects (counters, log). */
int drop_caches_sysctl_handler(const struct ctl_table *t, bool write, char *buf, size_t *lenp,
			       long *ppos)
{
	return proc_dointvec_minmax(t, write, buf, lenp, ppos);
}
long total_swap_pages;
static unsigned long fake_ram = 20479, fake_free = 15000;
unsigned long totalram_pages(void) { return fake_ram; }

/* The kernel's vm_commit_limit (mm/util.c) on the fake machine, no swap. */
unsigned long vm_commit_limit(void)
{
	struct overcommit_params p = { .ratio = sysctl_overcommit_ratio,
		.kbytes = sysctl_overcommit_kbytes, .totalram = fake_ram, .total_swap = 0 };

	return commit_limit(&p);
}
unsigned long nr_free_pages(void) { return fake_free; }

/* ---- sysctl parsing ---- */

static int knob;
static unsigned long uknob;
static const int lo = 0, hi = 2;
static const struct ctl_table int_knob = { "k", &knob, 0644, proc_dointvec, NULL, NULL };
static const struct ctl_table range_knob = { "r", &knob, 0644, proc_dointvec_minmax, &lo, &hi };
static const struct ctl_table ulong_knob = { "u", &uknob, 0644, proc_doulongvec_minmax, NULL, NULL };

/* Write @text at @pos; returns the handler's result, *used the bytes taken. */
static int wr(const struct ctl_table *t, const char *text, long pos, size_t *used)
{
	char b[128];
	size_t len = strlen(text);
	long ppos = pos;
	int err;

	memcpy(b, text, len + 1);
	err = t->proc_handler(t, true, b, &len, &ppos);
	if (used)
		*used = len;
	return err;
}

START_TEST(int_accepts)
{
	size_t used;

	ck_assert_int_eq(wr(&int_knob, "42", 0, &used), 0);
	ck_assert_int_eq(knob, 42);
	ck_assert_uint_eq(used, 2);
	ck_assert_int_eq(wr(&int_knob, "  \t-7 \n", 0, &used), 0);
	ck_assert_int_eq(knob, -7);
	ck_assert_uint_eq(used, 7);
	ck_assert_int_eq(wr(&int_knob, "0x1f", 0, NULL), 0);
	ck_assert_int_eq(knob, 31);
	ck_assert_int_eq(wr(&int_knob, "010", 0, NULL), 0);
	ck_assert_int_eq(knob, 8);
	ck_assert_int_eq(wr(&int_knob, "-2147483648", 0, NULL), 0);
	ck_assert_int_eq(knob, INT_MIN);
	/* One value only: "5 6" takes "5 " and leaves the rest unused. */
	ck_assert_int_eq(wr(&int_knob, "5 6", 0, &used), 0);
	ck_assert_int_eq(knob, 5);
	ck_assert_uint_eq(used, 2);
}
END_TEST

START_TEST(int_refuses)
{
	static const char *const bad[] = { "", "   ", "abc", "7x", "+5", "-", "1.5", "5\r",
					   "2147483648", "-2147483649", "99999999999999999999999",
					   "0x" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		knob = 123;
		if (!bad[i][0])
			continue;	/* an empty write is no call at all (0 bytes) */
		ck_assert_msg(wr(&int_knob, bad[i], 0, NULL) == -EINVAL, "\"%s\" accepted", bad[i]);
		ck_assert_int_eq(knob, 123);
	}
}
END_TEST

START_TEST(int_range_and_position)
{
	char b[8];
	size_t len = sizeof(b);
	long pos = 0;

	knob = 1;
	ck_assert_int_eq(wr(&range_knob, "3", 0, NULL), -EINVAL);
	ck_assert_int_eq(wr(&range_knob, "-1", 0, NULL), -EINVAL);
	ck_assert_int_eq(knob, 1);
	ck_assert_int_eq(wr(&range_knob, "2", 0, NULL), 0);
	ck_assert_int_eq(knob, 2);
	/* Past position 0 a write is ignored but succeeds (sysctl_writes_strict). */
	ck_assert_int_eq(wr(&range_knob, "0", 5, NULL), 0);
	ck_assert_int_eq(knob, 2);
	ck_assert_int_eq(range_knob.proc_handler(&range_knob, false, b, &len, &pos), 0);
	ck_assert_uint_eq(len, 2);
	ck_assert(!memcmp(b, "2\n", 2) && pos == 2);
	len = sizeof(b);
	ck_assert_int_eq(range_knob.proc_handler(&range_knob, false, b, &len, &pos), 0);
	ck_assert_uint_eq(len, 0);	/* read past 0: the end */
}
END_TEST

START_TEST(ulong_rules)
{
	ck_assert_int_eq(wr(&ulong_knob, "18446744073709551615", 0, NULL), 0);
	ck_assert(uknob == ULONG_MAX);
	ck_assert_int_eq(wr(&ulong_knob, "-1", 0, NULL), -EINVAL);
	ck_assert_int_eq(wr(&ulong_knob, "18446744073709551616", 0, NULL), -EINVAL);
	ck_assert(uknob == ULONG_MAX);
}
END_TEST

/* The knob named @name in vm_table, or NULL. */
static const struct ctl_table *vm_knob(const char *name)
{
	for (const struct ctl_table *t = vm_table; t->procname; t++)
		if (!strcmp(t->procname, name))
			return t;
	return NULL;
}

START_TEST(ratio_and_kbytes_exclude)
{
	const struct ctl_table *kbytes = vm_knob("overcommit_kbytes");
	const struct ctl_table *ratio = vm_knob("overcommit_ratio");
	const struct ctl_table *memory = vm_knob("overcommit_memory");

	sysctl_overcommit_ratio = 50;
	sysctl_overcommit_kbytes = 0;
	ck_assert_int_eq(wr(kbytes, "4096", 0, NULL), 0);	/* overcommit_kbytes */
	ck_assert(sysctl_overcommit_kbytes == 4096 && sysctl_overcommit_ratio == 0);
	ck_assert_int_eq(vm_commit_limit(), 1024);
	ck_assert_int_eq(wr(ratio, "abc", 0, NULL), -EINVAL);	/* nothing changes */
	ck_assert(sysctl_overcommit_kbytes == 4096);
	ck_assert_int_eq(wr(ratio, "60", 0, NULL), 0);	/* overcommit_ratio */
	ck_assert(sysctl_overcommit_kbytes == 0 && sysctl_overcommit_ratio == 60);
	ck_assert_int_eq(vm_commit_limit(), 20479 * 60 / 100);
	ck_assert_int_eq(wr(memory, "3", 0, NULL), -EINVAL);	/* overcommit_memory */
}
END_TEST

/* getdents lists /proc/sys/vm by name, as 6.1's rbtree of entries does. */
START_TEST(vm_table_sorted)
{
	for (const struct ctl_table *t = vm_table; t[0].procname && t[1].procname; t++)
		ck_assert_msg(strcmp(t[0].procname, t[1].procname) < 0, "%s before %s",
			      t[0].procname, t[1].procname);
	ck_assert_int_eq(vm_knob("drop_caches")->mode, 0200);
	ck_assert_int_eq(wr(vm_knob("drop_caches"), "0", 0, NULL), -EINVAL);
	ck_assert_int_eq(wr(vm_knob("drop_caches"), "5", 0, NULL), -EINVAL);
	ck_assert_int_eq(wr(vm_knob("max_map_count"), "-1", 0, NULL), -EINVAL);
	ck_assert_int_eq(*(int *)vm_knob("max_map_count")->data, 65530);
}
END_TEST

/* ---- watermarks ---- */

static void two_zones(void)
{
	memset(zones, 0, sizeof(zones));
	zones[ZONE_DMA].managed_pages = 3268;
	zones[ZONE_DMA32].managed_pages = 28639;
}

START_TEST(min_free_kbytes_rule)
{
	ck_assert_uint_eq(int_sqrt(0), 0);
	ck_assert_uint_eq(int_sqrt(15), 3);
	ck_assert_uint_eq(int_sqrt(16), 4);
	ck_assert_uint_eq(int_sqrt(1984000), 1408);
	ck_assert_int_eq(min_free_kbytes_for(124000), 1408);
	ck_assert_int_eq(min_free_kbytes_for(100), 128);		/* clamped up */
	ck_assert_int_eq(min_free_kbytes_for(1UL << 40), 262144);	/* clamped down */
}
END_TEST

START_TEST(watermarks_and_reserves)
{
	two_zones();
	min_free_kbytes = 1416;
	watermark_scale_factor = 10;
	setup_per_zone_wmarks();
	ck_assert_uint_eq(zones[ZONE_DMA].watermark[WMARK_MIN], 36);
	ck_assert_uint_eq(zones[ZONE_DMA].watermark[WMARK_LOW], 45);
	ck_assert_uint_eq(zones[ZONE_DMA].watermark[WMARK_HIGH], 54);
	ck_assert_uint_eq(zones[ZONE_DMA32].watermark[WMARK_MIN], 317);
	ck_assert_uint_eq(zones[ZONE_DMA32].watermark[WMARK_LOW], 396);
	ck_assert_uint_eq(zones[ZONE_DMA32].watermark[WMARK_HIGH], 475);
	ck_assert_uint_eq(low_wmark_sum(), 441);
	/* A large scale factor: the gap is managed * factor / 10000. */
	watermark_scale_factor = 1000;
	setup_per_zone_wmarks();
	ck_assert_uint_eq(zones[ZONE_DMA32].watermark[WMARK_LOW], 317 + 2863);
	watermark_scale_factor = 10;
}
END_TEST

START_TEST(boot_computation)
{
	two_zones();
	user_min_free_kbytes = -1;
	init_per_zone_wmark_min();
	ck_assert_int_eq(min_free_kbytes, 1429);	/* int_sqrt(31907 * 4 * 16) */
	ck_assert_uint_eq(zones[ZONE_DMA].lowmem_reserve[ZONE_DMA32], 28639 / 256);
	ck_assert_uint_eq(zones[ZONE_DMA].lowmem_reserve[ZONE_NORMAL], 28639 / 256);
	ck_assert_uint_eq(zones[ZONE_DMA32].lowmem_reserve[ZONE_NORMAL], 0);
	ck_assert_uint_eq(totalreserve_pages, 28639 / 256 + zones[ZONE_DMA].watermark[WMARK_HIGH] +
			  zones[ZONE_DMA32].watermark[WMARK_HIGH]);
}
END_TEST

START_TEST(mem_available_arithmetic)
{
	ck_assert_int_eq(mem_available(1000, 100, 50, 0, 0), 900);
	ck_assert_int_eq(mem_available(1000, 100, 50, 400, 0), 900 + 350);	/* keeps min(200, 50) */
	ck_assert_int_eq(mem_available(1000, 100, 500, 400, 0), 900 + 200);	/* keeps half */
	ck_assert_int_eq(mem_available(1000, 100, 50, 0, 30), 900 + 15);
	ck_assert_int_eq(mem_available(10, 100, 50, 0, 0), 0);			/* never negative */
	two_zones();
	zones[ZONE_DMA].free_pages = 3000;
	zones[ZONE_DMA32].free_pages = 27000;
	init_per_zone_wmark_min();
	ck_assert_int_eq(si_mem_available(), 30000 - (long)totalreserve_pages);
}
END_TEST

/* ---- the oom_badness arithmetic (mm/oom.h) ---- */

START_TEST(badness_measured)
{
	/* Linux 6.1 in QEMU at -m 128M: totalpages 20479, so adj counts in units of 20 pages. */
	long b = oom_badness_points(3801, 0, 17 * PAGE_SIZE, 500, 20479);

	ck_assert_int_eq(b, 13818);
	ck_assert_uint_eq(oom_score_from_badness(b, 20479), 1116);
	b = oom_badness_points(5319, 0, 20 * PAGE_SIZE, -500, 20479);
	ck_assert_int_eq(b, -4661);
	ck_assert_uint_eq(oom_score_from_badness(b, 20479), 515);	/* C truncation toward 0 */
	ck_assert_uint_eq(oom_score_from_badness(oom_badness_points(100, 0, 5 * PAGE_SIZE, 0, 20479),
						 20479), 670);
	ck_assert_uint_eq(oom_score_from_badness(LONG_MIN, 20479), 0);	/* never chosen */
}
END_TEST

START_TEST(badness_counts_everything)
{
	/* 1999 / 1000 = 1: the unit is whole pages, division first; page tables in whole pages. */
	ck_assert_int_eq(oom_badness_points(30, 40, 4 * PAGE_SIZE - 1, 1000, 1999), 30 + 40 + 3 + 1000);
	ck_assert_int_eq(oom_badness_points(30, 40, 3 * PAGE_SIZE, 1000, 999), 73);	/* unit 0 */
}
END_TEST

START_TEST(oom_adj_scaling)
{
	ck_assert_int_eq(oom_adj_to_score_adj(15), 1000);
	ck_assert_int_eq(oom_adj_to_score_adj(-17), -1000);
	ck_assert_int_eq(oom_adj_to_score_adj(-16), -941);
	ck_assert_int_eq(oom_adj_to_score_adj(8), 470);
	ck_assert_int_eq(oom_score_adj_to_adj(500), 8);
	ck_assert_int_eq(oom_score_adj_to_adj(1000), 15);
	ck_assert_int_eq(oom_score_adj_to_adj(999), 15);	/* 16 capped */
	ck_assert_int_eq(oom_score_adj_to_adj(-1000), -17);
	ck_assert_int_eq(oom_score_adj_to_adj(-941), -15);
}
END_TEST

Suite *vm_knobs_suite(void)
{
	Suite *s = suite_create("vm_knobs");
	TCase *sysctl = tcase_create("sysctl"), *wm = tcase_create("watermark");
	TCase *oom = tcase_create("oom_badness");

	tcase_add_test(sysctl, int_accepts);
	tcase_add_test(sysctl, int_refuses);
	tcase_add_test(sysctl, int_range_and_position);
	tcase_add_test(sysctl, ulong_rules);
	tcase_add_test(sysctl, ratio_and_kbytes_exclude);
	tcase_add_test(sysctl, vm_table_sorted);
	tcase_add_test(wm, min_free_kbytes_rule);
	tcase_add_test(wm, watermarks_and_reserves);
	tcase_add_test(wm, boot_computation);
	tcase_add_test(wm, mem_available_arithmetic);
	tcase_add_test(oom, badness_measured);
	tcase_add_test(oom, badness_counts_everything);
	tcase_add_test(oom, oom_adj_scaling);
	suite_add_tcase(s, sysctl);
	suite_add_tcase(s, wm);
	suite_add_tcase(s, oom);
	return s;
}
