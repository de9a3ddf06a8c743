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
 * Synchronization: one CPU, no kernel preemption, so nothing changes
 * under code that does not sleep.  Code that sleeps (an allocation, a
 * swap read) while it relies on the VMA list holds mmap_lock: for read
 * in a page fault, swapoff's walk, /proc readers and the oom_reaper
 * (trylock); for write in every call that changes VMAs (mmap, munmap,
 * brk, mprotect, mremap, madvise, mlock*, fork on the parent's mm).
 * Nobody holds two mms' locks for write; a reader may fault on its own
 * mm inside its section (readers nest, see proc/rwsem.h).  Page tables
 * and the LRU need no lock: their walks never sleep.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "mm/pgtable.h"
#include "proc/rwsem.h"

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
#define VM_SEQ_READ	0x00008000UL	/* MADV_SEQUENTIAL */
#define VM_RAND_READ	0x00010000UL	/* MADV_RANDOM */
#define VM_DONTCOPY	0x00020000UL	/* MADV_DONTFORK: not in the child */
#define VM_LOCKONFAULT	0x00080000UL	/* mlock2(MLOCK_ONFAULT): lock pages as they fault */
#define VM_ACCOUNT	0x00100000UL	/* its pages are charged to Committed_AS */
#define VM_NORESERVE	0x00200000UL	/* MAP_NORESERVE in modes 0/1: never charged */
#define VM_WIPEONFORK	0x02000000UL	/* MADV_WIPEONFORK: the child gets it empty */
#define VM_DONTDUMP	0x04000000UL	/* MADV_DONTDUMP */
#define VM_HUGEPAGE	0x20000000UL	/* MADV_HUGEPAGE */
#define VM_NOHUGEPAGE	0x40000000UL	/* MADV_NOHUGEPAGE */
#define VM_MERGEABLE	0x80000000UL	/* MADV_MERGEABLE (KSM) */

#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)
#define VM_LOCKED_MASK	(VM_LOCKED | VM_LOCKONFAULT)

enum { MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES, NR_MM_COUNTERS };

/* mm->flags */
#define MMF_OOM_SKIP	(1UL << 21)	/* reaped or exiting: OOM must skip it */
#define MMF_OOM_VICTIM	(1UL << 25)	/* an OOM victim's mm */
#define MMF_OOM_REAP_QUEUED (1UL << 26)	/* queued for the oom_reaper once */

struct inode;
struct anon_root;
struct task;

struct vma {
	struct list_head node;		/* in mm->vmas, sorted by address */
	struct mm *mm;
	unsigned long start, end;	/* [start, end), page aligned */
	unsigned long flags;		/* VM_* */
	struct inode *file;		/* NULL for anonymous memory */
	struct list_head shared;	/* in file->i_mmap while linked (mm/rmap.h) */
	/*
	 * File mappings: the file offset of @start, in pages.  Private
	 * anonymous ones: the virtual page number they were created at
	 * (Linux's vm_pgoff), so neighbours merge only when contiguous in
	 * it; /proc/PID/maps prints 0 for VMAs without a file, as Linux.
	 */
	unsigned long pgoff;
	/*
	 * Linux's anon_vma, by identity only: 0 until the VMA holds its
	 * first private page, then shared by the pieces a split makes (or
	 * reused from a compatible neighbour), so mprotect can re-merge
	 * them.  @anon_vma_forked: inherited at fork (Linux's anon_vma_chain
	 * is not singular), which blocks merging with a VMA that has none.
	 */
	unsigned long anon_vma;
	bool anon_vma_forked;
};

struct mm {
	struct rw_semaphore mmap_lock;	/* the VMA list, across sleeps (above) */
	pte_t *pgd;
	struct list_head vmas;
	int map_count;
	int users;			/* tasks using this mm */
	unsigned long flags;		/* MMF_* */
	/*
	 * Linux's get_dumpable: 1 (SUID_DUMP_USER) from exec by a process whose
	 * effective ids are its real ones, 0 once its effective or fs ids
	 * change (fs.suid_dumpable = 0) or by prctl.  At 0 its /proc/PID files
	 * belong to root (task_dump_owner); fork copies it.
	 */
	int dumpable;
	struct anon_root *anon_root;	/* the fork family sharing anonymous pages */
	struct list_head anon_node;	/* in anon_root->mms */

	long rss[NR_MM_COUNTERS];
	long pgtables_bytes;
	unsigned long total_vm, data_vm, exec_vm, stack_vm, locked_vm, pinned_vm;
	unsigned long hiwater_rss, hiwater_vm;

	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long mmap_base;
	unsigned long def_flags;	/* VM_LOCKED(|VM_LOCKONFAULT) after mlockall(MCL_FUTURE) */
	char exe_name[64];		/* path of the executable */
};

static inline long get_mm_rss(const struct mm *mm)
{
	return mm->rss[MM_FILEPAGES] + mm->rss[MM_ANONPAGES] + mm->rss[MM_SHMEMPAGES];
}

void update_hiwater_rss(struct mm *mm);

static inline void mmap_read_lock(struct mm *mm) { down_read(&mm->mmap_lock); }
static inline bool mmap_read_trylock(struct mm *mm) { return down_read_trylock(&mm->mmap_lock); }
static inline void mmap_read_unlock(struct mm *mm) { up_read(&mm->mmap_lock); }
static inline void mmap_write_lock(struct mm *mm) { down_write(&mm->mmap_lock); }
static inline void mmap_write_unlock(struct mm *mm) { up_write(&mm->mmap_lock); }

/* mm/mmap.c */
struct mm *mm_alloc(void);
/* @t's mm with a reference (mmput drops it), or NULL (6.1's get_task_mm). */
struct mm *get_task_mm(struct task *t);
void mmput(struct mm *mm);		/* drop a user; frees at zero */
/* fork: COW copy, each VM_ACCOUNT VMA charged again; NULL on ENOMEM. */
struct mm *dup_mm(struct mm *old);
/*
 * Map [addr, addr+len) (addr chosen when !fixed; a free hint is taken) as
 * a new VMA or an extension of a neighbour (vma_merge); replaces what was
 * there for MAP_FIXED.  Charges private writable memory (VM_ACCOUNT)
 * unless VM_NORESERVE.  Returns the address or a negative errno.
 */
long do_mmap(struct mm *mm, unsigned long addr, unsigned long len,
	     unsigned long vm_flags, struct inode *file, unsigned long pgoff,
	     bool fixed);
/* The same for a checked, page-aligned range and complete VM_* flags (sys_mmap). */
long mmap_region(struct mm *mm, unsigned long addr, unsigned long len,
		 unsigned long vm_flags, struct inode *file, unsigned long pgoff);
int do_munmap(struct mm *mm, unsigned long start, unsigned long len);
/* Linux's do_brk_flags: anonymous, charged, merged into the VMA before it. */
int do_brk(struct mm *mm, unsigned long addr, unsigned long len);
void exit_mmap(struct mm *mm);
/* A free range of @len below mmap_base, @hint first if it is free; 0 if none. */
unsigned long get_unmapped_area(struct mm *mm, unsigned long hint, unsigned long len);
/* Grow a VM_GROWSDOWN VMA down to cover @addr (rlimits, guard gap, charge); 0 or -errno. */
int expand_stack(struct vma *vma, unsigned long addr);
/* RLIMIT_AS and RLIMIT_DATA: may @mm grow by @npages of a VMA with @flags? */
bool may_expand_vm(struct mm *mm, unsigned long flags, unsigned long npages);
/* Linux's accountable_mapping: private writable memory not marked VM_NORESERVE. */
static inline bool accountable_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}
struct rlimit;
/* Place mmap_base for a new image from its RLIMIT_STACK (at execve). */
void arch_pick_mmap_layout(struct mm *mm, const struct rlimit *rlim_stack);

