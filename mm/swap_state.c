/*
 * mm/swap_state.c - the swap cache, reading pages back from swap with
 * readahead, and the swap-in fault (Linux 6.1: mm/swap_state.c,
 * mm/page_io.c, do_swap_page in mm/memory.c).
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
 *   - while reclaim writes a page (PAGE_IO_WRITEBACK) it holds a reference, so
 *     every test below that lets a page leave the cache (page_count ==
 *     what the cache and the mappings explain) fails until it is done;
 *   - a page being read (PAGE_IO_READ) is in the cache already, so a second
 *     fault on the slot waits for that read instead of starting another;
 *     no page leaves the cache while its I/O is in flight.
 *
 * Reads are asynchronous: a fault starts the read of its slot and of the
 * in-use slots around it (cluster readahead, mm/swap_readahead.c), then
 * sleeps until its own page is unlocked by the completion interrupt.
 * Readahead pages wait in the cache, unmapped and clean, for the faults
 * that follow; reclaim frees the unused ones without writing them.
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
#include "kernel/fs/block_dev.h"
#include "mm/kmalloc.h"
#include "proc/task.h"
#include "proc/wait.h"

static unsigned long nr_swapcache;
/* Waiters for the end of a read or write of a page (page->io), any page. */
static struct wait_queue_head page_wait = WAIT_QUEUE_HEAD_INIT(page_wait);

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
	BUG_ON(page->io & (PAGE_IO_WRITEBACK | PAGE_IO_READ));	/* the slot must outlive its I/O */
	p->swap_cache[swp_offset(e)] = NULL;
	page->flags &= ~(PG_swapcache | PG_dirty);
	page->private = 0;
	nr_swapcache--;
	swap_free(e);
	put_page(page);
}

/* A page that never started its read leaves the cache again (swap_read_start). */
static void delete_from_swap_cache_locked(struct page *page)
{
	page->io = 0;
	delete_from_swap_cache(page);
}

/*
 * Cache pages whose last user went while their read was still in flight
 * (readahead, mostly): they cannot leave the cache until the read ends,
 * so they wait here, referenced, for swapcache_free_orphans.
 */
#define MAX_ORPHANS 64
static struct page *orphans[MAX_ORPHANS];
static int nr_orphans;

void swapcache_free_unused(struct page *page)
{
	/* Mapped nowhere and no other reference: only the cache keeps it. */
	if (!(page->flags & PG_swapcache) || page_mapcount(page) || page_count(page) != 1)
		return;
	/*
	 * Swap entries still name the slot (try_to_unmap stopped part way):
	 * the page may be dirty, its data not yet in the slot.  Reclaim
	 * writes or frees it (6.1's folio_free_swap: not while swapped).
	 */
	if (swap_count(page->private) != 1)
		return;
	if (!(page->io & PAGE_IO_READ))
		delete_from_swap_cache(page);
	else if (nr_orphans < MAX_ORPHANS)	/* else reclaim frees it later */
		orphans[nr_orphans++] = page, get_page(page);
}

void swapcache_free_orphans(void)
{
	while (nr_orphans) {
		struct page *page = orphans[--nr_orphans];

		wait_on_page_locked(page);
		if ((page->flags & PG_swapcache) && !page_mapcount(page) && page_count(page) == 2 &&
		    !(page->io & (PAGE_IO_READ | PAGE_IO_WRITEBACK)))
			delete_from_swap_cache(page);
		put_page(page);
	}
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
	page->io |= PAGE_IO_WRITEBACK;	/* not in flight yet: no interrupt touches it */
	node_page_state_add(NR_WRITEBACK, 1);
}

void end_page_writeback(struct page *page)
{
	page->io &= (uint8_t)~PAGE_IO_WRITEBACK;
	node_page_state_add(NR_WRITEBACK, -1);
	wake_up(&page_wait);
}

void wait_on_page_writeback(struct page *page)
{
	wait_event(page_wait, !(page->io & PAGE_IO_WRITEBACK));
}

void wait_on_page_locked(struct page *page)
{
	wait_event(page_wait, !(page->io & PAGE_IO_READ));
}

