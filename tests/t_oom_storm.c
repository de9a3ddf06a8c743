/*
 * t_oom_storm - 50 OOM kills in a row, by the programs of user/ in turn:
 * memhog 200M (killed itself), cowbomb 40M 3 (two of its children are
 * killed; only while 3 or more kills are still to go) and leaker 16M
 * (killed itself).  After every round:
 *  - the program ended as it should (137, or cowbomb exiting 0);
 *  - /proc/vmstat oom_kill grew by as many kills as /dev/kmsg shows new
 *    "Out of memory: Killed process" records, each naming a pid never
 *    killed before (no double kill);
 *  - MemFree and Committed_AS are back at their values before the storm.
 * At the end: exactly 50 kills and 50 "Killed process" records, and the
 * kernel still up to say so.  The report is rate-limited as 6.1's (10 per
 * 5 s), the "Killed process" line never: a kill without its report must
 * have 10 reports in the 5 s before it, and the "oom_kill_process: N
 * callbacks suppressed" lines never count more than were suppressed.  Needs /bin/memhog, /bin/cowbomb and
 * /bin/leaker (the initramfs has them).
 */
#include "tap.h"
#include "oomtest.h"

#include <stdbool.h>

#define KILLS 50

static pid_t killed_pids[KILLS * 2];
static int nkilled;
static char rec[8192];		/* one /dev/kmsg record */
static long report_usec[KILLS * 2];	/* when each "invoked oom-killer" was logged */
static int nreports, unreported, unexplained, suppressed_said;
static bool reported;		/* a report since the last kill */

/*
 * A kill without its report: 6.1's ratelimit printed 10 in the 5 s before
 * (counted in jiffies; 100 ms of slack for a timer tick that TCG delivers late).
 */
static void kill_logged(long usec)
{
	int recent = 0;

	if (reported) {
		reported = false;
		return;
	}
	unreported++;
	for (int i = 0; i < nreports; i++)
		recent += report_usec[i] >= usec - 5100000;
	unexplained += recent < 10;
}

/* One /dev/kmsg record "LEVEL,SEQ,USEC,-;TEXT": follow the reports and kills. */
static void follow(const char *r)
{
	const char *text = strchr(r, ';');
	long usec = strtol(strchr(strchr(r, ',') + 1, ',') + 1, NULL, 10);

	if (!text)
		return;
	if (strstr(text, " invoked oom-killer: ")) {
		reported = true;
		if (nreports < (int)(sizeof(report_usec) / sizeof(report_usec[0])))
			report_usec[nreports++] = usec;
	} else if (strstr(text, "Out of memory: Killed process ")) {
		kill_logged(usec);
	} else if (!strncmp(text, ";oom_kill_process: ", 19)) {
		suppressed_said += atoi(text + 19);	/* "N callbacks suppressed" */
	}
}

/* New "Killed process" records on @kmsg; -1 if one names a pid killed before. */
static int new_kills(int kmsg)
{
	int n = 0;
	ssize_t len;

	while ((len = read(kmsg, rec, sizeof(rec) - 1)) != 0) {
		char *p;

		if (len < 0 && errno == EPIPE)
			continue;	/* records overwritten: the next read goes on */
		if (len < 0)
			break;		/* EAGAIN: nothing more */
		rec[len] = 0;
		follow(rec);
		p = strstr(rec, ";Out of memory: Killed process ");
		if (!p)
			continue;
		pid_t pid = (pid_t)atoi(p + 31);
		for (int i = 0; i < nkilled; i++)
			if (killed_pids[i] == pid)
				return -1;
		if (nkilled < (int)(sizeof(killed_pids) / sizeof(killed_pids[0])))
			killed_pids[nkilled++] = pid;
		n++;
	}
	return n;
}

/* Run /bin/PROG with its arguments, quietly; its wait status. */
static int run(char *const argv[])
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	return st;
}

int main(void)
{
	char *memhog[] = { "/bin/memhog", "200M", NULL };
	char *cowbomb[] = { "/bin/cowbomb", "40M", "3", NULL };
	char *leaker[] = { "/bin/leaker", "16M", NULL };
	int kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	int kills = 0, lines = 0, rounds = 0, ended_ok = 0, matched = 0, back = 0, fresh = 1;
	long kills0, free0, committed0;

	tap_init();
	memset(rec, 0, sizeof(rec));	/* our own pages first, then the baseline */
	lseek(kmsg, 0, SEEK_END);	/* only what happens from now on */
	kills0 = oom_kills();
	free0 = proc_num("/proc/meminfo", "MemFree:");
	committed0 = proc_num("/proc/meminfo", "Committed_AS:");
	for (; kills < KILLS; rounds++) {
		int kind = rounds % 3, st, got;
		long delta;

		if (kind == 1 && KILLS - kills < 3)
			kind = 0;	/* cowbomb may kill two: not when fewer are left */
		st = run(kind == 0 ? memhog : kind == 1 ? cowbomb : leaker);
		ended_ok += kind == 1 ? WIFEXITED(st) && WEXITSTATUS(st) == 0 :
				        WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL;
		delta = oom_kills() - kills0 - kills;
		got = new_kills(kmsg);
		fresh &= got >= 0;
		matched += got == delta;
		if (got != delta)
			diag("round %d: oom_kill +%ld, %d new 'Killed process' records", rounds, delta, got);
		kills += (int)delta;
		lines += got > 0 ? got : 0;
		if (proc_num("/proc/meminfo", "MemFree:") == free0 &&
		    proc_num("/proc/meminfo", "Committed_AS:") == committed0)
			back++;
		else
			diag("round %d: MemFree %ld kB (was %ld), Committed_AS %ld kB (was %ld)", rounds,
			     proc_num("/proc/meminfo", "MemFree:"), free0,
			     proc_num("/proc/meminfo", "Committed_AS:"), committed0);
		if (delta <= 0)
			break;		/* no kill: something is wrong, stop here */
	}
	diag("%d rounds", rounds);
	is_int(kills, KILLS, "%d OOM kills in a row (memhog, cowbomb, leaker in turn): oom_kill +%d",
	       KILLS, KILLS);
	is_int(lines, KILLS, "%d 'Out of memory: Killed process' records", KILLS);
	ok(fresh, "no pid killed twice");
	is_int(matched, rounds, "each round: as many records as oom_kill grew");
	is_int(ended_ok, rounds, "memhog and leaker died by SIGKILL, cowbomb saw its children killed");
	is_int(back, rounds, "MemFree and Committed_AS back to their values after every round");
	diag("%d reports for %d kills; %d suppressed, %d said so far", nreports, lines, unreported,
	     suppressed_said);
	is_int(nreports + unreported, lines, "every kill has its report or was rate-limited");
	is_int(unexplained, 0, "a kill without its report had 10 reports in the 5 s before it");
	ok(suppressed_said <= unreported, "'oom_kill_process: N callbacks suppressed' counts no more "
	   "than were suppressed");
	return done_testing();
}
