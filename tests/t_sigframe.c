/*
 * t_sigframe - the signal frame: its layout at handler entry, the
 * registers restored by rt_sigreturn, and forged frames.
 *
 * A handler may edit the ucontext it is given, and rt_sigreturn loads
 * whatever is there; user space can also call rt_sigreturn with any stack
 * at all.  The kernel must either sanitize the values (as Linux does for
 * EFLAGS and the signal mask) or refuse them by killing the process with
 * SIGSEGV -- and must never crash or hand ring 0 to user space.
 *
 * Every forgery runs in a fresh child; the parent checks its wait status.
 * Expected results are what Linux (x86-64) does:
 *   RIP non-canonical or in the kernel half    -> SIGSEGV
 *   CS = 0x08, SS = 0x10 (kernel selectors)    -> SIGSEGV (RPL forced to 3,
 *                                                 the descriptor is DPL 0)
 *   EFLAGS.IOPL = 3, NT set, IF clear           -> ignored, process goes on
 *   EFLAGS.TF set                               -> SIGTRAP after one insn
 *   fpstate pointer garbage or kernel           -> SIGSEGV
 *   fpstate pointer NULL                        -> FPU reset, goes on
 *   fpstate with invalid MXCSR bits             -> SIGSEGV
 *   uc_sigmask with SIGKILL/SIGSTOP             -> those bits dropped
 *   rt_sigreturn on a garbage/zero/unmapped stack -> SIGSEGV
 */
#include "tap.h"

#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>

#define EFL_TF   0x100UL
#define EFL_IF   0x200UL
#define EFL_IOPL 0x3000UL
#define EFL_NT   0x4000UL

/* The kernel's struct sigaction, to read back sa_restorer. */
struct ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask;
};

static unsigned long read_rflags(void)
{
	unsigned long f;

	__asm__ volatile("pushfq; popq %0" : "=r"(f));
	return f;
}

/* Send SIGUSR1 to ourselves with a raw syscall; the handler runs on return. */
static void self_signal(void)
{
	syscall(SYS_kill, getpid(), SIGUSR1);
}

static void install(void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
}

/* ---- 1. the frame as the handler finds it --------------------------------- */

/*
 * probe_handler records the raw registers at entry (before any compiler
 * prologue can move rsp) and a copy of the first 512 bytes of its frame,
 * then returns at once: its `ret` pops the restorer address, which calls
 * rt_sigreturn.  The copy matters: once the handler has returned, the
 * frame is dead stack below rsp, and the printf of the first check
 * reaches that deep when the FPU area is only the 512-byte FXSAVE image
 * (a CPU without XSAVE, such as QEMU's qemu64); on an XSAVE host the
 * frame sits kilobytes lower and happens to survive.
 */
long probe_rsp, probe_rdi, probe_rsi, probe_rdx;
unsigned char probe_frame[2048];	/* musl's ucontext_t is larger than the kernel's */
void probe_handler(int, siginfo_t *, void *);
__asm__(
	".text\n"
	".globl probe_handler\n"
	"probe_handler:\n"
	"	mov %rsp, probe_rsp(%rip)\n"
	"	mov %rdi, probe_rdi(%rip)\n"
	"	mov %rsi, probe_rsi(%rip)\n"
	"	mov %rdx, probe_rdx(%rip)\n"
	"	mov %rsp, %rsi\n"
	"	lea probe_frame(%rip), %rdi\n"
	"	mov $512, %ecx\n"
	"	rep movsb\n"
	"	ret\n");

/* Where the frame address @a was copied to. */
static void *in_probe_frame(long a)
{
	return probe_frame + (a - probe_rsp);
}

