/*
 * mm/mlock.c - mlock, mlock2, munlock, mlockall, munlockall (Linux 6.1:
 * mm/mlock.c).
 *
 * A locked VMA has VM_LOCKED (plus VM_LOCKONFAULT for MLOCK_ONFAULT /
 * MCL_ONFAULT); its pages count in mm->locked_vm (VmLck) and are
 * populated at once unless on-fault.  Every page a VM_LOCKED VMA maps is
 * PG_mlocked on the unevictable list (mm/lru.c keeps a count of such
 * mappings per page), so reclaim will never take it.  Limits as Linux:
 * RLIMIT_MEMLOCK 0 without CAP_IPC_LOCK is EPERM; more than the limit
 * is ENOMEM (mlock, mlockall(MCL_CURRENT)) or EAGAIN (mmap, brk, mremap
 * under MCL_FUTURE or MAP_LOCKED); CAP_IPC_LOCK lifts the limit.  Locks
 * are not inherited by fork (mm/mmap.c) and vanish at exec.
 */
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/lru.h"
#include "proc/task.h"
#include "proc/cred.h"
#include "kernel/errno.h"

#define MLOCK_ONFAULT	0x01
#define MCL_CURRENT	1
#define MCL_FUTURE	2
#define MCL_ONFAULT	4

static unsigned long memlock_limit_pages(void)
{
	return current->rlim[RLIMIT_MEMLOCK].rlim_cur >> PAGE_SHIFT;
}

bool can_do_mlock(void)
{
	return current->rlim[RLIMIT_MEMLOCK].rlim_cur != 0 || capable(CAP_IPC_LOCK);
}

int mlock_future_check(struct mm *mm, unsigned long flags, unsigned long len)
{
	if (!(flags & VM_LOCKED))
		return 0;
	if ((len >> PAGE_SHIFT) + mm->locked_vm > memlock_limit_pages() && !capable(CAP_IPC_LOCK))
		return -EAGAIN;
	return 0;
}

/* mlock_vma_pages_range: the present pages of [start, end) gain or lose a locked mapping. */
static void mlock_pages_range(struct mm *mm, unsigned long start, unsigned long end, bool lock)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		struct page *page = follow_page(mm, addr, false);

		if (!page)
			continue;
		if (lock)
			mlock_page(page);
		else
			munlock_page(page);
	}
}

/* Give [start, end) of *pvma the lock flags of @newflags; *pvma: the VMA covering it now. */
static int mlock_fixup(struct mm *mm, struct vma **pvma, unsigned long start,
		       unsigned long end, unsigned long newflags)
{
	unsigned long oldflags = (*pvma)->flags;
	struct vma *vma;

	if (newflags == oldflags)
		return 0;
	vma = vma_modify_flags(mm, *pvma, start, end, newflags);	/* locked_vm follows */
	if (IS_ERR(vma))
		return (int)PTR_ERR(vma);
	if ((newflags ^ oldflags) & VM_LOCKED)
		mlock_pages_range(mm, start, end, newflags & VM_LOCKED);
	*pvma = vma;
	return 0;
}

/* Linux's apply_vma_lock_flags: every VMA of [start, start+len), a hole is ENOMEM. */
static int apply_vma_lock_flags(struct mm *mm, unsigned long start, unsigned long len,
				unsigned long flags)
{
	unsigned long end = start + len, nstart;
	struct vma *vma;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	vma = vma_lookup(mm, start);
	if (!vma)
		return -ENOMEM;
	for (nstart = start;;) {
		unsigned long newflags = (vma->flags & ~VM_LOCKED_MASK) | flags;
		unsigned long tmp = MIN(vma->end, end);
		int err = mlock_fixup(mm, &vma, nstart, tmp, newflags);

		if (err)
			return err;
		nstart = MAX(tmp, vma->end);
		if (nstart >= end)
			return 0;
		vma = find_vma(mm, nstart);
		if (!vma || vma->start != nstart)
			return -ENOMEM;
	}
}

/* Pages of [start, start+len) already in VM_LOCKED VMAs (not counted twice against the limit). */
static unsigned long count_mm_mlocked_page_nr(struct mm *mm, unsigned long start,
					      unsigned long len)
{
	unsigned long end = start + len, count = 0;
	struct vma *v;

	list_for_each_entry(v, &mm->vmas, node)
		if ((v->flags & VM_LOCKED) && v->end > start && v->start < end)
			count += MIN(v->end, end) - MAX(v->start, start);
	return count >> PAGE_SHIFT;
}

