/*
 * tests/unit/test_log_ring.c - kernel/log_ring.c, the printk record ring,
 * and its syslog / console / /dev/kmsg formatters.
 */
#include <stdio.h>
#include <stdlib.h>
#include "tests/unit/unit.h"
#include "kernel/log_ring.h"
#include "kernel/lib/string.h"

#define HDR sizeof(struct log_rec)

static size_t rec_bytes(size_t len)
{
	return ALIGN_UP(HDR + len, 8);
}

/* 8-byte aligned backing store with guard bytes on both sides. */
#define GUARD 64
static union { uint64_t align; char bytes[GUARD + 8192 + GUARD]; } store_mem;
static char *const ringbuf = store_mem.bytes + GUARD;

static void init_ring(struct log_ring *r, size_t size)
{
	ck_assert_uint_le(size, 8192);
	memset(store_mem.bytes, 0xa5, sizeof(store_mem.bytes));
	log_ring_init(r, ringbuf, size);
}

static void check_guards(size_t size)
{
	for (size_t i = 0; i < GUARD; i++) {
		ck_assert_msg((unsigned char)store_mem.bytes[i] == 0xa5,
			      "byte %zd before the ring written", (ssize_t)i - GUARD);
		ck_assert_msg((unsigned char)ringbuf[size + i] == 0xa5,
			      "byte %zu past the end of the ring written", i);
	}
}

/* A live record must lie wholly inside the buffer, 8-byte aligned. */
static void check_placement(const struct log_ring *r, const struct log_rec *rec)
{
	const char *p = (const char *)rec;

	ck_assert_msg(p >= r->buf && p + HDR + rec->len <= r->buf + r->size,
		      "record seq %lu at offset %td len %u straddles the end (size %zu)",
		      (unsigned long)rec->seq, p - r->buf, rec->len, r->size);
	ck_assert_msg((p - r->buf) % 8 == 0, "record seq %lu at offset %td misaligned",
		      (unsigned long)rec->seq, p - r->buf);
}

static uint64_t store_str(struct log_ring *r, int level, uint64_t ts, const char *s)
{
	return log_ring_store(r, 0, level, ts, s, strlen(s));
}

/* Deterministic content of the record with sequence number @seq. */
static char content_byte(uint64_t seq, size_t i)
{
	uint64_t x = (seq + 1) * 0x9e3779b97f4a7c15ULL + i * 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 29;
	return (char)(x & 0xff);
}

/* ---------------------------------------------------------------- */

START_TEST(test_init_empty)
{
	struct log_ring r;

	init_ring(&r, 1024);
	ck_assert_ptr_eq(r.buf, ringbuf);
	ck_assert_uint_eq(r.size, 1024);
	ck_assert_uint_eq(r.first_seq, 0);
	ck_assert_uint_eq(r.next_seq, 0);
	ck_assert_uint_eq(r.clear_seq, 0);
	ck_assert_ptr_null(log_ring_get(&r, 0));
	ck_assert_ptr_null(log_ring_get(&r, 1));
}
END_TEST

