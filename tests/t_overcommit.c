/*
 * t_overcommit - commit accounting as Linux 6.1 does it: what mmap,
 * mprotect, shared anonymous memory, tmpfs writes and fork answer under
 * vm.overcommit_memory 0, 1 and 2, as root and as uid 1000, and how much
 * Committed_AS moves.
 *
 *   t_overcommit [mode=N]
 *
 * The mode is read from /proc/sys/vm/overcommit_memory when it exists,
 * else taken from mode=N (the scenario boots with sysctl.vm.overcommit_memory=N).
 * Sizes come from the machine: CommitLimit from /proc/meminfo, or as 6.1
 * computes it (RAM x 50% + swap) from sysinfo.  Committed_AS deltas are
 * checked only where /proc/meminfo exists.  Everything mapped is given
 * back, so Committed_AS ends where it started.
 * Checked against Debian's 6.1 at -m 128M with scripts/linuxprog.
 */
#include "tap.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <stdbool.h>

#define MiB (1UL << 20)

static int mode = -1;
static unsigned long commit_limit, mem_swap;	/* bytes */
static int have_meminfo;

/* A /proc/meminfo field in bytes, or -1. */
static long meminfo(const char *name)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long v = -1;
	size_t n = strlen(name);

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, name, n) && line[n] == ':')
			v = atol(line + n + 1) * 1024;
	fclose(f);
	return v;
}

static long committed(void)
{
	return meminfo("Committed_AS");
}

static void setup(int argc, char **argv)
{
	struct sysinfo si;
	FILE *f = fopen("/proc/sys/vm/overcommit_memory", "r");

	if (f) {
		if (fscanf(f, "%d", &mode) != 1)
			mode = -1;
		fclose(f);
	}
	for (int i = 1; i < argc && mode < 0; i++)
		if (!strncmp(argv[i], "mode=", 5))
			mode = atoi(argv[i] + 5);
	if (mode < 0)
		mode = 0;
	sysinfo(&si);
	mem_swap = (si.totalram + si.totalswap) * si.mem_unit;
	have_meminfo = meminfo("CommitLimit") > 0;
	commit_limit = have_meminfo ? (unsigned long)meminfo("CommitLimit") :
		       (si.totalram * si.mem_unit / 2 + si.totalswap * si.mem_unit);
	diag("mode %d, CommitLimit %lu kB, RAM+swap %lu kB%s", mode, commit_limit >> 10,
	     mem_swap >> 10, have_meminfo ? "" : " (no /proc/meminfo: deltas not checked)");
}

/* The delta check, or a skip when Committed_AS cannot be read. */
static void is_delta(long before, long want, const char *what)
{
	if (!have_meminfo) {
		ok(1, "%s: Committed_AS # SKIP no /proc/meminfo", what);
		return;
	}
	long d = committed() - before;
	/* Other activity (stdio buffers) may move it by a page or two. */
	ok(d >= want - 8192 && d <= want + 8192, "%s: Committed_AS %+ld kB (want %+ld kB)",
	   what, d / 1024, want / 1024);
}

/* mmap a private anonymous RW mapping: expect success (charging @charge) or ENOMEM. */
static void try_map(const char *who, unsigned long len, int flags, bool want_ok, long charge)
{
	char what[96];
	long before = committed();
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);

	snprintf(what, sizeof what, "%s: mmap %lu MiB%s", who, len / MiB,
		 flags & MAP_NORESERVE ? " NORESERVE" : "");
	if (want_ok) {
		ok(p != MAP_FAILED, "%s succeeds", what);
		if (p != MAP_FAILED) {
			is_delta(before, charge, what);
			munmap(p, len);
		}
	} else {
		is_errno(p == MAP_FAILED ? -1 : 0, ENOMEM, "%s is ENOMEM", what);
		if (p != MAP_FAILED)
			munmap(p, len);
	}
}

static void mmap_table(const char *who)
{
	unsigned long over = commit_limit + MiB, huge = 2 * mem_swap;

	try_map(who, MiB, 0, true, (long)MiB);
	try_map(who, over, 0, mode != 2, (long)over);
	try_map(who, over, MAP_NORESERVE, mode != 2, 0);
	try_map(who, huge, 0, mode == 1, (long)huge);
	try_map(who, huge, MAP_NORESERVE, mode != 2, 0);
}

