/*
 * kernel/multiboot.h - what GRUB told us (multiboot2 boot information),
 * copied out early into boot_info before the memory it sits in is reused.
 */
#ifndef KERNEL_MULTIBOOT_H
#define KERNEL_MULTIBOOT_H

#include "kernel/types.h"
#include "kernel/param.h"

#define MAX_MMAP 64
#define MAX_MODULES 8

struct mmap_entry {
	uint64_t addr, len;
	uint32_t type;		/* 1 available, 3 ACPI reclaimable, ... */
};

struct boot_module {
	uint64_t start, end;	/* physical */
	char name[64];
};

struct boot_info {
	char cmdline[CMDLINE_MAX];
	char loader[64];
	struct mmap_entry mmap[MAX_MMAP];
	int nr_mmap;
	struct boot_module modules[MAX_MODULES];
	int nr_modules;
	uint64_t rsdp_phys;	/* copy of the ACPI RSDP kept in rsdp[] */
	uint8_t rsdp[64];
	bool have_rsdp;
	bool efi;		/* booted through UEFI (an EFI tag was present) */
	uint64_t efi_systab;	/* the EFI system table (physical), 0 if not given */
	uint64_t info_start, info_end;	/* the multiboot2 info block itself */
};

extern struct boot_info boot_info;

/* Parse the multiboot2 information at physical @info; false if malformed. */
bool multiboot_parse(uint64_t info);

#endif
