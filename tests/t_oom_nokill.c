/*
 * t_oom_nokill - nothing left to kill: this program, the only process
 * besides init, sets its oom_score_adj to -1000 and touches memory.
 * 6.1 then prints the report, "Out of memory and no killable
 * processes..." and panics with "System is deadlocked on memory".  The
 * harness expects the panic (expect=panic) and checks the "# panic:" and
 * "# log:" lines below against the kernel log.  Needs root.
 */
#include "tap.h"

#include <fcntl.h>
#include <sys/mman.h>

int main(void)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);

	tap_init();
	plan(1);	/* up front: the run ends in the panic */
	ok(fd >= 0 && write(fd, "-1000", 5) == 5, "oom_score_adj -1000: this process is immune");
	printf("# panic: System is deadlocked on memory\n");
	printf("# log: Out of memory and no killable processes...\n");
	printf("# log: invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=-1000\n");
	for (;;) {
		char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED)
			return 1;
		memset(m, 1, 1 << 20);
	}
}
