/*
 * mm/memory.c - page faults and the page-table operations of fork, munmap
 * and exit.  Linux: mm/memory.c.
 *
 * Fault dispatch (handle_mm_fault) is a flat run of guard clauses, then
 * one function per kind of fault:
 *   do_anonymous_page - first touch of anonymous memory: a read maps the
 *                       shared zero page read-only, a write a zeroed frame;
 *   do_shmem_fault    - first touch of a file/shmem mapping: map the page
 *                       cache page (shared), or copy it on a private write;
 *   do_wp_page        - write to a present read-only page of a writable
 *                       VMA: copy-on-write, or reuse the frame when nothing
 *                       else holds it (page_count == 1).
 * Every mapped frame holds one reference and one _mapcount per PTE, and
 * is counted in the mm's rss[] by kind; zap and copy keep all three in
 * step (page_add_rmap/page_remove_rmap, mm/lru.c, also keep AnonPages,
 * Mapped and the mlock state).  The zero page is never counted.  A new
 * page joins the LRU lists as it is first mapped (anonymous) or cached
 * (shmem), and leaves them when freed.
 *
 *   write to a page of a private writable VMA
 *     PTE none? ----- anon VMA --> do_anonymous_page: zeroed frame, RW
 *       |      `---- file VMA --> do_shmem_fault: copy of the cache page
 *     PTE read-only (COW) ------> do_wp_page: page_count == 1 ? reuse
 *                                                         : copy, drop old
 */
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/shmem.h"
#include "kernel/fs/vfs.h"
#include "kernel/x86.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/lib/string.h"
#include "kernel/vmstat.h"
#include "mm/swap.h"
#include "kernel/errno.h"
#include "mm/lru.h"
#include "mm/rmap.h"
#include "proc/task.h"

bool vm_debug_check;


static pte_t vma_prot(const struct vma *vma, bool writable)
{
	pte_t f = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (writable)
		f |= _PAGE_RW | _PAGE_DIRTY;
	if (!(vma->flags & VM_EXEC))
		f |= _PAGE_NX;
	return f;
}

static bool mm_is_loaded(const struct mm *mm)
{
	return read_cr3() == virt_to_phys(mm->pgd);
}

void flush_user_page(struct mm *mm, unsigned long addr)
{
	if (mm_is_loaded(mm))
		flush_tlb_page(addr);
}

void update_hiwater_rss(struct mm *mm)
{
	unsigned long rss = get_mm_rss(mm);

	if (mm->hiwater_rss < rss)
		mm->hiwater_rss = rss;
}

/* Install @page at @addr and account it. */
static void map_page(struct mm *mm, struct vma *vma, unsigned long addr,
		     pte_t *pte, struct page *page, bool writable)
{
	if (!(page->flags & PG_zero)) {
		page_add_rmap(page, vma);
		mm->rss[mm_counter(page)]++;
		update_hiwater_rss(mm);
	}
	*pte = page_to_phys(page) | vma_prot(vma, writable);
	flush_user_page(mm, addr);
}

static struct page *new_anon_page(bool zero)
{
	/* 6.1 allocates a folio: __GFP_COMP, hence 0x140dca in the OOM report. */
	struct page *p = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_COMP | (zero ? __GFP_ZERO : 0));

	if (p)
		p->flags |= PG_anon | PG_swapbacked;
	return p;
}

/* Map a page just allocated for @vma and put it on its LRU list. */
static void map_new_anon_page(struct mm *mm, struct vma *vma, unsigned long addr,
			      pte_t *pte, struct page *page)
{
	page_set_anon_rmap(page, vma, addr);
	map_page(mm, vma, addr, pte, page, true);	/* keeps our reference */
	lru_cache_add(page);		/* after map_page: it knows VM_LOCKED */
}

pte_t *fault_pte_again(struct mm *mm, struct vma *vma, unsigned long addr)
{
	return vma_lookup(mm, addr) == vma ? user_pte(mm, addr) : NULL;
}

