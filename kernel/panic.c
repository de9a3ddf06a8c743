/*
 * kernel/panic.c - panic, oops and call traces.
 *
 * An oops prints Linux's shape: the exception line, "CPU: 0 PID: n Comm:
 * name", the registers, "Call Trace:" between <TASK> and </TASK> with
 * symbol+offset/size names from the built-in symbol table (kallsyms,
 * generated at link time from `nm`, see Makefile), then halts.  Under
 * test the machine leaves QEMU through isa-debug-exit with a distinct
 * code (QEMU_EXIT_PANIC / QEMU_EXIT_OOPS) so a run never hangs.
 * Call traces follow the rbp chain: the kernel is built with
 * -fno-omit-frame-pointer.
 */
#include "kernel/panic.h"
#include "kernel/dmi.h"
#include "kernel/printk.h"
#include "kernel/ptrace.h"
#include "kernel/x86.h"
#include "kernel/param.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "mm/memlayout.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "proc/task.h"
#include <stdarg.h>

int warn_count;
static bool in_panic;

struct kallsym {
	uint64_t addr;
	uint32_t name;		/* offset into the string blob */
	uint32_t size;
};

/* The generated table: count, entries sorted by address, then names. */
extern const char __start_kallsyms[], __stop_kallsyms[];

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset,
			    unsigned long *size)
{
	const uint64_t *hdr = (const uint64_t *)__start_kallsyms;
	const struct kallsym *syms;
	const char *names;
	long lo = 0, hi, n;

	if (__stop_kallsyms - __start_kallsyms < 16)
		return NULL;
	n = (long)hdr[0];
	syms = (const struct kallsym *)(hdr + 1);
	names = (const char *)(syms + n);
	hi = n - 1;
	if (n == 0 || addr < syms[0].addr)
		return NULL;
	while (lo < hi) {		/* last symbol with addr <= @addr */
		long mid = (lo + hi + 1) / 2;
		if (syms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid - 1;
	}
	if (syms[lo].size && addr >= syms[lo].addr + syms[lo].size)
		return NULL;
	*offset = addr - syms[lo].addr;
	*size = syms[lo].size;
	return names + syms[lo].name;
}

/*
 * @ret: @addr is a return address.  It is looked up one byte earlier, as
 * Linux's %pB does: a call to a noreturn function may be the last
 * instruction of its caller, so the return address lies past its end.
 */
static const char *trace_lvl = KERN_EMERG;	/* dump_stack_lvl changes it */

static void print_symbol(const char *prefix, unsigned long addr, bool ret)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(addr - ret, &off, &size);

	off += ret;
	if (name)
		printk("%s%s%s+0x%lx/0x%lx\n", trace_lvl, prefix, name, off, size);
	else
		printk("%s%s0x%016lx\n", trace_lvl, prefix, addr);
}

static bool kernel_text(unsigned long a)
{
	extern char _text[], _etext[];
	return a >= (unsigned long)_text && a < (unsigned long)_etext;
}

static bool kstack_addr(unsigned long a)
{
	return a >= KERNEL_VMA || (a >= PAGE_OFFSET && a < PAGE_OFFSET + DIRECT_MAP_MAX);
}

/* Up to @len bytes of current's memory at @addr, without faulting; how many were read. */
static size_t read_user_nofault(unsigned long addr, uint8_t *buf, size_t len)
{
	size_t done = 0;

	while (current && current->mm && done < len) {
		unsigned long va = addr + done;
		size_t off = va & (PAGE_SIZE - 1), n = MIN(len - done, PAGE_SIZE - off);
		pte_t *pte = user_pte(current->mm, va);

		if (va >= USER_TOP || !pte || !(*pte & _PAGE_PRESENT) || !(*pte & _PAGE_USER))
			break;
		memcpy(buf + done, (uint8_t *)phys_to_virt(pte_phys(*pte)) + off, n);
		done += n;
	}
	return done;
}

/* 6.1's show_opcodes: 42 bytes before the instruction, <it>, 21 after. */
static void show_opcodes(const struct pt_regs *r)
{
	uint8_t code[64];
	char line[3 * 64 + 8];
	size_t n = 0;
	unsigned long start = r->rip - 42;

	if (read_user_nofault(start, code, sizeof(code)) < sizeof(code)) {
		printk("%sCode: Unable to access opcode bytes at 0x%lx.\n", trace_lvl, start);
		return;
	}
	for (int i = 0; i < 64; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, i == 42 ? "<%02x>%s" : "%02x%s",
				      code[i], i == 63 ? "" : " ");
	printk("%sCode: %s\n", trace_lvl, line);
}

/*
 * Where the trace leaves the kernel for user mode, 6.1 prints the user
 * registers (__show_regs SHOW_REGS_SHORT); ORIG_RAX only for a syscall.
 */
