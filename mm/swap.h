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
struct page;

/*
 * A swap entry in a PTE the MMU sees as not present: the area's type in
 * bits 1-5 and the slot's offset from bit 12; bits 0 (present) and 8
 * (_PAGE_PROTNONE) are clear, and the offset is never 0 (the header), so
 * an entry is never an empty PTE.
 */
#define SWP_TYPE_SHIFT		1
#define SWP_TYPE_MASK		0x1fUL
#define SWP_OFFSET_SHIFT	12
#define SWP_OFFSET_MASK		((1UL << 46) - 1)

static inline uint64_t swp_entry(unsigned int type, unsigned long offset)
{
	return ((uint64_t)type << SWP_TYPE_SHIFT) | ((uint64_t)offset << SWP_OFFSET_SHIFT);
}

static inline unsigned int swp_type(uint64_t e)
{
	return (unsigned int)((e >> SWP_TYPE_SHIFT) & SWP_TYPE_MASK);
}

static inline unsigned long swp_offset(uint64_t e)
{
	return (unsigned long)((e >> SWP_OFFSET_SHIFT) & SWP_OFFSET_MASK);
}

/* Not empty, not mapped, not PROT_NONE: a swap entry (bits 0 and 8 clear). */
static inline bool is_swap_pte(uint64_t e)
{
	return e && !(e & 0x101);
}

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
	unsigned long cluster_next;	/* where the next slot search starts */
};

extern struct swap_info_struct swap_info[MAX_SWAPFILES];
extern long total_swap_pages;	/* SwapTotal, in pages */
extern long nr_swap_pages;	/* SwapFree, in pages */

/* A free slot in the best area with room, its count 1; 0 if swap is full. */
uint64_t get_swap_page(void);
/* Drop one reference to the slot of entry @e; free at 0. */
void swap_free(uint64_t e);
/* One more reference (fork); -ENOMEM if the count is at its maximum. */
int swap_duplicate(uint64_t e);
/* Read or write the slot of @e (synchronous). */
int swap_readpage(uint64_t e, struct page *page);
int swap_writepage(uint64_t e, struct page *page);
/* Log a failed transfer of @e's slot as 6.1 does ("Read"/"Write"). */
void swap_io_error(const char *what, uint64_t e);

/* /proc/swaps' text (6.1's format) into @buf; returns the length needed. */
size_t swaps_show(char *buf, size_t size);
/* Bring every page of @p back into memory (swapoff); 0 or -errno. */
int try_to_unuse(struct swap_info_struct *p);

#endif
