/*
 * t_oom_reaper - the oom_reaper, with its delay shortened to 0 ms by the
 * debug knob oom_reaper_delay=0 (scenarios.tab boots with it; 6.1's is
 * 2 s).  A hog is chosen while it allocates; it sleeps a tick in the
 * allocator before it can die, and the reaper, woken at the kill, unmaps
 * its private memory meanwhile: 6.1's "oom_reaper: reaped process N
 * (NAME), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB" follows the
 * "Killed process" line, once.  The hog still dies by SIGKILL, and its
 * memory and Committed_AS come back.  (t_oom checks the other side: with
 * the 2 s delay, a victim that exits by itself gets no reaper line.)
 */
#include "tap.h"
#include "oomtest.h"

static char logbuf[1 << 20];

int main(void)
{
	char want[160];
	const char *killed, *reaped;
	long free0, committed0;
	int st;
	pid_t pid;

	tap_init();
	memset(logbuf, 0, sizeof(logbuf));
	free0 = proc_num("/proc/meminfo", "MemFree:");
	committed0 = proc_num("/proc/meminfo", "Committed_AS:");
	pid = fork();
	if (pid == 0)
		touch_forever();
	waitpid(pid, &st, 0);
	is_killed_by(st, SIGKILL, "the hog died by SIGKILL");
	read_klog(logbuf, sizeof(logbuf));
	snprintf(want, sizeof(want), "Out of memory: Killed process %d (t_oom_reaper)", pid);
	killed = strstr(logbuf, want);
	snprintf(want, sizeof(want), "oom_reaper: reaped process %d (t_oom_reaper), now anon-rss:0kB,"
		 " file-rss:0kB, shmem-rss:0kB\n", pid);
	reaped = strstr(logbuf, want);
	ok(killed != NULL, "its 'Killed process' line");
	ok(reaped != NULL, "6.1's reaper line, every private page unmapped (anon-rss:0kB, "
	   "file-rss:0kB, shmem-rss:0kB)");
	ok(killed && reaped && reaped > killed, "... after the kill");
	snprintf(want, sizeof(want), "oom_reaper: reaped process %d ", pid);
	ok(reaped && !strstr(reaped + 1, want), "... once");
	is_int(proc_num("/proc/meminfo", "MemFree:"), free0, "MemFree back");
	is_int(proc_num("/proc/meminfo", "Committed_AS:"), committed0, "Committed_AS back");
	return done_testing();
}
