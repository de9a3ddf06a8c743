/*
 * tests/unit/test_string.c - kernel/lib/string.c: kstrtol()/kstrtoul()
 * (behaviour of Linux's lib/kstrtox.c) and strlcpy().  The memory and
 * str* functions are glibc's under UNIT_TEST and are not tested here.
 */
#include "tests/unit/unit.h"
#include "kernel/lib/string.h"
#include "kernel/errno.h"

#define SENTINEL_L  0x5a5a5a5aL
#define SENTINEL_UL 0xa5a5a5a5UL

struct ul_case {
	const char *s;
	unsigned int base;
	int err;		/* 0 or -EINVAL / -ERANGE */
	unsigned long val;
};

static const struct ul_case ul_cases[] = {
	{ "10", 10, 0, 10 },
	{ "10", 0, 0, 10 },
	{ "0x10", 0, 0, 16 },		/* base 0: 0x is hex */
	{ "0X10", 0, 0, 16 },
	{ "0x10", 16, 0, 16 },		/* base 16 accepts the prefix */
	{ "10", 16, 0, 16 },
	{ "fF", 16, 0, 255 },
	{ "010", 0, 0, 8 },		/* base 0: leading 0 is octal */
	{ "010", 10, 0, 10 },
	{ "777", 8, 0, 511 },
	{ "0", 0, 0, 0 },
	{ "0", 10, 0, 0 },
	{ "00", 0, 0, 0 },
	{ "101", 2, 0, 5 },
	{ "+10", 10, 0, 10 },		/* Linux allows one '+' */
	{ "10\n", 10, 0, 10 },		/* one trailing newline is allowed */
	{ "0x1f\n", 0, 0, 31 },
	{ "18446744073709551615", 10, 0, 18446744073709551615UL },
	{ "0xffffffffffffffff", 0, 0, 18446744073709551615UL },
	{ "01777777777777777777777", 0, 0, 18446744073709551615UL },

	{ "10 ", 10, -EINVAL, 0 },	/* trailing space */
	{ " 10", 10, -EINVAL, 0 },	/* leading space */
	{ "10\n\n", 10, -EINVAL, 0 },	/* only one newline */
	{ "\n", 10, -EINVAL, 0 },
	{ "", 10, -EINVAL, 0 },
	{ "", 0, -EINVAL, 0 },
	{ "-", 10, -EINVAL, 0 },
	{ "+", 10, -EINVAL, 0 },
	{ "-1", 10, -EINVAL, 0 },	/* unsigned: no sign */
	{ "abc", 10, -EINVAL, 0 },
	{ "12abc", 10, -EINVAL, 0 },
	{ "0x", 0, -EINVAL, 0 },
	{ "0x", 16, -EINVAL, 0 },
	{ "0xg", 16, -EINVAL, 0 },
	{ "0x10", 10, -EINVAL, 0 },
	{ "08", 0, -EINVAL, 0 },	/* base 0 octal: 8 is no digit */
	{ "19", 8, -EINVAL, 0 },
	{ "++1", 10, -EINVAL, 0 },

	{ "18446744073709551616", 10, -ERANGE, 0 },
	{ "99999999999999999999", 10, -ERANGE, 0 },
	{ "0x10000000000000000", 0, -ERANGE, 0 },
	{ "02000000000000000000000", 0, -ERANGE, 0 },
};

START_TEST(test_kstrtoul_table)
{
	const struct ul_case *c = &ul_cases[_i];
	unsigned long v = SENTINEL_UL;
	int err = kstrtoul(c->s, c->base, &v);

	ck_assert_msg(err == c->err, "kstrtoul(\"%s\", %u) = %d, want %d",
		      c->s, c->base, err, c->err);
	if (c->err == 0)
		ck_assert_msg(v == c->val, "kstrtoul(\"%s\", %u) gave %lu, want %lu",
			      c->s, c->base, v, c->val);
	else	/* Linux leaves *res alone on error */
		ck_assert_msg(v == SENTINEL_UL, "kstrtoul(\"%s\", %u) failed but wrote %lu",
			      c->s, c->base, v);
}
END_TEST

struct l_case {
	const char *s;
	unsigned int base;
	int err;
	long val;
};

