/*
 * mm/swap_state.c - the swap cache, and bringing anonymous pages back
 * from swap (Linux 6.1: mm/swap_state.c, do_swap_page in mm/memory.c).
 *
 * The swap cache maps a slot to the page in memory that holds its data.
 * It holds one reference on the page and one count of the slot.  A page
 * enters when reclaim chooses it (add_to_swap, before its PTEs become the
 * slot's entry, so that every process that faults on the entry finds the
 * same page) and when it is read back; it leaves when the slot is freed
 * or when a process takes the page for itself (a write fault by the last
 * user), or when reclaim frees it after the write.
 *
 * Invariants:
 *   - a page in the cache has PG_swapcache and page->private = its entry;
 *   - the slot holds the page's data unless the page is PG_dirty (not yet
 *     written, or the write failed);
 *   - a page mapped writable is PG_dirty or not in the cache (a write
 *     fault takes an exclusive page out of the cache first);
 *   - while reclaim writes a page (PG_writeback) it holds a reference, so
 *     every test below that lets a page leave the cache (page_count ==
 *     what the cache and the mappings explain) fails until it is done.
 */
#include "mm/swap.h"
#include "mm/mm.h"
#include "mm/rmap.h"
#include "mm/lru.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "kernel/errno.h"
#include "kernel/vmstat.h"
#include "kernel/panic.h"
#include "proc/task.h"
#include "proc/wait.h"

static unsigned long nr_swapcache;
static struct wait_queue_head writeback_wait = WAIT_QUEUE_HEAD_INIT(writeback_wait);

unsigned long total_swapcache_pages(void)
{
	return nr_swapcache;
}

bool vm_swap_full(void)
{
	return nr_swap_pages * 2 < total_swap_pages;
}

struct page *lookup_swap_cache(uint64_t e)
{
	struct swap_info_struct *p = &swap_info[swp_type(e) % MAX_SWAPFILES];

	if (!p->swap_cache || swp_offset(e) >= p->max)
		return NULL;
	return p->swap_cache[swp_offset(e)];
}

int add_to_swap_cache(struct page *page, uint64_t e)
{
	struct swap_info_struct *p = swap_info_get(e);

	if (!p || p->swap_cache[swp_offset(e)])
		return -EEXIST;
	if (swap_duplicate(e))		/* the cache's own count of the slot */
		return -ENOMEM;
	p->swap_cache[swp_offset(e)] = page;
	page->flags |= PG_swapcache;
	page->private = (unsigned long)e;
	get_page(page);			/* the cache's reference */
	nr_swapcache++;
	return 0;
}

void delete_from_swap_cache(struct page *page)
{
	uint64_t e = page->private;
	struct swap_info_struct *p = &swap_info[swp_type(e) % MAX_SWAPFILES];

	if (!(page->flags & PG_swapcache))
		return;
	BUG_ON(page->flags & PG_writeback);	/* the slot must outlive its write */
	p->swap_cache[swp_offset(e)] = NULL;
	page->flags &= ~(PG_swapcache | PG_dirty);
	page->private = 0;
	nr_swapcache--;
	swap_free(e);
	put_page(page);
}

void swapcache_free_unused(struct page *page)
{
	/* Mapped nowhere and no other reference: only the cache keeps it. */
	if ((page->flags & PG_swapcache) && !page_mapcount(page) && page_count(page) == 1)
		delete_from_swap_cache(page);
}

int add_to_swap(struct page *page)
{
	uint64_t e = get_swap_page();

	if (!e)
		return -ENOMEM;
	if (add_to_swap_cache(page, e)) {
		swap_free(e);
		return -ENOMEM;
	}
	swap_free(e);			/* get_swap_page's count: the cache has its own */
	page->flags |= PG_dirty;	/* the slot holds nothing yet */
	return 0;
}

void set_page_writeback(struct page *page)
{
	page->flags |= PG_writeback;
}

void end_page_writeback(struct page *page)
{
	page->flags &= ~PG_writeback;
	wake_up(&writeback_wait);
}

void wait_on_page_writeback(struct page *page)
{
	wait_event(writeback_wait, !(page->flags & PG_writeback));
}

