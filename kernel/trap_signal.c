/*
 * kernel/trap_signal.c - CPU exceptions taken in user mode become signals
 * to the current process, with Linux 6.1's signal, si_code, si_addr and
 * log line for each (Linux: arch/x86/kernel/traps.c do_trap, math_error,
 * fixup_bad_iret; arch/x86/mm/fault.c bad_area).
 *
 * The signal is forced (force_sig*): a blocked or ignored fault signal
 * still kills.  The "segfault at" / "traps:" lines are printed only when
 * the process has no handler for the signal, rate-limited, as Linux.
 * The fault's trap number, error code and cr2 are kept in the task for
 * the sigcontext of a handler.
 */
#include "proc/signal.h"
#include "proc/task.h"
#include "kernel/ptrace.h"
#include "kernel/printk.h"
#include "kernel/param.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "mm/mm.h"

#define X86_TRAP_PF	14
#define X86_PF_PROT	0x1
#define X86_PF_USER	0x4

static struct ratelimit_state fault_rs = RATELIMIT_INIT(5 * HZ, 10);

/* Linux's unhandled_signal: init always counts as unhandled. */
static bool unhandled_signal(int sig)
{
	void *h = current->sighand ? current->sighand->action[sig - 1].handler : SIG_DFL;

	return current->tgid == 1 || h == SIG_DFL || h == SIG_IGN;
}

/* " in prog[start+len]" for the VMA holding @ip, as Linux's print_vma_addr. */
void vma_desc(char *buf, size_t size, unsigned long ip)
{
	struct mm *mm = current->mm;
	struct vma *v = mm ? find_vma(mm, ip) : NULL;

	buf[0] = 0;
	if (v && v->start <= ip)
		snprintf(buf, size, " in %s[%lx+%lx]", current->comm, v->start,
			 v->end - v->start);
}

static void set_archinfo(unsigned long trap, unsigned long error, unsigned long cr2)
{
	current->thread_trap_nr = trap;
	current->thread_error_code = error;
	current->thread_cr2 = cr2;
}

void bad_area_signal(struct pt_regs *regs, unsigned long error_code,
		     unsigned long address, int sig, int code)
{
	char where[64];

	/* As Linux: user accesses to kernel addresses read as protection faults. */
	if (address >= USER_TOP)
		error_code |= X86_PF_PROT;
	if (sig == SIGSEGV && unhandled_signal(sig) && __ratelimit(&fault_rs)) {
		vma_desc(where, sizeof(where), regs->rip);
		pr_info("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx%s likely on CPU 0 (core 0, socket 0)\n",
			current->comm, current->pid, address, regs->rip, regs->rsp,
			error_code, where);
	}
	set_archinfo(X86_TRAP_PF, error_code | X86_PF_USER, address);
	force_sig_fault(sig, code, (void *)address);
}

/* x87 / SIMD floating-point exception: the si_code from the unmasked status bits. */
static int fpu_exception_code(int vector)
{
	uint8_t buf[512] __aligned(16);
	uint16_t cwd, swd;
	uint32_t mxcsr, err;

	asm volatile("fxsave64 %0" : "=m"(buf));
	memcpy(&cwd, buf, 2);
	memcpy(&swd, buf + 2, 2);
	memcpy(&mxcsr, buf + 24, 4);
	err = vector == 16 ? (uint32_t)(swd & ~cwd) : (~(mxcsr >> 7) & mxcsr);
	if (err & 0x001)
		return FPE_FLTINV;	/* invalid operation (also x87 stack fault) */
	if (err & 0x004)
		return FPE_FLTDIV;
	if (err & 0x008)
		return FPE_FLTOVF;
	if (err & 0x012)
		return FPE_FLTUND;	/* underflow or denormal */
	if (err & 0x020)
		return FPE_FLTRES;
	return 0;
}

struct trap_kind {
	int sig;
	int code;		/* 0: force_sig (SI_KERNEL, no address) */
	bool addr_ip;		/* si_addr = the faulting instruction */
	const char *name;	/* for the "traps:" line; NULL: no line */
};

static const struct trap_kind traps[32] = {
	[0] = { SIGFPE, FPE_INTDIV, true, "divide error" },
	[1] = { SIGTRAP, TRAP_TRACE, true, NULL },
	[3] = { SIGTRAP, 0, false, "int3" },
	[4] = { SIGSEGV, 0, false, "overflow" },
	[5] = { SIGSEGV, 0, false, "bounds" },
	[6] = { SIGILL, ILL_ILLOPN, true, "invalid opcode" },
	[7] = { SIGSEGV, 0, false, "device not available" },
	[9] = { SIGFPE, 0, false, "coprocessor segment overrun" },
	[10] = { SIGSEGV, 0, false, "invalid TSS" },
	[11] = { SIGBUS, 0, false, "segment not present" },
	[12] = { SIGBUS, 0, false, "stack segment" },
	[13] = { SIGSEGV, 0, false, "general protection fault" },
	[16] = { SIGFPE, -1, true, NULL },	/* code from the FPU status */
	[17] = { SIGBUS, BUS_ADRALN, false, "alignment check" },
	[19] = { SIGFPE, -1, true, NULL },
};

void user_exception(struct pt_regs *regs, int vector)
{
	const struct trap_kind *k = &traps[vector];
	int sig = k->sig ? k->sig : SIGSEGV, code = k->code;
	char where[64];

	set_archinfo((unsigned long)vector, regs->orig_rax, current->thread_cr2);
	if (code < 0 && !(code = fpu_exception_code(vector)))
		return;			/* nothing unmasked: Linux sends nothing */
	if (k->name && unhandled_signal(sig) && __ratelimit(&fault_rs)) {
		vma_desc(where, sizeof(where), regs->rip);
		pr_info("traps: %s[%d] %s%s ip:%lx sp:%lx error:%lx%s\n",
			current->comm, current->pid, vector == 13 ? "" : "trap ",
			k->name, regs->rip, regs->rsp, regs->orig_rax, where);
	}
	if (code)
		force_sig_fault(sig, code, k->addr_ip ? (void *)regs->rip : NULL);
	else
		force_sig(sig);
}

void ret_to_user(void);

/*
 * IRET back to user mode faulted (#GP, #NP, #SS): rt_sigreturn loaded a
 * CS, SS or RIP the CPU refuses.  The state IRET was loading is what the
 * user had; deliver the fault as if it were taken at that user
 * instruction, and leave by the normal exit (Linux's fixup_bad_iret).
 * The IRET frame is the top of task_pt_regs; this exception's frame sits
 * below it on the same stack.
 */
__noreturn void fixup_bad_iret(struct pt_regs *regs)
{
	struct pt_regs *top = task_pt_regs(current), fixed = *regs;

	memcpy(&fixed.rip, (void *)regs->rsp, 5 * sizeof(unsigned long));
	*top = fixed;
	user_exception(top, (int)fixed.vector);	/* @regs may be overwritten now */
	asm volatile("cli; mov %0, %%rsp; jmp ret_to_user" : : "r"(top) : "memory");
	__builtin_unreachable();
}
