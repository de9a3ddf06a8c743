/*
 * mm/pgtable.c - building and walking page tables.
 *
 * Kernel half: paging_init() builds kernel_pml4 with
 *   - the direct map: every 2 MiB block holding RAM, at PAGE_OFFSET, NX;
 *   - the kernel image at KERNEL_VMA in 4 KiB pages: text RX, rodata and
 *     the symbol table R+NX, data and bss RW+NX (W^X);
 *   - an empty PDPT for the ioremap area.
 * These PML4 slots never change after boot, so pgd_alloc() copies them
 * into each new address space and all page tables agree on the kernel.
 * User half: tables are allocated on demand by pte_walk() and counted in
 * mm->pgtables_bytes (VmPTE), freed by pgd_free() at exit/exec.
 */
#include "mm/pgtable.h"
#include "mm/page.h"
#include "mm/memblock.h"
#include "mm/mm.h"
#include "kernel/x86.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/lib/string.h"

pte_t *kernel_pml4;
extern char _text[], _etext[], _erodata[], _ebss[], _end[];

/* Boot-time page-table page from memblock, zeroed. */
static pte_t *early_table(void)
{
	phys_addr_t pa = memblock_alloc(PAGE_SIZE, PAGE_SIZE, 0x100000000UL);

	if (!pa)
		panic("out of memory building the kernel page tables");
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	return phys_to_virt(pa);
}

static pte_t *next_level(pte_t *table, int idx)
{
	if (!pte_present(table[idx]))
		table[idx] = virt_to_phys(early_table()) | PAGE_TABLE;
	return pte_table(table[idx]);
}

static bool block_has_ram(phys_addr_t start, phys_addr_t end)
{
	for (int i = 0; i < memblock_memory.cnt; i++) {
		struct memblock_region *r = &memblock_memory.r[i];
		if (start < r->base + r->size && end > r->base)
			return true;
	}
	return false;
}

static void map_direct(void)
{
	phys_addr_t end = ALIGN_UP(memblock_end(), HPAGE_SIZE);

	for (phys_addr_t pa = 0; pa < end; pa += HPAGE_SIZE) {
		uintptr_t va = PAGE_OFFSET + pa;
		pte_t *pdpt, *pd;

		if (!block_has_ram(pa, pa + HPAGE_SIZE))
			continue;
		pdpt = next_level(kernel_pml4, PML4_INDEX(va));
		pd = next_level(pdpt, PDPT_INDEX(va));
		pd[PD_INDEX(va)] = pa | PAGE_KERNEL | _PAGE_PSE;
	}
}

static void map_kernel_range(uintptr_t start, uintptr_t end, pte_t prot)
{
	for (uintptr_t va = start; va < end; va += PAGE_SIZE) {
		pte_t *pdpt = next_level(kernel_pml4, PML4_INDEX(va));
		pte_t *pd = next_level(pdpt, PDPT_INDEX(va));
		pte_t *pt = next_level(pd, PD_INDEX(va));
		pt[PT_INDEX(va)] = (va - KERNEL_VMA) | prot;
	}
}

void paging_init(void)
{
	kernel_pml4 = early_table();
	map_direct();
	map_kernel_range((uintptr_t)_text, (uintptr_t)_etext, PAGE_KERNEL_EXEC);
	map_kernel_range((uintptr_t)_etext, (uintptr_t)_erodata, PAGE_KERNEL_RO);
	map_kernel_range((uintptr_t)_erodata, (uintptr_t)_ebss, PAGE_KERNEL);
	map_kernel_range((uintptr_t)_ebss, (uintptr_t)_end, PAGE_KERNEL_RO);
	next_level(kernel_pml4, PML4_INDEX(IOREMAP_BASE));
	/* Every kernel-half PML4 slot used later must exist now. */
	write_cr4(read_cr4() | (1UL << 7));	/* PGE: global kernel pages */
	write_cr3(virt_to_phys(kernel_pml4));
}

