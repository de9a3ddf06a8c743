/*
 * mm/swap.h - swap areas and swap slots (mm/swapfile.c).
 */
#ifndef MM_SWAP_H
#define MM_SWAP_H

#include "kernel/types.h"

#define MAX_SWAPFILES	26	/* Debian's 6.1 config: 32 less the special entry types */
#define SWAP_MAP_BAD	0x3f	/* the header, a bad page: never used */

#define SWP_USED	0x1	/* the slot in swap_info[] is taken */
#define SWP_WRITEOK	0x2	/* in service: new pages may go there */

struct file;
struct block_device;

struct swap_info_struct {
	unsigned long flags;		/* SWP_* */
	int type;			/* index in swap_info[] */
	int prio;
	struct file *swap_file;
	struct block_device *bdev;
	char name[128];			/* as /proc/swaps shows it */
	unsigned char *swap_map;	/* a count per slot */
	unsigned long max;		/* slots, the header included */
	unsigned long pages;		/* usable slots */
	unsigned long inuse_pages;
	unsigned long lowest_bit, highest_bit;
};

extern struct swap_info_struct swap_info[MAX_SWAPFILES];
extern long total_swap_pages;	/* SwapTotal, in pages */
extern long nr_swap_pages;	/* SwapFree, in pages */

/* /proc/swaps' text (6.1's format) into @buf; returns the length needed. */
size_t swaps_show(char *buf, size_t size);
/* Bring every page of @p back into memory (swapoff); 0 or -errno. */
int try_to_unuse(struct swap_info_struct *p);

#endif
