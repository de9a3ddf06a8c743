/*
 * boot/boot.S - from GRUB to C.
 *
 * GRUB (multiboot2) enters _start in 32-bit protected mode, paging off,
 * eax = multiboot2 magic, ebx = physical address of the boot information.
 * This file:
 *   1. checks the magic and that the CPU has long mode (else says why on
 *      COM1 and halts: a bad boot never fails silently);
 *   2. builds boot page tables: the first 4 GiB identity-mapped, at
 *      PAGE_OFFSET (direct map), and the first GiB at KERNEL_VMA (the
 *      kernel image), all
 *      with 2 MiB pages;
 *   3. turns on PAE, long mode, NX and paging, loads a 64-bit GDT and
 *      jumps to the higher half, where it calls kmain(magic, info).
 * mm/pgtable.c replaces these tables with the real ones early in kmain.
 * Everything here runs at its physical address: the .boot sections are
 * linked at KERNEL_PHYS (see linker.ld).
 */
#include "mm/memlayout.h"

#define MB2_MAGIC		0xe85250d6
#define MB2_BOOT_MAGIC		0x36d76289
#define MB2_ARCH_I386		0
#define PTE_P			0x001
#define PTE_W			0x002
#define PTE_PS			0x080

	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* module alignment tag: modules start on a page boundary */
	.balign 8
	.short 6, 0
	.long 8
	/* end tag */
	.balign 8
	.short 0, 0
	.long 8
mb2_header_end:

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	mov $boot_stack_top, %esp
	mov %eax, %ebp			/* kept for kmain: magic */
	mov %ebx, %esi			/* kept for kmain: info */

	cmp $MB2_BOOT_MAGIC, %eax
	jne .Lbad_magic

	/* Long mode available? CPUID 0x80000001 EDX bit 29. */
	mov $0x80000000, %eax
	cpuid
	cmp $0x80000001, %eax
	jb .Lno_long_mode
	mov $0x80000001, %eax
	cpuid
	test $(1 << 29), %edx
	jz .Lno_long_mode

	/* Boot page tables: four PDs of 2 MiB pages covering 4 GiB. */
	mov $boot_pd, %edi
	mov $(PTE_P | PTE_W | PTE_PS), %eax
	mov $2048, %ecx
1:	mov %eax, (%edi)
	movl $0, 4(%edi)
	add $0x200000, %eax
	add $8, %edi
	loop 1b

	/* PDPT slots 0-3 (identity and direct map), 510 (-2 GiB) -> boot_pd */
	mov $(boot_pd + PTE_P + PTE_W), %eax
	mov %eax, boot_pdpt + 510 * 8
	mov %eax, boot_pdpt
	add $4096, %eax
	mov %eax, boot_pdpt + 8
	add $4096, %eax
	mov %eax, boot_pdpt + 16
	add $4096, %eax
	mov %eax, boot_pdpt + 24
	/* PML4 slots: 0 (identity), 273 (PAGE_OFFSET), 511 (KERNEL_VMA) */
	mov $(boot_pdpt + PTE_P + PTE_W), %eax
	mov %eax, boot_pml4
	mov %eax, boot_pml4 + 273 * 8
	mov %eax, boot_pml4 + 511 * 8

	mov $boot_pml4, %eax
	mov %eax, %cr3
	mov %cr4, %eax
	or $(1 << 5), %eax		/* PAE */
	mov %eax, %cr4
	mov $0xc0000080, %ecx		/* EFER: long mode, NX, SYSCALL */
	rdmsr
	or $((1 << 8) | (1 << 11) | (1 << 0)), %eax
	wrmsr
	mov %cr0, %eax
	or $((1 << 31) | (1 << 16) | 1), %eax	/* PG, WP, PE */
	mov %eax, %cr0

	lgdt boot_gdt_ptr
	ljmp $0x10, $long_mode_entry

.Lbad_magic:
	mov $msg_bad_magic, %ebx
	jmp .Lfail
.Lno_long_mode:
	mov $msg_no_lm, %ebx
.Lfail:	/* Print the message at %ebx on COM1, then stop. */
	mov $0x3fd, %dx
2:	inb %dx, %al
	test $0x20, %al
	jz 2b
	mov (%ebx), %al
	test %al, %al
	jz 3f
	mov $0x3f8, %dx
	outb %al, %dx
	inc %ebx
	mov $0x3fd, %dx
	jmp 2b
3:	hlt
	jmp 3b

	.code64
long_mode_entry:
	mov $0x18, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	xor %eax, %eax
	mov %ax, %fs
	mov %ax, %gs
	movabs $higher_half, %rax
	jmp *%rax

	.section .boot.rodata, "a"
msg_bad_magic:
	.asciz "oomkernel: not started by a multiboot2 loader (bad magic); halting\r\n"
msg_no_lm:
	.asciz "oomkernel: this CPU has no 64-bit long mode; halting\r\n"
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff	/* 0x08: 32-bit code (unused) */
	.quad 0x00af9a000000ffff	/* 0x10: 64-bit kernel code */
	.quad 0x00cf92000000ffff	/* 0x18: kernel data */
boot_gdt_end:
boot_gdt_ptr:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt

	.section .boot.bss, "aw", @nobits
	.balign 4096
boot_pml4:	.skip 4096
boot_pdpt:	.skip 4096
boot_pd:	.skip 4 * 4096
	.skip 4096
boot_stack_top:

	.text
higher_half:
	movabs $boot_kstack_top, %rsp
	/* kmain(magic = ebp, info = esi), zero-extended by 32-bit moves */
	mov %ebp, %edi
	mov %esi, %esi
	xor %ebp, %ebp
	call kmain
4:	cli
	hlt
	jmp 4b

	.bss
	.balign 16
	.globl boot_kstack
boot_kstack:
	.skip KSTACK_SIZE
	.globl boot_kstack_top
boot_kstack_top:

	.section .note.GNU-stack, "", @progbits
