/*
 * mm/vma.c - the VMA list of an address space: lookup, insertion,
 * splitting, merging and removal (Linux: mm/mmap.c's vma_merge,
 * __split_vma, do_vmi_munmap; mm/rmap.c's anon_vma_prepare).
 *
 * The list is sorted by address and VMAs never overlap; a lookup is a
 * linear walk, plenty for the tens of VMAs a static program has (Linux
 * uses a maple tree).  Neighbours are merged whenever Linux would merge
 * them (rules in mm/vma_merge.c), so /proc/PID/maps shows Linux's layout.
 * Counters: total_vm, data_vm, exec_vm, stack_vm and locked_vm follow
 * every change here (vm_stat_account); the commit charge of a VM_ACCOUNT
 * VMA is dropped when the VMA is removed (unmap_region), never when it
 * is merely split, merged or moved.
 */
#include "mm/mm.h"
#include "mm/vm_sysctl.h"
#include "mm/rmap.h"
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

struct vma *vma_lookup(struct mm *mm, unsigned long addr)
{
	struct vma *v = find_vma(mm, addr);

	return v && v->start <= addr ? v : NULL;
}

struct vma *vma_prev(struct mm *mm, struct vma *vma)
{
	return vma->node.prev != &mm->vmas ? list_entry(vma->node.prev, struct vma, node) : NULL;
}

struct vma *vma_next(struct mm *mm, struct vma *vma)
{
	return vma->node.next != &mm->vmas ? list_entry(vma->node.next, struct vma, node) : NULL;
}

static unsigned long vma_pages(const struct vma *v)
{
	return (v->end - v->start) >> PAGE_SHIFT;
}

/* Linux's vm_stat_account, plus locked_vm (the pages of VM_LOCKED VMAs). */
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
	vma_link_file(vma);
	mm->map_count++;
	vm_stat_account(mm, vma->flags, (long)vma_pages(vma));
}

void vma_unlink(struct mm *mm, struct vma *vma)
{
	list_del(&vma->node);
	vma_unlink_file(vma);
	mm->map_count--;
	vm_stat_account(mm, vma->flags, -(long)vma_pages(vma));
}

/* Change a VMA's flags, moving its pages between the *_vm counters. */
void vma_set_flags(struct mm *mm, struct vma *vma, unsigned long flags)
{
	vm_stat_account(mm, vma->flags, -(long)vma_pages(vma));
	vma->flags = flags;
	vm_stat_account(mm, vma->flags, (long)vma_pages(vma));
}

/* Move a VMA's end (mremap growing or shrinking in place, merging). */
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
	INIT_LIST_HEAD(&v->shared);
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
	vma_unlink_file(v);
	if (v->file)
		inode_put(v->file);
	kfree(v);
}

/* Split @vma at @addr: @vma keeps [start, addr), a new VMA gets the rest. */
static int __split_vma(struct mm *mm, struct vma *vma, unsigned long addr)
{
	struct vma *tail = vma_alloc(addr, vma->end, vma->flags, vma->file,
				     vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT));

	if (!tail)
		return -ENOMEM;
	tail->anon_vma = vma->anon_vma;
	tail->anon_vma_forked = vma->anon_vma_forked;
	vma_unlink(mm, vma);
	vma->end = addr;
	vma_link(mm, vma);
	vma_link(mm, tail);
	return 0;
}

/* The same for mprotect, mlock, madvise, mremap: not past vm.max_map_count. */
int split_vma(struct mm *mm, struct vma *vma, unsigned long addr)
{
	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	return __split_vma(mm, vma, addr);
}

/* Linux's find_mergeable_anon_vma: a touching, compatible neighbour's own anon_vma. */
static unsigned long find_mergeable_anon_vma(struct vma *vma)
{
	struct vma *next = vma_next(vma->mm, vma), *prev = vma_prev(vma->mm, vma);

	if (next && anon_vma_compatible(vma, next) && next->anon_vma && !next->anon_vma_forked)
		return next->anon_vma;
	if (prev && anon_vma_compatible(prev, vma) && prev->anon_vma && !prev->anon_vma_forked)
		return prev->anon_vma;
	return 0;
}

static unsigned long last_anon_vma;	/* identities handed out */

static void anon_vma_prepare_new(struct vma *vma)
{
	vma->anon_vma = ++last_anon_vma;
	vma->anon_vma_forked = false;
}

