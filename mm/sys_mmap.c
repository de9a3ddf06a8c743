/*
 * mm/sys_mmap.c - brk, mmap and munmap as system calls: argument checks
 * with Linux's errno values, then mm/mmap.c.  Anonymous mappings only so
 * far (file descriptors come with the VFS).
 */
#include "mm/mm.h"
#include "proc/task.h"
#include "kernel/errno.h"

#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_TYPE	0x0f
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20

long sys_brk(unsigned long brk, unsigned long a2, unsigned long a3,
	     unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mm *mm = current->mm;
	unsigned long old = ALIGN_UP(mm->brk, PAGE_SIZE), new = ALIGN_UP(brk, PAGE_SIZE);

	if (brk < mm->start_brk || !user_range_ok(brk, 0))
		return (long)mm->brk;
	if (new > old) {
		if (find_vma_intersection(mm, old, new + STACK_GUARD_GAP))
			return (long)mm->brk;	/* would run into a mapping */
		if (do_brk(mm, old, new - old))
			return (long)mm->brk;
	} else if (new < old) {
		do_munmap(mm, new, old - new);
	}
	mm->brk = brk;
	return (long)brk;
}

static unsigned long prot_to_vm(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off)
{
	unsigned long type = flags & MAP_TYPE;

	if (!len || (off & ~PAGE_MASK))
		return -EINVAL;
	if (type != MAP_PRIVATE && type != MAP_SHARED)
		return -EINVAL;
	if (len > USER_TOP)
		return -ENOMEM;
	if ((flags & MAP_FIXED) && (addr & ~PAGE_MASK))
		return -EINVAL;
	if ((flags & MAP_FIXED) && addr < MMAP_MIN_ADDR && !capable(CAP_SYS_RAWIO))
		return -EPERM;		/* vm.mmap_min_addr: root may go below */
	if (!(flags & MAP_ANONYMOUS))
		return -EBADF;
	if (type == MAP_SHARED)
		return -ENOMEM;		/* shared anonymous memory needs shmem files */
	return do_mmap(current->mm, addr, len, prot_to_vm(prot), NULL, 0,
		       flags & MAP_FIXED);
}

long sys_munmap(unsigned long addr, unsigned long len, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_munmap(current->mm, addr, len);
}
