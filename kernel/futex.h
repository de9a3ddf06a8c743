/*
 * kernel/futex.h - fast user-space mutexes (Linux: kernel/futex/).
 *
 * A waiter sleeps on a key that names the 32-bit word it waits on; a
 * waker finds the sleepers of the same key in a hash table of queues.
 * Keys (Linux's three kinds, so the match rules are the same):
 *   private  (FUTEX_PRIVATE_FLAG)       mm + page address, offset in page
 *   mmshared (no flag, private memory)  the same, offset | FUT_OFF_MMSHARED
 *   inode    (no flag, MAP_SHARED file) inode + page index, offset | FUT_OFF_INODE
 * A private key never matches a shared one, as on Linux.  Shared
 * anonymous memory does not exist yet; when it does, its key is the
 * backing object + page index (futex_key_shared in kernel/futex.c).
 *
 * The pure parts (op decoding, timeouts, hashing, matching) are in
 * kernel/futex_key.c and run in the host unit tests.
 */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H

#include "kernel/types.h"

/* futex(2) operations and flags (uapi/linux/futex.h). */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_FD		2
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_LOCK_PI		6
#define FUTEX_UNLOCK_PI		7
#define FUTEX_TRYLOCK_PI	8
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_WAIT_REQUEUE_PI	11
#define FUTEX_CMP_REQUEUE_PI	12
#define FUTEX_LOCK_PI2		13
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY	0xffffffffU

/* Decoded flags. */
#define FLAGS_SHARED		0x01
#define FLAGS_CLOCKRT		0x02

/* key->offset bits above the in-page offset's low two (always 0: words are aligned). */
#define FUT_OFF_INODE		1
#define FUT_OFF_MMSHARED	2

#define FUTEX_HASH_BITS		8

struct futex_key {
	const void *ptr;		/* mm, or inode for FUT_OFF_INODE */
	unsigned long word;		/* page address, or page index in the file */
	unsigned int offset;		/* offset in the page | FUT_OFF_* */
};

/* kernel/futex_key.c: pure rules. */
/* Split @op into command and FLAGS_*; -ENOSYS for a CLOCK_REALTIME it refuses. */
int futex_decode_op(int op, int *cmd, unsigned int *flags);
bool futex_cmd_has_timeout(int cmd);
/*
 * The monotonic deadline for a timeout of (sec, nsec): relative to
 * @mono_now for FUTEX_WAIT, absolute on CLOCK_REALTIME (@real_now is its
 * current value) or CLOCK_MONOTONIC otherwise.  Saturates instead of
 * overflowing; -EINVAL for a timespec Linux would reject.
 */
int futex_deadline(int cmd, int op, long sec, long nsec, uint64_t mono_now,
		   uint64_t real_now, uint64_t *deadline);
unsigned int futex_hash(const struct futex_key *key);	/* 0 .. 2^FUTEX_HASH_BITS - 1 */
bool futex_match(const struct futex_key *a, const struct futex_key *b);
/* The key fields for a word at @uaddr in @mm: EINVAL if misaligned. */
int futex_key_private(const void *mm, unsigned long uaddr, struct futex_key *key);

/* kernel/futex.c */
struct task;
long do_futex(uint32_t *uaddr, int op, uint32_t val, const uint64_t *deadline,
	      uint32_t *uaddr2, uint32_t val2, uint32_t val3);
/* Wake up to @nr waiters of the word at @uaddr; returns how many woke. */
int futex_wake(uint32_t *uaddr, unsigned int flags, int nr, uint32_t bitset);
/*
 * The CLONE_CHILD_CLEARTID / set_tid_address contract, at exit and at
 * exec (Linux's mm_release): if other tasks share the address space,
 * write 0 to the task's clear_child_tid word and FUTEX_WAKE one waiter;
 * then forget the pointer.  Call with the task's mm still loaded.
 */
void futex_clear_child_tid(struct task *t);
/* Mark the robust locks @t still holds as OWNER_DIED (exit, exec). */
void exit_robust_list(struct task *t);

#endif
