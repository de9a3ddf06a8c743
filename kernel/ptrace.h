/*
 * kernel/ptrace.h - struct pt_regs, the registers saved on the kernel
 * stack at every entry from user space or interrupt (entry.S builds it).
 * Linux's x86-64 layout, with one extra word, @vector, saying how we got
 * here: an exception/interrupt vector, or VECTOR_SYSCALL.
 */
#ifndef KERNEL_PTRACE_H
#define KERNEL_PTRACE_H

#define VECTOR_SYSCALL 0x100

/* Segment selectors: Linux's GDT layout, so user space sees the same values. */
#define KERNEL_CS	0x10
#define KERNEL_DS	0x18
#define USER32_CS	0x23
#define USER_DS		0x2b
#define USER_CS		0x33
#define TSS_SEL		0x40

#define PT_REGS_SIZE	176

#ifndef __ASSEMBLER__
#include "kernel/types.h"

struct pt_regs {
	unsigned long r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	unsigned long rax, rcx, rdx, rsi, rdi;
	unsigned long vector;	/* how we entered (ours, not Linux's) */
	unsigned long orig_rax;	/* syscall number, or the error code */
	unsigned long rip, cs, rflags, rsp, ss;	/* the CPU's interrupt frame */
};

_Static_assert(sizeof(struct pt_regs) == PT_REGS_SIZE, "pt_regs layout");

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}
#endif
#endif
