/*
 * t_oom_panic - vm.panic_on_oom=1: an OOM panics the kernel instead of
 * killing ("Kernel panic - not syncing: Out of memory: system-wide
 * panic_on_oom is enabled").  The harness expects the panic
 * (scenarios.tab: expect=panic); this program only sets the knob, says
 * so in TAP, and touches memory.  Never run it on a machine you need.
 */
#include "tap.h"

#include <fcntl.h>
#include <sys/mman.h>

int main(void)
{
	int fd = open("/proc/sys/vm/panic_on_oom", O_WRONLY);

	tap_init();
	plan(1);	/* up front: the run ends in the panic */
	ok(fd >= 0 && write(fd, "1", 1) == 1, "vm.panic_on_oom set to 1");
	for (;;) {
		char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED)
			return 1;
		memset(m, 1, 1 << 20);
	}
}
