/*
 * mm/mm_sysctl_weak.c - weak definitions of the vm.* variables of
 * mm/mm_sysctl.h, holding Linux 6.1's defaults.  They exist so that the
 * memory manager links without the /proc/sys/vm file; that file's strong
 * definitions take their place when both are linked.  The reserves and
 * min_free_kbytes get their real boot values from mm_sysctl_init().
 */
#include "mm/mm_sysctl.h"

__attribute__((weak)) int sysctl_overcommit_memory = OVERCOMMIT_GUESS;
__attribute__((weak)) int sysctl_overcommit_ratio = 50;
__attribute__((weak)) unsigned long sysctl_overcommit_kbytes;
__attribute__((weak)) unsigned long sysctl_admin_reserve_kbytes = 1UL << 13;	/* 8 MiB */
__attribute__((weak)) unsigned long sysctl_user_reserve_kbytes = 1UL << 17;	/* 128 MiB */
__attribute__((weak)) int min_free_kbytes = 1024;
__attribute__((weak)) int watermark_scale_factor = 10;
