/*
 * kernel/fs/proc/vmstat.c - /proc/vmstat, /proc/zoneinfo and
 * /proc/buddyinfo in Linux 6.1's formats (Linux: mm/vmstat.c), with the
 * item list of Debian's configuration (NUMA, NUMA balancing, zsmalloc,
 * swap, migration, compaction, hugetlb, THP, balloon, KSM, zswap; no
 * CMA) and its five zone types (DMA, DMA32, Normal, Movable, Device:
 * the last two always empty here).
 *
 * Values: the free pages and the buddy lists are the allocator's own;
 * nr_anon_pages, nr_mapped, nr_file_pages, nr_shmem, nr_page_table_pages,
 * nr_slab_unreclaimable, nr_swapcached and nr_kernel_stack are counted at read time
 * (see meminfo.c); events come from kernel/vmstat.h.  Everything else
 * is a mechanism we do not have, and reads 0.
 */
#include "kernel/fs/proc/internal.h"
#include "kernel/vmstat.h"
#include "kernel/lib/string.h"
#include "mm/page.h"
#include "mm/lru.h"
#include "mm/shmem.h"
#include "mm/watermark.h"

#define LINUX_NR_ZONES	5	/* Debian's 6.1: DMA, DMA32, Normal, Movable, Device */

static const char *const zone_stat_names[] = {
	"nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon",
	"nr_zone_inactive_file", "nr_zone_active_file", "nr_zone_unevictable",
	"nr_zone_write_pending", "nr_mlock", "nr_bounce", "nr_zspages", "nr_free_cma",
};

static const char *const numa_stat_names[] = {
	"numa_hit", "numa_miss", "numa_foreign", "numa_interleave", "numa_local", "numa_other",
};

static const char *const node_stat_names[] = {
	"nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file",
	"nr_unevictable", "nr_slab_reclaimable", "nr_slab_unreclaimable", "nr_isolated_anon",
	"nr_isolated_file", "workingset_nodes", "workingset_refault_anon",
	"workingset_refault_file", "workingset_activate_anon", "workingset_activate_file",
	"workingset_restore_anon", "workingset_restore_file", "workingset_nodereclaim",
	"nr_anon_pages", "nr_mapped", "nr_file_pages", "nr_dirty", "nr_writeback",
	"nr_writeback_temp", "nr_shmem", "nr_shmem_hugepages", "nr_shmem_pmdmapped",
	"nr_file_hugepages", "nr_file_pmdmapped", "nr_anon_transparent_hugepages",
	"nr_vmscan_write", "nr_vmscan_immediate_reclaim", "nr_dirtied", "nr_written",
	"nr_throttled_written", "nr_kernel_misc_reclaimable", "nr_foll_pin_acquired",
	"nr_foll_pin_released", "nr_kernel_stack", "nr_page_table_pages",
	"nr_sec_page_table_pages", "nr_swapcached", "pgpromote_success", "pgpromote_candidate",
};

