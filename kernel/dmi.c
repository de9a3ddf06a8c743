/*
 * kernel/dmi.c - the machine's name from the firmware's SMBIOS tables,
 * for the "Hardware name:" line of call traces, built as 6.1's
 * dmi_format_ids does: "VENDOR PRODUCT[/BOARD], BIOS VERSION DATE"
 * (Linux: drivers/firmware/dmi_scan.c, dump_stack_set_arch_desc).
 *
 * The entry point is found as Linux finds it: under UEFI in the EFI
 * system table's configuration tables (GRUB hands over its address),
 * otherwise in 0xF0000-0xFFFFF on a 16-byte boundary; SMBIOS 3 ("_SM3_")
 * before 2.x ("_SM_").  Read once at boot through ioremap; no tables, no
 * line, as on Linux.  Only the strings of types 0, 1 and 2 are kept.
 */
#include "kernel/dmi.h"
#include "kernel/multiboot.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "mm/pgtable.h"

static char dmi_ids[160];	/* the "Hardware name:" text, "" if unknown */

/* SMBIOS3_TABLE_GUID and SMBIOS_TABLE_GUID as they lie in memory. */
static const uint8_t guid_smbios3[16] = { 0x44, 0x15, 0xfd, 0xf2, 0x94, 0x97, 0x2c, 0x4a,
					  0x99, 0x2e, 0xe5, 0xbb, 0xcf, 0x20, 0xe3, 0x94 };
static const uint8_t guid_smbios[16] = { 0x31, 0x2d, 0x9d, 0xeb, 0x88, 0x2d, 0xd3, 0x11,
					 0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d };

struct dmi_found {
	phys_addr_t table;	/* the structure table */
	size_t len;		/* its (maximum) length */
};

static bool checksum_ok(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += p[i];
	return sum == 0;
}

/* An entry point at @ep: SMBIOS 3 or 2.x; false if neither. */
static bool parse_entry(const uint8_t *ep, struct dmi_found *f)
{
	if (!memcmp(ep, "_SM3_", 5) && ep[6] <= 32 && checksum_ok(ep, ep[6])) {
		uint32_t max;
		uint64_t addr;

		memcpy(&max, ep + 0x0c, 4);
		memcpy(&addr, ep + 0x10, 8);
		*f = (struct dmi_found){ addr, max };
		return true;
	}
	if (!memcmp(ep, "_SM_", 4) && ep[5] <= 32 && checksum_ok(ep, ep[5]) &&
	    !memcmp(ep + 0x10, "_DMI_", 5)) {
		uint16_t len;
		uint32_t addr;

		memcpy(&len, ep + 0x16, 2);
		memcpy(&addr, ep + 0x18, 4);
		*f = (struct dmi_found){ addr, len };
		return true;
	}
	return false;
}

/* Under UEFI: the SMBIOS 3 entry, else the 2.x one, from the configuration tables. */
static bool find_efi(struct dmi_found *f)
{
	const uint8_t *st, *ct;
	uint64_t n, tables;
	uint64_t ep[2] = { 0, 0 };	/* SMBIOS 3, SMBIOS */

	if (!boot_info.efi_systab)
		return false;
	st = ioremap(boot_info.efi_systab, 120);
	memcpy(&n, st + 104, 8);
	memcpy(&tables, st + 112, 8);
	if (!tables || n > 256)
		return false;
	ct = ioremap(tables, n * 24);
	for (uint64_t i = 0; i < n; i++) {
		const uint8_t *e = ct + i * 24;

		if (!memcmp(e, guid_smbios3, 16))
			memcpy(&ep[0], e + 16, 8);
		else if (!memcmp(e, guid_smbios, 16))
			memcpy(&ep[1], e + 16, 8);
	}
	for (int i = 0; i < 2; i++)
		if (ep[i] && parse_entry(ioremap(ep[i], 32), f))
			return true;
	return false;
}

/* Without UEFI: the 64 KiB below 1 MiB, 16 bytes at a time. */
static bool find_legacy(struct dmi_found *f)
{
	const uint8_t *p = ioremap(0xf0000, 0x10000);

	for (size_t off = 0; off + 32 <= 0x10000; off += 16)
		if (parse_entry(p + off, f))
			return true;
	return false;
}

/* String @n (1-based) of the structure at @s with formatted length @len; NULL for 0. */
static const char *dmi_string(const uint8_t *s, const uint8_t *end, uint8_t n)
{
	const char *str = (const char *)s + s[1];

	if (!n)
		return "";	/* 6.1's dmi_empty_string */
	while (--n && (const uint8_t *)str < end && *str)
		str += strlen(str) + 1;
	return (const uint8_t *)str < end ? str : "";
}

/* 6.1's print_filtered: printable characters as they are, others as \xNN. */
static size_t put_filtered(char *buf, size_t size, const char *s)
{
	size_t n = 0;

	for (; s && *s && n + 5 < size; s++)
		n += (size_t)snprintf(buf + n, size - n, *s >= 0x20 && *s < 0x7f ? "%c" : "\\x%02x",
				      (unsigned char)*s);
	return n;
}

struct dmi_ids {
	const char *vendor, *product, *board, *bios_version, *bios_date;
};

/* Walk the structure table for types 0, 1 and 2 (the first of each). */
static void walk(const uint8_t *t, size_t len, struct dmi_ids *id)
{
	const uint8_t *p = t, *end = t + len;

	while (p + 4 <= end && p[1] >= 4 && p[0] != 127) {
		const uint8_t *next = p + p[1];

		while (next + 1 < end && (next[0] || next[1]))
			next++;		/* past the strings, to the double NUL */
		if (p[0] == 0 && !id->bios_version && p[1] > 8) {
			id->bios_version = dmi_string(p, end, p[5]);
			id->bios_date = dmi_string(p, end, p[8]);
		} else if (p[0] == 1 && !id->vendor && p[1] > 5) {
			id->vendor = dmi_string(p, end, p[4]);
			id->product = dmi_string(p, end, p[5]);
		} else if (p[0] == 2 && !id->board && p[1] > 5) {
			id->board = dmi_string(p, end, p[5]);
		}
		p = next + 2;
	}
}

void dmi_setup(void)
{
	struct dmi_found f;
	struct dmi_ids id = { NULL, NULL, NULL, NULL, NULL };
	size_t n = 0, size = sizeof(dmi_ids);

	if (!(boot_info.efi ? find_efi(&f) : find_legacy(&f)) || !f.len || f.len > 0x100000)
		return;
	walk(ioremap(f.table, f.len), f.len, &id);
	n += put_filtered(dmi_ids + n, size - n, id.vendor);
	n += (size_t)snprintf(dmi_ids + n, size - n, " ");
	n += put_filtered(dmi_ids + n, size - n, id.product);
	if (id.board) {
		n += (size_t)snprintf(dmi_ids + n, size - n, "/");
		n += put_filtered(dmi_ids + n, size - n, id.board);
	}
	n += (size_t)snprintf(dmi_ids + n, size - n, ", BIOS ");
	n += put_filtered(dmi_ids + n, size - n, id.bios_version);
	n += (size_t)snprintf(dmi_ids + n, size - n, " ");
	put_filtered(dmi_ids + n, size - n, id.bios_date);
	pr_info("DMI: %s\n", dmi_ids);
}

const char *dmi_hardware_name(void)
{
	return dmi_ids;
}
