/*
 * kernel/main.c - kmain(), the order in which the kernel comes up.
 *
 * Boot path: boot/boot.S (32-bit, long mode) -> kmain:
 *   serial console -> boot information -> memblock -> descriptor tables
 *   -> real page tables -> buddy allocator -> clocks -> ACPI/APIC/timer
 *   -> scheduler -> (self-tests | user space) -> idle loop.
 * Each step logs one line, so a boot that stops says where.
 */
#include "kernel/types.h"
#include "kernel/printk.h"
#include "kernel/serial.h"
#include "kernel/multiboot.h"
#include "kernel/desc.h"
#include "kernel/time.h"
#include "kernel/irq.h"
#include "kernel/acpi.h"
#include "kernel/panic.h"
#include "kernel/fw_cfg.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"
#include "mm/memblock.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "mm/mm_sysctl.h"
#include "proc/sched.h"
#include "kernel/selftest.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/char_dev.h"
#include "kernel/fs/proc_fs.h"
#include "mm/vm_sysctl.h"
#include "kernel/drivers/tty.h"
#include "kernel/drivers/pci.h"
#include "mm/oom.h"
#include "mm/swap.h"
#include "kernel/dmi.h"
#include "proc/exec.h"
#include "kernel/syscall.h"
void syscalls_register(void);

#define MB2_BOOT_MAGIC 0x36d76289

extern char _text[], _end[];
void mem_init(void);
void free_reserved_area(phys_addr_t start, phys_addr_t end);

static void setup_memblock(void)
{
	for (int i = 0; i < boot_info.nr_mmap; i++)
		if (boot_info.mmap[i].type == 1)
			memblock_add(boot_info.mmap[i].addr, boot_info.mmap[i].len);
	memblock_reserve(0, LOW_RESERVED);
	memblock_reserve(KERNEL_PHYS, virt_to_phys(_end) - KERNEL_PHYS);
	memblock_reserve(boot_info.info_start, boot_info.info_end - boot_info.info_start);
	for (int i = 0; i < boot_info.nr_modules; i++)
		memblock_reserve(boot_info.modules[i].start,
				 boot_info.modules[i].end - boot_info.modules[i].start);
}

static void print_memory_map(void)
{
	for (int i = 0; i < boot_info.nr_mmap; i++) {
		struct mmap_entry *m = &boot_info.mmap[i];
		pr_info("BIOS-e820: [mem 0x%016lx-0x%016lx] %s\n", (unsigned long)m->addr,
			(unsigned long)(m->addr + m->len - 1),
			m->type == 1 ? "usable" : m->type == 3 ? "ACPI data" :
			m->type == 4 ? "ACPI NVS" : "reserved");
	}
}

/* Append the command line QEMU passed through fw_cfg (make runprog). */
static void take_fw_cfg_cmdline(void)
{
	char extra[CMDLINE_MAX];
	size_t len = strlen(boot_info.cmdline);
	long n = fw_cfg_read_file("opt/oomkernel/cmdline", extra, sizeof(extra) - 1);

	if (n <= 0 || len + 1 + (size_t)n >= sizeof(boot_info.cmdline))
		return;
	extra[n] = 0;
	boot_info.cmdline[len] = ' ';
	strlcpy(boot_info.cmdline + len + 1, extra, sizeof(boot_info.cmdline) - len - 1);
}

/*
 * The root file system: every GRUB module is a newc archive, then the
 * extra one QEMU may pass through fw_cfg (make runprog), unpacked on top.
 * Module memory goes back to the page allocator afterwards.
 */
