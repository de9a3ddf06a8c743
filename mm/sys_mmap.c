/*
 * mm/sys_mmap.c - brk, mmap and munmap as system calls: argument checks
 * in Linux 6.1's order with its errno values (mm/mmap.c do_mmap,
 * ksys_mmap_pgoff, brk), then mm/mmap.c.
 *
 * What a mapping is backed by: private anonymous memory; a tmpfs file's
 * page cache (shared, or private copy-on-write); shared anonymous memory
 * and MAP_SHARED of /dev/zero, which are an unnamed shmem object charged
 * whole (mm/shmem.c), as on Linux (so they stay shared across fork and
 * count as RssShmem).  MAP_POPULATE and VM_LOCKED mappings are faulted
 * in before the call returns (errors ignored, as Linux's mm_populate).
 */
#include "mm/mm.h"
#include "mm/vm_sysctl.h"
#include "mm/swap.h"
#include "mm/shmem.h"
#include "mm/mm_sysctl.h"
#include "proc/task.h"
#include "proc/cred.h"
#include "kernel/errno.h"
#include "kernel/fs/file.h"

#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE	0x0f
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_GROWSDOWN	0x0100
#define MAP_DENYWRITE	0x0800
#define MAP_EXECUTABLE	0x1000
#define MAP_LOCKED	0x2000
#define MAP_NORESERVE	0x4000
#define MAP_POPULATE	0x8000
#define MAP_NONBLOCK	0x10000
#define MAP_STACK	0x20000
#define MAP_HUGETLB	0x40000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_UNINITIALIZED 0x4000000
#define LEGACY_MAP_MASK	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | \
			 MAP_EXECUTABLE | MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED | \
			 MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

/*
 * brk(2) as 6.1: shrinking always works; growing must stay under
 * RLIMIT_DATA, clear of the next mapping (and a stack's guard gap), under
 * RLIMIT_MEMLOCK after mlockall(MCL_FUTURE), and within the commit limit.
 * Returns the new break, or the old one on any refusal.
 */
static long do_sys_brk(unsigned long brk, unsigned long a2, unsigned long a3,
	     unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	unsigned long oldbrk = ALIGN_UP(mm->brk, PAGE_SIZE), newbrk = ALIGN_UP(brk, PAGE_SIZE);
	unsigned long rlim = current->rlim[RLIMIT_DATA].rlim_cur;
	struct vma *next;

	if (brk < mm->start_brk || !user_range_ok(brk, PAGE_SIZE))
		return (long)mm->brk;
	if (rlim < RLIM_INFINITY &&
	    (brk - mm->start_brk) + (mm->end_data - mm->start_data) > rlim)
		return (long)mm->brk;		/* check_data_rlimit */
	if (newbrk == oldbrk || brk <= mm->brk) {
		if (newbrk < oldbrk && do_munmap(mm, newbrk, oldbrk - newbrk))
			return (long)mm->brk;
		mm->brk = brk;
		return (long)brk;
	}
	if (mlock_future_check(mm, mm->def_flags, newbrk - oldbrk))
		return (long)mm->brk;
	next = find_vma(mm, oldbrk);
	if (next && newbrk + PAGE_SIZE >
	    ((next->flags & VM_GROWSDOWN) ? next->start - STACK_GUARD_GAP : next->start))
		return (long)mm->brk;		/* would run into a mapping */
	if (do_brk(mm, oldbrk, newbrk - oldbrk))
		return (long)mm->brk;
	mm->brk = brk;
	if (mm->def_flags & VM_LOCKED)
		__mm_populate(mm, oldbrk, newbrk - oldbrk, true);
	return (long)brk;
}

/* The VMAs it reads or changes stay put across its sleeps (mm/mm.h). */
long sys_brk(unsigned long a1, unsigned long a2, unsigned long a3,
             unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_sys_brk(a1, a2, a3, a4, a5, a6);
	mmap_write_unlock(mm);
	return ret;
}

static unsigned long prot_to_vm(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

static bool is_dev_zero(struct inode *inode)
{
	return S_ISCHR(inode->mode) && inode->rdev == MKDEV(1, 5);
}

/*
 * The file part of do_mmap: which mappings @f allows and what they do to
 * *vm_flags.  0, or the errno Linux gives.  /dev/zero is anonymous memory.
 */
static int check_file_mapping(struct file *f, unsigned long *flags, unsigned long prot,
			      unsigned long *vm_flags)
{
	struct inode *inode = f->f_inode;
	bool can_mmap = S_ISREG(inode->mode) || is_dev_zero(inode);

	switch (*flags & MAP_TYPE) {
	case MAP_SHARED:
		*flags &= LEGACY_MAP_MASK;	/* unknown flags are ignored with MAP_SHARED */
		__attribute__((__fallthrough__));
	case MAP_SHARED_VALIDATE:
		if (*flags & ~(unsigned long)LEGACY_MAP_MASK)
			return -EOPNOTSUPP;
		if ((prot & PROT_WRITE) && !(f->f_mode & FMODE_WRITE))
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!(f->f_mode & FMODE_WRITE))
			*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		__attribute__((__fallthrough__));
	case MAP_PRIVATE:
		if (!(f->f_mode & FMODE_READ))
			return -EACCES;
		if (!can_mmap)
			return -ENODEV;
		if (*vm_flags & VM_GROWSDOWN)
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;
	}
}