/* The vm_event items after the per-zone ones; "pgalloc" etc. are per zone. */
static const char *const event_names_head[] = { "pgpgin", "pgpgout", "pswpin", "pswpout" };
static const char *const per_zone_events[] = { "pgalloc", "allocstall", "pgskip" };
static const char *const zone_suffix[LINUX_NR_ZONES] = {
	"_dma", "_dma32", "_normal", "_movable", "_device",
};
static const char *const event_names_tail[] = {
	"pgfree", "pgactivate", "pgdeactivate", "pglazyfree", "pgfault", "pgmajfault",
	"pglazyfreed", "pgrefill", "pgreuse", "pgsteal_kswapd", "pgsteal_direct",
	"pgdemote_kswapd", "pgdemote_direct", "pgscan_kswapd", "pgscan_direct",
	"pgscan_direct_throttle", "pgscan_anon", "pgscan_file", "pgsteal_anon", "pgsteal_file",
	"zone_reclaim_failed", "pginodesteal", "slabs_scanned", "kswapd_inodesteal",
	"kswapd_low_wmark_hit_quickly", "kswapd_high_wmark_hit_quickly", "pageoutrun",
	"pgrotated", "drop_pagecache", "drop_slab", "oom_kill", "numa_pte_updates",
	"numa_huge_pte_updates", "numa_hint_faults", "numa_hint_faults_local",
	"numa_pages_migrated", "pgmigrate_success", "pgmigrate_fail", "thp_migration_success",
	"thp_migration_fail", "thp_migration_split", "compact_migrate_scanned",
	"compact_free_scanned", "compact_isolated", "compact_stall", "compact_fail",
	"compact_success", "compact_daemon_wake", "compact_daemon_migrate_scanned",
	"compact_daemon_free_scanned", "htlb_buddy_alloc_success", "htlb_buddy_alloc_fail",
	"unevictable_pgs_culled", "unevictable_pgs_scanned", "unevictable_pgs_rescued",
	"unevictable_pgs_mlocked", "unevictable_pgs_munlocked", "unevictable_pgs_cleared",
	"unevictable_pgs_stranded", "thp_fault_alloc", "thp_fault_fallback",
	"thp_fault_fallback_charge", "thp_collapse_alloc", "thp_collapse_alloc_failed",
	"thp_file_alloc", "thp_file_fallback", "thp_file_fallback_charge", "thp_file_mapped",
	"thp_split_page", "thp_split_page_failed", "thp_deferred_split_page", "thp_split_pmd",
	"thp_scan_exceed_none_pte", "thp_scan_exceed_swap_pte", "thp_scan_exceed_share_pte",
	"thp_split_pud", "thp_zero_page_alloc", "thp_zero_page_alloc_failed", "thp_swpout",
	"thp_swpout_fallback", "balloon_inflate", "balloon_deflate", "balloon_migrate",
	"swap_ra", "swap_ra_hit", "ksm_swpin_copy", "cow_ksm", "zswpin", "zswpout",
	"direct_map_level2_splits", "direct_map_level3_splits",
};

/* Our events under their Linux names. */
static const struct { const char *name; enum vm_event_item item; } our_events[] = {
	{ "pswpin", PSWPIN }, { "pswpout", PSWPOUT }, { "pgfault", PGFAULT },
	{ "pgmajfault", PGMAJFAULT }, { "pgscan_kswapd", PGSCAN_KSWAPD },
	{ "pgscan_direct", PGSCAN_DIRECT }, { "pgsteal_kswapd", PGSTEAL_KSWAPD },
	{ "pgsteal_direct", PGSTEAL_DIRECT }, { "pgactivate", PGACTIVATE },
	{ "pgdeactivate", PGDEACTIVATE }, { "pgrefill", PGREFILL }, { "swap_ra", SWAP_RA },
	{ "swap_ra_hit", SWAP_RA_HIT }, { "oom_kill", OOM_KILL },
	{ "drop_pagecache", DROP_PAGECACHE }, { "drop_slab", DROP_SLAB },
};

static unsigned long event_value(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(our_events); i++)
		if (!strcmp(our_events[i].name, name))
			return vm_events[our_events[i].item];
	return 0;
}

