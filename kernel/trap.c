/*
 * kernel/trap.c - where every interrupt and exception lands (from
 * entry.S's isr_common), and the exception table that lets uaccess
 * functions recover from faults on user pointers.
 *
 * Kernel-mode exceptions are bugs: they get an oops (die()) unless the
 * faulting instruction has an exception-table fixup.  User-mode
 * exceptions become signals to the current process only
 * (user_exception(), in proc/signal.c once user space exists).
 */
#include "kernel/ptrace.h"
#include "kernel/irq.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "proc/sched.h"
#include "proc/signal.h"

extern const char iret_to_user_insn[];
__noreturn void fixup_bad_iret(struct pt_regs *regs);
void itimer_tick(struct task *t, bool user);

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "int3", "overflow", "bounds",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack segment", "general protection fault", "page fault", "reserved",
	"coprocessor error", "alignment check", "machine check",
	"SIMD coprocessor error", "virtualization exception",
	"control protection", [22 ... 31] = "reserved",
};

struct exception_table_entry {
	unsigned long insn, fixup;
};
extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

/* Resume a faulting uaccess instruction at its fixup; false if none. */
bool fixup_exception(struct pt_regs *regs)
{
	for (const struct exception_table_entry *e = __start___ex_table;
	     e < __stop___ex_table; e++) {
		if (e->insn == regs->rip) {
			regs->rip = e->fixup;
			return true;
		}
	}
	return false;
}

__attribute__((weak)) bool do_page_fault(struct pt_regs *regs, unsigned long addr)
{
	(void)addr;
	return fixup_exception(regs);
}

static void kernel_exception(struct pt_regs *regs, int vector)
{
	if (vector == 14) {
		unsigned long addr = read_cr2();
		if (do_page_fault(regs, addr))
			return;
		printk(KERN_ALERT "BUG: unable to handle page fault for address: %016lx\n", addr);
		printk(KERN_ALERT "#PF: supervisor %s access in %s mode\n",
		       regs->orig_rax & 2 ? "write" : regs->orig_rax & 16 ?
		       "instruction fetch" : "read", "kernel");
		die("Oops", regs, regs->orig_rax);
	}
	if (fixup_exception(regs))
		return;
	if (regs->rip == (unsigned long)iret_to_user_insn &&
	    (vector == 11 || vector == 12 || vector == 13))
		fixup_bad_iret(regs);
	if (vector == 2) {
		pr_emerg("Uhhuh. NMI received for unknown reason on CPU 0.\n");
		return;
	}
	die(exception_names[vector], regs, regs->orig_rax);
}

void trap_dispatch(struct pt_regs *regs)
{
	int vector = (int)regs->vector;

	if (vector < 32) {
		if (vector == 14 && user_mode(regs))
			do_page_fault(regs, read_cr2());
		else if (user_mode(regs))
			user_exception(regs, vector);
		else
			kernel_exception(regs, vector);
		return;
	}
	if (vector == VECTOR_TIMER) {
		irq_count[vector]++;
		timer_tick();
		if (current->mm)
			itimer_tick(current, user_mode(regs));
		scheduler_tick();
		lapic_eoi();
		return;
	}
	if (vector == VECTOR_SPURIOUS)
		return;
	do_irq(vector);
}
