/*
 * kernel/log_ring.c - the record ring behind printk (Linux's pre-5.10
 * log_buf design, which is simple to read).
 *
 * Layout: records are 8-byte aligned and never wrap: when a record does
 * not fit before the end, a header with len 0 is left there and the record
 * starts at offset 0.  first_idx..next_idx are the live records, oldest
 * first.  Locking: the caller (printk) holds interrupts off.
 */
#include "kernel/log_ring.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

#define REC_ALIGN 8

static size_t rec_size(size_t len)
{
	return ALIGN_UP(sizeof(struct log_rec) + len, REC_ALIGN);
}

static struct log_rec *rec_at(const struct log_ring *r, size_t idx)
{
	return (struct log_rec *)(r->buf + idx);
}

void log_ring_init(struct log_ring *r, char *buf, size_t size)
{
	r->buf = buf;
	r->size = size;
	r->first_idx = r->next_idx = 0;
	r->first_seq = r->next_seq = r->clear_seq = 0;
}

#define WRAP_MARK 0xff	/* facility of the "continue at offset 0" marker */

/* The record at @idx, following a wrap marker to the start of the buffer. */
static size_t resolve(const struct log_ring *r, size_t idx)
{
	return rec_at(r, idx)->facility == WRAP_MARK ? 0 : idx;
}

static bool ring_empty(const struct log_ring *r)
{
	return r->first_seq == r->next_seq;
}

static void drop_oldest(struct log_ring *r)
{
	r->first_idx = resolve(r, r->first_idx);
	r->first_idx += rec_size(rec_at(r, r->first_idx)->len);
	r->first_seq++;
	if (r->clear_seq < r->first_seq)
		r->clear_seq = r->first_seq;
}

/*
 * Make room for a record of @need bytes at next_idx, dropping the oldest
 * records as needed.  There must always be room for a marker header
 * after a record, hence the extra sizeof(struct log_rec).
 */
static void make_room(struct log_ring *r, size_t need)
{
	size_t hdr = sizeof(struct log_rec);

	for (;;) {
		if (ring_empty(r)) {
			r->first_idx = r->next_idx = 0;
			return;
		}
		r->first_idx = resolve(r, r->first_idx);
		if (r->next_idx > r->first_idx) {	/* live data not wrapped */
			if (r->next_idx + need + hdr <= r->size)
				return;
			if (need + hdr <= r->first_idx) {
				rec_at(r, r->next_idx)->facility = WRAP_MARK;
				rec_at(r, r->next_idx)->len = 0;
				r->next_idx = 0;
				continue;
			}
		} else if (r->next_idx + need + hdr <= r->first_idx) {
			return;				/* wrapped, gap fits */
		}
		drop_oldest(r);
	}
}

uint64_t log_ring_store(struct log_ring *r, int facility, int level,
			uint64_t ts_nsec, const char *text, size_t len)
{
	struct log_rec *rec;

	if (len > r->size / 4)
		len = r->size / 4;
	if (len > 0xfff0)
		len = 0xfff0;
	make_room(r, rec_size(len));
	rec = rec_at(r, r->next_idx);
	rec->seq = r->next_seq;
	rec->ts_nsec = ts_nsec;
	rec->len = (uint16_t)len;
	rec->level = (uint8_t)(level & 7);
	rec->facility = (uint8_t)(facility & 0x7f);
	memcpy(rec->text, text, len);
	r->next_idx += rec_size(len);
	return r->next_seq++;
}

const struct log_rec *log_ring_get(const struct log_ring *r, uint64_t seq)
{
	size_t idx = r->first_idx;

	if (seq < r->first_seq || seq >= r->next_seq)
		return NULL;
	for (uint64_t s = r->first_seq; s < seq; s++) {
		idx = resolve(r, idx);
		idx += rec_size(rec_at(r, idx)->len);
	}
	return rec_at(r, resolve(r, idx));
}

int log_format_time(char *buf, size_t size, uint64_t ts_nsec)
{
	unsigned long sec = ts_nsec / 1000000000UL;
	unsigned long usec = (ts_nsec % 1000000000UL) / 1000;

	return snprintf(buf, size, "[%5lu.%06lu] ", sec, usec);
}

size_t log_format_record(char *buf, size_t size, const struct log_rec *rec,
			 bool with_level)
{
	char prefix[40];
	size_t plen = 0, out = 0;
	size_t i = 0;

	if (with_level)
		plen = snprintf(prefix, sizeof(prefix), "<%u>",
				rec->facility * 8 + rec->level);
	plen += log_format_time(prefix + plen, sizeof(prefix) - plen, rec->ts_nsec);
	do {
		size_t j = i;

		while (j < rec->len && rec->text[j] != '\n')
			j++;
		for (size_t k = 0; k < plen; k++, out++)
			if (out < size)
				buf[out] = prefix[k];
		for (size_t k = i; k < j; k++, out++)
			if (out < size)
				buf[out] = rec->text[k];
		if (out < size)
			buf[out] = '\n';
		out++;
		i = j + 1;
	} while (i < rec->len);
	return out;
}

size_t log_format_kmsg(char *buf, size_t size, const struct log_rec *rec)
{
	size_t out = snprintf(buf, size, "%u,%lu,%lu,-;",
			      rec->facility * 8 + rec->level,
			      (unsigned long)rec->seq,
			      (unsigned long)(rec->ts_nsec / 1000));
	for (size_t k = 0; k < rec->len; k++, out++) {
		unsigned char c = (unsigned char)rec->text[k];
		/* 6.1's msg_add_ext_text: control bytes, DEL and up, and '\\' as \xNN. */
		if (c < ' ' || c >= 127 || c == '\\') {
			char esc[5];

			snprintf(esc, sizeof(esc), "\\x%02x", c);
			for (int e = 0; e < 4; e++)
				if (out + (size_t)e < size)
					buf[out + (size_t)e] = esc[e];
			out += 3;
			continue;
		}
		if (out < size)
			buf[out] = (char)c;
	}
	if (out < size)
		buf[out] = '\n';
	return out + 1;
}
