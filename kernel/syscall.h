/*
 * kernel/syscall.h - registering system calls by Linux number.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "kernel/ptrace.h"

typedef long (*syscall_fn_t)(unsigned long, unsigned long, unsigned long,
			     unsigned long, unsigned long, unsigned long);

void register_syscall(unsigned int nr, syscall_fn_t fn);
void syscall_init(void);	/* STAR/LSTAR/FMASK */

#endif
