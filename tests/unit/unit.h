/*
 * tests/unit/unit.h - the host unit-test suites (Check), one per file.
 *
 * Built by `make test-unit`: tests/unit/main.c and every tests/unit/test_*.c
 * are linked with the kernel's pure-logic files (mm/buddy.c,
 * kernel/log_ring.c, kernel/lib/vsprintf.c, kernel/lib/string.c) compiled
 * unchanged with -DUNIT_TEST.
 *
 * Beware: the kernel defines snprintf/vsnprintf/scnprintf, so in this
 * binary those names are the kernel's, not glibc's (Check's own message
 * formatting goes through them too).  Expected strings are therefore
 * hard-coded, never computed with the host's printf family.
 */
#ifndef TESTS_UNIT_UNIT_H
#define TESTS_UNIT_UNIT_H

#include <check.h>
#include <stdint.h>

Suite *buddy_suite(void);
Suite *log_ring_suite(void);
Suite *vsprintf_suite(void);
Suite *string_suite(void);
Suite *cpio_suite(void);	/* test_cpio.c */
Suite *elf_suite(void);		/* test_elf.c */
Suite *cred_suite(void);	/* test_cred.c */
Suite *futex_suite(void);	/* test_futex.c */
Suite *vm_suite(void);		/* test_vm.c: mm/overcommit.c, mm/vma_merge.c */
Suite *vm_knobs_suite(void);	/* test_vm_knobs.c */
Suite *signal_rules_suite(void);	/* test_signal_rules.c */
Suite *gfp_swap_suite(void);	/* test_gfp_swap.c */
Suite *oom_select_suite(void);	/* test_oom_select.c */

/*
 * ck_assert_msg() for hot loops: every ck_assert_* call also records its
 * location through Check's IPC (a write(2) per call in CK_FORK mode),
 * which makes million-iteration checks take minutes.  This one costs
 * nothing until it fails.
 */
#define UNIT_REQUIRE(cond, ...) do {					\
	if (!(cond))							\
		ck_abort_msg(__VA_ARGS__);				\
} while (0)

/* A small deterministic PRNG (xorshift64*), so failures reproduce. */
struct unit_rng {
	uint64_t s;
};

static inline void unit_rng_seed(struct unit_rng *r, uint64_t seed)
{
	r->s = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

static inline uint64_t unit_rng_next(struct unit_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dULL;
}

/* Uniform-ish in [0, n); n > 0. */
static inline uint64_t unit_rng_below(struct unit_rng *r, uint64_t n)
{
	return (unit_rng_next(r) >> 11) % n;
}

#endif