/* mm/vma.c - the VMA list */
struct vma *find_vma(struct mm *mm, unsigned long addr);	/* first with end > addr */
struct vma *find_vma_intersection(struct mm *mm, unsigned long start, unsigned long end);
struct vma *vma_lookup(struct mm *mm, unsigned long addr);	/* the one containing addr */
struct vma *vma_prev(struct mm *mm, struct vma *vma);		/* NULL at the first */
struct vma *vma_next(struct mm *mm, struct vma *vma);		/* NULL at the last */
struct vma *vma_alloc(unsigned long start, unsigned long end, unsigned long flags,
		      struct inode *file, unsigned long pgoff);
void vma_free(struct vma *v);
void vma_link(struct mm *mm, struct vma *vma);
void vma_unlink(struct mm *mm, struct vma *vma);
void vma_set_flags(struct mm *mm, struct vma *vma, unsigned long flags);
void vma_resize(struct mm *mm, struct vma *vma, unsigned long end);
int split_vma(struct mm *mm, struct vma *vma, unsigned long addr);
/*
 * Linux's vma_merge, for a VMA just linked or just changed: absorb it
 * into the VMA before it and/or the one after it when flags, file,
 * offsets and anon_vma allow (mm/vma_merge.c).  Returns the VMA that now
 * covers @vma's range (@vma itself when nothing merged).
 */