static int do_anonymous_page(struct mm *mm, struct vma *vma, unsigned long addr,
			     pte_t *pte, bool write)
{
	struct page *page;

	if (!write) {
		map_page(mm, vma, addr, pte, zero_page, false);
		return VM_FAULT_OK;
	}
	anon_vma_prepare(vma);
	page = new_anon_page(true);
	if (!page)
		return VM_FAULT_OOM;
	pte = fault_pte_again(mm, vma, addr);
	if (!pte || *pte) {	/* a sibling thread unmapped or faulted it while we slept */
		put_page(page);
		return VM_FAULT_OK;
	}
	map_new_anon_page(mm, vma, addr, pte, page);
	return VM_FAULT_OK;
}

/* A private copy of @src (the zero page copies as zeros). */
static struct page *copy_user_page(struct page *src)
{
	struct page *p = new_anon_page(src->flags & PG_zero);

	if (p && !(src->flags & PG_zero))
		memcpy(page_address(p), page_address(src), PAGE_SIZE);
	return p;
}

/* Drop the mapping of @page at one PTE of @vma (the caller rewrites the PTE). */
static void unmap_one(struct mm *mm, struct vma *vma, struct page *page)
{
	bool cached = page->flags & PG_swapcache;

	if (page->flags & PG_zero)
		return;
	page_remove_rmap(page, vma);
	mm->rss[mm_counter(page)]--;
	put_page(page);
	if (cached)
		swapcache_free_unused(page);	/* the cache alone is no reason to stay */
}

static int do_shmem_fault(struct mm *mm, struct vma *vma, unsigned long addr,
			  pte_t *pte, bool write)
{
	unsigned long pgoff = vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT);
	struct inode *file = vma->file;
	struct page *page, *copy;
	int err = shmem_get_page(file, pgoff, &page);

	if (err == -ENOMEM)
		return VM_FAULT_OOM;
	if (err)		/* past EOF, or the charge refused (ENOSPC): Linux's vmf_error */
		return VM_FAULT_SIGBUS;
	/* A swap-in may have slept: the same file page must still belong here. */
	pte = fault_pte_again(mm, vma, addr);
	if (!pte || *pte || vma->file != file ||
	    vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT) != pgoff)
		return VM_FAULT_OK;	/* the access retries */
	if ((vma->flags & VM_SHARED) || !write) {
		get_page(page);
		map_page(mm, vma, addr, pte, page,
			 (vma->flags & VM_SHARED) && (vma->flags & VM_WRITE));
		return VM_FAULT_OK;
	}
	anon_vma_prepare(vma);
	get_page(page);		/* the copy's allocation may reclaim: keep the source */
	copy = copy_user_page(page);
	put_page(page);
	if (!copy)
		return VM_FAULT_OOM;
	pte = fault_pte_again(mm, vma, addr);
	if (!pte || *pte) {	/* changed while we slept: the faulting access retries */
		put_page(copy);
		return VM_FAULT_OK;
	}
	map_new_anon_page(mm, vma, addr, pte, copy);
	return VM_FAULT_OK;
}

static int do_wp_page(struct mm *mm, struct vma *vma, unsigned long addr, pte_t *pte)
{
	struct page *old = phys_to_page(pte_phys(*pte)), *copy;

	if (vma->flags & VM_SHARED) {
		*pte |= _PAGE_RW | _PAGE_DIRTY;
		flush_user_page(mm, addr);
		return VM_FAULT_OK;
	}
	/*
	 * 6.1's rule: a page in the swap cache that only this PTE maps, whose
	 * slot no other PTE holds, leaves the cache and is reused.
	 */
	if ((old->flags & PG_swapcache) && old->_mapcount == 1 && page_count(old) == 2 &&
	    swap_count(old->private) == 1)
		delete_from_swap_cache(old);
	if ((old->flags & PG_anon) && page_count(old) == 1) {
		*pte |= _PAGE_RW | _PAGE_DIRTY;	/* reuse: nobody else can see it */
		flush_user_page(mm, addr);
		return VM_FAULT_OK;
	}
	anon_vma_prepare(vma);
	/*
	 * The copy's allocation may reclaim, and reclaim could swap out @old
	 * from under this very PTE: our reference keeps it (reclaim leaves
	 * pages with extra references alone), and the PTE is checked again.
	 */
	get_page(old);
	copy = copy_user_page(old);
	if (copy)
		pte = fault_pte_again(mm, vma, addr);
	if (!copy || !pte || pte_phys(*pte) != page_to_phys(old) || !pte_present(*pte)) {
		put_page(old);
		if (copy)
			put_page(copy);
		return copy ? VM_FAULT_OK : VM_FAULT_OOM;
	}
	put_page(old);
	unmap_one(mm, vma, old);
	map_new_anon_page(mm, vma, addr, pte, copy);
	return VM_FAULT_OK;
}

