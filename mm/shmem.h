/*
 * mm/shmem.h - page cache of tmpfs/shmem inodes: a file's data is an
 * array of frames indexed by page offset, the same frames that
 * MAP_SHARED mappings map and private mappings copy on write.
 */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include "kernel/types.h"
#include "kernel/list.h"

struct inode;
struct page;

/*
 * The page at @index of @inode, allocated zeroed for a hole.  Returns 0
 * with *pagep set (no reference taken: the cache holds one), -EFAULT for
 * an index at or past the end of the file, -ENOSPC when the commit charge
 * of a new page is refused, -ENOMEM when out of memory.
 */
int shmem_get_page(struct inode *inode, unsigned long index, struct page **pagep);
/*
 * The page at @index if the file has one (swapped in if need be), or
 * *@pagep = NULL for a hole; 0, -ENOMEM or -EIO.  No reference taken:
 * hold one (get_page) across anything that may sleep.
 */
int shmem_find_page(struct inode *inode, unsigned long index, struct page **pagep);
/* mincore: is the page at @index in memory (the swap cache counts)? */
bool shmem_page_incore(const struct inode *inode, unsigned long index);
/* smaps: how many pages of [first, last) of @inode are in swap. */
unsigned long shmem_partial_swap_usage(const struct inode *inode, unsigned long first,
				       unsigned long last);
/* MADV_WILLNEED: start reading the swapped pages of [first, last) back. */
void shmem_swapin_async(const struct inode *inode, unsigned long first, unsigned long last);
/*
 * Reclaim: move the isolated, unmapped page @page from its file to the
 * swap cache (dirty), its slot's entry in its place; 0, or -ENOMEM when
 * swap is full.
 */
int shmem_writeout(struct page *page);
/* swapoff: bring every tmpfs page in area @type back; 0 or -errno. */
int shmem_unuse(unsigned int type);
/* Unmap and drop the pages of [first, last) (MADV_REMOVE's hole punch). */
void shmem_punch_hole(struct inode *inode, unsigned long first, unsigned long last);
/* Drop the cached pages from @index on, unmapping them everywhere (truncate). */
void shmem_truncate_pages(struct inode *inode, unsigned long index);
/*
 * An unnamed shmem object of @size bytes for shared anonymous memory,
 * its whole size charged unless @vm_flags has VM_NORESERVE; the inode,
 * or ERR_PTR(-ENOMEM) when the charge or the allocation fails.
 */
struct inode *shmem_kernel_file_setup(unsigned long size, unsigned long vm_flags);
/* The last reference to an unlinked inode is gone: free its pages and its charge. */
void shmem_evict_inode(struct inode *inode);
/* tmpfs pages now in swap (the leak check counts them as given back). */
unsigned long shmem_pages_swapped(void);
/* Pages held by all tmpfs files (Shmem in /proc/meminfo, statfs). */
unsigned long shmem_pages_in_use(void);

#endif
