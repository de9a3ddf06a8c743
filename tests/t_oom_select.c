/*
 * t_oom_select - whom the OOM killer chooses, predicted from /proc before
 * the OOM and checked afterwards:
 *
 *  - the golden scenario: holders of 20 %, 35 % and 25 % of MemAvailable
 *    with oom_score_adj 0, -500 and +500; a fourth process touches memory
 *    until the OOM killer has acted.  Linux 6.1 kills the +500 holder,
 *    and only it; each /proc/PID/oom_score is 6.1's formula applied to
 *    the badness predicted from /proc/PID/status;
 *  - oom_score_adj -1000 is never chosen, however large;
 *  - +1000 is chosen first, however small;
 *  - vm.oom_kill_allocating_task=1 kills the allocating task instead;
 *  - a task inside vfork is never chosen;
 *  - the victim's mm shared with a clone(CLONE_VM) process: both die;
 *  - a chosen process already dying (SIGKILL sent, not yet run) is only
 *    marked: no report, no kill counted, the allocator waits for it.
 * Every "allocating task" touches memory 1 MiB at a time and stops as
 * soon as /proc/vmstat oom_kill has grown, so each case kills one.
 * (The /proc/oom_explain and "oomkernel:" checks are ours: Linux has no
 * such file or lines; on Debian's 6.1 (scripts/linuxprog) they fail, the
 * rest pass.)
 *
 * The prediction uses 6.1's formula on /proc/PID/status: (RssAnon +
 * RssFile + RssShmem + VmSwap + VmPTE) in pages + adj * (totalpages/1000),
 * totalpages = (MemTotal + SwapTotal) in pages.  Run as root in a VM
 * (it exhausts memory): the same checks hold on Debian's 6.1.
 */
#include "tap.h"
#include "oomtest.h"

#include <sched.h>
#include <time.h>

/* 6.1's proc_oom_score: (1000 + badness * 1000 / totalpages) * 2 / 3, in signed long. */
static long oom_score_of(long badness)
{
	long total = (proc_num("/proc/meminfo", "MemTotal:") + proc_num("/proc/meminfo", "SwapTotal:")) / 4;

	return (1000 + badness * 1000 / total) * 2 / 3;
}

/* Our explanation names B as the one with the most RSS, its adj taking pages off. */
static int explained_b(pid_t b)
{
	static char log[1 << 20];
	char want[96];

	read_klog(log, sizeof(log));
	snprintf(want, sizeof want, "(pid %d) has the most RSS but oom_score_adj -500 takes ", b);
	return strstr(log, want) != NULL;
}

static void golden(void)
{
	struct proc p[] = { { "A", 20, 0, 0, 0 }, { "B", 35, -500, 0, 0 }, { "C", 25, 500, 0, 0 } };
	long avail = proc_num("/proc/meminfo", "MemAvailable:"), kills;
	int killed[3], hog_st, best = 0, exact = 0;
	char path[64];
	long score[3];
	pid_t hog;

	for (int i = 0; i < 3; i++)
		p[i].pid = start_holder(avail * p[i].percent / 100, p[i].adj);
	for (int i = 0; i < 3; i++) {
		p[i].predicted = badness(p[i].pid, p[i].adj);
		snprintf(path, sizeof path, "/proc/%d/oom_score", p[i].pid);
		score[i] = proc_num(path, NULL);
		diag("%s: adj %d, predicted badness %ld, oom_score %ld", p[i].name, p[i].adj,
		     p[i].predicted, score[i]);
		exact += score[i] == oom_score_of(p[i].predicted);
		if (p[i].predicted > p[best].predicted)
			best = i;
	}
	is_int(best, 2, "prediction from /proc: C (+500) has the highest badness");
	ok(score[2] > score[0] && score[2] > score[1], "... and the highest oom_score");
	is_int(exact, 3, "each oom_score is (1000 + badness * 1000 / totalpages) * 2 / 3 of the prediction");
	kills = oom_kills();
	hog = start_hog(avail * 60 / 100, 0);
	finish(p, 3, hog, &hog_st, killed);
	ok(killed[2], "the OOM killer killed C, as Linux 6.1 does");
	is_int(oom_kills() - kills, 1, "one OOM kill (/proc/vmstat oom_kill)");
	{
		char want[64], json[8192] = { 0 };
		int fd = open("/proc/oom_explain", O_RDONLY);

		if (fd >= 0) {
			read(fd, json, sizeof(json) - 1);
			close(fd);
		}
		snprintf(want, sizeof want, "{\"victim\":{\"pid\":%d,", p[2].pid);
		ok(strncmp(json, want, strlen(want)) == 0,
		   "/proc/oom_explain (ours) names C as the victim, in JSON");
		snprintf(want, sizeof want, "\"points\":%ld,\"origin\":false,\"victim\":true}",
			 p[2].predicted);
		ok(strstr(json, "\"adj_pages\":") && strstr(json, want),
		   "... with each candidate's points taken apart, C's as predicted (%ld)", p[2].predicted);
		ok(explained_b(p[1].pid), "the log says why (ours): B has the most RSS but -500 takes "
		   "pages off it");
	}
	ok(!killed[0] && !killed[1], "... and neither A nor B");
	is_exited(hog_st, 0, "the allocating task went on once C's memory was back");
}

