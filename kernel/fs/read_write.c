/*
 * kernel/fs/read_write.c - write, writev and ioctl on the console, the
 * only open file so far: fds 0, 1 and 2 of every process are the
 * serial console (the tty layer and real file descriptors come next).
 * Output gets the tty's default OPOST|ONLCR treatment ("\n" -> "\r\n").
 *
 * Which UART: the kernel console's, unless the command line says
 * user_console=ttyS0|ttyS1; user_console_raw turns ONLCR off, so that
 * `make runprog` hands the program's bytes to the host unchanged.
 */
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/syscall.h"
#include "mm/uaccess.h"
#include "kernel/lib/string.h"
#include "kernel/serial.h"

#define TCGETS		0x5401
#define TIOCGWINSZ	0x5413

#define USER_CONSOLE_MARK "oomkernel: user console starts here"

static int user_port = -1;	/* -1: the kernel console */
static bool user_raw;

void user_console_setup(const char *cmdline)
{
	const char *p = strstr(cmdline, "user_console=ttyS");

	if (p && (p[17] == '0' || p[17] == '1'))
		user_port = p[17] - '0';
	user_raw = strstr(cmdline, "user_console_raw") != NULL;
	/*
	 * Under OVMF the firmware and GRUB also print on this port before
	 * the kernel runs; runprog drops everything up to this line.
	 */
	if (user_port >= 0)
		serial_write(user_port, "\r\n" USER_CONSOLE_MARK "\n",
			     sizeof(USER_CONSOLE_MARK) + 2);
}

static void user_out(const char *s, size_t len)
{
	if (user_port < 0)
		console_write(s, len);
	else
		serial_write(user_port, s, len);
}

static bool is_console_fd(unsigned long fd)
{
	return fd <= 2;
}

static void console_put_user_text(const char *buf, size_t len)
{
	size_t start = 0;

	for (size_t i = 0; i < len && !user_raw; i++) {
		if (buf[i] != '\n')
			continue;
		user_out(buf + start, i - start);
		user_out("\r\n", 2);
		start = i + 1;
	}
	user_out(buf + start, len - start);
}

/* Copy and print @len bytes from user @ubuf; returns bytes written or -EFAULT. */
static long console_write_user(const char *ubuf, size_t len)
{
	char chunk[256];
	size_t done = 0;

	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));
		size_t left = copy_from_user(chunk, ubuf + done, n);
		console_put_user_text(chunk, n - left);
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

long sys_write(unsigned long fd, unsigned long buf, unsigned long count,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	if (!is_console_fd(fd))
		return -EBADF;
	if ((long)count < 0)
		return -EINVAL;
	return console_write_user((const char *)buf, count);
}

struct iovec { unsigned long base, len; };

long sys_writev(unsigned long fd, unsigned long uiov, unsigned long iovcnt,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	long total = 0;

	if (!is_console_fd(fd))
		return -EBADF;
	if (iovcnt > 1024)
		return -EINVAL;
	for (unsigned long i = 0; i < iovcnt; i++) {
		struct iovec iov;
		long n;

		if (copy_from_user(&iov, (char *)uiov + i * sizeof(iov), sizeof(iov)))
			return total ? total : -EFAULT;
		if ((long)iov.len < 0)
			return -EINVAL;
		n = console_write_user((const char *)iov.base, iov.len);
		if (n < 0)
			return total ? total : n;
		total += n;
		if ((unsigned long)n < iov.len)
			break;
	}
	return total;
}

struct winsize { uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel; };

struct termios {		/* the kernel's struct termios (TCGETS) */
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[19];
};

long sys_ioctl(unsigned long fd, unsigned long cmd, unsigned long arg,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	if (!is_console_fd(fd))
		return -EBADF;
	if (cmd == TIOCGWINSZ) {
		struct winsize ws = { 24, 80, 0, 0 };
		return copy_to_user((void *)arg, &ws, sizeof(ws)) ? -EFAULT : 0;
	}
	if (cmd == TCGETS) {
		/* Linux's defaults for a serial tty: ICRNL IXON, OPOST ONLCR,
		 * B38400 CS8 CREAD HUPCL, ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN */
		struct termios t = { 0x0500, 0x0005, 0x00bf, 0x8a3b, 0,
			{ 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0 } };
		return copy_to_user((void *)arg, &t, sizeof(t)) ? -EFAULT : 0;
	}
	return -ENOTTY;
}
