/*
 * mm/memblock.h - the boot-time memory allocator, used before the buddy
 * allocator exists (page tables of the direct map, mem_map itself).
 */
#ifndef MM_MEMBLOCK_H
#define MM_MEMBLOCK_H

#include "kernel/types.h"

#define MEMBLOCK_MAX 128

struct memblock_region {
	phys_addr_t base, size;
};

struct memblock_type {
	int cnt;
	struct memblock_region r[MEMBLOCK_MAX];
};

extern struct memblock_type memblock_memory, memblock_reserved;

void memblock_add(phys_addr_t base, phys_addr_t size);
void memblock_reserve(phys_addr_t base, phys_addr_t size);
/* Allocate and reserve @size bytes aligned to @align below @limit; 0 on failure. */
phys_addr_t memblock_alloc(phys_addr_t size, phys_addr_t align, phys_addr_t limit);
bool memblock_is_reserved(phys_addr_t pa);
phys_addr_t memblock_end(void);

#endif
