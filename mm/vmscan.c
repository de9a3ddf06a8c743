/*
 * mm/vmscan.c - reclaim: when the page allocator finds nothing, move
 * anonymous pages out to swap (Linux: mm/vmscan.c, shrink_page_list).
 *
 * Without reverse mappings the scan walks page tables, process by
 * process, as Linux 2.4's swap_out did: a page mapped by exactly one PTE
 * is a candidate; the hardware's accessed bit gives it a second chance
 * (the first pass only clears recently used pages' bits, the second
 * takes them too).  A chosen page is written to a free slot, its PTE
 * becomes the swap entry, and the frame goes back to the buddy lists.
 * Pages shared by fork, shmem and mlocked pages stay.
 *
 * PF_MEMALLOC marks a task inside reclaim, so that the allocations it
 * makes (page tables of nobody, here) do not reclaim recursively.
 */
#include "mm/swap.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "kernel/vmstat.h"
#include "proc/task.h"
#include "mm/lru.h"

#define SWAP_CLUSTER_MAX 32	/* pages per reclaim call, as 6.1 */

/* Write @page to a new slot; the slot's entry (count 1), or 0. */
static uint64_t write_out(struct page *page)
{
	uint64_t entry = get_swap_page();

	if (!entry)
		return 0;
	if (swap_writepage(entry, page)) {
		/* The page stays, mapped and dirty, for a later attempt. */
		swap_io_error("Write", entry);
		swap_free(entry);
		return 0;
	}
	count_vm_event(PSWPOUT);
	return entry;
}

/*
 * Replace the PTE mapping @page at @addr with a swap entry.  An
 * exclusive page (mapped once, no other reference) goes to a slot and is
 * freed.  A shared one (copy-on-write after fork) is written once, kept
 * in the swap cache, and unmapped PTE by PTE as the scan meets them;
 * when the last goes, only the cache holds it and it is freed.  True
 * if this freed a frame.
 */
static bool swap_out_pte(struct mm *mm, struct vma *vma, unsigned long addr, pte_t *pte,
			 bool second_chance)
{
	struct page *page;
	uint64_t entry;
	bool cached;

	if (!(*pte & _PAGE_PRESENT))
		return false;
	page = phys_to_page(pte_phys(*pte));
	if (!(page->flags & PG_anon) || (page->flags & (PG_zero | PG_mlocked)) ||
	    page->_mapcount < 1)
		return false;
	cached = page->flags & PG_swapcache;
	if (!cached && (page->_mapcount != 1 || page_count(page) != 1) &&
	    page_count(page) != page->_mapcount)
		return false;		/* someone else holds a reference */
	if (page->_mapcount > 1 && (mm->flags & MMF_FORKING))
		return false;		/* its other mapping is a child not yet born */
	if (second_chance && (*pte & _PAGE_ACCESSED)) {
		*pte &= ~_PAGE_ACCESSED;
		flush_user_page(mm, addr);
		return false;
	}
	if (cached) {
		entry = page->private;	/* the slot already has the data */
		if (!swap_entry_in_service(entry) || swap_duplicate(entry))
			return false;	/* not back into an area being swapped off */
	} else {
		entry = write_out(page);
		if (!entry)
			return false;
		if (page->_mapcount > 1 && add_to_swap_cache(page, entry)) {
			swap_free(entry);
			return false;
		}
	}
	*pte = entry;
	flush_user_page(mm, addr);
	mm->rss[MM_ANONPAGES]--;
	mm->rss[MM_SWAPENTS]++;
	page_remove_rmap(page, vma);
	cached = page->flags & PG_swapcache;
	put_page(page);
	if (!cached)
		return true;		/* that was its only reference: freed */
	if (page->_mapcount == 0 && page_count(page) == 1) {
		delete_from_swap_cache(page);
		return true;
	}
	return false;
}

static unsigned long shrink_mm(struct mm *mm, unsigned long want, bool second_chance)
{
	unsigned long freed = 0;
	struct vma *vma;

	list_for_each_entry(vma, &mm->vmas, node) {
		if (vma->flags & (VM_SHARED | VM_LOCKED))
			continue;
		for (unsigned long addr = vma->start, next; addr < vma->end && freed < want;
		     addr = next) {
			pte_t *pte = pte_lookup(mm->pgd, addr, &next);

			if (pte && swap_out_pte(mm, vma, addr, pte, second_chance))
				freed++;
		}
		if (freed >= want)
			break;
	}
	return freed;
}

unsigned long try_to_free_pages(gfp_t gfp, unsigned int order)
{
	unsigned long freed = 0;

	(void)gfp;
	(void)order;
	/* A full swap can still take back pages it already holds (the cache). */
	if ((nr_swap_pages <= 0 && !total_swapcache_pages()) || (current->flags & PF_MEMALLOC))
		return 0;
	current->flags |= PF_MEMALLOC;
	pid_t last = highest_pid();

	for (int pass = 0; pass < 2 && freed < SWAP_CLUSTER_MAX; pass++) {
		/* By pid: a page written out sleeps, and tasks may exit meanwhile. */
		for (pid_t pid = 1; pid <= last && freed < SWAP_CLUSTER_MAX; pid++) {
			struct task *t = find_task_by_pid(pid);

			if (!t || !t->mm || t->pid != t->tgid || t->exit_state ||
			    (t->flags & (PF_KTHREAD | PF_VFORK_CHILD)))
				continue;
			freed += shrink_mm(t->mm, SWAP_CLUSTER_MAX - freed, pass == 0);
		}
	}
	current->flags &= ~PF_MEMALLOC;
	vm_events[PGSCAN_DIRECT] += freed;
	return freed;
}
