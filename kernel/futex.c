/*
 * kernel/futex.c - futex(2): wait, wake, requeue and wake-op on 32-bit
 * user words, and the CLONE_CHILD_CLEARTID wake at exit/exec (Linux:
 * kernel/futex/waitwake.c, requeue.c, syscalls.c; mm_release in
 * kernel/fork.c).
 *
 * Data: a hash table of queues; each sleeping waiter is a struct futex_q
 * on its own kernel stack, linked into the bucket of its key.
 * Algorithm: a waiter computes the key, reads the word (a fault there is
 * EFAULT), compares it with the expected value and queues itself, then
 * sleeps until a waker unlinks it (woken), its deadline passes, or a
 * signal arrives.  A waker unlinks and wakes up to N waiters whose key
 * matches and whose bitset intersects its own, oldest first.
 * Synchronization: one CPU and a non-preemptible kernel, so nothing runs
 * between the value check and the queueing (the check-then-sleep has no
 * lost-wakeup window); queue changes happen with interrupts off because
 * the timeout timer runs in interrupt context (it only wakes the task,
 * the task unlinks itself).
 * Not supported: the PI operations (LOCK_PI, UNLOCK_PI, TRYLOCK_PI,
 * LOCK_PI2, WAIT_REQUEUE_PI, CMP_REQUEUE_PI) and FUTEX_FD: -ENOSYS.
 */
#include "kernel/futex.h"
#include "kernel/errno.h"
#include "kernel/list.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "proc/sched.h"
#include "proc/task.h"

struct futex_q {
	struct list_head list;		/* in its bucket, oldest first */
	struct futex_key key;
	struct task *task;
	uint32_t bitset;		/* FUTEX_WAIT: FUTEX_BITSET_MATCH_ANY */
	bool woken;			/* unlinked by a waker */
};

static struct list_head futex_queues[1 << FUTEX_HASH_BITS];
static bool futex_queues_ready;

static struct list_head *hash_bucket(const struct futex_key *key)
{
	if (!futex_queues_ready) {
		for (unsigned int i = 0; i < ARRAY_SIZE(futex_queues); i++)
			INIT_LIST_HEAD(&futex_queues[i]);
		futex_queues_ready = true;
	}
	return &futex_queues[futex_hash(key)];
}

/*
 * A shared futex (no FUTEX_PRIVATE_FLAG): the word must be mapped (Linux
 * faults the page in and fails with EFAULT); MAP_SHARED file memory is
 * keyed by inode and page index so every process mapping the file meets
 * the same waiters; anything else is private memory keyed by mm as well.
 * Shared anonymous memory, when the VM gets it, belongs in the first case
 * with its backing object as @ptr.
 */
static int futex_key_shared(unsigned long uaddr, struct futex_key *key)
{
	struct vma *vma;
	uint32_t probe;

	if (copy_from_user(&probe, (void *)uaddr, sizeof(probe)))
		return -EFAULT;
	vma = find_vma(current->mm, uaddr);
	if (vma && vma->start <= uaddr && (vma->flags & VM_MAYSHARE) && vma->file) {
		key->ptr = vma->file;
		key->word = vma->pgoff + ((uaddr - vma->start) >> PAGE_SHIFT);
		key->offset |= FUT_OFF_INODE;
		return 0;
	}
	key->offset |= FUT_OFF_MMSHARED;
	return 0;
}

/* Linux's get_futex_key: EINVAL if misaligned, EFAULT outside user space. */
static int get_futex_key(uint32_t *uaddr, unsigned int flags, struct futex_key *key)
{
	unsigned long addr = (unsigned long)uaddr;
	int err = futex_key_private(current->mm, addr, key);

	if (err)
		return err;
	if (!user_range_ok(addr, sizeof(uint32_t)))
		return -EFAULT;
	return (flags & FLAGS_SHARED) ? futex_key_shared(addr, key) : 0;
}

/* Unlink @q and make its task runnable.  Interrupts off. */
static void wake_futex_q(struct futex_q *q)
{
	list_del(&q->list);
	q->woken = true;
	wake_up_process(q->task);
}

/* Wake up to @nr (at least one, as Linux) matching waiters; returns the count. */
static int wake_key(const struct futex_key *key, int nr, uint32_t bitset)
{
	struct list_head *bucket = hash_bucket(key);
	unsigned long irq = local_irq_save();
	struct futex_q *q, *tmp;
	int n = 0;

	list_for_each_entry_safe(q, tmp, bucket, list) {
		if (!futex_match(&q->key, key) || !(q->bitset & bitset))
			continue;
		wake_futex_q(q);
		if (++n >= nr)
			break;
	}
	local_irq_restore(irq);
	return n;
}

int futex_wake(uint32_t *uaddr, unsigned int flags, int nr, uint32_t bitset)
{
	struct futex_key key;
	int err = get_futex_key(uaddr, flags, &key);

	if (err)
		return err;
	if (!bitset)
		return -EINVAL;
	return wake_key(&key, nr, bitset);
}

