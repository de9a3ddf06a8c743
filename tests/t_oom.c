/*
 * t_oom [N] - the OOM killer end to end: N children (default 3) in turn
 * touch more memory than the machine has and are SIGKILLed, the parent
 * lives on.  Checked:
 *  - each hog dies by SIGKILL, with one "Killed process" line naming it;
 *  - /proc/vmstat oom_kill grows by exactly N; MemFree and Committed_AS
 *    are back at their values from before the first hog, after each one;
 *  - the last report holds 6.1's lines in 6.1's order, each matched by a
 *    regex derived from 6.1's format string, from "invoked oom-killer"
 *    through the Call Trace (with the user registers), Mem-Info, the task
 *    table and the oom-kill: line to "Killed process";
 *  - our own "oomkernel:" lines come after it, never inside it;
 *  - no "oom_reaper: reaped" line: each victim exits by itself;
 *  - with vm.oom_dump_tasks=0, one more report comes without the task
 *    table (and still with the oom-kill: line);
 *  - the same lines reach /dev/kmsg (the Mem-Info summary one record
 *    with \x0a inside) and /bin/dmesg's output.
 *
 * Not for a Linux host: it exhausts the machine's memory.  Under Debian's
 * 6.1 in QEMU (scripts/linuxprog t_oom 3) all 43 of 6.1's report lines
 * match in order; what fails there is ours: the "oomkernel:" lines, the
 * exact MemFree (Linux's caches move it) and /bin/dmesg (our program).
 */
#include "tap.h"
#include "oomtest.h"

#include <regex.h>
#include <sys/prctl.h>

static char logbuf[1 << 20];

/* What syslog(2) puts before every line: "<level>[seconds.micros] ". */
#define PFX "^<[0-7]>\\[ *[0-9]+\\.[0-9]{6}\\] "
#define N "[0-9]+"

static void read_log(void)
{
	read_klog(logbuf, sizeof(logbuf));
}

static int count(const char *text, const char *needle)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/* The first line at or after @from matching the extended regex @re, or NULL. */
static const char *find_line(const char *from, const char *re)
{
	regex_t r;
	regmatch_t m;
	const char *hit = NULL;

	if (!from || regcomp(&r, re, REG_EXTENDED | REG_NEWLINE))
		return NULL;
	if (regexec(&r, from, 1, &m, 0) == 0)
		hit = from + m.rm_so;
	regfree(&r);
	return hit;
}

