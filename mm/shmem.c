/*
 * mm/shmem.c - the page cache of tmpfs inodes and shared anonymous
 * memory (Linux: mm/shmem.c).  inode->pages[index] holds bytes
 * [index * 4096, (index + 1) * 4096) of the file: NULL for a hole, the
 * frame (the cache holds one reference on it, each mapping one more), or
 * the swap entry of the slot the data went to.  Pages are swap-backed
 * (PG_swapbacked) like anonymous memory, and go on the inactive anon LRU
 * list when allocated.
 *
 * Swap (6.1's shmem_writepage, shmem_swapin_folio): reclaim unmaps a
 * page, then shmem_writeout moves it from the file to the swap cache,
 * leaving the entry in its place; whoever wants the page again (a read,
 * a write, a fault, swapoff) swaps it in and puts the frame back.  The
 * entry holds one count of its slot.  Inodes with entries in swap are
 * on shmem_swaplist, for swapoff.
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
#include "mm/swap.h"
#include "mm/lru.h"
#include "kernel/vmstat.h"
#include "proc/signal.h"
#include "mm/kmalloc.h"
#include "kernel/fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "proc/task.h"

static unsigned long shmem_pages;	/* in every tmpfs page cache, in memory */
static unsigned long shmem_swapped;	/* tmpfs pages in swap */
static LIST_HEAD(shmem_swaplist);

/* A swap entry stored in the page cache: bit 0 set, which no page pointer has. */
static bool is_swap_value(const void *v)
{
	return (uintptr_t)v & 1;
}

static void *swap_value(uint64_t e)
{
	return (void *)(uintptr_t)((e << 1) | 1);
}

static uint64_t value_to_swap(const void *v)
{
	return (uint64_t)(uintptr_t)v >> 1;
}

unsigned long shmem_pages_in_use(void)
{
	return shmem_pages;
}

unsigned long shmem_pages_swapped(void)
{
	return shmem_swapped;
}

