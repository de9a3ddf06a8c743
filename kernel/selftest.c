/*
 * kernel/selftest.c - boot-time self-tests of the kernel core, for the
 * QEMU scenarios in tests/: they check what host unit tests cannot (real
 * page tables, interrupts, the timer, context switches).
 *
 * Output is TAP written straight to the console (no log prefix):
 *   ok N - description        /  not ok N - description
 * then "1..N", then power-off through isa-debug-exit.
 *   selftest=boot   memory, allocators, W^X, timer, kernel threads, log,
 *                   and a round trip to ring 3 through SYSCALL/SYSRET
 *   selftest=oops   a deliberate kernel page fault (expects the oops path)
 *   selftest=panic  a deliberate panic()
 */
#include "kernel/selftest.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "kernel/param.h"
#include "mm/page.h"
#include "mm/kmalloc.h"
#include "mm/pgtable.h"
#include "proc/sched.h"
#include "mm/mm.h"
#include "kernel/syscall.h"
#include "kernel/ptrace.h"
#include "proc/exec.h"

static int test_no, test_failed;

static void tap(bool ok, const char *fmt, ...) __printf(2, 3);
static void tap(bool ok, const char *fmt, ...)
{
	char line[200], desc[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);
	n = snprintf(line, sizeof(line), "%sok %d - %s\n", ok ? "" : "not ",
		     ++test_no, desc);
	console_write(line, (size_t)n);
	if (!ok)
		test_failed++;
}

static void test_zones(void)
{
	unsigned long sum = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long blocks = 0;
		for (int o = 0; o < MAX_ORDER; o++)
			blocks += zones[z].free_area[o].nr_free << o;
		tap(blocks == zones[z].free_pages,
		    "zone %s: free lists hold free_pages (%lu)", zones[z].name,
		    zones[z].free_pages);
		sum += zones[z].free_pages;
	}
	tap(sum == nr_free_pages(), "nr_free_pages() is the sum of the zones");
	tap(zones[ZONE_DMA].managed_pages > 0, "ZONE_DMA has memory below 16 MiB");
	tap(zones[ZONE_DMA32].managed_pages > 0, "ZONE_DMA32 has memory below 4 GiB");
}

static void test_buddy(void)
{
	unsigned long before = nr_free_pages();
	struct page *p[MAX_ORDER];
	bool ok = true;

	for (int o = 0; o < MAX_ORDER; o++) {
		p[o] = alloc_pages(GFP_KERNEL, o);
		if (!p[o] || (page_to_pfn(p[o]) & ((1UL << o) - 1)))
			ok = false;
	}
	tap(ok, "alloc_pages orders 0..10 return aligned blocks");
	tap(before - nr_free_pages() == (1UL << MAX_ORDER) - 1,
	    "free count drops by 2047 pages");
	for (int o = 0; o < MAX_ORDER; o++)
		if (p[o])
			__free_pages(p[o], o);
	tap(nr_free_pages() == before, "free count back after freeing");
	struct page *z = alloc_page(GFP_KERNEL | __GFP_ZERO);
	bool zeroed = z != NULL;
	for (size_t i = 0; z && i < PAGE_SIZE; i++)
		zeroed &= ((char *)page_address(z))[i] == 0;
	tap(zeroed, "__GFP_ZERO gives a zeroed page");
	if (z)
		__free_pages(z, 0);
	struct page *dma = alloc_page(GFP_KERNEL | __GFP_DMA);
	tap(dma && page_to_phys(dma) < (16UL << 20), "__GFP_DMA page is below 16 MiB");
	if (dma)
		__free_pages(dma, 0);
}

static void test_kmalloc(void)
{
	unsigned long before = nr_free_pages();
	void *ptrs[64];
	bool ok = true;

	for (int i = 0; i < 64; i++) {
		size_t size = 1UL << (i % 14);		/* 1 .. 8192 bytes */
		ptrs[i] = kmalloc(size, GFP_KERNEL);
		if (!ptrs[i] || ((uintptr_t)ptrs[i] & 15))
			ok = false;
		else
			memset(ptrs[i], i, size);
	}
	tap(ok, "kmalloc 1..8192 bytes: 16-byte aligned, writable");
	for (int i = 0; i < 64; i++)
		kfree(ptrs[i]);
	tap(nr_free_pages() == before && kmalloc_slab_pages() <= 8,
	    "kfree returns every page (free %lu, before %lu)", nr_free_pages(), before);
}

