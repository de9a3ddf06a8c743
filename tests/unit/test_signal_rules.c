/*
 * tests/unit/test_signal_rules.c - proc/signal_rules.c against Linux 6.1:
 * dequeue order, default-action classes, the syscall restart table, frame
 * placement (red zone, alignment, altstack, overflow) and the EFLAGS bits
 * rt_sigreturn accepts.
 */
#include <check.h>
#include <stdint.h>
#include "proc/signal_rules.h"
#include "kernel/errno.h"
#include "unit.h"

START_TEST(next_signal_order)
{
	/* Lowest number first... */
	ck_assert_int_eq(next_signal(sigmask(SIGUSR2) | sigmask(SIGUSR1), 0), SIGUSR1);
	/* ...but a synchronous fault signal goes before any other. */
	ck_assert_int_eq(next_signal(sigmask(SIGHUP) | sigmask(SIGSEGV), 0), SIGSEGV);
	ck_assert_int_eq(next_signal(sigmask(SIGINT) | sigmask(SIGSYS), 0), SIGSYS);
	/* Blocked ones are skipped; nothing deliverable is 0. */
	ck_assert_int_eq(next_signal(sigmask(SIGSEGV) | sigmask(SIGTERM), sigmask(SIGSEGV)),
			 SIGTERM);
	ck_assert_int_eq(next_signal(sigmask(SIGTERM), sigmask(SIGTERM)), 0);
	ck_assert_int_eq(next_signal(0, 0), 0);
	ck_assert_int_eq(next_signal(1UL << 63, 0), 64);
}
END_TEST

START_TEST(default_actions)
{
	ck_assert(sig_kernel_stop(SIGSTOP) && sig_kernel_stop(SIGTSTP) &&
		  sig_kernel_stop(SIGTTIN) && sig_kernel_stop(SIGTTOU));
	ck_assert(!sig_kernel_stop(SIGCONT));
	ck_assert(sig_kernel_ignore(SIGCHLD) && sig_kernel_ignore(SIGURG) &&
		  sig_kernel_ignore(SIGWINCH) && sig_kernel_ignore(SIGCONT));
	ck_assert(sig_kernel_coredump(SIGSEGV) && sig_kernel_coredump(SIGQUIT) &&
		  sig_kernel_coredump(SIGABRT) && sig_kernel_coredump(SIGXFSZ));
	ck_assert(!sig_kernel_coredump(SIGTERM) && !sig_kernel_coredump(SIGKILL));
	/* Real-time signals terminate by default: in no mask. */
	ck_assert(!sig_kernel_ignore(SIGRTMIN) && !sig_kernel_stop(SIGRTMIN + 1) &&
		  !sig_kernel_coredump(64));
	ck_assert(sig_kernel_only(SIGKILL) && sig_kernel_only(SIGSTOP) && !sig_kernel_only(SIGTSTP));
	ck_assert(sig_handler_ignored(SIG_IGN, SIGTERM));
	ck_assert(sig_handler_ignored(SIG_DFL, SIGCHLD));
	ck_assert(!sig_handler_ignored(SIG_DFL, SIGTERM));
	ck_assert(!sig_handler_ignored((void *)0x401000, SIGCHLD));
}
END_TEST

START_TEST(restart_table)
{
	/* With a handler. */
	ck_assert_int_eq(syscall_restart_action(-ERESTARTSYS, true, 0), RESTART_EINTR);
	ck_assert_int_eq(syscall_restart_action(-ERESTARTSYS, true, SA_RESTART), RESTART_AGAIN);
	ck_assert_int_eq(syscall_restart_action(-ERESTARTNOHAND, true, SA_RESTART), RESTART_EINTR);
	ck_assert_int_eq(syscall_restart_action(-ERESTART_RESTARTBLOCK, true, SA_RESTART),
			 RESTART_EINTR);
	ck_assert_int_eq(syscall_restart_action(-ERESTARTNOINTR, true, 0), RESTART_AGAIN);
	/* Without one (ignored, or stopped and continued): always transparent. */
	ck_assert_int_eq(syscall_restart_action(-ERESTARTSYS, false, 0), RESTART_AGAIN);
	ck_assert_int_eq(syscall_restart_action(-ERESTARTNOHAND, false, 0), RESTART_AGAIN);
	ck_assert_int_eq(syscall_restart_action(-ERESTARTNOINTR, false, 0), RESTART_AGAIN);
	ck_assert_int_eq(syscall_restart_action(-ERESTART_RESTARTBLOCK, false, 0), RESTART_BLOCK);
	/* Anything else is a result, left alone. */
	ck_assert_int_eq(syscall_restart_action(-EINTR, true, 0), RESTART_NONE);
	ck_assert_int_eq(syscall_restart_action(0, false, 0), RESTART_NONE);
	ck_assert_int_eq(syscall_restart_action(512, false, 0), RESTART_NONE);
}
END_TEST

