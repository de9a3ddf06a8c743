/*
 * user/leaker.c - leaker [RATE]: grow by RATE (default 1M) every 100 ms,
 * touching every page and never freeing, and print the resident size
 * (VmRSS from /proc/self/status) each time, until the OOM killer ends it.
 * The slow leak a long-running service has; RATE takes K, M or G.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static unsigned long parse_size(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	return v << (*end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20 :
		     *end == 'G' || *end == 'g' ? 30 : 0);
}

/* VmRSS in kB, or -1 without /proc. */
static long vm_rss_kb(void)
{
	char buf[2048], *p;
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "VmRSS:");
	return p ? strtol(p + 6, NULL, 10) : -1;
}

int main(int argc, char **argv)
{
	unsigned long rate = 1UL << 20, total = 0;
	struct timespec pause_ts = { 0, 100000000 };

	if (argc > 2 || (argc == 2 && !strcmp(argv[1], "--help"))) {
		fprintf(stderr, "usage: leaker [RATE]\n"
			"  grow by RATE (K, M or G; default 1M) every 100 ms, printing VmRSS, until killed\n");
		return argc == 2 ? 0 : 1;
	}
	if (argc == 2 && !(rate = parse_size(argv[1]))) {
		fprintf(stderr, "leaker: bad RATE '%s'\n", argv[1]);
		return 1;
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
		printf("leaker: %lu KiB leaked, VmRSS %ld kB\n", total >> 10, vm_rss_kb());
		nanosleep(&pause_ts, NULL);
	}
}
