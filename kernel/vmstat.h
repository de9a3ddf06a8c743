/*
 * kernel/vmstat.h - event counters shown in /proc/vmstat (Linux's names).
 */
#ifndef KERNEL_VMSTAT_H
#define KERNEL_VMSTAT_H

enum vm_event_item {
	PGFAULT, PGMAJFAULT, PSWPIN, PSWPOUT, PGSCAN_KSWAPD, PGSCAN_DIRECT,
	PGSTEAL_KSWAPD, PGSTEAL_DIRECT, PGACTIVATE, PGDEACTIVATE, PGREFILL, SWAP_RA, SWAP_RA_HIT,
	OOM_KILL, DROP_PAGECACHE, DROP_SLAB,
	NR_VM_EVENT_ITEMS
};

extern unsigned long vm_events[NR_VM_EVENT_ITEMS];
static inline void count_vm_event(enum vm_event_item i) { vm_events[i]++; }

#endif