void anon_vma_prepare(struct vma *vma)
{
	unsigned long reuse;

	if (vma->anon_vma)
		return;
	reuse = find_mergeable_anon_vma(vma);
	if (!reuse) {
		anon_vma_prepare_new(vma);
		return;
	}
	vma->anon_vma = reuse;
	vma->anon_vma_forked = false;
}

/* Fold @victim (just above @keep) into @keep. */
static void absorb_next(struct mm *mm, struct vma *keep, struct vma *victim)
{
	if (!keep->anon_vma) {
		keep->anon_vma = victim->anon_vma;
		keep->anon_vma_forked = victim->anon_vma_forked;
	}
	vma_unlink(mm, victim);
	vma_resize(mm, keep, victim->end);
	vma_free(victim);
}

/* Fold @victim (just below @keep) into @keep. */
static void absorb_prev(struct mm *mm, struct vma *keep, struct vma *victim)
{
	if (!keep->anon_vma) {
		keep->anon_vma = victim->anon_vma;
		keep->anon_vma_forked = victim->anon_vma_forked;
	}
	vma_unlink(mm, victim);
	vm_stat_account(mm, keep->flags, (long)vma_pages(victim));
	keep->start = victim->start;
	keep->pgoff = victim->pgoff;
	vma_free(victim);
}

struct vma *vma_merge_neighbours(struct mm *mm, struct vma *vma)
{
	struct vma *prev = vma_prev(mm, vma), *next = vma_next(mm, vma);
	bool merge_prev = prev && prev->end == vma->start &&
		can_vma_merge_after(prev, vma->flags, vma->anon_vma, vma->file, vma->pgoff);
	bool merge_next = next && next->start == vma->end &&
		can_vma_merge_before(next, vma->flags, vma->anon_vma, vma->file,
				     vma->pgoff + vma_pages(vma));

	if (merge_prev) {
		absorb_next(mm, prev, vma);
		if (merge_next && is_mergeable_anon_vma(prev->anon_vma, next->anon_vma, NULL))
			absorb_next(mm, prev, next);
		return prev;
	}
	if (merge_next) {
		absorb_prev(mm, next, vma);
		return next;
	}
	return vma;
}

struct vma *vma_modify_flags(struct mm *mm, struct vma *vma, unsigned long start,
			     unsigned long end, unsigned long newflags)
{
	if (start > vma->start) {
		if (split_vma(mm, vma, start))
			return ERR_PTR(-ENOMEM);
		vma = vma_next(mm, vma);
	}
	if (end < vma->end && split_vma(mm, vma, end))
		return ERR_PTR(-ENOMEM);
	vma_set_flags(mm, vma, newflags);
	return vma_merge_neighbours(mm, vma);
}

/* Remove one whole VMA: its pages, its charge, its counters. */
static void remove_vma(struct mm *mm, struct vma *v)
{
	zap_page_range(v, v->start, v->end);
	if (v->flags & VM_ACCOUNT)
		vm_unacct_memory((long)vma_pages(v));
	vma_unlink(mm, v);
	vma_free(v);
}

int unmap_region(struct mm *mm, unsigned long start, unsigned long end)
{
	struct vma *v, *n;

	list_for_each_entry_safe(v, n, &mm->vmas, node) {
		if (v->end <= start || v->start >= end)
			continue;
		if (v->start < start) {
			/* munmap may pass the limit by one for a while, not end above it */
			if (end < v->end && mm->map_count >= sysctl_max_map_count)
				return -ENOMEM;
			if (__split_vma(mm, v, start))
				return -ENOMEM;
			n = list_entry(v->node.next, struct vma, node);
			continue;	/* the tail comes next in the walk */
		}
		if (v->end > end && __split_vma(mm, v, end))
			return -ENOMEM;
		n = list_entry(v->node.next, struct vma, node);
		remove_vma(mm, v);
	}
	return 0;
}

/* Stack growth: move @vma's start down to @start, its offset with it. */
void vma_expand_down(struct mm *mm, struct vma *vma, unsigned long start)
{
	long grow = (long)((vma->start - start) >> PAGE_SHIFT);

	vm_stat_account(mm, vma->flags, grow);
	vma->start = start;
	vma->pgoff -= (unsigned long)grow;
}

/* Linux's anon_vma_fork: the child's copy gets an anon_vma of its own, chained to the parent's. */
void anon_vma_fork(struct vma *child)
{
	child->anon_vma = 0;
	anon_vma_prepare_new(child);
	child->anon_vma_forked = true;
}