static void futex_timeout_fn(struct timer *tm)
{
	wake_up_process(container_of(tm, struct task, sleep_timer));
}

/*
 * Sleep with @q queued until woken (0), past @deadline (-ETIMEDOUT) or a
 * signal is pending (1).  Leaves @q unlinked either way.
 */
static int futex_sleep(struct futex_q *q, const uint64_t *deadline)
{
	struct task *t = current;
	unsigned long irq;
	int ret;

	t->sleep_timer.fn = futex_timeout_fn;
	for (;;) {
		irq = local_irq_save();
		if (q->woken) {
			ret = 0;
			break;
		}
		if (deadline && ktime_get_ns() >= *deadline) {
			ret = -ETIMEDOUT;
			break;
		}
		if (signal_pending_current()) {
			ret = 1;
			break;
		}
		t->state = TASK_INTERRUPTIBLE;
		if (deadline)
			timer_add(&t->sleep_timer, *deadline);
		local_irq_restore(irq);
		schedule();
	}
	if (!q->woken)
		list_del(&q->list);
	local_irq_restore(irq);
	timer_del(&t->sleep_timer);
	return ret;
}

static long futex_wait(uint32_t *uaddr, unsigned int flags, uint32_t val,
		       const uint64_t *deadline, uint32_t bitset);

/* restart_syscall after a signal without a handler: the same absolute deadline. */
static long futex_wait_restart(struct restart_block *rb)
{
	uint64_t deadline = rb->arg[3];

	rb->fn = NULL;
	return futex_wait((uint32_t *)rb->arg[0], (unsigned int)rb->arg[2],
			  (uint32_t)rb->arg[1], &deadline, (uint32_t)(rb->arg[1] >> 32));
}

/*
 * Interrupted by a signal: an untimed wait is simply restarted
 * (-ERESTARTSYS); a timed one goes through restart_syscall so that the
 * restart keeps the original deadline, and a handler makes it EINTR
 * whatever SA_RESTART says, as on Linux.
 */
static long futex_wait_interrupted(uint32_t *uaddr, unsigned int flags, uint32_t val,
				   const uint64_t *deadline, uint32_t bitset)
{
	struct restart_block *rb = &current->restart_block;

	if (!deadline)
		return -ERESTARTSYS;
	rb->fn = futex_wait_restart;
	rb->arg[0] = (unsigned long)uaddr;
	rb->arg[1] = val | ((unsigned long)bitset << 32);
	rb->arg[2] = flags;
	rb->arg[3] = *deadline;
	return -ERESTART_RESTARTBLOCK;
}

static long futex_wait(uint32_t *uaddr, unsigned int flags, uint32_t val,
		       const uint64_t *deadline, uint32_t bitset)
{
	struct futex_q q = { .task = current, .bitset = bitset };
	uint32_t uval;
	unsigned long irq;
	int err;

	if (!bitset)
		return -EINVAL;
	err = get_futex_key(uaddr, flags, &q.key);
	if (err)
		return err;
	if (copy_from_user(&uval, uaddr, sizeof(uval)))
		return -EFAULT;
	if (uval != val)
		return -EAGAIN;		/* Linux's EWOULDBLOCK */
	irq = local_irq_save();
	list_add_tail(&q.list, hash_bucket(&q.key));
	local_irq_restore(irq);
	err = futex_sleep(&q, deadline);
	if (err <= 0)
		return err;
	return futex_wait_interrupted(uaddr, flags, val, deadline, bitset);
}

/*
 * FUTEX_REQUEUE / FUTEX_CMP_REQUEUE: wake @nr_wake waiters of @uaddr1 and
 * move up to @nr_requeue more to @uaddr2; returns woken + moved.  With
 * @cmpval, first -EAGAIN unless *uaddr1 still holds it.
 */
static long futex_requeue(uint32_t *uaddr1, unsigned int flags, uint32_t *uaddr2,
			  int nr_wake, int nr_requeue, const uint32_t *cmpval)
{
	struct futex_key key1, key2;
	struct list_head *b1, *b2;
	struct futex_q *q, *tmp;
	unsigned long irq;
	uint32_t cur;
	int err, count = 0;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	if ((err = get_futex_key(uaddr1, flags, &key1)) ||
	    (err = get_futex_key(uaddr2, flags, &key2)))
		return err;
	if (cmpval) {
		if (copy_from_user(&cur, uaddr1, sizeof(cur)))
			return -EFAULT;
		if (cur != *cmpval)
			return -EAGAIN;
	}
	b1 = hash_bucket(&key1);
	b2 = hash_bucket(&key2);
	irq = local_irq_save();
	list_for_each_entry_safe(q, tmp, b1, list) {
		if (count - nr_wake >= nr_requeue)
			break;
		if (!futex_match(&q->key, &key1))
			continue;
		if (++count <= nr_wake) {
			wake_futex_q(q);
			continue;
		}
		list_del(&q->list);
		q->key = key2;
		list_add_tail(&q->list, b2);
	}
	local_irq_restore(irq);
	return count;
}

