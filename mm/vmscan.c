/*
 * mm/vmscan.c - page reclaim: the LRU lists aged, anonymous and tmpfs
 * pages written to swap, kswapd and direct reclaim (Linux 6.1:
 * mm/vmscan.c, without memory cgroups, file pages or LRU generations).
 *
 * Data: the anon LRU lists (mm/lru.c).  Every anonymous and tmpfs page
 * is swap-backed, so it lives on the anon lists, as on Linux; with a
 * tmpfs root there are no file-backed pages to drop, and the file lists
 * stay empty.  vm.swappiness only weighs anon against file scanning, so
 * it is accepted, shown, and has nothing to weigh here.
 *
 * Algorithm, per round at a priority from DEF_PRIORITY (12) down to 0:
 * scan size >> priority pages of each anon list, SWAP_CLUSTER_MAX (32)
 * at a time, until the round has freed what it was asked to.
 *   - active list: pages come off its tail and go to the inactive list
 *     (their accessed bits cleared), whenever the inactive list is
 *     smaller than the active one (inactive_is_low);
 *   - inactive list: each page from the tail gets page_check_references:
 *     used through more than one PTE or twice in a row: to the active
 *     list; used once: a second trip round the inactive list; unused:
 *     reclaimed.  Reclaiming an anonymous page gives it a slot and puts it
 *     in the swap cache (add_to_swap), turns every PTE that maps it into
 *     the slot's entry (try_to_unmap, through the reverse map), starts its
 *     write (pageout) and frees it when nobody took it back meanwhile.  A
 *     tmpfs page is unmapped, moved from its file to the swap cache
 *     (shmem_writeout), then written and freed the same way.  The writes
 *     of a batch go to the disk together (asynchronous I/O, up to the
 *     driver's queue depth); the batch then waits for all of them.  A
 *     failed write leaves its page dirty in the swap cache, on the active
 *     list, for a later round: nothing is lost.
 * kswapd runs this when an allocation finds a zone below its low
 * watermark, until the zones are above their high one; an allocation
 * that finds nothing above the min watermark runs it itself (direct
 * reclaim, try_to_free_pages).  kswapd stops trying after
 * MAX_RECLAIM_RETRIES rounds in a row that freed nothing (no swap, say)
 * until someone frees something again.
 *
 * Synchronization: a page taken off the lists (isolated) belongs to one
 * reclaimer, which holds a reference on it; the reference makes every
 * path that would let the page leave the swap cache wait or copy (see
 * mm/swap_state.c).  Waiting for writes sleeps; nothing else in a round
 * does.
 * PF_MEMALLOC marks a reclaimer, so it neither reclaims recursively nor
 * stops at the min watermark.
 */
#include "mm/swap.h"
#include "mm/mm.h"
#include "mm/rmap.h"
#include "mm/lru.h"
#include "mm/page.h"
#include "mm/shmem.h"
#include "mm/oom.h"
#include "mm/watermark.h"
#include "kernel/vmstat.h"
#include "kernel/printk.h"
#include "kernel/fs/block_dev.h"
#include "proc/task.h"
#include "proc/sched.h"
#include "proc/signal.h"

#define DEF_PRIORITY		12
#define SWAP_CLUSTER_MAX	32	/* pages per batch, as 6.1 */

struct scan_control {
	unsigned long nr_to_reclaim;	/* this round is done at that many */
	unsigned long nr_scanned;
	unsigned long nr_reclaimed;
	int priority;			/* scan lru_size >> priority per round */
	bool kswapd;			/* whose pgscan/pgsteal counters */
};

enum page_references { PAGEREF_RECLAIM, PAGEREF_KEEP, PAGEREF_ACTIVATE, PAGEREF_WRITEBACK };

/*
 * Anonymous pages can only go to swap: is there room, or a page whose
 * data is already in a slot (6.1 looks at free slots only; a page read
 * back by a fork child while its parent still holds the slot can leave
 * memory without a new one, so we look at the swap cache too)?
 */
static bool can_reclaim_anon_pages(void)
{
	return nr_swap_pages > 0 || total_swapcache_pages() > 0;
}

/* References the page's owners explain: mappings, its cache, our isolation. */
static bool page_is_pinned(const struct page *page)
{
	if (page->io & (PAGE_IO_READ | PAGE_IO_WRITEBACK))
		return true;	/* I/O in flight: its owner holds it */
	bool cached = (page->flags & PG_swapcache) || (!(page->flags & PG_anon) && page->mapping);

	return page_count(page) > page_mapcount(page) + 1 + cached;
}

