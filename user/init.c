/*
 * user/init.c - pid 1 of the oomkernel demo.  An ordinary C program
 * (musl-gcc -static): the same binary runs on Linux.  For now it shows
 * that a libc program starts: stdio, malloc (brk/mmap), its own pid.
 * Process creation (fork/exec) and the shell come next.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t sizes[] = { 16, 4096, 200000, 3 << 20 };
	int ok = 1;

	printf("init: hello from pid %d (%s), a musl-static program\n", getpid(), argv[0]);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *p = malloc(sizes[i]);
		if (!p) {
			ok = 0;
			continue;
		}
		memset(p, (int)i + 1, sizes[i]);
		ok &= p[sizes[i] - 1] == i + 1;
		free(p);
	}
	printf("init: malloc of 16 B .. 3 MiB %s\n", ok ? "works" : "FAILED");
	printf("init: environment HOME=%s TERM=%s\n", getenv("HOME"), getenv("TERM"));
	return ok ? 0 : 1;
}
