/*
 * t_fpu - each task has its own FPU/SSE state, and the kernel saves and
 * restores all of it: xmm0-xmm15, the x87 register stack, MXCSR and the
 * x87 control word.
 *
 * The xmm and x87 checks are written in inline assembly so the values
 * really sit in registers (not spilled to memory by the compiler) while
 * the task is preempted, makes a syscall, or takes a signal:
 *
 *   preemption   three children run at once, each with its own values and
 *                its own rounding mode, spinning with the values live, and
 *                also yielding the CPU in the middle; ~0.2 s of wall time
 *   signal       a handler that does double maths and clobbers every xmm
 *                register, MXCSR and the x87 control word; after it returns
 *                the interrupted code sees its own values again, and the
 *                handler itself started from the default FPU state
 *   fork         the child starts with the parent's registers
 *   execve       the new program starts with the default MXCSR (0x1f80)
 *                and x87 control word (0x037f)
 *
 * The execve check re-executes this program with "--check-fpu-init".
 */
#include "tap.h"

#include <fenv.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>

#define MXCSR_DEFAULT 0x1f80    /* all exceptions masked, round to nearest */
#define FCW_DEFAULT   0x037f    /* all masked, 64-bit precision, nearest */

static char *self_path;

static unsigned get_mxcsr(void)
{
	unsigned m;

	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return m;
}

static void set_mxcsr(unsigned m)
{
	__asm__ volatile("ldmxcsr %0" : : "m"(m));
}

static unsigned short get_fcw(void)
{
	unsigned short c;

	__asm__ volatile("fnstcw %0" : "=m"(c));
	return c;
}

