/*
 * user/leaker.c - leaker [RATE]: grow by RATE (default 1M) per 100 ms,
 * touching every page and never freeing, printing the resident size,
 * until the OOM killer ends it.  The slow leak a long-running service
 * has; RATE takes K, M or G.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long rate = 1UL << 20, total = 0;
	struct timespec pause_ts = { 0, 100000000 };
	char *end;

	if (argc > 1 && !strcmp(argv[1], "--help")) {
		fprintf(stderr, "usage: leaker [RATE]\n  grow by RATE (K/M/G, default 1M) every 100 ms until killed\n");
		return 0;
	}
	if (argc > 1) {
		rate = strtoul(argv[1], &end, 0);
		rate <<= *end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20 :
			 *end == 'G' || *end == 'g' ? 30 : 0;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	for (;;) {
		char *p = mmap(NULL, rate, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			perror("leaker: mmap");
			return 1;
		}
		memset(p, 0x5a, rate);
		total += rate;
		printf("leaker: %lu KiB leaked\n", total >> 10);
		nanosleep(&pause_ts, NULL);
	}
}
