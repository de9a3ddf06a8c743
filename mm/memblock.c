/*
 * mm/memblock.c - boot memory: two sorted region lists, "memory" (RAM
 * from the firmware's map, page-aligned inwards) and "reserved" (kernel
 * image, boot information, modules, and what memblock_alloc handed out).
 * At mem_init() every page in memory and not reserved goes to the buddy
 * allocator.  Linux: mm/memblock.c.  Runs single-threaded at boot.
 */
#include "mm/memblock.h"
#include "mm/memlayout.h"
#include "kernel/lib/string.h"

struct memblock_type memblock_memory, memblock_reserved;

/* Insert [base, base+size) keeping the list sorted and merged. */
static void region_add(struct memblock_type *t, phys_addr_t base, phys_addr_t size)
{
	int i;

	if (!size)
		return;
	for (i = 0; i < t->cnt; i++) {
		struct memblock_region *r = &t->r[i];
		if (base <= r->base + r->size && base + size >= r->base) {
			phys_addr_t end = MAX(r->base + r->size, base + size);
			r->base = MIN(r->base, base);
			r->size = end - r->base;
			/* merge with the following regions it now touches */
			while (i + 1 < t->cnt && t->r[i + 1].base <= r->base + r->size) {
				end = MAX(r->base + r->size, t->r[i + 1].base + t->r[i + 1].size);
				r->size = end - r->base;
				memmove(&t->r[i + 1], &t->r[i + 2],
					(t->cnt - i - 2) * sizeof(*r));
				t->cnt--;
			}
			return;
		}
		if (base < r->base)
			break;
	}
	if (t->cnt >= MEMBLOCK_MAX)
		return;
	memmove(&t->r[i + 1], &t->r[i], (t->cnt - i) * sizeof(t->r[0]));
	t->r[i].base = base;
	t->r[i].size = size;
	t->cnt++;
}

void memblock_add(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t start = ALIGN_UP(base, PAGE_SIZE);
	phys_addr_t end = ALIGN_DOWN(base + size, PAGE_SIZE);

	if (end > start)
		region_add(&memblock_memory, start, end - start);
}

void memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t start = ALIGN_DOWN(base, PAGE_SIZE);
	phys_addr_t end = ALIGN_UP(base + size, PAGE_SIZE);

	region_add(&memblock_reserved, start, end - start);
}

bool memblock_is_reserved(phys_addr_t pa)
{
	for (int i = 0; i < memblock_reserved.cnt; i++) {
		struct memblock_region *r = &memblock_reserved.r[i];
		if (pa >= r->base && pa < r->base + r->size)
			return true;
	}
	return false;
}

/* The lowest reserved region overlapping [base, base+size), or NULL. */
static struct memblock_region *overlap(phys_addr_t base, phys_addr_t size)
{
	for (int i = 0; i < memblock_reserved.cnt; i++) {
		struct memblock_region *r = &memblock_reserved.r[i];
		if (base < r->base + r->size && base + size > r->base)
			return r;
	}
	return NULL;
}

phys_addr_t memblock_alloc(phys_addr_t size, phys_addr_t align, phys_addr_t limit)
{
	size = ALIGN_UP(size, PAGE_SIZE);
	for (int i = 0; i < memblock_memory.cnt; i++) {
		struct memblock_region *m = &memblock_memory.r[i];
		phys_addr_t base = ALIGN_UP(m->base, align);
		struct memblock_region *r;

		while (base + size <= m->base + m->size && base + size <= limit) {
			r = overlap(base, size);
			if (!r) {
				memblock_reserve(base, size);
				return base;
			}
			base = ALIGN_UP(r->base + r->size, align);
		}
	}
	return 0;
}

phys_addr_t memblock_end(void)
{
	if (!memblock_memory.cnt)
		return 0;
	struct memblock_region *r = &memblock_memory.r[memblock_memory.cnt - 1];
	return r->base + r->size;
}
