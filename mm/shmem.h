/*
 * mm/shmem.h - page cache of tmpfs/shmem inodes: a file's data is an
 * array of frames indexed by page offset, the same frames that
 * MAP_SHARED mappings map and private mappings copy on write.
 */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include "kernel/types.h"

struct inode;
struct page;

/*
 * The page at @index of @inode, allocated zeroed for a hole.  Returns 0
 * with *pagep set (no reference taken: the cache holds one), -EFAULT for
 * an index at or past the end of the file, -ENOMEM when out of memory.
 */
int shmem_get_page(struct inode *inode, unsigned long index, struct page **pagep);
/* Drop the cached pages from @index on (truncate). */
void shmem_truncate_pages(struct inode *inode, unsigned long index);
/* Pages held by all tmpfs files (Shmem in /proc/meminfo, statfs). */
unsigned long shmem_pages_in_use(void);

#endif