START_TEST(test_round_trip)
{
	struct log_ring r;
	const struct log_rec *rec;
	uint64_t seq;

	init_ring(&r, 1024);
	seq = log_ring_store(&r, 0, 6, 123456789, "hello world", 11);
	ck_assert_uint_eq(seq, 0);
	rec = log_ring_get(&r, seq);
	ck_assert_ptr_nonnull(rec);
	ck_assert_uint_eq(rec->seq, 0);
	ck_assert_uint_eq(rec->ts_nsec, 123456789);
	ck_assert_uint_eq(rec->len, 11);
	ck_assert_uint_eq(rec->level, 6);
	ck_assert_uint_eq(rec->facility, 0);
	ck_assert(memcmp(rec->text, "hello world", 11) == 0);
	check_placement(&r, rec);
	ck_assert_ptr_null(log_ring_get(&r, 1));	/* not written yet */

	seq = log_ring_store(&r, 1, 3, 5, "user", 4);	/* /dev/kmsg write */
	ck_assert_uint_eq(seq, 1);
	rec = log_ring_get(&r, 1);
	ck_assert_ptr_nonnull(rec);
	ck_assert_uint_eq(rec->facility, 1);
	ck_assert_uint_eq(rec->level, 3);
	ck_assert(memcmp(rec->text, "user", 4) == 0);
	/* the first one is still intact */
	rec = log_ring_get(&r, 0);
	ck_assert(memcmp(rec->text, "hello world", 11) == 0);

	/* empty text is a valid record, distinct from a wrap marker */
	seq = log_ring_store(&r, 0, 7, 9, "", 0);
	rec = log_ring_get(&r, seq);
	ck_assert_ptr_nonnull(rec);
	ck_assert_uint_eq(rec->len, 0);
	ck_assert_uint_eq(rec->seq, 2);
	ck_assert_uint_eq(rec->level, 7);
	ck_assert_uint_eq(rec->ts_nsec, 9);
	check_guards(1024);
}
END_TEST

START_TEST(test_seq_increases)
{
	struct log_ring r;
	char text[32];

	init_ring(&r, 4096);
	for (int i = 0; i < 50; i++) {
		int n = sprintf(text, "message %d", i);	/* glibc's; not under test */
		uint64_t seq = log_ring_store(&r, 0, i % 8, 1000 * i, text, n);
		ck_assert_uint_eq(seq, i);
		ck_assert_uint_eq(r.next_seq, i + 1);
	}
	ck_assert_uint_eq(r.first_seq, 0);		/* 50 * 40 bytes fit */
	for (int i = 0; i < 50; i++) {
		const struct log_rec *rec = log_ring_get(&r, i);
		int n = sprintf(text, "message %d", i);

		ck_assert_ptr_nonnull(rec);
		ck_assert_uint_eq(rec->seq, i);
		ck_assert_uint_eq(rec->level, i % 8);
		ck_assert_uint_eq(rec->ts_nsec, 1000 * i);
		ck_assert_uint_eq(rec->len, n);
		ck_assert(memcmp(rec->text, text, n) == 0);
	}
	ck_assert_ptr_null(log_ring_get(&r, 50));
}
END_TEST

START_TEST(test_fill_drops_oldest)
{
	struct log_ring r;
	char text[100];
	uint64_t prev_first = 0;

	init_ring(&r, 1024);
	for (uint64_t s = 0; s < 40; s++) {
		memset(text, 'a' + (int)(s % 26), sizeof(text));
		ck_assert_uint_eq(log_ring_store(&r, 0, 6, s, text, sizeof(text)), s);
		ck_assert_uint_ge(r.first_seq, prev_first);	/* never goes back */
		ck_assert_uint_ge(r.clear_seq, r.first_seq);
		prev_first = r.first_seq;
		ck_assert_uint_le(r.first_seq, s);		/* newest is kept */
		/* 1024 bytes hold at least 6 records of 128 bytes */
		ck_assert_uint_ge(r.next_seq - r.first_seq, MIN(s + 1, 6));
		for (uint64_t q = 0; q <= s; q++) {
			const struct log_rec *rec = log_ring_get(&r, q);

			if (q < r.first_seq) {
				ck_assert_msg(rec == NULL, "dropped seq %lu still readable",
					      (unsigned long)q);
				continue;
			}
			ck_assert_msg(rec != NULL, "live seq %lu not readable",
				      (unsigned long)q);
			ck_assert_uint_eq(rec->seq, q);
			ck_assert_uint_eq(rec->len, 100);
			for (int i = 0; i < 100; i++)
				UNIT_REQUIRE(rec->text[i] == 'a' + (int)(q % 26),
					     "seq %lu byte %d corrupted", (unsigned long)q, i);
			check_placement(&r, rec);
		}
	}
	ck_assert_uint_gt(r.first_seq, 30);
	ck_assert_ptr_null(log_ring_get(&r, r.first_seq - 1));
	ck_assert_ptr_null(log_ring_get(&r, 0));
	ck_assert_ptr_null(log_ring_get(&r, r.next_seq));
	check_guards(1024);
}
END_TEST

