/*
 * t_stdio - ordinary C: malloc/calloc/realloc/free of many sizes (brk and
 * mmap underneath), printf formatting, stdio on a file, qsort.  Nothing
 * clever: if this fails, the basics a C program needs are broken.
 */
#include "tap.h"

#include <limits.h>
#include <stdint.h>

#define FILE_NAME "t_stdio.tmp"   /* in the current directory; removed */

/* A byte pattern that depends on the block and the offset. */
static unsigned char pat(int block, size_t i)
{
	return (unsigned char)(block * 31 + i * 7 + (i >> 8));
}

static void test_malloc(void)
{
	static const size_t sizes[] = {
		1, 7, 16, 24, 100, 255, 1000, 4095, 4096, 4097, 10000, 65536,
		100000, 200000, 1 << 20, 3 << 20,
	};
	enum { N = sizeof sizes / sizeof sizes[0] };
	unsigned char *blocks[N];
	int good = 1, aligned = 1, zero = 1;

	for (int b = 0; b < N; b++) {
		blocks[b] = malloc(sizes[b]);
		if (!blocks[b]) {
			good = 0;
			continue;
		}
		aligned &= ((uintptr_t)blocks[b] % 16) == 0;
		for (size_t i = 0; i < sizes[b]; i++)
			blocks[b][i] = pat(b, i);
	}
	ok(good, "malloc of %d sizes from 1 byte to 3 MiB succeeds", N);
	ok(aligned, "malloc returns 16-byte aligned memory");
	for (int b = 0; b < N; b++)
		for (size_t i = 0; blocks[b] && i < sizes[b]; i++)
			good &= blocks[b][i] == pat(b, i);
	ok(good, "no block overwrote another");
	for (int b = 0; b < N; b += 2)    /* free every other one, then refill */
		free(blocks[b]);
	for (int b = 0; b < N; b += 2) {
		blocks[b] = malloc(sizes[b]);
		for (size_t i = 0; blocks[b] && i < sizes[b]; i++)
			blocks[b][i] = pat(b, i);
	}
	for (int b = 0; b < N; b++)
		for (size_t i = 0; blocks[b] && i < sizes[b]; i++)
			good &= blocks[b][i] == pat(b, i);
	ok(good, "after freeing half and reallocating, all data is intact");
	for (int b = 0; b < N; b++)
		free(blocks[b]);

	{
		unsigned char *p = malloc(10);
		memcpy(p, "0123456789", 10);
		p = realloc(p, 100000);           /* moves to an mmap'ed chunk */
		ok(p && memcmp(p, "0123456789", 10) == 0, "realloc growing 10 B -> 100 KB keeps the data");
		p = realloc(p, 5);
		ok(p && memcmp(p, "01234", 5) == 0, "realloc shrinking keeps the prefix");
		free(p);
	}
	{
		int *z = calloc(50000, sizeof *z);

		for (int i = 0; z && i < 50000; i++)
			zero &= z[i] == 0;
		ok(z && zero, "calloc returns zeroed memory");
		free(z);
	}
	{
		void *many[1000];
		int all = 1;

		for (int i = 0; i < 1000; i++)
			all &= (many[i] = malloc(32 + i % 200)) != NULL;
		for (int i = 999; i >= 0; i--)
			free(many[i]);
		ok(all, "1000 small mallocs and frees");
	}
	ok(malloc((size_t)1 << 62) == NULL && errno == ENOMEM, "an impossible malloc returns NULL with ENOMEM");
}

