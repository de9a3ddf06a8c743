/*
 * kernel/acpi.c - find the MADT through the RSDP GRUB handed over
 * (multiboot2 ACPI tag), walk the RSDT/XSDT, and record the I/O APIC
 * address and interrupt source overrides (q35 routes ISA IRQ 0 to GSI 2).
 * Missing or malformed tables fall back to the PC defaults with a
 * console message.
 */
#include "kernel/acpi.h"
#include "kernel/multiboot.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "mm/memlayout.h"

static phys_addr_t ioapic_pa = 0xfec00000;
static uint32_t irq_gsi[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };

struct sdt_header {
	char sig[4];
	uint32_t length;
	uint8_t rev, checksum;
	char oem[6], oem_table[8];
	uint32_t oem_rev, creator, creator_rev;
} __packed;

static bool checksum_ok(const void *p, size_t n)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += ((const uint8_t *)p)[i];
	return sum == 0;
}

/* Tables live in RAM below 4 GiB on QEMU, inside the direct map. */
static const struct sdt_header *table_at(phys_addr_t pa)
{
	const struct sdt_header *h;

	if (!pa || pa >= (4UL << 30))
		return NULL;
	h = phys_to_virt(pa);
	if (h->length < sizeof(*h) || h->length > (1 << 20) ||
	    !checksum_ok(h, h->length))
		return NULL;
	return h;
}

static void parse_madt(const struct sdt_header *madt)
{
	const uint8_t *p = (const uint8_t *)madt + 44;
	const uint8_t *end = (const uint8_t *)madt + madt->length;

	for (; p + 2 <= end && p[1] >= 2; p += p[1]) {
		if (p[0] == 1 && p[1] >= 12) {		/* I/O APIC */
			uint32_t a;
			memcpy(&a, p + 4, 4);
			ioapic_pa = a;
		} else if (p[0] == 2 && p[1] >= 10 && p[3] < 16) {	/* override */
			uint32_t gsi;
			memcpy(&gsi, p + 4, 4);
			irq_gsi[p[3]] = gsi;
		}
	}
}

void acpi_init(void)
{
	const uint8_t *rsdp = boot_info.rsdp;
	const struct sdt_header *root;
	bool x;
	int n;

	if (!boot_info.have_rsdp || memcmp(rsdp, "RSD PTR ", 8)) {
		pr_warn("ACPI: no RSDP from the boot loader; using PC defaults\n");
		return;
	}
	x = rsdp[15] >= 2;
	if (x) {
		uint64_t xsdt;
		memcpy(&xsdt, rsdp + 24, 8);
		root = table_at(xsdt);
	} else {
		uint32_t rsdt;
		memcpy(&rsdt, rsdp + 16, 4);
		root = table_at(rsdt);
	}
	if (!root) {
		pr_warn("ACPI: bad RSDT/XSDT; using PC defaults\n");
		return;
	}
	n = (int)((root->length - sizeof(*root)) / (x ? 8 : 4));
	for (int i = 0; i < n; i++) {
		uint64_t pa = 0;
		memcpy(&pa, (const uint8_t *)(root + 1) + i * (x ? 8 : 4), x ? 8 : 4);
		const struct sdt_header *t = table_at(pa);
		if (t && !memcmp(t->sig, "APIC", 4))
			parse_madt(t);
	}
}

phys_addr_t acpi_ioapic_address(void)
{
	return ioapic_pa;
}

uint32_t acpi_irq_to_gsi(int irq)
{
	return irq >= 0 && irq < 16 ? irq_gsi[irq] : (uint32_t)irq;
}