struct vma *vma_merge_neighbours(struct mm *mm, struct vma *vma);
/*
 * Give [start, end) of @vma the flags @newflags: split it off, change
 * it, then merge it with its neighbours where Linux would (mprotect,
 * mlock, madvise).  Returns the VMA covering @start, or an ERR_PTR.
 */
struct vma *vma_modify_flags(struct mm *mm, struct vma *vma, unsigned long start,
			     unsigned long end, unsigned long newflags);
/* Linux's anon_vma_prepare: give @vma an anon_vma identity before its first private page. */
void anon_vma_prepare(struct vma *vma);
/* fork: a new identity for the child's copy of a VMA that had one. */
void anon_vma_fork(struct vma *child);
/* Stack growth: lower @vma's start to @start, with the counters. */
void vma_expand_down(struct mm *mm, struct vma *vma, unsigned long start);
/* Remove the VMA pieces inside [start, end), their pages and their charge. */
int unmap_region(struct mm *mm, unsigned long start, unsigned long end);

/* mm/vma_merge.c - the merge rules, pure (host unit tests) */
bool is_mergeable_anon_vma(unsigned long anon1, unsigned long anon2, const struct vma *vma);
bool can_vma_merge_before(const struct vma *vma, unsigned long flags, unsigned long anon_vma,
			  const struct inode *file, unsigned long pgoff);
bool can_vma_merge_after(const struct vma *vma, unsigned long flags, unsigned long anon_vma,
			 const struct inode *file, unsigned long pgoff);
bool anon_vma_compatible(const struct vma *a, const struct vma *b);

/* mm/util.c - commit accounting (Committed_AS, CommitLimit), in pages */
void vm_acct_memory(long pages);
void vm_unacct_memory(long pages);
unsigned long vm_memory_committed(void);	/* Committed_AS */
unsigned long vm_commit_limit(void);		/* CommitLimit */
/* Charge @pages; 0, or -ENOMEM (charge taken back, 6.1's line logged). */
int __vm_enough_memory(struct mm *mm, long pages, int cap_sys_admin);
/* The same with current's CAP_SYS_ADMIN deciding the admin reserve. */
int security_vm_enough_memory_mm(struct mm *mm, long pages);

/* mm/memory.c */
#define FAULT_FLAG_WRITE	0x01
#define FAULT_FLAG_USER		0x02
#define FAULT_FLAG_INSTRUCTION	0x04

enum vm_fault_result {
	VM_FAULT_OK = 0,
	VM_FAULT_OOM,		/* no memory: the caller decides (kill or EFAULT) */
	VM_FAULT_SIGBUS,	/* beyond the end of a file, or shmem refused (ENOSPC) */
	VM_FAULT_SIGSEGV,	/* no VMA (SEGV_MAPERR) */
	VM_FAULT_ACCESS,	/* VMA forbids it (SEGV_ACCERR) */
};

