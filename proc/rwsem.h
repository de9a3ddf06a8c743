/*
 * proc/rwsem.h - sleeping reader/writer semaphores (Linux:
 * include/linux/rwsem.h, kernel/locking/rwsem.c; here proc/rwsem.c), for
 * mm->mmap_lock.
 *
 * Many readers or one writer.  A reader is let in whenever no writer
 * holds the lock, even while a writer waits: a reader that takes a fault
 * inside its section (a copy to user memory) enters again instead of
 * deadlocking behind the writer, at the price of letting a stream of
 * readers delay a writer.  One CPU without kernel preemption: the test
 * and the update after a wake-up cannot be interleaved, and nothing here
 * runs from an interrupt.
 */
#ifndef PROC_RWSEM_H
#define PROC_RWSEM_H

#include "proc/wait.h"
#include "kernel/types.h"

struct rw_semaphore {
	int count;			/* readers inside, or -1: a writer */
	struct wait_queue_head wait;	/* who waits for it to change */
};

void init_rwsem(struct rw_semaphore *sem);
void down_read(struct rw_semaphore *sem);
bool down_read_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);

#endif
