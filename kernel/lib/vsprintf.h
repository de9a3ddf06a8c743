/*
 * kernel/lib/vsprintf.h - formatted output into a buffer.  The kernel's
 * only formatter: printk, /proc files and the OOM report all use it, so
 * its output must match C's printf for the conversions Linux's format
 * strings use (%d %i %u %x %X %o %c %s %p %% with flags, width, precision
 * and the hh/h/l/ll/z length modifiers).
 */
#ifndef KERNEL_LIB_VSPRINTF_H
#define KERNEL_LIB_VSPRINTF_H

#include "kernel/types.h"
#include <stdarg.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
/* Like snprintf, but returns the number of bytes actually written. */
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

#endif