/*
 * A record that does not fit before the end goes to offset 0 (no record
 * is ever split at the end of the buffer).
 */
START_TEST(test_wrap_to_start)
{
	struct log_ring r;
	char text[256];
	const struct log_rec *rec;
	uint64_t seq;
	size_t off = 0;

	memset(text, 'w', sizeof(text));
	init_ring(&r, 1024);
	/* 3 records of 240 bytes (rec 264): next_idx = 792 */
	for (int i = 0; i < 3; i++) {
		seq = log_ring_store(&r, 0, 6, i, text, 240);
		rec = log_ring_get(&r, seq);
		ck_assert_uint_eq((const char *)rec - ringbuf, off);
		off += rec_bytes(240);
	}
	/* 792 + 264 > 1024: must go to offset 0 after dropping seq 0 */
	seq = log_ring_store(&r, 0, 6, 3, text, 240);
	rec = log_ring_get(&r, seq);
	ck_assert_ptr_eq((const char *)rec, ringbuf);
	ck_assert_uint_ge(r.first_seq, 1);		/* seq 0 had to go */
	ck_assert_uint_le(r.first_seq, 2);		/* seq 2 fits beside it */
	for (uint64_t q = r.first_seq; q < r.next_seq; q++) {
		rec = log_ring_get(&r, q);
		ck_assert_ptr_nonnull(rec);
		ck_assert_uint_eq(rec->seq, q);
		ck_assert_uint_eq(rec->ts_nsec, q);
		check_placement(&r, rec);
	}
	check_guards(1024);
}
END_TEST

/* Text longer than the ring can hold is cut, not overflowed. */
START_TEST(test_oversized_text_truncated)
{
	struct log_ring r;
	static char text[5000];
	const struct log_rec *rec;

	for (size_t i = 0; i < sizeof(text); i++)
		text[i] = content_byte(7, i);
	init_ring(&r, 1024);
	rec = log_ring_get(&r, log_ring_store(&r, 0, 6, 0, text, sizeof(text)));
	ck_assert_ptr_nonnull(rec);
	ck_assert_uint_le(rec->len, 1024 - 2 * HDR);
	ck_assert_uint_gt(rec->len, 0);
	ck_assert(memcmp(rec->text, text, rec->len) == 0);
	check_placement(&r, rec);
	check_guards(1024);
}
END_TEST

/*
 * Many records of random length (0 .. size/4, the largest the ring
 * stores whole, plus some longer) into a 1024-byte ring: after every
 * store, every live record is intact and in place.
 */
