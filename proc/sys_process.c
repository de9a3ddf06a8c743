/*
 * proc/sys_process.c - process identity and thread setup syscalls:
 * exit, exit_group, getpid, gettid, getppid, set_tid_address, arch_prctl,
 * and restart_syscall.
 */
#include "proc/task.h"
#include "proc/exit.h"
#include "kernel/errno.h"
#include "kernel/x86.h"
#include "mm/uaccess.h"

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

long sys_exit(unsigned long code, unsigned long a2, unsigned long a3,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	do_exit((int)((code & 0xff) << 8));
}

long sys_getpid(unsigned long a1, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	return current->tgid;
}

long sys_gettid(unsigned long a1, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	return current->pid;
}

long sys_getppid(unsigned long a1, unsigned long a2, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	return current->parent && current->parent->pid ? current->parent->tgid : 0;
}

long sys_set_tid_address(unsigned long tidptr, unsigned long a2, unsigned long a3,
			 unsigned long a4, unsigned long a5, unsigned long a6)
{
	current->clear_child_tid = (int *)tidptr;
	return current->pid;
}

/*
 * restart_syscall: the signal code points an interrupted call here when
 * it returned -ERESTART_RESTARTBLOCK and no handler ran; anything else
 * calling it gets EINTR, as Linux's do_no_restart_syscall.
 */
long sys_restart_syscall(unsigned long a1, unsigned long a2, unsigned long a3,
			 unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct restart_block *rb = &current->restart_block;

	return rb->fn ? rb->fn(rb) : -EINTR;
}

long sys_arch_prctl(unsigned long code, unsigned long addr, unsigned long a3,
		    unsigned long a4, unsigned long a5, unsigned long a6)
{
	switch (code) {
	case ARCH_SET_FS:
		if (addr >= USER_TOP)
			return -EPERM;
		current->fs_base = addr;
		wrmsr(MSR_FS_BASE, addr);
		return 0;
	case ARCH_SET_GS:
		if (addr >= USER_TOP)
			return -EPERM;
		current->gs_base = addr;
		wrmsr(MSR_GS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return copy_to_user((void *)addr, &current->fs_base, 8) ? -EFAULT : 0;
	case ARCH_GET_GS:
		return copy_to_user((void *)addr, &current->gs_base, 8) ? -EFAULT : 0;
	}
	return -EINVAL;
}

/* Credentials as seen by the get* calls (the set* family comes later). */
long sys_getuid(unsigned long a1, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	return current->cred.uid;
}

long sys_geteuid(unsigned long a1, unsigned long a2, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	return current->cred.euid;
}

long sys_getgid(unsigned long a1, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	return current->cred.gid;
}

long sys_getegid(unsigned long a1, unsigned long a2, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	return current->cred.egid;
}
