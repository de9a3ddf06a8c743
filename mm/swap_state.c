/*
 * mm/swap_state.c - bringing pages back from swap: the swap-in fault and
 * swapoff's sweep (Linux: mm/memory.c do_swap_page, mm/swapfile.c
 * try_to_unuse).
 *
 * There is no swap cache yet: each process that faults on a shared swap
 * entry (one left by fork) reads its own copy, so copy-on-write sharing
 * ends at swap-in; the slot's count tells when the last reference is gone.
 */
#include "mm/swap.h"
#include "mm/mm.h"
#include "mm/lru.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "kernel/errno.h"
#include "kernel/vmstat.h"
#include "kernel/printk.h"
#include "proc/task.h"
#include "proc/signal.h"

static pte_t anon_prot(const struct vma *vma)
{
	pte_t f = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (vma->flags & VM_WRITE)
		f |= _PAGE_RW | _PAGE_DIRTY;	/* the page is ours alone now */
	if (!(vma->flags & VM_EXEC))
		f |= _PAGE_NX;
	return f;
}

/* Map @page at @pte for a swap-in; writable only when no one else can see it. */
static void map_swapped(struct mm *mm, struct vma *vma, unsigned long addr, pte_t *pte,
			struct page *page, bool writable)
{
	pte_t prot = anon_prot(vma);

	if (!writable)
		prot &= ~(pte_t)(_PAGE_RW | _PAGE_DIRTY);
	page->flags |= PG_anon | PG_swapbacked;
	page_add_rmap(page, vma);
	mm->rss[MM_ANONPAGES]++;
	mm->rss[MM_SWAPENTS]--;
	update_hiwater_rss(mm);
	*pte = page_to_phys(page) | prot;
	flush_user_page(mm, addr);
}

/*
 * A fault on a swap entry.  The page may still be in memory, in the swap
 * cache (another process brought it back, or reclaim left it there): map
 * that one, shared.  Otherwise read it from the slot; if other PTEs still
 * hold the slot, the page joins the cache so that they find it too.  The
 * page is mapped writable only when this PTE was the slot's last user
 * (then it leaves the cache), as 6.1's do_swap_page.
 */
int do_swap_page(struct mm *mm, struct vma *vma, unsigned long addr, pte_t *pte, bool write)
{
	uint64_t entry = *pte;
	struct page *page = lookup_swap_cache(entry);
	unsigned long next;
	bool exclusive;

	(void)write;
	if (page) {
		get_page(page);
		map_swapped(mm, vma, addr, pte, page, false);
		swap_free(entry);
		exclusive = swap_count(entry) == 1 && page->_mapcount == 1 && page_count(page) == 2;
		if (exclusive && (vma->flags & VM_WRITE)) {
			delete_from_swap_cache(page);	/* ours alone: writable */
			*pte |= _PAGE_RW | _PAGE_DIRTY;
			flush_user_page(mm, addr);
		}
		return VM_FAULT_OK;
	}
	page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_COMP);
	if (!page)
		return VM_FAULT_OOM;
	if (swap_readpage(entry, page)) {
		swap_io_error("Read", entry);	/* the toucher gets SIGBUS, as 6.1 */
		__free_pages(page, 0);
		return VM_FAULT_SIGBUS;
	}
	/* Allocation and I/O slept: the PTE may have changed, or the page come back. */
	pte = pte_lookup(mm->pgd, addr, &next);
	if (!pte || *pte != entry || lookup_swap_cache(entry)) {
		__free_pages(page, 0);
		return VM_FAULT_OK;	/* retried by the faulting access */
	}
	exclusive = swap_count(entry) == 1;
	if (!exclusive && add_to_swap_cache(page, entry))
		exclusive = true;	/* no room in the cache: a private copy, as before */
	map_swapped(mm, vma, addr, pte, page, exclusive && (vma->flags & VM_WRITE));
	lru_cache_add(page);	/* after the rmap: it knows VM_LOCKED */
	swap_free(entry);
	count_vm_event(PSWPIN);
	if (current->mm == mm)
		current->maj_flt++;
	return VM_FAULT_OK;
}

/* Swap in every entry of area @type in @mm; 0, or -errno (killed, no memory). */
static int unuse_mm(struct mm *mm, unsigned int type)
{
	struct vma *vma;

	list_for_each_entry(vma, &mm->vmas, node) {
		for (unsigned long addr = vma->start, next; addr < vma->end; addr = next) {
			pte_t *pte = pte_lookup(mm->pgd, addr, &next);

			if (!pte || !is_swap_pte(*pte) || swp_type(*pte) != type)
				continue;
			if (fatal_signal_pending(current))
				return -EINTR;
			if (do_swap_page(mm, vma, addr, pte, false) != VM_FAULT_OK)
				return fatal_signal_pending(current) ? -EINTR : -ENOMEM;
		}
	}
	return 0;
}

int try_to_unuse(struct swap_info_struct *p)
{
	/*
	 * By pid, not down the task list: swap-ins sleep, and the task we
	 * stand on could exit meanwhile.  A page that comes back does not go
	 * to this area again (it is out of service), so one sweep suffices.
	 */
	pid_t last = highest_pid();	/* one forked meanwhile: -EBUSY below, nothing lost */

	for (pid_t pid = 1; pid <= last && p->inuse_pages; pid++) {
		struct task *t = find_task_by_pid(pid);
		int err;

		if (!t || !t->mm || t->pid != t->tgid || t->exit_state ||
		    (t->flags & PF_VFORK_CHILD))
			continue;
		err = unuse_mm(t->mm, (unsigned int)p->type);
		if (err)
			return err;
	}
	swap_cache_clear(p);	/* pages back in memory keep their data; the slots go */
	return p->inuse_pages ? -EBUSY : 0;
}
