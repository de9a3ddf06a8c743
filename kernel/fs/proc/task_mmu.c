/*
 * kernel/fs/proc/task_mmu.c - /proc/PID/maps, smaps and smaps_rollup in
 * Linux 6.1's format (Linux: fs/proc/task_mmu.c).
 *
 * maps (show_map_vma):
 *   start-end perms offset major:minor inode, padded to column 73, name
 * Names: the file's path (found by walking the tmpfs tree; " (deleted)"
 * for an unlinked one), "/dev/zero (deleted)" for shared anonymous memory
 * (an unnamed shmem inode, as Linux's), [heap] and [stack]; no [vdso]
 * since there is none.  An anonymous line ends in "0 " with no padding.
 *
 * smaps: the maps line, then per VMA what its page tables hold, walked
 * PTE by PTE as 6.1's smaps_pte_entry: resident pages split shared or
 * private (page_count 1, or mapped once) and clean or dirty (the PTE's or
 * the page's dirty bit), Pss giving each of N mappers 1/N of a page (in
 * 1/4096 kB steps, Linux's PSS_SHIFT), Swap for swap entries and for the
 * swapped pages of a tmpfs file the VMA maps, SwapPss the same shared by
 * the slot's users.  The shared zero page counts nowhere, as on Linux.
 * No huge pages, so their fields are 0; THPeligible is 0.  VmFlags prints
 * Linux's two-letter names; "sd" is on every VMA but the stack, as on
 * Debian's 6.1, which sets VM_SOFTDIRTY on every new VMA (only
 * clear_refs, absent here, clears it; exec's stack setup drops it), and a
 * flag 6.1 has no name for prints "??" as there.
 * smaps_rollup: the sums over all VMAs under one "[rollup]" line.
 */
#include "kernel/fs/proc/internal.h"
#include "kernel/lib/string.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/shmem.h"
#include "mm/swap.h"
#include "kernel/errno.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/namei.h"
#include "proc/task.h"

/*
 * An inode has no name of its own: look for it.  One with no name left
 * is shown as shared anonymous memory; an unlinked file mapped by name
 * earlier looks the same here (its old path is not kept).
 */
static void put_file_name(struct seq_file *m, struct inode *file)
{
	char path[256];

	if (inode_path(file, path, sizeof(path)))
		seq_puts(m, path);
	else
		seq_puts(m, "/dev/zero (deleted)");
}

static void show_vma_header_prefix(struct seq_file *m, unsigned long start, unsigned long end,
				   unsigned long f, unsigned long pgoff, unsigned int dev,
				   unsigned long ino)
{
	seq_setwidth(m, 25 + sizeof(void *) * 6 - 1);
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", start, end,
		   f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-', f & VM_EXEC ? 'x' : '-',
		   f & VM_MAYSHARE ? 's' : 'p', pgoff, dev >> 8, dev & 0xff, ino);
}

static void show_map_vma(struct seq_file *m, const struct mm *mm, const struct vma *v)
{
	show_vma_header_prefix(m, v->start, v->end, v->flags,
			       v->file ? v->pgoff << PAGE_SHIFT : 0,
			       v->file ? v->file->dev : 0, v->file ? v->file->ino : 0);
	if (v->file) {
		seq_pad(m, ' ');
		put_file_name(m, v->file);
	} else if (v->start <= mm->brk && v->end >= mm->start_brk) {
		seq_pad(m, ' ');
		seq_puts(m, "[heap]");
	} else if (v->start <= mm->start_stack && v->end >= mm->start_stack) {
		seq_pad(m, ' ');
		seq_puts(m, "[stack]");
	}
	seq_putc(m, '\n');
}

int proc_pid_maps(struct seq_file *m, struct task *t)
{
	struct mm *mm = get_task_mm(t);
	const struct vma *v;

	if (!mm)
		return 0;
	mmap_read_lock(mm);	/* the text grows (and may sleep) as the walk goes */
	list_for_each_entry(v, &mm->vmas, node)
		show_map_vma(m, mm, v);
	mmap_read_unlock(mm);
	mmput(mm);
	return 0;
}

/* ---- smaps ---- */

#define PSS_SHIFT	12

/* Bytes, as 6.1's mem_size_stats; the pss fields in bytes << PSS_SHIFT. */
struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced, anonymous, swap;
	uint64_t pss, pss_anon, pss_file, pss_shmem, pss_dirty, pss_locked, swap_pss;
};