#define FRAME 440
#define MATH 512

START_TEST(frame_on_the_stack)
{
	struct altstack none = { 0, 0, SS_DISABLE };
	unsigned long fp, sp = 0x7fffffffe000UL - 0x38;
	unsigned long f = sigframe_place(sp, false, &none, FRAME, MATH, &fp);

	ck_assert_uint_eq(fp % 64, 0);
	ck_assert_uint_le(fp + MATH, sp - 128);		/* red zone kept */
	ck_assert_uint_le(f + FRAME, fp);
	ck_assert_uint_eq((f + 8) % 16, 0);		/* as after a call */
	ck_assert_uint_lt(fp - (f + FRAME), 64 + 16 + 8);	/* packed tight */
	/* SA_ONSTACK without an altstack: the same place. */
	ck_assert_uint_eq(sigframe_place(sp, true, &none, FRAME, MATH, &fp), f);
}
END_TEST

START_TEST(frame_on_the_altstack)
{
	struct altstack as = { 0x600000, 0x10000, 0 };
	unsigned long fp, f;

	f = sigframe_place(0x7fffffffe000UL, true, &as, FRAME, MATH, &fp);
	ck_assert(altstack_contains(&as, f));
	ck_assert_uint_le(fp + MATH, as.sp + as.size);	/* no red zone on a fresh altstack */
	ck_assert_uint_eq((f + 8) % 16, 0);
	/* Without SA_ONSTACK the altstack is not used. */
	f = sigframe_place(0x7fffffffe000UL, false, &as, FRAME, MATH, &fp);
	ck_assert(!altstack_contains(&as, f));
	/* Already on it: nest below the interrupted sp. */
	f = sigframe_place(as.sp + 0x8000, true, &as, FRAME, MATH, &fp);
	ck_assert_uint_lt(f, as.sp + 0x8000 - 128 - MATH);
	/* Nested too deep: the frame would leave the altstack -> -1 (SIGSEGV). */
	ck_assert_uint_eq(sigframe_place(as.sp + 600, true, &as, FRAME, MATH, &fp),
			  (unsigned long)-1);
	ck_assert_int_eq(altstack_flags(&as, as.sp + 10), SS_ONSTACK);
	ck_assert_int_eq(altstack_flags(&as, as.sp), 0);	/* base is outside */
	ck_assert_int_eq(altstack_flags(&as, as.sp + as.size), SS_ONSTACK);
	as.flags = SS_AUTODISARM;
	ck_assert_int_eq(altstack_flags(&as, as.sp + 10), 0);
	as.size = 0;
	ck_assert_int_eq(altstack_flags(&as, 0x1234), SS_DISABLE);
}
END_TEST

START_TEST(sigreturn_flags)
{
	unsigned long cur = 0x202;	/* IF */

	/* IOPL, NT and IF come from the kernel's value, not the frame. */
	ck_assert_uint_eq(sigreturn_eflags(cur, 0x3000 | 0x4000), 0x202);
	ck_assert_uint_eq(sigreturn_eflags(cur, 0) & 0x200, 0x200);
	/* Arithmetic flags, DF, TF, AC and RF are the user's. */
	ck_assert_uint_eq(sigreturn_eflags(cur, 0x8d5), 0x202 | 0x8d5);
	ck_assert_uint_eq(sigreturn_eflags(cur, 0x100) & 0x100, 0x100);
	ck_assert_uint_eq(sigreturn_eflags(cur, 0x40000 | 0x10000), 0x202 | 0x50000);
	ck_assert_uint_eq(sigreturn_eflags(cur, 0x200000), 0x202);	/* ID: not the user's */
}
END_TEST

Suite *signal_rules_suite(void)
{
	Suite *s = suite_create("signal_rules");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, next_signal_order);
	tcase_add_test(tc, default_actions);
	tcase_add_test(tc, restart_table);
	tcase_add_test(tc, frame_on_the_stack);
	tcase_add_test(tc, frame_on_the_altstack);
	tcase_add_test(tc, sigreturn_flags);
	suite_add_tcase(s, tc);
	return s;
}
