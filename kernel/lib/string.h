/*
 * kernel/lib/string.h - the C string and memory functions, freestanding.
 * gcc may emit calls to memcpy/memset/memmove/memcmp by itself, so these
 * four must exist under exactly these names.
 */
#ifndef KERNEL_LIB_STRING_H
#define KERNEL_LIB_STRING_H

#include "kernel/types.h"

#ifdef UNIT_TEST
#include <string.h>
#else
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *hay, const char *needle);
#endif
size_t strlcpy(char *dst, const char *src, size_t size);
/* Parse a number as the kernel's kstrtol: base 0 accepts 0x.. and 0.. */
int kstrtol(const char *s, unsigned int base, long *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);

#endif
