/*
 * t_swap_tmpfs - tmpfs and shared anonymous pages go to swap too
 * (scenarios.tab: -m 128M, swap=128M).  Linux reclaims them from the
 * anon LRU lists with the private anonymous pages.
 *
 * A file in /tmp holds 45 % of MemAvailable, written through write(2),
 * and a MAP_SHARED anonymous region of 15 % is mapped by this process
 * and a child, each writing half of it.  Then a locker mlocks 55 %:
 * locked pages never move, so what the three take beyond the MemFree of
 * the start must leave RAM, from the tmpfs and shared pages: Shmem
 * (resident tmpfs and shared pages) falls and the swap holds at least
 * that much.
 * When the locker has gone, every word of the file reads back through
 * read(2), and every word of the shared region, in both processes, is
 * the last one either of them wrote (a shared page leaves every page
 * table that maps it before it is written out, and comes back for
 * both).  After the file is removed and the child has exited, Shmem and
 * the swap are back at their baseline.
 *
 * The test keeps its own private pages in RAM (mlockall MCL_CURRENT:
 * its stack and data, not the file or the shared region).  On Linux:
 * run as root in a VM with -m 128M and a 128 MiB swap disk; /tmp is a
 * tmpfs.
 */
#include "tap.h"
#include "vmtest.h"

#define FILE_NAME	"/tmp/t_swap_tmpfs.dat"

/* One pipe pair per child: a read from a dead child's pipe sees EOF. */
struct chan { int to_child[2], to_parent[2]; };

static struct chan sharer_ch, locker_ch;

static int chan_open(struct chan *c)
{
	return pipe(c->to_child) || pipe(c->to_parent) ? -1 : 0;
}

/* In the parent after the fork: keep only our ends. */
static void chan_parent(struct chan *c)
{
	close(c->to_child[0]);
	close(c->to_parent[1]);
}

static void say(struct chan *c, char m)
{
	write(c->to_child[1], &m, 1);
}

/* The child's next message, or 0 when it is gone. */
static char hear(struct chan *c)
{
	char m;

	return read(c->to_parent[0], &m, 1) == 1 ? m : 0;
}

/* Verify (and rewrite, with @fill >= 0) words [from, to) of the shared region. */
static long shared_pass(uint64_t *sh, size_t from, size_t to, int check, int fill)
{
	return sweep_words(sh, from, to, 1, check, fill);
}

/* The child sharing the region: write its half, then check all of it on request. */
static void sharer(uint64_t *sh, size_t words, long *wrong)
{
	struct chan *ch = &sharer_ch;
	char c;

	shared_pass(sh, words / 2, words, -1, 0);
	write(ch->to_parent[1], "w", 1);
	if (read(ch->to_child[0], &c, 1) != 1)
		_exit(3);
	*wrong = shared_pass(sh, 0, words, 0, -1);
	write(ch->to_parent[1], "c", 1);
	if (read(ch->to_child[0], &c, 1) != 1)
		_exit(3);
	_exit(0);
}

/* Lock @kb of fresh memory, report, wait for the end. */
static void locker(long kb, int *locked)
{
	size_t len = (size_t)kb * 1024;
	char *m = map_anon(len, 0);
	char c;

	*locked = m && mlock(m, len) == 0;
	write(locker_ch.to_parent[1], "l", 1);
	read(locker_ch.to_child[0], &c, 1);
	_exit(0);
}

/* Write (or, with @verify, read and check) the file's @words words; wrong words or -1. */
static long file_pass(size_t words, int verify)
{
	static uint64_t buf[8192];
	int fd = open(FILE_NAME, verify ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC, 0600);
	long wrong = 0;

	if (fd < 0)
		return -1;
	for (size_t i = 0; i < words; i += 8192) {
		size_t n = words - i < 8192 ? words - i : 8192;

		if (!verify)
			for (size_t j = 0; j < n; j++)
				buf[j] = word_value(0, i + j, 0);
		if ((verify ? read(fd, buf, n * 8) : write(fd, buf, n * 8)) != (ssize_t)(n * 8)) {
			close(fd);
			return -1;
		}
		if (verify)
			for (size_t j = 0; j < n; j++)
				wrong += buf[j] != word_value(0, i + j, 0);
	}
	close(fd);
	return wrong;
}

