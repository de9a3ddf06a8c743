/*
 * kernel/desc.c - the descriptor tables.
 *
 * GDT: Linux's x86-64 layout, so selectors seen by user space (in signal
 * frames, in registers) are the same as on Linux: 0x10 kernel code, 0x18
 * kernel data, 0x23 32-bit user code, 0x2b user data, 0x33 user code,
 * 0x40 the TSS.  SYSCALL/SYSRET derive their selectors from STAR, which
 * this order satisfies (SYSRET: CS = base+16, SS = base+8, base = 0x23).
 *
 * TSS: rsp0 is the current task's kernel stack; IST stacks give the
 * double fault, NMI and machine check handlers a known-good stack even
 * when the kernel stack overflowed.
 *
 * IDT: every one of the 256 vectors has a stub (entry.S); exceptions from
 * ring 3 are trap/interrupt gates with DPL 0 except int3 and into (DPL 3,
 * so `int3` in user code raises #BP and not #GP, as on Linux).
 */
#include "kernel/desc.h"
#include "kernel/ptrace.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __packed;

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t zero;
} __packed;

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __packed;

static uint64_t gdt[10] __aligned(16);
static struct tss tss __aligned(16);
static struct idt_gate idt[256] __aligned(16);
static char ist_stacks[3][8192] __aligned(16);

extern const uint64_t isr_stub_table[256];

void tss_set_rsp0(uintptr_t rsp0)
{
	tss.rsp[0] = rsp0;
}

void gdt_init(void)
{
	uintptr_t base = (uintptr_t)&tss;
	uint64_t limit = sizeof(tss) - 1;
	struct desc_ptr p = { sizeof(gdt) - 1, (uint64_t)gdt };

	gdt[1] = 0x00cf9a000000ffff;	/* 0x08 kernel 32-bit code (unused) */
	gdt[2] = 0x00af9a000000ffff;	/* 0x10 kernel code, L=1 */
	gdt[3] = 0x00cf92000000ffff;	/* 0x18 kernel data */
	gdt[4] = 0x00cffa000000ffff;	/* 0x23 user 32-bit code */
	gdt[5] = 0x00cff2000000ffff;	/* 0x2b user data */
	gdt[6] = 0x00affa000000ffff;	/* 0x33 user code, L=1 */
	gdt[8] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		 (0x89UL << 40) | ((limit >> 16) << 48) |
		 ((base >> 24 & 0xff) << 56);	/* 0x40 TSS, 64-bit available */
	gdt[9] = base >> 32;

	for (int i = 0; i < 3; i++)
		tss.ist[i] = (uint64_t)ist_stacks[i] + sizeof(ist_stacks[i]);
	tss.iomap_base = sizeof(tss);	/* no I/O bitmap: ring 3 gets no ports */

	asm volatile("lgdt %0" : : "m"(p));
	asm volatile(
		"pushq %[cs]\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movw %w[ds], %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"xorl %%eax, %%eax\n\t"
		"movw %%ax, %%fs\n\t"
		"movw %%ax, %%gs\n\t"
		: : [cs] "i"(KERNEL_CS), [ds] "i"(KERNEL_DS) : "rax", "memory");
	asm volatile("ltr %w0" : : "r"(TSS_SEL));
}

static void set_gate(int vec, uint64_t handler, int ist, int dpl)
{
	idt[vec] = (struct idt_gate){
		.offset_lo = handler & 0xffff,
		.selector = KERNEL_CS,
		.ist = (uint8_t)ist,
		.type_attr = (uint8_t)(0x8e | (dpl << 5)),	/* interrupt gate */
		.offset_mid = (handler >> 16) & 0xffff,
		.offset_hi = (uint32_t)(handler >> 32),
	};
}

void idt_init(void)
{
	struct desc_ptr p = { sizeof(idt) - 1, (uint64_t)idt };

	for (int v = 0; v < 256; v++)
		set_gate(v, isr_stub_table[v], 0, 0);
	set_gate(2, isr_stub_table[2], IST_NMI, 0);
	set_gate(3, isr_stub_table[3], 0, 3);	/* int3 from user mode */
	set_gate(4, isr_stub_table[4], 0, 3);	/* into */
	set_gate(8, isr_stub_table[8], IST_DOUBLE_FAULT, 0);
	set_gate(18, isr_stub_table[18], IST_MCE, 0);
	asm volatile("lidt %0" : : "m"(p));
}
