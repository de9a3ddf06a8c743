/*
 * kernel/syscall.c - the system call table, indexed by Linux x86-64
 * numbers (../shared/LINUX-FACTS.md), and the exit path to user mode.
 *
 * A syscall arrives from entry.S with its number in orig_rax and its
 * arguments in rdi, rsi, rdx, r10, r8, r9; the result (or -errno) goes
 * back in rax.  An empty slot is -ENOSYS with one log line naming the
 * number and the process, as the boot issue asks.
 */
#include "kernel/syscall.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/x86.h"
#include "mm/memlayout.h"
#include "proc/sched.h"

#define NR_SYSCALLS 512

static syscall_fn_t syscall_table[NR_SYSCALLS];

void register_syscall(unsigned int nr, syscall_fn_t fn)
{
	if (nr < NR_SYSCALLS)
		syscall_table[nr] = fn;
}

static struct ratelimit_state nosys_rs = RATELIMIT_INIT(5 * 250, 10);

void syscall_dispatch(struct pt_regs *regs)
{
	unsigned long nr = regs->orig_rax;
	syscall_fn_t fn = nr < NR_SYSCALLS ? syscall_table[nr] : NULL;

	if (!fn) {
		if (__ratelimit(&nosys_rs))
			pr_info("oomkernel: unknown syscall %lu from %s[%d]: -ENOSYS\n",
				nr, current->comm, current->pid);
		regs->rax = (unsigned long)-ENOSYS;
		return;
	}
	regs->rax = (unsigned long)fn(regs->rdi, regs->rsi, regs->rdx,
				      regs->r10, regs->r8, regs->r9);
}

void do_signal(struct pt_regs *regs);

/*
 * Run pending work before returning to user mode: reschedule, deliver
 * signals (each pass builds one handler frame or acts on one default
 * action), until nothing is left.  Returns with interrupts off; nonzero
 * when SYSRET may be used, as Linux decides: a syscall frame whose rcx
 * and r11 still equal rip and rflags (so SYSRET restores exactly what
 * IRET would), a canonical user rip (SYSRET to a non-canonical rip
 * faults in kernel mode on Intel CPUs), the user selectors, and neither
 * TF nor RF.  A handler frame, rt_sigreturn and execve all fail the rcx
 * test and leave by IRET.
 */
int exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		local_irq_disable();
		if (current->need_resched) {
			schedule();
			continue;
		}
		if (!signal_pending_current() && !current->restore_sigmask)
			break;
		local_irq_enable();
		do_signal(regs);
	}
	return regs->vector == VECTOR_SYSCALL && regs->rip < USER_TOP &&
	       regs->rcx == regs->rip && regs->r11 == regs->rflags &&
	       regs->cs == USER_CS && regs->ss == USER_DS &&
	       !(regs->rflags & (X86_EFLAGS_TF | X86_EFLAGS_RF));
}

void syscall_entry(void);

/*
 * SYSCALL/SYSRET setup.  STAR[47:32] is the kernel CS (SS = +8);
 * STAR[63:48] + 16 is the user CS and + 8 the user SS that SYSRET loads,
 * hence USER32_CS there.  FMASK clears IF (the entry runs with interrupts
 * off until it is on the kernel stack), TF, DF, AC, NT and IOPL, as Linux.
 */
void syscall_init(void)
{
	wrmsr(MSR_STAR, ((uint64_t)USER32_CS << 48) | ((uint64_t)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_FMASK, X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_DF |
	      X86_EFLAGS_AC | X86_EFLAGS_NT | X86_EFLAGS_IOPL);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