static void smaps_page_accumulate(struct mem_size_stats *mss, const struct page *page,
				  uint64_t pss, bool dirty, bool locked, bool private)
{
	mss->pss += pss;
	if (page->flags & PG_anon)
		mss->pss_anon += pss;
	else
		mss->pss_shmem += pss;		/* every file page is tmpfs */
	if (locked)
		mss->pss_locked += pss;
	if (dirty || (page->flags & PG_dirty)) {
		mss->pss_dirty += pss;
		*(private ? &mss->private_dirty : &mss->shared_dirty) += PAGE_SIZE;
	} else {
		*(private ? &mss->private_clean : &mss->shared_clean) += PAGE_SIZE;
	}
}

static void smaps_page(struct mem_size_stats *mss, const struct page *page, pte_t pte,
		       bool locked)
{
	int mapcount = page_mapcount(page);
	uint64_t pss = (uint64_t)PAGE_SIZE << PSS_SHIFT;

	if (page->flags & PG_anon)
		mss->anonymous += PAGE_SIZE;
	mss->resident += PAGE_SIZE;
	if ((pte & _PAGE_ACCESSED) || (page->flags & PG_referenced))
		mss->referenced += PAGE_SIZE;
	if (page_count(page) == 1 || mapcount < 2) {
		smaps_page_accumulate(mss, page, pss, pte & _PAGE_DIRTY, locked, true);
		return;
	}
	smaps_page_accumulate(mss, page, pss / mapcount, pte & _PAGE_DIRTY, locked, false);
}

/* A swap entry in a PTE: Swap, and SwapPss shared among the slot's users. */
static void smaps_swap(struct mem_size_stats *mss, pte_t pte)
{
	int users = swap_count(pte) - (lookup_swap_cache(pte) != NULL);

	mss->swap += PAGE_SIZE;
	mss->swap_pss += ((uint64_t)PAGE_SIZE << PSS_SHIFT) / (users >= 2 ? users : 1);
}

static unsigned long vma_index(const struct vma *v, unsigned long addr)
{
	return v->pgoff + ((addr - v->start) >> PAGE_SHIFT);
}

/*
 * 6.1's smap_gather_stats.  A tmpfs file's swapped pages count for a
 * VMA that cannot hold copies of its own (shared or read-only) all at
 * once; for a private writable one only where no PTE is (a copy hides
 * the file's page).
 */
static void smap_gather_stats(const struct vma *v, struct mem_size_stats *mss)
{
	bool locked = v->flags & VM_LOCKED, per_hole = false;

	if (v->file && S_ISREG(v->file->mode)) {
		unsigned long swapped = shmem_partial_swap_usage(v->file, vma_index(v, v->start),
								 vma_index(v, v->end));

		if (!swapped || (v->flags & VM_SHARED) || !(v->flags & VM_WRITE))
			mss->swap += swapped << PAGE_SHIFT;
		else
			per_hole = true;
	}
	for (unsigned long a = v->start, next; a < v->end; a += PAGE_SIZE) {
		pte_t *ptep = pte_lookup(v->mm->pgd, a, &next), pte = ptep ? *ptep : 0;

		if (!ptep) {		/* no page table: all holes up to @next */
			next = MIN(next, v->end);
			if (per_hole)
				mss->swap += shmem_partial_swap_usage(v->file, vma_index(v, a),
								      vma_index(v, next)) << PAGE_SHIFT;
			a = next - PAGE_SIZE;
			continue;
		}
		if (pte_present(pte) && (pte_phys(pte) >> PAGE_SHIFT) < max_pfn) {
			const struct page *page = phys_to_page(pte_phys(pte));

			if (!(page->flags & PG_zero))
				smaps_page(mss, page, pte, locked);
		} else if (is_swap_pte(pte)) {
			smaps_swap(mss, pte);
		} else if (!pte && per_hole) {
			mss->swap += shmem_partial_swap_usage(v->file, vma_index(v, a),
							      vma_index(v, a) + 1) << PAGE_SHIFT;
		}
	}
}

static void show_smap_kb(struct seq_file *m, const char *name, uint64_t bytes)
{
	seq_put_kb(m, name, (unsigned long)(bytes >> 10));
}

