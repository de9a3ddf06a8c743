/*
 * mm/show_mem.c - the memory summary of the OOM report, in 6.1's exact
 * format (Linux: lib/show_mem.c __show_mem, mm/page_alloc.c
 * __show_free_areas, mm/swap_state.c show_swap_cache_info).
 *
 * Every line is what Debian's 6.1 prints, field for field, the LRU and
 * mlock figures from mm/lru.c; a field for a mechanism this kernel does
 * not have (per-CPU page lists, CMA, bounce buffers, highatomic
 * reserves, dirty pages, migration types) prints 0, and the buddy
 * lists, which keep no migrate types, mark every free block "(U)": here
 * nothing is movable.  The first record is one printk whose continuation
 * lines start with a space, as 6.1's.
 */
#include "mm/show_mem.h"
#include "mm/page.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/shmem.h"
#include "mm/swap.h"
#include "mm/kmalloc.h"
#include "kernel/printk.h"
#include "kernel/lib/vsprintf.h"
#include "proc/task.h"

#define K(pages) ((unsigned long)(pages) << (PAGE_SHIFT - 10))

static unsigned long nr_pagetable_pages(void)
{
	struct task *t;
	unsigned long bytes = 0;

	list_for_each_entry(t, &task_list, tasks)
		if (t->mm && t->tgid == t->pid && !t->exit_state)
			bytes += t->mm->pgtables_bytes;
	return bytes / PAGE_SIZE;
}

static unsigned long nr_tasks(void)
{
	struct task *t;
	unsigned long n = 0;

	list_for_each_entry(t, &task_list, tasks)
		if (!t->exit_state)
			n++;
	return n;
}

static void show_summary(void)
{
	printk("active_anon:%lu inactive_anon:%lu isolated_anon:%lu\n"
	       " active_file:%lu inactive_file:%lu isolated_file:%lu\n"
	       " unevictable:%lu dirty:%lu writeback:%lu\n"
	       " slab_reclaimable:%lu slab_unreclaimable:%lu\n"
	       " mapped:%lu shmem:%lu pagetables:%lu\n"
	       " sec_pagetables:%lu bounce:%lu\n"
	       " kernel_misc_reclaimable:%lu\n"
	       " free:%lu free_pcp:%lu free_cma:%lu\n",
	       global_lru_pages(LRU_ACTIVE_ANON), global_lru_pages(LRU_INACTIVE_ANON),
	       global_node_page_state(NR_ISOLATED_ANON),
	       global_lru_pages(LRU_ACTIVE_FILE), global_lru_pages(LRU_INACTIVE_FILE), 0UL,
	       global_lru_pages(LRU_UNEVICTABLE), 0UL, global_node_page_state(NR_WRITEBACK),
	       0UL, kmalloc_slab_pages(),
	       global_node_page_state(NR_FILE_MAPPED), shmem_pages_in_use(), nr_pagetable_pages(),
	       0UL, 0UL, 0UL,
	       nr_free_pages(), 0UL, 0UL);
}

static void show_node(void)
{
	printk("Node 0 active_anon:%lukB inactive_anon:%lukB active_file:%lukB"
	       " inactive_file:%lukB unevictable:%lukB isolated(anon):%lukB"
	       " isolated(file):%lukB mapped:%lukB dirty:%lukB writeback:%lukB"
	       " shmem:%lukB shmem_thp: %lukB shmem_pmdmapped: %lukB anon_thp: %lukB"
	       " writeback_tmp:%lukB kernel_stack:%lukB pagetables:%lukB"
	       " sec_pagetables:%lukB all_unreclaimable? %s\n",
	       K(global_lru_pages(LRU_ACTIVE_ANON)), K(global_lru_pages(LRU_INACTIVE_ANON)),
	       K(global_lru_pages(LRU_ACTIVE_FILE)), K(global_lru_pages(LRU_INACTIVE_FILE)),
	       K(global_lru_pages(LRU_UNEVICTABLE)), K(global_node_page_state(NR_ISOLATED_ANON)), 0UL,
	       K(global_node_page_state(NR_FILE_MAPPED)), 0UL, K(global_node_page_state(NR_WRITEBACK)),
	       K(shmem_pages_in_use()), 0UL, 0UL, 0UL, 0UL,
	       nr_tasks() * (KSTACK_SIZE / 1024), K(nr_pagetable_pages()), 0UL,
	       pgdat_all_unreclaimable() ? "yes" : "no");
}

