/*
 * t_fileio - files and directories: open/read/write/lseek, stat, the
 * directory calls, and the errno Linux gives for each misuse.
 *
 * Everything is created inside a scratch directory in the current working
 * directory (a writable tmpfs in the kernel's VM) and removed at the end.
 * Where musl would check an argument itself (e.g. fstat(-1)), the raw
 * syscall is used so that it is the kernel's answer being tested.
 */
#include "tap.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#define DIR_NAME "t_fileio.d"  /* scratch directory, relative to cwd */
#define F(name) DIR_NAME "/" name

/* Write a whole string to a new file (helper for setting up cases). */
static int make_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Read a whole small file into buf (NUL-terminated); returns its length. */
static ssize_t slurp(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n >= 0)
		buf[n] = 0;
	return n;
}

/* open, write, read back, EOF, close. */
static void test_basic_rw(void)
{
	char buf[64] = { 0 };
	int fd = open(F("a"), O_WRONLY | O_CREAT | O_EXCL, 0644);

	ok(fd >= 0, "open(O_CREAT|O_EXCL) creates a new file");
	is_int(write(fd, "hello world\n", 12), 12, "write returns the byte count");
	is_errno(read(fd, buf, 1), EBADF, "read on an O_WRONLY fd -> EBADF");
	is_int(close(fd), 0, "close returns 0");
	is_errno(close(fd), EBADF, "close of an already closed fd -> EBADF");

	fd = open(F("a"), O_RDONLY);
	ok(fd >= 0, "open(O_RDONLY) of the file just written");
	is_int(read(fd, buf, sizeof buf), 12, "read returns what was written (short read at EOF)");
	ok(memcmp(buf, "hello world\n", 12) == 0, "read returns the same bytes");
	is_int(read(fd, buf, sizeof buf), 0, "read at EOF returns 0");
	is_int(read(fd, buf, 0), 0, "read of 0 bytes returns 0");
	is_errno(write(fd, "x", 1), EBADF, "write on an O_RDONLY fd -> EBADF");
	close(fd);

	is_errno(open(F("a"), O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST,
		 "O_CREAT|O_EXCL on an existing file -> EEXIST");
	is_errno(open(F("missing"), O_RDONLY), ENOENT,
		 "open of a missing file without O_CREAT -> ENOENT");
	is_errno(open("", O_RDONLY), ENOENT, "open(\"\") -> ENOENT");
	is_errno(open(F("a/x"), O_RDONLY), ENOTDIR,
		 "open of file/x (a file used as a directory) -> ENOTDIR");
	is_errno(open(F("nodir/x"), O_WRONLY | O_CREAT, 0644), ENOENT,
		 "O_CREAT in a missing directory -> ENOENT");
}

/* lseek with every whence, and its errors. */
static void test_lseek(void)
{
	char buf[16] = { 0 };
	int p[2];
	int fd = open(F("a"), O_RDONLY);   /* "hello world\n", 12 bytes */

	is_int(lseek(fd, 6, SEEK_SET), 6, "lseek SEEK_SET returns the new offset");
	is_int(read(fd, buf, 5), 5, "read after lseek");
	ok(memcmp(buf, "world", 5) == 0, "read after lseek(6) returns \"world\"");
	is_int(lseek(fd, -5, SEEK_CUR), 6, "lseek SEEK_CUR -5 goes back");
	is_int(lseek(fd, 0, SEEK_CUR), 6, "lseek(0, SEEK_CUR) reports the offset");
	is_int(lseek(fd, 0, SEEK_END), 12, "lseek SEEK_END 0 gives the size");
	is_int(lseek(fd, -2, SEEK_END), 10, "lseek SEEK_END -2");
	is_int(lseek(fd, 100, SEEK_END), 112, "lseek past EOF is allowed");
	is_int(read(fd, buf, sizeof buf), 0, "read past EOF returns 0");
	is_errno(lseek(fd, -1, SEEK_SET), EINVAL, "lseek to a negative offset -> EINVAL");
	is_errno(lseek(fd, -200, SEEK_CUR), EINVAL, "lseek SEEK_CUR before 0 -> EINVAL");
	is_errno(lseek(fd, 0, 99), EINVAL, "lseek with whence 99 -> EINVAL");
	is_int(lseek(fd, 0, SEEK_CUR), 112, "a failed lseek leaves the offset alone");
	close(fd);

	pipe(p);
	is_errno(lseek(p[0], 0, SEEK_SET), ESPIPE, "lseek on a pipe -> ESPIPE");
	close(p[0]);
	close(p[1]);
}

/* readv / writev scatter-gather. */
static void test_vectors(void)
{
	char a[4], b[8], all[32] = { 0 };
	struct iovec wv[3] = {
		{ "one-", 4 }, { "", 0 }, { "two-three", 9 },
	};
	struct iovec rv[2] = { { a, sizeof a }, { b, sizeof b } };
	int fd = open(F("v"), O_RDWR | O_CREAT | O_TRUNC, 0644);

	is_int(writev(fd, wv, 3), 13, "writev returns the sum of the iov lengths");
	lseek(fd, 0, SEEK_SET);
	is_int(readv(fd, rv, 2), 12, "readv fills each buffer in turn");
	ok(memcmp(a, "one-", 4) == 0 && memcmp(b, "two-thre", 8) == 0,
	   "readv split the data across the two buffers in order");
	is_int(pread(fd, all, sizeof all, 0), 13, "pread at offset 0 sees all of it");
	ok(strcmp(all, "one-two-three") == 0, "writev wrote the pieces back to back");
	close(fd);
	unlink(F("v"));
}

/* fstat, stat, newfstatat, access. */
static void test_stat(void)
{
	struct stat st;
	int fd = open(F("a"), O_RDONLY);
	int dfd = open(DIR_NAME, O_RDONLY | O_DIRECTORY);

	is_int(fstat(fd, &st), 0, "fstat succeeds");
	is_int(st.st_size, 12, "fstat st_size is the file length");
	ok(S_ISREG(st.st_mode), "fstat of a file: S_ISREG");
	is_int(st.st_nlink, 1, "a new file has st_nlink 1");
	is_int(stat(DIR_NAME, &st), 0, "stat of a directory succeeds");
	ok(S_ISDIR(st.st_mode), "stat of a directory: S_ISDIR");
	memset(&st, 0, sizeof st);
	is_int(syscall(SYS_newfstatat, dfd, "a", &st, 0), 0,
	       "newfstatat relative to a directory fd succeeds");
	ok(S_ISREG(st.st_mode) && st.st_size == 12, "newfstatat sees the same file");
	is_int(syscall(SYS_newfstatat, AT_FDCWD, F("a"), &st, 0), 0,
	       "newfstatat with AT_FDCWD succeeds");
	is_errno(stat(F("missing"), &st), ENOENT, "stat of a missing file -> ENOENT");
	is_int(access(F("a"), F_OK), 0, "access(F_OK) of an existing file is 0");
	is_errno(access(F("missing"), F_OK), ENOENT, "access of a missing file -> ENOENT");
	close(fd);
	close(dfd);
}

/* O_TRUNC, O_APPEND, O_DIRECTORY, ftruncate, read on a directory. */
static void test_open_flags(void)
{
	char buf[128];
	struct stat st;
	int fd, i, zeros;

	make_file(F("t"), "0123456789");
	fd = open(F("t"), O_WRONLY | O_TRUNC);
	fstat(fd, &st);
	is_int(st.st_size, 0, "O_TRUNC empties an existing file");
	close(fd);

	make_file(F("t"), "abc");
	fd = open(F("t"), O_WRONLY | O_APPEND);
	lseek(fd, 0, SEEK_SET);
	write(fd, "def", 3);
	close(fd);
	slurp(F("t"), buf, sizeof buf);
	ok(strcmp(buf, "abcdef") == 0, "O_APPEND writes at the end even after lseek(0)");

	is_errno(open(F("t"), O_RDONLY | O_DIRECTORY), ENOTDIR,
		 "O_DIRECTORY on a regular file -> ENOTDIR");
	fd = open(DIR_NAME, O_RDONLY | O_DIRECTORY);
	ok(fd >= 0, "O_DIRECTORY on a directory succeeds");
	is_errno(read(fd, buf, sizeof buf), EISDIR, "read on a directory fd -> EISDIR");
	close(fd);
	is_errno(open(DIR_NAME, O_WRONLY), EISDIR, "open a directory for writing -> EISDIR");

	fd = open(F("t"), O_RDWR);
	is_int(ftruncate(fd, 2), 0, "ftruncate to shrink succeeds");
	fstat(fd, &st);
	is_int(st.st_size, 2, "ftruncate shrank st_size");
	is_int(ftruncate(fd, 100), 0, "ftruncate to grow succeeds");
	fstat(fd, &st);
	is_int(st.st_size, 100, "ftruncate grew st_size");
	is_int(pread(fd, buf, 100, 0), 100, "read the grown file");
	for (i = 2, zeros = 1; i < 100; i++)
		zeros &= buf[i] == 0;
	ok(buf[0] == 'a' && buf[1] == 'b' && zeros, "ftruncate growth reads back as zeros");
	is_errno(ftruncate(fd, -1), EINVAL, "ftruncate to a negative length -> EINVAL");
	close(fd);
	fd = open(F("t"), O_RDONLY);
	is_errno(ftruncate(fd, 0), EINVAL, "ftruncate on an O_RDONLY fd -> EINVAL");
	close(fd);
	unlink(F("t"));
}

static volatile char *mapped_tail;

static void touch_tail(void *arg)
{
	(void)*mapped_tail;
	_exit(0);
}

/* A mapping past the end of a file that shrank: SIGBUS, not stale data. */
static void test_truncate_mapped(void)
{
	int fd = open(F("m"), O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *m;

	ftruncate(fd, 2 * 4096);
	m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ok(m != MAP_FAILED, "map a two-page file shared");
	m[0] = 'x';
	m[4096] = 'y';
	is_int(ftruncate(fd, 4096), 0, "shrink it to one page while mapped");
	mapped_tail = m + 4096;
	is_killed_by(run_child(touch_tail, NULL), SIGBUS, "touching the page past the end is SIGBUS");
	ok(m[0] == 'x', "the page still inside keeps its data");
	ftruncate(fd, 2 * 4096);
	ok(m[4096] == 0, "grown again, the old tail reads as zeros");
	munmap(m, 2 * 4096);
	close(fd);
	unlink(F("m"));
}

/* MADV_REMOVE punches a hole every shared mapping sees; a private copy stays. */
static void test_punch_hole(void)
{
	int fd = open(F("h"), O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *a, *b, *priv;

	ftruncate(fd, 4096);
	a = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	b = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	a[0] = 'z';
	ok(b[0] == 'z', "two shared mappings of one page see one write");
	priv[1] = 'p';			/* a private copy of the page, 'z' included */
	is_int(madvise(a, 4096, MADV_REMOVE), 0, "MADV_REMOVE through the first");
	ok(b[0] == 0 && a[0] == 0, "both shared mappings now read the hole as zeros");
	ok(priv[0] == 'z' && priv[1] == 'p', "the private copy keeps its bytes");
	munmap(a, 4096);
	munmap(b, 4096);
	munmap(priv, 4096);
	close(fd);
	unlink(F("h"));
}

/* Every fd call on a closed fd: EBADF from the kernel. */
static void test_bad_fd(void)
{
	char buf[4];
	struct stat st;

	is_errno(syscall(SYS_read, 999, buf, 1), EBADF, "read on fd 999 -> EBADF");
	is_errno(syscall(SYS_write, 999, buf, 1), EBADF, "write on fd 999 -> EBADF");
	is_errno(syscall(SYS_close, 999), EBADF, "close fd 999 -> EBADF");
	is_errno(syscall(SYS_fstat, 999, &st), EBADF, "fstat fd 999 -> EBADF");
	is_errno(syscall(SYS_lseek, 999, 0, SEEK_SET), EBADF, "lseek fd 999 -> EBADF");
	is_errno(syscall(SYS_read, -1, buf, 1), EBADF, "read on fd -1 -> EBADF");
	is_errno(syscall(SYS_fstat, -1, &st), EBADF, "fstat fd -1 -> EBADF");
}

/* Look for name in a getdents64 buffer; 1 if found. */
static int dirents_has(const char *buf, long len, const char *name)
{
	/* linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), name */
	for (long off = 0; off < len;) {
		const struct dirent *d = (const struct dirent *)(buf + off);

		if (strcmp(d->d_name, name) == 0)
			return 1;
		off += d->d_reclen;
	}
	return 0;
}

/* mkdir/rmdir/unlink/getdents64 and their errors. */
static void test_dirs(void)
{
	char buf[4096];
	long n;
	int fd;

	is_int(mkdir(F("d"), 0755), 0, "mkdir succeeds");
	is_errno(mkdir(F("d"), 0755), EEXIST, "mkdir of an existing directory -> EEXIST");
	is_errno(mkdir(F("a"), 0755), EEXIST, "mkdir over an existing file -> EEXIST");
	is_errno(mkdir(F("no/such"), 0755), ENOENT, "mkdir with a missing parent -> ENOENT");
	make_file(F("d/x"), "x");
	make_file(F("d/y"), "y");
	is_errno(rmdir(F("d")), ENOTEMPTY, "rmdir of a non-empty directory -> ENOTEMPTY");
	is_errno(rmdir(F("missing")), ENOENT, "rmdir of a missing directory -> ENOENT");
	is_errno(rmdir(F("a")), ENOTDIR, "rmdir of a file -> ENOTDIR");
	is_errno(rmdir(F("d/.")), EINVAL, "rmdir of \"dir/.\" -> EINVAL");

	fd = open(F("d"), O_RDONLY | O_DIRECTORY);
	n = syscall(SYS_getdents64, fd, buf, sizeof buf);
	ok(n > 0, "getdents64 returns a positive byte count");
	ok(dirents_has(buf, n, ".") && dirents_has(buf, n, ".."),
	   "getdents64 lists \".\" and \"..\"");
	ok(dirents_has(buf, n, "x") && dirents_has(buf, n, "y"),
	   "getdents64 lists the files created in the directory");
	ok(!dirents_has(buf, n, "a"), "getdents64 lists nothing from another directory");
	is_int(syscall(SYS_getdents64, fd, buf, sizeof buf), 0,
	       "a second getdents64 at the end returns 0");
	close(fd);
	fd = open(F("a"), O_RDONLY);
	is_errno(syscall(SYS_getdents64, fd, buf, sizeof buf), ENOTDIR,
		 "getdents64 on a regular file -> ENOTDIR");
	close(fd);

	is_errno(unlink(F("missing")), ENOENT, "unlink of a missing file -> ENOENT");
	is_errno(unlink(F("d")), EISDIR, "unlink of a directory -> EISDIR (Linux, not EPERM)");
	is_int(unlink(F("d/x")), 0, "unlink of a file succeeds");
	is_errno(access(F("d/x"), F_OK), ENOENT, "the unlinked file is gone");
	is_int(unlinkat(AT_FDCWD, F("d/y"), 0), 0, "unlinkat(flags 0) removes a file");
	is_errno(unlinkat(AT_FDCWD, F("a"), AT_REMOVEDIR), ENOTDIR,
		 "unlinkat(AT_REMOVEDIR) of a file -> ENOTDIR");
	is_int(unlinkat(AT_FDCWD, F("d"), AT_REMOVEDIR), 0,
	       "unlinkat(AT_REMOVEDIR) removes an empty directory");
	is_errno(access(F("d"), F_OK), ENOENT, "the removed directory is gone");
}

/* An unlinked file stays readable through an fd that is still open. */
static void test_unlink_open(void)
{
	char buf[8] = { 0 };
	int fd;

	make_file(F("u"), "still");
	fd = open(F("u"), O_RDONLY);
	unlink(F("u"));
	is_int(read(fd, buf, sizeof buf), 5, "an open fd still reads an unlinked file");
	ok(strcmp(buf, "still") == 0, "the unlinked file's data is intact");
	close(fd);
}

/* openat relative to a directory fd, rename over an existing file. */
static void test_openat_rename(void)
{
	char buf[32];
	int dfd = open(DIR_NAME, O_RDONLY | O_DIRECTORY);
	int fd = openat(dfd, "r1", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	ok(fd >= 0, "openat(dirfd, \"r1\", O_CREAT) succeeds");
	write(fd, "first", 5);
	close(fd);
	is_int(access(F("r1"), F_OK), 0, "openat created the file inside the directory");
	make_file(F("r2"), "second file");
	is_int(rename(F("r1"), F("r2")), 0, "rename over an existing file succeeds");
	is_errno(access(F("r1"), F_OK), ENOENT, "after rename the old name is gone");
	slurp(F("r2"), buf, sizeof buf);
	ok(strcmp(buf, "first") == 0, "after rename the target has the source's contents");
	is_errno(rename(F("missing"), F("r3")), ENOENT, "rename of a missing file -> ENOENT");
	unlink(F("r2"));
	close(dfd);
}

/* chdir / getcwd. */
static void test_cwd(void)
{
	char before[512], inside[512];
	char *r;

	ok(getcwd(before, sizeof before) != NULL, "getcwd succeeds");
	ok(before[0] == '/', "getcwd returns an absolute path");
	is_int(chdir(DIR_NAME), 0, "chdir into the scratch directory");
	r = getcwd(inside, sizeof inside);
	ok(r && strlen(inside) > strlen(DIR_NAME) &&
	   strcmp(inside + strlen(inside) - strlen(DIR_NAME), DIR_NAME) == 0 &&
	   inside[strlen(inside) - strlen(DIR_NAME) - 1] == '/',
	   "getcwd after chdir ends in /" DIR_NAME);
	is_int(access("a", F_OK), 0, "relative paths resolve from the new cwd");
	is_int(chdir(".."), 0, "chdir(\"..\")");
	getcwd(inside, sizeof inside);
	ok(strcmp(before, inside) == 0, "chdir(\"..\") returns to the original cwd");
	is_errno(chdir(F("a")), ENOTDIR, "chdir to a file -> ENOTDIR");
	is_errno(chdir(F("missing")), ENOENT, "chdir to a missing path -> ENOENT");
	is_errno(syscall(SYS_getcwd, inside, 1), ERANGE, "getcwd with a 1-byte buffer -> ERANGE");
}

/* statfs / fstatfs just have to work. */
static void test_statfs(void)
{
	struct statfs sf;
	int fd = open(F("a"), O_RDONLY);

	is_int(statfs(".", &sf), 0, "statfs(\".\") succeeds");
	ok(sf.f_bsize > 0, "statfs reports a block size");
	is_int(fstatfs(fd, &sf), 0, "fstatfs on a file fd succeeds");
	close(fd);
}

/* /dev/null swallows writes and reads EOF; /dev/zero reads zeros. */
static void test_devices(void)
{
	char buf[64];
	int fd, i, zeros;

	fd = open("/dev/null", O_RDWR);
	ok(fd >= 0, "open /dev/null");
	is_int(write(fd, "gone", 4), 4, "write to /dev/null returns the full count");
	is_int(read(fd, buf, sizeof buf), 0, "read from /dev/null returns 0 (EOF)");
	close(fd);

	fd = open("/dev/zero", O_RDWR);
	ok(fd >= 0, "open /dev/zero");
	memset(buf, 0x55, sizeof buf);
	is_int(read(fd, buf, sizeof buf), sizeof buf, "read from /dev/zero fills the buffer");
	for (i = 0, zeros = 1; i < (int)sizeof buf; i++)
		zeros &= buf[i] == 0;
	ok(zeros, "/dev/zero reads as zeros");
	is_int(write(fd, buf, 10), 10, "write to /dev/zero returns the full count");
	close(fd);
}

/* umask masks the mode given to open(O_CREAT) and mkdir. */
static void test_umask(void)
{
	struct stat st;
	mode_t old = umask(027);
	int fd;

	is_int(umask(027), 027, "umask returns the previous mask");
	fd = open(F("m"), O_WRONLY | O_CREAT, 0666);
	fstat(fd, &st);
	is_int(st.st_mode & 07777, 0640, "umask 027 turns creation mode 0666 into 0640");
	close(fd);
	mkdir(F("md"), 0777);
	stat(F("md"), &st);
	is_int(st.st_mode & 07777, 0750, "umask 027 turns mkdir mode 0777 into 0750");
	rmdir(F("md"));
	unlink(F("m"));
	umask(old);
}

/* fsync/fdatasync: 0 where Linux's f_op has fsync (tmpfs), EINVAL where not, EBADF without a file. */
static void test_fsync(void)
{
	int p[2], f = open(F("a"), O_RDWR | O_CREAT, 0644), d = open(DIR_NAME, O_RDONLY);
	int path = open(F("a"), O_PATH), null = open("/dev/null", O_RDWR);
	int proc = open("/proc/meminfo", O_RDONLY);

	ok(pipe(p) == 0 && f >= 0 && d >= 0 && path >= 0 && null >= 0 && proc >= 0, "fds to sync");
	is_int(fsync(f), 0, "fsync of a tmpfs file");
	is_int(fdatasync(f), 0, "fdatasync of a tmpfs file");
	is_int(fsync(d), 0, "fsync of a directory");
	is_errno(fsync(p[1]), EINVAL, "fsync of a pipe: EINVAL");
	is_errno(fsync(null), EINVAL, "fsync of /dev/null: EINVAL");
	is_errno(fdatasync(proc), EINVAL, "fdatasync of /proc/meminfo: EINVAL");
	is_errno(fsync(path), EBADF, "fsync of an O_PATH fd: EBADF");
	is_errno(fsync(999), EBADF, "fsync of no fd: EBADF");
	is_int(syncfs(f), 0, "syncfs");
	is_errno(syncfs(999), EBADF, "syncfs of no fd: EBADF");
	sync();
	ok(1, "sync returns");
	close(p[0]);
	close(p[1]);
	close(f);
	close(d);
	close(path);
	close(null);
	close(proc);
}

int main(void)
{
	tap_init();
	umask(022);
	rmdir(DIR_NAME);    /* in case a previous run died half way */
	ok(mkdir(DIR_NAME, 0755) == 0, "mkdir the scratch directory " DIR_NAME);

	test_basic_rw();
	test_lseek();
	test_vectors();
	test_stat();
	test_open_flags();
	test_truncate_mapped();
	test_punch_hole();
	test_bad_fd();
	test_dirs();
	test_unlink_open();
	test_openat_rename();
	test_cwd();
	test_statfs();
	test_devices();
	test_umask();
	test_fsync();

	unlink(F("a"));
	is_int(rmdir(DIR_NAME), 0, "the scratch directory is empty and removed");
	return done_testing();
}