/* The report's lines, in 6.1's order (mm/oom_kill.c, lib/show_mem.c, show_free_areas). */
static const char *const report[] = {
	" invoked oom-killer: gfp_mask=0x140dca\\(GFP_HIGHUSER_MOVABLE\\|__GFP_COMP\\|__GFP_ZERO\\), "
		"order=0, oom_score_adj=0$",
	PFX "CPU: 0 PID: " N " Comm: %s Not tainted [^ ]+ #1",
	PFX "Hardware name: QEMU Standard PC \\(Q35 \\+ ICH9, 2009\\), BIOS [^ ]+ [0-9]{2}/[0-9]{2}/[0-9]{4}$",
	PFX "Call Trace:$",
	PFX " <TASK>$",
	PFX " dump_stack_lvl\\+0x[0-9a-f]+/0x[0-9a-f]+$",
	PFX " out_of_memory\\+0x[0-9a-f]+/0x[0-9a-f]+$",
	PFX "RIP: 0033:0x[0-9a-f]+$",
	PFX "Code: ([0-9a-f]{2} ){42}<[0-9a-f]{2}>( [0-9a-f]{2}){21}$",
	PFX "RSP: 002b:[0-9a-f]{16} EFLAGS: [0-9a-f]{8}$",
	PFX "RAX: [0-9a-f]{16} RBX: [0-9a-f]{16} RCX: [0-9a-f]{16}$",
	PFX "R13: [0-9a-f]{16} R14: [0-9a-f]{16} R15: [0-9a-f]{16}$",
	PFX " </TASK>$",
	PFX "Mem-Info:$",
	PFX "active_anon:" N " inactive_anon:" N " isolated_anon:" N "$",
	PFX " active_file:" N " inactive_file:" N " isolated_file:" N "$",
	PFX " unevictable:" N " dirty:" N " writeback:" N "$",
	PFX " slab_reclaimable:" N " slab_unreclaimable:" N "$",
	PFX " mapped:" N " shmem:" N " pagetables:" N "$",
	PFX " sec_pagetables:" N " bounce:" N "$",
	PFX " kernel_misc_reclaimable:" N "$",
	PFX " free:" N " free_pcp:" N " free_cma:" N "$",
	PFX "Node 0 active_anon:" N "kB inactive_anon:" N "kB active_file:" N "kB inactive_file:" N
		"kB unevictable:" N "kB isolated\\(anon\\):" N "kB isolated\\(file\\):" N "kB mapped:" N
		"kB dirty:" N "kB writeback:" N "kB shmem:" N "kB shmem_thp: " N "kB shmem_pmdmapped: " N
		"kB anon_thp: " N "kB writeback_tmp:" N "kB kernel_stack:" N "kB pagetables:" N
		"kB sec_pagetables:" N "kB all_unreclaimable\\? (yes|no)$",
	PFX "Node 0 DMA free:" N "kB boost:" N "kB min:" N "kB low:" N "kB high:" N
		"kB reserved_highatomic:" N "KB active_anon:" N "kB inactive_anon:" N "kB active_file:" N
		"kB inactive_file:" N "kB unevictable:" N "kB writepending:" N "kB present:" N
		"kB managed:" N "kB mlocked:" N "kB bounce:" N "kB free_pcp:" N "kB local_pcp:" N
		"kB free_cma:" N "kB$",
	PFX "lowmem_reserve\\[\\]:( " N "){5}$",
	PFX "Node 0 DMA32 free:" N "kB boost:",
	PFX "lowmem_reserve\\[\\]:( " N "){5}$",
	PFX "Node 0 DMA: (" N "\\*" N "kB (\\([UMEHCI]+\\) )?){11}= " N "kB$",
	PFX "Node 0 DMA32: (" N "\\*" N "kB (\\([UMEHCI]+\\) )?){11}= " N "kB$",
	PFX "Node 0 hugepages_total=" N " hugepages_free=" N " hugepages_surp=" N
		" hugepages_size=2048kB$",
	PFX N " total pagecache pages$",
	PFX N " pages in swap cache$",
	PFX "Free swap  = -?" N "kB$",
	PFX "Total swap = " N "kB$",
	PFX N " pages RAM$",
	PFX N " pages HighMem/MovableOnly$",
	PFX N " pages reserved$",
	PFX N " pages hwpoisoned$",
	PFX "Tasks state \\(memory values in pages\\):$",
	PFX "\\[  pid  \\]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name$",
	PFX "\\[ *%d\\] +0 +%d +" N " +" N " +" N " +0 +0 %s$",	/* this test itself */
	PFX "oom-kill:constraint=CONSTRAINT_NONE,nodemask=\\(null\\),cpuset=/,mems_allowed=0,"
		"global_oom,task_memcg=/,task=%s,pid=" N ",uid=0$",
	PFX "Out of memory: Killed process " N " \\(%s\\) total-vm:" N "kB, anon-rss:" N
		"kB, file-rss:" N "kB, shmem-rss:" N "kB, UID:0 pgtables:" N "kB oom_score_adj:0$",
	PFX "oomkernel: points = rss \\+ swapents \\+ pgtables_bytes/4096 \\+ oom_score_adj \\* "
		N " \\(totalpages " N " / 1000\\)$",
	PFX "oomkernel: +" N " %s +" N " = +" N " \\+ +0 \\+ +" N " \\+ +0  <- victim$",
};

/* Each line of the last report, in order; the number matched. */
static int check_report(const char *comm, int self)
{
	const char *at = NULL, *p = logbuf;
	int matched = 0;

	while ((p = find_line(p, " invoked oom-killer: ")))	/* the last report */
		at = p++;
	for (size_t i = 0; at && i < sizeof(report) / sizeof(report[0]); i++) {
		char re[2048];

		if (strstr(report[i], "%d"))
			snprintf(re, sizeof(re), report[i], self, self, comm);
		else
			snprintf(re, sizeof(re), report[i], comm);
		at = find_line(at, re);
		if (!at)
			diag("no line matching /%s/ after the one before", re);
		else
			matched++, at = strchr(at, '\n');
	}
	return matched;
}

/* Our lines are never inside 6.1's report: none between its first and Killed line. */
static int ours_inside_report(void)
{
	const char *start = find_line(logbuf, " invoked oom-killer: ");
	const char *end = find_line(start, "Out of memory: Killed process");
	const char *ours = find_line(start, "oomkernel: ");

	return !start || !end || (ours && ours < end);
}

static void write_knob(const char *path, const char *v)
{
	int fd = open(path, O_WRONLY);

	if (fd >= 0) {
		write(fd, v, strlen(v));
		close(fd);
	}
}

