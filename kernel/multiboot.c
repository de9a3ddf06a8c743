/*
 * kernel/multiboot.c - read the multiboot2 boot information (tags:
 * command line, loader name, memory map, modules, ACPI RSDP, EFI system
 * table).  GRUB places the block in low memory, which the boot page
 * tables map at PAGE_OFFSET; everything useful is copied into boot_info.
 */
#include "kernel/multiboot.h"
#include "kernel/lib/string.h"
#include "mm/memlayout.h"

struct boot_info boot_info;

struct mb2_tag {
	uint32_t type, size;
};

enum {
	TAG_END = 0, TAG_CMDLINE = 1, TAG_LOADER = 2, TAG_MODULE = 3,
	TAG_MMAP = 6, TAG_EFI64 = 12, TAG_ACPI_OLD = 14, TAG_ACPI_NEW = 15,
	TAG_EFI_MMAP = 17,
};

static void take_mmap(const struct mb2_tag *t)
{
	const uint32_t *hdr = (const uint32_t *)(t + 1);
	uint32_t esize = hdr[0];
	const uint8_t *e = (const uint8_t *)(hdr + 2);
	const uint8_t *end = (const uint8_t *)t + t->size;

	if (esize < 24)
		return;
	for (; e + esize <= end && boot_info.nr_mmap < MAX_MMAP; e += esize) {
		struct mmap_entry *m = &boot_info.mmap[boot_info.nr_mmap++];
		memcpy(&m->addr, e, 8);
		memcpy(&m->len, e + 8, 8);
		memcpy(&m->type, e + 16, 4);
	}
}

static void take_module(const struct mb2_tag *t)
{
	const uint32_t *w = (const uint32_t *)(t + 1);
	struct boot_module *m;

	if (boot_info.nr_modules >= MAX_MODULES)
		return;
	m = &boot_info.modules[boot_info.nr_modules++];
	m->start = w[0];
	m->end = w[1];
	strlcpy(m->name, (const char *)(w + 2), sizeof(m->name));
}

static void take_rsdp(const struct mb2_tag *t)
{
	size_t n = t->size - sizeof(*t);

	if (boot_info.have_rsdp && t->type == TAG_ACPI_OLD)
		return;			/* prefer the ACPI 2.0 copy */
	memcpy(boot_info.rsdp, t + 1, MIN(n, sizeof(boot_info.rsdp)));
	boot_info.have_rsdp = true;
}

bool multiboot_parse(uint64_t info)
{
	const uint8_t *base = phys_to_virt(info);
	uint32_t total = *(const uint32_t *)base;
	const uint8_t *p = base + 8;

	if (total < 16 || total > (1 << 20) || info + total > 0x100000000UL)
		return false;
	boot_info.info_start = info;
	boot_info.info_end = info + total;
	while (p + 8 <= base + total) {
		const struct mb2_tag *t = (const struct mb2_tag *)p;

		if (t->type == TAG_END)
			return true;
		if (t->size < 8)
			return false;
		switch (t->type) {
		case TAG_CMDLINE:
			strlcpy(boot_info.cmdline, (const char *)(t + 1),
				sizeof(boot_info.cmdline));
			break;
		case TAG_LOADER:
			strlcpy(boot_info.loader, (const char *)(t + 1),
				sizeof(boot_info.loader));
			break;
		case TAG_MODULE: take_module(t); break;
		case TAG_MMAP: take_mmap(t); break;
		case TAG_ACPI_OLD: case TAG_ACPI_NEW: take_rsdp(t); break;
		case TAG_EFI64:
			memcpy(&boot_info.efi_systab, t + 1, 8);
			boot_info.efi = true;
			break;
		case TAG_EFI_MMAP: boot_info.efi = true; break;
		}
		p += ALIGN_UP(t->size, 8);
	}
	return true;
}
