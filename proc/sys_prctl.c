/*
 * proc/sys_prctl.c - prctl(2), the options programs and test harnesses
 * use (Linux: kernel/sys.c).  Unknown options are EINVAL, as Linux.
 */
#include "proc/task.h"
#include "mm/mm.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/uaccess.h"

#define PR_GET_DUMPABLE	3
#define PR_SET_DUMPABLE	4
#define PR_SET_NAME	15
#define PR_GET_NAME	16

long sys_prctl(unsigned long option, unsigned long arg2, unsigned long arg3,
	       unsigned long arg4, unsigned long arg5, unsigned long a6)
{
	char name[TASK_COMM_LEN];
	long len;

	switch (option) {
	case PR_SET_NAME:
		len = strncpy_from_user(name, (const char *)arg2, sizeof(name) - 1);
		if (len < 0)
			return -EFAULT;
		name[MIN((size_t)len, sizeof(name) - 1)] = 0;
		set_task_comm(current, name);
		return 0;
	case PR_GET_NAME:
		memset(name, 0, sizeof(name));
		strlcpy(name, current->comm, sizeof(name));
		return copy_to_user((void *)arg2, name, sizeof(name)) ? -EFAULT : 0;
	case PR_GET_DUMPABLE:
		return current->mm ? current->mm->dumpable : 0;
	case PR_SET_DUMPABLE:
		if (arg2 > 1)
			return -EINVAL;		/* SUID_DUMP_ROOT may not be asked for */
		if (current->mm)
			current->mm->dumpable = (int)arg2;
		return 0;
	}
	return -EINVAL;
}
