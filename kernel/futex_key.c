/*
 * kernel/futex_key.c - the pure rules of futex(2): decoding the op word,
 * turning a timeout into a monotonic deadline, and hashing and matching
 * keys (Linux: kernel/futex/syscalls.c, core.c).  No locks, no current:
 * the host unit tests compile this file unchanged.
 */
#include "kernel/futex.h"
#include "kernel/errno.h"
#include "mm/memlayout.h"

#define NSEC_PER_SEC	1000000000L
#define KTIME_MAX	0x7fffffffffffffffULL	/* Linux's ktime_t limit */

int futex_decode_op(int op, int *cmd, unsigned int *flags)
{
	*cmd = op & FUTEX_CMD_MASK;
	*flags = (op & FUTEX_PRIVATE_FLAG) ? 0 : FLAGS_SHARED;
	if (!(op & FUTEX_CLOCK_REALTIME))
		return 0;
	*flags |= FLAGS_CLOCKRT;
	/* 6.1 takes the realtime clock only where the timeout is absolute. */
	if (*cmd != FUTEX_WAIT_BITSET && *cmd != FUTEX_WAIT_REQUEUE_PI &&
	    *cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	return 0;
}

bool futex_cmd_has_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 ||
	       cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_WAIT_REQUEUE_PI;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a > KTIME_MAX - b ? KTIME_MAX : a + b;
}

int futex_deadline(int cmd, int op, long sec, long nsec, uint64_t mono_now,
		   uint64_t real_now, uint64_t *deadline)
{
	uint64_t t;

	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	/* timespec64_to_ktime: seconds past ~292 years saturate. */
	if ((uint64_t)sec >= KTIME_MAX / NSEC_PER_SEC)
		t = KTIME_MAX;
	else
		t = (uint64_t)sec * NSEC_PER_SEC + (uint64_t)nsec;
	if (cmd == FUTEX_WAIT)
		*deadline = add_sat(mono_now, t);
	else if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_LOCK_PI)
		*deadline = t > real_now ? add_sat(mono_now, t - real_now) : mono_now;
	else
		*deadline = t;
	return 0;
}

unsigned int futex_hash(const struct futex_key *key)
{
	uint64_t h = (uint64_t)(uintptr_t)key->ptr * 0x9e3779b97f4a7c15ULL;

	h ^= (key->word + key->offset) * 0xc2b2ae3d27d4eb4fULL;
	h ^= h >> 29;
	h *= 0x94d049bb133111ebULL;
	return (unsigned int)(h >> (64 - FUTEX_HASH_BITS));
}

bool futex_match(const struct futex_key *a, const struct futex_key *b)
{
	return a->ptr == b->ptr && a->word == b->word && a->offset == b->offset;
}

int futex_key_private(const void *mm, unsigned long uaddr, struct futex_key *key)
{
	if (uaddr % sizeof(uint32_t))
		return -EINVAL;
	key->ptr = mm;
	key->word = uaddr & PAGE_MASK;
	key->offset = (unsigned int)(uaddr & ~PAGE_MASK);
	return 0;
}
