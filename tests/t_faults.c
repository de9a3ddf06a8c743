/*
 * t_faults - CPU exceptions in user mode become the right signal.
 *
 * Each fault is run twice, each time in a fresh child:
 *   1. with the default action: the child must be killed by the signal;
 *   2. with an SA_SIGINFO handler (on an alternate stack): the handler
 *      reports si_signo, si_code, si_addr and the saved RIP through a pipe,
 *      and the parent compares them with what Linux gives.
 *
 * Faults whose address matters are written in assembly below, so the test
 * knows the exact address of the faulting instruction.
 *
 * Linux's choices pinned here (x86-64):
 *   page faults    SIGSEGV, SEGV_MAPERR (nothing mapped) or SEGV_ACCERR
 *                  (mapped, wrong permission), si_addr = the data address
 *                  (for an instruction fetch, the target address)
 *   #GP (hlt, cli, in, mov cr, non-canonical address, misaligned movaps)
 *                  SIGSEGV, si_code SI_KERNEL (0x80), si_addr 0
 *   #UD (ud2)      SIGILL, ILL_ILLOPN, si_addr = the instruction
 *   #DE (idiv)     SIGFPE, FPE_INTDIV, si_addr = the instruction
 *   #BP (int3)     SIGTRAP, si_code SI_KERNEL, saved RIP just after int3
 */
#include "tap.h"

#include <assert.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <ucontext.h>

#define PAGE 4096

/* ---- faulting instructions at known addresses ------------------------- */

void f_ud2(void), f_int3(void), f_int3_after(void), f_hlt(void), f_cli(void);
void f_inb(void), f_mov_cr3(void), f_div0(void), f_div0_insn(void);
void f_divov(void), f_jmp_noncanon(void), f_movaps(void *p);

__asm__(
	".text\n"
	".globl f_ud2\n"         "f_ud2:  ud2\n ret\n"
	".globl f_int3\n"        "f_int3: int3\n"
	".globl f_int3_after\n"  "f_int3_after: ret\n"
	".globl f_hlt\n"         "f_hlt:  hlt\n ret\n"
	".globl f_cli\n"         "f_cli:  cli\n ret\n"
	".globl f_inb\n"         "f_inb:  inb $0x80, %al\n ret\n"
	".globl f_mov_cr3\n"     "f_mov_cr3: mov %cr3, %rax\n ret\n"
	/* 1 / 0 */
	".globl f_div0\n"        "f_div0: xor %ecx, %ecx\n mov $1, %eax\n cltd\n"
	".globl f_div0_insn\n"   "f_div0_insn: idiv %ecx\n ret\n"
	/* INT_MIN / -1 overflows: also #DE on x86 */
	".globl f_divov\n"       "f_divov: mov $-1, %ecx\n mov $0x80000000, %eax\n cltd\n idiv %ecx\n ret\n"
	".globl f_jmp_noncanon\n" "f_jmp_noncanon: movabs $0x8000000000000000, %rax\n jmp *%rax\n"
	".globl f_movaps\n"      "f_movaps: movaps (%rdi), %xmm0\n ret\n"
);

/* ---- the fault table ---------------------------------------------------- */

static char *ro_page;      /* PROT_READ */
static char *none_page;    /* PROT_NONE */
static char *hole;         /* munmap'ed */
static char *nx_page;      /* PROT_READ|PROT_WRITE, holds a `ret` */
static char aligned_buf[64] __attribute__((aligned(16)));
static volatile int stop_at = -1;

static void do_null_write(void)   { *(volatile int *)0 = 1; }
static void do_null_read(void)    { (void)*(volatile int *)0; }
static void do_null_call(void)    { ((void (*)(void))0)(); }
static void do_literal_write(void) { *(volatile char *)"string literal" = 'x'; }
static void do_ro_write(void)     { ro_page[123] = 1; }
static void do_none_read(void)    { (void)*(volatile char *)(none_page + 7); }
static void do_hole_write(void)   { hole[42] = 1; }
static void do_text_write(void)   { *(volatile char *)(uintptr_t)f_hlt = 0; }
static void do_kernel_read(void)  { (void)*(volatile long *)0xffffffff81000000UL; }
static void do_noncanon_read(void) { (void)*(volatile long *)0x8000000000000000UL; }
static void do_nx_exec(void)      { ((void (*)(void))nx_page)(); }
static void do_ud2(void)          { f_ud2(); }
static void do_int3(void)         { f_int3(); }
static void do_div0(void)         { f_div0(); }
static void do_divov(void)        { f_divov(); }
static void do_hlt(void)          { f_hlt(); }
static void do_cli(void)          { f_cli(); }
static void do_inb(void)          { f_inb(); }
static void do_mov_cr3(void)      { f_mov_cr3(); }
static void do_jmp_noncanon(void) { f_jmp_noncanon(); }
static void do_movaps(void)       { f_movaps(aligned_buf + 8); }