/* The operation and comparison packed in FUTEX_WAKE_OP's val3. */
#define FUTEX_OP_SET		0
#define FUTEX_OP_ADD		1
#define FUTEX_OP_OR		2
#define FUTEX_OP_ANDN		3
#define FUTEX_OP_XOR		4
#define FUTEX_OP_OPARG_SHIFT	8

static int sign_extend12(uint32_t v)
{
	return (int)(v << 20) >> 20;
}

/* Apply the op to *uaddr; 1 if the old value passes the comparison, 0 if not, or -errno. */
static int futex_atomic_op(uint32_t encoded, uint32_t *uaddr)
{
	unsigned int op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	int oparg = sign_extend12((encoded >> 12) & 0xfff), cmparg = sign_extend12(encoded & 0xfff);
	uint32_t old, new;

	if (encoded & (FUTEX_OP_OPARG_SHIFT << 28))
		oparg = 1 << (oparg & 31);
	if (!user_range_ok((unsigned long)uaddr, sizeof(*uaddr)))
		return -EFAULT;
	if (op > FUTEX_OP_XOR)
		return -ENOSYS;
	if (copy_from_user(&old, uaddr, sizeof(old)))
		return -EFAULT;
	switch (op) {
	case FUTEX_OP_SET: new = (uint32_t)oparg; break;
	case FUTEX_OP_ADD: new = old + (uint32_t)oparg; break;
	case FUTEX_OP_OR: new = old | (uint32_t)oparg; break;
	case FUTEX_OP_ANDN: new = old & ~(uint32_t)oparg; break;
	default: new = old ^ (uint32_t)oparg; break;
	}
	/* No other task runs between the read and this write (one CPU, no preemption). */
	if (copy_to_user(uaddr, &new, sizeof(new)))
		return -EFAULT;
	switch (cmp) {
	case 0: return (int)old == cmparg;
	case 1: return (int)old != cmparg;
	case 2: return (int)old < cmparg;
	case 3: return (int)old <= cmparg;
	case 4: return (int)old > cmparg;
	case 5: return (int)old >= cmparg;
	}
	return -ENOSYS;
}

static long futex_wake_op(uint32_t *uaddr1, unsigned int flags, uint32_t *uaddr2,
			  int nr_wake, int nr_wake2, uint32_t op)
{
	struct futex_key key1, key2;
	int err, op_ret, n;

	if ((err = get_futex_key(uaddr1, flags, &key1)) ||
	    (err = get_futex_key(uaddr2, flags, &key2)))
		return err;
	op_ret = futex_atomic_op(op, uaddr2);
	if (op_ret < 0)
		return op_ret;
	n = wake_key(&key1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (op_ret > 0)
		n += wake_key(&key2, nr_wake2, FUTEX_BITSET_MATCH_ANY);
	return n;
}

long do_futex(uint32_t *uaddr, int op, uint32_t val, const uint64_t *deadline,
	      uint32_t *uaddr2, uint32_t val2, uint32_t val3)
{
	unsigned int flags;
	int cmd, err = futex_decode_op(op, &cmd, &flags);

	if (err)
		return err;
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, flags, val, deadline, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, flags, val, deadline, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, flags, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, flags, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, (int)val, (int)val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, (int)val, (int)val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, flags, uaddr2, (int)val, (int)val2, val3);
	}
	return -ENOSYS;
}

long sys_futex(unsigned long uaddr, unsigned long op, unsigned long val,
	       unsigned long utime, unsigned long uaddr2, unsigned long val3)
{
	int cmd = (int)op & FUTEX_CMD_MASK;
	uint64_t deadline, *dp = NULL;
	struct kernel_timespec ts;
	int err;

	/* The timeout is read and checked before the op is (EFAULT/EINVAL first). */
	if (utime && futex_cmd_has_timeout(cmd)) {
		if (copy_from_user(&ts, (void *)utime, sizeof(ts)))
			return -EFAULT;
		err = futex_deadline(cmd, (int)op, ts.tv_sec, ts.tv_nsec, ktime_get_ns(),
				     ktime_get_real_ns(), &deadline);
		if (err)
			return err;
		dp = &deadline;
	}
	/* For the requeue ops the "timeout" argument is a count (val2). */
	return do_futex((uint32_t *)uaddr, (int)op, (uint32_t)val, dp, (uint32_t *)uaddr2,
			(uint32_t)utime, (uint32_t)val3);
}

void futex_clear_child_tid(struct task *t)
{
	uint32_t zero = 0;
	uint32_t *tid = (uint32_t *)t->clear_child_tid;

	if (!tid)
		return;
	t->clear_child_tid = NULL;
	/* Alone in the address space, nobody could see the write. */
	if (!t->mm || t->mm->users <= 1)
		return;
	/* Errors are ignored, as Linux does: a bad pointer is the program's loss. */
	copy_to_user(tid, &zero, sizeof(zero));
	futex_wake(tid, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
}
