/*
 * kernel/entry.S - every way into and out of the kernel.
 *
 *  - isr_stub_N: one stub per IDT vector.  Pushes a zero error code when
 *    the CPU does not, then the vector number, and joins isr_common, which
 *    saves the general registers as a struct pt_regs and calls
 *    trap_dispatch(regs).
 *  - syscall_entry: the SYSCALL instruction lands here with interrupts
 *    off (FMASK clears IF), the user rsp still loaded.  oomkernel runs on
 *    one CPU, so the kernel stack top is found in a plain global,
 *    cpu_kstack_top, which the scheduler updates on every switch (no
 *    swapgs needed).  Builds the same pt_regs as an interrupt would.
 *  - ret_to_user: the one exit to user mode.  exit_to_user_mode() runs
 *    pending work (rescheduling, signals) and says whether SYSRET is safe
 *    (a syscall frame with a canonical user rip); otherwise IRETQ.
 *  - __switch_stack: the context switch, saving callee-saved registers.
 */
#include "kernel/ptrace.h"

.macro SAVE_REGS
	push %rdi
	push %rsi
	push %rdx
	push %rcx
	push %rax
	push %r8
	push %r9
	push %r10
	push %r11
	push %rbx
	push %rbp
	push %r12
	push %r13
	push %r14
	push %r15
.endm

.macro RESTORE_REGS
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbp
	pop %rbx
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rax
	pop %rcx
	pop %rdx
	pop %rsi
	pop %rdi
.endm

	.text
/* Vectors that push an error code: 8, 10-14, 17, 21, 29, 30. */
.macro ISR vec
	.balign 16
isr_stub_\vec:
	.if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	.else
	pushq $0
	.endif
	pushq $\vec
	jmp isr_common
.endm

	.globl isr_stubs_start
isr_stubs_start:
.altmacro
.set vec, 0
.rept 256
	ISR %vec
	.set vec, vec + 1
.endr

	.section .rodata
	.balign 8
	.globl isr_stub_table
isr_stub_table:
.set vec, 0
.macro STUB_ADDR n
	.quad isr_stub_\n
.endm
.rept 256
	STUB_ADDR %vec
	.set vec, vec + 1
.endr
	.text

isr_common:
	cld
	SAVE_REGS
	xor %ebp, %ebp
	mov %rsp, %rdi
	call trap_dispatch
	testb $3, 144(%rsp)		/* pt_regs.cs: back to user mode? */
	jnz ret_to_user
	RESTORE_REGS
	add $16, %rsp			/* vector, orig_rax */
	.globl iret_insn
iret_insn:
	iretq
	.type isr_common, @function	/* sized, so call traces print isr_common+off/size */
	.size isr_common, . - isr_common

	.globl syscall_entry
syscall_entry:
	mov %rsp, cpu_user_rsp(%rip)
	mov cpu_kstack_top(%rip), %rsp
	pushq $USER_DS			/* ss */
	pushq cpu_user_rsp(%rip)	/* rsp */
	pushq %r11			/* rflags */
	pushq $USER_CS			/* cs */
	pushq %rcx			/* rip */
	pushq %rax			/* orig_rax: the syscall number */
	pushq $VECTOR_SYSCALL
	cld
	SAVE_REGS
	xor %ebp, %ebp
	sti
	mov %rsp, %rdi
	call syscall_dispatch
	.type syscall_entry, @function
	.size syscall_entry, . - syscall_entry
	/* fall through */

	.globl ret_to_user
ret_to_user:
	mov %rsp, %rdi
	call exit_to_user_mode		/* returns with interrupts off */
	test %eax, %eax
	jz 1f
	RESTORE_REGS
	mov 16(%rsp), %rcx		/* rip */
	mov 32(%rsp), %r11		/* rflags */
	mov 40(%rsp), %rsp		/* user rsp: interrupts are off */
	sysretq
1:	RESTORE_REGS
	add $16, %rsp
	.globl iret_to_user_insn
iret_to_user_insn:
	iretq

/*
 * void __switch_stack(unsigned long *prev_sp, unsigned long next_sp)
 * Called with interrupts off.  Returns on the next task's stack.
 */
	.globl __switch_stack
__switch_stack:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsp, (%rdi)
	mov %rsi, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret

/* A new user task starts here: its pt_regs sit right above. */
	.globl ret_from_fork
ret_from_fork:
	call schedule_tail
	jmp ret_to_user

/* A new kernel thread: r12 = function, r13 = argument. */
	.globl kthread_trampoline
kthread_trampoline:
	call schedule_tail
	sti
	mov %r13, %rdi
	call *%r12
	mov %rax, %rdi
	call kthread_exit

	.data
	.globl cpu_kstack_top, cpu_user_rsp
	.balign 8
cpu_kstack_top:	.quad 0
cpu_user_rsp:	.quad 0

	.section .note.GNU-stack, "", @progbits
