/*
 * mm/pgtable.h - x86-64 4-level page tables: PML4 -> PDPT -> PD -> PT.
 * A pte_t is the raw 64-bit entry; helpers name its bits.
 */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include "kernel/types.h"
#include "mm/memlayout.h"
#include "mm/gfp.h"

typedef uint64_t pte_t;

#define _PAGE_PRESENT	(1UL << 0)
#define _PAGE_RW	(1UL << 1)
#define _PAGE_USER	(1UL << 2)
#define _PAGE_PWT	(1UL << 3)
#define _PAGE_PCD	(1UL << 4)
#define _PAGE_ACCESSED	(1UL << 5)
#define _PAGE_DIRTY	(1UL << 6)
#define _PAGE_PSE	(1UL << 7)
#define _PAGE_GLOBAL	(1UL << 8)
#define _PAGE_NX	(1UL << 63)
#define PTE_ADDR_MASK	0x000ffffffffff000UL

#define PAGE_KERNEL	(_PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RO	(_PAGE_PRESENT | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_EXEC (_PAGE_PRESENT | _PAGE_GLOBAL)
#define PAGE_KERNEL_IO	(PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT)
/* Intermediate entries are permissive; the leaf decides. */
#define PAGE_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)

#define PML4_INDEX(va)	(((va) >> 39) & 511)
#define PDPT_INDEX(va)	(((va) >> 30) & 511)
#define PD_INDEX(va)	(((va) >> 21) & 511)
#define PT_INDEX(va)	(((va) >> 12) & 511)

/*
 * A PROT_NONE page keeps its frame in a PTE the MMU sees as not present,
 * marked with a software bit (Linux's _PAGE_PROTNONE, the global bit,
 * never set in user PTEs).  For the kernel's walks such a PTE is present:
 * it still maps, counts and pins the page.
 */
#define _PAGE_PROTNONE	_PAGE_GLOBAL
static inline bool pte_present(pte_t p) { return p & (_PAGE_PRESENT | _PAGE_PROTNONE); }
static inline bool pte_write(pte_t p) { return p & _PAGE_RW; }
static inline phys_addr_t pte_phys(pte_t p) { return p & PTE_ADDR_MASK; }
static inline pte_t *pte_table(pte_t p) { return phys_to_virt(pte_phys(p)); }

extern pte_t *kernel_pml4;

/* Replace the boot page tables with the real kernel tables. */
void paging_init(void);
/* Map device memory uncached anywhere in the physical address space. */
void *ioremap(phys_addr_t pa, size_t size);

struct mm;
/*
 * The PTE slot for @va in @pml4, allocating missing tables when @alloc
 * (charged to @mm's pgtables_bytes, which may be NULL).  NULL if a table
 * was missing and not allocated, or the allocation failed.
 */
pte_t *pte_walk(pte_t *pml4, uintptr_t va, bool alloc, struct mm *mm);
/* A fresh PML4 with the kernel half filled in, or NULL. */
pte_t *pgd_alloc(void);
/* Free every user page-table page below @pml4, then the PML4. */
void pgd_free(pte_t *pml4, struct mm *mm);
void flush_tlb_page(uintptr_t va);
void flush_tlb_all(void);

#endif