static void test_frame_layout(void)
{
	struct ksigaction k;
	siginfo_t *si;
	ucontext_t *uc;
	uintptr_t top;
	static char altstack[64 * 1024];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };

	install(probe_handler, 0);
	syscall(SYS_rt_sigaction, SIGUSR1, NULL, &k, 8);
	self_signal();
	si = in_probe_frame(probe_rsi);
	uc = in_probe_frame(probe_rdx);

	is_int((probe_rsp + 8) % 16, 0, "at handler entry rsp+8 is 16-byte aligned (as after a call)");
	is_int(*(long *)probe_frame, (long)k.restorer,
	       "the return address on the handler's stack is sa_restorer");
	is_int(probe_rdi, SIGUSR1, "rdi = the signal number");
	is_int(si->si_signo, SIGUSR1, "rsi points at the siginfo");
	is_int(probe_rdx, probe_rsp + 8,
	       "rdx = the ucontext, right above the return address (libgcc's unwinder relies on it)");
	top = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
	ok((uintptr_t)probe_rsp < top, "the frame is below the interrupted rsp");
	ok((uintptr_t)probe_rsi + sizeof(*si) <= top - 128 &&
	   (uintptr_t)uc->uc_mcontext.fpregs + 512 <= top - 128,
	   "the frame leaves the 128-byte red zone below the interrupted rsp alone");
	ok(uc->uc_mcontext.fpregs != NULL && (uintptr_t)uc->uc_mcontext.fpregs % 16 == 0,
	   "uc_mcontext.fpregs points at a 16-byte aligned FPU save area");

	sigaltstack(&ss, NULL);
	install(probe_handler, SA_ONSTACK);
	self_signal();
	ok(probe_rsp > (long)altstack && probe_rsp < (long)(altstack + sizeof altstack),
	   "with SA_ONSTACK the frame is on the alternate stack");
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	signal(SIGUSR1, SIG_DFL);
}

/* ---- 2. honest edits: rt_sigreturn loads what the handler wrote ------------ */

static char landing_stack[16384] __attribute__((aligned(16)));

static void landing(int code)
{
	_exit(code);
}

static void h_redirect(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig; (void)si;
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)landing;
	uc->uc_mcontext.gregs[REG_RSP] = (greg_t)(uintptr_t)(landing_stack + sizeof landing_stack - 8);
	uc->uc_mcontext.gregs[REG_RDI] = 33;
}

static void child_redirect(void *arg)
{
	(void)arg;
	install(h_redirect, 0);
	self_signal();
	_exit(1);              /* not reached if RIP was honoured */
}

static void h_mask(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig; (void)si;
	sigaddset(&uc->uc_sigmask, SIGUSR2);
	sigaddset(&uc->uc_sigmask, SIGKILL);
	sigaddset(&uc->uc_sigmask, SIGSTOP);
}

static void child_mask(void *arg)
{
	sigset_t now;

	(void)arg;
	install(h_mask, 0);
	self_signal();
	sigprocmask(SIG_BLOCK, NULL, &now);
	_exit((sigismember(&now, SIGUSR2) ? 0 : 1) |
	      (sigismember(&now, SIGKILL) || sigismember(&now, SIGSTOP) ? 2 : 0));
}

/* ---- 3. forged register values ---------------------------------------- */

enum forgery {
	RIP_NONCANON, RIP_KERNEL, CS_KERNEL, SS_KERNEL,
	EFL_PRIV, EFL_TRAP, FP_GARBAGE, FP_KERNEL, FP_NULL, FP_MXCSR,
};

static volatile enum forgery forge_what;

static void h_forge(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *g = uc->uc_mcontext.gregs;

	(void)sig; (void)si;
	switch (forge_what) {
	case RIP_NONCANON:
		g[REG_RIP] = (greg_t)0x8000000000000000UL;
		break;
	case RIP_KERNEL:
		g[REG_RIP] = (greg_t)0xffffffff81000000UL;
		break;
	case CS_KERNEL:     /* cs is bits 0-15 of the cs/gs/fs/ss word */
		g[REG_CSGSFS] = (g[REG_CSGSFS] & ~0xffffL) | 0x08;
		break;
	case SS_KERNEL:     /* ss is bits 48-63 */
		g[REG_CSGSFS] = (g[REG_CSGSFS] & ~(0xffffL << 48)) | (0x10L << 48);
		break;
	case EFL_PRIV:
		g[REG_EFL] = (g[REG_EFL] | EFL_IOPL | EFL_NT) & ~EFL_IF;
		break;
	case EFL_TRAP:
		g[REG_EFL] |= EFL_TF;
		break;
	case FP_GARBAGE:
		uc->uc_mcontext.fpregs = (fpregset_t)0x1234;
		break;
	case FP_KERNEL:
		uc->uc_mcontext.fpregs = (fpregset_t)0xffffffff81000000UL;
		break;
	case FP_NULL:
		uc->uc_mcontext.fpregs = NULL;
		break;
	case FP_MXCSR:      /* reserved MXCSR bits: fxrstor/xrstor would #GP */
		uc->uc_mcontext.fpregs->mxcsr = 0xffffffff;
		break;
	}
}

