/*
 * mm/overcommit.c - commit limit and the overcommit decision (see
 * mm/overcommit.h).  Pure arithmetic with Linux 6.1's types, so its
 * wrap-arounds match too (a negative ratio makes a huge limit, as there).
 */
#include "mm/overcommit.h"
#include "mm/mm_sysctl.h"

#define KB_TO_PAGES(kb)	((kb) >> 2)	/* PAGE_SHIFT - 10 */

unsigned long commit_limit(const struct overcommit_params *p)
{
	unsigned long allowed;

	if (p->kbytes)
		allowed = KB_TO_PAGES(p->kbytes);
	else
		allowed = p->totalram * p->ratio / 100;	/* int ratio widens as in 6.1 */
	return allowed + p->total_swap;
}

bool overcommit_allows(const struct overcommit_params *p, long committed, long pages,
		       bool cap_sys_admin, bool has_mm, unsigned long total_vm)
{
	long allowed;

	if (p->mode == OVERCOMMIT_ALWAYS)
		return true;
	if (p->mode == OVERCOMMIT_GUESS)
		return pages <= (long)(p->totalram + p->total_swap);
	allowed = (long)commit_limit(p);
	if (!cap_sys_admin)
		allowed -= (long)KB_TO_PAGES(p->admin_reserve_kbytes);
	if (has_mm) {
		long reserve = (long)KB_TO_PAGES(p->user_reserve_kbytes);

		allowed -= MIN((long)(total_vm / 32), reserve);
	}
	return (committed < 0 ? 0 : committed) < allowed;
}