static unsigned long node_value(const char *name, const struct page_census *c)
{
	static const struct { const char *name; enum node_stat_item item; } lru[] = {
		{ "nr_inactive_anon", NR_INACTIVE_ANON }, { "nr_active_anon", NR_ACTIVE_ANON },
		{ "nr_inactive_file", NR_INACTIVE_FILE }, { "nr_active_file", NR_ACTIVE_FILE },
		{ "nr_unevictable", NR_UNEVICTABLE }, { "nr_isolated_anon", NR_ISOLATED_ANON },
		{ "nr_writeback", NR_WRITEBACK },
	};

	for (size_t i = 0; i < ARRAY_SIZE(lru); i++)
		if (!strcmp(name, lru[i].name))
			return global_node_page_state(lru[i].item);
	if (!strcmp(name, "nr_anon_pages"))
		return c->anon_mapped;
	if (!strcmp(name, "nr_mapped"))
		return c->file_mapped;
	if (!strcmp(name, "nr_file_pages"))	/* 6.1 counts the swap cache as file pages */
		return shmem_pages_in_use() + c->swapcache;
	if (!strcmp(name, "nr_shmem"))
		return shmem_pages_in_use();
	if (!strcmp(name, "nr_slab_unreclaimable"))
		return c->slab;
	if (!strcmp(name, "nr_page_table_pages"))
		return c->pgtables;
	if (!strcmp(name, "nr_swapcached"))
		return c->swapcache;
	if (!strcmp(name, "nr_kernel_stack"))
		return nr_kernel_stacks() * (KSTACK_SIZE >> 10);	/* in kB, as Linux */
	return 0;
}

static const struct zone *our_zone(int i)
{
	return i < MAX_NR_ZONES ? &zones[i] : NULL;
}

static unsigned long zone_value(const char *name, const struct zone *z)
{
	if (!z)
		return 0;
	if (!strcmp(name, "nr_free_pages"))
		return z->free_pages;
	if (!strcmp(name, "nr_mlock"))
		return zone_page_state(z, NR_MLOCK);
	if (!strcmp(name, "nr_zone_inactive_anon"))
		return zone_page_state(z, NR_ZONE_INACTIVE_ANON);
	if (!strcmp(name, "nr_zone_active_anon"))
		return zone_page_state(z, NR_ZONE_ACTIVE_ANON);
	if (!strcmp(name, "nr_zone_unevictable"))
		return zone_page_state(z, NR_ZONE_UNEVICTABLE);
	return 0;
}

/* vm_dirty_ratio 20 and dirty_background_ratio 10 of the dirtyable memory. */
static void dirty_thresholds(unsigned long *thresh, unsigned long *bg)
{
	unsigned long free = nr_free_pages();
	unsigned long avail = free - MIN(free, totalreserve_pages) + 1;

	*thresh = (20 * PAGE_SIZE / 100) * avail / PAGE_SIZE;
	*bg = (10 * PAGE_SIZE / 100) * avail / PAGE_SIZE;
}

static void vmstat_events(struct seq_file *m)
{
	for (size_t i = 0; i < ARRAY_SIZE(event_names_head); i++)
		seq_printf(m, "%s %lu\n", event_names_head[i], event_value(event_names_head[i]));
	for (size_t e = 0; e < ARRAY_SIZE(per_zone_events); e++)
		for (int z = 0; z < LINUX_NR_ZONES; z++)
			seq_printf(m, "%s%s 0\n", per_zone_events[e], zone_suffix[z]);
	for (size_t i = 0; i < ARRAY_SIZE(event_names_tail); i++)
		seq_printf(m, "%s %lu\n", event_names_tail[i], event_value(event_names_tail[i]));
}

int vmstat_show(struct seq_file *m, struct task *t)
{
	struct page_census c;
	unsigned long thresh, bg;

	page_census(&c);
	seq_printf(m, "nr_free_pages %lu\n", nr_free_pages());
	for (size_t i = 1; i < ARRAY_SIZE(zone_stat_names); i++) {
		unsigned long sum = 0;

		for (int z = 0; z < MAX_NR_ZONES; z++)
			sum += zone_value(zone_stat_names[i], our_zone(z));
		seq_printf(m, "%s %lu\n", zone_stat_names[i], sum);
	}
	for (size_t i = 0; i < ARRAY_SIZE(numa_stat_names); i++)
		seq_printf(m, "%s 0\n", numa_stat_names[i]);
	for (size_t i = 0; i < ARRAY_SIZE(node_stat_names); i++)
		seq_printf(m, "%s %lu\n", node_stat_names[i], node_value(node_stat_names[i], &c));
	dirty_thresholds(&thresh, &bg);
	seq_printf(m, "nr_dirty_threshold %lu\nnr_dirty_background_threshold %lu\n", thresh, bg);
	vmstat_events(m);
	seq_puts(m, "nr_unstable 0\n");		/* deprecated, kept for old readers */
	return 0;
}

