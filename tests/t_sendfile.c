/*
 * t_sendfile - sendfile(2), which busybox's cat uses: file to pipe and
 * file to file, with and without an offset pointer, and its errors.
 */
#include "tap.h"

#include <fcntl.h>
#include <sys/sendfile.h>

int main(void)
{
	char buf[64] = { 0 };
	int in, out, p[2];
	off_t off = 6;

	tap_init();
	in = open("t_sendfile.in", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(in, "hello sendfile world", 20);
	lseek(in, 0, SEEK_SET);
	pipe(p);
	is_int(sendfile(p[1], in, NULL, 5), 5, "sendfile file -> pipe, 5 bytes");
	is_int(read(p[0], buf, sizeof buf), 5, "the pipe holds 5 bytes");
	ok(memcmp(buf, "hello", 5) == 0, "... the first five");
	is_int(lseek(in, 0, SEEK_CUR), 5, "without an offset pointer the file offset moves");
	is_int(sendfile(p[1], in, &off, 8), 8, "with an offset pointer, 8 bytes from offset 6");
	is_int(off, 14, "the offset pointer is advanced");
	is_int(lseek(in, 0, SEEK_CUR), 5, "... and the file offset is left alone");
	memset(buf, 0, sizeof buf);
	read(p[0], buf, sizeof buf);
	ok(strcmp(buf, "sendfile") == 0, "the pipe got \"sendfile\"");
	out = open("t_sendfile.out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	off = 0;
	is_int(sendfile(out, in, &off, 1000), 20, "file -> file stops at the end of the input");
	is_int(sendfile(out, in, &off, 1000), 0, "at the end it returns 0");
	close(out);
	out = open("t_sendfile.out", O_RDONLY);
	memset(buf, 0, sizeof buf);
	is_int(read(out, buf, sizeof buf), 20, "the copy has 20 bytes");
	ok(strcmp(buf, "hello sendfile world") == 0, "... the same bytes");
	close(out);
	is_errno(sendfile(p[1], p[0], NULL, 1), EINVAL, "sendfile from a pipe -> EINVAL");
	out = open("t_sendfile.out", O_WRONLY | O_APPEND);
	is_errno(sendfile(out, in, NULL, 1), EINVAL, "sendfile to an O_APPEND file -> EINVAL");
	close(out);
	out = open("t_sendfile.out", O_WRONLY);
	is_errno(sendfile(p[1], out, NULL, 1), EBADF, "sendfile from a write-only fd -> EBADF");
	off = -1;
	is_errno(sendfile(p[1], in, &off, 1), EINVAL, "a negative offset -> EINVAL");
	is_errno(sendfile(p[1], in, (off_t *)1, 1), EFAULT, "a bad offset pointer -> EFAULT");
	close(out);
	close(in);
	unlink("t_sendfile.in");
	unlink("t_sendfile.out");
	return done_testing();
}
