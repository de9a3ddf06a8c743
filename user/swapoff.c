/*
 * user/swapoff.c - swapoff DEVICE: take a swap area out of service,
 * bringing its pages back into memory first (util-linux's messages).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/swap.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: swapoff device\n");
		return 1;
	}
	if (swapoff(argv[1]) < 0) {
		fprintf(stderr, "swapoff: %s: swapoff failed: %s\n", argv[1], strerror(errno));
		return 255;
	}
	return 0;
}