/* The child: forge, return from the handler, then report how things look. */
static void child_forge(void *arg)
{
	unsigned long fl;

	forge_what = (enum forgery)(intptr_t)arg;
	install(h_forge, 0);
	self_signal();
	fl = read_rflags();
	if (forge_what == EFL_PRIV)
		_exit((fl & EFL_IOPL ? 1 : 0) | (fl & EFL_NT ? 2 : 0) | (fl & EFL_IF ? 0 : 4));
	_exit(0);
}

static int forge(enum forgery f)
{
	return run_child(child_forge, (void *)(intptr_t)f);
}

static void test_forgeries(void)
{
	int st;

	is_killed_by(forge(RIP_NONCANON), SIGSEGV, "RIP = 0x8000000000000000 (non-canonical) -> SIGSEGV");
	is_killed_by(forge(RIP_KERNEL), SIGSEGV, "RIP = 0xffffffff81000000 (kernel half) -> SIGSEGV");
	is_killed_by(forge(CS_KERNEL), SIGSEGV, "CS = 0x08 (a kernel code selector) -> SIGSEGV");
	is_killed_by(forge(SS_KERNEL), SIGSEGV, "SS = 0x10 (a kernel data selector) -> SIGSEGV");

	st = forge(EFL_PRIV);
	ok(WIFEXITED(st), "EFLAGS with IOPL=3, NT, IF clear: the process carries on");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 1), "... with IOPL still 0 (sigreturn masks it)");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 2), "... with NT still clear");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 4), "... with interrupts still enabled (IF set)");
	is_killed_by(forge(EFL_TRAP), SIGTRAP, "EFLAGS.TF set -> single-step trap -> SIGTRAP");

	is_killed_by(forge(FP_GARBAGE), SIGSEGV, "fpstate pointer 0x1234 -> SIGSEGV");
	is_killed_by(forge(FP_KERNEL), SIGSEGV, "fpstate pointer into the kernel -> SIGSEGV");
	is_exited(forge(FP_NULL), 0, "fpstate pointer NULL -> FPU state reset, the process carries on");
	is_killed_by(forge(FP_MXCSR), SIGSEGV, "fpstate with MXCSR = 0xffffffff (reserved bits) -> SIGSEGV");
}

/* ---- 4. rt_sigreturn called directly, with a bogus stack ---------------- */

static void sigreturn_on(void *sp)
{
	__asm__ volatile(
		"mov %0, %%rsp\n"
		"mov $15, %%eax\n"      /* SYS_rt_sigreturn */
		"syscall\n"
		"ud2\n"                 /* never reached: rt_sigreturn does not return */
		: : "r"(sp) : "memory");
}

static void child_sigreturn_fill(void *arg)
{
	static char stack[8192] __attribute__((aligned(16)));

	memset(stack, (int)(intptr_t)arg, sizeof stack);
	sigreturn_on(stack + 4096);
}

static void child_sigreturn_unmapped(void *arg)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)arg;
	munmap(p, 4096);
	sigreturn_on(p + 2048);
}

static void child_sigreturn_kernel(void *arg)
{
	(void)arg;
	sigreturn_on((void *)0xffffffff81000000UL);
}

static void test_raw_sigreturn(void)
{
	is_killed_by(run_child(child_sigreturn_fill, (void *)0x41), SIGSEGV,
		     "rt_sigreturn on a stack of 0x41 bytes -> SIGSEGV");
	is_killed_by(run_child(child_sigreturn_fill, (void *)0), SIGSEGV,
		     "rt_sigreturn on a zero-filled stack -> SIGSEGV");
	is_killed_by(run_child(child_sigreturn_fill, (void *)0xff), SIGSEGV,
		     "rt_sigreturn on a stack of 0xff bytes -> SIGSEGV");
	is_killed_by(run_child(child_sigreturn_unmapped, NULL), SIGSEGV,
		     "rt_sigreturn with rsp in an unmapped page -> SIGSEGV");
	is_killed_by(run_child(child_sigreturn_kernel, NULL), SIGSEGV,
		     "rt_sigreturn with rsp at a kernel address -> SIGSEGV");
}

int main(void)
{
	int st;

	tap_init();
	test_frame_layout();
	is_exited(run_child(child_redirect, NULL), 33,
		  "a handler that sets RIP, RSP and RDI in the ucontext resumes there");
	st = run_child(child_mask, NULL);
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 1), "rt_sigreturn installs uc_sigmask (SIGUSR2 added)");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 2), "... but drops SIGKILL and SIGSTOP from it");
	test_forgeries();
	test_raw_sigreturn();
	is_int(1, 1, "the kernel survived every forged frame");
	return done_testing();
}
