/*
 * kernel/panic.h - the end of the line: panic() for broken kernel
 * invariants (never for anything user space can cause), BUG_ON() for
 * preconditions, WARN_ON() for "should not happen, but survivable".
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include "kernel/types.h"

struct pt_regs;

__noreturn void panic(const char *fmt, ...) __printf(1, 2);
/* Print an oops for a kernel-mode exception and stop the machine. */
__noreturn void die(const char *what, struct pt_regs *regs, unsigned long error);
void dump_stack(void);
/* The running task, the machine and a call trace at log level @lvl. */
void dump_stack_lvl(const char *lvl);
void show_regs(const struct pt_regs *regs);
/* Print "Call Trace:" from frame pointer @rbp. */
void show_trace(unsigned long rbp, unsigned long rip);
/* Power off through isa-debug-exit with @code (kernel/param.h). */
__noreturn void machine_exit(int code);
void warn_slowpath(const char *file, int line, const char *cond);

/* Look up the kernel symbol containing @addr: name and offset, or NULL. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset,
			    unsigned long *size);

extern int warn_count;		/* WARNs since boot: a test fails on any */

#define BUG_ON(cond) do { if (unlikely(cond)) \
	panic("kernel BUG at %s:%d: %s", __FILE__, __LINE__, #cond); } while (0)
#define BUG() panic("kernel BUG at %s:%d", __FILE__, __LINE__)
#define WARN_ON(cond) ({ bool __w = !!(cond); \
	if (unlikely(__w)) warn_slowpath(__FILE__, __LINE__, #cond); __w; })

#endif