static const struct l_case l_cases[] = {
	{ "10", 10, 0, 10 },
	{ "-10", 10, 0, -10 },
	{ "+10", 10, 0, 10 },
	{ "0x10", 0, 0, 16 },
	{ "-0x10", 0, 0, -16 },
	{ "010", 0, 0, 8 },
	{ "-010", 0, 0, -8 },
	{ "10\n", 10, 0, 10 },
	{ "-10\n", 10, 0, -10 },
	{ "0", 10, 0, 0 },
	{ "-0", 10, 0, 0 },
	{ "9223372036854775807", 10, 0, LONG_MAX },
	{ "-9223372036854775807", 10, 0, -LONG_MAX },
	{ "-9223372036854775808", 10, 0, LONG_MIN },
	{ "-0x8000000000000000", 0, 0, LONG_MIN },

	{ "10 ", 10, -EINVAL, 0 },
	{ "", 10, -EINVAL, 0 },
	{ "-", 10, -EINVAL, 0 },
	{ "--1", 10, -EINVAL, 0 },
	{ "abc", 10, -EINVAL, 0 },
	{ "- 1", 10, -EINVAL, 0 },
	{ "1-", 10, -EINVAL, 0 },

	{ "9223372036854775808", 10, -ERANGE, 0 },
	{ "-9223372036854775809", 10, -ERANGE, 0 },
	{ "18446744073709551615", 10, -ERANGE, 0 },
	{ "18446744073709551616", 10, -ERANGE, 0 },
	{ "-18446744073709551616", 10, -ERANGE, 0 },
	{ "0x8000000000000000", 0, -ERANGE, 0 },
};

START_TEST(test_kstrtol_table)
{
	const struct l_case *c = &l_cases[_i];
	long v = SENTINEL_L;
	int err = kstrtol(c->s, c->base, &v);

	ck_assert_msg(err == c->err, "kstrtol(\"%s\", %u) = %d, want %d",
		      c->s, c->base, err, c->err);
	if (c->err == 0)
		ck_assert_msg(v == c->val, "kstrtol(\"%s\", %u) gave %ld, want %ld",
			      c->s, c->base, v, c->val);
	else
		ck_assert_msg(v == SENTINEL_L, "kstrtol(\"%s\", %u) failed but wrote %ld",
			      c->s, c->base, v);
}
END_TEST

/*
 * Regression (a bug found and fixed): Linux's kstrtoll() parses the text
 * after a '-' with _kstrtoull(), which takes no sign, so "-+5" is -EINVAL.
 * kernel/lib/string.c's kstrtol() hands it to kstrtoul(), which skips the
 * '+', and returns -5.
 */
START_TEST(test_kstrtol_minus_plus)
{
	long v = SENTINEL_L;

	ck_assert_int_eq(kstrtol("-+5", 10, &v), -EINVAL);
	ck_assert_int_eq(v, SENTINEL_L);
}
END_TEST

START_TEST(test_errno_values)
{
	/* the values user space sees (asm-generic/errno-base.h) */
	ck_assert_int_eq(EINVAL, 22);
	ck_assert_int_eq(ERANGE, 34);
}
END_TEST

START_TEST(test_strlcpy)
{
	char buf[16];

	memset(buf, 'x', sizeof(buf));
	ck_assert_uint_eq(strlcpy(buf, "hello", sizeof(buf)), 5);
	ck_assert_str_eq(buf, "hello");
	ck_assert_int_eq(buf[6], 'x');

	memset(buf, 'x', sizeof(buf));
	ck_assert_uint_eq(strlcpy(buf, "hello world", 6), 11);	/* truncates */
	ck_assert_str_eq(buf, "hello");
	ck_assert_int_eq(buf[6], 'x');

	memset(buf, 'x', sizeof(buf));
	ck_assert_uint_eq(strlcpy(buf, "hello", 5), 5);		/* one short */
	ck_assert_str_eq(buf, "hell");
	ck_assert_uint_eq(strlcpy(buf, "hello", 6), 5);		/* exact */
	ck_assert_str_eq(buf, "hello");

	memset(buf, 'x', sizeof(buf));
	ck_assert_uint_eq(strlcpy(buf, "hello", 1), 5);
	ck_assert_int_eq(buf[0], 0);
	ck_assert_int_eq(buf[1], 'x');

	memset(buf, 'x', sizeof(buf));
	ck_assert_uint_eq(strlcpy(buf, "hello", 0), 5);		/* size 0: untouched */
	ck_assert_int_eq(buf[0], 'x');

	ck_assert_uint_eq(strlcpy(buf, "", sizeof(buf)), 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

Suite *string_suite(void)
{
	Suite *s = suite_create("string");
	TCase *tc = tcase_create("kstrto");
	TCase *tl = tcase_create("strlcpy");

	tcase_add_loop_test(tc, test_kstrtoul_table, 0, (int)ARRAY_SIZE(ul_cases));
	tcase_add_loop_test(tc, test_kstrtol_table, 0, (int)ARRAY_SIZE(l_cases));
	tcase_add_test(tc, test_errno_values);
	tcase_add_test(tc, test_kstrtol_minus_plus);
	suite_add_tcase(s, tc);
	tcase_add_test(tl, test_strlcpy);
	suite_add_tcase(s, tl);
	return s;
}
