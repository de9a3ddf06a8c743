/*
 * t_oom - the OOM killer end to end, without /proc: a child that touches
 * more memory than the machine has is SIGKILLed, the parent lives on,
 * the kernel log holds 6.1's report lines naming that child, the
 * oom_kill event count grows by one per kill, and the free memory comes
 * back.  Run with `t_oom N` for N kills in a row (default 3;
 * t_oom_storm.c is this program with 50).
 *
 * Not for a Linux host: it exhausts the machine's memory.  In a VM with
 * Debian's 6.1 the same checks hold (the report formats are 6.1's).
 */
#include "tap.h"

#include <regex.h>
#include <sys/prctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>

#ifndef OOM_ROUNDS
#define OOM_ROUNDS 3
#endif

static char logbuf[1 << 20];

/* What syslog(2) puts before every line: "<level>[seconds.micros] ". */
#define PFX "^<[0-7]>\\[ *[0-9]+\\.[0-9]{6}\\] "

/* Touch memory until killed: what a runaway program does. */
static void hog(void *arg)
{
	for (;;) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			_exit(2);
		for (int i = 0; i < (1 << 20); i += 4096)
			p[i] = 1;
	}
}

static int read_log(void)
{
	int n = klogctl(3, logbuf, sizeof(logbuf) - 1);	/* SYSLOG_ACTION_READ_ALL */

	logbuf[n > 0 ? n : 0] = 0;
	return n;
}

static int count(const char *needle)
{
	int n = 0;

	for (const char *p = logbuf; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/* Does some line of the log match the extended regex @re? */
static int log_matches(const char *re)
{
	regex_t r;
	int hit;

	if (regcomp(&r, re, REG_EXTENDED | REG_NEWLINE | REG_NOSUB))
		return 0;
	hit = regexec(&r, logbuf, 0, NULL, 0) == 0;
	regfree(&r);
	return hit;
}

static unsigned long free_kb(void)
{
	struct sysinfo si;

	sysinfo(&si);
	return si.freeram * si.mem_unit / 1024;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : OOM_ROUNDS, kills_before, all_killed = 1;
	unsigned long before = free_kb(), after;
	char re[512], comm[16] = { 0 };
	pid_t pid = 0;

	tap_init();
	prctl(PR_GET_NAME, comm, 0, 0, 0);	/* t_oom or t_oom_storm: the victims' name */
	read_log();
	kills_before = count("Out of memory: Killed process");
	for (int i = 0; i < rounds; i++) {
		int st = run_child(hog, NULL);

		if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL) {
			all_killed = 0;
			diag("round %d: wait status %#x", i, st);
		}
	}
	ok(all_killed, "every one of %d memory hogs was SIGKILLed (a shell shows 137)", rounds);
	read_log();
	is_int(count("Out of memory: Killed process") - kills_before, rounds,
	       "one 'Out of memory: Killed process' line per kill, no double kills");
	ok(log_matches("invoked oom-killer: gfp_mask=0x140dca\\(GFP_HIGHUSER_MOVABLE\\|__GFP_COMP\\|"
		       "__GFP_ZERO\\), order=0, oom_score_adj=0$"),
	   "6.1's 'invoked oom-killer' line, the anonymous fault's mask in words");
	ok(log_matches(PFX "Mem-Info:$"), "a Mem-Info: line");
	ok(log_matches(PFX "active_anon:[0-9]+ inactive_anon:[0-9]+ isolated_anon:[0-9]+$"),
	   "the show_free_areas summary's first line");
	ok(log_matches(PFX " free:[0-9]+ free_pcp:[0-9]+ free_cma:[0-9]+$"),
	   "... whose continuation lines start with a space");
	ok(log_matches("Node 0 DMA32: ([0-9]+\\*[0-9]+kB (\\([UMEHCI]+\\) )?){11}= [0-9]+kB$"),
	   "a buddy line for DMA32 with 11 orders");
	ok(log_matches(PFX "Free swap  = [0-9]+kB$"), "'Free swap  =' line");
	ok(log_matches(PFX "[0-9]+ pages RAM$"), "'pages RAM' line");
	ok(log_matches("\\[  pid  \\]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name$"),
	   "6.1's task table header");
	pid = getpid();
	snprintf(re, sizeof re, PFX "\\[ *%d\\] +0 +%d +[0-9]+ +[0-9]+ +[0-9]+ +0 +0 %s$",
		 pid, pid, comm);
	ok(log_matches(re), "the table lists this test itself (%d) with 6.1's columns", pid);
	snprintf(re, sizeof re, "oom-kill:constraint=CONSTRAINT_NONE,nodemask=\\(null\\),cpuset=/,"
		 "mems_allowed=0,global_oom,task_memcg=/,task=%s,pid=[0-9]+,uid=0$", comm);
	ok(log_matches(re), "the oom-kill: summary line");
	snprintf(re, sizeof re, "Out of memory: Killed process [0-9]+ \\(%s\\) total-vm:[0-9]+kB, "
		 "anon-rss:[0-9]+kB, file-rss:[0-9]+kB, shmem-rss:[0-9]+kB, UID:0 pgtables:[0-9]+kB "
		 "oom_score_adj:0$", comm);
	ok(log_matches(re), "6.1's 'Killed process' line");
	after = free_kb();
	ok(after + 512 >= before, "free memory is back after the kills (%lu kB before, %lu kB after)",
	   before, after);
	return done_testing();
}
