/*
 * mm/shmem.c - the page cache of tmpfs inodes.  inode->pages[index] is
 * the frame holding bytes [index * 4096, (index + 1) * 4096) of the file;
 * the cache holds one reference on each, mappings hold one more each.
 * Pages are swap-backed (PG_swapbacked) like anonymous memory: with a
 * tmpfs root there is no file to write them back to.
 */
#include "mm/shmem.h"
#include "mm/page.h"
#include "mm/kmalloc.h"
#include "kernel/fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

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

int shmem_get_page(struct inode *inode, unsigned long index, struct page **pagep)
{
	struct page *page;

	if (index >= DIV_ROUND_UP((unsigned long)inode->size, PAGE_SIZE))
		return -EFAULT;
	if (index >= inode->nr_pages_cap && grow_index(inode, index))
		return -ENOMEM;
	page = inode->pages[index];
	if (!page) {
		page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
		if (!page)
			return -ENOMEM;
		page->flags |= PG_swapbacked;
		page->mapping = inode;
		page->index = index;
		inode->pages[index] = page;
		inode->nr_cached++;
		shmem_pages++;
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
		page->mapping = NULL;
		put_page(page);
	}
}