static void do_volatile_div0(void)
{
	volatile int a = 1, b = 0;

	a = a / b;
}

static int recurse(int n)
{
	volatile char frame[1024];   /* 1 KiB of stack per call */

	frame[0] = (char)n;
	if (n == stop_at)            /* never true: keeps the compiler honest */
		return 0;
	return recurse(n + 1) + frame[0];
}

static void do_stack_overflow(void)
{
	struct rlimit small = { 256 * 1024, RLIM_INFINITY };

	setrlimit(RLIMIT_STACK, &small);   /* die after ~256 KiB, not 8 MiB */
	recurse(0);
}

enum addr_kind { ADDR_ANY, ADDR_EXACT };

struct fault {
	const char *what;
	void (*fn)(void);
	int sig;                /* expected signal */
	int code;               /* expected si_code, or -999 = don't check */
	enum addr_kind ak;
	void *addr;             /* expected si_addr (filled in at run time) */
	void *rip;              /* expected saved RIP, or NULL = don't check */
};

#define ANY_CODE (-999)

static struct fault faults[] = {
	{ "write to NULL", do_null_write, SIGSEGV, SEGV_MAPERR, ADDR_EXACT, NULL, NULL },
	{ "read from NULL", do_null_read, SIGSEGV, SEGV_MAPERR, ADDR_EXACT, NULL, NULL },
	{ "call through a NULL function pointer", do_null_call, SIGSEGV, SEGV_MAPERR, ADDR_EXACT, NULL, NULL },
	{ "write to a string literal (.rodata)", do_literal_write, SIGSEGV, SEGV_ACCERR, ADDR_ANY, NULL, NULL },
	{ "write to a PROT_READ page", do_ro_write, SIGSEGV, SEGV_ACCERR, ADDR_EXACT, NULL, NULL },
	{ "read from a PROT_NONE page", do_none_read, SIGSEGV, SEGV_ACCERR, ADDR_EXACT, NULL, NULL },
	{ "write to an unmapped page", do_hole_write, SIGSEGV, SEGV_MAPERR, ADDR_EXACT, NULL, NULL },
	{ "write to the program's own code", do_text_write, SIGSEGV, SEGV_ACCERR, ADDR_EXACT, NULL, NULL },
	{ "read from a kernel address", do_kernel_read, SIGSEGV, SEGV_MAPERR, ADDR_EXACT,
	  (void *)0xffffffff81000000UL, NULL },
	{ "read from a non-canonical address", do_noncanon_read, SIGSEGV, SI_KERNEL, ADDR_EXACT, NULL, NULL },
	{ "execute from a PROT_READ|PROT_WRITE page (NX)", do_nx_exec, SIGSEGV, SEGV_ACCERR, ADDR_EXACT, NULL, NULL },
	{ "jump to a non-canonical address", do_jmp_noncanon, SIGSEGV, SI_KERNEL, ADDR_EXACT, NULL, NULL },
	{ "ud2", do_ud2, SIGILL, ILL_ILLOPN, ADDR_EXACT, NULL, NULL },
	{ "integer divide by zero (idiv)", do_div0, SIGFPE, FPE_INTDIV, ADDR_EXACT, NULL, NULL },
	{ "integer divide by zero (volatile C)", do_volatile_div0, SIGFPE, FPE_INTDIV, ADDR_ANY, NULL, NULL },
	{ "INT_MIN / -1 (idiv overflow)", do_divov, SIGFPE, FPE_INTDIV, ADDR_ANY, NULL, NULL },
	{ "int3", do_int3, SIGTRAP, SI_KERNEL, ADDR_ANY, NULL, NULL },
	{ "hlt (privileged)", do_hlt, SIGSEGV, SI_KERNEL, ADDR_EXACT, NULL, NULL },
	{ "cli (privileged at IOPL 0)", do_cli, SIGSEGV, SI_KERNEL, ADDR_EXACT, NULL, NULL },
	{ "inb from an I/O port", do_inb, SIGSEGV, SI_KERNEL, ADDR_EXACT, NULL, NULL },
	{ "mov from %cr3 (privileged)", do_mov_cr3, SIGSEGV, SI_KERNEL, ADDR_EXACT, NULL, NULL },
	{ "movaps on a misaligned address", do_movaps, SIGSEGV, SI_KERNEL, ADDR_EXACT, NULL, NULL },
	{ "stack overflow (infinite recursion)", do_stack_overflow, SIGSEGV, SEGV_MAPERR, ADDR_ANY, NULL, NULL },
};

