/*
 * kernel/fs/proc_fs.h - what the rest of the kernel calls of /proc
 * (kernel/fs/proc/; Linux: include/linux/proc_fs.h).
 */
#ifndef KERNEL_FS_PROC_FS_H
#define KERNEL_FS_PROC_FS_H

/* After the initramfs is unpacked: /proc becomes procfs's root. */
void proc_init(void);

#endif
