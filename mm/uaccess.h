/*
 * mm/uaccess.h - the only way the kernel touches user memory.  Each
 * function first checks that the range is in the user half, then copies
 * with instructions listed in the exception table: a fault that
 * handle_mm_fault cannot resolve resumes at a fixup instead of oopsing.
 */
#ifndef MM_UACCESS_H
#define MM_UACCESS_H

#include "kernel/types.h"

/* Bytes NOT copied (0 on success), as Linux's copy_{to,from}_user. */
size_t copy_to_user(void *uaddr, const void *src, size_t n);
size_t copy_from_user(void *dst, const void *uaddr, size_t n);
size_t clear_user(void *uaddr, size_t n);
/* Length of the string copied (without NUL), -EFAULT, or @n if no NUL in @n. */
long strncpy_from_user(char *dst, const char *usrc, long n);

#endif