/* Read-only private memory is not charged; PROT_WRITE added later is. */
static void mprotect_rows(const char *who)
{
	unsigned long over = commit_limit + MiB;
	long before = committed();
	void *p = mmap(NULL, over, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char what[96];

	snprintf(what, sizeof what, "%s: read-only mmap of CommitLimit + 1 MiB", who);
	ok(p != MAP_FAILED, "%s succeeds in every mode", what);
	if (p == MAP_FAILED)
		return;
	is_delta(before, 0, what);
	if (mode == 2)
		is_errno(mprotect(p, over, PROT_READ | PROT_WRITE), ENOMEM,
			 "%s: mprotect(PROT_WRITE) is ENOMEM", who);
	else
		is_int(mprotect(p, over, PROT_READ | PROT_WRITE), 0,
		       "%s: mprotect(PROT_WRITE) succeeds", who);
	is_int(mprotect(p, MiB, PROT_READ | PROT_WRITE), 0,
	       "%s: mprotect(PROT_WRITE) of 1 MiB of it succeeds", who);
	snprintf(what, sizeof what, "%s: mprotect(PROT_WRITE) of 1 MiB", who);
	is_delta(before, mode == 2 ? (long)MiB : (long)over, what);
	munmap(p, over);
	snprintf(what, sizeof what, "%s: after munmap", who);
	is_delta(before, 0, what);
}

static void shared_rows(const char *who)
{
	unsigned long over = commit_limit + MiB, huge = 2 * mem_swap;
	long before = committed();
	void *p = mmap(NULL, 4 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char what[96];

	snprintf(what, sizeof what, "%s: shared anonymous 4 MiB", who);
	ok(p != MAP_FAILED, "%s succeeds", what);
	if (p != MAP_FAILED) {
		is_delta(before, 4 * MiB, what);	/* whole size, at mmap */
		munmap(p, 4 * MiB);
	}
	p = mmap(NULL, over, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (mode == 2)
		is_errno(p == MAP_FAILED ? -1 : 0, ENOMEM, "%s: shared CommitLimit + 1 MiB is ENOMEM", who);
	else
		ok(p != MAP_FAILED, "%s: shared CommitLimit + 1 MiB succeeds", who);
	if (p != MAP_FAILED)
		munmap(p, over);
	p = mmap(NULL, huge, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (mode == 1)
		ok(p != MAP_FAILED, "%s: shared 2 x (RAM + swap) succeeds", who);
	else
		is_errno(p == MAP_FAILED ? -1 : 0, ENOMEM, "%s: shared 2 x (RAM + swap) is ENOMEM", who);
	if (p != MAP_FAILED)
		munmap(p, huge);
}

/* Mode 2: tmpfs pages are charged as written; the write that does not fit is ENOSPC. */
static void tmpfs_rows(const char *who)
{
	static char buf[1 << 16];
	char path[64];
	long before = committed(), written = 0, r = 0;
	int fd;

	if (mode != 2)
		return;
	snprintf(path, sizeof path, "/tmp/t_overcommit.%d", getpid());
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	ok(fd >= 0, "%s: a /tmp file", who);
	if (fd < 0)
		return;
	memset(buf, 'x', sizeof buf);
	while ((unsigned long)written < commit_limit + 4 * MiB &&
	       (r = write(fd, buf, sizeof buf)) > 0)
		written += r;
	is_errno(r < 0 ? -1 : 0, ENOSPC, "%s: writing /tmp past CommitLimit ends in ENOSPC", who);
	ok((unsigned long)written < commit_limit, "%s: %ld kB written, less than CommitLimit", who,
	   written / 1024);
	close(fd);
	unlink(path);
	char what[96];
	snprintf(what, sizeof what, "%s: after unlink", who);
	is_delta(before, 0, what);
}

/* Mode 2 refuses a fork whose charged VMAs do not fit again; 0 and 1 allow it. */
static void fork_rows(const char *who)
{
	unsigned long len = commit_limit * 6 / 10;
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t pid;
	int st;

	if (p == MAP_FAILED) {
		ok(0, "%s: mmap 60%% of CommitLimit", who);
		return;
	}
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (mode == 2) {
		is_errno(pid, ENOMEM, "%s: fork with 60%% of CommitLimit charged is ENOMEM", who);
	} else {
		ok(pid > 0, "%s: fork with 60%% of CommitLimit charged succeeds", who);
		if (pid > 0)
			waitpid(pid, &st, 0);
	}
	munmap(p, len);
}

static void all_rows(const char *who)
{
	mmap_table(who);
	mprotect_rows(who);
	shared_rows(who);
	tmpfs_rows(who);
	fork_rows(who);
}

/* The same table in a child that dropped to uid 1000 (no CAP_SYS_ADMIN: the admin reserve applies). */
static void as_user(void *arg)
{
	if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		_exit(2);
	int before = tap_count;

	all_rows("uid 1000");
	_exit(tap_failed ? 255 : tap_count - before);	/* the parent numbers on from there */
}

int main(int argc, char **argv)
{
	long start;
	int st;

	tap_init();
	setup(argc, argv);
	start = committed();
	if (getuid() == 0) {
		all_rows("root");
		st = run_child(as_user, NULL);
		if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) != 255)
			tap_count += WEXITSTATUS(st);
		else
			ok(0, "the uid 1000 table ran and passed");
	} else {
		all_rows("uid");
	}
	if (have_meminfo)
		is_delta(start, 0, "end of test");
	return done_testing();
}
