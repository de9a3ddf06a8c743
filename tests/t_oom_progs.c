/*
 * t_oom_progs - the programs of user/ that overcommit on purpose, run
 * from /bin as a student would:
 *  - each one's --help prints its usage and exits 0;
 *  - memhog 200M at 128M ends in the OOM killer (SIGKILL, 137 in a
 *    shell) with the report naming it; memhog --one-shot 200M fails at
 *    mmap with ENOMEM and 6.1's "__vm_enough_memory:" line; memhog 8M
 *    just succeeds; --adj N --hold sets oom_score_adj and keeps the memory;
 *  - leaker is killed, having printed its VmRSS as it grew;
 *  - cowbomb sees children killed and exits 0; forkbomb makes its
 *    children; overcommit shows mode 2 refusing what mode 1 grants;
 *  - oomdemo predicts C and the OOM killer agrees.
 * Run as root in a 128M VM.
 */
#include "tap.h"
#include "oomtest.h"

static char out[1 << 16], logbuf[1 << 20];

static int run(char *const argv[], pid_t *pidp)
{
	return run_capture(argv, out, sizeof(out), pidp);
}

static const char *klog(void)
{
	read_klog(logbuf, sizeof(logbuf));
	return logbuf;
}

static int exited(int st, int code)
{
	return WIFEXITED(st) && WEXITSTATUS(st) == code;
}

static int sigkilled(int st)
{
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL;
}

static void helps(void)
{
	static const char *const progs[] = { "memhog", "leaker", "cowbomb", "forkbomb", "overcommit",
					     "oomdemo", "dmesg" };

	for (size_t i = 0; i < sizeof(progs) / sizeof(progs[0]); i++) {
		char path[32], want[32];
		char *argv[] = { path, "--help", NULL };
		int st;

		snprintf(path, sizeof(path), "/bin/%s", progs[i]);
		snprintf(want, sizeof(want), "usage: %s", progs[i]);
		st = run(argv, NULL);
		ok(exited(st, 0) && !strncmp(out, want, strlen(want)), "%s --help: '%s ...', exit 0",
		   progs[i], want);
	}
}

static void memhog(void)
{
	char *big[] = { "/bin/memhog", "200M", NULL };
	char *one[] = { "/bin/memhog", "--one-shot", "200M", NULL };
	char *small[] = { "/bin/memhog", "8M", NULL };
	char want[128];
	pid_t pid;
	int st;

	st = run(big, &pid);
	ok(sigkilled(st) && strstr(out, "memhog: 16 MiB touched\n"),
	   "memhog 200M reports its progress and dies by SIGKILL (137)");
	snprintf(want, sizeof(want), "Out of memory: Killed process %d (memhog)", pid);
	ok(strstr(klog(), want) && strstr(logbuf, "memhog invoked oom-killer: "),
	   "... with the report: 'memhog invoked oom-killer', '%s'", want);
	st = run(one, &pid);
	ok(exited(st, 1) && strstr(out, "memhog: mmap of 200 MiB failed: Out of memory"),
	   "memhog --one-shot 200M: mmap fails with ENOMEM, exit 1");
	snprintf(want, sizeof(want), "__vm_enough_memory: pid: %d, comm: memhog, no enough memory "
		 "for the allocation", pid);
	ok(strstr(klog(), want) != NULL, "... and 6.1's line: %s", want);
	st = run(small, NULL);
	ok(exited(st, 0) && strstr(out, "memhog: all 8 MiB touched"), "memhog 8M touches it all, exit 0");
}

/* memhog --adj 700 --hold 8M: wait for it to be done, look at /proc, end it. */
static void memhog_hold(void)
{
	int p[2], st;
	char buf[256] = { 0 }, path[64];
	ssize_t got = 0, n;
	pid_t pid;
	long adj = -1, rss = -1;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		execl("/bin/memhog", "memhog", "--adj", "700", "--hold", "8M", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	while (!strstr(buf, "all 8 MiB touched") &&
	       (n = read(p[0], buf + got, sizeof(buf) - 1 - (size_t)got)) > 0)
		got += n;
	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", pid);
	{
		FILE *f = fopen(path, "r");

		if (f) {
			fscanf(f, "%ld", &adj);
			fclose(f);
		}
	}
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	{
		FILE *f = fopen(path, "r");
		char line[128];

		while (f && fgets(line, sizeof(line), f))
			if (!strncmp(line, "RssAnon:", 8))
				rss = strtol(line + 8, NULL, 10);
		if (f)
			fclose(f);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	close(p[0]);
	is_int(adj, 700, "memhog --adj 700 --hold 8M: oom_score_adj 700 while it holds");
	ok(rss >= 8192, "... and the 8 MiB stay resident (RssAnon %ld kB)", rss);
}

static void others(void)
{
	char *leaker[] = { "/bin/leaker", "16M", NULL };
	char *cowbomb[] = { "/bin/cowbomb", "40M", "3", NULL };
	char *forkbomb[] = { "/bin/forkbomb", "20", NULL };
	char *oc2[] = { "/bin/overcommit", "2", "1G", NULL };
	char *oc1[] = { "/bin/overcommit", "1", "1G", NULL };
	char *oc0[] = { "/bin/overcommit", "0", "4K", NULL };
	char *oomdemo[] = { "/bin/oomdemo", NULL };
	int st;

	st = run(leaker, NULL);
	ok(sigkilled(st) && strstr(out, "leaker: 16384 KiB leaked, VmRSS "),
	   "leaker 16M prints its VmRSS as it grows, until SIGKILL");
	st = run(cowbomb, NULL);
	ok(exited(st, 0) && strstr(out, "killed by signal 9") && !strstr(out, ": 0 children killed"),
	   "cowbomb 40M 3: forks succeed, the writes get children killed, exit 0");
	st = run(forkbomb, NULL);
	ok(exited(st, 0) && strstr(out, "forkbomb: 20 children"), "forkbomb 20: 20 children, exit 0");
	st = run(oc2, NULL);
	ok(exited(st, 2) && strstr(out, "mmap(1048576 kB): Out of memory"),
	   "overcommit 2 1G: mode 2 refuses a 1 GiB promise");
	st = run(oc1, NULL);
	ok(exited(st, 0) && strstr(out, ": ok, Committed_AS now"), "overcommit 1 1G: mode 1 grants it");
	run(oc0, NULL);
	st = run(oomdemo, NULL);
	ok(exited(st, 0) && strstr(out, "prediction: the highest oom_score dies: C") &&
	   strstr(out, "the OOM killer chose C"), "oomdemo: predicts C, and C is chosen");
}

int main(void)
{
	tap_init();
	helps();
	memhog();
	memhog_hold();
	others();
	return done_testing();
}