static void immune(void)
{
	struct proc p[] = { { "big", 55, -1000, 0, 0 }, { "small", 15, 0, 0, 0 } };
	long avail = proc_num("/proc/meminfo", "MemAvailable:");
	int killed[2], hog_st;
	pid_t hog;

	for (int i = 0; i < 2; i++)
		p[i].pid = start_holder(avail * p[i].percent / 100, p[i].adj);
	hog = start_hog(avail * 60 / 100, 0);
	finish(p, 2, hog, &hog_st, killed);
	ok(!killed[0], "oom_score_adj -1000 is never chosen, though it holds the most");
	ok(killed[1] || WIFSIGNALED(hog_st), "someone else was killed instead");
}

static void first(void)
{
	struct proc p[] = { { "big", 50, 0, 0, 0 }, { "tiny", 3, 1000, 0, 0 } };
	long avail = proc_num("/proc/meminfo", "MemAvailable:");
	int killed[2], hog_st;
	pid_t hog;

	for (int i = 0; i < 2; i++)
		p[i].pid = start_holder(avail * p[i].percent / 100, p[i].adj);
	hog = start_hog(avail * 50 / 100, 0);
	finish(p, 2, hog, &hog_st, killed);
	ok(killed[1], "oom_score_adj +1000 is chosen first, though it holds 3 %%");
	ok(!killed[0], "... and the big holder lives");
	is_exited(hog_st, 0, "the allocating task then finished");
}

static void allocating_task(void)
{
	struct proc p[] = { { "big", 60, 0, 0, 0 } };
	long avail = proc_num("/proc/meminfo", "MemAvailable:");
	int killed[1], hog_st;
	pid_t hog;

	write_file("/proc/sys/vm/oom_kill_allocating_task", "1");
	p[0].pid = start_holder(avail * 60 / 100, 0);
	hog = start_hog(avail * 60 / 100, 0);
	finish(p, 1, hog, &hog_st, killed);
	write_file("/proc/sys/vm/oom_kill_allocating_task", "0");
	is_killed_by(hog_st, SIGKILL, "oom_kill_allocating_task=1: the allocating task is killed");
	ok(!killed[0], "... not the bigger holder");
}

/*
 * A task inside vfork shares its parent's mm: 6.1's oom_badness gives it
 * LONG_MIN.  P holds 60 % and vforks a child that waits; a hog then
 * forces the OOM.  P is chosen (its vfork child dies with it, sharing
 * the mm), and /proc/oom_explain shows the child skipped for that reason.
 */
