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

int do_swap_page(struct mm *mm, struct vma *vma, unsigned long addr, pte_t *pte, bool write)
{
	uint64_t entry = *pte;
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_COMP);
	unsigned long next;

	(void)write;
	if (!page)
		return VM_FAULT_OOM;
	if (swap_readpage(entry, page)) {
		swap_io_error("Read", entry);	/* the toucher gets SIGBUS, as 6.1 */
		__free_pages(page, 0);
		return VM_FAULT_SIGBUS;
	}
	/* Allocation and I/O slept: the PTE (or its table) may have gone. */
	pte = pte_lookup(mm->pgd, addr, &next);
	if (!pte || *pte != entry) {
		__free_pages(page, 0);
		return VM_FAULT_OK;
	}
	page->flags |= PG_anon | PG_swapbacked;
	page->_mapcount++;
	mm->rss[MM_ANONPAGES]++;
	mm->rss[MM_SWAPENTS]--;
	update_hiwater_rss(mm);
	*pte = page_to_phys(page) | anon_prot(vma);
	flush_user_page(mm, addr);
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
	for (pid_t pid = 1; pid < PID_MAX && p->inuse_pages; pid++) {
		struct task *t = find_task_by_pid(pid);
		int err;

		if (!t || !t->mm || t->pid != t->tgid || t->exit_state ||
		    (t->flags & PF_VFORK_CHILD))
			continue;
		err = unuse_mm(t->mm, (unsigned int)p->type);
		if (err)
			return err;
	}
	return p->inuse_pages ? -EBUSY : 0;
}