void swap_cache_clear(struct swap_info_struct *p)
{
	for (unsigned long off = 0; p->swap_cache && off < p->max; off++) {
		struct page *page = p->swap_cache[off];

		if (!page)
			continue;
		get_page(page);
		wait_on_page_writeback(page);
		if (p->swap_cache[off] == page)
			delete_from_swap_cache(page);
		put_page(page);
	}
}

/*
 * The page holding slot @e's data, with a reference for the caller and
 * in the swap cache (or, when the slot's count is full, a private copy
 * outside it): found in the cache, or read from the disk (*@major set).
 * NULL with *@err = -ENOMEM or -EIO.  May sleep; the slot stays valid
 * because the caller's PTE or inode entry holds a count of it.
 */
struct page *read_swap_cache(uint64_t e, bool *major, int *err)
{
	struct page *page = lookup_swap_cache(e);

	if (page) {
		get_page(page);
		return page;
	}
	page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_COMP);
	if (!page) {
		*err = -ENOMEM;
		return NULL;
	}
	if (swap_readpage(e, page)) {
		swap_io_error("Read", e);
		__free_pages(page, 0);
		*err = -EIO;
		return NULL;
	}
	if (lookup_swap_cache(e)) {	/* someone else read it meanwhile: theirs wins */
		__free_pages(page, 0);
		return read_swap_cache(e, major, err);
	}
	page->flags |= PG_swapbacked;
	add_to_swap_cache(page, e);	/* fails only at the count's maximum: a private copy */
	lru_cache_add(page);
	count_vm_event(PSWPIN);
	*major = true;
	return page;
}

/* Install @page read-only at @pte for a swap-in; the caller's reference becomes the PTE's. */
static void map_swapped(struct mm *mm, struct vma *vma, unsigned long addr, pte_t *pte,
			struct page *page)
{
	pte_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (!(vma->flags & VM_EXEC))
		prot |= _PAGE_NX;
	page->flags |= PG_anon | PG_swapbacked;
	if (page->mapping != mm->anon_root)
		page_set_anon_rmap(page, vma, addr);	/* just read: not yet in the rmap */
	page_add_rmap(page, vma);
	mm->rss[MM_ANONPAGES]++;
	mm->rss[MM_SWAPENTS]--;
	update_hiwater_rss(mm);
	*pte = page_to_phys(page) | prot;
	flush_user_page(mm, addr);
}

/*
 * A fault on a swap entry (6.1's do_swap_page).  The page comes from the
 * swap cache or the disk.  If this PTE is its last user (the slot's
 * count is this PTE plus the cache, the page's references the cache plus
 * ours) and the fault writes, or swap is more than half full, the page
 * leaves the cache and is mapped writable; otherwise it stays cached and
 * read-only, so it can go back to swap without another write while the
 * slot still holds its data.  A read error gives the toucher SIGBUS.
 */
int do_swap_page(struct mm *mm, struct vma *vma, unsigned long addr, pte_t *pte, bool write)
{
	uint64_t entry = *pte;
	bool major = false, exclusive;
	struct page *page;
	int err = 0;

	page = read_swap_cache(entry, &major, &err);
	if (!page)
		return err == -EIO ? VM_FAULT_SIGBUS : VM_FAULT_OOM;
	pte = user_pte(mm, addr);	/* the read slept: the PTE may have changed */
	if (!pte || *pte != entry) {
		put_page(page);
		return VM_FAULT_OK;	/* retried by the faulting access */
	}
	/* A private copy (the slot's count was full) is ours alone too. */
	exclusive = !(page->flags & PG_swapcache) ||
		    (swap_count(entry) == 2 && page_count(page) == 2 && (write || vm_swap_full()));
	map_swapped(mm, vma, addr, pte, page);
	swap_free(entry);
	if (exclusive) {
		delete_from_swap_cache(page);
		if (vma->flags & VM_WRITE) {
			*pte |= _PAGE_RW | _PAGE_DIRTY;
			flush_user_page(mm, addr);
		}
	}
	if (major) {
		count_vm_event(PGMAJFAULT);
		if (current->mm == mm)
			current->maj_flt++;
	}
	return VM_FAULT_OK;
}
