/*
 * t_vmerrno - the errno (or success) Linux 6.1 gives for bad and
 * degenerate arguments of mmap, munmap, mremap, mprotect, madvise, mlock,
 * mlock2, munlock, mlockall and mincore: one line per case, a table
 * checked against Debian's 6.1 with scripts/linuxprog.
 */
#include "tap.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define PG 4096UL
#define BIG (~0UL - PG + 1)	/* -4096: page aligned, beyond user space */

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif
#ifndef MADV_WIPEONFORK
#define MADV_WIPEONFORK 18
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT 1
#endif
#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif
#define PROT_GROWSDOWN_ 0x01000000
#define PROT_GROWSUP_ 0x02000000

static long sc(long n, long a, long b, long c, long d, long e, long f)
{
	return syscall(n, a, b, c, d, e, f);
}

/* One row: the raw syscall result is -1/errno, or the value wanted. */
#define ERR(call, e, ...) is_errno((call), (e), __VA_ARGS__)
#define RET(call, v, ...) is_int((call), (v), __VA_ARGS__)

static char *anon(size_t len, int prot)
{
	return mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/* An address with nothing mapped for @len bytes (mapped, then unmapped). */
static long hole(size_t len)
{
	char *p = anon(len, PROT_NONE);

	munmap(p, len);
	return (long)p;
}

static void mmap_rows(int rofd, int wofd, int dirfd, int pipefd)
{
	long h = hole(4 * PG);
	char *p;

	ERR(sc(SYS_mmap, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL, "mmap length 0 (anonymous)");
	ERR(sc(SYS_mmap, 0, 0, PROT_READ, MAP_PRIVATE, -1, 0), EBADF, "mmap length 0, fd -1: EBADF first");
	ERR(sc(SYS_mmap, 0, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1), EINVAL, "mmap offset not page aligned");
	ERR(sc(SYS_mmap, 0, PG, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL, "mmap without MAP_PRIVATE/MAP_SHARED");
	ERR(sc(SYS_mmap, 0, PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0), EINVAL, "mmap anonymous MAP_SHARED_VALIDATE");
	ERR(sc(SYS_mmap, h + 1, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL, "mmap MAP_FIXED at an unaligned address");
	ERR(sc(SYS_mmap, 0, BIG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM, "mmap length -4096");
	ERR(sc(SYS_mmap, 0, -1L, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM, "mmap length -1 (rounds to 0)");
	ERR(sc(SYS_mmap, 0x7ffffffff000L, 2 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), ENOMEM, "mmap MAP_FIXED past the top of user space");
	ERR(sc(SYS_mmap, 0, PG, PROT_READ, MAP_PRIVATE, 9999, 0), EBADF, "mmap of a closed fd");
	ERR(sc(SYS_mmap, 0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, rofd, 0), EACCES, "mmap MAP_SHARED PROT_WRITE of an O_RDONLY fd");
	ERR(sc(SYS_mmap, 0, PG, PROT_READ, MAP_PRIVATE, wofd, 0), EACCES, "mmap MAP_PRIVATE of an O_WRONLY fd");
	ERR(sc(SYS_mmap, 0, PG, PROT_READ, MAP_SHARED, wofd, 0), EACCES, "mmap MAP_SHARED PROT_READ of an O_WRONLY fd");
	ERR(sc(SYS_mmap, 0, PG, PROT_READ, MAP_PRIVATE, dirfd, 0), ENODEV, "mmap of a directory");
	ERR(sc(SYS_mmap, 0, PG, PROT_READ, MAP_PRIVATE, pipefd, 0), ENODEV, "mmap of a pipe");
	ERR(sc(SYS_mmap, 0, PG, PROT_READ, MAP_PRIVATE | MAP_GROWSDOWN, rofd, 0), EINVAL, "mmap MAP_GROWSDOWN of a file");
	ERR(sc(SYS_mmap, 0, PG, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0), EINVAL, "mmap shared anonymous MAP_GROWSDOWN");
	ERR(sc(SYS_mmap, 0, PG, PROT_READ, MAP_SHARED_VALIDATE | 0x800000, rofd, 0), EOPNOTSUPP, "mmap MAP_SHARED_VALIDATE with an unknown flag");
	p = anon(2 * PG, PROT_READ);
	ERR(sc(SYS_mmap, (long)p + PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), EEXIST, "mmap MAP_FIXED_NOREPLACE over a mapping");
	RET(sc(SYS_mmap, h, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), h, "mmap MAP_FIXED_NOREPLACE on a hole");
	RET(sc(SYS_mmap, 0, PG, PROT_READ, MAP_SHARED | 0x800000, rofd, 0) > 0, 1, "mmap MAP_SHARED ignores an unknown flag");
	munmap((void *)h, PG);
	munmap(p, 2 * PG);
}

static void munmap_rows(void)
{
	long h = hole(4 * PG);

	ERR(sc(SYS_munmap, h, 0, 0, 0, 0, 0), EINVAL, "munmap length 0");
	ERR(sc(SYS_munmap, h + 1, PG, 0, 0, 0, 0), EINVAL, "munmap unaligned");
	ERR(sc(SYS_munmap, h, -1L, 0, 0, 0, 0), EINVAL, "munmap length -1");
	ERR(sc(SYS_munmap, 0x7ffffffff000L, 2 * PG, 0, 0, 0, 0), EINVAL, "munmap past the top of user space");
	RET(sc(SYS_munmap, h, 4 * PG, 0, 0, 0, 0), 0, "munmap of nothing is 0");
	RET(sc(SYS_munmap, h, 1, 0, 0, 0, 0), 0, "munmap of 1 byte of nothing is 0");
}

static void mremap_rows(void)
{
	char *p = anon(4 * PG, PROT_READ | PROT_WRITE), *q = anon(PG, PROT_READ);
	long h = hole(4 * PG);

	mprotect(p + 2 * PG, PG, PROT_READ);	/* p: [RW RW R RW] as three VMAs */
	ERR(sc(SYS_mremap, (long)p, PG, 0, 0, 0, 0), EINVAL, "mremap new length 0");
	ERR(sc(SYS_mremap, (long)p, PG, PG, 8, 0, 0), EINVAL, "mremap unknown flag");
	ERR(sc(SYS_mremap, (long)p, PG, PG, MREMAP_FIXED, h, 0), EINVAL, "mremap MREMAP_FIXED without MREMAP_MAYMOVE");
	ERR(sc(SYS_mremap, (long)p, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0, 0), EINVAL, "mremap MREMAP_DONTUNMAP resizing");
	ERR(sc(SYS_mremap, (long)p + 1, PG, PG, 0, 0, 0), EINVAL, "mremap unaligned address");
	ERR(sc(SYS_mremap, h, PG, 2 * PG, MREMAP_MAYMOVE, 0, 0), EFAULT, "mremap of nothing");
	ERR(sc(SYS_mremap, (long)p, 3 * PG, 4 * PG, MREMAP_MAYMOVE, 0, 0), EFAULT, "mremap across two VMAs");
	ERR(sc(SYS_mremap, (long)p, PG, 2 * PG, 0, 0, 0), ENOMEM, "mremap growing into the next VMA, no MAYMOVE");
	ERR(sc(SYS_mremap, (long)p, 0, PG, MREMAP_MAYMOVE, 0, 0), EINVAL, "mremap old length 0 of private memory");
	ERR(sc(SYS_mremap, (long)p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, (long)p + PG, 0), EINVAL, "mremap MREMAP_FIXED onto an overlapping range");
	ERR(sc(SYS_mremap, (long)q, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, h + 1, 0), EINVAL, "mremap MREMAP_FIXED to an unaligned address");
	RET(sc(SYS_mremap, (long)p, PG, PG, 0, 0, 0), (long)p, "mremap to the same length returns the address");
	RET(sc(SYS_mremap, (long)p, 3 * PG, PG, 0, 0, 0), (long)p, "mremap shrinking across VMAs just unmaps");
	munmap(p, 4 * PG);
	munmap(q, PG);
}

static void mprotect_rows(int rofd)
{
	char *p = anon(2 * PG, PROT_READ), *s = mmap(NULL, PG, PROT_READ, MAP_SHARED, rofd, 0);
	long h = hole(2 * PG);

	RET(sc(SYS_mprotect, h, 0, PROT_READ, 0, 0, 0), 0, "mprotect length 0 of nothing is 0");
	ERR(sc(SYS_mprotect, h + 1, 0, PROT_READ, 0, 0, 0), EINVAL, "mprotect unaligned, length 0");
	ERR(sc(SYS_mprotect, h, PG, PROT_READ, 0, 0, 0), ENOMEM, "mprotect of nothing");
	ERR(sc(SYS_mprotect, (long)p, PG, 0x10, 0, 0, 0), EINVAL, "mprotect unknown PROT bit");
	ERR(sc(SYS_mprotect, (long)p, BIG, PROT_READ, 0, 0, 0), ENOMEM, "mprotect length -4096 (wraps)");
	ERR(sc(SYS_mprotect, (long)p, PG, PROT_READ | PROT_GROWSDOWN_ | PROT_GROWSUP_, 0, 0, 0), EINVAL, "mprotect GROWSDOWN|GROWSUP");
	ERR(sc(SYS_mprotect, (long)p, PG, PROT_READ | PROT_GROWSDOWN_, 0, 0, 0), EINVAL, "mprotect PROT_GROWSDOWN of a plain mapping");
	ERR(sc(SYS_mprotect, (long)p, PG, PROT_READ | PROT_GROWSUP_, 0, 0, 0), EINVAL, "mprotect PROT_GROWSUP (no such VMA on x86)");
	ERR(sc(SYS_mprotect, (long)s, PG, PROT_READ | PROT_WRITE, 0, 0, 0), EACCES, "mprotect PROT_WRITE of a shared read-only file mapping");
	ERR(sc(SYS_mprotect, (long)p, 2 * PG + PG, PROT_READ | PROT_WRITE, 0, 0, 0), ENOMEM, "mprotect running past the mapping");
	RET(sc(SYS_mprotect, (long)p, 1, PROT_NONE, 0, 0, 0), 0, "mprotect of 1 byte rounds up to the page");
	munmap(p, 2 * PG);
	munmap(s, PG);
}

static void madvise_rows(void)
{
	char *p = anon(2 * PG, PROT_READ | PROT_WRITE);
	char *sh = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long h = hole(2 * PG);

	RET(sc(SYS_madvise, h, 0, MADV_DONTNEED, 0, 0, 0), 0, "madvise length 0 is 0");
	ERR(sc(SYS_madvise, (long)p + 1, PG, MADV_DONTNEED, 0, 0, 0), EINVAL, "madvise unaligned");
	ERR(sc(SYS_madvise, (long)p, PG, 999, 0, 0, 0), EINVAL, "madvise unknown advice");
	ERR(sc(SYS_madvise, (long)p, -1L, MADV_DONTNEED, 0, 0, 0), EINVAL, "madvise length -1 (rounds to 0)");
	ERR(sc(SYS_madvise, h, PG, MADV_DONTNEED, 0, 0, 0), ENOMEM, "madvise of nothing");
	ERR(sc(SYS_madvise, (long)p, PG, MADV_REMOVE, 0, 0, 0), EINVAL, "madvise MADV_REMOVE of private anonymous memory");
	ERR(sc(SYS_madvise, (long)sh, PG, MADV_FREE, 0, 0, 0), EINVAL, "madvise MADV_FREE of shared memory");
	ERR(sc(SYS_madvise, (long)sh, PG, MADV_WIPEONFORK, 0, 0, 0), EINVAL, "madvise MADV_WIPEONFORK of shared memory");
	RET(sc(SYS_madvise, (long)sh, PG, MADV_REMOVE, 0, 0, 0), 0, "madvise MADV_REMOVE of shared anonymous memory");
	mprotect(p, PG, PROT_READ);
	ERR(sc(SYS_madvise, (long)p, PG, MADV_POPULATE_WRITE, 0, 0, 0), EINVAL, "madvise MADV_POPULATE_WRITE of read-only memory");
	RET(sc(SYS_madvise, (long)p, 2 * PG, MADV_DONTNEED, 0, 0, 0), 0, "madvise MADV_DONTNEED across two VMAs");
	if (mlock(p + PG, PG) == 0)
		ERR(sc(SYS_madvise, (long)p + PG, PG, MADV_DONTNEED, 0, 0, 0), EINVAL, "madvise MADV_DONTNEED of locked memory");
	else
		ok(0, "mlock for the MADV_DONTNEED row: %s", strerror(errno));
	munmap(p, 2 * PG);
	munmap(sh, PG);
}

static void mlock_rows(void)
{
	char *p = anon(2 * PG, PROT_READ | PROT_WRITE), *n = anon(PG, PROT_NONE);
	long h = hole(2 * PG);

	RET(sc(SYS_mlock, h, 0, 0, 0, 0, 0), 0, "mlock length 0 is 0");
	ERR(sc(SYS_mlock, h, PG, 0, 0, 0, 0), ENOMEM, "mlock of nothing");
	RET(sc(SYS_mlock, (long)p + 1, PG, 0, 0, 0, 0), 0, "mlock unaligned: rounded to pages");
	ERR(sc(SYS_mlock, (long)n, PG, 0, 0, 0, 0), ENOMEM, "mlock of PROT_NONE memory (populate EFAULT -> ENOMEM)");
	ERR(sc(SYS_mlock2, (long)p, PG, 2, 0, 0, 0), EINVAL, "mlock2 unknown flag");
	RET(sc(SYS_mlock2, (long)p, PG, MLOCK_ONFAULT, 0, 0, 0), 0, "mlock2 MLOCK_ONFAULT");
	ERR(sc(SYS_munlock, h, PG, 0, 0, 0, 0), ENOMEM, "munlock of nothing");
	RET(sc(SYS_munlock, h, 0, 0, 0, 0, 0), 0, "munlock length 0 is 0");
	ERR(sc(SYS_mlockall, 0, 0, 0, 0, 0, 0), EINVAL, "mlockall(0)");
	ERR(sc(SYS_mlockall, MCL_ONFAULT, 0, 0, 0, 0, 0), EINVAL, "mlockall(MCL_ONFAULT) alone");
	ERR(sc(SYS_mlockall, 8, 0, 0, 0, 0, 0), EINVAL, "mlockall unknown flag");
	RET(sc(SYS_munlockall, 0, 0, 0, 0, 0, 0), 0, "munlockall");
	munmap(p, 2 * PG);
	munmap(n, PG);
}

/* Limits as an unprivileged user: RLIMIT_MEMLOCK 0 is EPERM, too little is ENOMEM/EAGAIN. */
static void mlock_user(void *arg)
{
	char *p = anon(64 * PG, PROT_READ | PROT_WRITE);
	struct rlimit r = { 0, 0 };
	int bad = 0;

	if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		_exit(2);
	r.rlim_cur = r.rlim_max = 16 * PG;
	setrlimit(RLIMIT_MEMLOCK, &r);
	bad |= mlock(p, 32 * PG) != -1 || errno != ENOMEM;			/* over the limit */
	bad |= (mlock(p, 16 * PG) != 0) << 1;				/* exactly the limit */
	bad |= (mlock(p, 16 * PG) != 0) << 2;				/* again: not counted twice */
	bad |= (mlockall(MCL_CURRENT) != -1 || errno != ENOMEM) << 3;	/* total_vm > limit */
	bad |= (mlockall(MCL_FUTURE) != 0) << 4;
	bad |= (mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED ||
		errno != EAGAIN) << 5;						/* future lock over the limit */
	munlockall();
	r.rlim_cur = r.rlim_max = 0;
	setrlimit(RLIMIT_MEMLOCK, &r);
	bad |= (mlock(p, PG) != -1 || errno != EPERM) << 6;
	/* The raw call: musl turns this EPERM into ENOMEM. */
	bad |= (sc(SYS_mmap, 0, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0) != -1 ||
		errno != EPERM) << 7;
	_exit(bad);
}

static void mincore_rows(void)
{
	char *p = anon(3 * PG, PROT_READ | PROT_WRITE);
	unsigned char vec[4] = { 9, 9, 9, 9 };
	long h = hole(2 * PG);

	p[0] = 1;
	RET(sc(SYS_mincore, h, 0, (long)vec, 0, 0, 0), 0, "mincore length 0 is 0");
	ERR(sc(SYS_mincore, (long)p + 1, PG, (long)vec, 0, 0, 0), EINVAL, "mincore unaligned");
	ERR(sc(SYS_mincore, h, PG, (long)vec, 0, 0, 0), ENOMEM, "mincore of nothing");
	ERR(sc(SYS_mincore, 0x7ffffffff000L, 2 * PG, (long)vec, 0, 0, 0), ENOMEM, "mincore past the top of user space");
	ERR(sc(SYS_mincore, (long)p, PG, (long)0xffff800000000000UL, 0, 0, 0), EFAULT, "mincore vector in kernel space");
	ERR(sc(SYS_mincore, (long)p, PG, 0, 0, 0, 0), EFAULT, "mincore vector NULL");
	RET(sc(SYS_mincore, (long)p, 3 * PG - 1, (long)vec, 0, 0, 0), 0, "mincore of three pages (length rounded up)");
	ok(vec[0] == 1 && vec[1] == 0 && vec[2] == 0 && vec[3] == 9, "mincore: written page 1, untouched 0, vec[3] untouched (got %d %d %d %d)",
	   vec[0], vec[1], vec[2], vec[3]);
	munmap(p, 3 * PG);
}

int main(void)
{
	int pfd[2], rofd, wofd, dirfd;
	const char *path = "t_vmerrno.tmp";
	int st;

	tap_init();
	rofd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (rofd < 0 || ftruncate(rofd, 4 * PG) || pipe(pfd)) {
		printf("Bail out! setup: %s\n", strerror(errno));
		return 1;
	}
	close(rofd);
	rofd = open(path, O_RDONLY);
	wofd = open(path, O_WRONLY);
	dirfd = open(".", O_RDONLY | O_DIRECTORY);
	mmap_rows(rofd, wofd, dirfd, pfd[0]);
	munmap_rows();
	mremap_rows();
	mprotect_rows(rofd);
	madvise_rows();
	mlock_rows();
	st = run_child(mlock_user, NULL);
	is_exited(st, 0, "uid 1000: RLIMIT_MEMLOCK rules (ENOMEM, no double count, mlockall ENOMEM, MCL_FUTURE EAGAIN, EPERM at 0)");
	mincore_rows();
	unlink(path);
	return done_testing();
}