void swap_cache_clear(struct swap_info_struct *p)
{
	for (unsigned long off = 0; p->swap_cache && off < p->max; off++) {
		struct page *page = p->swap_cache[off];

		if (!page)
			continue;
		get_page(page);
		wait_on_page_locked(page);
		wait_on_page_writeback(page);
		if (p->swap_cache[off] == page)
			delete_from_swap_cache(page);
		put_page(page);
	}
}

/* ---- reading: swap-in and its readahead ---- */

static int swapin_readahead_hits = 4;	/* readahead pages used since the last fault */

/* The window for a fault at @offset, from the hits since the last one. */
static unsigned long readahead_window(unsigned long offset)
{
	static unsigned long prev_offset;
	static int last_pages;
	/* vm.page-cluster has no upper bound in 6.1: past 2^10 slots we stop growing. */
	int max_pages = 1 << MIN(page_cluster, 10), hits = swapin_readahead_hits;
	unsigned int pages;

	if (max_pages <= 1)
		return 1;
	swapin_readahead_hits = 0;
	pages = swapin_nr_pages(prev_offset, offset, hits, max_pages, last_pages);
	if (!hits)
		prev_offset = offset;
	last_pages = (int)pages;
	return pages;
}

static void end_swap_bio_read(struct bio *bio)
{
	struct page *page = bio->private;

	if (bio->status)
		swap_io_error("Read", page->private);
	/* One store: whoever waits for it gets -EIO on an error. */
	page->io = bio->status ? PAGE_IO_ERROR : 0;
	kfree(bio);
	wake_up(&page_wait);
}

/*
 * Linux's __read_swap_cache_async: a new page for slot @e, in the swap
 * cache and locked, its read started; a reference for the caller.  NULL
 * when the slot is free, already cached, or memory (or the slot's count)
 * ran out.  With @gfp allowing reclaim it may sleep.
 */
static struct page *swap_read_start(uint64_t e, gfp_t gfp)
{
	struct bio *bio;
	struct page *page;

	if (!swap_slot_in_use(e) || lookup_swap_cache(e))
		return NULL;
	bio = kmalloc(sizeof(*bio), (gfp & __GFP_DIRECT_RECLAIM) ? GFP_KERNEL : GFP_NOWAIT);
	page = bio ? alloc_page(gfp) : NULL;
	if (!page || !swap_slot_in_use(e) || lookup_swap_cache(e)) {	/* we may have slept */
		kfree(bio);
		if (page)
			__free_pages(page, 0);
		return NULL;
	}
	page->flags |= PG_swapbacked;
	page->io = PAGE_IO_READ;
	if (add_to_swap_cache(page, e) || swap_bio_init(bio, e, page, false)) {
		delete_from_swap_cache_locked(page);
		kfree(bio);
		put_page(page);
		return NULL;
	}
	lru_cache_add(page);
	bio->end_io = end_swap_bio_read;
	bio->private = page;
	count_vm_event(PSWPIN);
	submit_bio(bio);
	return page;
}

void swapin_async(uint64_t e)
{
	struct page *page = swap_read_start(e, GFP_HIGHUSER_MOVABLE);

	if (page)
		put_page(page);		/* the swap cache keeps it */
}

/* Start reading the in-use slots of @e's aligned window (6.1's swap_cluster_readahead). */
static void swap_cluster_readahead(uint64_t e)
{
	struct swap_info_struct *p = &swap_info[swp_type(e) % MAX_SWAPFILES];
	unsigned long mask = readahead_window(swp_offset(e)) - 1;
	unsigned long start = swp_offset(e) & ~mask, end = swp_offset(e) | mask;
	gfp_t gfp = (GFP_HIGHUSER_MOVABLE & ~__GFP_DIRECT_RECLAIM) | __GFP_NOWARN;

	if (!mask)
		return;
	if (!start)
		start = 1;		/* slot 0 is the header */
	if (end >= p->max)
		end = p->max - 1;
	for (unsigned long off = start; off <= end; off++) {
		struct page *page;

		if (off == swp_offset(e))
			continue;
		page = swap_read_start(swp_entry(swp_type(e), off), gfp);
		if (!page)
			continue;
		page->flags |= PG_readahead;
		count_vm_event(SWAP_RA);
		put_page(page);
	}
}

