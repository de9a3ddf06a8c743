/*
 * t_oom_select - whom the OOM killer chooses, predicted from /proc before
 * the OOM and checked afterwards:
 *
 *  - the golden scenario: holders of 20 %, 35 % and 25 % of MemAvailable
 *    with oom_score_adj 0, -500 and +500; a fourth process touches 35 %
 *    more.  Linux 6.1 kills the +500 holder, and only it;
 *  - oom_score_adj -1000 is never chosen, however large;
 *  - +1000 is chosen first, however small;
 *  - vm.oom_kill_allocating_task=1 kills the allocating task instead;
 *  - a task inside vfork is never chosen.
 * (The /proc/oom_explain checks are ours: Linux has no such file; on
 * Linux they fail, the rest pass.)
 *
 * The prediction uses 6.1's formula on /proc/PID/status: (RssAnon +
 * RssFile + RssShmem + VmSwap + VmPTE) in pages + adj * (totalpages/1000),
 * totalpages = (MemTotal + SwapTotal) in pages.  Run as root in a VM
 * (it exhausts memory): the same checks hold on Debian's 6.1.
 */
#include "tap.h"
#include "oomtest.h"

#include <time.h>

static void golden(void)
{
	struct proc p[] = { { "A", 20, 0, 0, 0 }, { "B", 35, -500, 0, 0 }, { "C", 25, 500, 0, 0 } };
	long avail = meminfo_kb("MemAvailable:");
	int killed[3], hog_st, best = 0;
	char path[64];
	long score[3];
	pid_t hog;

	for (int i = 0; i < 3; i++)
		p[i].pid = start_holder(avail * p[i].percent / 100, p[i].adj);
	for (int i = 0; i < 3; i++) {
		p[i].predicted = badness(p[i].pid, p[i].adj);
		snprintf(path, sizeof path, "/proc/%d/oom_score", p[i].pid);
		score[i] = proc_number(path);
		diag("%s: adj %d, predicted badness %ld, oom_score %ld", p[i].name, p[i].adj,
		     p[i].predicted, score[i]);
		if (p[i].predicted > p[best].predicted)
			best = i;
	}
	is_int(best, 2, "prediction from /proc: C (+500) has the highest badness");
	ok(score[2] > score[0] && score[2] > score[1], "... and the highest oom_score");
	hog = start_hog(avail * 35 / 100, 0);
	finish(p, 3, hog, &hog_st, killed);
	ok(killed[2], "the OOM killer killed C, as Linux 6.1 does");
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
		ok(strstr(json, "\"adj_pages\":") && strstr(json, "\"points\":"),
		   "... with each candidate's points taken apart");
	}
	ok(!killed[0] && !killed[1], "... and neither A nor B");
	is_exited(hog_st, 0, "the allocating task finished once C's memory was back");
}

static void immune(void)
{
	struct proc p[] = { { "big", 55, -1000, 0, 0 }, { "small", 15, 0, 0, 0 } };
	long avail = meminfo_kb("MemAvailable:");
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
	long avail = meminfo_kb("MemAvailable:");
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
	long avail = meminfo_kb("MemAvailable:");
	int killed[1], hog_st;
	pid_t hog;

	write_text("/proc/sys/vm/oom_kill_allocating_task", "1");
	p[0].pid = start_holder(avail * 60 / 100, 0);
	hog = start_hog(avail * 60 / 100, 0);
	finish(p, 1, hog, &hog_st, killed);
	write_text("/proc/sys/vm/oom_kill_allocating_task", "0");
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
	long avail = meminfo_kb("MemAvailable:");
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

int main(void)
{
	tap_init();
	if (meminfo_kb("MemAvailable:") <= 0) {
		ok(0, "/proc/meminfo is readable");
		return done_testing();
	}
	golden();
	immune();
	first();
	allocating_task();
	vfork_child_skipped();
	return done_testing();
}
