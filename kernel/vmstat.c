/*
 * kernel/vmstat.c - the /proc/vmstat event counters.
 */
#include "kernel/vmstat.h"

unsigned long vm_events[NR_VM_EVENT_ITEMS];
