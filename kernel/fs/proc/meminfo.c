/*
 * kernel/fs/proc/meminfo.c - /proc/meminfo, Linux 6.1's lines in 6.1's
 * order for Debian's configuration (zswap, memory failure, THP,
 * hugetlb; no CMA; x86's DirectMap lines without 1G pages, as QEMU's
 * qemu64 CPU has none), "%-16s%8lu kB" as show_val_kb prints.
 * Linux: fs/proc/meminfo.c, mm/hugetlb.c, arch/x86/mm/pat/set_memory.c.
 *
 * Page-state counts Linux keeps as counters (NR_ANON_MAPPED,
 * NR_FILE_MAPPED, NR_PAGETABLE, slab) are counted here by one pass over
 * mem_map at read time: the same numbers without touching the fault
 * path.  The LRU lines and Mlocked come from mm/lru.c's counters and
 * Committed_AS from vm_memory_committed(); there is no slab reclaim or
 * vmalloc (0).
 */
#include "kernel/fs/proc/internal.h"
#include "mm/page.h"
#include "mm/lru.h"
#include "mm/shmem.h"
#include "mm/swap.h"
#include "mm/vm_sysctl.h"
#include "mm/watermark.h"
#include "proc/task.h"

void page_census(struct page_census *c)
{
	*c = (struct page_census){ 0 };
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		const struct page *p = pfn_to_page(pfn);

		if (p->flags & (PG_reserved | PG_buddy))
			continue;
		if (p->flags & PG_swapcache)
			c->swapcache++;
		if (p->flags & PG_slab)
			c->slab++;
		else if (p->flags & PG_pgtable)
			c->pgtables++;
		else if (p->_mapcount > 0 && (p->flags & PG_anon))
			c->anon_mapped++;
		else if (p->_mapcount > 0 && p->mapping)
			c->file_mapped++;
	}
}

unsigned long nr_kernel_stacks(void)
{
	const struct task *t;
	unsigned long n = 0;

	list_for_each_entry(t, &task_list, tasks)
		n += t->kstack != NULL;
	return n;
}

#define K(pages)	((unsigned long)(pages) << (PAGE_SHIFT - 10))

static void show_val_kb(struct seq_file *m, const char *name, unsigned long pages)
{
	seq_printf(m, "%s%8lu kB\n", name, K(pages));
}

/* The first block: totals, the LRU lists, swap. */
static void meminfo_head(struct seq_file *m, const struct page_census *c)
{
	show_val_kb(m, "MemTotal:       ", totalram_pages());
	show_val_kb(m, "MemFree:        ", nr_free_pages());
	show_val_kb(m, "MemAvailable:   ", (unsigned long)si_mem_available());
	show_val_kb(m, "Buffers:        ", 0);
	show_val_kb(m, "Cached:         ", shmem_pages_in_use());
	show_val_kb(m, "SwapCached:     ", c->swapcache);
	show_val_kb(m, "Active:         ", global_node_page_state(NR_ACTIVE_ANON) +
					      global_node_page_state(NR_ACTIVE_FILE));
	show_val_kb(m, "Inactive:       ", global_node_page_state(NR_INACTIVE_ANON) +
					      global_node_page_state(NR_INACTIVE_FILE));
	show_val_kb(m, "Active(anon):   ", global_node_page_state(NR_ACTIVE_ANON));
	show_val_kb(m, "Inactive(anon): ", global_node_page_state(NR_INACTIVE_ANON));
	show_val_kb(m, "Active(file):   ", global_node_page_state(NR_ACTIVE_FILE));
	show_val_kb(m, "Inactive(file): ", global_node_page_state(NR_INACTIVE_FILE));
	show_val_kb(m, "Unevictable:    ", global_node_page_state(NR_UNEVICTABLE));
	show_val_kb(m, "Mlocked:        ", global_zone_page_state(NR_MLOCK));
	show_val_kb(m, "SwapTotal:      ", (unsigned long)total_swap_pages);
	show_val_kb(m, "SwapFree:       ", (unsigned long)nr_swap_pages);
	seq_printf(m, "Zswap:          %8lu kB\n", 0UL);
	seq_printf(m, "Zswapped:       %8lu kB\n", 0UL);
}

static void meminfo_kernel(struct seq_file *m, const struct page_census *c)
{
	show_val_kb(m, "Dirty:          ", 0);
	show_val_kb(m, "Writeback:      ", global_node_page_state(NR_WRITEBACK));
	show_val_kb(m, "AnonPages:      ", c->anon_mapped);
	show_val_kb(m, "Mapped:         ", c->file_mapped);
	show_val_kb(m, "Shmem:          ", shmem_pages_in_use());
	show_val_kb(m, "KReclaimable:   ", 0);
	show_val_kb(m, "Slab:           ", c->slab);
	show_val_kb(m, "SReclaimable:   ", 0);
	show_val_kb(m, "SUnreclaim:     ", c->slab);
	seq_printf(m, "KernelStack:    %8lu kB\n", nr_kernel_stacks() * (KSTACK_SIZE >> 10));
	show_val_kb(m, "PageTables:     ", c->pgtables);
	show_val_kb(m, "SecPageTables:  ", 0);
	show_val_kb(m, "NFS_Unstable:   ", 0);
	show_val_kb(m, "Bounce:         ", 0);
	show_val_kb(m, "WritebackTmp:   ", 0);
	show_val_kb(m, "CommitLimit:    ", vm_commit_limit());
	show_val_kb(m, "Committed_AS:   ", vm_memory_committed());
	/* x86-64 with 4-level paging: 32 TiB of vmalloc space, less one byte. */
	seq_printf(m, "VmallocTotal:   %8lu kB\n", ((32UL << 40) - 1) >> 10);
	show_val_kb(m, "VmallocUsed:    ", 0);
	show_val_kb(m, "VmallocChunk:   ", 0);
	show_val_kb(m, "Percpu:         ", 0);
}

/* Memory failure, THP and hugetlb (none of them in use), the direct map. */
static void meminfo_tail(struct seq_file *m)
{
	seq_printf(m, "HardwareCorrupted: %5lu kB\n", 0UL);
	show_val_kb(m, "AnonHugePages:  ", 0);
	show_val_kb(m, "ShmemHugePages: ", 0);
	show_val_kb(m, "ShmemPmdMapped: ", 0);
	show_val_kb(m, "FileHugePages:  ", 0);
	show_val_kb(m, "FilePmdMapped:  ", 0);
	seq_printf(m, "HugePages_Total:   %5lu\nHugePages_Free:    %5lu\n"
		      "HugePages_Rsvd:    %5lu\nHugePages_Surp:    %5lu\n"
		      "Hugepagesize:   %8lu kB\n", 0UL, 0UL, 0UL, 0UL, 2048UL);
	seq_printf(m, "Hugetlb:        %8lu kB\n", 0UL);
	/* The direct map uses 2 MiB pages only. */
	seq_printf(m, "DirectMap4k:    %8lu kB\n", 0UL);
	seq_printf(m, "DirectMap2M:    %8lu kB\n", ALIGN_UP(K(max_pfn), 2048UL));
}

int meminfo_proc_show(struct seq_file *m, struct task *t)
{
	struct page_census c;

	page_census(&c);
	meminfo_head(m, &c);
	meminfo_kernel(m, &c);
	meminfo_tail(m);
	return 0;
}
