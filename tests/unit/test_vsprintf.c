/*
 * tests/unit/test_vsprintf.c - kernel/lib/vsprintf.c against C's printf.
 *
 * In this binary snprintf/vsnprintf are the kernel's (kernel/lib/vsprintf.c
 * defines them, shadowing glibc's), so expected strings cannot be computed
 * here: every expected value below was produced once by glibc 2.36's
 * vsnprintf on the host (a throw-away program fed the same format/argument
 * list) and pasted in.  The one exception is %p, specified as "0x%lx"
 * (glibc prints "(nil)" for NULL; the kernel must print "0x0").
 *
 * Each FMT line formats twice: into a big buffer (must equal the glibc
 * output and return its length) and into a buffer of half that size
 * (must hold the NUL-terminated prefix, touch nothing past @size and
 * still return the full length).
 */
#include <stdio.h>
#include <stdarg.h>
#include "tests/unit/unit.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/lib/string.h"

/* Through the kernel's vsnprintf, and without format checking: some of
 * the formats below draw (correct) -Wformat complaints, e.g. "%-05d". */
static int ksn(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

struct fmt_ctx {
	int cases, fails;
	int first_line, first_ret;
	const char *first_fmt, *first_want;
	char first_got[128];
	const char *first_what;
};

static void fmt_fail(struct fmt_ctx *c, int line, const char *what, const char *fmt,
		     const char *want, const char *got, int ret)
{
	fprintf(stderr, "%s:%d: format \"%s\": %s: got \"%s\" (ret %d), want \"%s\" (len %zu)\n",
		__FILE__, line, fmt, what, got, ret, want, strlen(want));
	if (c->fails++ == 0) {
		size_t n = strnlen(got, sizeof(c->first_got) - 1);

		c->first_line = line;
		c->first_ret = ret;
		c->first_fmt = fmt;
		c->first_want = want;
		c->first_what = what;
		memcpy(c->first_got, got, n);
		c->first_got[n] = 0;
	}
}

static void fmt_check(struct fmt_ctx *c, int line, const char *want, const char *fmt,
		      const char *full, int n1, char *part, size_t psize, int n2)
{
	size_t wlen = strlen(want);
	char shown[256];

	c->cases++;
	if (strcmp(full, want) != 0 || n1 != (int)wlen) {
		fmt_fail(c, line, "output", fmt, want, full, n1);
		return;
	}
	/* truncated into psize bytes */
	if (n2 != (int)wlen) {
		fmt_fail(c, line, "truncated return", fmt, want, "", n2);
		return;
	}
	for (size_t i = psize; i < 256; i++)
		if (part[i] != '#') {
			fmt_fail(c, line, "wrote past size", fmt, want, "", n2);
			return;
		}
	if (psize && (memcmp(part, want, psize - 1) != 0 || part[psize - 1] != 0)) {
		memcpy(shown, part, psize);
		shown[psize] = 0;
		fmt_fail(c, line, "truncated output", fmt, want, shown, n2);
	}
}

#define FMT(want, fmt, ...) do {						\
	char full_[256], part_[256];						\
	size_t psize_ = (strlen(want) + 1) / 2;					\
	int n1_, n2_;								\
	memset(full_, '#', sizeof(full_));					\
	memset(part_, '#', sizeof(part_));					\
	n1_ = ksn(full_, sizeof(full_), fmt, ##__VA_ARGS__);			\
	n2_ = ksn(part_, psize_, fmt, ##__VA_ARGS__);				\
	fmt_check(&ctx_, __LINE__, want, fmt, full_, n1_, part_, psize_, n2_);	\
} while (0)

#define FMT_BEGIN() struct fmt_ctx ctx_ = { 0 }
#define FMT_END()							\
	ck_assert_msg(ctx_.fails == 0,					\
		      "%d of %d formats differ from glibc; first (line %d): "	\
		      "\"%s\" %s: got \"%s\" (ret %d), want \"%s\"",		\
		      ctx_.fails, ctx_.cases, ctx_.first_line, ctx_.first_fmt,	\
		      ctx_.first_what, ctx_.first_got, ctx_.first_ret,	\
		      ctx_.first_want)

/* Each conversion on its own, plus %% and literal text. */
START_TEST(test_conversions)
{
	FMT_BEGIN();

	FMT("0", "%d", 0);
	FMT("42", "%d", 42);
	FMT("-42", "%d", -42);
	FMT("2147483647", "%d", INT_MAX);
	FMT("-2147483648", "%d", INT_MIN);
	FMT("123", "%i", 123);
	FMT("-123", "%i", -123);
	FMT("0", "%u", 0u);
	FMT("42", "%u", 42u);
	FMT("4294967295", "%u", 4294967295u);
	FMT("0", "%x", 0u);
	FMT("ff", "%x", 255u);
	FMT("deadbeef", "%x", 0xdeadbeefu);
	FMT("DEADBEEF", "%X", 0xdeadbeefu);
	FMT("ABC", "%X", 0xabcu);
	FMT("0", "%o", 0u);
	FMT("10", "%o", 8u);
	FMT("777", "%o", 0777u);
	FMT("A", "%c", 'A');
	FMT("abc", "%c%c%c", 'a', 'b', 'c');
	FMT("hello", "%s", "hello");
	FMT("", "%s", "");
	FMT("a|bc", "%s|%s", "a", "bc");
	FMT("plain text", "plain text");
	FMT("%", "%%");
	FMT("100%", "100%%");
	FMT("5%", "%d%%", 5);
	FMT("a%b%c", "a%%b%%c");
	FMT("[-1,s,1f,z]", "[%d,%s,%x,%c]", -1, "s", 0x1fu, 'z');
	FMT_END();
}
END_TEST

/* The flags - 0 + space #, alone and combined, with widths. */
START_TEST(test_flags)
{
	FMT_BEGIN();

	FMT("   42", "%5d", 42);
	FMT("42   |", "%-5d|", 42);
	FMT("00042", "%05d", 42);
	FMT("-0042", "%05d", -42);
	FMT("+42", "%+d", 42);
	FMT("-42", "%+d", -42);
	FMT("+0", "%+d", 0);
	FMT(" 42", "% d", 42);
	FMT("-42", "% d", -42);
	FMT(" 0", "% d", 0);
	FMT("+42", "%+ d", 42);
	FMT("+42", "% +d", 42);
	FMT(" 0042", "% 05d", 42);
	FMT("+0042", "%+05d", 42);
	FMT("42   |", "%-05d|", 42);
	FMT("+42   |", "%-+6d|", 42);
	FMT(" 42   |", "%- 6d|", 42);
	FMT("12345", "%2d", 12345);
	FMT("-2147483648", "%010d", INT_MIN);
	FMT("0xff", "%#x", 255u);
	FMT("0XFF", "%#X", 255u);
	FMT("0", "%#x", 0u);
	FMT("010", "%#o", 8u);
	FMT("0", "%#o", 0u);
	FMT("0777", "%#o", 0777u);
	FMT("0x0000ff", "%#08x", 255u);
	FMT("    0xff", "%#8x", 255u);
	FMT("0xff    |", "%-#8x|", 255u);
	FMT("  010", "%#5o", 8u);
	FMT("00010", "%#05o", 8u);
	FMT("010   |", "%#-6o|", 8u);
	FMT("0000BEEF", "%08X", 0xbeefu);
	FMT("beef    |", "%-8x|", 0xbeefu);
	FMT_END();
}
END_TEST

/*
 * Regression (a bug found and fixed): C applies '+' and ' ' to signed
 * conversions only; glibc (and Linux) ignore them for %u %x %X %o.  The
 * kernel's put_number() adds the sign character for every conversion.
 */
START_TEST(test_flags_unsigned_sign)
{
	FMT_BEGIN();

	FMT("5", "%+u", 5u);
	FMT("5", "% u", 5u);
	FMT("ff", "%+x", 255u);
	FMT("FF", "% X", 255u);
	FMT("10", "%+o", 8u);
	FMT("    5", "%+5u", 5u);
	FMT_END();
}
END_TEST

/*
 * Regression (a bug found and fixed): C's '#' for %o "increases the
 * precision, if and only if necessary, to force the first digit of the
 * result to be a zero".  When the precision already supplies a leading
 * zero, put_number() still emits the "0" prefix: "%#.3o" of 8 gives
 * "0010" instead of "010".
 */
START_TEST(test_alt_octal_precision)
{
	FMT_BEGIN();

	FMT("010", "%#.3o", 8u);
	FMT("010", "%#.2o", 8u);
	FMT("00777", "%#.5o", 0777u);
	FMT("     010", "%#8.3o", 8u);
	FMT_END();
}
END_TEST

/* Precision on integers (minimum digits; .0 with 0 prints nothing). */
START_TEST(test_precision)
{
	FMT_BEGIN();

	FMT("007", "%.3d", 7);
	FMT("-007", "%.3d", -7);
	FMT("123", "%.1d", 123);
	FMT("     007", "%8.3d", 7);
	FMT("-007    |", "%-8.3d|", -7);
	FMT("     007", "%08.3d", 7);
	FMT("+007", "%+.3d", 7);
	FMT("", "%.0d", 0);
	FMT("     ", "%5.0d", 0);
	FMT("     |", "%-5.0d|", 0);
	FMT("1", "%.0d", 1);
	FMT("+", "%+.0d", 0);
	FMT(" ", "% .0d", 0);
	FMT("", "%.0i", 0);
	FMT("", "%.0u", 0u);
	FMT("", "%.0x", 0u);
	FMT("", "%.0X", 0u);
	FMT("", "%.0o", 0u);
	FMT("0", "%#.0o", 0u);
	FMT("", "%#.0x", 0u);
	FMT("", "%.d", 0);
	FMT("00ab", "%.4x", 0xabu);
	FMT("    00ab", "%8.4x", 0xabu);
	FMT("0x00ff", "%#.4x", 0xffu);
	FMT("    0x00ff", "%#10.4x", 0xffu);
	FMT("00010", "%.5o", 8u);
	FMT("1234", "%.3u", 1234u);
	FMT_END();
}
END_TEST

/* %s and %c: width, precision (%5.3s), and NULL as "(null)". */
START_TEST(test_strings_chars)
{
	FMT_BEGIN();

	FMT("       abc|", "%10s|", "abc");
	FMT("abc       |", "%-10s|", "abc");
	FMT("abcdef", "%2s", "abcdef");
	FMT("ab", "%.2s", "abcdef");
	FMT("  abc|", "%5.3s|", "abcdef");
	FMT("abc  |", "%-5.3s|", "abcdef");
	FMT("|", "%.0s|", "abc");
	FMT("abc|", "%.10s|", "abc");
	FMT("(null)", "%s", (char *)NULL);
	FMT("    (null)|", "%10s|", (char *)NULL);
	FMT("(null)  |", "%-8s|", (char *)NULL);
	FMT("(null)", "%.6s", (char *)NULL);
	FMT("  x|", "%3c|", 'x');
	FMT("x  |", "%-3c|", 'x');
	FMT("x|", "%1c|", 'x');
	FMT_END();
}
END_TEST

/* '*' width and precision; a negative width means '-', a negative
 * precision means none. */
START_TEST(test_star)
{
	FMT_BEGIN();

	FMT("   42|", "%*d|", 5, 42);
	FMT("42   |", "%*d|", -5, 42);
	FMT("42   |", "%-*d|", 5, 42);
	FMT("42|", "%*d|", 0, 42);
	FMT("0042|", "%.*d|", 4, 42);
	FMT("|", "%.*d|", 0, 0);
	FMT("42|", "%.*d|", -1, 42);
	FMT("    0042|", "%*.*d|", 8, 4, 42);
	FMT("-0042   |", "%-*.*d|", 8, 4, -42);
	FMT("-00042|", "%0*d|", 6, -42);
	FMT("abc|", "%.*s|", 3, "abcdef");
	FMT("abcdef|", "%.*s|", -1, "abcdef");
	FMT("    ab|", "%*s|", 6, "ab");
	FMT("ab    |", "%*s|", -6, "ab");
	FMT("    ab|", "%*.*s|", 6, 2, "abcdef");
	FMT("  q|", "%*c|", 3, 'q');
	FMT("    ab|", "%*x|", 6, 0xabu);
	FMT_END();
}
END_TEST

/* hh h l ll z, including LONG_MIN and the extremes. */
START_TEST(test_length_modifiers)
{
	FMT_BEGIN();

	FMT("-56", "%hhd", 200);
	FMT("-1", "%hhd", -1);
	FMT("127", "%hhd", 127);
	FMT("-128", "%hhd", 128);
	FMT("7", "%hhu", 263);
	FMT("255", "%hhu", -1);
	FMT("ff", "%hhx", 0x1ff);
	FMT("CD", "%hhX", 0xabcd);
	FMT("377", "%hho", 0777);
	FMT("-25536", "%hd", 40000);
	FMT("-32768", "%hd", -32768);
	FMT("-1", "%hi", 65535);
	FMT("4464", "%hu", 70000);
	FMT("65535", "%hu", -1);
	FMT("2345", "%hx", 0x12345);
	FMT("21505", "%ho", 0x12345);
	FMT("0", "%ld", 0L);
	FMT("9223372036854775807", "%ld", LONG_MAX);
	FMT("-9223372036854775808", "%ld", LONG_MIN);
	FMT("-1", "%li", -1L);
	FMT("18446744073709551615", "%lu", ULONG_MAX);
	FMT("ffffffffffffffff", "%lx", ULONG_MAX);
	FMT("FEDCBA9876543210", "%lX", 0xfedcba9876543210UL);
	FMT("1777777777777777777777", "%lo", ULONG_MAX);
	FMT("01777777777777777777777", "%#lo", ULONG_MAX);
	FMT("0xffffffffffffffff", "%#lx", ULONG_MAX);
	FMT("-9223372036854775808|", "%20ld|", LONG_MIN);
	FMT("-9223372036854775808     |", "%-25ld|", LONG_MIN);
	FMT("-000009223372036854775808", "%025ld", LONG_MIN);
	FMT("+9223372036854775807", "%+ld", LONG_MAX);
	FMT("-9223372036854775808", "% ld", LONG_MIN);
	FMT("-0009223372036854775808", "%.22ld", LONG_MIN);
	FMT("-9223372036854775808", "%lld", (long long)LONG_MIN);
	FMT("1234567890123", "%lld", 1234567890123LL);
	FMT("-1234567890123", "%lli", -1234567890123LL);
	FMT("18446744073709551615", "%llu", 18446744073709551615ULL);
	FMT("123456789abcdef0", "%llx", 0x123456789abcdef0ULL);
	FMT("1234567012345670123", "%llo", 01234567012345670123ULL);
	FMT("123456789012", "%zu", (size_t)123456789012UL);
	FMT("0", "%zu", (size_t)0);
	FMT("-5", "%zd", (ssize_t)-5);
	FMT("-5", "%zi", (ssize_t)-5);
	FMT("ffffffffffffffff", "%zx", (size_t)SIZE_MAX);
	FMT("   42|", "%5zu|", (size_t)42);
	FMT("1 2 3", "%d %ld %d", 1, 2L, 3);
	FMT("-1 -1 -1", "%hhd %lld %hd", 255, -1LL, 65535);
	FMT_END();
}
END_TEST

/* %p is "0x%lx". */
START_TEST(test_pointers)
{
	FMT_BEGIN();

	FMT("0x1234", "%p", (void *)0x1234UL);
	FMT("0xffff888000001000", "%p", (void *)0xffff888000001000UL);
	FMT("0x1", "%p", (void *)0x1UL);
	FMT("0xffffffffffffffff", "%p", (void *)~0UL);
	FMT("              0x1234|", "%20p|", (void *)0x1234UL);
	FMT("0x1234              |", "%-20p|", (void *)0x1234UL);
	FMT("[0xdead]", "[%p]", (void *)0xdeadUL);
	FMT_END();
}
END_TEST

/*
 * Regression (a bug found and fixed): %p is "0x%lx", so NULL prints
 * "0x0"; the kernel routes %p through the '#' hex path, which drops the
 * "0x" prefix for zero (as "%#lx" must), and prints "0".
 */
START_TEST(test_pointer_null)
{
	FMT_BEGIN();

	FMT("0x0", "%p", (void *)NULL);
	FMT("[       0x0]", "[%10p]", (void *)NULL);
	FMT_END();
}
END_TEST

/*
 * Called through volatile pointers, so gcc can neither fold the calls
 * into constants nor warn about the (intended) truncation.
 */
static int (*volatile k_snprintf)(char *, size_t, const char *, ...) = snprintf;
static int (*volatile k_scnprintf)(char *, size_t, const char *, ...) = scnprintf;

START_TEST(test_truncation)
{
	char buf[32];

	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(k_snprintf(buf, 1, "hello %d", 42), 8);
	ck_assert_int_eq(buf[0], 0);
	ck_assert_int_eq(buf[1], 'x');

	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(k_snprintf(buf, 5, "hello %d", 42), 8);
	ck_assert_str_eq(buf, "hell");
	ck_assert_int_eq(buf[5], 'x');

	/* one short, exact, one more */
	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(k_snprintf(buf, 8, "hello %d", 42), 8);
	ck_assert_str_eq(buf, "hello 4");
	ck_assert_int_eq(k_snprintf(buf, 9, "hello %d", 42), 8);
	ck_assert_str_eq(buf, "hello 42");
	ck_assert_int_eq(buf[9], 'x');

	/* truncation inside a conversion, padding and a string */
	ck_assert_int_eq(k_snprintf(buf, 5, "%08x", 0xbeefu), 8);
	ck_assert_str_eq(buf, "0000");
	ck_assert_int_eq(k_snprintf(buf, 3, "%-6s|", "ab"), 7);
	ck_assert_str_eq(buf, "ab");
	ck_assert_int_eq(k_snprintf(buf, 2, "%s", "(abc)"), 5);
	ck_assert_str_eq(buf, "(");

	/* size 0: nothing written, not even the NUL; NULL is allowed */
	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(k_snprintf(buf, 0, "hello %d", 42), 8);
	ck_assert_int_eq(buf[0], 'x');
	ck_assert_int_eq(k_snprintf(NULL, 0, "%ld", LONG_MIN), 20);

	/* the empty format */
	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(k_snprintf(buf, sizeof(buf), "%s", ""), 0);
	ck_assert_int_eq(buf[0], 0);
}
END_TEST

/* Output longer than any internal buffer. */
START_TEST(test_long_output)
{
	char buf[400];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = k_snprintf(buf, sizeof(buf), "%300d|", -7);
	ck_assert_int_eq(n, 301);
	for (int i = 0; i < 298; i++)
		ck_assert_int_eq(buf[i], ' ');
	ck_assert_str_eq(buf + 298, "-7|");

	memset(buf, 'x', sizeof(buf));
	n = k_snprintf(buf, 100, "%-300s|", "abc");
	ck_assert_int_eq(n, 301);
	ck_assert_uint_eq(strlen(buf), 99);
	ck_assert(memcmp(buf, "abc   ", 6) == 0);
	ck_assert_int_eq(buf[100], 'x');
}
END_TEST

START_TEST(test_char_nul)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(k_snprintf(buf, sizeof(buf), "a%cb", 0), 3);
	ck_assert_int_eq(buf[0], 'a');
	ck_assert_int_eq(buf[1], 0);
	ck_assert_int_eq(buf[2], 'b');
	ck_assert_int_eq(buf[3], 0);
}
END_TEST

START_TEST(test_scnprintf)
{
	char buf[32];

	ck_assert_int_eq(k_scnprintf(buf, sizeof(buf), "hello %d", 42), 8);
	ck_assert_str_eq(buf, "hello 42");
	ck_assert_int_eq(k_scnprintf(buf, 9, "hello %d", 42), 8);
	ck_assert_str_eq(buf, "hello 42");
	ck_assert_int_eq(k_scnprintf(buf, 8, "hello %d", 42), 7);
	ck_assert_str_eq(buf, "hello 4");
	ck_assert_int_eq(k_scnprintf(buf, 5, "hello %d", 42), 4);
	ck_assert_str_eq(buf, "hell");
	ck_assert_int_eq(k_scnprintf(buf, 1, "hello %d", 42), 0);
	ck_assert_str_eq(buf, "");
	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(k_scnprintf(buf, 0, "hello %d", 42), 0);
	ck_assert_int_eq(buf[0], 'x');
	ck_assert_int_eq(k_scnprintf(buf, sizeof(buf), "%s", ""), 0);

	/* the /proc idiom: append until full, never past the end */
	{
		char out[20];
		int len = 0;

		for (int i = 0; i < 10; i++)
			len += k_scnprintf(out + len, sizeof(out) - len, "%d,", 1000 + i);
		ck_assert_int_eq(len, 19);
		ck_assert_str_eq(out, "1000,1001,1002,1003");
	}
}
END_TEST

Suite *vsprintf_suite(void)
{
	Suite *s = suite_create("vsprintf");
	TCase *tab = tcase_create("vs_glibc");
	TCase *bugs = tcase_create("regressions");
	TCase *buf = tcase_create("buffer");

	tcase_add_test(tab, test_conversions);
	tcase_add_test(tab, test_flags);
	tcase_add_test(tab, test_precision);
	tcase_add_test(tab, test_strings_chars);
	tcase_add_test(tab, test_star);
	tcase_add_test(tab, test_length_modifiers);
	tcase_add_test(tab, test_pointers);
	suite_add_tcase(s, tab);

	tcase_add_test(bugs, test_flags_unsigned_sign);
	tcase_add_test(bugs, test_alt_octal_precision);
	tcase_add_test(bugs, test_pointer_null);
	suite_add_tcase(s, bugs);

	tcase_add_test(buf, test_truncation);
	tcase_add_test(buf, test_long_output);
	tcase_add_test(buf, test_char_nul);
	tcase_add_test(buf, test_scnprintf);
	suite_add_tcase(s, buf);
	return s;
}