/* A cached page found by a fault: count a readahead hit, wait for its read. */
static int swapin_cached(struct page *page)
{
	if (page->flags & PG_readahead) {
		page->flags &= ~PG_readahead;
		count_vm_event(SWAP_RA_HIT);
		swapin_readahead_hits++;
	}
	wait_on_page_locked(page);
	if (!(page->io & PAGE_IO_ERROR))
		return 0;
	/* The read failed: drop the page, so the next toucher reads (and fails) again. */
	if ((page->flags & PG_swapcache) && !page_mapcount(page) && page_count(page) == 2)
		delete_from_swap_cache(page);
	put_page(page);
	return -EIO;
}

/* When the slot's count is full, the cache cannot take the page: read a private copy. */
static struct page *swap_read_private(uint64_t e, int *err)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_COMP);

	*err = -ENOMEM;
	if (!page)
		return NULL;
	count_vm_event(PSWPIN);
	if (swap_readpage(e, page)) {
		swap_io_error("Read", e);
		__free_pages(page, 0);
		*err = -EIO;
		return NULL;
	}
	page->flags |= PG_swapbacked;
	lru_cache_add(page);
	return page;
}

/*
 * The page holding slot @e's data, with a reference for the caller: from
 * the swap cache (waiting for a read in flight), or read into it now
 * together with its readahead window (*@major set).  NULL with *@err =
 * -ENOMEM or -EIO (the read failed, logged).  May sleep; the slot stays
 * valid because the caller's PTE or inode entry holds a count of it.
 */
struct page *read_swap_cache(uint64_t e, bool *major, int *err)
{
	for (;;) {
		struct page *page = lookup_swap_cache(e);

		if (page) {
			get_page(page);
			*err = swapin_cached(page);
			return *err ? NULL : page;
		}
		*major = true;
		page = swap_read_start(e, GFP_HIGHUSER_MOVABLE | __GFP_COMP);
		if (page) {
			swap_cluster_readahead(e);
			*err = swapin_cached(page);
			return *err ? NULL : page;
		}
		if (lookup_swap_cache(e))
			continue;	/* someone else started it while we slept */
		if (!swap_slot_in_use(e)) {
			*err = -EIO;	/* not ours to read: a stale entry */
			return NULL;
		}
		if (swap_count(e) < SWAP_MAP_MAX) {
			*err = -ENOMEM;
			return NULL;
		}
		return swap_read_private(e, err);
	}
}

/* A swapped-in page's PTE bits: read-only, or PROT_NONE (swapoff brings those back too). */
static pte_t swapin_prot(const struct vma *vma)
{
	pte_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (!(vma->flags & VM_EXEC))
		prot |= _PAGE_NX;
	if (!(vma->flags & (VM_READ | VM_WRITE | VM_EXEC)))
		prot = (prot & ~_PAGE_PRESENT) | _PAGE_PROTNONE;	/* as change_protection */
	return prot;
}

/* Install @page read-only at @pte for a swap-in; the caller's reference becomes the PTE's. */
static void map_swapped(struct mm *mm, struct vma *vma, unsigned long addr, pte_t *pte,
			struct page *page)
{
	pte_t prot = swapin_prot(vma);

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
	/*
	 * The read slept: another task of the mm (or swapoff) may have
	 * brought the page back and freed the slot, which is then no error.
	 */
	pte = fault_pte_again(mm, vma, addr);
	if (!pte || *pte != entry) {
		if (page)
			put_page(page);
		return VM_FAULT_OK;	/* retried by the faulting access */
	}
	if (!page)
		return err == -EIO ? VM_FAULT_SIGBUS : VM_FAULT_OOM;
	/* A private copy (the slot's count was full) is ours alone too. */
	exclusive = !(page->flags & PG_swapcache) ||
		    (swap_count(entry) == 2 && page_count(page) == 2 && (write || vm_swap_full()));
	map_swapped(mm, vma, addr, pte, page);
	swap_free(entry);
	if (exclusive) {
		delete_from_swap_cache(page);
		/* 6.1 makes it writable only for a write; a later one reuses it. */
		if (write && (vma->flags & VM_WRITE)) {
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
