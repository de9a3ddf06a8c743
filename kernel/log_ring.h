/*
 * kernel/log_ring.h - the kernel log: a ring of records, each one printk
 * call with its sequence number, level and timestamp.  Readers are
 * syslog(2), /dev/kmsg and the console.  Pure logic, host-testable.
 */
#ifndef KERNEL_LOG_RING_H
#define KERNEL_LOG_RING_H

#include "kernel/types.h"

struct log_rec {
	uint64_t seq;
	uint64_t ts_nsec;	/* nanoseconds since boot */
	uint16_t len;		/* text bytes; 0 marks "wrap to start" */
	uint8_t level;		/* 0 (emerg) .. 7 (debug) */
	uint8_t facility;	/* 0 for the kernel, 1 for user (/dev/kmsg) */
	char text[];
};

struct log_ring {
	char *buf;
	size_t size;		/* bytes, a multiple of 8 */
	size_t first_idx;	/* oldest record */
	size_t next_idx;	/* where the next record goes */
	uint64_t first_seq;
	uint64_t next_seq;
	uint64_t clear_seq;	/* SYSLOG_ACTION_CLEAR moves this */
};

void log_ring_init(struct log_ring *r, char *buf, size_t size);
/* Append a record; drops the oldest ones to make room.  Returns its seq. */
uint64_t log_ring_store(struct log_ring *r, int facility, int level,
			uint64_t ts_nsec, const char *text, size_t len);
/* The record with sequence number @seq, or NULL if it is gone or not yet written. */
const struct log_rec *log_ring_get(const struct log_ring *r, uint64_t seq);

/* "[    1.234567] " prefix, as Linux's print_time(). Returns its length. */
int log_format_time(char *buf, size_t size, uint64_t ts_nsec);
/*
 * Format one record as syslog(2) returns it: every line of its text gets
 * "<level>[time] " (syslog) or "[time] " (console) in front and ends with
 * "\n".  Returns the length needed (may exceed @size).
 */
size_t log_format_record(char *buf, size_t size, const struct log_rec *rec,
			 bool with_level);
/* Format one record as /dev/kmsg: "level,seq,usec,-;text\n". */
size_t log_format_kmsg(char *buf, size_t size, const struct log_rec *rec);

#endif
