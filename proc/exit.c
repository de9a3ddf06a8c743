/*
 * proc/exit.c - do_exit: release the address space, then stop running.
 *
 * The page tables in use are our own, so the kernel's are loaded first
 * (every address space shares the kernel half).  When pid 1 ends there is
 * nothing left to run: the kernel logs the status and powers off, which
 * is how a test run ends (Linux would panic: "Attempted to kill init!").
 * Parents, zombies and wait4 come with fork.
 */
#include "proc/exit.h"
#include "proc/sched.h"
#include "mm/mm.h"
#include "kernel/x86.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/param.h"

__noreturn void do_exit(int status)
{
	struct task *t = current;

	t->flags |= PF_EXITING;
	t->exit_code = status;
	if (t->mm) {
		struct mm *mm = t->mm;
		if (vm_debug_check)
			mm_check_counters(mm, t->comm);
		write_cr3(virt_to_phys(kernel_pml4));
		t->mm = NULL;
		mmput(mm);
	}
	if (t->pid == 1) {
		if (status & 0x7f)
			pr_notice("oomkernel: init killed by signal %d; powering off\n",
				  status & 0x7f);
		else
			pr_notice("oomkernel: init exited with status %d; powering off\n",
				  (status >> 8) & 0xff);
		machine_exit(warn_count ? QEMU_EXIT_WARN : QEMU_EXIT_POWEROFF);
	}
	local_irq_disable();
	t->state = TASK_DEAD;
	schedule();
	BUG();
}