static void vfork_child_skipped(void)
{
	long avail = proc_num("/proc/meminfo", "MemAvailable:");
	int p[2], st;
	pid_t holder, hog;
	char c, json[8192] = { 0 }, want[96];

	pipe(p);
	holder = fork();
	if (holder == 0) {
		char *m = mmap(NULL, (size_t)avail * 1024 / 100 * 60, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		pid_t child;

		memset(m, 1, (size_t)avail * 1024 / 100 * 60);
		child = vfork();
		if (child == 0) {
			struct timespec ts = { 5, 0 };

			write(p[1], "v", 1);	/* inside vfork now */
			nanosleep(&ts, NULL);
			_exit(0);
		}
		_exit(0);
	}
	read(p[0], &c, 1);
	hog = start_hog(avail * 60 / 100, 0);
	waitpid(hog, &st, 0);
	waitpid(holder, &st, 0);
	is_killed_by(st, SIGKILL, "the holder blocked in vfork is chosen");
	int fd = open("/proc/oom_explain", O_RDONLY);
	if (fd >= 0) {
		read(fd, json, sizeof(json) - 1);
		close(fd);
	}
	snprintf(want, sizeof want, "\"eligible\":false,\"reason\":\"inside vfork\"");
	ok(strstr(json, want) != NULL, "its vfork child was skipped: 'inside vfork' (/proc/oom_explain)");
	close(p[0]);
	close(p[1]);
}

static int sharer(void *arg)
{
	for (;;)
		pause();
	return 0;
}

/* Is @pid gone or a zombie (it died)? Waits up to a second for it. */
static int died(pid_t pid)
{
	char path[64], buf[256];

	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	for (int i = 0; i < 100; i++) {
		struct timespec ts = { 0, 10000000 };
		int fd = open(path, O_RDONLY);
		ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

		if (fd >= 0)
			close(fd);
		if (n <= 0)
			return 1;
		buf[n] = 0;
		if (strstr(buf, ") Z ") || strstr(buf, ") X "))
			return 1;
		nanosleep(&ts, NULL);
	}
	return 0;
}

/*
 * P holds 60 % and shares its mm with Q (clone CLONE_VM): whichever of
 * the two is chosen, 6.1 sends SIGKILL to both, or the memory would stay.
 */
static void shared_mm(void)
{
	static char stack[16384] __attribute__((aligned(16)));
	long avail = proc_num("/proc/meminfo", "MemAvailable:"), kills = oom_kills();
	int p[2], st;
	pid_t holder, q = 0, hog;

	pipe(p);
	holder = fork();
	if (holder == 0) {
		size_t len = (size_t)avail * 1024 / 100 * 60;
		char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		pid_t c;

		memset(m, 1, len);
		c = clone(sharer, stack + sizeof(stack), CLONE_VM | SIGCHLD, NULL);
		write(p[1], &c, sizeof(c));
		for (;;)
			pause();
	}
	read(p[0], &q, sizeof(q));
	hog = start_hog(avail * 60 / 100, 0);
	waitpid(hog, &st, 0);
	waitpid(holder, &st, 0);
	is_killed_by(st, SIGKILL, "the holder sharing its mm was killed");
	ok(q > 0 && died(q), "... and so was its clone(CLONE_VM) sharer (pid %d)", q);
	is_int(oom_kills() - kills, 1, "one OOM kill for the two (no second selection)");
	close(p[0]);
	close(p[1]);
}

/* Count "Killed process N (" lines for @pid in the kernel log. */
static int killed_lines(pid_t pid)
{
	static char log[1 << 20];
	char want[64];
	int lines = 0;

	read_klog(log, sizeof(log));
	snprintf(want, sizeof want, "Killed process %d (", pid);
	for (char *p = log; (p = strstr(p, want)); p++)
		lines++;
	return lines;
}

/*
 * The hog of dying_victim: touch memory until less than 2.5 MiB is free,
 * say so on @ready, wait for a byte on @go, then touch 16 MiB more.
 */
static void edge_hog(int ready, int go)
{
	char c;

	for (;;) {
		char *m = mmap(NULL, 1 << 18, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED)
			_exit(3);
		for (int o = 0; o < (1 << 18); o += 4096)
			m[o] = 1;
		if (proc_num("/proc/meminfo", "MemFree:") < 2560)
			break;
	}
	write(ready, "r", 1);
	read(go, &c, 1);
	for (int i = 0; i < 16; i++) {
		char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED)
			_exit(3);
		for (int o = 0; o < (1 << 20); o += 4096)
			m[o] = 1;
	}
	_exit(0);
}

/*
 * 6.1's oom_kill_process: a victim that task_will_free_mem (killed, not
 * yet run) is only marked.  P, the biggest, gets our SIGKILL right after
 * the hog, waiting at the edge of memory, is told to go; the hog runs
 * first (woken first) and meets the OOM killer, which chooses P.
 */
static void dying_victim(void)
{
	long avail = proc_num("/proc/meminfo", "MemAvailable:"), kills;
	int ready[2], go[2], st, fd;
	char c, want[96], json[8192] = { 0 };
	pid_t p, hog;

	p = start_holder(avail * 60 / 100, 0);
	pipe(ready);
	pipe(go);
	hog = fork();
	if (hog == 0)
		edge_hog(ready[1], go[0]);
	read(ready[0], &c, 1);
	kills = oom_kills();
	write(go[1], "g", 1);
	kill(p, SIGKILL);
	waitpid(hog, &st, 0);
	is_exited(st, 0, "a dying victim: the allocating task went on once its memory was back");
	waitpid(p, &st, 0);
	is_killed_by(st, SIGKILL, "... P died of our SIGKILL");
	is_int(oom_kills() - kills, 0, "... chosen, only marked: no OOM kill counted");
	is_int(killed_lines(p), 0, "... and no 'Killed process' line for it");
	fd = open("/proc/oom_explain", O_RDONLY);
	if (fd >= 0) {
		read(fd, json, sizeof(json) - 1);
		close(fd);
	}
	snprintf(want, sizeof want, "{\"victim\":{\"pid\":%d,", p);
	ok(!strncmp(json, want, strlen(want)) &&
	   strstr(json, "\"action\":\"already dying: only marked\""),
	   "/proc/oom_explain (ours): P chosen, 'already dying: only marked'");
	for (int i = 0; i < 2; i++) {
		close(ready[i]);
		close(go[i]);
	}
}

int main(void)
{
	tap_init();
	if (proc_num("/proc/meminfo", "MemAvailable:") <= 0) {
		ok(0, "/proc/meminfo is readable");
		return done_testing();
	}
	golden();
	immune();
	first();
	allocating_task();
	vfork_child_skipped();
	shared_mm();
	dying_victim();
	return done_testing();
}
