/*
 * kernel/fs/seq_file.h - text generated into a buffer, then read with
 * offsets (Linux: include/linux/seq_file.h, single_open files).
 *
 * A show function writes the whole text with seq_printf and friends.
 * When the buffer is too small the seq_file marks itself overflowed and
 * the caller runs the show again with a buffer twice the size, as
 * Linux's seq_read does, so a show never needs to know the length.
 */
#ifndef KERNEL_FS_SEQ_FILE_H
#define KERNEL_FS_SEQ_FILE_H

#include "kernel/types.h"

struct seq_file {
	char *buf;
	size_t size;		/* of @buf */
	size_t count;		/* bytes written so far */
	size_t pad_until;	/* seq_setwidth/seq_pad's target column */
	bool overflow;		/* the text did not fit: run the show again */
};

void seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);
/* Remember that the text from here on should be padded to @width (maps). */
void seq_setwidth(struct seq_file *m, size_t width);
/* Pad with spaces to the width set by seq_setwidth, then put @c (if not 0). */
void seq_pad(struct seq_file *m, char c);
/* "name" then @num right-aligned in 8 columns and " kB\n" (meminfo, status). */
void seq_put_kb(struct seq_file *m, const char *name, unsigned long kb);

/*
 * Run @show into a fresh buffer, growing it until the text fits (at most
 * SEQ_MAX_SIZE).  Returns the buffer (kfree it) with *len set, or an
 * ERR_PTR: the show's own error, or -ENOMEM.
 */
#define SEQ_MAX_SIZE	(1UL << 20)
char *seq_generate(int (*show)(struct seq_file *m, void *arg), void *arg, size_t *len);

#endif
