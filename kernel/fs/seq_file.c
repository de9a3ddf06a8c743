/*
 * kernel/fs/seq_file.c - building generated text (/proc) in a buffer.
 * Linux: fs/seq_file.c.  Every writer stops at the end of the buffer and
 * sets @overflow; seq_generate then retries with a bigger buffer.
 */
#include "kernel/fs/seq_file.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/errno.h"
#include "mm/kmalloc.h"
#include "mm/memlayout.h"

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len > m->size) {
		m->overflow = true;
		m->count = m->size;
		return;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	size_t room = m->size - m->count;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(m->buf + m->count, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room) {	/* vsnprintf needs room for the NUL */
		m->overflow = true;
		m->count = m->size;
		return;
	}
	m->count += (size_t)n;
}

void seq_setwidth(struct seq_file *m, size_t width)
{
	m->pad_until = m->count + width;
}

void seq_pad(struct seq_file *m, char c)
{
	while (m->count < m->pad_until && !m->overflow)
		seq_putc(m, ' ');
	if (c)
		seq_putc(m, c);
}

void seq_put_kb(struct seq_file *m, const char *name, unsigned long kb)
{
	seq_printf(m, "%s%8lu kB\n", name, kb);
}

char *seq_generate(int (*show)(struct seq_file *m, void *arg), void *arg, size_t *len)
{
	size_t size = PAGE_SIZE;

	for (;;) {
		struct seq_file m = { .buf = kmalloc(size, GFP_KERNEL), .size = size };
		int err;

		if (!m.buf)
			return ERR_PTR(-ENOMEM);
		err = show(&m, arg);
		if (err) {
			kfree(m.buf);
			return ERR_PTR(err);
		}
		if (!m.overflow) {
			*len = m.count;
			return m.buf;
		}
		kfree(m.buf);
		if (size >= SEQ_MAX_SIZE)
			return ERR_PTR(-ENOMEM);
		size *= 2;
	}
}