/* The anonymous part of do_mmap. */
static int check_anon_mapping(unsigned long flags, unsigned long *vm_flags)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		if (*vm_flags & VM_GROWSDOWN)
			return -EINVAL;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		return 0;
	case MAP_PRIVATE:
		return 0;
	default:
		return -EINVAL;
	}
}

/* Linux's get_unmapped_area for do_mmap: a fixed range is checked, else one is found. */
static long pick_address(struct mm *mm, unsigned long addr, unsigned long len,
			 unsigned long flags)
{
	if (len > USER_TOP)
		return -ENOMEM;
	if (!(flags & MAP_FIXED)) {
		if (addr && addr < MMAP_MIN_ADDR)
			addr = MMAP_MIN_ADDR;	/* round_hint_to_min */
		addr = get_unmapped_area(mm, addr, len);
		return addr ? (long)addr : -ENOMEM;
	}
	if (addr > USER_TOP - len)
		return -ENOMEM;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (addr < MMAP_MIN_ADDR && !capable(CAP_SYS_RAWIO))
		return -EPERM;		/* security_mmap_addr: vm.mmap_min_addr */
	return (long)addr;
}

/* The VM_* flags of a request, and the checks that need only them. */
static long mmap_vm_flags(struct mm *mm, unsigned long prot, unsigned long flags,
			  unsigned long len, unsigned long *vm_flags)
{
	*vm_flags = prot_to_vm(prot) | (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
		    (flags & MAP_LOCKED ? VM_LOCKED : 0) | mm->def_flags |
		    VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if ((flags & MAP_LOCKED) && !can_do_mlock())
		return -EPERM;
	if (mlock_future_check(mm, *vm_flags, len))
		return -EAGAIN;
	return 0;
}

static long do_mmap_file(struct mm *mm, unsigned long addr, unsigned long len,
			 unsigned long prot, unsigned long flags, struct file *f,
			 unsigned long pgoff)
{
	struct inode *inode = NULL;
	unsigned long vm_flags;
	long r;

	if (!len)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;		/* too many mappings */
	r = pick_address(mm, addr, len, flags);
	if (r < 0)
		return r;
	addr = (unsigned long)r;
	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	r = mmap_vm_flags(mm, prot, flags, len, &vm_flags);
	if (!r)
		r = f ? check_file_mapping(f, &flags, prot, &vm_flags)
		      : check_anon_mapping(flags, &vm_flags);
	if (r)
		return r;
	if ((flags & MAP_NORESERVE) && sysctl_overcommit_memory != OVERCOMMIT_NEVER)
		vm_flags |= VM_NORESERVE;
	if (f && !is_dev_zero(f->f_inode)) {
		inode = f->f_inode;
		inode_get(inode);
	} else if (vm_flags & VM_SHARED) {	/* shmem_zero_setup */
		inode = shmem_kernel_file_setup(len, vm_flags);
		if (IS_ERR(inode))
			return PTR_ERR(inode);
		pgoff = 0;
	}
	r = mmap_region(mm, addr, len, vm_flags, inode, inode ? pgoff : 0);
	if (inode)
		inode_put(inode);	/* the VMA holds its own reference */
	if (r >= 0 && ((vm_flags & VM_LOCKED) ||
		       (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE))
		__mm_populate(mm, addr, len, true);
	return r;
}

static long do_sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off)
{
	struct file *f = NULL;
	long r;

	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		f = fget((int)fd);
		if (!f)
			return -EBADF;
		if (f->f_mode & FMODE_PATH) {	/* fget() does not see O_PATH files */
			fput(f);
			return -EBADF;
		}
	}
	r = do_mmap_file(current->mm, addr, len, prot, flags, f, off >> PAGE_SHIFT);
	if (f)
		fput(f);
	return r;
}

/* The VMAs it reads or changes stay put across its sleeps (mm/mm.h). */
long sys_mmap(unsigned long a1, unsigned long a2, unsigned long a3,
              unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_sys_mmap(a1, a2, a3, a4, a5, a6);
	mmap_write_unlock(mm);
	return ret;
}

static long do_sys_munmap(unsigned long addr, unsigned long len, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	long err = do_munmap(current->mm, addr, len);

	swapcache_free_orphans();	/* slots whose readahead was in flight */
	return err;
}

/* The VMAs it reads or changes stay put across its sleeps (mm/mm.h). */
long sys_munmap(unsigned long a1, unsigned long a2, unsigned long a3,
                unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_sys_munmap(a1, a2, a3, a4, a5, a6);
	mmap_write_unlock(mm);
	return ret;
}