static void show_user_regs(const struct pt_regs *r)
{
	printk("%sRIP: %04lx:0x%lx\n", trace_lvl, r->cs, r->rip);
	show_opcodes(r);
	if (r->vector == VECTOR_SYSCALL)
		printk("%sRSP: %04lx:%016lx EFLAGS: %08lx ORIG_RAX: %016lx\n", trace_lvl, r->ss,
		       r->rsp, r->rflags, r->orig_rax);
	else
		printk("%sRSP: %04lx:%016lx EFLAGS: %08lx\n", trace_lvl, r->ss, r->rsp, r->rflags);
	printk("%sRAX: %016lx RBX: %016lx RCX: %016lx\n", trace_lvl, r->rax, r->rbx, r->rcx);
	printk("%sRDX: %016lx RSI: %016lx RDI: %016lx\n", trace_lvl, r->rdx, r->rsi, r->rdi);
	printk("%sRBP: %016lx R08: %016lx R09: %016lx\n", trace_lvl, r->rbp, r->r8, r->r9);
	printk("%sR10: %016lx R11: %016lx R12: %016lx\n", trace_lvl, r->r10, r->r11, r->r12);
	printk("%sR13: %016lx R14: %016lx R15: %016lx\n", trace_lvl, r->r13, r->r14, r->r15);
}

void show_trace(unsigned long rbp, unsigned long rip)
{
	printk("%sCall Trace:\n", trace_lvl);
	printk("%s <TASK>\n", trace_lvl);
	if (rip)
		print_symbol(" ", rip, false);
	for (int depth = 0; depth < 32 && rbp && !(rbp & 7) && kstack_addr(rbp);
	     depth++) {
		unsigned long *frame = (unsigned long *)rbp;
		unsigned long ret = frame[1];
		if (!kernel_text(ret))
			break;
		print_symbol(" ", ret, true);
		if (frame[0] <= rbp)
			break;
		rbp = frame[0];
	}
	if (current && current->mm && !(current->flags & PF_KTHREAD) &&
	    user_mode(task_pt_regs(current)))
		show_user_regs(task_pt_regs(current));
	printk("%s </TASK>\n", trace_lvl);
}

/* The trace from our caller's frame: dump_stack_lvl is its first line, as in 6.1. */
static __attribute__((noinline)) void show_stack_lvl(const char *lvl)
{
	unsigned long rbp;

	asm volatile("mov %%rbp, %0" : "=r"(rbp));
	trace_lvl = lvl;
	show_trace(rbp, 0);
	trace_lvl = KERN_EMERG;
}

/*
 * Linux's dump_stack_lvl, as the OOM report, WARN and panic print it: who
 * is running, on what machine, and how it got here, at log level @lvl.
 */
void dump_stack_lvl(const char *lvl)
{
	printk("%sCPU: 0 PID: %d Comm: %s Not tainted 6.1.0-oomkernel #1\n", lvl,
	       current ? current->pid : 0, current ? current->comm : "swapper");
	if (dmi_hardware_name()[0])	/* as 6.1: no SMBIOS, no line */
		printk("%sHardware name: %s\n", lvl, dmi_hardware_name());
	show_stack_lvl(lvl);
}

/* As 6.1 (which prints it at the default level; a panic has made the console verbose). */
void dump_stack(void)
{
	dump_stack_lvl(KERN_EMERG);
}

void show_regs(const struct pt_regs *r)
{
	printk(KERN_EMERG "RIP: %04lx:%016lx\n", r->cs, r->rip);
	print_symbol("RIP: ", r->rip, false);
	printk(KERN_EMERG "RSP: %04lx:%016lx EFLAGS: %08lx\n", r->ss, r->rsp, r->rflags);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n", r->rax, r->rbx, r->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n", r->rdx, r->rsi, r->rdi);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n", r->rbp, r->r8, r->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n", r->r10, r->r11, r->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n", r->r13, r->r14, r->r15);
	printk(KERN_EMERG "CR2: %016lx CR3: %016lx CR4: %016lx\n", read_cr2(),
	       read_cr3(), read_cr4());
}

__noreturn void machine_exit(int code)
{
	local_irq_disable();
	outb(QEMU_EXIT_PORT, (uint8_t)code);
	/* Not under QEMU (or no debug-exit device): stop here. */
	for (;;)
		halt();
}

__noreturn void die(const char *what, struct pt_regs *regs, unsigned long error)
{
	local_irq_disable();
	if (in_panic)
		machine_exit(QEMU_EXIT_PANIC);
	in_panic = true;
	printk(KERN_EMERG "%s: %04lx [#1] NOPTI\n", what, error);
	printk(KERN_EMERG "CPU: 0 PID: %d Comm: %s Not tainted\n",
	       current ? current->pid : 0, current ? current->comm : "swapper");
	if (dmi_hardware_name()[0])
		printk(KERN_EMERG "Hardware name: %s\n", dmi_hardware_name());
	show_regs(regs);
	show_trace(regs->rbp, regs->rip);
	printk(KERN_EMERG "---[ end trace 0000000000000000 ]---\n");
	printk(KERN_EMERG "Kernel panic - not syncing: Fatal exception\n");
	machine_exit(QEMU_EXIT_OOPS);
}

__noreturn void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	local_irq_disable();
	if (in_panic)
		machine_exit(QEMU_EXIT_PANIC);
	in_panic = true;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", buf);
	machine_exit(QEMU_EXIT_PANIC);
}

void warn_slowpath(const char *file, int line, const char *cond)
{
	warn_count++;
	printk(KERN_WARNING "------------[ cut here ]------------\n");
	printk(KERN_WARNING "WARNING: CPU: 0 PID: %d at %s:%d (%s)\n",
	       current ? current->pid : 0, file, line, cond);
	dump_stack();
	printk(KERN_WARNING "---[ end trace 0000000000000000 ]---\n");
}
