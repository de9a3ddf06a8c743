/*
 * mm/debug.c - GFP masks in words, as Linux's %pGg prints them in the OOM
 * report: composite names first (GFP_HIGHUSER_MOVABLE...), then single
 * flags, each consuming its bits; leftover bits in hex (mm/debug.c,
 * include/trace/events/mmflags.h).  Pure logic: host-tested.
 */
#include "mm/gfp.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

#define GFP_TRANSHUGE_LIGHT ((GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_NOMEMALLOC | \
			      __GFP_NOWARN) & ~__GFP_RECLAIM)
#define GFP_TRANSHUGE	(GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM)
#define GFP_NOFS	(__GFP_RECLAIM | __GFP_IO)
#define GFP_NOIO	(__GFP_RECLAIM)
#define GFP_DMA		__GFP_DMA

#define NAME(f) { f, #f }

static const struct { gfp_t mask; const char *name; } gfp_names[] = {
	NAME(GFP_TRANSHUGE), NAME(GFP_TRANSHUGE_LIGHT), NAME(GFP_HIGHUSER_MOVABLE),
	NAME(GFP_HIGHUSER), NAME(GFP_USER), NAME(GFP_KERNEL_ACCOUNT), NAME(GFP_KERNEL),
	NAME(GFP_NOFS), NAME(GFP_ATOMIC), NAME(GFP_NOIO), NAME(GFP_NOWAIT), NAME(GFP_DMA),
	NAME(__GFP_HIGHMEM), NAME(GFP_DMA32), NAME(__GFP_HIGH), NAME(__GFP_ATOMIC),
	NAME(__GFP_IO), NAME(__GFP_FS), NAME(__GFP_NOWARN), NAME(__GFP_RETRY_MAYFAIL),
	NAME(__GFP_NOFAIL), NAME(__GFP_NORETRY), NAME(__GFP_COMP), NAME(__GFP_ZERO),
	NAME(__GFP_NOMEMALLOC), NAME(__GFP_MEMALLOC), NAME(__GFP_HARDWALL),
	NAME(__GFP_THISNODE), NAME(__GFP_RECLAIMABLE), NAME(__GFP_MOVABLE),
	NAME(__GFP_ACCOUNT), NAME(__GFP_WRITE), NAME(__GFP_RECLAIM),
	NAME(__GFP_DIRECT_RECLAIM), NAME(__GFP_KSWAPD_RECLAIM),
};

size_t gfp_flags_name(gfp_t gfp, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = 0;
	if (!gfp)
		return (size_t)snprintf(buf, size, "none");
	for (size_t i = 0; i < sizeof(gfp_names) / sizeof(gfp_names[0]) && gfp; i++) {
		if ((gfp & gfp_names[i].mask) != gfp_names[i].mask || !gfp_names[i].mask)
			continue;
		n += (size_t)snprintf(buf + MIN(n, size), size - MIN(n, size), "%s%s",
				      n ? "|" : "", gfp_names[i].name);
		gfp &= ~gfp_names[i].mask;
	}
	if (gfp)
		n += (size_t)snprintf(buf + MIN(n, size), size - MIN(n, size), "%s%#x",
				      n ? "|" : "", gfp);
	return n;
}
