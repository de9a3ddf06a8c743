/*
 * kernel/signal.c - the x86-64 half of signals: running a handler and
 * coming back (Linux: arch/x86/kernel/signal.c).
 *
 * do_signal runs on every return to user mode with a signal pending.  It
 * decides the fate of an interrupted syscall (-ERESTART* codes), and for a
 * signal with a handler builds Linux's struct rt_sigframe on the user
 * stack (or the sigaltstack):
 *
 *     frame+0    pretcode: sa_restorer, the handler's return address
 *     frame+8    struct ucontext: flags, link, stack_t, sigcontext, sigmask
 *     frame+312  siginfo (written only for SA_SIGINFO, as Linux)
 *     above      512-byte FXSAVE image, 64-byte aligned (sigcontext.fpstate)
 *
 * At handler entry rsp = frame, so rsp+8 is 16-byte aligned as after a
 * call; rdi = signal, rsi = &info, rdx = &uc, rax = 0, and the FPU is
 * reset.  rt_sigreturn trusts nothing in the frame: CS/SS get RPL 3,
 * EFLAGS only takes FIX_EFLAGS bits, the mask loses SIGKILL/SIGSTOP, the
 * FPU image is checked, and it always leaves by IRET, whose faults on a
 * forged CS/SS/RIP become SIGSEGV (kernel/trap_signal.c fixup_bad_iret).
 * Any unreadable frame is SIGSEGV too.
 */
#include "proc/signal.h"
#include "proc/signal_rules.h"
#include "proc/task.h"
#include "kernel/ptrace.h"
#include "kernel/errno.h"
#include "kernel/x86.h"
#include "kernel/printk.h"
#include "kernel/param.h"
#include "kernel/lib/string.h"
#include "mm/uaccess.h"
#include "mm/memlayout.h"

#define UC_FP_XSTATE		0x1
#define UC_SIGCONTEXT_SS	0x2
#define UC_STRICT_RESTORE_SS	0x4
#define NR_restart_syscall	219
#define FPSTATE_SIZE		512

void fpu__clear_user_states(void);
int copy_fpstate_to_sigframe(unsigned long ubuf);
bool fpu__restore_sig(unsigned long ubuf);
void vma_desc(char *buf, size_t size, unsigned long ip);	/* kernel/trap_signal.c */

/* Linux's struct sigcontext (x86-64), the registers in uc_mcontext. */
struct sigcontext {
	unsigned long r8, r9, r10, r11, r12, r13, r14, r15;
	unsigned long rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
	unsigned long eflags;
	uint16_t cs, gs, fs, ss;
	unsigned long err, trapno, oldmask, cr2;
	unsigned long fpstate;		/* user address of the FXSAVE image, or 0 */
	unsigned long reserved1[8];
};

struct ucontext {
	unsigned long uc_flags;
	unsigned long uc_link;
	struct user_stack_t uc_stack;
	struct sigcontext uc_mcontext;
	sigset_t uc_sigmask;
};

struct rt_sigframe {
	unsigned long pretcode;
	struct ucontext uc;
	struct siginfo info;
};

_Static_assert(sizeof(struct sigcontext) == 256, "sigcontext layout");
_Static_assert(offsetof(struct rt_sigframe, uc.uc_mcontext) == 48, "uc_mcontext");
_Static_assert(offsetof(struct rt_sigframe, info) == 312, "rt_sigframe.info");
_Static_assert(sizeof(struct rt_sigframe) == 440, "rt_sigframe size");

static struct ratelimit_state badframe_rs = RATELIMIT_INIT(5 * HZ, 10);

static bool in_syscall(const struct pt_regs *regs)
{
	return regs->vector == VECTOR_SYSCALL && (long)regs->orig_rax >= 0;
}

/* Apply the restart decision for an interrupted syscall to @regs. */
static void syscall_restart(struct pt_regs *regs, bool handler, unsigned long sa_flags)
{
	if (!in_syscall(regs))
		return;
	switch (syscall_restart_action((long)regs->rax, handler, sa_flags)) {
	case RESTART_EINTR:
		regs->rax = (unsigned long)-EINTR;
		break;
	case RESTART_AGAIN:
		regs->rax = regs->orig_rax;
		regs->rip -= 2;		/* back onto the 2-byte syscall instruction */
		break;
	case RESTART_BLOCK:
		regs->rax = NR_restart_syscall;
		regs->rip -= 2;
		break;
	case RESTART_NONE:
		break;
	}
}

/*
 * SS must name a usable data segment; in our GDT only USER_DS is one for
 * ring 3 (Linux's force_valid_ss checks the descriptor with LAR).
 */
static void force_valid_ss(struct pt_regs *regs)
{
	if (regs->ss != USER_DS)
		regs->ss = USER_DS;
}

static void fill_sigcontext(struct sigcontext *sc, const struct pt_regs *regs,
			    unsigned long fp, sigset_t mask)
{
	memset(sc, 0, sizeof(*sc));
	sc->r8 = regs->r8; sc->r9 = regs->r9; sc->r10 = regs->r10; sc->r11 = regs->r11;
	sc->r12 = regs->r12; sc->r13 = regs->r13; sc->r14 = regs->r14; sc->r15 = regs->r15;
	sc->rdi = regs->rdi; sc->rsi = regs->rsi; sc->rbp = regs->rbp; sc->rbx = regs->rbx;
	sc->rdx = regs->rdx; sc->rax = regs->rax; sc->rcx = regs->rcx; sc->rsp = regs->rsp;
	sc->rip = regs->rip;
	sc->eflags = regs->rflags;
	sc->cs = (uint16_t)regs->cs;
	sc->ss = (uint16_t)regs->ss;
	sc->err = current->thread_error_code;
	sc->trapno = current->thread_trap_nr;
	sc->oldmask = mask;
	sc->cr2 = current->thread_cr2;
	sc->fpstate = fp;
}

