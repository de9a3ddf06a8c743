/*
 * mm/swap_readahead.c - how many slots a swap-in reads around the one it
 * needs (Linux 6.1: __swapin_nr_pages in mm/swap_state.c).  Pure, so the
 * host unit tests run it; mm/swap_state.c keeps the hit counter and
 * starts the reads.
 *
 * Slots are handed out in order, so pages that left together sit side
 * by side on the disk: reading the aligned window around a fault costs
 * one round trip for several pages.  The window follows its success:
 * readahead pages later found by faults ("hits") widen it to the next
 * power of two above hits + 2, up to 2^vm.page-cluster; with no hits a
 * fault next to the previous one still reads 2, any other reads 1; and
 * it never shrinks by more than half at a time.
 */
#include "mm/swap.h"

int page_cluster = 3;		/* vm.page-cluster */

unsigned int swapin_nr_pages(unsigned long prev_offset, unsigned long offset, int hits,
			     int max_pages, int prev_win)
{
	unsigned int pages = (unsigned int)hits + 2, last_ra;

	if (pages == 2) {
		if (offset != prev_offset + 1 && offset != prev_offset - 1)
			pages = 1;
	} else {
		unsigned int roundup = 4;

		while (roundup < pages)
			roundup <<= 1;
		pages = roundup;
	}
	if (pages > (unsigned int)max_pages)
		pages = (unsigned int)max_pages;
	last_ra = (unsigned int)prev_win / 2;
	return pages < last_ra ? last_ra : pages;
}