static void random_stores(size_t size, uint64_t seed, int count)
{
	struct log_ring r;
	static char text[4096];
	static uint16_t want_len[20000];
	const size_t max_len = size / 4;
	struct unit_rng rng;
	uint64_t prev_first = 0;

	ck_assert_int_le(count, (int)ARRAY_SIZE(want_len));
	init_ring(&r, size);
	unit_rng_seed(&rng, seed);
	for (int s = 0; s < count; s++) {
		uint64_t pick = unit_rng_below(&rng, 20);
		size_t len = pick == 0 ? 0 : pick == 1 ? max_len :
			     pick == 2 ? max_len + 1 + unit_rng_below(&rng, 3 * max_len) :
			     unit_rng_below(&rng, max_len + 1);
		size_t stored = MIN(len, max_len);
		uint64_t seq;

		for (size_t i = 0; i < len; i++)
			text[i] = content_byte(s, i);
		seq = log_ring_store(&r, s & 1, s % 8, (uint64_t)s * 1000003, text, len);
		ck_assert_uint_eq(seq, s);
		want_len[s] = (uint16_t)stored;
		ck_assert_uint_ge(r.first_seq, prev_first);
		ck_assert_uint_le(r.first_seq, seq);
		prev_first = r.first_seq;

		for (uint64_t q = r.first_seq; q < r.next_seq; q++) {
			const struct log_rec *rec = log_ring_get(&r, q);
			const char *p;

			UNIT_REQUIRE(rec != NULL, "store %d: live seq %lu unreadable",
				     s, (unsigned long)q);
			p = (const char *)rec;
			UNIT_REQUIRE(rec->seq == q, "store %d: get(%lu) gave seq %lu",
				     s, (unsigned long)q, (unsigned long)rec->seq);
			UNIT_REQUIRE(rec->len == want_len[q], "store %d: seq %lu len %u, want %u",
				     s, (unsigned long)q, rec->len, want_len[q]);
			UNIT_REQUIRE(rec->level == q % 8 && rec->facility == (q & 1) &&
				     rec->ts_nsec == q * 1000003,
				     "store %d: seq %lu header corrupted", s, (unsigned long)q);
			UNIT_REQUIRE(p >= r.buf && p + HDR + rec->len <= r.buf + r.size &&
				     (p - r.buf) % 8 == 0,
				     "store %d: seq %lu at offset %td len %u straddles the end",
				     s, (unsigned long)q, p - r.buf, rec->len);
			for (size_t i = 0; i < rec->len; i++)
				UNIT_REQUIRE(rec->text[i] == content_byte(q, i),
					     "store %d: seq %lu byte %zu corrupted",
					     s, (unsigned long)q, i);
		}
		if (r.first_seq > 0)
			ck_assert_ptr_null(log_ring_get(&r, r.first_seq - 1));
	}
	ck_assert_uint_gt(r.first_seq, count / 2);
	check_guards(size);
}

START_TEST(test_random_lengths_small_ring)
{
	random_stores(1024, 12345, 20000);
}
END_TEST

START_TEST(test_random_lengths_other_sizes)
{
	random_stores(512, 99, 5000);
	random_stores(4096, 7, 5000);
	random_stores(1000, 3, 5000);	/* a multiple of 8 but not a power of 2 */
}
END_TEST

/* ---------------------------------------------------------------- */

START_TEST(test_format_time)
{
	char buf[64];

	ck_assert_int_eq(log_format_time(buf, sizeof(buf), 1234567890ULL), 15);
	ck_assert_str_eq(buf, "[    1.234567] ");
	ck_assert_int_eq(log_format_time(buf, sizeof(buf), 12345000001000ULL), 15);
	ck_assert_str_eq(buf, "[12345.000001] ");
	log_format_time(buf, sizeof(buf), 0);
	ck_assert_str_eq(buf, "[    0.000000] ");
	log_format_time(buf, sizeof(buf), 999);		/* below 1 us */
	ck_assert_str_eq(buf, "[    0.000000] ");
	log_format_time(buf, sizeof(buf), 99999999999999ULL);
	ck_assert_str_eq(buf, "[99999.999999] ");
	ck_assert_int_eq(log_format_time(buf, sizeof(buf), 123456000000000ULL), 16);
	ck_assert_str_eq(buf, "[123456.000000] ");

	/* truncated: NUL-terminated, returns the full length */
	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(log_format_time(buf, 6, 1234567890ULL), 15);
	ck_assert_str_eq(buf, "[    ");
	ck_assert_int_eq(buf[6], 'x');
}
END_TEST