/* Fill in the addresses only known at run time. */
static void fill_in_addresses(void)
{
	for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
		struct fault *f = &faults[i];

		if (f->fn == do_ro_write)      f->addr = ro_page + 123;
		if (f->fn == do_none_read)     f->addr = none_page + 7;
		if (f->fn == do_hole_write)    f->addr = hole + 42;
		if (f->fn == do_text_write)    f->addr = (void *)(uintptr_t)f_hlt;
		if (f->fn == do_nx_exec)       { f->addr = nx_page; f->rip = nx_page; }
		if (f->fn == do_null_call)     f->rip = NULL;
		if (f->fn == do_ud2)           { f->addr = (void *)(uintptr_t)f_ud2; f->rip = f->addr; }
		if (f->fn == do_div0)          { f->addr = (void *)(uintptr_t)f_div0_insn; f->rip = f->addr; }
		if (f->fn == do_int3)          f->rip = (void *)(uintptr_t)f_int3_after;
		if (f->fn == do_hlt)           f->rip = (void *)(uintptr_t)f_hlt;
		if (f->fn == do_cli)           f->rip = (void *)(uintptr_t)f_cli;
		if (f->fn == do_inb)           f->rip = (void *)(uintptr_t)f_inb;
		if (f->fn == do_mov_cr3)       f->rip = (void *)(uintptr_t)f_mov_cr3;
		if (f->fn == do_movaps)        f->rip = (void *)(uintptr_t)f_movaps;
	}
}

/* ---- the reporting handler ------------------------------------------- */

struct report {
	int signo, code;
	void *addr;
	void *rip;
};

static int report_fd;

static void reporter(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	struct report r = {
		sig, si->si_code, si->si_addr, (void *)uc->uc_mcontext.gregs[REG_RIP]
	};

	write(report_fd, &r, sizeof r);
	_exit(0);
}

/* Child body, variant 2: catch every fault signal on an alternate stack. */
static void child_with_handler(void *arg)
{
	static char altstack[64 * 1024];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
	struct sigaction sa = { .sa_sigaction = reporter, .sa_flags = SA_SIGINFO | SA_ONSTACK };
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT };

	sigaltstack(&ss, NULL);
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	((struct fault *)arg)->fn();
	_exit(77);                  /* the fault did not happen */
}

/* Child body, variant 1: default action. */
static void child_default(void *arg)
{
	((struct fault *)arg)->fn();
	_exit(77);
}

static void run_fault(struct fault *f)
{
	struct report r = { 0, 0, 0, 0 };
	int p[2], st;
	long n;

	is_killed_by(run_child(child_default, f), f->sig, "%s: killed by %s",
		     f->what, strsignal(f->sig));

	pipe(p);
	report_fd = p[1];
	st = run_child(child_with_handler, f);
	close(p[1]);
	n = read(p[0], &r, sizeof r);
	close(p[0]);
	if (!is_int(n, sizeof r, "%s: the SA_SIGINFO handler ran", f->what)) {
		char s[64];

		status_str(st, s, sizeof s);
		diag("child %s", s);
		return;
	}
	is_int(r.signo, f->sig, "%s: si_signo %d", f->what, f->sig);
	if (f->code != ANY_CODE)
		is_int(r.code, f->code, "%s: si_code %d", f->what, f->code);
	if (f->ak == ADDR_EXACT)
		is_int((long)r.addr, (long)f->addr, "%s: si_addr %p", f->what, f->addr);
	if (f->rip)
		is_int((long)r.rip, (long)f->rip, "%s: saved RIP %p", f->what, f->rip);
}

/* ---- the rest: abort, assert, overflow without an alternate stack ------ */

static void child_assert(void *arg)
{
	volatile int zero = 0;

	(void)arg;
	freopen("/dev/null", "w", stderr);   /* keep the message off the console */
	assert(zero == 1);
}

static void child_abort(void *arg)
{
	(void)arg;
	abort();
}

static void child_abort_caught(void *arg)
{
	(void)arg;
	signal(SIGABRT, SIG_IGN);   /* abort() must still end the process */
	abort();
}

static void ignore_sig(int sig) { (void)sig; }

static void child_overflow_no_altstack(void *arg)
{
	(void)arg;
	signal(SIGSEGV, ignore_sig);   /* a handler, but no stack to run it on */
	do_stack_overflow();
}

int main(void)
{
	tap_init();
	ro_page = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	none_page = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	nx_page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	nx_page[0] = (char)0xc3;    /* ret: harmless if NX did not work */
	/* Last, so that no later mmap can land in the hole. */
	hole = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(hole, PAGE);
	fill_in_addresses();

	for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
		run_fault(&faults[i]);

	is_killed_by(run_child(child_assert, NULL), SIGABRT, "a failed assert() ends in SIGABRT");
	is_killed_by(run_child(child_abort, NULL), SIGABRT, "abort() ends in SIGABRT");
	is_killed_by(run_child(child_abort_caught, NULL), SIGABRT,
		     "abort() ends in SIGABRT even with SIGABRT ignored");
	is_killed_by(run_child(child_overflow_no_altstack, NULL), SIGSEGV,
		     "stack overflow with a SIGSEGV handler but no alternate stack: killed by SIGSEGV");

	munmap(ro_page, PAGE);
	munmap(none_page, PAGE);
	munmap(nx_page, PAGE);
	return done_testing();
}