static int grow_index(struct inode *inode, unsigned long index)
{
	unsigned long cap = inode->nr_pages_cap ? inode->nr_pages_cap : 4;
	void **p;

	while (cap <= index)
		cap *= 2;
	p = kzalloc(cap * sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	if (inode->nr_pages_cap >= cap) {	/* another task grew it while we slept */
		kfree(p);
		return 0;
	}
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

/*
 * Bring the page at @index back from swap: from the swap cache, or read
 * (slept), then out of the cache into the file.  0 with *@pagep set,
 * -EAGAIN when the slot changed while we slept (look again), -ENOMEM,
 * or -EIO (a read error, already logged).
 */
static int shmem_swapin(struct inode *inode, unsigned long index, struct page **pagep)
{
	void *value = inode->pages[index];
	uint64_t e = value_to_swap(value);
	bool major = false;
	int err = 0;
	struct page *page = read_swap_cache(e, &major, &err);

	if (page)
		wait_on_page_writeback(page);
	if (inode->pages[index] != value) {	/* changed while we slept: maybe freed the slot */
		if (page)
			put_page(page);
		return -EAGAIN;
	}
	if (!page)
		return err;
	delete_from_swap_cache(page);	/* our reference becomes the file's */
	swap_free(e);			/* the entry's count */
	if (--inode->nr_swapped == 0)
		list_del(&inode->swaplist);
	shmem_swapped--;
	/* Out of the swap cache the slot is gone: memory holds the only copy. */
	page->flags = (page->flags & ~PG_anon) | PG_swapbacked | PG_dirty;
	page->mapping = inode;
	page->index = index;
	inode->pages[index] = page;
	shmem_pages++;
	if (major)
		count_vm_event(PGMAJFAULT);
	*pagep = page;
	return 0;
}

/* The page at @index, swapped in if need be; *@pagep NULL for a hole. */
int shmem_find_page(struct inode *inode, unsigned long index, struct page **pagep)
{
	int err;

	*pagep = NULL;
	if (index >= inode->nr_pages_cap || !inode->pages[index])
		return 0;
	while (is_swap_value(inode->pages[index])) {
		err = shmem_swapin(inode, index, pagep);
		if (err != -EAGAIN)
			return err;
		if (!inode->pages[index])
			return 0;	/* truncated meanwhile */
	}
	*pagep = inode->pages[index];
	return 0;
}

/* A new zeroed page for the hole at @index; 0, -ENOSPC or -ENOMEM. */
static int shmem_alloc_page(struct inode *inode, unsigned long index, struct page **pagep)
{
	struct page *page;
	int err = shmem_acct_block(inode);

	if (err)
		return err;
	page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
	if (!page) {
		shmem_unacct_block(inode);
		return -ENOMEM;
	}
	if (inode->pages[index]) {	/* filled while the allocation slept */
		__free_pages(page, 0);
		shmem_unacct_block(inode);
		return shmem_find_page(inode, index, pagep);
	}
	page->flags |= PG_swapbacked;
	page->mapping = inode;
	page->index = index;
	inode->pages[index] = page;
	inode->nr_cached++;
	shmem_pages++;
	lru_cache_add(page);
	*pagep = page;
	return 0;
}

int shmem_get_page(struct inode *inode, unsigned long index, struct page **pagep)
{
	int err;

	if (index >= DIV_ROUND_UP((unsigned long)inode->size, PAGE_SIZE))
		return -EFAULT;
	if (index >= inode->nr_pages_cap && grow_index(inode, index))
		return -ENOMEM;
	err = shmem_find_page(inode, index, pagep);
	if (err || *pagep)
		return err;
	return shmem_alloc_page(inode, index, pagep);
}

bool shmem_page_incore(const struct inode *inode, unsigned long index)
{
	const void *v = index < inode->nr_pages_cap ? inode->pages[index] : NULL;

	if (is_swap_value(v))
		return lookup_swap_cache(value_to_swap(v)) != NULL;
	return v != NULL;
}

unsigned long shmem_partial_swap_usage(const struct inode *inode, unsigned long first,
				       unsigned long last)
{
	unsigned long n = 0;

	if (!inode->nr_swapped)
		return 0;
	for (unsigned long i = first; i < last && i < inode->nr_pages_cap; i++)
		n += is_swap_value(inode->pages[i]);
	return n;
}

void shmem_swapin_async(const struct inode *inode, unsigned long first, unsigned long last)
{
	for (unsigned long i = first; i < last && i < inode->nr_pages_cap; i++)
		if (is_swap_value(inode->pages[i]))
			swapin_async(value_to_swap(inode->pages[i]));
}

int shmem_writeout(struct page *page)
{
	struct inode *inode = page->mapping;
	uint64_t e = get_swap_page();	/* its count is the entry's */

	if (!e)
		return -ENOMEM;
	if (add_to_swap_cache(page, e)) {
		swap_free(e);
		return -ENOMEM;
	}
	page->flags |= PG_dirty;	/* the slot holds nothing yet */
	inode->pages[page->index] = swap_value(e);
	if (inode->nr_swapped++ == 0)
		list_add_tail(&inode->swaplist, &shmem_swaplist);
	shmem_swapped++;
	page->mapping = NULL;
	shmem_pages--;
	put_page(page);			/* the file's reference: the swap cache has its own */
	return 0;
}

/* Swap in every entry of area @type in @inode; 0 or -errno. */
static int shmem_unuse_inode(struct inode *inode, unsigned int type)
{
	for (unsigned long i = 0; i < inode->nr_pages_cap && inode->nr_swapped; i++) {
		struct page *page;
		int err;

		if (!is_swap_value(inode->pages[i]) || swp_type(value_to_swap(inode->pages[i])) != type)
			continue;
		if (fatal_signal_pending(current))
			return -EINTR;
		err = shmem_find_page(inode, i, &page);
		if (err)
			return err == -ENOMEM && fatal_signal_pending(current) ? -EINTR : err;
	}
	return 0;
}

/* The inode on shmem_swaplist with an entry in area @type, or NULL. */
static struct inode *swaplist_next(unsigned int type)
{
	struct inode *inode;

	list_for_each_entry(inode, &shmem_swaplist, swaplist)
		for (unsigned long i = 0; i < inode->nr_pages_cap; i++)
			if (is_swap_value(inode->pages[i]) &&
			    swp_type(value_to_swap(inode->pages[i])) == type)
				return inode;
	return NULL;
}

int shmem_unuse(unsigned int type)
{
	struct inode *inode;

	while ((inode = swaplist_next(type))) {
		int err;

		inode_get(inode);	/* swap-ins sleep: it must not go meanwhile */
		err = shmem_unuse_inode(inode, type);
		inode_put(inode);
		if (err)
			return err;
	}
	return 0;
}

/* Drop what the file holds at @index: a page, or a swap entry. */
static void shmem_free_index(struct inode *inode, unsigned long index)
{
	void *v = inode->pages[index];

	inode->pages[index] = NULL;
	inode->nr_cached--;
	shmem_unacct_block(inode);
	if (is_swap_value(v)) {
		if (--inode->nr_swapped == 0)
			list_del(&inode->swaplist);
		shmem_swapped--;
		swap_free(value_to_swap(v));
		return;
	}
	shmem_pages--;
	((struct page *)v)->mapping = NULL;
	put_page(v);
}

void shmem_truncate_pages(struct inode *inode, unsigned long index)
{
	unmap_mapping_range(inode, index, ULONG_MAX, true);
	for (unsigned long i = index; i < inode->nr_pages_cap; i++)
		if (inode->pages[i])
			shmem_free_index(inode, i);
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
 * MADV_REMOVE's hole punch (6.1's shmem_fallocate PUNCH_HOLE): unmap the
 * file pages of [first, last) from every mapping (a private mapping's
 * copies stay), then drop them; the hole reads as zeros.
 */
void shmem_punch_hole(struct inode *inode, unsigned long first, unsigned long last)
{
	unmap_mapping_range(inode, first, last, false);
	for (unsigned long i = first; i < last && i < inode->nr_pages_cap; i++)
		if (inode->pages[i])
			shmem_free_index(inode, i);
}