/* 6.1's folio_check_references, for swap-backed pages. */
static enum page_references page_check_references(struct page *page)
{
	unsigned long vm_flags;
	int referenced_ptes = page_referenced(page, &vm_flags);
	bool referenced_page = page->flags & PG_referenced;

	page->flags &= ~PG_referenced;
	if (vm_flags & VM_LOCKED) {
		mlock_page(page);	/* a mapping is locked: off to the unevictable list */
		return PAGEREF_ACTIVATE;
	}
	if (!referenced_ptes)
		return PAGEREF_RECLAIM;
	/* Every mapped page starts referenced by its first fault: look twice. */
	page->flags |= PG_referenced;
	return referenced_page || referenced_ptes > 1 ? PAGEREF_ACTIVATE : PAGEREF_KEEP;
}

/* Writes started by one batch of shrink_inactive_list, waited for together. */
struct writeback_batch {
	int nr;
	struct page *page[SWAP_CLUSTER_MAX];
	uint64_t entry[SWAP_CLUSTER_MAX];	/* the slot written (for the error line) */
	struct bio bio[SWAP_CLUSTER_MAX];
};

static void end_swap_bio_write(struct bio *bio)
{
	end_page_writeback(bio->private);
}

/* Start writing a dirty page of the swap cache to its slot (6.1's pageout). */
static bool pageout(struct page *page, struct writeback_batch *wb)
{
	struct bio *bio = &wb->bio[wb->nr];

	if (swap_bio_init(bio, page->private, page, true))
		return false;
	bio->end_io = end_swap_bio_write;
	bio->private = page;
	wb->page[wb->nr] = page;
	wb->entry[wb->nr++] = page->private;
	set_page_writeback(page);
	count_vm_event(PSWPOUT);
	submit_bio(bio);
	return true;
}

/*
 * Take an unreferenced page's mappings and give its data to swap.
 * PAGEREF_RECLAIM: the page may be freed now; PAGEREF_WRITEBACK: its
 * write started (in @wb); else where it goes back (PAGEREF_ACTIVATE: it
 * could not be moved, don't retry it soon).
 */
static enum page_references swap_out_page(struct page *page, struct writeback_batch *wb)
{
	if ((page->flags & PG_anon) && !(page->flags & PG_swapcache) && add_to_swap(page))
		return PAGEREF_ACTIVATE;	/* swap is full */
	if ((page->flags & PG_swapcache) && !swap_entry_in_service(page->private))
		return PAGEREF_ACTIVATE;	/* its area is being swapped off */
	if (page_mapcount(page) && !try_to_unmap(page))
		return PAGEREF_ACTIVATE;	/* a locked or hidden mapping holds it */
	if (!(page->flags & (PG_anon | PG_swapcache)) && page->mapping && shmem_writeout(page))
		return PAGEREF_ACTIVATE;	/* a tmpfs page, and swap is full */
	if (page_is_pinned(page))
		return PAGEREF_KEEP;
	if (page->flags & PG_dirty)
		return pageout(page, wb) ? PAGEREF_WRITEBACK : PAGEREF_ACTIVATE;
	return PAGEREF_RECLAIM;
}

/* Free an isolated page if only its swap cache entry and our reference hold it. */
static bool free_if_unused(struct page *page)
{
	if (page_mapcount(page) || (page->flags & PG_dirty) || (page->io & PAGE_IO_READ))
		return false;
	if ((page->flags & PG_swapcache) && page_count(page) == 2)
		delete_from_swap_cache(page);
	if (page_count(page) != 1 || (page->flags & PG_swapcache) ||
	    (!(page->flags & PG_anon) && page->mapping))
		return false;
	list_del(&page->lru);
	node_page_state_add(NR_ISOLATED_ANON, -1);
	put_page(page);			/* the last reference: back to the buddy lists */
	return true;
}

/* The end of an isolated page's trip: freed (true), or back on the list @ref says. */
static bool finish_page(struct page *page, enum page_references ref)
{
	if (ref == PAGEREF_RECLAIM && free_if_unused(page))
		return true;
	if (ref == PAGEREF_ACTIVATE) {
		page->flags |= PG_active;
		count_vm_event(PGACTIVATE);
	}
	putback_lru_page(page);
	return false;
}

