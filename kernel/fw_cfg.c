/*
 * kernel/fw_cfg.c - read named files from QEMU's fw_cfg device through
 * its legacy port interface: write a 16-bit selector to 0x510, read the
 * item byte by byte from 0x511.  Item 0x19 is the file directory
 * (big-endian count, then {size, select, reserved, name[56]} entries).
 */
#include "kernel/fw_cfg.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"

#define FW_CFG_PORT_SEL		0x510
#define FW_CFG_PORT_DATA	0x511
#define FW_CFG_SIGNATURE	0x0000
#define FW_CFG_FILE_DIR		0x0019

static void fw_cfg_select(uint16_t key)
{
	outw(FW_CFG_PORT_SEL, key);
}

static void fw_cfg_read(void *buf, size_t len)
{
	uint8_t *p = buf;

	while (len--)
		*p++ = inb(FW_CFG_PORT_DATA);
}

static uint32_t be32(uint32_t v) { return __builtin_bswap32(v); }
static uint16_t be16(uint16_t v) { return __builtin_bswap16(v); }

bool fw_cfg_present(void)
{
	char sig[4];

	fw_cfg_select(FW_CFG_SIGNATURE);
	fw_cfg_read(sig, 4);
	return !memcmp(sig, "QEMU", 4);
}

/* Find @name in the directory: its selector and size; false if absent. */
static bool fw_cfg_find(const char *name, uint16_t *select, uint32_t *size)
{
	struct { uint32_t size; uint16_t select, reserved; char name[56]; } e;
	uint32_t count;

	if (!fw_cfg_present())
		return false;
	fw_cfg_select(FW_CFG_FILE_DIR);
	fw_cfg_read(&count, 4);
	count = be32(count);
	for (uint32_t i = 0; i < count && i < 4096; i++) {
		fw_cfg_read(&e, sizeof(e));
		e.name[55] = 0;
		if (!strcmp(e.name, name)) {
			*select = be16(e.select);
			*size = be32(e.size);
			return true;
		}
	}
	return false;
}

long fw_cfg_file_size(const char *name)
{
	uint16_t sel;
	uint32_t size;

	return fw_cfg_find(name, &sel, &size) ? (long)size : -1;
}

long fw_cfg_read_file(const char *name, void *buf, size_t len)
{
	uint16_t sel;
	uint32_t size;

	if (!fw_cfg_find(name, &sel, &size))
		return -1;
	len = MIN(len, size);
	fw_cfg_select(sel);
	fw_cfg_read(buf, len);
	return (long)len;
}
