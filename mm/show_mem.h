/*
 * mm/show_mem.h - the Mem-Info block of the OOM report (show_mem.c).
 */
#ifndef MM_SHOW_MEM_H
#define MM_SHOW_MEM_H

void show_mem(void);

#endif
