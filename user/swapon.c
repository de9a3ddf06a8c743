/*
 * user/swapon.c - swapon [-p PRIORITY] DEVICE: put a swap area in
 * service, as util-linux's swapon does for one device (messages in its
 * form).  An ordinary musl-static program: it runs on Linux as well.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/swap.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int flags = 0, opt;

	while ((opt = getopt(argc, argv, "p:")) != -1) {
		if (opt != 'p') {
			fprintf(stderr, "usage: swapon [-p priority] device\n");
			return 1;
		}
		flags = SWAP_FLAG_PREFER | ((atoi(optarg) << SWAP_FLAG_PRIO_SHIFT) & SWAP_FLAG_PRIO_MASK);
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: swapon [-p priority] device\n");
		return 1;
	}
	if (swapon(argv[optind], flags) < 0) {
		fprintf(stderr, "swapon: %s: swapon failed: %s\n", argv[optind], strerror(errno));
		return 255;
	}
	return 0;
}