/* __mlock_posix_error_return: POSIX wants ENOMEM for unmapped, EAGAIN for no memory. */
static long mlock_posix_error(long err)
{
	if (err == -EFAULT)
		return -ENOMEM;
	if (err == -ENOMEM)
		return -EAGAIN;
	return err;
}

static long do_mlock(unsigned long start, unsigned long len, unsigned long flags)
{
	struct mm *mm = current->mm;
	unsigned long locked, limit = memlock_limit_pages();
	long err;

	if (!can_do_mlock())
		return -EPERM;
	len = ALIGN_UP(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	if (locked > limit && !capable(CAP_IPC_LOCK))
		locked -= count_mm_mlocked_page_nr(mm, start, len);
	if (locked > limit && !capable(CAP_IPC_LOCK))
		return -ENOMEM;
	err = apply_vma_lock_flags(mm, start, len, flags);
	if (err)
		return err;
	err = __mm_populate(mm, start, len, false);
	return err ? mlock_posix_error(err) : 0;
}

static long do_sys_mlock(unsigned long start, unsigned long len, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_mlock(start, len, VM_LOCKED);
}

/* The VMAs it reads or changes stay put across its sleeps (mm/mm.h). */
long sys_mlock(unsigned long a1, unsigned long a2, unsigned long a3,
               unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_sys_mlock(a1, a2, a3, a4, a5, a6);
	mmap_write_unlock(mm);
	return ret;
}

static long do_sys_mlock2(unsigned long start, unsigned long len, unsigned long flags,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	if (flags & ~(unsigned long)MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, VM_LOCKED | (flags & MLOCK_ONFAULT ? VM_LOCKONFAULT : 0));
}

/* The VMAs it reads or changes stay put across its sleeps (mm/mm.h). */
long sys_mlock2(unsigned long a1, unsigned long a2, unsigned long a3,
                unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_sys_mlock2(a1, a2, a3, a4, a5, a6);
	mmap_write_unlock(mm);
	return ret;
}

static long do_sys_munlock(unsigned long start, unsigned long len, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	len = ALIGN_UP(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	return apply_vma_lock_flags(current->mm, start, len, 0);
}

/* The VMAs it reads or changes stay put across its sleeps (mm/mm.h). */
long sys_munlock(unsigned long a1, unsigned long a2, unsigned long a3,
                 unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_sys_munlock(a1, a2, a3, a4, a5, a6);
	mmap_write_unlock(mm);
	return ret;
}

/* Linux's apply_mlockall_flags: def_flags for MCL_FUTURE, every VMA for MCL_CURRENT. */
static void apply_mlockall_flags(struct mm *mm, unsigned long flags)
{
	unsigned long to_add = 0;
	struct vma *vma, *next;

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
		if (!(flags & MCL_CURRENT))
			return;
	}
	if (flags & MCL_CURRENT)
		to_add = VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
	for (vma = list_empty(&mm->vmas) ? NULL : list_first_entry(&mm->vmas, struct vma, node);
	     vma; vma = next) {
		unsigned long end = vma->end;

		mlock_fixup(mm, &vma, vma->start, vma->end, (vma->flags & ~VM_LOCKED_MASK) | to_add);
		next = find_vma(mm, end);	/* errors are ignored, as Linux */
	}
}

static long do_sys_mlockall(unsigned long flags, unsigned long a2, unsigned long a3,
		  unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;

	if (!flags || (flags & ~(unsigned long)(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
	    flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	if ((flags & MCL_CURRENT) && mm->total_vm > memlock_limit_pages() &&
	    !capable(CAP_IPC_LOCK))
		return -ENOMEM;
	apply_mlockall_flags(mm, flags);
	if (flags & MCL_CURRENT)
		__mm_populate(mm, 0, USER_TOP, true);
	return 0;
}

/* The VMAs it reads or changes stay put across its sleeps (mm/mm.h). */
long sys_mlockall(unsigned long a1, unsigned long a2, unsigned long a3,
                  unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_sys_mlockall(a1, a2, a3, a4, a5, a6);
	mmap_write_unlock(mm);
	return ret;
}

static long do_sys_munlockall(unsigned long a1, unsigned long a2, unsigned long a3,
		    unsigned long a4, unsigned long a5, unsigned long a6)
{
	apply_mlockall_flags(current->mm, 0);
	return 0;
}

/* The VMAs it reads or changes stay put across its sleeps (mm/mm.h). */
long sys_munlockall(unsigned long a1, unsigned long a2, unsigned long a3,
                    unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_sys_munlockall(a1, a2, a3, a4, a5, a6);
	mmap_write_unlock(mm);
	return ret;
}
