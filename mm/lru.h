/*
 * mm/lru.h - Linux's LRU lists and the page counters derived from
 * mappings (Linux 6.1: include/linux/mmzone.h, mm/swap.c, mm/mlock.c).
 *
 * Every user page - anonymous, or shmem/tmpfs page cache (the only page
 * cache there is) - is on exactly one LRU list from the moment it is
 * first mapped or cached until it is freed.  Both kinds are swap-backed,
 * so they start on the inactive anon list; pages of VM_LOCKED VMAs live
 * on the unevictable list, counted in NR_MLOCK too.  Aging (active
 * lists, reclaim) comes with swap.  One node, as on a small Debian VM.
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

/* A PTE of @vma now maps / no longer maps @page: _mapcount, *_MAPPED, mlock. */
void page_add_rmap(struct page *page, struct vma *vma);
void page_remove_rmap(struct page *page, struct vma *vma);

/* One more / one fewer VM_LOCKED mapping of @page (mlock_count). */
void mlock_page(struct page *page);
void munlock_page(struct page *page);

#endif
