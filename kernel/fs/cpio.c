/*
 * kernel/fs/cpio.c - the newc cpio reader behind the initramfs.
 *
 * Format: each entry is a 110-byte ASCII header ("070701" or "070702"
 * then 13 fields of 8 hex digits), the name (namesize bytes, NUL
 * included), padding to 4 bytes, the data (filesize bytes), padding to 4.
 * Pure logic: compiled unchanged into the host unit tests.
 */
#include "kernel/fs/cpio.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

#define NEWC_HDR_LEN 110

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJ,
       F_DEVMIN, F_RDEVMAJ, F_RDEVMIN, F_NAMESIZE, F_CHECK, NR_FIELDS };

static bool parse_hex8(const char *s, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return false;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return true;
}

/* Parse the entry at @off; sets *next to the offset after it. */
static int parse_entry(const char *p, size_t len, size_t off,
		       struct cpio_entry *e, size_t *next)
{
	uint32_t f[NR_FIELDS];
	size_t name_off, data_off;

	if (len - off < NEWC_HDR_LEN)
		return -EINVAL;
	p += off;
	if (memcmp(p, "07070", 5) || (p[5] != '1' && p[5] != '2'))
		return -EINVAL;
	for (int i = 0; i < NR_FIELDS; i++)
		if (!parse_hex8(p + 6 + 8 * i, &f[i]))
			return -EINVAL;
	name_off = off + NEWC_HDR_LEN;
	if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > len - name_off ||
	    p[NEWC_HDR_LEN + f[F_NAMESIZE] - 1] != 0)
		return -EINVAL;
	data_off = ALIGN_UP(name_off + f[F_NAMESIZE], 4);
	if (data_off > len || f[F_FILESIZE] > len - data_off)
		return -EINVAL;
	*e = (struct cpio_entry){
		.name = p + NEWC_HDR_LEN, .mode = f[F_MODE], .uid = f[F_UID],
		.gid = f[F_GID], .nlink = f[F_NLINK], .mtime = f[F_MTIME],
		.rdev_major = f[F_RDEVMAJ], .rdev_minor = f[F_RDEVMIN],
		.data = p + (data_off - off), .size = f[F_FILESIZE],
	};
	*next = ALIGN_UP(data_off + f[F_FILESIZE], 4);
	return 0;
}

int cpio_parse(const void *buf, size_t len,
	       int (*fn)(const struct cpio_entry *e, void *arg), void *arg)
{
	const char *p = buf;
	size_t off = 0;

	for (;;) {
		struct cpio_entry e;
		size_t next;
		int err;

		while (off < len && p[off] == 0)	/* padding between archives */
			off++;
		if (off >= len)
			return 0;
		err = parse_entry(p, len, off, &e, &next);
		if (err)
			return err;
		off = MIN(next, len);
		if (!strcmp(e.name, "TRAILER!!!"))
			continue;
		err = fn(&e, arg);
		if (err)
			return err;
	}
}
