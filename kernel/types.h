/*
 * kernel/types.h - fixed-width integer types and the few compiler helpers
 * every kernel file uses.  The kernel is freestanding: nothing here comes
 * from a libc.  Host unit tests include this file too, so it must not
 * clash with <stdint.h>: when compiled for the host (UNIT_TEST) it simply
 * forwards to the host headers.
 */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#ifdef UNIT_TEST
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <sys/types.h>
#else
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long uint64_t;
typedef signed char int8_t;
typedef short int16_t;
typedef int int32_t;
typedef long int64_t;
typedef unsigned long size_t;
typedef long ssize_t;
typedef unsigned long uintptr_t;
typedef long intptr_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)
#define offsetof(t, m) __builtin_offsetof(t, m)
#endif

typedef uint64_t phys_addr_t;

#define LONG_MAX  0x7fffffffffffffffL
#define LONG_MIN  (-LONG_MAX - 1)
#define ULONG_MAX 0xffffffffffffffffUL
#define INT_MAX   0x7fffffff
#define INT_MIN   (-INT_MAX - 1)
#define UINT_MAX  0xffffffffU

#define __packed      __attribute__((packed))
#define __aligned(x)  __attribute__((aligned(x)))
#define __noreturn    __attribute__((noreturn))
#define __unused      __attribute__((unused))
#define __section(s)  __attribute__((section(s)))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define likely(x)     __builtin_expect(!!(x), 1)
#define unlikely(x)   __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ALIGN_UP(x, a)   (((x) + (a) - 1) & ~((typeof(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((typeof(x))(a) - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#endif