static void test_printf(void)
{
	char buf[256];

	snprintf(buf, sizeof buf, "%d|%5d|%-5d|%05d|%+d", 42, 42, 42, 42, 42);
	ok(strcmp(buf, "42|   42|42   |00042|+42") == 0, "printf %%d with width and flags (\"%s\")", buf);
	snprintf(buf, sizeof buf, "%x|%X|%#x|%o|%u", 255, 255, 255, 8, 4000000000u);
	ok(strcmp(buf, "ff|FF|0xff|10|4000000000") == 0, "printf %%x %%X %%#x %%o %%u (\"%s\")", buf);
	snprintf(buf, sizeof buf, "%ld|%lld|%zu", LONG_MIN, 123456789012LL, (size_t)7);
	ok(strcmp(buf, "-9223372036854775808|123456789012|7") == 0, "printf %%ld %%lld %%zu (\"%s\")", buf);
	snprintf(buf, sizeof buf, "%.2f|%8.3f|%e|%g|%g", 3.14159, -2.5, 12345.678, 0.0001, 1e20);
	ok(strcmp(buf, "3.14|  -2.500|1.234568e+04|0.0001|1e+20") == 0, "printf %%f %%e %%g (\"%s\")", buf);
	snprintf(buf, sizeof buf, "%s|%.3s|%10s|%-4s|%c%%", "hello", "abcdef", "right", "l", 'Z');
	ok(strcmp(buf, "hello|abc|     right|l   |Z%") == 0, "printf %%s %%c and precision (\"%s\")", buf);
	{
		const char *volatile long_text = "truncated";   /* hidden from -Wformat-truncation */

		is_int(snprintf(buf, 4, "%s", long_text), 9, "snprintf returns the untruncated length");
	}
	ok(strcmp(buf, "tru") == 0, "snprintf truncates and NUL-terminates");
	ok(strtol("-0x1f", NULL, 16) == -31 && strtoul("777", NULL, 8) == 511 && atoi("  12abc") == 12,
	   "strtol/strtoul/atoi parse numbers");
	ok(strtod("2.5e3", NULL) == 2500.0, "strtod parses a double");
}

static void test_file(void)
{
	char line[128];
	FILE *f = fopen(FILE_NAME, "w");
	int n = 0, sum = 0, x;

	ok(f != NULL, "fopen(\"w\") creates a file");
	for (int i = 1; i <= 100; i++)
		fprintf(f, "line %d\n", i);
	ok(fclose(f) == 0, "fclose flushes and closes");

	f = fopen(FILE_NAME, "r");
	ok(f != NULL, "fopen(\"r\") opens it again");
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "line %d", &x) == 1)
			sum += x;
		n++;
	}
	is_int(n, 100, "fgets reads back 100 lines");
	is_int(sum, 5050, "the lines hold 1..100");
	ok(feof(f) && !ferror(f), "the read loop ended at EOF, not on an error");
	fseek(f, 0, SEEK_END);
	is_int(ftell(f), 9 * 7 + 90 * 8 + 9, "ftell at the end is the file size");
	rewind(f);
	ok(fgets(line, sizeof line, f) && strcmp(line, "line 1\n") == 0, "rewind goes back to the start");
	fclose(f);

	f = fopen(FILE_NAME, "a+");
	fputs("appended\n", f);
	fseek(f, -9, SEEK_END);
	ok(fgets(line, sizeof line, f) && strcmp(line, "appended\n") == 0, "fopen(\"a+\") appends");
	fclose(f);
	is_int(remove(FILE_NAME), 0, "remove deletes the file");
	ok(fopen(FILE_NAME, "r") == NULL && errno == ENOENT, "fopen of the removed file fails with ENOENT");
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void test_qsort(void)
{
	static int v[5000];
	unsigned seed = 12345;
	int sorted = 1;
	long sum = 0, sum2 = 0;

	for (int i = 0; i < 5000; i++) {
		seed = seed * 1103515245 + 12345;
		v[i] = (int)(seed >> 8) - (1 << 22);
		sum += v[i];
	}
	qsort(v, 5000, sizeof v[0], cmp_int);
	for (int i = 0; i < 5000; i++) {
		sum2 += v[i];
		if (i)
			sorted &= v[i - 1] <= v[i];
	}
	ok(sorted, "qsort sorts 5000 ints");
	ok(sum == sum2, "qsort kept every element");
	{
		int key = v[1234];
		ok(bsearch(&key, v, 5000, sizeof v[0], cmp_int) != NULL, "bsearch finds an element");
	}
}

int main(void)
{
	tap_init();
	test_malloc();
	test_printf();
	test_file();
	test_qsort();
	return done_testing();
}
