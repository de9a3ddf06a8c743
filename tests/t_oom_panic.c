/*
 * t_oom_panic [1|2] - vm.panic_on_oom: an OOM panics the kernel instead
 * of killing, after 6.1's report without the oom-kill: line: "Kernel
 * panic - not syncing: Out of memory: system-wide panic_on_oom is
 * enabled" for 1, "... compulsory panic_on_oom is enabled" for 2.  The
 * harness expects the panic (scenarios.tab: expect=panic) and checks the
 * "# panic:" and "# log:" lines printed here against the kernel log.
 * This program only sets the knob, says so in TAP, and touches memory.
 * Never run it on a machine you need.
 */
#include "tap.h"

#include <fcntl.h>
#include <sys/mman.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "1";
	int fd = open("/proc/sys/vm/panic_on_oom", O_WRONLY);

	tap_init();
	plan(1);	/* up front: the run ends in the panic */
	ok(fd >= 0 && write(fd, mode, 1) == 1, "vm.panic_on_oom set to %s", mode);
	printf("# panic: Out of memory: %s panic_on_oom is enabled\n",
	       mode[0] == '2' ? "compulsory" : "system-wide");
	printf("# log: invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0\n");
	printf("# log: Mem-Info:\n");
	for (;;) {
		char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED)
			return 1;
		memset(m, 1, 1 << 20);
	}
}
