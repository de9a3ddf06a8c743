/*
 * mm/memlayout.h - the one memory map of oomkernel.  Every file that needs
 * to know where something lives in the virtual or physical address space
 * includes this header; no address constant is written anywhere else.
 *
 *  Virtual address space (4-level paging, 48-bit, canonical halves):
 *
 *  0xffffffffffffffff +------------------------------+
 *                     | kernel image (text, rodata,  |  KERNEL_VMA + phys
 *  0xffffffff80000000 |   data, bss), -mcmodel=kernel|  (2 GiB window)
 *                     +------------------------------+
 *                     |            unused            |
 *  0xffffc90000000000 +------------------------------+
 *                     | ioremap: device MMIO, mapped |  IOREMAP_BASE
 *                     |   uncached, 4 KiB pages      |
 *                     +------------------------------+
 *  0xffff888000000000 | direct map of all RAM:       |  PAGE_OFFSET
 *                     |   virt = phys + PAGE_OFFSET  |  (Linux's value)
 *                     +------------------------------+
 *  0xffff800000000000 |  (kernel half starts here)   |
 *                     ~~~~~ non-canonical hole ~~~~~~~
 *  0x00007fffffffffff +------------------------------+
 *  0x00007ffffffff000 | guard page                   |  USER_TOP = STACK_TOP
 *                     | user stack (grows down)      |
 *                     | mmap area (top-down)         |  mmap_base
 *                     | ...                          |
 *                     | brk heap (grows up)          |
 *                     | ELF segments (0x400000 for   |
 *                     |   ET_EXEC, ELF_ET_DYN_BASE   |
 *                     |   for static-PIE)            |
 *  0x0000000000000000 +------------------------------+
 *
 *  Physical: the kernel is loaded at KERNEL_PHYS (2 MiB).  The first MiB is
 *  never handed out (BIOS data, EBDA, option ROMs).
 *
 * The kernel half of every page table (PML4 slots 256..511) is shared by
 * all address spaces: those PML4 entries are created once at boot and
 * copied into each new mm, so they never change afterwards.
 */
#ifndef MM_MEMLAYOUT_H
#define MM_MEMLAYOUT_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define HPAGE_SIZE	(1UL << 21)		/* 2 MiB pages of the direct map */

#define KERNEL_PHYS	0x200000UL
#define KERNEL_VMA	0xffffffff80000000UL
#define PAGE_OFFSET	0xffff888000000000UL
#define DIRECT_MAP_MAX	(64UL << 40)		/* 64 TiB of RAM at most */
#define IOREMAP_BASE	0xffffc90000000000UL
#define IOREMAP_SIZE	(1UL << 30)
#define LOW_RESERVED	0x100000UL		/* the first MiB */

#define USER_TOP	0x00007ffffffff000UL	/* Linux's TASK_SIZE_MAX */
#define STACK_TOP	USER_TOP
#define ELF_ET_DYN_BASE	0x0000555555554000UL	/* static-PIE load base */
#define MMAP_MIN_ADDR	0x10000UL		/* vm.mmap_min_addr */
#define STACK_GUARD_GAP	(256UL * PAGE_SIZE)	/* Linux's stack_guard_gap */

#define KSTACK_SIZE	(16UL * 1024)		/* per-task kernel stack */

#ifndef __ASSEMBLER__
#include "kernel/types.h"

static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(pa + PAGE_OFFSET);
}

static inline phys_addr_t virt_to_phys(const void *va)
{
	uintptr_t v = (uintptr_t)va;

	if (v >= KERNEL_VMA)
		return v - KERNEL_VMA;
	return v - PAGE_OFFSET;
}

/* True when [addr, addr+len) lies wholly in the user half. */
static inline bool user_range_ok(uintptr_t addr, size_t len)
{
	return addr <= USER_TOP && len <= USER_TOP - addr;
}
#endif
#endif
