/*
 * t_swap_vmstat - the reclaim machinery as /proc shows it (scenarios.tab:
 * -m 128M, swap=128M): kswapd, vm.swappiness, and the /proc/vmstat
 * counters of reclaim and swap-in, against a child that touches 150 %
 * of MemTotal and reads it back.
 *
 *  - a kernel thread named kswapd0 (ps shows [kswapd0]);
 *  - vm.swappiness reads 60, takes 0..200 (6.1's range) and refuses 201;
 *  - pages that left RAM were reclaimed: pgsteal_kswapd + pgsteal_direct
 *    grew by at least what RAM could not hold, kswapd did part of it
 *    (pgsteal_kswapd > 0), and each pgscan_* is at least its pgsteal_*;
 *  - pswpout and pswpin grew by at least as much;
 *  - the child's major faults: > 0, the same in /proc/PID/stat (majflt)
 *    and getrusage, at most pswpin (a swap-in that found the page in the
 *    swap cache, read ahead, is a minor fault), and within the system's
 *    pgmajfault;
 *  - while it held its memory, VmSwap + RssAnon covered all of it.
 * The test keeps itself in RAM (mlockall).
 *
 * On Linux: run as root in a VM with -m 128M and a 128 MiB swap disk.
 */
#include "tap.h"
#include "vmtest.h"

#include <dirent.h>
#include <sys/resource.h>

struct report { long majflt_stat, majflt_rusage, vmswap_kb, rssanon_kb; };

static int has_thread(const char *comm)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int found = 0;

	while (d && !found && (e = readdir(d))) {
		char path[300], name[32] = "";

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%s/comm", e->d_name);
		read_text(path, name, sizeof name);
		found = !strcmp(name, comm) || (!strncmp(name, comm, strlen(comm)) &&
						name[strlen(comm)] == '\n');
	}
	if (d)
		closedir(d);
	return found;
}

/* 10th field after the ")" of /proc/self/stat's comm: majflt is field 12. */
static long stat_majflt(void)
{
	char buf[1024], *p;
	long v = -1;

	if (read_text("/proc/self/stat", buf, sizeof buf) < 0 || !(p = strrchr(buf, ')')))
		return -1;
	p += 2;
	for (int field = 3; field <= 12 && p; field++) {
		if (field == 12)
			v = strtol(p, NULL, 10);
		p = strchr(p, ' ');
		p = p ? p + 1 : NULL;
	}
	return v;
}

static void child(long kb, struct report *rep)
{
	size_t len = (size_t)kb * 1024;
	unsigned char *m = map_anon(len, 0);
	struct rusage ru;
	long bad = 0;

	if (!m)
		_exit(3);
	for (size_t off = 0; off < len; off += 4096)
		m[off] = (unsigned char)(off >> 12);
	fold_rss_counters();
	rep->vmswap_kb = status_kb(0, "VmSwap:");
	rep->rssanon_kb = status_kb(0, "RssAnon:");
	for (size_t off = 0; off < len; off += 4096)
		bad += m[off] != (unsigned char)(off >> 12);
	/* No major fault may come between the two readings: all in RAM first. */
	munmap(m, len);
	mlockall(MCL_CURRENT);
	rep->majflt_stat = stat_majflt();
	getrusage(RUSAGE_SELF, &ru);
	rep->majflt_rusage = ru.ru_majflt;
	_exit(bad ? 4 : 0);
}

int main(void)
{
	long mem_kb = meminfo_kb("MemTotal:"), kb = mem_kb * 3 / 2, must_out = (kb - mem_kb) / 4;
	const char *names[] = { "pswpin", "pswpout", "pgmajfault", "pgscan_kswapd", "pgscan_direct",
				"pgsteal_kswapd", "pgsteal_direct" };
	long before[7], d[7];
	struct report *rep = map_anon(4096, 1);
	struct rusage ru;
	char buf[32];
	int st;
	pid_t pid;

	tap_init();
	ok(lock_self() == 0, "the test keeps its own pages in RAM (mlockall)");
	ok(has_thread("kswapd0"), "a kernel thread kswapd0 runs (ps shows [kswapd0])");
	read_text("/proc/sys/vm/swappiness", buf, sizeof buf);
	is_int(atol(buf), 60, "vm.swappiness is 60 by default");
	ok(write_text("/proc/sys/vm/swappiness", "200") == 0, "vm.swappiness takes 200");
	read_text("/proc/sys/vm/swappiness", buf, sizeof buf);
	is_int(atol(buf), 200, "... and reads it back");
	is_errno(write_text("/proc/sys/vm/swappiness", "201"), EINVAL, "201 -> EINVAL (0..200)");
	write_text("/proc/sys/vm/swappiness", "60");

	for (int i = 0; i < 7; i++)
		before[i] = vmstat(names[i]);
	pid = fork();
	if (pid == 0)
		child(kb, rep);
	wait4(pid, &st, 0, &ru);
	for (int i = 0; i < 7; i++) {
		d[i] = vmstat(names[i]) - before[i];
		diag("%s +%ld", names[i], d[i]);
	}
	is_exited(st, 0, "a child touched 150 %% of MemTotal (%ld kB) and read it back intact", kb);
	ok(rep->vmswap_kb + rep->rssanon_kb >= kb, "while it held it, VmSwap + RssAnon covered it "
	   "(%ld + %ld kB)", rep->vmswap_kb, rep->rssanon_kb);
	ok(d[1] >= must_out, "pswpout grew by at least the %ld pages RAM could not hold", must_out);
	ok(d[0] >= must_out, "pswpin grew by at least as many");
	ok(d[5] + d[6] >= must_out, "pgsteal_kswapd + pgsteal_direct grew by at least as many "
	   "(%ld + %ld)", d[5], d[6]);
	ok(d[5] > 0, "kswapd reclaimed part of it (pgsteal_kswapd +%ld)", d[5]);
	ok(d[3] >= d[5] && d[4] >= d[6], "each pgscan_* grew at least as much as its pgsteal_*");
	ok(rep->majflt_rusage > 0, "the child's swap-ins were major faults (%ld)", rep->majflt_rusage);
	is_int(rep->majflt_stat, rep->majflt_rusage, "/proc/PID/stat majflt is getrusage's ru_majflt");
	ok(ru.ru_majflt >= rep->majflt_rusage, "wait4's rusage has them too (%ld)", ru.ru_majflt);
	ok(rep->majflt_rusage <= d[0], "at most one major fault per page read in (pswpin)");
	ok(d[2] >= rep->majflt_rusage, "the system's pgmajfault counts them (+%ld)", d[2]);
	return done_testing();
}