/* Resolve a fault the VMA allows: one function per kind. */
static int __handle_mm_fault(struct mm *mm, struct vma *vma, unsigned long addr, bool write)
{
	pte_t *pte = pte_walk(mm->pgd, addr, true, mm);

	if (!pte)
		return VM_FAULT_OOM;
	if (is_swap_pte(*pte))
		return do_swap_page(mm, vma, addr, pte, write);
	if (!pte_present(*pte))
		return vma->file ? do_shmem_fault(mm, vma, addr, pte, write)
				 : do_anonymous_page(mm, vma, addr, pte, write);
	if (write && !pte_write(*pte))
		return do_wp_page(mm, vma, addr, pte);
	return VM_FAULT_OK;	/* already fixed (e.g. by a sibling fault) */
}

/*
 * Faults that reach here are counted in pgfault, and in the task's
 * min_flt when they succeed (Linux's mm_account_fault: user, uaccess
 * and populate faults alike; there are no major faults without swap).
 */
int handle_mm_fault(struct mm *mm, unsigned long addr, unsigned int fault_flags)
{
	bool write = fault_flags & FAULT_FLAG_WRITE;
	struct vma *vma = find_vma(mm, addr);
	unsigned long maj;
	int ret;

	if (!vma)
		return VM_FAULT_SIGSEGV;
	if (addr < vma->start &&
	    (!(vma->flags & VM_GROWSDOWN) || expand_stack(vma, addr)))
		return VM_FAULT_SIGSEGV;
	if (write && !(vma->flags & VM_WRITE))
		return VM_FAULT_ACCESS;
	if ((fault_flags & FAULT_FLAG_INSTRUCTION) && !(vma->flags & VM_EXEC))
		return VM_FAULT_ACCESS;
	if (!(vma->flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return VM_FAULT_ACCESS;
	count_vm_event(PGFAULT);
	maj = current ? current->maj_flt : 0;
	ret = __handle_mm_fault(mm, vma, addr & PAGE_MASK, write);
	if (ret == VM_FAULT_OK && current && current->maj_flt == maj)
		current->min_flt++;	/* a swap-in counted itself as major */
	return ret;
}

pte_t *user_pte(struct mm *mm, unsigned long addr)
{
	unsigned long next;

	return pte_lookup(mm->pgd, addr, &next);
}

struct page *follow_page(struct mm *mm, unsigned long addr, bool zero_ok)
{
	unsigned long next;
	pte_t *pte = pte_lookup(mm->pgd, addr, &next);
	struct page *page;

	if (!pte || !pte_present(*pte))
		return NULL;
	page = phys_to_page(pte_phys(*pte));
	return (page->flags & PG_zero) && !zero_ok ? NULL : page;
}

/*
 * The PTE for @addr if its page table exists; else NULL, with *next set
 * to the first address past the missing table (so walks skip holes fast).
 */
pte_t *pte_lookup(pte_t *pml4, unsigned long addr, unsigned long *next)
{
	pte_t *t = pml4;

	for (int shift = 39; shift > 12; shift -= 9) {
		pte_t e = t[(addr >> shift) & 511];
		if (!pte_present(e)) {
			*next = (addr | ((1UL << shift) - 1)) + 1;
			return NULL;
		}
		t = pte_table(e);
	}
	*next = addr + PAGE_SIZE;
	return &t[(addr >> 12) & 511];
}

static bool table_empty(const pte_t *t)
{
	for (int i = 0; i < 512; i++)
		if (t[i])
			return false;
	return true;
}

static void table_release(pte_t *t, struct mm *mm)
{
	struct page *p = virt_to_page(t);

	p->flags &= ~PG_pgtable;
	mm->pgtables_bytes -= PAGE_SIZE;
	__free_pages(p, 0);
}

/*
 * Free the page tables below @t (a table of @level: 4 PML4 .. 2 PD) that
 * cover part of [start, end) and hold nothing any more.
 */
static void free_empty_tables(pte_t *t, int level, unsigned long base,
			      unsigned long start, unsigned long end, struct mm *mm)
{
	unsigned long span = 1UL << (12 + 9 * (level - 1));
	int first = (int)((start > base ? start - base : 0) / span);

	for (int i = first; i < 512; i++) {
		unsigned long lo = base + i * span;
		pte_t *child;

		if (lo >= end || (level == 4 && i >= 256))
			break;
		if (!pte_present(t[i]))
			continue;
		child = pte_table(t[i]);
		if (level > 2)
			free_empty_tables(child, level - 1, lo, start, end, mm);
		if (table_empty(child)) {
			t[i] = 0;
			table_release(child, mm);
		}
	}
}

/*
 * Drop every page and swap entry mapped in [start, end) of @vma; the page
 * tables stay, so a task asleep in a fault with a PTE pointer in hand
 * (the oom_reaper's victim) finds its table still there.
 */
/*
 * Clear the PTEs of [start, end) in @vma; with @file_only, only those
 * mapping page-cache pages (a private mapping's copies and swap entries
 * stay).
 */
static void unmap_ptes(struct vma *vma, unsigned long start, unsigned long end, bool file_only)
{
	struct mm *mm = vma->mm;
	unsigned long addr = start, next;
	bool loaded = mm_is_loaded(mm);

	while (addr < end) {
		pte_t *pte = pte_lookup(mm->pgd, addr, &next);

		if (pte && file_only && (!pte_present(*pte) ||
		    (phys_to_page(pte_phys(*pte))->flags & (PG_anon | PG_zero)))) {
			addr = next;
			continue;
		}
		if (pte && is_swap_pte(*pte)) {
			swap_free(*pte);	/* the slot's count drops with the entry */
			mm->rss[MM_SWAPENTS]--;
			*pte = 0;
		} else if (pte && pte_present(*pte)) {
			unmap_one(mm, vma, phys_to_page(pte_phys(*pte)));
			*pte = 0;
			if (loaded && end - start <= 64 * PAGE_SIZE)
				flush_tlb_page(addr);
		}
		addr = next;
	}
	if (loaded && end - start > 64 * PAGE_SIZE)
		flush_tlb_all();
}

void unmap_page_range(struct vma *vma, unsigned long start, unsigned long end)
{
	unmap_ptes(vma, start, end, false);
}

void unmap_mapping_range(struct inode *inode, unsigned long first, unsigned long last,
			 bool even_cows)
{
	struct vma *vma;

	list_for_each_entry(vma, &inode->i_mmap, shared) {
		unsigned long end_index = vma->pgoff + ((vma->end - vma->start) >> PAGE_SHIFT);
		unsigned long from = MAX(first, vma->pgoff), to = MIN(last, end_index);

		if (from < to)
			unmap_ptes(vma, vma->start + ((from - vma->pgoff) << PAGE_SHIFT),
				   vma->start + ((to - vma->pgoff) << PAGE_SHIFT),
				   !even_cows && !(vma->flags & VM_SHARED));
	}
}

void zap_page_range(struct vma *vma, unsigned long start, unsigned long end)
{
	unmap_page_range(vma, start, end);
	free_empty_tables(vma->mm->pgd, 4, 0, start, end, vma->mm);
}

/*
 * fork: share the pages of @vma copy-on-write, and the swap slots.  The
 * destination's page table is allocated before the source PTE is read:
 * that allocation may reclaim, and reclaim may turn the source PTE into
 * a swap entry meanwhile.  A slot that counts no more references
 * (SWAP_MAP_MAX; 6.1 chains continuation pages instead) has its page
 * brought back for the parent, then shared as a page.
 */
int copy_page_range(struct mm *dst, struct mm *src, struct vma *vma, struct vma *dst_vma)
{
	bool cow = !(vma->flags & VM_SHARED);
	unsigned long addr = vma->start, next;

	while (addr < vma->end) {
		pte_t *spte = pte_lookup(src->pgd, addr, &next), *dpte;
		struct page *page;

		if (!spte || !*spte) {
			addr = next;
			continue;
		}
		dpte = pte_walk(dst->pgd, addr, true, dst);
		if (!dpte)
			return -ENOMEM;
		if (is_swap_pte(*spte)) {
			/* Both see the page in swap: one more reference to the slot. */
			if (swap_duplicate(*spte)) {
				if (do_swap_page(src, vma, addr, spte, false) != VM_FAULT_OK ||
				    vma_lookup(src, addr) != vma)
					return -ENOMEM;	/* a CLONE_VM sibling unmapped it meanwhile */
				continue;	/* the read slept: look at the PTE again */
			}
			*dpte = *spte;
			dst->rss[MM_SWAPENTS]++;
		} else if (pte_present(*spte)) {
			if (cow && pte_write(*spte)) {
				*spte &= ~_PAGE_RW;	/* both sides now copy on write */
				flush_user_page(src, addr);
			}
			page = phys_to_page(pte_phys(*spte));
			if (!(page->flags & PG_zero)) {
				get_page(page);
				page_add_rmap(page, dst_vma);
				dst->rss[mm_counter(page)]++;
			}
			/* 6.1's copy_present_pte: the child has not used the page yet. */
			*dpte = *spte & ~(_PAGE_ACCESSED | (cow ? 0 : _PAGE_DIRTY));
		}
		addr = next;
	}
	update_hiwater_rss(dst);
	return 0;
}

int move_page_tables(struct mm *mm, unsigned long old, unsigned long new, unsigned long len)
{
	for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
		unsigned long next;
		pte_t *spte = pte_lookup(mm->pgd, old + off, &next), *dpte;

		if (!spte || (!pte_present(*spte) && !is_swap_pte(*spte)))
			continue;	/* swap entries move with their PTEs */
		dpte = pte_walk(mm->pgd, new + off, true, mm);
		if (!dpte)
			return -ENOMEM;
		spte = pte_lookup(mm->pgd, old + off, &next);	/* tables may have grown */
		*dpte = *spte;
		*spte = 0;
		flush_user_page(mm, old + off);
	}
	free_empty_tables(mm->pgd, 4, 0, old, old + len, mm);
	return 0;
}

/*
 * Apply @vm_flags to the PTEs of [start, end) (mprotect).  PROT_NONE
 * keeps each page mapped but not present to the MMU (_PAGE_PROTNONE).
 * Write permission is only ever taken away here: a page becomes
 * writable at its next write fault, which decides between reuse and
 * copy-on-write.
 */
void change_protection(struct mm *mm, unsigned long start, unsigned long end,
		       unsigned long vm_flags)
{
	bool none = !(vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
	unsigned long addr = start, next;

	while (addr < end) {
		pte_t *pte = pte_lookup(mm->pgd, addr, &next);

		if (pte && pte_present(*pte)) {
			pte_t e = *pte & ~(_PAGE_PROTNONE | _PAGE_NX);
			bool w = (vm_flags & VM_WRITE) && (e & _PAGE_RW);

			e = (e & ~_PAGE_RW) | (w ? _PAGE_RW : 0) |
			    ((vm_flags & VM_EXEC) ? 0 : _PAGE_NX);
			if (none)
				e = (e & ~(_PAGE_PRESENT | _PAGE_RW)) | _PAGE_PROTNONE;
			else
				e |= _PAGE_PRESENT;
			*pte = e;
			flush_user_page(mm, addr);
		}
		addr = next;
	}
}

bool mm_check_counters(struct mm *mm, const char *who)
{
	long count[NR_MM_COUNTERS] = { 0 };
	struct vma *vma;
	bool ok = true;

	list_for_each_entry(vma, &mm->vmas, node) {
		unsigned long addr = vma->start, next;
		while (addr < vma->end) {
			pte_t *pte = pte_lookup(mm->pgd, addr, &next);
			if (pte && is_swap_pte(*pte)) {
				count[MM_SWAPENTS]++;
			} else if (pte && pte_present(*pte)) {
				struct page *p = phys_to_page(pte_phys(*pte));
				if (!(p->flags & PG_zero))
					count[mm_counter(p)]++;
			}
			addr = next;
		}
	}
	for (int i = 0; i < NR_MM_COUNTERS; i++) {
		if (count[i] != mm->rss[i]) {
			static const char *const names[] = { "MM_FILEPAGES",
				"MM_ANONPAGES", "MM_SWAPENTS", "MM_SHMEMPAGES" };
			pr_alert("BUG: Bad rss-counter state mm:%p type:%s val:%ld (oomkernel: page tables hold %ld, in %s)\n",
				 mm, names[i], mm->rss[i], count[i], who);
			warn_count++;
			ok = false;
		}
	}
	return ok;
}
