/*
 * user/overcommit.c - overcommit MODE SIZE [--noreserve]: set
 * vm.overcommit_memory to MODE (0, 1 or 2; needs root) and show what a
 * private writable mmap of SIZE gets, with Committed_AS and CommitLimit
 * from /proc/meminfo before and after.  The promise, not its keeping:
 * nothing is touched.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static long meminfo_kb(const char *field)
{
	char buf[4096], *p;
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, field);
	return p ? strtol(p + strlen(field) + 1, NULL, 10) : -1;
}

int main(int argc, char **argv)
{
	unsigned long size;
	int noreserve, fd;
	char *end, *p;

	if (argc < 3 || !strcmp(argv[1], "--help")) {
		fprintf(stderr, "usage: overcommit MODE SIZE [--noreserve]\n"
			"  set vm.overcommit_memory=MODE, then mmap SIZE (K/M/G) untouched\n");
		return argc == 2 ? 0 : 1;
	}
	size = strtoul(argv[2], &end, 0);
	size <<= *end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20 :
		 *end == 'G' || *end == 'g' ? 30 : 0;
	noreserve = argc > 3 && !strcmp(argv[3], "--noreserve");
	fd = open("/proc/sys/vm/overcommit_memory", O_WRONLY);
	if (fd < 0 || write(fd, argv[1], strlen(argv[1])) < 0) {
		fprintf(stderr, "overcommit: vm.overcommit_memory=%s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	close(fd);
	printf("overcommit_memory=%s CommitLimit=%ld kB Committed_AS=%ld kB\n", argv[1],
	       meminfo_kb("CommitLimit:"), meminfo_kb("Committed_AS:"));
	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | (noreserve ? MAP_NORESERVE : 0), -1, 0);
	if (p == MAP_FAILED)
		printf("mmap(%lu kB%s): %s\n", size >> 10, noreserve ? ", MAP_NORESERVE" : "", strerror(errno));
	else
		printf("mmap(%lu kB%s): ok, Committed_AS now %ld kB\n", size >> 10,
		       noreserve ? ", MAP_NORESERVE" : "", meminfo_kb("Committed_AS:"));
	return p == MAP_FAILED ? 2 : 0;
}