/* The part smaps and smaps_rollup share (6.1's __show_smap). */
static void show_smap_common(struct seq_file *m, const struct mem_size_stats *mss, bool rollup)
{
	show_smap_kb(m, "Rss:            ", mss->resident);
	show_smap_kb(m, "Pss:            ", mss->pss >> PSS_SHIFT);
	show_smap_kb(m, "Pss_Dirty:      ", mss->pss_dirty >> PSS_SHIFT);
	if (rollup) {
		show_smap_kb(m, "Pss_Anon:       ", mss->pss_anon >> PSS_SHIFT);
		show_smap_kb(m, "Pss_File:       ", mss->pss_file >> PSS_SHIFT);
		show_smap_kb(m, "Pss_Shmem:      ", mss->pss_shmem >> PSS_SHIFT);
	}
	show_smap_kb(m, "Shared_Clean:   ", mss->shared_clean);
	show_smap_kb(m, "Shared_Dirty:   ", mss->shared_dirty);
	show_smap_kb(m, "Private_Clean:  ", mss->private_clean);
	show_smap_kb(m, "Private_Dirty:  ", mss->private_dirty);
	show_smap_kb(m, "Referenced:     ", mss->referenced);
	show_smap_kb(m, "Anonymous:      ", mss->anonymous);
	show_smap_kb(m, "LazyFree:       ", 0);	/* MADV_FREE frees at once here */
	show_smap_kb(m, "AnonHugePages:  ", 0);
	show_smap_kb(m, "ShmemPmdMapped: ", 0);
	show_smap_kb(m, "FilePmdMapped:  ", 0);
	show_smap_kb(m, "Shared_Hugetlb: ", 0);
	seq_puts(m, "Private_Hugetlb:       0 kB\n");	/* 7 columns in 6.1 */
	show_smap_kb(m, "Swap:           ", mss->swap);
	show_smap_kb(m, "SwapPss:        ", mss->swap_pss >> PSS_SHIFT);
	show_smap_kb(m, "Locked:         ", mss->pss_locked >> PSS_SHIFT);
}

/* 6.1's show_smap_vma_flags: a name per VM_* bit, in bit order. */
static void show_smap_vma_flags(struct seq_file *m, unsigned long flags)
{
	static const char names[64][3] = {
		"rd", "wr", "ex", "sh", "mr", "mw", "me", "ms", "gd", "um", "pf", "??",
		"uw", "lo", "io", "sr", "rr", "dc", "de", "??", "ac", "nr", "ht", "sf",
		"ar", "wf", "dd", "sd", "mm", "hg", "nh", "mg",
	};

	if (!(flags & VM_GROWSDOWN))
		flags |= 0x08000000UL;	/* VM_SOFTDIRTY: exec's stack setup drops it */
	seq_puts(m, "VmFlags: ");
	for (int i = 0; i < 64; i++)
		if (flags & (1UL << i))
			seq_printf(m, "%s ", names[i][0] ? names[i] : "??");
	seq_putc(m, '\n');
}

int proc_pid_smaps(struct seq_file *m, struct task *t)
{
	struct mm *mm = get_task_mm(t);
	const struct vma *v;

	if (!mm)
		return 0;
	mmap_read_lock(mm);
	list_for_each_entry(v, &mm->vmas, node) {
		struct mem_size_stats mss = { 0 };

		smap_gather_stats(v, &mss);
		show_map_vma(m, mm, v);
		show_smap_kb(m, "Size:           ", v->end - v->start);
		show_smap_kb(m, "KernelPageSize: ", PAGE_SIZE);
		show_smap_kb(m, "MMUPageSize:    ", PAGE_SIZE);
		show_smap_common(m, &mss, false);
		seq_puts(m, "THPeligible:    0\n");
		show_smap_vma_flags(m, v->flags);
	}
	mmap_read_unlock(mm);
	mmput(mm);
	return 0;
}

int proc_pid_smaps_rollup(struct seq_file *m, struct task *t)
{
	struct mm *mm = get_task_mm(t);
	struct mem_size_stats mss = { 0 };
	unsigned long start = 0, end = 0;
	const struct vma *v;

	if (!mm)
		return -ESRCH;
	mmap_read_lock(mm);
	list_for_each_entry(v, &mm->vmas, node) {
		if (!end)
			start = v->start;
		smap_gather_stats(v, &mss);
		end = v->end;
	}
	mmap_read_unlock(mm);
	mmput(mm);
	show_vma_header_prefix(m, start, end, 0, 0, 0, 0);
	seq_pad(m, ' ');
	seq_puts(m, "[rollup]\n");
	show_smap_common(m, &mss, true);
	return 0;
}