static void set_fcw(unsigned short c)
{
	__asm__ volatile("fldcw %0" : : "m"(c));
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Load xmm0-15 from in[0..31] (two 64-bit words each), spin `spin` times,
 * make syscall nr(a0, a1), spin again, store xmm0-15 into out.  Returns
 * the syscall's result.  No C code runs while the values are in registers.
 */
#define LOADX(n) "movdqu " #n "*16(%[in]), %%xmm" #n "\n"
#define STOREX(n) "movdqu %%xmm" #n ", " #n "*16(%[out])\n"
static long xmm_hold(const uint64_t *in, uint64_t *out, long spin, long nr, long a0, long a1)
{
	long s1 = spin, s2 = spin;

	__asm__ volatile(
		LOADX(0) LOADX(1) LOADX(2) LOADX(3) LOADX(4) LOADX(5) LOADX(6) LOADX(7)
		LOADX(8) LOADX(9) LOADX(10) LOADX(11) LOADX(12) LOADX(13) LOADX(14) LOADX(15)
		"1: dec %[s1]\n jnz 1b\n"
		"syscall\n"
		"2: dec %[s2]\n jnz 2b\n"
		STOREX(0) STOREX(1) STOREX(2) STOREX(3) STOREX(4) STOREX(5) STOREX(6) STOREX(7)
		STOREX(8) STOREX(9) STOREX(10) STOREX(11) STOREX(12) STOREX(13) STOREX(14) STOREX(15)
		: [s1] "+r"(s1), [s2] "+r"(s2), "+a"(nr)
		: [in] "r"(in), [out] "r"(out), "D"(a0), "S"(a1)
		: "rcx", "r11", "memory",
		  "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
		  "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
	return nr;
}

/* The same for the eight x87 registers (80-bit values, 16 bytes apart). */
static void x87_hold(const long double *in, long double *out, long spin, long nr, long a0, long a1)
{
	long s1 = spin, s2 = spin;

	__asm__ volatile(
		"fldt 0(%[in])\n fldt 16(%[in])\n fldt 32(%[in])\n fldt 48(%[in])\n"
		"fldt 64(%[in])\n fldt 80(%[in])\n fldt 96(%[in])\n fldt 112(%[in])\n"
		"1: dec %[s1]\n jnz 1b\n"
		"syscall\n"
		"2: dec %[s2]\n jnz 2b\n"
		"fstpt 112(%[out])\n fstpt 96(%[out])\n fstpt 80(%[out])\n fstpt 64(%[out])\n"
		"fstpt 48(%[out])\n fstpt 32(%[out])\n fstpt 16(%[out])\n fstpt 0(%[out])\n"
		: [s1] "+r"(s1), [s2] "+r"(s2), "+a"(nr)
		: [in] "r"(in), [out] "r"(out), "D"(a0), "S"(a1)
		: "rcx", "r11", "memory",
		  "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)");
}

/* Distinct, easily recognised register contents for task `k`. */
static void fill_xmm(uint64_t v[32], int k)
{
	for (int i = 0; i < 32; i++)
		v[i] = 0x0101010101010101ULL * (uint64_t)(k + 1) ^ ((uint64_t)i << 40) ^ (uint64_t)i;
}

static void fill_x87(long double v[8], int k)
{
	for (int i = 0; i < 8; i++)
		v[i] = (long double)(k + 1) * 1000.0L + i + 0.125L;
}

/* ---- 1. preemption and yields, three children at once ------------------ */

/* Child k: its own values and rounding modes; returns 0 if all survived. */
static int fpu_worker(int k)
{
	static const int modes[] = { FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
	uint64_t in[32], out[32];
	long double lin[8], lout[8];
	volatile double third_num = 1.0, third_den = 3.0;
	double third, deadline = now() + 0.2, sum;
	unsigned mx;
	unsigned short cw;
	int round, bad = 0;

	fill_xmm(in, k);
	fill_x87(lin, k);
	fesetround(modes[k]);                 /* sets both MXCSR and the x87 CW */
	mx = get_mxcsr();
	cw = get_fcw();
	third = third_num / third_den;        /* depends on the rounding mode */

	for (round = 0; round < 2000 && (round < 20 || now() < deadline); round++) {
		/* a syscall that switches task: sched_yield */
		xmm_hold(in, out, 20000, SYS_sched_yield, 0, 0);
		bad |= memcmp(in, out, sizeof in) != 0;
		x87_hold(lin, lout, 20000, SYS_sched_yield, 0, 0);
		for (int i = 0; i < 8; i++)
			bad |= (lin[i] != lout[i]) << 1;
		bad |= (get_mxcsr() != mx) << 2;
		bad |= (get_fcw() != cw) << 3;
		bad |= (third_num / third_den != third) << 4;
		sum = 0;
		for (int i = 1; i <= 1000; i++)   /* exact in any rounding mode */
			sum += (double)i * (k + 1);
		bad |= (sum != 500500.0 * (k + 1)) << 5;
	}
	return bad;
}

static void test_preemption(void)
{
	pid_t pids[3];
	int st[3];

	for (int k = 0; k < 3; k++) {
		pids[k] = fork();
		if (pids[k] == 0)
			_exit(fpu_worker(k));
	}
	for (int k = 0; k < 3; k++)
		waitpid(pids[k], &st[k], 0);
	for (int k = 0; k < 3; k++) {
		int code = WIFEXITED(st[k]) ? WEXITSTATUS(st[k]) : 255;

		ok(code != 255, "worker %d exited normally", k);
		ok(code != 255 && !(code & 1), "worker %d: xmm0-15 survived preemption and sched_yield", k);
		ok(code != 255 && !(code & 2), "worker %d: x87 st0-st7 survived preemption and sched_yield", k);
		ok(code != 255 && !(code & 4), "worker %d: its own MXCSR (rounding mode) was kept", k);
		ok(code != 255 && !(code & 8), "worker %d: its own x87 control word was kept", k);
		ok(code != 255 && !(code & 16), "worker %d: 1.0/3.0 kept rounding its own way", k);
		ok(code != 255 && !(code & 32), "worker %d: double sums stayed exact", k);
	}
}

/* ---- 2. a signal handler that clobbers everything ---------------------- */

static volatile unsigned handler_mxcsr;
static volatile unsigned short handler_fcw;
static volatile double handler_result;

static void clobber_handler(int sig)
{
	volatile double x = sig;
	uint64_t junk[32];

	handler_mxcsr = get_mxcsr();          /* the state the handler starts in */
	handler_fcw = get_fcw();
	for (int i = 0; i < 100; i++)
		x = x * 1.5 + 0.25;
	handler_result = x;
	fill_xmm(junk, 7);
	__asm__ volatile(                     /* overwrite every xmm register */
		"movdqu 0(%0), %%xmm0\n movdqu 16(%0), %%xmm1\n movdqu 32(%0), %%xmm2\n"
		"movdqu 48(%0), %%xmm3\n movdqu 64(%0), %%xmm4\n movdqu 80(%0), %%xmm5\n"
		"movdqu 96(%0), %%xmm6\n movdqu 112(%0), %%xmm7\n movdqu 128(%0), %%xmm8\n"
		"movdqu 144(%0), %%xmm9\n movdqu 160(%0), %%xmm10\n movdqu 176(%0), %%xmm11\n"
		"movdqu 192(%0), %%xmm12\n movdqu 208(%0), %%xmm13\n movdqu 224(%0), %%xmm14\n"
		"movdqu 240(%0), %%xmm15\n"
		: : "r"(junk)
		: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
		  "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
	set_mxcsr(MXCSR_DEFAULT | 0x6000);    /* round toward zero */
	set_fcw(0x0c7f);                      /* x87 round toward zero */
	__asm__ volatile("fldpi\n fldpi\n fldpi\n fstp %%st(0)\n fstp %%st(0)\n fstp %%st(0)\n"
			 : : : "st", "st(1)", "st(2)");
}

static void test_signal(void)
{
	uint64_t in[32], out[32];
	long double lin[8], lout[8];
	unsigned my_mxcsr = MXCSR_DEFAULT | 0x4000;   /* round up */
	unsigned short my_fcw = 0x0b7f;               /* x87 round up */
	int same = 1;

	signal(SIGUSR1, clobber_handler);
	fill_xmm(in, 3);
	set_mxcsr(my_mxcsr);
	set_fcw(my_fcw);
	handler_mxcsr = 0;
	xmm_hold(in, out, 1000, SYS_kill, getpid(), SIGUSR1);   /* handler runs inside */
	ok(handler_result > 1e10, "the handler ran and did its double maths");
	ok(memcmp(in, out, sizeof in) == 0, "xmm0-15 are intact after a handler that clobbered them");
	is_int(get_mxcsr(), my_mxcsr, "MXCSR is restored after a handler that changed it");
	is_int(get_fcw(), my_fcw, "the x87 control word is restored after the handler");
	is_int(handler_mxcsr, MXCSR_DEFAULT, "the handler starts with the default MXCSR (Linux resets it)");
	is_int(handler_fcw, FCW_DEFAULT, "the handler starts with the default x87 control word");

	fill_x87(lin, 4);
	set_fcw(my_fcw);
	x87_hold(lin, lout, 1000, SYS_kill, getpid(), SIGUSR1);
	for (int i = 0; i < 8; i++)
		same &= lin[i] == lout[i];
	ok(same, "x87 st0-st7 are intact after a handler that used the x87 stack");
	is_int(get_fcw(), my_fcw, "... and so is the x87 control word");
	set_mxcsr(MXCSR_DEFAULT);
	set_fcw(FCW_DEFAULT);
	signal(SIGUSR1, SIG_DFL);
}

/* ---- 3. fork copies the registers; 4. execve resets the state --------- */

static void test_fork(void)
{
	uint64_t in[32], out[32];
	int st;
	long pid;

	fill_xmm(in, 5);
	set_mxcsr(MXCSR_DEFAULT | 0x2000);        /* round down */
	pid = xmm_hold(in, out, 1, SYS_fork, 0, 0);
	if (pid == 0)
		_exit((memcmp(in, out, sizeof in) ? 1 : 0) |
		      (get_mxcsr() != (MXCSR_DEFAULT | 0x2000) ? 2 : 0));
	waitpid(pid, &st, 0);
	set_mxcsr(MXCSR_DEFAULT);
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 1), "a fork child starts with the parent's xmm0-15");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 2), "a fork child starts with the parent's MXCSR");
	ok(memcmp(in, out, sizeof in) == 0, "the parent's xmm0-15 survive the fork");
}

static int check_fpu_init(void)
{
	return (get_mxcsr() != MXCSR_DEFAULT ? 1 : 0) | (get_fcw() != FCW_DEFAULT ? 2 : 0);
}

static void test_exec(void)
{
	pid_t pid;
	int st;

	pid = fork();
	if (pid == 0) {
		char *argv[] = { self_path, "--check-fpu-init", NULL };
		char *envp[] = { NULL };

		set_mxcsr(MXCSR_DEFAULT | 0x6000);
		set_fcw(0x0c7f);
		execve(self_path, argv, envp);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) != 99, "the child re-executed this program");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 1), "execve resets MXCSR to 0x1f80");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 2), "execve resets the x87 control word to 0x037f");
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--check-fpu-init") == 0)
		return check_fpu_init();

	tap_init();
	self_path = argv[0];
	is_int(get_mxcsr(), MXCSR_DEFAULT, "a new process starts with MXCSR 0x1f80");
	is_int(get_fcw(), FCW_DEFAULT, "a new process starts with x87 control word 0x037f");
	test_preemption();
	test_signal();
	test_fork();
	test_exec();
	return done_testing();
}
