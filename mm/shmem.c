/*
 * mm/shmem.c - the page cache of tmpfs inodes and shared anonymous
 * memory (Linux: mm/shmem.c).  inode->pages[index] is the frame holding
 * bytes [index * 4096, (index + 1) * 4096) of the file; the cache holds
 * one reference on each, mappings hold one more each.  Pages are
 * swap-backed (PG_swapbacked) like anonymous memory, and go on the
 * inactive anon LRU list when allocated.
 *
 * Commit accounting, as 6.1: a tmpfs file charges each page as it is
 * allocated (shmem_acct_block; refused: -ENOSPC, which a write returns
 * and a fault turns into SIGBUS) and uncharges it when truncated away; a
 * shared anonymous object (MAP_SHARED|MAP_ANONYMOUS, /dev/zero) charges
 * its whole size at mmap unless VM_NORESERVE (shmem_acct_size), and gives
 * it back when the last mapping goes (shmem_evict_inode).
 */
#include "mm/shmem.h"
#include "mm/page.h"
#include "mm/mm.h"
#include "mm/kmalloc.h"
#include "kernel/fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "proc/task.h"

static unsigned long shmem_pages;	/* in every tmpfs page cache */

unsigned long shmem_pages_in_use(void)
{
	return shmem_pages;
}

static int grow_index(struct inode *inode, unsigned long index)
{
	unsigned long cap = inode->nr_pages_cap ? inode->nr_pages_cap : 4;
	struct page **p;

	while (cap <= index)
		cap *= 2;
	p = kzalloc(cap * sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	if (inode->pages)
		memcpy(p, inode->pages, inode->nr_pages_cap * sizeof(*p));
	kfree(inode->pages);
	inode->pages = p;
	inode->nr_pages_cap = cap;
	return 0;
}

/* Linux's shmem_acct_block: charge one page of a file charged page by page. */
static int shmem_acct_block(struct inode *inode)
{
	if (inode->shmem_acct)
		return 0;
	return security_vm_enough_memory_mm(current ? current->mm : NULL, 1) ? -ENOSPC : 0;
}

static void shmem_unacct_block(struct inode *inode)
{
	if (!inode->shmem_acct)
		vm_unacct_memory(1);
}

int shmem_get_page(struct inode *inode, unsigned long index, struct page **pagep)
{
	struct page *page;
	int err;

	if (index >= DIV_ROUND_UP((unsigned long)inode->size, PAGE_SIZE))
		return -EFAULT;
	if (index >= inode->nr_pages_cap && grow_index(inode, index))
		return -ENOMEM;
	page = inode->pages[index];
	if (!page) {
		err = shmem_acct_block(inode);
		if (err)
			return err;
		page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
		if (!page) {
			shmem_unacct_block(inode);
			return -ENOMEM;
		}
		page->flags |= PG_swapbacked;
		page->mapping = inode;
		page->index = index;
		inode->pages[index] = page;
		inode->nr_cached++;
		shmem_pages++;
		lru_cache_add(page);
	}
	*pagep = page;
	return 0;
}

void shmem_truncate_pages(struct inode *inode, unsigned long index)
{
	for (unsigned long i = index; i < inode->nr_pages_cap; i++) {
		struct page *page = inode->pages[i];
		if (!page)
			continue;
		inode->pages[i] = NULL;
		inode->nr_cached--;
		shmem_pages--;
		shmem_unacct_block(inode);
		page->mapping = NULL;
		put_page(page);
	}
}

struct inode *shmem_kernel_file_setup(unsigned long size, unsigned long vm_flags)
{
	unsigned long pages = ALIGN_UP(size, PAGE_SIZE) >> PAGE_SHIFT;
	struct inode *inode;

	if (!(vm_flags & VM_NORESERVE) &&
	    security_vm_enough_memory_mm(current ? current->mm : NULL, (long)pages))
		return ERR_PTR(-ENOMEM);
	inode = inode_alloc(S_IFREG | 0600);
	if (!inode) {
		if (!(vm_flags & VM_NORESERVE))
			vm_unacct_memory((long)pages);
		return ERR_PTR(-ENOMEM);
	}
	inode->size = (long)(pages << PAGE_SHIFT);
	inode->shmem_acct = (vm_flags & VM_NORESERVE) ? 0 : pages;
	return inode;
}

void shmem_evict_inode(struct inode *inode)
{
	shmem_truncate_pages(inode, 0);
	if (inode->shmem_acct)
		vm_unacct_memory((long)inode->shmem_acct);
	inode->shmem_acct = 0;
}

/*
 * Drop the cached pages of [first, last) that no PTE maps (MADV_REMOVE's
 * hole punch; mapped ones stay, for want of a reverse map).
 */
void shmem_punch_hole(struct inode *inode, unsigned long first, unsigned long last)
{
	for (unsigned long i = first; i < last && i < inode->nr_pages_cap; i++) {
		struct page *page = inode->pages[i];

		if (!page || page->_mapcount)
			continue;
		inode->pages[i] = NULL;
		inode->nr_cached--;
		shmem_pages--;
		shmem_unacct_block(inode);
		page->mapping = NULL;
		put_page(page);
	}
}
