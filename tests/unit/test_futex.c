/*
 * Unit tests of kernel/futex_key.c: op decoding (which CLOCK_REALTIME
 * combinations 6.1 refuses), timeout-to-deadline rules, key building,
 * matching and the spread of the hash.
 */
#include <check.h>
#include <string.h>
#include "kernel/futex.h"
#include "kernel/errno.h"
#include "unit.h"

START_TEST(decode)
{
	int cmd;
	unsigned int flags;

	ck_assert_int_eq(futex_decode_op(FUTEX_WAIT, &cmd, &flags), 0);
	ck_assert(cmd == FUTEX_WAIT && flags == FLAGS_SHARED);
	ck_assert_int_eq(futex_decode_op(FUTEX_WAKE | FUTEX_PRIVATE_FLAG, &cmd, &flags), 0);
	ck_assert(cmd == FUTEX_WAKE && flags == 0);
	ck_assert_int_eq(futex_decode_op(FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, &cmd, &flags), 0);
	ck_assert(flags == (FLAGS_SHARED | FLAGS_CLOCKRT));
	ck_assert_int_eq(futex_decode_op(FUTEX_WAIT | FUTEX_CLOCK_REALTIME, &cmd, &flags), -ENOSYS);
	ck_assert_int_eq(futex_decode_op(FUTEX_WAKE | FUTEX_CLOCK_REALTIME, &cmd, &flags), -ENOSYS);
	ck_assert(futex_cmd_has_timeout(FUTEX_WAIT) && futex_cmd_has_timeout(FUTEX_WAIT_BITSET));
	ck_assert(!futex_cmd_has_timeout(FUTEX_WAKE) && !futex_cmd_has_timeout(FUTEX_REQUEUE));
}
END_TEST

START_TEST(deadlines)
{
	uint64_t d, mono = 5000000000ULL, real = 1700000000000000000ULL;

	ck_assert_int_eq(futex_deadline(FUTEX_WAIT, 0, 1, 5, mono, real, &d), 0);
	ck_assert(d == mono + 1000000005ULL);			/* relative */
	ck_assert_int_eq(futex_deadline(FUTEX_WAIT_BITSET, 0, 7, 0, mono, real, &d), 0);
	ck_assert(d == 7000000000ULL);				/* absolute monotonic */
	ck_assert_int_eq(futex_deadline(FUTEX_WAIT_BITSET, FUTEX_CLOCK_REALTIME,
					1700000001, 0, mono, real, &d), 0);
	ck_assert(d == mono + 1000000000ULL);			/* realtime, 1 s ahead */
	ck_assert_int_eq(futex_deadline(FUTEX_WAIT_BITSET, FUTEX_CLOCK_REALTIME, 1, 0,
					mono, real, &d), 0);
	ck_assert(d == mono);					/* realtime, past */
	ck_assert_int_eq(futex_deadline(FUTEX_WAIT, 0, -1, 0, mono, real, &d), -EINVAL);
	ck_assert_int_eq(futex_deadline(FUTEX_WAIT, 0, 0, 1000000000L, mono, real, &d), -EINVAL);
	ck_assert_int_eq(futex_deadline(FUTEX_WAIT, 0, 0, -1, mono, real, &d), -EINVAL);
	ck_assert_int_eq(futex_deadline(FUTEX_WAIT, 0, 0x7fffffffffffffffL, 0, mono, real, &d), 0);
	ck_assert(d == 0x7fffffffffffffffULL);			/* saturates */
}
END_TEST

START_TEST(keys)
{
	struct futex_key a, b;
	static int mm1, mm2;

	ck_assert_int_eq(futex_key_private(&mm1, 0x1001, &a), -EINVAL);
	ck_assert_int_eq(futex_key_private(&mm1, 0x1002, &a), -EINVAL);
	ck_assert_int_eq(futex_key_private(&mm1, 0x1ffc, &a), 0);
	ck_assert(a.word == 0x1000 && a.offset == 0xffc && a.ptr == &mm1);
	ck_assert_int_eq(futex_key_private(&mm1, 0x1ffc, &b), 0);
	ck_assert(futex_match(&a, &b) && futex_hash(&a) == futex_hash(&b));
	b.offset |= FUT_OFF_MMSHARED;
	ck_assert(!futex_match(&a, &b));			/* private vs shared */
	futex_key_private(&mm2, 0x1ffc, &b);
	ck_assert(!futex_match(&a, &b));			/* other mm */
	futex_key_private(&mm1, 0x2ffc, &b);
	ck_assert(!futex_match(&a, &b));
}
END_TEST

START_TEST(hash_spread)
{
	static unsigned int count[1 << FUTEX_HASH_BITS];
	struct futex_key k;
	static int mm;
	int n = 1 << 16, max = 0;

	memset(count, 0, sizeof(count));
	for (int i = 0; i < n; i++) {
		futex_key_private(&mm, 0x7f0000000000UL + (unsigned long)i * 4, &k);
		count[futex_hash(&k)]++;
	}
	for (unsigned int i = 0; i < (1u << FUTEX_HASH_BITS); i++)
		if ((int)count[i] > max)
			max = (int)count[i];
	/* 256 per bucket on average: consecutive words must not pile up. */
	ck_assert_msg(max < 2 * n / (1 << FUTEX_HASH_BITS), "a bucket holds %d", max);
}
END_TEST

Suite *futex_suite(void)
{
	Suite *s = suite_create("futex");
	TCase *tc = tcase_create("keys");

	tcase_add_test(tc, decode);
	tcase_add_test(tc, deadlines);
	tcase_add_test(tc, keys);
	tcase_add_test(tc, hash_spread);
	suite_add_tcase(s, tc);
	return s;
}