/* A record built by hand, independent of the ring. */
static struct log_rec *make_rec(int facility, int level, uint64_t seq,
				uint64_t ts, const char *text)
{
	static union { uint64_t a; char b[1024]; } mem;
	struct log_rec *rec = (struct log_rec *)mem.b;
	size_t len = strlen(text);

	ck_assert_uint_le(HDR + len, sizeof(mem.b));
	rec->seq = seq;
	rec->ts_nsec = ts;
	rec->len = (uint16_t)len;
	rec->level = (uint8_t)level;
	rec->facility = (uint8_t)facility;
	memcpy(rec->text, text, len);
	return rec;
}

static void expect_record(const struct log_rec *rec, bool with_level, const char *want)
{
	char buf[512];
	size_t n;

	memset(buf, 0, sizeof(buf));
	n = log_format_record(buf, sizeof(buf), rec, with_level);
	ck_assert_uint_eq(n, strlen(want));
	ck_assert_str_eq(buf, want);
}

START_TEST(test_format_record)
{
	expect_record(make_rec(0, 6, 0, 0, "text"), true, "<6>[    0.000000] text\n");
	expect_record(make_rec(0, 6, 0, 0, "text"), false, "[    0.000000] text\n");
	expect_record(make_rec(0, 3, 9, 1234567890, "err"), true,
		      "<3>[    1.234567] err\n");
	expect_record(make_rec(1, 5, 0, 0, "from user"), true,
		      "<13>[    0.000000] from user\n");
	expect_record(make_rec(0, 6, 0, 0, ""), true, "<6>[    0.000000] \n");
	/* a trailing newline ends the last line; it adds no empty line */
	expect_record(make_rec(0, 6, 0, 0, "one\n"), true, "<6>[    0.000000] one\n");
}
END_TEST

START_TEST(test_format_record_multiline)
{
	expect_record(make_rec(0, 6, 0, 2000000000, "first\nsecond\nthird"), true,
		      "<6>[    2.000000] first\n"
		      "<6>[    2.000000] second\n"
		      "<6>[    2.000000] third\n");
	expect_record(make_rec(0, 4, 0, 0, "a\n\nb\n"), false,
		      "[    0.000000] a\n"
		      "[    0.000000] \n"
		      "[    0.000000] b\n");
}
END_TEST

/* Truncated output: the first @size bytes of the full output, never more. */
START_TEST(test_format_record_truncation)
{
	const struct log_rec *rec = make_rec(0, 6, 0, 0, "line1\nline2");
	const char *full = "<6>[    0.000000] line1\n<6>[    0.000000] line2\n";
	size_t flen = strlen(full);
	char buf[128];

	for (size_t size = 0; size <= flen + 1; size++) {
		memset(buf, '#', sizeof(buf));
		ck_assert_uint_eq(log_format_record(buf, size, rec, true), flen);
		ck_assert_msg(memcmp(buf, full, MIN(size, flen)) == 0,
			      "size %zu: output is not a prefix of the full record", size);
		for (size_t i = MIN(size, flen); i < sizeof(buf); i++)
			ck_assert_msg(buf[i] == '#', "size %zu: byte %zu written", size, i);
	}
	ck_assert_uint_eq(log_format_record(NULL, 0, rec, false), flen - 6);
}
END_TEST

static void expect_kmsg(const struct log_rec *rec, const char *want)
{
	char buf[512];
	size_t n;

	memset(buf, 0, sizeof(buf));
	n = log_format_kmsg(buf, sizeof(buf), rec);
	ck_assert_uint_eq(n, strlen(want));
	ck_assert_str_eq(buf, want);
}

