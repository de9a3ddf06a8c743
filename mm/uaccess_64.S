/*
 * mm/uaccess_64.S - user-memory copies that can fault.  Each faulting
 * instruction has an __ex_table entry {insn, fixup}; kernel/trap.c
 * resumes at the fixup, which returns how much was left undone.
 */
	.text
/* size_t __copy_user(void *dst, const void *src, size_t n): bytes not copied */
	.globl __copy_user
__copy_user:
	mov %rdx, %rcx
1:	rep movsb
	xor %eax, %eax
	ret
2:	mov %rcx, %rax
	ret
	.section __ex_table, "a"
	.quad 1b, 2b
	.text

/* size_t __clear_user(void *dst, size_t n): bytes not cleared */
	.globl __clear_user
__clear_user:
	mov %rsi, %rcx
	xor %eax, %eax
3:	rep stosb
	ret
4:	mov %rcx, %rax
	ret
	.section __ex_table, "a"
	.quad 3b, 4b
	.text

/* long __strncpy_user(char *dst, const char *src, long n): length, n, or -14 */
	.globl __strncpy_user
__strncpy_user:
	xor %eax, %eax
5:	cmp %rdx, %rax
	je 7f
6:	movb (%rsi,%rax), %cl
	movb %cl, (%rdi,%rax)
	test %cl, %cl
	jz 7f
	inc %rax
	jmp 5b
7:	ret
8:	mov $-14, %rax
	ret
	.section __ex_table, "a"
	.quad 6b, 8b
	.text

	.section .note.GNU-stack, "", @progbits