int main(void)
{
	long avail = meminfo_kb("MemAvailable:"), file_kb = avail * 45 / 100 / 4 * 4;
	long shared_kb = avail * 15 / 100 / 4 * 4, lock_kb = avail * 55 / 100;
	long must_out, shmem_full, shmem_low, used;
	size_t swords = (size_t)shared_kb * 1024 / 8;
	int st_sharer, st_locker, *locked;
	long *child_wrong;
	uint64_t *sh;
	struct baseline b;
	pid_t sharer_pid, locker_pid;

	tap_init();
	signal(SIGPIPE, SIG_IGN);	/* a child that died is seen as EOF, not a kill */
	/* Before the shared mappings: those must stay free to move. */
	ok(mlockall(MCL_CURRENT) == 0, "the test keeps its stack and data in RAM (mlockall)");
	sh = map_anon((size_t)shared_kb * 1024, 1);
	child_wrong = map_anon(4096, 1);
	if (!sh || !child_wrong || chan_open(&sharer_ch))
		return ok(0, "set-up"), done_testing();
	*child_wrong = -1;	/* its shared page exists from now on */
	locked = (int *)(child_wrong + 1);
	b = vm_baseline();
	must_out = file_kb + shared_kb + lock_kb - b.mem_free;
	is_int(file_pass((size_t)file_kb * 1024 / 8, 0), 0, "a %ld kB file in /tmp, every word "
	       "its own value", file_kb);
	sharer_pid = fork();
	if (sharer_pid == 0)
		sharer(sh, swords, child_wrong);
	chan_parent(&sharer_ch);
	shared_pass(sh, 0, swords / 2, -1, 0);
	ok(hear(&sharer_ch) == 'w', "a child shares a %ld kB MAP_SHARED region; each writes half",
	   shared_kb);
	shmem_full = meminfo_kb("Shmem:");
	ok(shmem_full - b.shmem >= file_kb + shared_kb - 1024, "Shmem holds the file and the "
	   "region (+%ld kB)", shmem_full - b.shmem);

	if (chan_open(&locker_ch))	/* now: the sharer must not hold its ends */
		return ok(0, "set-up"), done_testing();
	locker_pid = fork();
	if (locker_pid == 0)
		locker(lock_kb, locked);
	chan_parent(&locker_ch);
	ok(hear(&locker_ch) == 'l' && *locked, "a locker mlocks %ld kB", lock_kb);
	shmem_low = meminfo_kb("Shmem:");
	used = swap_used_kb() - b.swap_used;
	ok(shmem_full - shmem_low >= must_out, "tmpfs and shared pages left RAM: Shmem fell by "
	   "%ld kB, at least %ld kB", shmem_full - shmem_low, must_out);
	ok(used >= must_out, "... into swap (%ld kB used)", used);
	say(&locker_ch, 'e');	/* the locker goes */
	waitpid(locker_pid, &st_locker, 0);
	is_exited(st_locker, 0, "the locker was not killed");

	is_int(file_pass((size_t)file_kb * 1024 / 8, 1), 0, "every word of the file reads back");
	is_int(shared_pass(sh, 0, swords, 0, -1), 0, "every word of the shared region, here");
	say(&sharer_ch, 'c');
	if (hear(&sharer_ch) != 'c')
		*child_wrong = -1;
	is_int(*child_wrong, 0, "... and in the child");
	say(&sharer_ch, 'q');
	waitpid(sharer_pid, &st_sharer, 0);
	is_exited(st_sharer, 0, "the child exits normally");
	unlink(FILE_NAME);
	munmap(sh, (size_t)shared_kb * 1024);
	/* What Shmem lacks now must be root file system pages swapped out meanwhile. */
	ok(meminfo_kb("Shmem:") <= b.shmem &&
	   b.shmem - meminfo_kb("Shmem:") <= swap_used_kb() - b.swap_used,
	   "with the file removed and the region unmapped, Shmem is back to %ld kB (%ld kB, "
	   "less only by what is in swap)", b.shmem, meminfo_kb("Shmem:"));
	ok(swap_back(&b), "... and the swap used (%ld kB, SwapCached %ld kB)", swap_used_kb(),
	   meminfo_kb("SwapCached:"));
	return done_testing();
}