/* One isolated inactive page: freed (true), put back, or left in @wb under writeback. */
static bool shrink_page(struct page *page, struct writeback_batch *wb)
{
	enum page_references ref = PAGEREF_KEEP;

	if (!(page->flags & PG_mlocked) && !(page->io & PAGE_IO_READ) && !page_is_pinned(page))
		ref = page_check_references(page);
	if (ref == PAGEREF_RECLAIM)
		ref = swap_out_page(page, wb);
	if (ref == PAGEREF_WRITEBACK)
		return false;
	return finish_page(page, ref);
}

/*
 * Wait for the batch's writes; a failed one keeps its page dirty in
 * memory, logged.  A written page is freed, or with @keep left clean in
 * the swap cache at the inactive list's tail, where the next reclaim
 * finds it first: 6.1 never waits for a write it started, so the page is
 * still under writeback when its pass ends, and MADV_PAGEOUT leaves it
 * cached (SwapCached, mincore, a minor fault on the next touch).
 */
static unsigned long finish_writeback(struct writeback_batch *wb, bool keep)
{
	unsigned long freed = 0;

	for (int i = 0; i < wb->nr; i++) {
		struct page *page = wb->page[i];
		enum page_references ref = PAGEREF_RECLAIM;

		wait_on_page_writeback(page);
		if (wb->bio[i].status) {
			swap_io_error("Write", wb->entry[i]);	/* a later round retries */
			ref = PAGEREF_ACTIVATE;
		} else if (page->flags & PG_swapcache) {
			page->flags &= ~PG_dirty;	/* the slot has it now */
			if (keep) {
				putback_lru_page_tail(page);
				continue;
			}
		}
		freed += finish_page(page, ref);
	}
	return freed;
}

static void shrink_inactive_list(unsigned long nr, struct scan_control *sc)
{
	LIST_HEAD(pages);
	unsigned long taken = isolate_lru_pages(LRU_INACTIVE_ANON, nr, &pages), freed = 0;
	struct writeback_batch wb;
	struct page *page, *next;

	wb.nr = 0;
	list_for_each_entry_safe(page, next, &pages, lru)
		freed += shrink_page(page, &wb);
	freed += finish_writeback(&wb, false);
	sc->nr_scanned += taken;
	sc->nr_reclaimed += freed;
	vm_events[sc->kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT] += taken;
	vm_events[sc->kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT] += freed;
}

/* Move @nr pages from the active list's tail to the inactive list, their bits cleared. */
static void shrink_active_list(unsigned long nr)
{
	LIST_HEAD(pages);
	unsigned long vm_flags, taken = isolate_lru_pages(LRU_ACTIVE_ANON, nr, &pages);
	struct page *page, *next;

	list_for_each_entry_safe(page, next, &pages, lru) {
		if (!(page->flags & PG_mlocked)) {
			page_referenced(page, &vm_flags);
			page->flags &= ~PG_active;
		}
		putback_lru_page(page);
	}
	vm_events[PGREFILL] += taken;
	vm_events[PGDEACTIVATE] += taken;
}

/* One round at sc->priority over both anon lists (6.1's shrink_lruvec). */
static void shrink_lruvec(struct scan_control *sc)
{
	unsigned long nr_inactive = global_lru_pages(LRU_INACTIVE_ANON) >> sc->priority;
	unsigned long nr_active = global_lru_pages(LRU_ACTIVE_ANON) >> sc->priority;

	while ((nr_inactive || nr_active) && sc->nr_reclaimed < sc->nr_to_reclaim) {
		unsigned long n = MIN(nr_active, SWAP_CLUSTER_MAX);

		nr_active -= n;
		if (n && inactive_is_low(LRU_INACTIVE_ANON))
			shrink_active_list(n);
		n = MIN(nr_inactive, SWAP_CLUSTER_MAX);
		nr_inactive -= n;
		if (n)
			shrink_inactive_list(n, sc);
	}
	if (inactive_is_low(LRU_INACTIVE_ANON))
		shrink_active_list(SWAP_CLUSTER_MAX);
}

/*
 * MADV_PAGEOUT's reclaim (6.1's reclaim_pages): the isolated pages on
 * @pages, whose accessed bits the caller cleared, go through the inactive
 * list's steps at once, SWAP_CLUSTER_MAX writes at a time; the pages
 * freed (those already clean in a slot: the ones written stay cached).  A page that cannot go (no swap, a locked mapping) is put back,
 * as reclaim would.  Not counted in pgscan/pgsteal, as on Linux.
 */
