/*
 * kernel/fpu.c - the user FPU/SSE state in signal frames, FXSAVE format
 * (Linux: arch/x86/kernel/fpu/signal.c, with XSAVE absent).
 *
 * The kernel never touches FPU registers (-mgeneral-regs-only), so while
 * a task runs in the kernel its user FPU state is live in the registers;
 * the scheduler saves it in task->fpu only when switching away.  These
 * functions therefore work on the registers, going through a kernel
 * buffer so that a fault on user memory is just an -EFAULT.
 *
 * The frame area is the 512-byte FXSAVE image.  Bytes 464-511 are the
 * "software reserved" words where an XSAVE kernel puts FP_XSTATE_MAGIC1;
 * Linux without XSAVE leaves its fx_sw_reserved template all zero and
 * writes that, so they are zero here, and uc_flags has no UC_FP_XSTATE.
 */
#include "kernel/types.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/uaccess.h"

#define FXSAVE_SIZE	512
#define FX_SW_RESERVED	464

struct fxbuf {
	uint8_t b[FXSAVE_SIZE];
} __aligned(16);

/* The state a new program and a signal handler start with: FNINIT's, MXCSR 0x1f80. */
static const struct fxbuf init_fxstate = { .b = {
	[0] = 0x7f, [1] = 0x03,			/* FCW 0x037f */
	[24] = 0x80, [25] = 0x1f,		/* MXCSR 0x1f80 */
} };

static uint32_t mxcsr_feature_mask;

/* MXCSR bits the CPU accepts; writing any other bit makes FXRSTOR #GP. */
static uint32_t mxcsr_mask(void)
{
	struct fxbuf tmp;
	uint32_t m;

	if (!mxcsr_feature_mask) {
		memset(&tmp, 0, sizeof(tmp));
		asm volatile("fxsave64 %0" : "=m"(tmp));
		memcpy(&m, tmp.b + 28, 4);
		mxcsr_feature_mask = m ? m : 0x0000ffbf;	/* 0: the default mask */
	}
	return mxcsr_feature_mask;
}

/* Reset the user FPU registers to the initial state (Linux: fpu__clear_user_states). */
void fpu__clear_user_states(void)
{
	asm volatile("fxrstor64 %0" : : "m"(init_fxstate));
}

/* Write the live FPU state to the frame at @ubuf (64-byte aligned); 0 or -EFAULT. */
int copy_fpstate_to_sigframe(unsigned long ubuf)
{
	struct fxbuf buf;

	asm volatile("fxsave64 %0" : "=m"(buf));
	memset(buf.b + FX_SW_RESERVED, 0, FXSAVE_SIZE - FX_SW_RESERVED);
	return copy_to_user((void *)ubuf, &buf, sizeof(buf)) ? -EFAULT : 0;
}

/*
 * rt_sigreturn's FPU part: load the state at @ubuf; NULL means the
 * initial state.  False for an unreadable or misaligned area or MXCSR
 * reserved bits (where Linux's own FXRSTOR from user memory faults); the
 * caller then kills with SIGSEGV, after the state is reset as Linux does.
 */
bool fpu__restore_sig(unsigned long ubuf)
{
	struct fxbuf buf;
	uint32_t mxcsr;

	if (!ubuf) {
		fpu__clear_user_states();
		return true;
	}
	if ((ubuf & 15) || copy_from_user(&buf, (void *)ubuf, sizeof(buf)))
		goto bad;
	memcpy(&mxcsr, buf.b + 24, 4);
	if (mxcsr & ~mxcsr_mask())
		goto bad;
	asm volatile("fxrstor64 %0" : : "m"(buf));
	return true;
bad:
	fpu__clear_user_states();
	return false;
}
