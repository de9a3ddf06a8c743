/*
 * t_swap_cmdline - /proc/PID/cmdline and environ of a process whose
 * stack went to swap (scenarios.tab: -m 128M, swap=128M).
 *
 * S (this program run again as "S sleeper", with an environment of its
 * own) waits on a pipe; a passing process pushes it out to swap.  ps
 * reads S's /proc/PID/cmdline and environ: they show S's arguments and
 * environment, swapped out or not, as 6.1's access_remote_vm (which
 * faults the pages in) does.
 *
 * On Linux: run as root in a VM with -m 128M and a 128 MiB swap disk.
 */
#include "tap.h"
#include "vmtest.h"

static const char want_cmd[] = "sleeper\0argument-two\0";
static const char want_env[] = "RV_MARK=swapped-environment\0";

/* The bytes of /proc/@pid/@what after argv[0]'s NUL (cmdline) or whole (environ). */
static long proc_bytes(pid_t pid, const char *what, char *buf, size_t size)
{
	char path[64];
	int fd;
	long n;

	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, what);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, size);
	close(fd);
	return n;
}

int main(int argc, char **argv)
{
	long push_kb = meminfo_kb("MemTotal:") * 13 / 10, n;
	int hold[2], st;
	char buf[4096], ch;
	pid_t s;

	if (argc == 3 && !strcmp(argv[1], "sleeper")) {
		read(0, &ch, 1);
		_exit(0);
	}
	tap_init();
	ok(lock_self() == 0, "the test keeps its own pages in RAM (mlockall)");
	ok(meminfo_kb("SwapTotal:") > push_kb / 2, "swap on (%ld kB)", meminfo_kb("SwapTotal:"));
	if (pipe(hold))
		return 1;
	s = fork();
	if (s == 0) {
		char *av[] = { argv[0], "sleeper", "argument-two", NULL };
		char *ev[] = { "RV_MARK=swapped-environment", NULL };

		dup2(hold[0], 0);
		close(hold[1]);
		execve(argv[0], av, ev);
		_exit(127);
	}
	close(hold[0]);
	usleep(100000);
	st = run_child(swap_pusher, &push_kb);
	is_exited(st, 0, "a passing process touched %ld kB twice", push_kb);
	ok(status_kb(s, "VmSwap:") > 0, "S is partly in swap (VmSwap %ld kB)", status_kb(s, "VmSwap:"));
	n = proc_bytes(s, "cmdline", buf, sizeof buf);
	ok(n == (long)(strlen(argv[0]) + 1 + sizeof want_cmd - 1) &&
	   !memcmp(buf + strlen(argv[0]) + 1, want_cmd, sizeof want_cmd - 1),
	   "/proc/S/cmdline shows S's arguments (%ld bytes)", n);
	n = proc_bytes(s, "environ", buf, sizeof buf);
	ok(n == (long)sizeof want_env - 1 && !memcmp(buf, want_env, sizeof want_env - 1),
	   "/proc/S/environ shows S's environment (%ld bytes)", n);
	close(hold[1]);
	waitpid(s, &st, 0);
	is_exited(st, 0, "S ran to the end");
	return done_testing();
}
