/*
 * kernel/lib/vsprintf.c - a small, exact printf engine.
 *
 * Invariant: output is always NUL-terminated when size > 0, and the
 * return value is the length the full output would have had (C99), so
 * callers can detect truncation.  No floating point: kernel code is built
 * without SSE.
 */
#include "kernel/lib/vsprintf.h"
#include "kernel/lib/string.h"

struct outbuf {
	char *buf;
	size_t size;
	size_t len;		/* bytes the full output needs */
};

static void put(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct outbuf *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

struct spec {
	int width, prec;
	bool left, zero, plus, space, alt;
	bool ptr;		/* %p: always 0x-prefixed, as glibc */
};

static void put_string(struct outbuf *o, const char *s, struct spec *sp)
{
	int len;

	if (!s)
		s = "(null)";
	len = (int)strnlen(s, sp->prec >= 0 ? (size_t)sp->prec : (size_t)-1);
	if (!sp->left)
		pad(o, ' ', sp->width - len);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, ' ', sp->width - len);
}

static void put_number(struct outbuf *o, unsigned long v, bool neg, int base,
		       bool upper, struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], sign = 0;
	const char *prefix = "";
	int n = 0, zeros, plen, total;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (sp->prec == 0 && n == 1 && tmp[0] == '0')
		n = 0;
	if (neg)
		sign = '-';
	else if (sp->plus)
		sign = '+';
	else if (sp->space)
		sign = ' ';
	if (base == 16 && (sp->ptr || (sp->alt && n && !(n == 1 && tmp[0] == '0'))))
		prefix = upper ? "0X" : "0x";
	if (sp->alt && base == 8 && sp->prec <= n && (n == 0 || tmp[n - 1] != '0'))
		prefix = "0";
	plen = (int)strlen(prefix) + (sign ? 1 : 0);
	zeros = sp->prec > n ? sp->prec - n : 0;
	total = plen + zeros + n;
	if (sp->zero && !sp->left && sp->prec < 0 && sp->width > total) {
		zeros += sp->width - total;
		total = sp->width;
	}
	if (!sp->left)
		pad(o, ' ', sp->width - total);
	if (sign)
		put(o, sign);
	for (; *prefix; prefix++)
		put(o, *prefix);
	pad(o, '0', zeros);
	while (n--)
		put(o, tmp[n]);
	if (sp->left)
		pad(o, ' ', sp->width - total);
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-') sp->left = true;
		else if (*f == '0') sp->zero = true;
		else if (*f == '+') sp->plus = true;
		else if (*f == ' ') sp->space = true;
		else if (*f == '#') sp->alt = true;
		else break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		while (*f >= '0' && *f <= '9')
			sp->prec = sp->prec * 10 + (*f++ - '0');
	}
	return f;
}

/* Length modifier: 0 int, 1 long, -1 short, -2 char. */
static const char *parse_length(const char *f, int *len)
{
	*len = 0;
	if (*f == 'h') {
		*len = -1;
		if (*++f == 'h') {
			*len = -2;
			f++;
		}
	} else if (*f == 'l' || *f == 'z' || *f == 't' || *f == 'j') {
		*len = 1;
		if (*f == 'l' && f[1] == 'l')
			f++;
		f++;
	}
	return f;
}

static long signed_arg(int len, va_list *ap)
{
	if (len == 1)
		return va_arg(*ap, long);
	int v = va_arg(*ap, int);
	return len == -1 ? (short)v : len == -2 ? (signed char)v : v;
}

static unsigned long unsigned_arg(int len, va_list *ap)
{
	if (len == 1)
		return va_arg(*ap, unsigned long);
	unsigned int v = va_arg(*ap, unsigned int);
	return len == -1 ? (unsigned short)v : len == -2 ? (unsigned char)v : v;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap0)
{
	struct outbuf o = { buf, size, 0 };
	struct spec sp;
	va_list ap;
	int len;

	va_copy(ap, ap0);
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		f = parse_spec(f + 1, &sp, &ap);
		f = parse_length(f, &len);
		if (*f != 'd' && *f != 'i')	/* C: sign flags are for signed conversions */
			sp.plus = sp.space = false;
		switch (*f) {
		case 'd': case 'i': {
			long v = signed_arg(len, &ap);
			put_number(&o, v < 0 ? -(unsigned long)v : (unsigned long)v,
				   v < 0, 10, false, &sp);
			break;
		}
		case 'u': put_number(&o, unsigned_arg(len, &ap), false, 10, false, &sp); break;
		case 'x': put_number(&o, unsigned_arg(len, &ap), false, 16, false, &sp); break;
		case 'X': put_number(&o, unsigned_arg(len, &ap), false, 16, true, &sp); break;
		case 'o': put_number(&o, unsigned_arg(len, &ap), false, 8, false, &sp); break;
		case 'p':
			sp.ptr = true;
			put_number(&o, (unsigned long)va_arg(ap, void *), false, 16, false, &sp);
			break;
		case 'c':
			if (!sp.left)
				pad(&o, ' ', sp.width - 1);
			put(&o, (char)va_arg(ap, int));
			if (sp.left)
				pad(&o, ' ', sp.width - 1);
			break;
		case 's': put_string(&o, va_arg(ap, const char *), &sp); break;
		case '%': put(&o, '%'); break;
		case 0: f--; break;
		default: put(&o, '%'); put(&o, *f); break;
		}
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!size)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n < (int)size ? n : (int)size - 1;
}