/* vm.oom_dump_tasks=0: the next report has no task table. */
static void check_no_dump_tasks(void)
{
	const char *at = NULL, *p = logbuf, *kill;
	int st;
	pid_t child;

	write_knob("/proc/sys/vm/oom_dump_tasks", "0");
	child = fork();
	if (child == 0)
		touch_forever();
	waitpid(child, &st, 0);
	write_knob("/proc/sys/vm/oom_dump_tasks", "1");
	read_log();
	while ((p = find_line(p, " invoked oom-killer: ")))
		at = p++;
	kill = find_line(at, "oom-kill:constraint=CONSTRAINT_NONE");
	ok(at && kill && !find_line(at, "Tasks state \\(memory values in pages\\):"),
	   "vm.oom_dump_tasks=0: a report without the task table, still with the oom-kill: line");
}

/* /dev/kmsg: the record of @pid's kill, and the Mem-Info summary as one record. */
static void check_kmsg(pid_t pid)
{
	static char rec[8192];
	char want[80];
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK), killed = 0, summary = 0;
	ssize_t n;

	snprintf(want, sizeof(want), ",-;Out of memory: Killed process %d (", pid);
	while (fd >= 0 && (n = read(fd, rec, sizeof(rec) - 1)) > 0) {
		rec[n] = 0;
		killed |= rec[0] == '3' && rec[1] == ',' && strstr(rec, want) != NULL;
		summary |= find_line(rec, "^[0-7],[0-9]+,[0-9]+,-;active_anon:[0-9]+ inactive_anon:"
				     "[0-9]+ isolated_anon:[0-9]+\\\\x0a active_file:") != NULL;
	}
	if (fd >= 0)
		close(fd);
	ok(killed, "/dev/kmsg: \"3,SEQ,USEC,-;Out of memory: Killed process %d (...\" (pr_err)", pid);
	ok(summary, "/dev/kmsg: the Mem-Info summary is one record, its newlines as \\x0a");
}

/* /bin/dmesg's output holds the kill of @pid with its "[time] " prefix. */
static void check_dmesg(pid_t pid)
{
	static char out[1 << 20];
	char *argv[] = { "/bin/dmesg", NULL };
	char want[96];
	int st = run_capture(argv, out, sizeof(out), NULL);

	snprintf(want, sizeof(want), "^\\[ *[0-9]+\\.[0-9]{6}\\] Out of memory: Killed process %d \\(",
		 pid);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0 && find_line(out, want),
	   "/bin/dmesg prints the kill of %d as \"[time] Out of memory: ...\"", pid);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 3, all_killed = 1, once_each = 0, back = 0;
	long kills0 = oom_kills(), free0, committed0;
	char comm[16] = { 0 };
	pid_t child = 0;

	tap_init();
	prctl(PR_GET_NAME, comm, 0, 0, 0);	/* the victims' name (they are our forks) */
	memset(logbuf, 0, sizeof(logbuf));	/* our own pages first, then the baseline */
	read_log();
	free0 = proc_num("/proc/meminfo", "MemFree:");
	committed0 = proc_num("/proc/meminfo", "Committed_AS:");
	for (int i = 0; i < rounds; i++) {
		char line[64];
		long free1, committed1;
		int st;

		child = fork();
		if (child == 0)
			touch_forever();
		waitpid(child, &st, 0);
		if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL) {
			all_killed = 0;
			diag("round %d: wait status %#x", i, st);
		}
		read_log();	/* each round: many reports overflow the ring */
		snprintf(line, sizeof line, "Out of memory: Killed process %d (", child);
		once_each += count(logbuf, line) == 1;
		free1 = proc_num("/proc/meminfo", "MemFree:");
		committed1 = proc_num("/proc/meminfo", "Committed_AS:");
		back += free1 == free0 && committed1 == committed0;
		if (free1 != free0 || committed1 != committed0)
			diag("round %d: MemFree %ld kB (was %ld), Committed_AS %ld kB (was %ld)", i,
			     free1, free0, committed1, committed0);
	}
	ok(all_killed, "every one of %d memory hogs was SIGKILLed (a shell shows 137)", rounds);
	is_int(once_each, rounds, "one 'Out of memory: Killed process' line for each hog, no double kills");
	is_int(oom_kills() - kills0, rounds, "/proc/vmstat oom_kill grew by %d",
	       rounds);
	is_int(back, rounds, "MemFree and Committed_AS back to their values after each kill");
	is_int(check_report(comm, getpid()), (int)(sizeof(report) / sizeof(report[0])),
	       "the last report: 6.1's lines in 6.1's order, then ours");
	ok(!ours_inside_report(), "no 'oomkernel:' line inside 6.1's report (ours come after)");
	is_int(count(logbuf, "oom_reaper: reaped process"), 0,
	       "no oom_reaper line: every victim exited by itself");
	check_kmsg(child);
	check_dmesg(child);
	check_no_dump_tasks();
	return done_testing();
}