START_TEST(test_format_kmsg)
{
	expect_kmsg(make_rec(0, 6, 0, 0, "text"), "6,0,0,-;text\n");
	expect_kmsg(make_rec(0, 6, 42, 1234567890, "text"), "6,42,1234567,-;text\n");
	expect_kmsg(make_rec(1, 4, 7, 999, "usr"), "12,7,0,-;usr\n");
	expect_kmsg(make_rec(0, 0, 18446744073709551615ULL, 18446744073709551615ULL, "x"),
		    "0,18446744073709551615,18446744073709551,-;x\n");
	expect_kmsg(make_rec(0, 6, 1, 0, ""), "6,1,0,-;\n");
	expect_kmsg(make_rec(0, 6, 1, 0, "a\nb"), "6,1,0,-;a\\x0ab\n");
	expect_kmsg(make_rec(0, 6, 1, 0, "\n\n"), "6,1,0,-;\\x0a\\x0a\n");
	expect_kmsg(make_rec(0, 6, 1, 0, "end\n"), "6,1,0,-;end\\x0a\n");
	expect_kmsg(make_rec(0, 6, 1, 0, "t\tb\\\r\x7f\xc3\xa9"),
		    "6,1,0,-;t\\x09b\\x5c\\x0d\\x7f\\xc3\\xa9\n");
}
END_TEST

START_TEST(test_format_kmsg_truncation)
{
	const struct log_rec *rec = make_rec(0, 6, 3, 5000, "ab\ncd");
	const char *full = "6,3,5,-;ab\\x0acd\n";
	size_t flen = strlen(full);
	char buf[128];

	for (size_t size = 0; size <= flen + 1; size++) {
		memset(buf, '#', sizeof(buf));
		ck_assert_uint_eq(log_format_kmsg(buf, size, rec), flen);
		for (size_t i = size; i < sizeof(buf); i++)
			ck_assert_msg(buf[i] == '#', "size %zu: byte %zu written", size, i);
	}
	/* exactly enough room: the whole record */
	memset(buf, '#', sizeof(buf));
	ck_assert_uint_eq(log_format_kmsg(buf, flen, rec), flen);
	ck_assert(memcmp(buf, full, flen) == 0);
	ck_assert_uint_eq(log_format_kmsg(NULL, 0, rec), flen);
}
END_TEST

/* Format what the ring holds, end to end. */
START_TEST(test_format_from_ring)
{
	struct log_ring r;
	char buf[128];

	init_ring(&r, 1024);
	store_str(&r, 6, 1234567890, "first");
	store_str(&r, 2, 12345000001000ULL, "crit\nsecond line");
	{
		const char *want = "<2>[12345.000001] crit\n<2>[12345.000001] second line\n";

		memset(buf, 0, sizeof(buf));
		ck_assert_uint_eq(log_format_record(buf, sizeof(buf), log_ring_get(&r, 1), true),
				  strlen(want));
		ck_assert_str_eq(buf, want);
	}
	memset(buf, 0, sizeof(buf));
	log_format_kmsg(buf, sizeof(buf), log_ring_get(&r, 0));
	ck_assert_str_eq(buf, "6,0,1234567,-;first\n");
}
END_TEST

Suite *log_ring_suite(void)
{
	Suite *s = suite_create("log_ring");
	TCase *ring = tcase_create("ring");
	TCase *fmt = tcase_create("format");

	tcase_set_timeout(ring, 60);
	tcase_add_test(ring, test_init_empty);
	tcase_add_test(ring, test_round_trip);
	tcase_add_test(ring, test_seq_increases);
	tcase_add_test(ring, test_fill_drops_oldest);
	tcase_add_test(ring, test_wrap_to_start);
	tcase_add_test(ring, test_oversized_text_truncated);
	tcase_add_test(ring, test_random_lengths_small_ring);
	tcase_add_test(ring, test_random_lengths_other_sizes);
	suite_add_tcase(s, ring);

	tcase_add_test(fmt, test_format_time);
	tcase_add_test(fmt, test_format_record);
	tcase_add_test(fmt, test_format_record_multiline);
	tcase_add_test(fmt, test_format_record_truncation);
	tcase_add_test(fmt, test_format_kmsg);
	tcase_add_test(fmt, test_format_kmsg_truncation);
	tcase_add_test(fmt, test_format_from_ring);
	suite_add_tcase(s, fmt);
	return s;
}
