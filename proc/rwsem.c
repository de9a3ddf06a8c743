/*
 * proc/rwsem.c - sleeping reader/writer semaphores; proc/rwsem.h says
 * what they promise (readers nest; one CPU, process context only).
 */
#include "proc/rwsem.h"
#include "proc/task.h"
#include "kernel/panic.h"

void init_rwsem(struct rw_semaphore *sem)
{
	sem->count = 0;
	init_waitqueue_head(&sem->wait);
}

void down_read(struct rw_semaphore *sem)
{
	wait_event(sem->wait, sem->count >= 0);
	sem->count++;
}

bool down_read_trylock(struct rw_semaphore *sem)
{
	if (sem->count < 0)
		return false;
	sem->count++;
	return true;
}

void up_read(struct rw_semaphore *sem)
{
	BUG_ON(sem->count <= 0);
	if (--sem->count == 0)
		wake_up(&sem->wait);
}

void down_write(struct rw_semaphore *sem)
{
	wait_event(sem->wait, sem->count == 0);
	sem->count = -1;
}

void up_write(struct rw_semaphore *sem)
{
	BUG_ON(sem->count != -1);
	sem->count = 0;
	wake_up(&sem->wait);
}