/* Build the frame for @ksig; on success @regs enter the handler.  0 or -EFAULT. */
static int setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs)
{
	struct altstack as = { current->sas_ss_sp, current->sas_ss_size, current->sas_ss_flags };
	struct rt_sigframe f;
	unsigned long frame, fp;
	sigset_t set = sigmask_to_save();

	if (!(ksig->ka.flags & SA_RESTORER))
		return -EFAULT;		/* x86-64 has no kernel trampoline */
	frame = sigframe_place(regs->rsp, ksig->ka.flags & SA_ONSTACK, &as,
			       sizeof(f), FPSTATE_SIZE, &fp);
	if (frame == (unsigned long)-1) {
		if (__ratelimit(&badframe_rs))
				pr_info("%s[%d] overflowed sigaltstack\n", current->comm, current->pid);
		return -EFAULT;
	}
	if (copy_fpstate_to_sigframe(fp))
		return -EFAULT;
	memset(&f, 0, offsetof(struct rt_sigframe, info));
	f.pretcode = (unsigned long)ksig->ka.restorer;
	f.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	f.uc.uc_stack = (struct user_stack_t){ (void *)as.sp, (int)as.flags, as.size };
	fill_sigcontext(&f.uc.uc_mcontext, regs, fp, set);
	f.uc.uc_sigmask = set;
	f.info = ksig->info;
	if (copy_to_user((void *)frame, &f, ksig->ka.flags & SA_SIGINFO ?
			 sizeof(f) : offsetof(struct rt_sigframe, info)))
		return -EFAULT;
	if (current->sas_ss_flags & SS_AUTODISARM) {
		current->sas_ss_sp = 0;
		current->sas_ss_size = 0;
		current->sas_ss_flags = SS_DISABLE;
	}
	regs->rdi = (unsigned long)ksig->sig;
	regs->rax = 0;			/* for handlers declared without a prototype */
	regs->rsi = frame + offsetof(struct rt_sigframe, info);
	regs->rdx = frame + offsetof(struct rt_sigframe, uc);
	regs->rip = (unsigned long)ksig->ka.handler;
	regs->rsp = frame;
	regs->cs = USER_CS;
	force_valid_ss(regs);
	return 0;
}

static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	bool failed;

	syscall_restart(regs, true, ksig->ka.flags);
	failed = setup_rt_frame(ksig, regs) < 0;
	if (!failed) {
		/* The ABI's function entry: DF clear; no single-step into the handler. */
		regs->rflags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
		fpu__clear_user_states();
	}
	signal_setup_done(failed, ksig);
}

/* On the way to user mode with a signal pending (kernel/syscall.c). */
void do_signal(struct pt_regs *regs)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		handle_signal(&ksig, regs);
		return;
	}
	syscall_restart(regs, false, 0);
	restore_saved_sigmask();
}

static long do_no_restart_syscall(struct restart_block *rb)
{
	(void)rb;
	return -EINTR;
}

/* Load the registers of @sc into @regs, sanitized; false if the FPU image is bad. */
static bool restore_sigcontext(struct pt_regs *regs, const struct sigcontext *sc,
			       unsigned long uc_flags)
{
	current->restart_block.fn = do_no_restart_syscall;
	regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->rdi = sc->rdi; regs->rsi = sc->rsi; regs->rbp = sc->rbp; regs->rbx = sc->rbx;
	regs->rdx = sc->rdx; regs->rax = sc->rax; regs->rcx = sc->rcx; regs->rsp = sc->rsp;
	regs->rip = sc->rip;
	/* RPL 3 always: a kernel selector then makes IRET fault, never ring 0. */
	regs->cs = sc->cs | 3;
	regs->ss = sc->ss | 3;
	regs->rflags = sigreturn_eflags(regs->rflags, sc->eflags);
	regs->orig_rax = (unsigned long)-1;	/* no syscall restart on this return */
	if (!(uc_flags & UC_STRICT_RESTORE_SS) && regs->cs == USER_CS)
		force_valid_ss(regs);
	return fpu__restore_sig(sc->fpstate);
}

long sys_rt_sigreturn(unsigned long a1, unsigned long a2, unsigned long a3,
		      unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct pt_regs *regs = task_pt_regs(current);
	unsigned long frame = regs->rsp - sizeof(long);
	struct ucontext uc;

	if (frame > USER_TOP - sizeof(struct rt_sigframe) ||
	    copy_from_user(&uc, (void *)(frame + offsetof(struct rt_sigframe, uc)), sizeof(uc)))
		goto badframe;
	set_current_blocked(uc.uc_sigmask);
	if (!restore_sigcontext(regs, &uc.uc_mcontext, uc.uc_flags))
		goto badframe;
	/* As Linux: a bad uc_stack is ignored. */
	do_sigaltstack(&uc.uc_stack, NULL, regs->rsp);
	return (long)regs->rax;
badframe:
	if (__ratelimit(&badframe_rs)) {
		char where[64];

		vma_desc(where, sizeof(where), regs->rip);
		pr_info("%s[%d] bad frame in rt_sigreturn frame:%016lx ip:%lx sp:%lx orax:%lx%s\n",
			current->comm, current->pid, frame, regs->rip, regs->rsp,
			regs->orig_rax, where);
	}
	force_sig(SIGSEGV);
	return 0;
}