unsigned long reclaim_pages(struct list_head *pages)
{
	unsigned long freed = 0, was_memalloc = current->flags & PF_MEMALLOC;
	struct writeback_batch wb;
	struct page *page, *next;

	current->flags |= PF_MEMALLOC;
	wb.nr = 0;
	list_for_each_entry_safe(page, next, pages, lru) {
		page->flags &= ~PG_active;
		freed += shrink_page(page, &wb);
		if (wb.nr == SWAP_CLUSTER_MAX) {
			freed += finish_writeback(&wb, true);
			wb.nr = 0;
		}
	}
	freed += finish_writeback(&wb, true);
	if (!was_memalloc)
		current->flags &= ~PF_MEMALLOC;
	return freed;
}

static int kswapd_failures;	/* rounds in a row that freed nothing */

/* Rounds of rising priority until @sc's target is met; pages freed. */
static unsigned long do_try_to_free_pages(struct scan_control *sc)
{
	if (!can_reclaim_anon_pages())
		return 0;
	for (sc->priority = DEF_PRIORITY; sc->priority >= 0; sc->priority--) {
		shrink_lruvec(sc);
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
		if (!sc->kswapd && fatal_signal_pending(current))
			break;		/* dying: its exit frees more than we could */
	}
	if (sc->nr_reclaimed)
		kswapd_failures = 0;
	return sc->nr_reclaimed;
}

unsigned long try_to_free_pages(gfp_t gfp, unsigned int order)
{
	struct scan_control sc = { .nr_to_reclaim = SWAP_CLUSTER_MAX };
	unsigned long freed;

	(void)gfp;
	(void)order;
	if (current->flags & PF_MEMALLOC)
		return 0;	/* a reclaimer's own allocation: no recursion */
	current->flags |= PF_MEMALLOC;
	freed = do_try_to_free_pages(&sc);
	current->flags &= ~PF_MEMALLOC;
	return freed;
}

/* ---- kswapd ---- */

static struct task *kswapd_task;
static struct wait_queue_head kswapd_wait = WAIT_QUEUE_HEAD_INIT(kswapd_wait);
static bool kswapd_woken;
static int kswapd_highest_zoneidx;

/* 6.1's pgdat_balanced: is some zone the allocations can use above its high watermark? */
static bool pgdat_balanced(int highest_zoneidx)
{
	for (int z = 0; z <= highest_zoneidx; z++) {
		const struct zone *zone = &zones[z];

		if (zone->managed_pages &&
		    zone->free_pages > high_wmark_pages(zone) + zone->lowmem_reserve[highest_zoneidx])
			return true;
	}
	return false;
}

/* Reclaim until balanced, or until rounds stop freeing anything. */
static void balance_pgdat(int highest_zoneidx)
{
	while (!pgdat_balanced(highest_zoneidx) && kswapd_failures < MAX_RECLAIM_RETRIES) {
		struct scan_control sc = { .nr_to_reclaim = SWAP_CLUSTER_MAX, .kswapd = true };

		if (!do_try_to_free_pages(&sc))
			kswapd_failures++;
	}
}

static int kswapd(void *arg)
{
	current->flags |= PF_MEMALLOC;
	for (;;) {
		int highest;

		wait_event(kswapd_wait, kswapd_woken);
		kswapd_woken = false;
		highest = kswapd_highest_zoneidx;
		kswapd_highest_zoneidx = 0;
		balance_pgdat(highest);
	}
	return 0;
}

bool pgdat_all_unreclaimable(void)
{
	return kswapd_failures >= MAX_RECLAIM_RETRIES;
}

void wakeup_kswapd(int highest_zoneidx)
{
	if (!kswapd_task || kswapd_failures >= MAX_RECLAIM_RETRIES)
		return;
	if (highest_zoneidx > kswapd_highest_zoneidx)
		kswapd_highest_zoneidx = highest_zoneidx;
	if (!kswapd_woken) {
		kswapd_woken = true;
		wake_up(&kswapd_wait);
		/* Let it run at our next return to user space (CFS's wakeup preemption). */
		if (current && current != kswapd_task)
			current->need_resched = true;
	}
}

void kswapd_run(void)
{
	kswapd_task = kthread_run(kswapd, NULL, "kswapd0");
	if (!kswapd_task)
		pr_err("Failed to start kswapd on node 0\n");
}
