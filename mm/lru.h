/*
 * mm/lru.h - Linux's LRU lists and the page counters derived from
 * mappings (Linux 6.1: include/linux/mmzone.h, mm/swap.c, mm/mlock.c).
 *
 * Every user page - anonymous, or shmem/tmpfs page cache (the only page
 * cache there is) - is on exactly one LRU list from the moment it is
 * first mapped or cached until it is freed, except while reclaim holds
 * it isolated.  Both kinds are swap-backed, so they start on the inactive
 * anon list; pages of VM_LOCKED VMAs live on the unevictable list,
 * counted in NR_MLOCK too.  Reclaim (mm/vmscan.c) ages them: a page used
 * again moves to the active list, the active list's tail drains back to
 * the inactive one.  One node, as on a small Debian VM.
 *
 * What /proc/meminfo, /proc/vmstat, /proc/zoneinfo and the OOM report
 * read (all in pages):
 *   global_node_page_state(NR_INACTIVE_ANON)   Inactive(anon), nr_inactive_anon
 *   global_node_page_state(NR_ACTIVE_ANON)     Active(anon),   nr_active_anon
 *   global_node_page_state(NR_INACTIVE_FILE)   Inactive(file), nr_inactive_file
 *   global_node_page_state(NR_ACTIVE_FILE)     Active(file),   nr_active_file
 *   global_node_page_state(NR_UNEVICTABLE)     Unevictable,    nr_unevictable
 *   global_node_page_state(NR_ANON_MAPPED)     AnonPages,      nr_anon_pages
 *   global_node_page_state(NR_FILE_MAPPED)     Mapped,         nr_mapped (shmem included)
 *   global_node_page_state(NR_ISOLATED_ANON)   isolated_anon in the OOM report, nr_isolated_anon
 *   global_node_page_state(NR_WRITEBACK)       Writeback,      nr_writeback
 *   global_zone_page_state(NR_MLOCK)           Mlocked,        nr_mlock
 *   zone_page_state(zone, NR_ZONE_*)           per zone (zoneinfo, show_free_areas)
 *   global_lru_pages(lru)                      the same per list, for the OOM report
 * Synchronization: one CPU, non-preemptible; the callers that can run
 * from an interrupt (none today) would need interrupts off.
 */
#ifndef MM_LRU_H
#define MM_LRU_H

#include "kernel/types.h"

struct page;
struct vma;
struct zone;

enum lru_list {
	LRU_INACTIVE_ANON, LRU_ACTIVE_ANON, LRU_INACTIVE_FILE, LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE, NR_LRU_LISTS
};

/* Linux's node_stat_item, the part kept here (NR_LRU_BASE is 0). */
enum node_stat_item {
	NR_INACTIVE_ANON = LRU_INACTIVE_ANON, NR_ACTIVE_ANON, NR_INACTIVE_FILE,
	NR_ACTIVE_FILE, NR_UNEVICTABLE, NR_ANON_MAPPED, NR_FILE_MAPPED,
	NR_ISOLATED_ANON,	/* taken off the lists by reclaim */
	NR_WRITEBACK,		/* being written to swap */
	NR_VM_NODE_STAT_ITEMS
};

/* Linux's zone_stat_item, the part kept here (NR_FREE_PAGES is zone->free_pages). */
enum zone_stat_item {
	NR_ZONE_INACTIVE_ANON = LRU_INACTIVE_ANON, NR_ZONE_ACTIVE_ANON, NR_ZONE_INACTIVE_FILE,
	NR_ZONE_ACTIVE_FILE, NR_ZONE_UNEVICTABLE, NR_MLOCK, NR_VM_ZONE_STAT_ITEMS
};

unsigned long global_node_page_state(enum node_stat_item item);
unsigned long global_zone_page_state(enum zone_stat_item item);
unsigned long zone_page_state(const struct zone *zone, enum zone_stat_item item);
/* Pages on LRU list @lru (enum lru_list), as mm/show_mem.c asks. */
unsigned long global_lru_pages(int lru);

/* Put a new page on its LRU list (inactive anon/file, or unevictable if mlocked). */
void lru_cache_add(struct page *page);
/* Take a page off its list as it is freed (no-op when not on one). */
void lru_page_release(struct page *page);
void node_page_state_add(enum node_stat_item item, long delta);

/*
 * Reclaim's side (Linux's isolate_lru_folios, folio_putback_lru): take up
 * to @nr pages from the tail (the oldest end) of list @lru onto @dst,
 * each with a reference of the caller's and off every list, so nobody
 * else reclaims it meanwhile; the number taken.  putback_lru_page files
 * an isolated page by its flags now (PG_active, PG_mlocked) at the head
 * of its list and drops the caller's reference.
 */
struct list_head;
unsigned long isolate_lru_pages(enum lru_list lru, unsigned long nr, struct list_head *dst);
void putback_lru_page(struct page *page);
/* The same at the list's tail, first for reclaim (6.1's folio_rotate_reclaimable). */
void putback_lru_page_tail(struct page *page);
/*
 * madvise's side: isolate one page (0, or -EBUSY when it is on no list:
 * already isolated, or not a user page), and Linux's deactivate_page,
 * which moves an active evictable page to the inactive list's head.
 */
int isolate_lru_page(struct page *page);
void deactivate_page(struct page *page);
/* Linux's inactive_is_low: should the active list feed the inactive one? */
bool inactive_is_low(enum lru_list inactive);

/* One more / one fewer VM_LOCKED mapping of @page (mlock_count). */
void mlock_page(struct page *page);
void munlock_page(struct page *page);

#endif
