/*
 * mm/fault.c - the x86 page-fault handler (Linux: arch/x86/mm/fault.c).
 *
 * A flat run of guard clauses:
 *   kernel address from user mode       -> SIGSEGV (SEGV_MAPERR)
 *   kernel address from kernel mode     -> fixup or oops
 *   no mm (kernel thread)               -> fixup or oops
 *   handle_mm_fault() resolved it       -> return
 *   user mode                           -> SIGSEGV/SIGBUS to the process
 *   kernel mode inside uaccess          -> fixup (the syscall gets EFAULT)
 */
#include "mm/mm.h"
#include "kernel/ptrace.h"
#include "kernel/printk.h"
#include "kernel/x86.h"
#include "proc/task.h"
#include "proc/signal.h"

#define PF_PROT  0x1
#define PF_WRITE 0x2
#define PF_USER  0x4
#define PF_INSTR 0x10

bool fixup_exception(struct pt_regs *regs);

static void user_fault(struct pt_regs *regs, unsigned long addr, int result)
{
	if (result == VM_FAULT_SIGBUS)
		bad_area_signal(regs, regs->orig_rax, addr, SIGBUS, BUS_ADRERR);
	else
		bad_area_signal(regs, regs->orig_rax, addr, SIGSEGV,
				result == VM_FAULT_ACCESS ? SEGV_ACCERR : SEGV_MAPERR);
}

bool do_page_fault(struct pt_regs *regs, unsigned long addr)
{
	unsigned long err = regs->orig_rax;
	unsigned int flags = 0;
	struct mm *mm = current->mm;
	int result;

	if (addr >= USER_TOP || !mm) {
		if (user_mode(regs)) {
			bad_area_signal(regs, err, addr, SIGSEGV, SEGV_MAPERR);
			return true;
		}
		return fixup_exception(regs);
	}
	/*
	 * The fault came in through an interrupt gate; a fault that may wait
	 * (for reclaim, the OOM killer, a disk) takes interrupts again if
	 * the faulting context had them, as Linux does.
	 */
	if (regs->rflags & X86_EFLAGS_IF)
		local_irq_enable();
	if (err & PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (err & PF_INSTR)
		flags |= FAULT_FLAG_INSTRUCTION;
	if (user_mode(regs))
		flags |= FAULT_FLAG_USER;
	mmap_read_lock(mm);
	result = handle_mm_fault(mm, addr, flags);
	mmap_read_unlock(mm);
	if (result == VM_FAULT_OK)
		return true;	/* counted in min_flt by handle_mm_fault */
	/*
	 * No memory even after the OOM killer: the allocator only gives up
	 * on a task that is dying, so let it die (the signal is pending), or
	 * retry the access (6.1's pagefault_out_of_memory).
	 */
	if (result == VM_FAULT_OOM && user_mode(regs))
		return true;
	if (user_mode(regs)) {
		user_fault(regs, addr, result);
		return true;
	}
	return fixup_exception(regs);
}
