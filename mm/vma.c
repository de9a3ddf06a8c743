/*
 * mm/vma.c - the VMA list of an address space: lookup, insertion,
 * splitting and removal.  The list is sorted by address and VMAs never
 * overlap; a lookup is a linear walk, which is plenty for the tens of
 * VMAs a static program has (Linux uses a maple tree).
 * Counters: total_vm/data_vm/exec_vm/stack_vm follow every change here.
 */
#include "mm/mm.h"
#include "mm/kmalloc.h"
#include "kernel/fs/vfs.h"
#include "kernel/errno.h"

struct vma *find_vma(struct mm *mm, unsigned long addr)
{
	struct vma *v;

	list_for_each_entry(v, &mm->vmas, node)
		if (v->end > addr)
			return v;
	return NULL;
}

struct vma *find_vma_intersection(struct mm *mm, unsigned long start, unsigned long end)
{
	struct vma *v = find_vma(mm, start);

	return v && v->start < end ? v : NULL;
}

/* Linux's vm_stat_account: which of the *_vm counters a VMA feeds. */
static void vm_stat_account(struct mm *mm, unsigned long flags, long npages)
{
	mm->total_vm += npages;
	if ((flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
		mm->exec_vm += npages;
	else if (flags & VM_GROWSDOWN)
		mm->stack_vm += npages;
	else if ((flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		mm->data_vm += npages;
	if (flags & VM_LOCKED)
		mm->locked_vm += npages;
	if (mm->hiwater_vm < mm->total_vm)
		mm->hiwater_vm = mm->total_vm;
}

void vma_link(struct mm *mm, struct vma *vma)
{
	struct vma *pos;

	list_for_each_entry(pos, &mm->vmas, node)
		if (pos->start >= vma->end)
			break;
	list_add_tail(&vma->node, &pos->node);
	vma->mm = mm;
	mm->map_count++;
	vm_stat_account(mm, vma->flags, (long)((vma->end - vma->start) >> PAGE_SHIFT));
}

void vma_unlink(struct mm *mm, struct vma *vma)
{
	list_del(&vma->node);
	mm->map_count--;
	vm_stat_account(mm, vma->flags, -(long)((vma->end - vma->start) >> PAGE_SHIFT));
}

/* Change a VMA's flags, moving its pages between the *_vm counters. */
void vma_set_flags(struct mm *mm, struct vma *vma, unsigned long flags)
{
	long npages = (long)((vma->end - vma->start) >> PAGE_SHIFT);

	vm_stat_account(mm, vma->flags, -npages);
	vma->flags = flags;
	vm_stat_account(mm, vma->flags, npages);
}

/* Move a VMA's end (mremap growing or shrinking in place). */
void vma_resize(struct mm *mm, struct vma *vma, unsigned long end)
{
	vm_stat_account(mm, vma->flags, (long)(end >> PAGE_SHIFT) - (long)(vma->end >> PAGE_SHIFT));
	vma->end = end;
}

struct vma *vma_alloc(unsigned long start, unsigned long end, unsigned long flags,
		      struct inode *file, unsigned long pgoff)
{
	struct vma *v = kzalloc(sizeof(*v), GFP_KERNEL);

	if (!v)
		return NULL;
	INIT_LIST_HEAD(&v->node);
	v->start = start;
	v->end = end;
	v->flags = flags;
	v->file = file;
	v->pgoff = pgoff;
	if (file)
		inode_get(file);
	return v;
}

void vma_free(struct vma *v)
{
	if (v->file)
		inode_put(v->file);
	kfree(v);
}

/* Split @vma at @addr: @vma keeps [start, addr), a new VMA gets the rest. */
int split_vma(struct mm *mm, struct vma *vma, unsigned long addr)
{
	struct vma *tail = vma_alloc(addr, vma->end, vma->flags, vma->file,
				     vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT));

	if (!tail)
		return -ENOMEM;
	vma_unlink(mm, vma);
	vma->end = addr;
	vma_link(mm, vma);
	vma_link(mm, tail);
	return 0;
}

/* Remove the VMA pieces inside [start, end) and their pages. */
int unmap_region(struct mm *mm, unsigned long start, unsigned long end)
{
	struct vma *v, *n;

	list_for_each_entry_safe(v, n, &mm->vmas, node) {
		if (v->end <= start || v->start >= end)
			continue;
		if (v->start < start) {
			if (split_vma(mm, v, start))
				return -ENOMEM;
			n = list_entry(v->node.next, struct vma, node);
			continue;	/* the tail comes next in the walk */
		}
		if (v->end > end && split_vma(mm, v, end))
			return -ENOMEM;
		n = list_entry(v->node.next, struct vma, node);
		zap_page_range(mm, v->start, v->end);
		vma_unlink(mm, v);
		vma_free(v);
	}
	return 0;
}
