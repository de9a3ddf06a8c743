/*
 * proc/signal.c - signals raised by the CPU for a user fault.
 *
 * Only default actions exist so far: a fault kills the process with its
 * signal after the log line Linux 6.1 prints for an unhandled fault.
 * Handlers, masks and kill(2) come with the rest of the signal work.
 */
#include "proc/signal.h"
#include "proc/task.h"
#include "proc/exit.h"
#include "kernel/ptrace.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "mm/mm.h"
#include "kernel/param.h"
#include "kernel/lib/vsprintf.h"

static struct ratelimit_state fault_rs = RATELIMIT_INIT(5 * HZ, 10);

/* " in prog[start+len]" for the VMA holding @ip, as Linux's print_vma_addr. */
static void vma_desc(char *buf, size_t size, unsigned long ip)
{
	struct mm *mm = current->mm;
	struct vma *v = mm ? find_vma(mm, ip) : NULL;

	buf[0] = 0;
	if (v && v->start <= ip)
		snprintf(buf, size, " in %s[%lx+%lx]", current->comm, v->start,
			 v->end - v->start);
}

void force_sig_fault(int sig, int code, unsigned long addr, struct pt_regs *regs)
{
	char where[64];

	(void)code;
	if (sig == SIGSEGV && __ratelimit(&fault_rs)) {
		vma_desc(where, sizeof(where), regs->rip);
		pr_info("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx%s likely on CPU 0 (core 0, socket 0)\n",
			current->comm, current->pid, addr, regs->rip, regs->rsp,
			regs->orig_rax, where);
	}
	do_exit(sig);
}

void user_exception(struct pt_regs *regs, int vector)
{
	static const struct { int sig; const char *name; } map[32] = {
		[0] = { SIGFPE, "divide error" }, [1] = { SIGTRAP, "debug" },
		[3] = { SIGTRAP, "int3" }, [4] = { SIGSEGV, "overflow" },
		[5] = { SIGSEGV, "bounds" }, [6] = { SIGILL, "invalid opcode" },
		[7] = { SIGSEGV, "device not available" },
		[10] = { SIGSEGV, "invalid TSS" }, [11] = { SIGBUS, "segment not present" },
		[12] = { SIGBUS, "stack segment" }, [13] = { SIGSEGV, "general protection fault" },
		[16] = { SIGFPE, "coprocessor error" }, [17] = { SIGBUS, "alignment check" },
		[19] = { SIGFPE, "simd exception" },
	};
	int sig = map[vector].sig ? map[vector].sig : SIGSEGV;
	char where[64];

	if (vector != 3 && vector != 1 && __ratelimit(&fault_rs)) {
		vma_desc(where, sizeof(where), regs->rip);
		if (vector == 13)
			pr_info("traps: %s[%d] general protection fault ip:%lx sp:%lx error:%lx%s\n",
				current->comm, current->pid, regs->rip, regs->rsp,
				regs->orig_rax, where);
		else
			pr_info("traps: %s[%d] trap %s ip:%lx sp:%lx error:%lx%s\n",
				current->comm, current->pid, map[vector].name ?
				map[vector].name : "exception", regs->rip, regs->rsp,
				regs->orig_rax, where);
	}
	do_exit(sig);
}
