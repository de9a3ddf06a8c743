/*
 * proc/signal_rules.c - the pure parts of signal handling (see the header):
 * dequeue order, syscall restart, frame placement, EFLAGS sanitizing.
 * Linux: kernel/signal.c next_signal, arch/x86/kernel/signal.c
 * handle_signal/get_sigframe, FIX_EFLAGS.  Built into the host unit tests.
 */
#include "proc/signal_rules.h"
#include "kernel/errno.h"

#define EFL_CF 0x0001UL
#define EFL_PF 0x0004UL
#define EFL_AF 0x0010UL
#define EFL_ZF 0x0040UL
#define EFL_SF 0x0080UL
#define EFL_TF 0x0100UL
#define EFL_DF 0x0400UL
#define EFL_OF 0x0800UL
#define EFL_RF 0x10000UL
#define EFL_AC 0x40000UL
/* What a sigcontext may change: arithmetic flags, DF, TF, AC, RF; never IF, IOPL, NT. */
#define FIX_EFLAGS (EFL_AC | EFL_OF | EFL_DF | EFL_TF | EFL_SF | EFL_ZF | \
		    EFL_AF | EFL_PF | EFL_CF | EFL_RF)

#define RED_ZONE 128
#define FRAME_ALIGN 16
#define MATH_ALIGN 64

int next_signal(sigset_t pending, sigset_t blocked)
{
	sigset_t x = pending & ~blocked;

	if (!x)
		return 0;
	if (x & SYNCHRONOUS_MASK)
		x &= SYNCHRONOUS_MASK;
	return __builtin_ctzl(x) + 1;
}

enum restart_action syscall_restart_action(long ret, bool handler, unsigned long sa_flags)
{
	switch (ret) {
	case -ERESTART_RESTARTBLOCK:
		return handler ? RESTART_EINTR : RESTART_BLOCK;
	case -ERESTARTNOHAND:
		return handler ? RESTART_EINTR : RESTART_AGAIN;
	case -ERESTARTSYS:
		return handler && !(sa_flags & SA_RESTART) ? RESTART_EINTR : RESTART_AGAIN;
	case -ERESTARTNOINTR:
		return RESTART_AGAIN;
	}
	return RESTART_NONE;
}

/* The stack grows down: sp == base is below it, sp == base + size is its top. */
bool altstack_contains(const struct altstack *as, unsigned long sp)
{
	return sp > as->sp && sp - as->sp <= as->size;
}

int altstack_flags(const struct altstack *as, unsigned long sp)
{
	if (!as->size)
		return SS_DISABLE;
	if (as->flags & SS_AUTODISARM)
		return 0;
	return altstack_contains(as, sp) ? SS_ONSTACK : 0;
}

unsigned long sigframe_place(unsigned long sp, bool sa_onstack, const struct altstack *as,
			     size_t frame_size, size_t math_size, unsigned long *fpstate)
{
	bool nested = !(as->flags & SS_AUTODISARM) && as->size && altstack_contains(as, sp);
	bool entering = false;

	sp -= RED_ZONE;
	if (sa_onstack && altstack_flags(as, sp) == 0) {
		sp = as->sp + as->size;
		entering = true;
	}
	sp = (sp - math_size) & ~(unsigned long)(MATH_ALIGN - 1);
	*fpstate = sp;
	sp = ((sp - frame_size) & ~(unsigned long)(FRAME_ALIGN - 1)) - 8;
	if ((nested || entering) && !altstack_contains(as, sp))
		return (unsigned long)-1;
	return sp;
}

unsigned long sigreturn_eflags(unsigned long cur, unsigned long user)
{
	return (cur & ~FIX_EFLAGS) | (user & FIX_EFLAGS);
}