int handle_mm_fault(struct mm *mm, unsigned long addr, unsigned int fault_flags);
/* Remove @vma's mappings in [start, end), freeing frames and empty tables. */
void zap_page_range(struct vma *vma, unsigned long start, unsigned long end);
/* The same, keeping the page tables (the oom_reaper: the victim may be mid-fault). */
void unmap_page_range(struct vma *vma, unsigned long start, unsigned long end);
/*
 * 6.1's unmap_mapping_range: every PTE of every VMA mapping @inode at
 * file pages [first, last) goes; a private mapping's own copies (and
 * their swap entries) too when @even_cows.  Truncate passes true, so the
 * next access past the end is SIGBUS; a hole punch false.
 */
void unmap_mapping_range(struct inode *inode, unsigned long first, unsigned long last,
			 bool even_cows);
int copy_page_range(struct mm *dst, struct mm *src, struct vma *vma, struct vma *dst_vma);
/* Move the PTEs of [old, old + len) to @new (mremap); 0 or -ENOMEM. */
int move_page_tables(struct mm *mm, unsigned long old, unsigned long new, unsigned long len);
/* The PTE for @addr if its table exists, else NULL (*next: past the hole). */
pte_t *pte_lookup(pte_t *pml4, unsigned long addr, unsigned long *next);
void flush_user_page(struct mm *mm, unsigned long addr);
/* A swap entry in *@pte: bring the page back (mm/swap_state.c). */
int do_swap_page(struct mm *mm, struct vma *vma, unsigned long addr, pte_t *pte, bool write);
/* Make the PTEs of [start, end) match vm_flags (mprotect). */
void change_protection(struct mm *mm, unsigned long start, unsigned long end,
		       unsigned long vm_flags);
/* The frame mapped at @addr (NULL: none, or the zero page when !@zero_ok). */
struct page *follow_page(struct mm *mm, unsigned long addr, bool zero_ok);
/* The PTE of @addr if its page table exists, else NULL (nothing allocated). */
pte_t *user_pte(struct mm *mm, unsigned long addr);
/*
 * A fault handler that slept (allocation, swap-in) looks again: the PTE
 * of @addr if @vma still covers it, else NULL (a thread sharing the mm
 * unmapped it meanwhile, freeing the VMA and perhaps the page table).
 */
pte_t *fault_pte_again(struct mm *mm, struct vma *vma, unsigned long addr);
/* Walk the page tables and check the RSS counters (debug self-check). */
bool mm_check_counters(struct mm *mm, const char *who);
extern bool vm_debug_check;

/* mm/gup.c - populating ranges (mlock, MAP_POPULATE, MADV_POPULATE_*) */
/*
 * Linux's populate_vma_page_range: fault in [start, end) of @vma, with
 * write faults for private writable memory (breaking COW) and forced
 * reads elsewhere; nothing for VM_LOCKONFAULT, -EFAULT for PROT_NONE.
 * 0 or -errno (-ENOMEM out of memory, -EFAULT a fault refused).
 */
long populate_vma_page_range(struct vma *vma, unsigned long start, unsigned long end);
/* MADV_POPULATE_READ/WRITE's faultin_vma_page_range; the caller checked the flags. */
long faultin_vma_page_range(struct vma *vma, unsigned long start, unsigned long end, bool write);
/* Linux's __mm_populate: each VMA of [start, start+len); errors skipped if @ignore_errors. */
int __mm_populate(struct mm *mm, unsigned long start, unsigned long len, bool ignore_errors);

/* mm/mlock.c */
/* RLIMIT_MEMLOCK for a new VM_LOCKED range of @len bytes: 0 or -EAGAIN. */
int mlock_future_check(struct mm *mm, unsigned long flags, unsigned long len);
bool can_do_mlock(void);

#endif
