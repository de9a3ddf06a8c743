/*
 * mm/mm.h - address spaces: struct mm, its VMAs and its counters.
 *
 * An mm is a page table (pgd) plus a sorted list of non-overlapping
 * VMAs that say what each user address may hold.  Counters here are what
 * /proc/PID/status shows and what the OOM killer reads:
 *   rss[MM_ANONPAGES/MM_FILEPAGES/MM_SHMEMPAGES] - frames mapped, by kind
 *   rss[MM_SWAPENTS]   - PTEs holding swap entries (0 until swap exists)
 *   pgtables_bytes     - page-table pages below the PML4 (VmPTE)
 *   total_vm, data_vm, exec_vm, stack_vm, locked_vm - pages of VMAs
 * Invariant: sum(rss) == number of present user PTEs that map a frame
 * other than the zero page (the exit-time self-check verifies it).
 * Synchronization: only tasks using the mm touch it, and they never run
 * concurrently with each other in the kernel (one CPU, no preemption).
 */
#ifndef MM_MM_H
#define MM_MM_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "mm/pgtable.h"

/* vma->flags: Linux's VM_* values */
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL
#define VM_LOCKED	0x00002000UL
#define VM_DONTCOPY	0x00020000UL
#define VM_ACCOUNT	0x00100000UL
#define VM_NORESERVE	0x00200000UL

enum { MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES, NR_MM_COUNTERS };

/* mm->flags */
#define MMF_OOM_SKIP	(1UL << 21)	/* reaped or exiting: OOM must skip it */
#define MMF_OOM_VICTIM	(1UL << 25)

struct inode;

struct vma {
	struct list_head node;		/* in mm->vmas, sorted by address */
	struct mm *mm;
	unsigned long start, end;	/* [start, end), page aligned */
	unsigned long flags;		/* VM_* */
	struct inode *file;		/* NULL for anonymous memory */
	unsigned long pgoff;		/* file offset of @start, in pages */
};

struct mm {
	pte_t *pgd;
	struct list_head vmas;
	int map_count;
	int users;			/* tasks using this mm */
	unsigned long flags;		/* MMF_* */

	long rss[NR_MM_COUNTERS];
	long pgtables_bytes;
	unsigned long total_vm, data_vm, exec_vm, stack_vm, locked_vm, pinned_vm;
	unsigned long hiwater_rss, hiwater_vm;

	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long mmap_base;
	unsigned long committed;	/* pages charged for VM_ACCOUNT VMAs */
	char exe_name[64];		/* path of the executable */
};

static inline long get_mm_rss(const struct mm *mm)
{
	return mm->rss[MM_FILEPAGES] + mm->rss[MM_ANONPAGES] + mm->rss[MM_SHMEMPAGES];
}

void update_hiwater_rss(struct mm *mm);

/* mm/mmap.c */
struct mm *mm_alloc(void);
void mmput(struct mm *mm);		/* drop a user; frees at zero */
struct mm *dup_mm(struct mm *old);	/* fork: COW copy; NULL on ENOMEM */
struct vma *find_vma(struct mm *mm, unsigned long addr);	/* first with end > addr */
struct vma *find_vma_intersection(struct mm *mm, unsigned long start, unsigned long end);
/*
 * Map [addr, addr+len) (addr chosen when !fixed) as a new VMA; replaces
 * what was there for MAP_FIXED.  Returns the address or a negative errno.
 */
long do_mmap(struct mm *mm, unsigned long addr, unsigned long len,
	     unsigned long vm_flags, struct inode *file, unsigned long pgoff,
	     bool fixed);
int do_munmap(struct mm *mm, unsigned long start, unsigned long len);
int do_brk(struct mm *mm, unsigned long addr, unsigned long len);
void exit_mmap(struct mm *mm);
unsigned long get_unmapped_area(struct mm *mm, unsigned long len);
/* Grow a VM_GROWSDOWN VMA down to cover @addr (RLIMIT_STACK, guard gap); 0 or -errno. */
int expand_stack(struct vma *vma, unsigned long addr);
struct rlimit;
/* Place mmap_base for a new image from its RLIMIT_STACK (at execve). */
void arch_pick_mmap_layout(struct mm *mm, const struct rlimit *rlim_stack);

/* mm/memory.c */
#define FAULT_FLAG_WRITE	0x01
#define FAULT_FLAG_USER		0x02
#define FAULT_FLAG_INSTRUCTION	0x04

enum vm_fault_result {
	VM_FAULT_OK = 0,
	VM_FAULT_OOM,		/* no memory: the caller decides (kill or EFAULT) */
	VM_FAULT_SIGBUS,	/* beyond the end of a file */
	VM_FAULT_SIGSEGV,	/* no VMA (SEGV_MAPERR) */
	VM_FAULT_ACCESS,	/* VMA forbids it (SEGV_ACCERR) */
};

int handle_mm_fault(struct mm *mm, unsigned long addr, unsigned int fault_flags);
/* Remove mappings in [start, end) of @vma's range, freeing frames and empty tables. */
void zap_page_range(struct mm *mm, unsigned long start, unsigned long end);
int copy_page_range(struct mm *dst, struct mm *src, struct vma *vma);
/* Make the PTEs of [start, end) match vm_flags (mprotect). */
int __vm_enough_memory(struct mm *mm, long pages, int cap_sys_admin);
/* Move the PTEs of [old, old + len) to @new (mremap); 0 or -ENOMEM. */
int move_page_tables(struct mm *mm, unsigned long old, unsigned long new, unsigned long len);
void vma_resize(struct mm *mm, struct vma *vma, unsigned long end);
void vma_unlink(struct mm *mm, struct vma *vma);
struct vma *vma_alloc(unsigned long start, unsigned long end, unsigned long flags,
		      struct inode *file, unsigned long pgoff);
void vma_free(struct vma *v);
void vma_link(struct mm *mm, struct vma *vma);
int unmap_region(struct mm *mm, unsigned long start, unsigned long end);
/* The PTE for @addr if its table exists, else NULL (*next: past the hole). */
pte_t *pte_lookup(pte_t *pml4, unsigned long addr, unsigned long *next);
void flush_user_page(struct mm *mm, unsigned long addr);
/* A swap entry in *@pte: bring the page back (mm/swap_state.c). */
int do_swap_page(struct mm *mm, struct vma *vma, unsigned long addr, pte_t *pte, bool write);
void vma_set_flags(struct mm *mm, struct vma *vma, unsigned long flags);
int split_vma(struct mm *mm, struct vma *vma, unsigned long addr);
void change_protection(struct mm *mm, unsigned long start, unsigned long end,
		       unsigned long vm_flags);
/* Walk the page tables and check the RSS counters (debug self-check). */
bool mm_check_counters(struct mm *mm, const char *who);
extern bool vm_debug_check;

#endif
