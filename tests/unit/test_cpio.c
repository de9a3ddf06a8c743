/*
 * Unit tests of kernel/fs/cpio.c: archives made by hand (to break them)
 * and one made by the real `cpio -o -H newc` (built by the Makefile).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/fs/cpio.h"
#include "kernel/errno.h"
#include "unit.h"

static char arc[4096];
static size_t arc_len;

static void add(const char *name, unsigned mode, const char *data)
{
	size_t nlen = strlen(name) + 1, dlen = strlen(data);

	arc_len += sprintf(arc + arc_len,
		"070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		1u, mode, 0u, 0u, 1u, 0u, dlen, 0u, 0u, 0u, 0u, nlen, 0u);
	memcpy(arc + arc_len, name, nlen);
	arc_len += nlen;
	while (arc_len % 4) arc[arc_len++] = 0;
	memcpy(arc + arc_len, data, dlen);
	arc_len += dlen;
	while (arc_len % 4) arc[arc_len++] = 0;
}

struct seen { int n; char names[8][32]; char data[8][32]; unsigned mode[8]; };

static int collect(const struct cpio_entry *e, void *arg)
{
	struct seen *s = arg;

	if (s->n < 8) {
		snprintf(s->names[s->n], 32, "%s", e->name);
		snprintf(s->data[s->n], 32, "%.*s", (int)e->size, (const char *)e->data);
		s->mode[s->n] = e->mode;
	}
	s->n++;
	return 0;
}

static void build_two(void)
{
	memset(arc, 0, sizeof(arc));
	arc_len = 0;
	add("init", 0100755, "ELF...");
	add("etc", 040755, "");
	add("TRAILER!!!", 0, "");
}

START_TEST(parses_entries)
{
	struct seen s = { 0 };
	build_two();
	ck_assert_int_eq(cpio_parse(arc, arc_len, collect, &s), 0);
	ck_assert_int_eq(s.n, 2);
	ck_assert_str_eq(s.names[0], "init");
	ck_assert_str_eq(s.data[0], "ELF...");
	ck_assert_uint_eq(s.mode[0], 0100755);
	ck_assert_str_eq(s.names[1], "etc");
	ck_assert_uint_eq(s.mode[1], 040755);
}
END_TEST

START_TEST(concatenated_archives)
{
	struct seen s = { 0 };
	build_two();
	arc_len += 512;			/* zero padding, as between GRUB modules */
	add("extra", 0100644, "x");
	add("TRAILER!!!", 0, "");
	ck_assert_int_eq(cpio_parse(arc, arc_len, collect, &s), 0);
	ck_assert_int_eq(s.n, 3);
	ck_assert_str_eq(s.names[2], "extra");
}
END_TEST

START_TEST(malformed_is_einval)
{
	struct seen s = { 0 };
	build_two();
	arc[3] = 'X';						/* bad magic */
	ck_assert_int_eq(cpio_parse(arc, arc_len, collect, &s), -EINVAL);
	build_two();
	ck_assert_int_eq(cpio_parse(arc, 60, collect, &s), -EINVAL);	/* header cut */
	build_two();
	memcpy(arc + 6 + 8 * 6, "0000FFFF", 8);			/* filesize past the end */
	ck_assert_int_eq(cpio_parse(arc, arc_len, collect, &s), -EINVAL);
	build_two();
	memcpy(arc + 6 + 8 * 11, "0000000Z", 8);		/* not hex */
	ck_assert_int_eq(cpio_parse(arc, arc_len, collect, &s), -EINVAL);
	build_two();
	arc[110 + 4] = 'x';					/* name not NUL-terminated */
	ck_assert_int_eq(cpio_parse(arc, arc_len, collect, &s), -EINVAL);
}
END_TEST

static int stop_at_second(const struct cpio_entry *e, void *arg)
{
	return ++*(int *)arg == 2 ? -ENOSPC : 0;
}

START_TEST(callback_error_stops)
{
	int n = 0;
	build_two();
	ck_assert_int_eq(cpio_parse(arc, arc_len, stop_at_second, &n), -ENOSPC);
	ck_assert_int_eq(n, 2);
}
END_TEST

START_TEST(empty_input)
{
	struct seen s = { 0 };
	ck_assert_int_eq(cpio_parse(arc, 0, collect, &s), 0);
	ck_assert_int_eq(s.n, 0);
}
END_TEST

/* An archive written by GNU cpio -o -H newc. */
START_TEST(real_cpio_archive)
{
	const char *path = getenv("UNIT_CPIO_FIXTURE");
	static char buf[1 << 16];
	struct seen s = { 0 };
	FILE *f;
	size_t n;

	ck_assert_msg(path != NULL, "UNIT_CPIO_FIXTURE not set (run through make test-unit)");
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	ck_assert_int_eq(cpio_parse(buf, n, collect, &s), 0);
	ck_assert_int_eq(s.n, 2);
	ck_assert_str_eq(s.names[0], "hello.txt");
	ck_assert_str_eq(s.data[0], "hello, cpio\n");
	ck_assert_str_eq(s.names[1], "sub");
}
END_TEST

Suite *cpio_suite(void)
{
	Suite *s = suite_create("cpio");
	TCase *tc = tcase_create("newc");

	tcase_add_test(tc, parses_entries);
	tcase_add_test(tc, concatenated_archives);
	tcase_add_test(tc, malformed_is_einval);
	tcase_add_test(tc, callback_error_stops);
	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, real_cpio_archive);
	suite_add_tcase(s, tc);
	return s;
}
