/*
 * kernel/syscall_table.c - every system call the kernel implements, by
 * its Linux x86-64 number.  One line each; the rest are -ENOSYS.
 */
#include "kernel/syscall.h"

#define SYSCALL(nr, fn) long fn(unsigned long, unsigned long, unsigned long, \
				unsigned long, unsigned long, unsigned long);
#include "kernel/syscall_list.h"
#undef SYSCALL

void syscalls_register(void)
{
#define SYSCALL(nr, fn) register_syscall(nr, fn);
#include "kernel/syscall_list.h"
#undef SYSCALL
}
