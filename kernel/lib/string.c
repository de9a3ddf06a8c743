/*
 * kernel/lib/string.c - freestanding string and memory functions, and
 * Linux's kstrtol() family used to parse what user space writes to /proc.
 */
#include "kernel/lib/string.h"
#include "kernel/errno.h"

#ifndef UNIT_TEST
void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;

	asm volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
	return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *ret = dst;

	asm volatile("rep stosb" : "+D"(dst), "+c"(n) : "a"(c) : "memory");
	return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (; *s; s++)
		if (*s == (char)c)
			last = s;
	return c ? (char *)last : (char *)s;
}
char *strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return (char *)hay;
	return n ? NULL : (char *)hay;
}
#endif

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len >= size ? size - 1 : len;
		memcpy(dst, src, n);
		dst[n] = 0;
	}
	return len;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * kstrtoul - parse an unsigned number as Linux's lib/kstrtox.c: one
 * trailing newline is allowed, anything else is -EINVAL, overflow is
 * -ERANGE.  Base 0 means "0x" hex, leading "0" octal, else decimal.
 */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long v = 0;
	int any = 0;

	if (*s == '+')
		s++;
	if (base == 0 || base == 16) {
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
		    digit_value(s[2]) < 16) {
			s += 2;
			base = 16;
		}
	}
	if (base == 0)
		base = s[0] == '0' ? 8 : 10;
	for (; *s; s++) {
		int d = digit_value(*s);
		if (d >= (int)base)
			break;
		if (v > (ULONG_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
		any = 1;
	}
	if (*s == '\n')
		s++;
	if (!any || *s)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	unsigned long v;
	int neg = 0, err;

	if (*s == '-') {
		neg = 1;
		s++;
		if (*s == '+')
			return -EINVAL;
	}
	err = kstrtoul(s, base, &v);
	if (err)
		return err;
	if (neg) {
		if (v > (unsigned long)LONG_MAX + 1)
			return -ERANGE;
		*res = (long)-v;	/* wraps to LONG_MIN without signed overflow */
	} else {
		if (v > (unsigned long)LONG_MAX)
			return -ERANGE;
		*res = (long)v;
	}
	return 0;
}
