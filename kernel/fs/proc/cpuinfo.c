/*
 * kernel/fs/proc/cpuinfo.c - /proc/cpuinfo for the one CPU, read from
 * CPUID, in 6.1's x86-64 format (Linux: arch/x86/kernel/cpu/proc.c,
 * the flag names of arch/x86/include/asm/cpufeatures.h).
 *
 * Flags: the four CPUID words Linux keeps as they are (leaf 1 EDX and
 * ECX, leaf 0x80000001 EDX and ECX), in Linux's word order; Linux's
 * synthetic flags (constant_tsc, nopl, ...) and the bugs list are not
 * computed.  cpu MHz is the calibrated TSC; bogomips is Linux's
 * loops_per_jiffy formula with the TSC as the delay loop.
 */
#include "kernel/fs/proc/internal.h"
#include "kernel/param.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"

static const char *const word0[32] = {	/* CPUID 1 EDX */
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL, "sep",
	"mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", NULL, "dts", "acpi",
	"mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
};
static const char *const word1[32] = {	/* CPUID 0x80000001 EDX, less word 0's copies */
	[11] = "syscall", [19] = "mp", [20] = "nx", [22] = "mmxext", [25] = "fxsr_opt",
	[26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm", [30] = "3dnowext", [31] = "3dnow",
};
static const char *const word4[32] = {	/* CPUID 1 ECX */
	"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2",
	"ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", NULL, "pcid", "dca", "sse4_1",
	"sse4_2", "x2apic", "movbe", "popcnt", "tsc_deadline_timer", "aes", "xsave", NULL,
	"avx", "f16c", "rdrand", "hypervisor",
};
static const char *const word6[32] = {	/* CPUID 0x80000001 ECX */
	"lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm", "sse4a", "misalignsse",
	"3dnowprefetch", "osvw", "ibs", "xop", "skinit", "wdt", NULL, "lwp", "fma4", "tce", NULL,
	"nodeid_msr", NULL, "tbm", "topoext", "perfctr_core", "perfctr_nb", NULL, "bpext",
	"ptsc", "perfctr_llc", "mwaitx",
};

struct cpu_ids {
	uint32_t max_leaf, max_ext, eax1, ebx1, ecx1, edx1, ecx81, edx81;
	char vendor[13], model_name[49];
};

static void read_ids(struct cpu_ids *c)
{
	uint32_t a, b, cx, d, *name = (uint32_t *)c->model_name;

	memset(c, 0, sizeof(*c));
	cpuid(0, 0, &c->max_leaf, &b, &cx, &d);
	memcpy(c->vendor, &b, 4);
	memcpy(c->vendor + 4, &d, 4);
	memcpy(c->vendor + 8, &cx, 4);
	cpuid(1, 0, &c->eax1, &c->ebx1, &c->ecx1, &c->edx1);
	cpuid(0x80000000, 0, &c->max_ext, &b, &cx, &d);
	if (c->max_ext >= 0x80000001)
		cpuid(0x80000001, 0, &a, &b, &c->ecx81, &c->edx81);
	for (uint32_t leaf = 0; c->max_ext >= 0x80000004 && leaf < 3; leaf++)
		cpuid(0x80000002 + leaf, 0, &name[leaf * 4], &name[leaf * 4 + 1],
		      &name[leaf * 4 + 2], &name[leaf * 4 + 3]);
}

static void put_flags(struct seq_file *m, const char *const names[32], uint32_t bits)
{
	for (int i = 0; i < 32; i++)
		if ((bits >> i & 1) && names[i])
			seq_printf(m, " %s", names[i]);
}

static void show_identity(struct seq_file *m, const struct cpu_ids *c)
{
	unsigned int family = (c->eax1 >> 8) & 0xf, model = (c->eax1 >> 4) & 0xf;

	if (family == 0xf)
		family += (c->eax1 >> 20) & 0xff;
	if (family >= 6)
		model += ((c->eax1 >> 16) & 0xf) << 4;
	seq_printf(m, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
		      "model name\t: %s\nstepping\t: %u\n", c->vendor, family, model,
		   c->model_name[0] ? c->model_name : "unknown", c->eax1 & 0xf);
	seq_printf(m, "cpu MHz\t\t: %lu.%03lu\n", (unsigned long)(tsc_khz / 1000),
		   (unsigned long)(tsc_khz % 1000));
}

static void show_cache_and_core(struct seq_file *m, const struct cpu_ids *c)
{
	uint32_t a, b, cx = 0, d;

	if (c->max_ext >= 0x80000006)
		cpuid(0x80000006, 0, &a, &b, &cx, &d);
	if (cx >> 16)
		seq_printf(m, "cache size\t: %u KB\n", cx >> 16);
	seq_puts(m, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n"
		    "apicid\t\t: 0\ninitial apicid\t: 0\n");
	seq_printf(m, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\n",
		   c->max_leaf);
}

static void show_tail(struct seq_file *m, const struct cpu_ids *c)
{
	unsigned long lpj = (unsigned long)tsc_khz * 1000 / HZ;
	uint32_t a = 0, b, cx, d, clflush = ((c->ebx1 >> 8) & 0xff) * 8;

	seq_printf(m, "\nbugs\t\t:\nbogomips\t: %lu.%02lu\n", lpj / (500000 / HZ),
		   (lpj / (5000 / HZ)) % 100);
	if (c->max_ext >= 0x80000008)
		cpuid(0x80000008, 0, &a, &b, &cx, &d);
	seq_printf(m, "clflush size\t: %u\ncache_alignment\t: %u\n", clflush, clflush);
	seq_printf(m, "address sizes\t: %u bits physical, %u bits virtual\n",
		   a ? a & 0xff : 36, a ? (a >> 8) & 0xff : 48);
	seq_puts(m, "power management:\n\n");
}

int cpuinfo_show(struct seq_file *m, struct task *t)
{
	struct cpu_ids c;

	read_ids(&c);
	show_identity(m, &c);
	show_cache_and_core(m, &c);
	seq_puts(m, "flags\t\t:");
	put_flags(m, word0, c.edx1);
	put_flags(m, word1, c.edx81);
	put_flags(m, word4, c.ecx1);
	put_flags(m, word6, c.ecx81);
	show_tail(m, &c);
	return 0;
}
