/*
 * mm/swap.h - swap areas and swap slots (mm/swapfile.c).
 */
#ifndef MM_SWAP_H
#define MM_SWAP_H

#include "kernel/types.h"
#include "mm/gfp.h"

#define MAX_SWAPFILES	26	/* Debian's 6.1 config: 32 less the special entry types */
#define SWAP_MAP_BAD	0x3f	/* the header, a bad page: never used */
#define SWAP_MAP_MAX	0x3e	/* references one slot may have */

#define SWP_USED	0x1	/* the slot in swap_info[] is taken */
#define SWP_WRITEOK	0x2	/* in service: new pages may go there */
#define SWP_DISCARDABLE	0x4	/* swapon asked for discards, the device can */
#define SWP_AREA_DISCARD 0x100	/* the whole area discarded at swapon */
#define SWP_PAGE_DISCARD 0x200	/* freed clusters discarded (an SSD's: none here) */

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
	struct page **swap_cache;	/* slot -> the page in memory with its data */
};

extern struct swap_info_struct swap_info[MAX_SWAPFILES];
extern long total_swap_pages;	/* SwapTotal, in pages */
extern long nr_swap_pages;	/* SwapFree, in pages */

/* The area of entry @e if @e names a slot in use, else NULL (logged). */
struct swap_info_struct *swap_info_get(uint64_t e);
/* A free slot in the best area with room, its count 1; 0 if swap is full. */
uint64_t get_swap_page(void);
/* Drop one reference to the slot of entry @e; free at 0. */
void swap_free(uint64_t e);
/* One more reference (fork); -ENOMEM if the count is at its maximum. */
int swap_duplicate(uint64_t e);
/* Is the slot of @e allocated (no message if not)? */
bool swap_slot_in_use(uint64_t e);
struct bio;
/* Point @bio at @page and the slot of @e; 0 or -EIO (a bad entry). */
int swap_bio_init(struct bio *bio, uint64_t e, struct page *page, bool write);
/* Read or write the slot of @e (synchronous). */
int swap_readpage(uint64_t e, struct page *page);
int swap_writepage(uint64_t e, struct page *page);
/* Log a failed transfer of @e's slot as 6.1 does ("Read"/"Write"). */
void swap_io_error(const char *what, uint64_t e);

/*
 * The swap cache (mm/swap_state.c): the page in memory holding a slot's
 * data.  It holds one page reference and one count of the slot.
 */
struct page *lookup_swap_cache(uint64_t e);
int add_to_swap_cache(struct page *page, uint64_t e);
/* Take @page out of the cache: its slot count and page reference go. */
void delete_from_swap_cache(struct page *page);
/* Drop @page from the cache if nothing but the cache holds it or its slot (later, if its read is in flight). */
void swapcache_free_unused(struct page *page);
/* Free the pages swapcache_free_unused had to leave for their reads; may sleep. */
void swapcache_free_orphans(void);
/* Reclaim: a new slot for anonymous @page, which enters the cache dirty; 0 or -ENOMEM. */
int add_to_swap(struct page *page);
/*
 * The page with slot @e's data, referenced for the caller: from the
 * cache, or read into it (*@major set).  NULL with *@err -ENOMEM/-EIO.
 */
struct page *read_swap_cache(uint64_t e, bool *major, int *err);
/* MADV_WILLNEED: start reading slot @e into the swap cache, not waiting (if not there yet). */
void swapin_async(uint64_t e);
/* Empty area @p's cache (swapoff, after every entry came back). */
void swap_cache_clear(struct swap_info_struct *p);
unsigned long total_swapcache_pages(void);
/* Linux's vm_swap_full: more than half of swap in use. */
bool vm_swap_full(void);
/* PAGE_IO_WRITEBACK: reclaim is writing the page to its slot. */
void set_page_writeback(struct page *page);
void end_page_writeback(struct page *page);
void wait_on_page_writeback(struct page *page);
/* PAGE_IO_READ: the page's read from its slot is in flight. */
void wait_on_page_locked(struct page *page);
/* vm.page-cluster: readahead reads up to 2^page_cluster slots around a fault. */
extern int page_cluster;
/* 6.1's readahead window (pure: host-tested). */
unsigned int swapin_nr_pages(unsigned long prev_offset, unsigned long offset, int hits,
			     int max_pages, int prev_win);

/* The slot's count (PTEs, inode entries + the cache), for the reuse rules. */
int swap_count(uint64_t e);
/* Is @e's area in service (not being swapped off)? */
bool swap_entry_in_service(uint64_t e);

/*
 * Reclaim (mm/vmscan.c).  try_to_free_pages: direct reclaim by an
 * allocating task; the pages freed (0: none, after every priority).
 * wakeup_kswapd: an allocation went below a low watermark (zones up to
 * @highest_zoneidx serve it).  kswapd_run: start kswapd0 at boot.
 */
unsigned long try_to_free_pages(gfp_t gfp, unsigned int order);
struct list_head;
/* MADV_PAGEOUT: reclaim these isolated pages now; the number freed. */
unsigned long reclaim_pages(struct list_head *pages);
void wakeup_kswapd(int highest_zoneidx);
/* kswapd gave up: 16 rounds in a row freed nothing (the report's all_unreclaimable?). */
bool pgdat_all_unreclaimable(void);
void kswapd_run(void);

/* Pages holding the swap maps and cache arrays of the areas in use (the leak check). */
unsigned long swap_area_pages(void);

struct seq_file;
struct task;
/* /proc/swaps in 6.1's format (kernel/fs/proc/root.c lists it). */
int swaps_proc_show(struct seq_file *m, struct task *t);
/* Bring every page of @p back into memory (swapoff); 0 or -errno. */
int try_to_unuse(struct swap_info_struct *p);

#endif
