/*
 * kernel/fw_cfg.h - QEMU's firmware configuration device (I/O ports
 * 0x510/0x511).  `make runprog` passes an extra command line and an
 * extra initramfs through it, so no ISO has to be rebuilt per run.
 */
#ifndef KERNEL_FW_CFG_H
#define KERNEL_FW_CFG_H

#include "kernel/types.h"

bool fw_cfg_present(void);
/* Size of the named file (e.g. "opt/oomkernel/cmdline"), or -1 when absent. */
long fw_cfg_file_size(const char *name);
/* Read up to @len bytes of the named file into @buf; returns bytes read or -1. */
long fw_cfg_read_file(const char *name, void *buf, size_t len);

#endif
