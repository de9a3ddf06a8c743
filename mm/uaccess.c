/*
 * mm/uaccess.c - range checks in front of the faulting copies.  A range
 * that leaves the user half (kernel addresses, non-canonical pointers,
 * wrap-around) is refused before any access.  The one exception is the
 * kernel buffer a task lent itself through kernel_write() (sendfile):
 * exactly that range, for that task, while the write lasts.
 */
#include "mm/uaccess.h"
#include "mm/memlayout.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "proc/task.h"

static bool lent_kernel_buffer(uintptr_t a, size_t n)
{
	return current && current->kbuf_end && a >= current->kbuf_start &&
	       n <= current->kbuf_end - a;
}

size_t __copy_user(void *dst, const void *src, size_t n);
size_t __clear_user(void *dst, size_t n);
long __strncpy_user(char *dst, const char *src, long n);

size_t copy_to_user(void *uaddr, const void *src, size_t n)
{
	if (lent_kernel_buffer((uintptr_t)uaddr, n)) {
		memcpy(uaddr, src, n);
		return 0;
	}
	if (!user_range_ok((uintptr_t)uaddr, n))
		return n;
	return __copy_user(uaddr, src, n);
}

size_t copy_from_user(void *dst, const void *uaddr, size_t n)
{
	if (lent_kernel_buffer((uintptr_t)uaddr, n)) {
		memcpy(dst, uaddr, n);
		return 0;
	}
	if (!user_range_ok((uintptr_t)uaddr, n))
		return n;
	return __copy_user(dst, uaddr, n);
}

size_t clear_user(void *uaddr, size_t n)
{
	if (!user_range_ok((uintptr_t)uaddr, n))
		return n;
	return __clear_user(uaddr, n);
}

long strncpy_from_user(char *dst, const char *usrc, long n)
{
	uintptr_t a = (uintptr_t)usrc;

	if (a >= USER_TOP)
		return -EFAULT;
	if ((unsigned long)n > USER_TOP - a)
		n = (long)(USER_TOP - a);
	return __strncpy_user(dst, usrc, n);
}
