/*
 * mm/kmalloc.h - the kernel heap.
 */
#ifndef MM_KMALLOC_H
#define MM_KMALLOC_H

#include "kernel/types.h"
#include "mm/gfp.h"

/* @size bytes, 16-byte aligned (page-aligned above 2 KiB); NULL on failure. */
void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void kfree(const void *p);
/* Pages currently held by kmalloc's size classes (Slab in /proc/meminfo). */
unsigned long kmalloc_slab_pages(void);
/* The pages behind an allocation above 2 KiB (its own block), else 0. */
unsigned long kmalloc_block_pages(const void *p);

#endif