static void unpack_initramfs(void)
{
	long extra = fw_cfg_file_size("opt/oomkernel/initrd");

	for (int i = 0; i < boot_info.nr_modules; i++) {
		struct boot_module *m = &boot_info.modules[i];
		pr_info("Unpacking initramfs %s (%lu bytes)\n", m->name,
			(unsigned long)(m->end - m->start));
		initramfs_unpack(phys_to_virt(m->start), m->end - m->start);
		free_reserved_area(m->start, m->end);
	}
	if (extra > 0) {
		unsigned int order = 0;
		struct page *p;
		while ((PAGE_SIZE << order) < (unsigned long)extra && order < MAX_ORDER - 1)
			order++;
		p = alloc_pages(GFP_KERNEL, order);
		if (!p || (PAGE_SIZE << order) < (unsigned long)extra) {
			pr_err("fw_cfg initrd of %ld bytes is too large; ignored\n", extra);
		} else {
			fw_cfg_read_file("opt/oomkernel/initrd", page_address(p), (size_t)extra);
			pr_info("Unpacking fw_cfg initramfs (%ld bytes)\n", extra);
			initramfs_unpack(page_address(p), (size_t)extra);
		}
		if (p)
			__free_pages(p, order);
	}
}

/* init= on the command line, as Linux; /init otherwise. */
static const char *init_path(const char *cmdline)
{
	static char path[128];

	for (const char *p = cmdline; *p; p++) {
		if ((p == cmdline || p[-1] == ' ') && !strncmp(p, "init=", 5)) {
			size_t n = 0;
			p += 5;
			while (p[n] && p[n] != ' ' && n < sizeof(path) - 1)
				n++;
			memcpy(path, p, n);
			path[n] = 0;
			return path;
		}
	}
	return "/init";
}

/*
 * Arguments after " -- " go to init, as on Linux.  Split in place into a
 * NULL-terminated vector (at most 32 words).
 */
static const char *const *init_args(char *cmdline)
{
	static const char *argv[33];
	char *p = strstr(cmdline, " -- ");
	int n = 0;

	if (!p)
		return argv;
	*p = 0;
	p += 4;
	while (*p && n < 32) {
		while (*p == ' ')
			*p++ = 0;
		if (!*p)
			break;
		argv[n++] = p;
		while (*p && *p != ' ')
			p++;
	}
	argv[n] = NULL;
	return argv;
}

static void cpu_init(void)
{
	/* SSE for user space: OSFXSR, OSXMMEXCPT; x87 native errors; no emulation. */
	write_cr4(read_cr4() | (1UL << 9) | (1UL << 10));
	write_cr0((read_cr0() & ~(1UL << 2)) | (1UL << 1) | (1UL << 5));
	asm volatile("fninit");
}

void kmain(uint32_t magic, uint64_t info)
{
	serial_init();
	if (magic != MB2_BOOT_MAGIC || !multiboot_parse(info)) {
		printk_setup("");
		panic("bad multiboot2 boot information (magic %#x): "
		      "boot this kernel with GRUB's multiboot2 command", magic);
	}
	take_fw_cfg_cmdline();
	printk_setup(boot_info.cmdline);
	user_console_setup(boot_info.cmdline);
	pr_notice("oomkernel version 0.1 (x86-64, %s, %s boot)\n",
		  boot_info.loader[0] ? boot_info.loader : "unknown loader",
		  boot_info.efi ? "UEFI" : "BIOS");
	pr_info("Command line: %s\n", boot_info.cmdline);
	print_memory_map();
	cpu_init();
	gdt_init();
	idt_init();
	syscall_init();
	setup_memblock();
	paging_init();
	mem_init();
	mm_core_init(boot_info.cmdline);
	pr_info("Memory: %luK/%luK available (%lu pages of RAM, max_pfn %#lx)\n",
		nr_free_pages() * 4, totalram_pages() * 4, totalram_pages(), max_pfn);
	time_init();
	acpi_init();
	dmi_setup();
	apic_init();
	lapic_timer_init();
	sched_init();
	local_irq_enable();
	selftest_run(boot_info.cmdline);
	vfs_init();
	chr_dev_init();
	pci_init();
	unpack_initramfs();
	proc_init();
	syscalls_register();
	start_init(init_path(boot_info.cmdline), init_args(boot_info.cmdline));
	oom_init(boot_info.cmdline);	/* after init: it must be pid 1 */
	kswapd_run();
	cpu_idle();
}
