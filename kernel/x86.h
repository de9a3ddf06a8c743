/*
 * kernel/x86.h - thin wrappers around the x86-64 instructions the kernel
 * needs: port I/O, control registers, MSRs, interrupt flag, TLB.
 */
#ifndef KERNEL_X86_H
#define KERNEL_X86_H

#include "kernel/types.h"

#define MSR_EFER		0xc0000080
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_FMASK		0xc0000084
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102
#define MSR_APIC_BASE		0x1b
#define EFER_SCE		(1UL << 0)
#define EFER_LME		(1UL << 8)
#define EFER_NXE		(1UL << 11)

#define X86_EFLAGS_CF	0x0001
#define X86_EFLAGS_PF	0x0004
#define X86_EFLAGS_AF	0x0010
#define X86_EFLAGS_ZF	0x0040
#define X86_EFLAGS_SF	0x0080
#define X86_EFLAGS_TF	0x0100
#define X86_EFLAGS_IF	0x0200
#define X86_EFLAGS_DF	0x0400
#define X86_EFLAGS_OF	0x0800
#define X86_EFLAGS_IOPL	0x3000
#define X86_EFLAGS_NT	0x4000
#define X86_EFLAGS_RF	0x10000
#define X86_EFLAGS_AC	0x40000
#define X86_EFLAGS_FIXED 0x0002

static inline void outb(uint16_t port, uint8_t v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline void outw(uint16_t port, uint16_t v)
{
	asm volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint16_t inw(uint16_t port)
{
	uint16_t v;
	asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline void outl(uint16_t port, uint32_t v)
{
	asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint32_t inl(uint16_t port)
{
	uint32_t v;
	asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}
static inline void wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t read_cr0(void) { uint64_t v; asm volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr2(void) { uint64_t v; asm volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr3(void) { uint64_t v; asm volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr4(void) { uint64_t v; asm volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(uint64_t v) { asm volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static inline void write_cr3(uint64_t v) { asm volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void write_cr4(uint64_t v) { asm volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }

static inline void invlpg(uintptr_t va)
{
	asm volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b,
			 uint32_t *c, uint32_t *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
		     : "a"(leaf), "c"(sub));
}

static inline unsigned long local_irq_save(void)
{
	unsigned long flags;
	asm volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}
static inline void local_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		asm volatile("sti" : : : "memory");
}
static inline void local_irq_disable(void) { asm volatile("cli" : : : "memory"); }
static inline void local_irq_enable(void) { asm volatile("sti" : : : "memory"); }
static inline bool irqs_disabled(void)
{
	unsigned long flags;
	asm volatile("pushfq; popq %0" : "=r"(flags));
	return !(flags & X86_EFLAGS_IF);
}
static inline void cpu_relax(void) { asm volatile("pause"); }
static inline void halt(void) { asm volatile("hlt"); }

#define barrier() asm volatile("" : : : "memory")

#endif
