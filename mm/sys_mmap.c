/*
 * mm/sys_mmap.c - brk, mmap and munmap as system calls: argument checks
 * with Linux's errno values, then mm/mmap.c.
 *
 * What a mapping is backed by: private anonymous memory; a tmpfs file's
 * page cache (shared, or private copy-on-write); shared anonymous memory
 * and MAP_SHARED of /dev/zero, which are an unnamed shmem file, as on
 * Linux (so they stay shared across fork and count as RssShmem).
 */
#include "mm/mm.h"
#include "proc/task.h"
#include "kernel/errno.h"
#include "kernel/fs/file.h"

#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_TYPE	0x0f
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_NORESERVE	0x4000

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
		if (__vm_enough_memory(mm, (long)((new - old) >> PAGE_SHIFT), 0))
			return (long)mm->brk;	/* more than the system has */
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

/* An unnamed shmem file of @len bytes for shared anonymous memory. */
static struct inode *shmem_anon_file(unsigned long len)
{
	struct inode *inode = inode_alloc(S_IFREG | 0600);

	if (inode)
		inode->size = (long)ALIGN_UP(len, PAGE_SIZE);
	return inode;
}

static bool is_dev_zero(struct inode *inode)
{
	return S_ISCHR(inode->mode) && inode->rdev == MKDEV(1, 5);
}

/* The file behind @fd as a mapping source, or ERR_PTR; *may_write says if shared writes are allowed. */
static struct inode *mapping_file(unsigned long fd, unsigned long type, unsigned long prot,
				  unsigned long len, bool *may_write)
{
	struct file *f = fget((int)fd);
	struct inode *inode;

	if (!f)
		return ERR_PTR(-EBADF);
	inode = f->f_inode;
	if (is_dev_zero(inode)) {
		fput(f);
		return type == MAP_SHARED ? (shmem_anon_file(len) ?: ERR_PTR(-ENOMEM)) : NULL;
	}
	*may_write = f->f_mode & FMODE_WRITE;
	if (!S_ISREG(inode->mode) || (f->f_mode & FMODE_PATH))
		inode = ERR_PTR(-ENODEV);
	else if (!(f->f_mode & FMODE_READ))
		inode = ERR_PTR(-EACCES);
	else if (type == MAP_SHARED && (prot & PROT_WRITE) && !*may_write)
		inode = ERR_PTR(-EACCES);
	else
		inode_get(inode);
	fput(f);
	return inode;
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off)
{
	unsigned long type = flags & MAP_TYPE, vm_flags = prot_to_vm(prot);
	struct inode *file = NULL;
	bool may_write = true;
	long r;

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
	if (!(flags & MAP_ANONYMOUS)) {
		file = mapping_file(fd, type, prot, len, &may_write);
		if (IS_ERR(file))
			return PTR_ERR(file);
	} else if (type == MAP_SHARED) {
		file = shmem_anon_file(len);
		if (!file)
			return -ENOMEM;
		off = 0;
	}
	if (type == MAP_SHARED)
		vm_flags |= VM_SHARED | VM_MAYSHARE;
	/* Private writable memory is a promise: refuse one nobody could keep. */
	if (type == MAP_PRIVATE && (vm_flags & VM_WRITE) && !(flags & MAP_NORESERVE) &&
	    __vm_enough_memory(current->mm, (long)(ALIGN_UP(len, PAGE_SIZE) >> PAGE_SHIFT), 0)) {
		if (file)
			inode_put(file);
		return -ENOMEM;
	}
	r = do_mmap(current->mm, addr, len, vm_flags, file, file ? off >> PAGE_SHIFT : 0,
		    flags & MAP_FIXED);
	if (r >= 0 && type == MAP_SHARED && !may_write) {
		struct vma *vma = find_vma(current->mm, (unsigned long)r);

		vma->flags &= ~VM_MAYWRITE;	/* mprotect(PROT_WRITE) -> EACCES */
	}
	if (file)
		inode_put(file);	/* the VMA holds its own reference */
	return r;
}

long sys_munmap(unsigned long addr, unsigned long len, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_munmap(current->mm, addr, len);
}