static void test_wx(void)
{
	extern char _etext[];
	extern void kmain(void);
	pte_t *text = pte_walk(kernel_pml4, (uintptr_t)kmain, false, NULL);
	pte_t *ro = pte_walk(kernel_pml4, (uintptr_t)_etext, false, NULL);
	pte_t *data = pte_walk(kernel_pml4, (uintptr_t)&test_no, false, NULL);

	tap(text && !(*text & _PAGE_RW) && !(*text & _PAGE_NX), "kernel text is RX");
	tap(ro && !(*ro & _PAGE_RW) && (*ro & _PAGE_NX), "kernel rodata is R, NX");
	tap(data && (*data & _PAGE_RW) && (*data & _PAGE_NX), "kernel data is RW, NX");
	tap(phys_to_virt(0x100000) == (void *)(PAGE_OFFSET + 0x100000) &&
	    *(volatile char *)phys_to_virt(0x100000) == *(volatile char *)phys_to_virt(0x100000),
	    "direct map reads low memory");
}

static void test_timer(void)
{
	unsigned long j0 = jiffies;
	uint64_t t0 = ktime_get_ns();

	while (jiffies - j0 < 5)
		asm volatile("sti; hlt");
	tap(jiffies - j0 >= 5, "timer interrupts advance jiffies");
	tap(ktime_get_ns() > t0, "ktime_get_ns is monotonic");
	schedule_timeout_ns(20 * 1000000UL, false);
	tap(ktime_get_ns() - t0 >= 20 * 1000000UL, "schedule_timeout sleeps at least 20 ms");
}

static volatile int kthread_runs[2];
static struct completion kthread_done[2];

static int counter_thread(void *arg)
{
	int i = (int)(uintptr_t)arg;

	for (int n = 0; n < 5; n++) {
		kthread_runs[i]++;
		schedule();
	}
	complete(&kthread_done[i]);
	for (;;)
		schedule_timeout_ns(1000000000UL, false);
	return 0;
}

static void test_kthreads(void)
{
	for (int i = 0; i < 2; i++) {
		init_completion(&kthread_done[i]);
		kthread_run(counter_thread, (void *)(uintptr_t)i, i ? "ktest1" : "ktest0");
	}
	for (int i = 0; i < 2; i++)
		wait_for_completion(&kthread_done[i]);
	tap(kthread_runs[0] == 5 && kthread_runs[1] == 5,
	    "two kernel threads each ran 5 times");
}

static void test_log(void)
{
	const struct log_rec *r;
	char buf[256];
	bool found = false;
	uint64_t seq;

	pr_info("selftest: marker %d\n", 4242);
	seq = log_ring.next_seq - 1;
	r = log_ring_get(&log_ring, seq);
	if (r) {
		size_t n = log_format_record(buf, sizeof(buf), r, true);
		buf[MIN(n, sizeof(buf) - 1)] = 0;
		found = !strncmp(buf, "<6>[", 4) && strstr(buf, "selftest: marker 4242");
	}
	tap(found, "printk record reads back as <6>[time] text");
	unsigned long off, size;
	const char *name = kallsyms_lookup((unsigned long)test_log + 4, &off, &size);
	tap(name && !strcmp(name, "test_log") && off == 4, "kallsyms names test_log+0x4");
}

/*
 * Ring 3 round trip: a kernel thread gets a two-page address space (code
 * at 0x400000, stack below 0x800000) and "returns" to user mode through
 * the normal exit path.  The code calls getpid (39), then exit (60) with
 * the result; the test syscalls below record what they saw.
 */
#define UTEST_CODE  0x400000UL
#define UTEST_STACK 0x800000UL

static const uint8_t utest_code[] = {
	0xb8, 39, 0, 0, 0,	/* mov $39, %eax  (getpid) */
	0x0f, 0x05,		/* syscall */
	0x48, 0x89, 0xc7,	/* mov %rax, %rdi */
	0xb8, 60, 0, 0, 0,	/* mov $60, %eax  (exit) */
	0x0f, 0x05,		/* syscall */
	0x0f, 0x0b,		/* ud2: never reached */
};