static void show_zone(struct zone *z)
{
	printk("Node 0 %s free:%lukB boost:%lukB min:%lukB low:%lukB high:%lukB"
	       " reserved_highatomic:%luKB active_anon:%lukB inactive_anon:%lukB"
	       " active_file:%lukB inactive_file:%lukB unevictable:%lukB"
	       " writepending:%lukB present:%lukB managed:%lukB mlocked:%lukB"
	       " bounce:%lukB free_pcp:%lukB local_pcp:%ukB free_cma:%lukB\n",
	       z->name, K(z->free_pages), 0UL, K(z->watermark[WMARK_MIN]),
	       K(z->watermark[WMARK_LOW]), K(z->watermark[WMARK_HIGH]), 0UL,
	       K(zone_page_state(z, NR_ZONE_ACTIVE_ANON)), K(zone_page_state(z, NR_ZONE_INACTIVE_ANON)),
	       K(zone_page_state(z, NR_ZONE_ACTIVE_FILE)), K(zone_page_state(z, NR_ZONE_INACTIVE_FILE)),
	       K(zone_page_state(z, NR_ZONE_UNEVICTABLE)), 0UL,
	       K(z->present_pages), K(z->managed_pages), K(zone_page_state(z, NR_MLOCK)),
	       0UL, 0UL, 0u, 0UL);
	/* 6.1's zones: DMA, DMA32, Normal and the empty Movable and Device. */
	printk("lowmem_reserve[]: %ld %ld %ld %ld %ld\n",
	       (long)z->lowmem_reserve[0], (long)z->lowmem_reserve[1],
	       (long)z->lowmem_reserve[2], (long)z->lowmem_reserve[2],
	       (long)z->lowmem_reserve[2]);
}

/* "Node 0 DMA: 1*4kB (U) 0*8kB ... = 1234kB", one record. */
static void show_buddy(struct zone *z)
{
	char line[512];
	size_t n = 0;
	unsigned long total = 0;

	n += (size_t)snprintf(line + n, sizeof(line) - n, "Node 0 %s: ", z->name);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long nr = z->free_area[order].nr_free;

		total += nr << order;
		n += (size_t)snprintf(line + n, sizeof(line) - MIN(n, sizeof(line)), "%lu*%lukB %s",
				      nr, K(1UL) << order, nr ? "(U) " : "");
		if (n >= sizeof(line))
			break;
	}
	printk("%s= %lukB\n", line, K(total));
}

void show_mem(void)
{
	unsigned long total = 0, reserved = 0;

	printk("Mem-Info:\n");
	show_summary();
	show_node();
	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (zones[i].present_pages)
			show_zone(&zones[i]);
	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (zones[i].present_pages)
			show_buddy(&zones[i]);
	/* Debian's 6.1 has one huge page size on qemu64 (2 MiB); no pool here. */
	printk("Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB\n");
	printk("%lu total pagecache pages\n", shmem_pages_in_use());
	printk("%lu pages in swap cache\n", total_swapcache_pages());
	printk("Free swap  = %ldkB\n", (long)K(nr_swap_pages));
	printk("Total swap = %lukB\n", K(total_swap_pages));
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		total += zones[i].present_pages;
		reserved += zones[i].present_pages - zones[i].managed_pages;
	}
	printk("%lu pages RAM\n", total);
	printk("%lu pages HighMem/MovableOnly\n", 0UL);
	printk("%lu pages reserved\n", reserved);
	printk("%lu pages hwpoisoned\n", 0UL);
}