void flush_tlb_page(uintptr_t va)
{
	invlpg(va);
}

void flush_tlb_all(void)
{
	write_cr3(read_cr3());
}

static uintptr_t ioremap_next = IOREMAP_BASE;

/* Device memory: uncached, never executable, 4 KiB pages. */
void *ioremap(phys_addr_t pa, size_t size)
{
	phys_addr_t start = ALIGN_DOWN(pa, PAGE_SIZE);
	size_t len = ALIGN_UP(pa + size, PAGE_SIZE) - start;
	uintptr_t va = ioremap_next;

	if (len > IOREMAP_BASE + IOREMAP_SIZE - ioremap_next)
		return NULL;
	for (size_t off = 0; off < len; off += PAGE_SIZE) {
		pte_t *pte = pte_walk(kernel_pml4, va + off, true, NULL);
		if (!pte)
			return NULL;
		*pte = (start + off) | PAGE_KERNEL_IO;
		flush_tlb_page(va + off);
	}
	ioremap_next += len + PAGE_SIZE;	/* a guard page between mappings */
	return (void *)(va + (pa - start));
}

static pte_t *table_alloc(struct mm *mm)
{
	struct page *p = alloc_page(GFP_KERNEL_ACCOUNT | __GFP_ZERO);

	if (!p)
		return NULL;
	p->flags |= PG_pgtable;
	if (mm)
		mm->pgtables_bytes += PAGE_SIZE;
	return page_address(p);
}

static void table_free(pte_t *t, struct mm *mm);

/*
 * A table allocation may sleep in reclaim; meanwhile another task of
 * the mm (or a fault in it from outside, as /proc's access_remote_vm)
 * may install the same table and fill it, or unmap and free the tables
 * above.  So after each allocation the walk starts again from the top,
 * and the new table goes in only where there is still none (6.1's
 * __pte_alloc frees its table when pmd_none no longer holds).
 */
pte_t *pte_walk(pte_t *pml4, uintptr_t va, bool alloc, struct mm *mm)
{
	pte_t *table, *spare = NULL;
	int shift;

again:
	table = pml4;
	for (shift = 39; shift > 12; shift -= 9) {
		pte_t *e = &table[(va >> shift) & 511];

		if (!pte_present(*e)) {
			if (!alloc)
				return NULL;
			if (!spare) {
				if (!(spare = table_alloc(mm)))
					return NULL;
				goto again;
			}
			*e = virt_to_phys(spare) | PAGE_TABLE;
			spare = NULL;
		}
		if (*e & _PAGE_PSE)
			break;		/* a huge page: no PTE level */
		table = pte_table(*e);
	}
	if (spare)
		table_free(spare, mm);	/* someone else put the table in meanwhile */
	return shift > 12 ? NULL : &table[(va >> 12) & 511];
}

pte_t *pgd_alloc(void)
{
	pte_t *pml4 = table_alloc(NULL);

	if (pml4)
		memcpy(pml4 + 256, kernel_pml4 + 256, 256 * sizeof(pte_t));
	return pml4;
}

static void table_free(pte_t *t, struct mm *mm)
{
	struct page *p = virt_to_page(t);

	p->flags &= ~PG_pgtable;
	if (mm)
		mm->pgtables_bytes -= PAGE_SIZE;
	__free_pages(p, 0);
}

/* Free the tables under @t (a table at @level: 3 PDPT, 2 PD, 1 PT). */
static void free_level(pte_t *t, int level, struct mm *mm)
{
	if (level > 1)
		for (int i = 0; i < 512; i++)
			if (pte_present(t[i]))
				free_level(pte_table(t[i]), level - 1, mm);
	table_free(t, mm);
}

void pgd_free(pte_t *pml4, struct mm *mm)
{
	for (int i = 0; i < 256; i++)
		if (pte_present(pml4[i]))
			free_level(pte_table(pml4[i]), 3, mm);
	table_free(pml4, NULL);
}
