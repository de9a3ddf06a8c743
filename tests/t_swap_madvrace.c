/*
 * t_swap_madvrace - MADV_PAGEOUT, MADV_COLD and MADV_WILLNEED on random
 * ranges of private and shared memory, while fork children read the same
 * pages and a hog pushes memory to swap (scenarios.tab: -m 128M,
 * swap=128M).  Four workers, 30 rounds each: every word is checked after
 * every round, by the worker and by its children; the kernel's own leak
 * check at the end (every frame and slot back) guards the rest.
 *
 * On Linux: run as root in a VM with -m 128M and a 128 MiB swap disk.
 */
#include "tap.h"

#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define LEN	(8UL << 20)
#define WORDS	(LEN / 8)

static uint64_t value(size_t i, int id)
{
	return i * 2654435761u + (uint64_t)id;
}

/* Wrong words in every @step-th word of @p. */
static long check(const uint64_t *p, int id, size_t step)
{
	long bad = 0;

	for (size_t i = 0; i < WORDS; i += step)
		bad += p[i] != value(i, id);
	return bad;
}

static void worker(int id)
{
	static const int advice[] = { 21, 20, 3 };	/* PAGEOUT, COLD, WILLNEED */
	uint64_t *p = mmap(NULL, LEN, PROT_READ | PROT_WRITE,
			   (id % 2 ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS, -1, 0);
	long bad = 0;
	int st;

	if (p == MAP_FAILED)
		_exit(2);
	srand((unsigned)id + 1);
	for (size_t i = 0; i < WORDS; i++)
		p[i] = value(i, id);
	for (int round = 0; round < 30; round++) {
		size_t off = (size_t)(rand() % 2048) * 4096, len = (size_t)(1 + rand() % 256) * 4096;

		madvise((char *)p + off, len < LEN - off ? len : LEN - off, advice[rand() % 3]);
		if (round % 5 == 0 && fork() == 0)
			_exit(check(p, id, 512) != 0);
		bad += check(p, id, 97);
	}
	while (wait(&st) > 0)
		bad += !WIFEXITED(st) || WEXITSTATUS(st);
	bad += check(p, id, 1);
	_exit(bad != 0);
}

static void hog(void)
{
	size_t big = 100UL << 20;

	for (int k = 0; k < 3; k++) {
		char *q = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (q == MAP_FAILED)
			_exit(2);
		for (size_t i = 0; i < big; i += 4096)
			q[i] = 1;
		munmap(q, big);
	}
	_exit(0);
}

int main(void)
{
	int st, workers_ok = 0, hog_ok = 0;
	pid_t hog_pid;

	tap_init();
	plan(2);
	for (int w = 0; w < 4; w++)
		if (fork() == 0)
			worker(w);
	hog_pid = fork();
	if (hog_pid == 0)
		hog();
	for (pid_t pid; (pid = wait(&st)) > 0; ) {
		int good = WIFEXITED(st) && WEXITSTATUS(st) == 0;

		if (pid == hog_pid)
			hog_ok = good;
		else
			workers_ok += good;
	}
	is_int(workers_ok, 4, "4 workers: every word right after every round, in them and their children");
	ok(hog_ok, "the hog pushed 300 MiB through memory and swap");
	return done_testing();
}
