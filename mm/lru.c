/*
 * mm/lru.c - the LRU lists and mapping counters of mm/lru.h (Linux 6.1:
 * mm/swap.c folio_add_lru, mm/mlock.c mlock_folio/munlock_folio,
 * mm/rmap.c page_add_*_rmap/page_remove_rmap).
 *
 * Data: one lruvec (five lists) for the single node; each zone counts
 * its pages per list and its mlocked pages.  A page on a list has PG_lru,
 * plus PG_unevictable on the unevictable one (PG_active is for aging,
 * unused until reclaim).  Invariant: a list's count equals its length,
 * and every page with PG_lru is on exactly one list.
 * mlock: mlock_count counts the VM_LOCKED mappings of a page; the first
 * sets PG_mlocked (NR_MLOCK) and moves it to the unevictable list, the
 * last undoes both.
 */
#include "mm/lru.h"
#include "mm/page.h"
#include "mm/mm.h"
#include "kernel/list.h"
#include "kernel/errno.h"
#include "kernel/vmstat.h"
#include "kernel/x86.h"

static struct list_head lru_lists[NR_LRU_LISTS] = {
	LIST_HEAD_INIT(lru_lists[0]), LIST_HEAD_INIT(lru_lists[1]), LIST_HEAD_INIT(lru_lists[2]),
	LIST_HEAD_INIT(lru_lists[3]), LIST_HEAD_INIT(lru_lists[4]),
};
static unsigned long node_stat[NR_VM_NODE_STAT_ITEMS];

unsigned long global_node_page_state(enum node_stat_item item)
{
	return node_stat[item];
}

void node_page_state_add(enum node_stat_item item, long delta)
{
	unsigned long flags = local_irq_save();	/* NR_WRITEBACK also drops in interrupts */

	node_stat[item] += delta;
	local_irq_restore(flags);
}

/* The OOM report's name for global_node_page_state(NR_LRU_BASE + lru). */
unsigned long global_lru_pages(int lru)
{
	return lru >= 0 && lru < NR_LRU_LISTS ? node_stat[lru] : 0;
}

unsigned long zone_page_state(const struct zone *zone, enum zone_stat_item item)
{
	return zone->vm_stat[item];
}

unsigned long global_zone_page_state(enum zone_stat_item item)
{
	unsigned long n = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		n += zones[z].vm_stat[item];
	return n;
}

/* The evictable list a page belongs on, mlocked or not. */
static enum lru_list evictable_lru(const struct page *page)
{
	if (page->flags & PG_swapbacked)
		return (page->flags & PG_active) ? LRU_ACTIVE_ANON : LRU_INACTIVE_ANON;
	return (page->flags & PG_active) ? LRU_ACTIVE_FILE : LRU_INACTIVE_FILE;
}

/* Linux's folio_lru_list: which list a page belongs on now. */
static enum lru_list page_lru(const struct page *page)
{
	return (page->flags & PG_mlocked) ? LRU_UNEVICTABLE : evictable_lru(page);
}

static void lru_count(struct page *page, enum lru_list lru, long delta)
{
	node_stat[lru] += delta;
	zones[page->zone].vm_stat[lru] += delta;
}

static void __add_page_to_lru_list(struct page *page, bool tail)
{
	enum lru_list lru = page_lru(page);

	page->flags |= PG_lru;
	if (lru == LRU_UNEVICTABLE)
		page->flags |= PG_unevictable;
	if (tail)
		list_add_tail(&page->lru, &lru_lists[lru]);
	else
		list_add(&page->lru, &lru_lists[lru]);
	lru_count(page, lru, 1);
}

static void add_page_to_lru_list(struct page *page)
{
	__add_page_to_lru_list(page, false);
}

static void del_page_from_lru_list(struct page *page)
{
	/* The list it is on, which PG_unevictable records (PG_mlocked may be newer). */
	enum lru_list lru = (page->flags & PG_unevictable) ? LRU_UNEVICTABLE : evictable_lru(page);

	list_del(&page->lru);
	lru_count(page, lru, -1);
	page->flags &= ~(PG_lru | PG_unevictable);
}

void lru_cache_add(struct page *page)
{
	if (!(page->flags & PG_lru))
		add_page_to_lru_list(page);
}

unsigned long isolate_lru_pages(enum lru_list lru, unsigned long nr, struct list_head *dst)
{
	unsigned long taken = 0;

	while (taken < nr && !list_empty(&lru_lists[lru])) {
		struct page *page = list_entry(lru_lists[lru].prev, struct page, lru);

		del_page_from_lru_list(page);
		get_page(page);
		list_add(&page->lru, dst);
		taken++;
	}
	node_stat[NR_ISOLATED_ANON] += taken;
	return taken;
}

int isolate_lru_page(struct page *page)
{
	if (!(page->flags & PG_lru))
		return -EBUSY;
	del_page_from_lru_list(page);
	get_page(page);
	INIT_LIST_HEAD(&page->lru);
	node_stat[NR_ISOLATED_ANON]++;
	return 0;
}

void deactivate_page(struct page *page)
{
	if ((page->flags & (PG_lru | PG_unevictable | PG_active)) != (PG_lru | PG_active))
		return;
	del_page_from_lru_list(page);
	page->flags &= ~(PG_active | PG_referenced);
	add_page_to_lru_list(page);
	count_vm_event(PGDEACTIVATE);
}

void putback_lru_page(struct page *page)
{
	node_stat[NR_ISOLATED_ANON]--;
	list_del(&page->lru);
	add_page_to_lru_list(page);
	put_page(page);
}

void putback_lru_page_tail(struct page *page)
{
	node_stat[NR_ISOLATED_ANON]--;
	list_del(&page->lru);
	__add_page_to_lru_list(page, true);
	put_page(page);
}

bool inactive_is_low(enum lru_list inactive)
{
	unsigned long in = node_stat[inactive], act = node_stat[inactive + 1];
	unsigned long gb = (in + act) >> (30 - PAGE_SHIFT), ratio = 1;

	while (gb && (ratio + 1) * (ratio + 1) <= 10 * gb)
		ratio++;	/* int_sqrt(10 * gb), 1 below a gigabyte */
	return in * ratio < act;
}

void lru_page_release(struct page *page)
{
	if (page->flags & PG_lru)
		del_page_from_lru_list(page);
	if (page->flags & PG_mlocked) {		/* freed while still counted as locked */
		page->flags &= ~PG_mlocked;
		zones[page->zone].vm_stat[NR_MLOCK]--;
	}
}

/* Re-file a page after its PG_mlocked changed. */
static void lru_move(struct page *page)
{
	if (page->flags & PG_lru) {
		del_page_from_lru_list(page);
		add_page_to_lru_list(page);
	}
}

void mlock_page(struct page *page)
{
	if (page->mlock_count < 0xffff)
		page->mlock_count++;
	if (page->flags & PG_mlocked)
		return;
	page->flags |= PG_mlocked;
	zones[page->zone].vm_stat[NR_MLOCK]++;
	lru_move(page);
}

void munlock_page(struct page *page)
{
	if (!(page->flags & PG_mlocked))
		return;
	if (page->mlock_count && --page->mlock_count)
		return;
	page->flags &= ~PG_mlocked;
	zones[page->zone].vm_stat[NR_MLOCK]--;
	lru_move(page);
}