static struct completion utest_done;
static long utest_exit_arg = -1;
static unsigned long utest_user_cs, utest_user_rsp;
static int utest_pid;

static long utest_getpid(unsigned long a, unsigned long b, unsigned long c,
			 unsigned long d, unsigned long e, unsigned long f)
{
	struct pt_regs *regs = task_pt_regs(current);

	utest_user_cs = regs->cs;
	utest_user_rsp = regs->rsp;
	return current->pid;
}

static long utest_exit(unsigned long code, unsigned long b, unsigned long c,
		       unsigned long d, unsigned long e, unsigned long f)
{
	utest_exit_arg = (long)code;
	complete(&utest_done);
	for (;;)		/* no process exit yet: park the thread */
		schedule_timeout_ns(1000000000UL, false);
	return 0;
}

static bool utest_map(struct mm *mm, unsigned long va, pte_t prot, const void *src,
		      size_t len)
{
	struct page *p = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
	pte_t *pte = pte_walk(mm->pgd, va, true, mm);

	if (!p || !pte)
		return false;
	memcpy(page_address(p), src, len);
	*pte = page_to_phys(p) | prot | _PAGE_PRESENT | _PAGE_USER;
	return true;
}

void ret_to_user(void);

static int utest_thread(void *arg)
{
	static struct mm mm;
	struct pt_regs *regs = task_pt_regs(current);

	mm.pgd = pgd_alloc();
	if (!mm.pgd || !utest_map(&mm, UTEST_CODE, 0, utest_code, sizeof(utest_code)) ||
	    !utest_map(&mm, UTEST_STACK - PAGE_SIZE, _PAGE_RW | _PAGE_NX, "", 0)) {
		complete(&utest_done);
		return -1;
	}
	utest_pid = current->pid;
	current->mm = &mm;
	write_cr3(virt_to_phys(mm.pgd));
	start_thread(UTEST_CODE, UTEST_STACK);
	asm volatile("cli; mov %0, %%rsp; jmp ret_to_user" : : "r"(regs) : "memory");
	return 0;
}

static void test_user_mode(void)
{
	init_completion(&utest_done);
	register_syscall(39, utest_getpid);
	register_syscall(60, utest_exit);
	kthread_run(utest_thread, NULL, "utest");
	wait_for_completion(&utest_done);
	register_syscall(39, NULL);
	register_syscall(60, NULL);
	tap(utest_user_cs == USER_CS && utest_user_rsp == UTEST_STACK,
	    "SYSCALL from ring 3 saves cs %#lx and rsp %#lx", utest_user_cs, utest_user_rsp);
	tap(utest_exit_arg == utest_pid,
	    "SYSRET returned getpid()=%ld to ring 3 (pid %d)", utest_exit_arg, utest_pid);
}

static void run_boot(void)
{
	test_zones();
	test_buddy();
	test_kmalloc();
	test_wx();
	test_timer();
	test_kthreads();
	test_log();
	test_user_mode();
}

static bool has_arg(const char *cmdline, const char *arg)
{
	size_t n = strlen(arg);

	for (const char *p = cmdline; *p; p++)
		if ((p == cmdline || p[-1] == ' ') && !strncmp(p, arg, n) &&
		    (p[n] == ' ' || p[n] == 0))
			return true;
	return false;
}

void selftest_run(const char *cmdline)
{
	char line[32];
	int n;

	if (has_arg(cmdline, "selftest=oops")) {
		pr_info("selftest: writing through a NULL pointer in the kernel\n");
		volatile uintptr_t bad = 16;	/* hidden from the compiler's checks */
		*(volatile int *)bad = 1;
	}
	if (has_arg(cmdline, "selftest=panic"))
		panic("selftest: deliberate panic");
	if (!has_arg(cmdline, "selftest=boot"))
		return;
	run_boot();
	n = snprintf(line, sizeof(line), "1..%d\n", test_no);
	console_write(line, (size_t)n);
	machine_exit(QEMU_EXIT_POWEROFF);
}
