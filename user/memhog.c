/*
 * user/memhog.c - memhog SIZE [--adj N] [--hold] [--one-shot]: ask for
 * SIZE of memory and touch every page, 1 MiB at a time, reporting the
 * progress; the kernel promises each mapping at once and has to find
 * the pages only when they are written.  On a machine with less, this
 * ends in the OOM killer (exit by SIGKILL, 137 in a shell).
 *
 *   --adj N     write N to /proc/self/oom_score_adj first
 *   --hold      when done, keep the memory and wait (until killed)
 *   --one-shot  one mmap of SIZE instead of 1 MiB pieces: with the
 *               overcommit heuristic a request larger than RAM + swap
 *               fails at once with ENOMEM, touching nothing
 *
 * SIZE takes K, M or G.  An ordinary musl-static program: it does the
 * same on Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHUNK (1UL << 20)

static unsigned long parse_size(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	switch (*end) {
	case 'k': case 'K': return v << 10;
	case 'm': case 'M': return v << 20;
	case 'g': case 'G': return v << 30;
	default: return v;
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: memhog SIZE [--adj N] [--hold] [--one-shot]\n"
		"  map and touch SIZE bytes (K, M or G) in 1 MiB chunks, reporting progress\n"
		"  --adj N     write N to /proc/self/oom_score_adj first\n"
		"  --hold      when done, keep the memory and wait until killed\n"
		"  --one-shot  one mmap of SIZE: more than RAM + swap fails with ENOMEM\n");
}

static int set_adj(const char *val)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);

	if (fd < 0 || write(fd, val, strlen(val)) < 0) {
		fprintf(stderr, "memhog: oom_score_adj %s: %s\n", val, strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

static void touch(char *p, unsigned long len)
{
	for (unsigned long off = 0; off < len; off += 4096)
		p[off] = 1;
}

int main(int argc, char **argv)
{
	unsigned long size = 0, done = 0;
	int hold = 0, one_shot = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help")) {
			usage();
			return 0;
		} else if (!strcmp(argv[i], "--hold")) {
			hold = 1;
		} else if (!strcmp(argv[i], "--one-shot")) {
			one_shot = 1;
		} else if (!strcmp(argv[i], "--adj") && i + 1 < argc) {
			if (set_adj(argv[++i]) < 0)
				return 1;
		} else if (!size) {
			size = parse_size(argv[i]);
		} else {
			usage();
			return 1;
		}
	}
	if (!size) {
		usage();
		return 1;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	if (one_shot) {
		char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			printf("memhog: mmap of %lu MiB failed: %s\n", size >> 20, strerror(errno));
			return 1;
		}
		touch(p, size);
		done = size;
	}
	while (done < size) {
		unsigned long n = size - done < CHUNK ? size - done : CHUNK;
		char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			printf("memhog: mmap failed after %lu MiB: %s\n", done >> 20, strerror(errno));
			return 1;
		}
		touch(p, n);
		done += n;
		if ((done >> 20) % 16 == 0 || done == size)
			printf("memhog: %lu MiB touched\n", done >> 20);
	}
	printf("memhog: all %lu MiB touched\n", size >> 20);
	while (hold)
		pause();
	return 0;
}