/* ---- /proc/zoneinfo ---- */

static const char *const linux_zone_names[LINUX_NR_ZONES] = {
	"DMA", "DMA32", "Normal", "Movable", "Device",
};

/* lowmem_reserve against a Linux zone index; the two extra zones add no pages. */
static unsigned long reserve_of(const struct zone *z, int j)
{
	return z ? z->lowmem_reserve[MIN(j, MAX_NR_ZONES - 1)] : 0;
}

static void zoneinfo_node_stats(struct seq_file *m, const struct page_census *c)
{
	seq_puts(m, "\n  per-node stats");
	for (size_t i = 0; i < ARRAY_SIZE(node_stat_names); i++)
		seq_printf(m, "\n      %-12s %lu", node_stat_names[i],
			   node_value(node_stat_names[i], c));
}

static void zoneinfo_counts(struct seq_file *m, const struct zone *z)
{
	seq_printf(m, "\n  pages free     %lu\n        boost    0\n        min      %lu"
		      "\n        low      %lu\n        high     %lu\n        spanned  %lu"
		      "\n        present  %lu\n        managed  %lu\n        cma      0",
		   z ? z->free_pages : 0, z ? z->watermark[WMARK_MIN] : 0,
		   z ? z->watermark[WMARK_LOW] : 0, z ? z->watermark[WMARK_HIGH] : 0,
		   z ? z->spanned_pages : 0, z ? z->present_pages : 0, z ? z->managed_pages : 0);
	seq_printf(m, "\n        protection: (%lu", reserve_of(z, 0));
	for (int j = 1; j < LINUX_NR_ZONES; j++)
		seq_printf(m, ", %lu", reserve_of(z, j));
	seq_putc(m, ')');
}

static void zoneinfo_populated(struct seq_file *m, const struct zone *z)
{
	for (size_t i = 0; i < ARRAY_SIZE(zone_stat_names); i++)
		seq_printf(m, "\n      %-12s %lu", zone_stat_names[i],
			   zone_value(zone_stat_names[i], z));
	for (size_t i = 0; i < ARRAY_SIZE(numa_stat_names); i++)
		seq_printf(m, "\n      %-12s 0", numa_stat_names[i]);
	seq_puts(m, "\n  pagesets\n    cpu: 0\n              count: 0\n              high:  0"
		    "\n              batch: 1\n  vm stats threshold: 0");
	seq_printf(m, "\n  node_unreclaimable:  0\n  start_pfn:           %lu\n",
		   z->zone_start_pfn);
}

int zoneinfo_show(struct seq_file *m, struct task *t)
{
	struct page_census c;
	bool first = true;

	page_census(&c);
	for (int i = 0; i < LINUX_NR_ZONES; i++) {
		const struct zone *z = our_zone(i);
		bool populated = z && z->present_pages;

		seq_printf(m, "Node 0, zone %8s", linux_zone_names[i]);
		if (populated && first) {
			zoneinfo_node_stats(m, &c);
			first = false;
		}
		zoneinfo_counts(m, z);
		if (populated)
			zoneinfo_populated(m, z);
		else
			seq_putc(m, '\n');
	}
	return 0;
}

int buddyinfo_show(struct seq_file *m, struct task *t)
{
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &zones[i];

		if (!z->present_pages)
			continue;
		seq_printf(m, "Node 0, zone %8s ", z->name);
		for (int o = 0; o < MAX_ORDER; o++)
			seq_printf(m, "%6lu ", z->free_area[o].nr_free);
		seq_putc(m, '\n');
	}
	return 0;
}
