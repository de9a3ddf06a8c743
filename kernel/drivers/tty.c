/*
 * kernel/drivers/tty.c - the serial terminals ttyS0/ttyS1, /dev/console
 * and /dev/tty, with Linux's default line discipline (drivers/tty/n_tty.c).
 *
 * Input arrives in the UART's receive interrupt and goes through
 * n_tty_receive: input mapping (ICRNL...), signal characters (ISIG:
 * ^C, ^\, ^Z to the foreground process group), line editing (ICANON:
 * erase, kill, word erase, ^D) and echo.  A canonical read returns at
 * most one line, and only once it is complete; a raw read returns what
 * is there once VMIN bytes are.  Output gets OPOST/ONLCR.
 *
 * /dev/console is the user console's tty and, as on Linux, never becomes
 * a controlling terminal.  A session leader that opens a ttyS without
 * O_NOCTTY acquires it; /dev/tty is the caller's controlling tty.
 * `user_console_raw` (make runprog) turns off output processing and echo
 * below the termios layer, so the program's bytes reach the host as
 * written while TCGETS still reports Linux's defaults.
 *
 * Synchronization: the interrupt handler only appends to the input ring
 * and adjusts counters with interrupts off in readers; readers sleep on
 * rd_wait until their condition holds.
 */
#include "kernel/fs/file.h"
#include "kernel/fs/char_dev.h"
#include "kernel/fs/poll.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/serial.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "kernel/drivers/tty.h"

int kill_pgrp(pid_t pgrp, int sig, int priv);	/* proc/signal.c */

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TCSBRK		0x5409
#define TCXONC		0x540a
#define TCFLSH		0x540b
#define TIOCSCTTY	0x540e
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCOUTQ	0x5411
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541b
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429

/* c_iflag */
#define IGNCR	0000200
#define ICRNL	0000400
#define INLCR	0000100
#define ISTRIP	0000040
/* c_oflag */
#define OPOST	0000001
#define ONLCR	0000004
/* c_lflag */
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define ECHOCTL	0001000
#define IEXTEN	0100000
/* c_cc */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSUSP 10
#define VEOL 11
#define VWERASE 14
#define VEOL2 16

#define NCCS 19
#define TTY_BUF 4096

struct termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[NCCS];
};

struct winsize { uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel; };

struct tty {
	int port;
	const char *name;
	struct termios termios;
	struct winsize ws;
	bool raw_out;			/* user_console_raw: no ONLCR, no echo */
	char buf[TTY_BUF];		/* input ring */
	unsigned int head, tail;	/* free-running */
	unsigned int canon_head;	/* end of the last complete line */
	unsigned int eof_pending;	/* ^D marks waiting at canon_head */
	pid_t pgrp, session;
	struct wait_queue_head rd_wait;
};

static struct tty ttys[2];
static int console_port = -1;		/* -1: the kernel console's port */
static bool console_raw;

#define USER_CONSOLE_MARK "oomkernel: user console starts here"

static const struct termios tty_std_termios = {
	/* ICRNL IXON; OPOST ONLCR; B38400 CS8 CREAD HUPCL;
	 * ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN */
	0x0500, 0x0005, 0x00bf, 0x8a3b, 0,
	{ 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0 },
};

void user_console_setup(const char *cmdline)
{
	const char *p = strstr(cmdline, "user_console=ttyS");

	if (p && (p[17] == '0' || p[17] == '1'))
		console_port = p[17] - '0';
	console_raw = strstr(cmdline, "user_console_raw") != NULL;
	/*
	 * Under OVMF the firmware and GRUB also print on this port before
	 * the kernel runs; runprog drops everything up to this line.
	 */
	if (console_port >= 0)
		serial_write(console_port, "\r\n" USER_CONSOLE_MARK "\n",
			     sizeof(USER_CONSOLE_MARK) + 2);
}

static void tty_out(struct tty *tty, const char *s, size_t len)
{
	size_t start = 0;
	bool onlcr = !tty->raw_out && (tty->termios.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR);

	for (size_t i = 0; i < len && onlcr; i++) {
		if (s[i] != '\n')
			continue;
		serial_write(tty->port, s + start, i - start);
		serial_write(tty->port, "\r\n", 2);
		start = i + 1;
	}
	serial_write(tty->port, s + start, len - start);
}

static void echo_char(struct tty *tty, uint8_t c)
{
	char out[2] = { '^', (char)(c ^ 0100) };

	if (tty->raw_out || !(tty->termios.c_lflag & ECHO))
		return;
	if ((tty->termios.c_lflag & ECHOCTL) && c < 32 && c != '\n' && c != '\t')
		tty_out(tty, out, 2);
	else
		tty_out(tty, (char *)&c, 1);
}

static void erase_one(struct tty *tty)
{
	uint8_t c;

	if (tty->head == tty->canon_head)
		return;
	c = (uint8_t)tty->buf[--tty->head % TTY_BUF];
	if (!tty->raw_out && (tty->termios.c_lflag & (ECHO | ECHOE)) == (ECHO | ECHOE)) {
		tty_out(tty, "\b \b", 3);
		if (c < 32 && (tty->termios.c_lflag & ECHOCTL))
			tty_out(tty, "\b \b", 3);
	}
}

static bool isig(struct tty *tty, uint8_t c)
{
	const uint8_t *cc = tty->termios.c_cc;
	int sig = 0;

	if (!(tty->termios.c_lflag & ISIG))
		return false;
	if (c == cc[VINTR])
		sig = SIGINT;
	else if (c == cc[VQUIT])
		sig = SIGQUIT;
	else if (c == cc[VSUSP])
		sig = SIGTSTP;
	if (!sig)
		return false;
	echo_char(tty, c);
	tty->head = tty->canon_head;	/* flush the partial line, as !NOFLSH */
	if (tty->pgrp > 0)
		kill_pgrp(tty->pgrp, sig, 1);
	return true;
}

/* The line discipline, in interrupt context. */
static void n_tty_receive(struct tty *tty, uint8_t c)
{
	const struct termios *t = &tty->termios;
	bool canon = t->c_lflag & ICANON;

	if (t->c_iflag & ISTRIP)
		c &= 0x7f;
	if (c == '\r') {
		if (t->c_iflag & IGNCR)
			return;
		if (t->c_iflag & ICRNL)
			c = '\n';
	} else if (c == '\n' && (t->c_iflag & INLCR)) {
		c = '\r';
	}
	if (isig(tty, c))
		goto wake;
	if (canon) {
		if (c == t->c_cc[VERASE]) {
			erase_one(tty);
			return;
		}
		if (c == t->c_cc[VKILL]) {
			while (tty->head != tty->canon_head)
				erase_one(tty);
			return;
		}
		if (c == t->c_cc[VWERASE] && (t->c_lflag & IEXTEN)) {
			while (tty->head != tty->canon_head && tty->buf[(tty->head - 1) % TTY_BUF] == ' ')
				erase_one(tty);
			while (tty->head != tty->canon_head && tty->buf[(tty->head - 1) % TTY_BUF] != ' ')
				erase_one(tty);
			return;
		}
		if (c == t->c_cc[VEOF]) {
			/* The line ends here without the ^D; an empty line reads as EOF. */
			if (tty->head == tty->canon_head)
				tty->eof_pending++;
			tty->canon_head = tty->head;
			goto wake;
		}
	}
	if (tty->head - tty->tail >= TTY_BUF - 1)
		return;			/* full: drop, as n_tty does */
	tty->buf[tty->head++ % TTY_BUF] = (char)c;
	if (c == '\n' && (t->c_lflag & ECHONL) && !(t->c_lflag & ECHO) && !tty->raw_out)
		tty_out(tty, "\n", 1);
	else
		echo_char(tty, c);
	if (!canon || c == '\n' || (c && (c == t->c_cc[VEOL] || c == t->c_cc[VEOL2])))
		tty->canon_head = tty->head;
	else
		return;
wake:
	wake_up(&tty->rd_wait);
}

static void tty_rx(int port, uint8_t c)
{
	n_tty_receive(&ttys[port], c);
}

static bool input_ready(struct tty *tty)
{
	if (tty->termios.c_lflag & ICANON)
		return tty->canon_head != tty->tail || tty->eof_pending;
	return tty->head - tty->tail >= MAX(1u, (unsigned int)tty->termios.c_cc[VMIN]);
}

static long tty_read(struct file *f, char *ubuf, size_t len, long *ppos)
{
	struct tty *tty = f->private_data;
	bool canon = tty->termios.c_lflag & ICANON;
	size_t done = 0;
	unsigned long flags;

	if (!input_ready(tty)) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (!canon && tty->termios.c_cc[VMIN] == 0)
			return 0;	/* VMIN 0: a poll (VTIME is not timed here) */
		if (wait_event_interruptible(tty->rd_wait, input_ready(tty)))
			return -ERESTARTSYS;
	}
	flags = local_irq_save();
	if (canon && tty->canon_head == tty->tail && tty->eof_pending) {
		tty->eof_pending--;
		local_irq_restore(flags);
		return 0;
	}
	while (done < len && tty->tail != (canon ? tty->canon_head : tty->head)) {
		char c = tty->buf[tty->tail++ % TTY_BUF];

		local_irq_restore(flags);
		if (copy_to_user(ubuf + done, &c, 1)) {
			flags = local_irq_save();
			tty->tail--;	/* not consumed */
			break;
		}
		done++;
		flags = local_irq_save();
		if (canon && c == '\n')
			break;
	}
	local_irq_restore(flags);
	return done ? (long)done : -EFAULT;
}

static unsigned int tty_poll(struct file *f, struct poll_table *pt)
{
	struct tty *tty = f->private_data;

	poll_wait(f, &tty->rd_wait, pt);
	return (input_ready(tty) ? POLLIN | POLLRDNORM : 0) | POLLOUT | POLLWRNORM;
}

static long tty_write(struct file *f, const char *ubuf, size_t len, long *ppos)
{
	struct tty *tty = f->private_data;
	char chunk[256];
	size_t done = 0;

	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));
		size_t left = copy_from_user(chunk, ubuf + done, n);

		tty_out(tty, chunk, n - left);
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

static long tty_set_termios(struct tty *tty, unsigned int cmd, unsigned long arg)
{
	struct termios t;
	unsigned long flags;

	if (copy_from_user(&t, (void *)arg, sizeof(t)))
		return -EFAULT;
	flags = local_irq_save();
	if (cmd == TCSETSF)
		tty->head = tty->tail = tty->canon_head = tty->eof_pending = 0;
	if ((tty->termios.c_lflag & ICANON) && !(t.c_lflag & ICANON))
		tty->canon_head = tty->head;	/* partial line becomes readable */
	tty->termios = t;
	local_irq_restore(flags);
	wake_up(&tty->rd_wait);
	return 0;
}

static bool pgrp_in_session(pid_t pgrp, pid_t sid)
{
	struct task *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pgid == pgrp && t->sid == sid && !t->exit_state)
			return true;
	return false;
}

static long tty_set_pgrp(struct tty *tty, unsigned long arg)
{
	pid_t pgrp;

	if (tty->session != current->sid || tty->session == 0)
		return -ENOTTY;
	if (copy_from_user(&pgrp, (void *)arg, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (!pgrp_in_session(pgrp, current->sid))
		return -EPERM;
	tty->pgrp = pgrp;
	return 0;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty *tty = f->private_data;
	int n;

	switch (cmd) {
	case TCGETS:
		return copy_to_user((void *)arg, &tty->termios, sizeof(tty->termios)) ? -EFAULT : 0;
	case TCSETS: case TCSETSW: case TCSETSF:
		return tty_set_termios(tty, cmd, arg);
	case TIOCGWINSZ:
		return copy_to_user((void *)arg, &tty->ws, sizeof(tty->ws)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&tty->ws, (void *)arg, sizeof(tty->ws)) ? -EFAULT : 0;
	case FIONREAD:
		n = (int)(tty->head - tty->tail);
		return copy_to_user((void *)arg, &n, sizeof(n)) ? -EFAULT : 0;
	case TIOCOUTQ:
		n = 0;			/* output is polled out before write returns */
		return copy_to_user((void *)arg, &n, sizeof(n)) ? -EFAULT : 0;
	case TCSBRK: case TCXONC:
		return 0;
	case TCFLSH:
		if (arg > 2)
			return -EINVAL;
		if (arg != 1)		/* TCIFLUSH or TCIOFLUSH */
			tty->head = tty->tail = tty->canon_head = tty->eof_pending = 0;
		return 0;
	case TIOCGPGRP:
		if (tty->session != current->sid || !tty->session)
			return -ENOTTY;
		return copy_to_user((void *)arg, &tty->pgrp, sizeof(pid_t)) ? -EFAULT : 0;
	case TIOCSPGRP:
		return tty_set_pgrp(tty, arg);
	case TIOCGSID:
		if (tty->session != current->sid || !tty->session)
			return -ENOTTY;
		return copy_to_user((void *)arg, &tty->session, sizeof(pid_t)) ? -EFAULT : 0;
	case TIOCSCTTY:
		if (current->sid != current->tgid)
			return -EPERM;	/* only a session leader */
		if (tty->session == current->sid)
			return 0;
		if (tty->session && !(arg == 1 && capable(CAP_SYS_ADMIN)))
			return -EPERM;
		tty->session = current->sid;
		tty->pgrp = current->pgid;
		return 0;
	case TIOCNOTTY:
		if (tty->session != current->sid)
			return -ENOTTY;
		if (current->sid == current->tgid)
			tty->session = tty->pgrp = 0;
		return 0;
	}
	return -ENOTTY;
}

static int tty_open_common(struct tty *tty, struct file *f, bool may_ctty)
{
	f->private_data = tty;
	f->f_mode &= ~(unsigned int)FMODE_LSEEK;	/* a stream: ESPIPE for pread */
	/* A session leader without a terminal acquires this one. */
	if (may_ctty && !(f->f_flags & O_NOCTTY) && current->sid == current->tgid &&
	    !tty->session && !tty_of_session(current->sid)) {
		tty->session = current->sid;
		tty->pgrp = current->pgid;
	}
	return 0;
}

static int ttyS_open(struct inode *inode, struct file *f)
{
	unsigned int minor = inode->rdev & 0xff;

	if (minor < 64 || minor > 65 || !serial_present((int)minor - 64))
		return -EIO;
	return tty_open_common(&ttys[minor - 64], f, true);
}

static int console_open(struct inode *inode, struct file *f)
{
	int port = console_port >= 0 ? console_port : 0;

	if (!serial_present(port))
		return -ENODEV;
	return tty_open_common(&ttys[port], f, false);
}

static int devtty_open(struct inode *inode, struct file *f)
{
	struct tty *tty = tty_of_session(current->sid);

	if (!tty)
		return -ENXIO;
	return tty_open_common(tty, f, false);
}

struct tty *tty_of_session(pid_t sid)
{
	for (int i = 0; i < 2; i++)
		if (sid && ttys[i].session == sid)
			return &ttys[i];
	return NULL;
}

/* A session leader exits: its terminal loses its session (no SIGHUP yet). */
void tty_session_ended(pid_t sid)
{
	struct tty *tty = tty_of_session(sid);

	if (tty)
		tty->session = tty->pgrp = 0;
}

#define TTY_FOPS(openfn) { .read = tty_read, .write = tty_write, \
	.ioctl = tty_ioctl, .poll = tty_poll, .open = openfn }

static const struct file_operations ttyS_fops = TTY_FOPS(ttyS_open);
static const struct file_operations console_fops = TTY_FOPS(console_open);
static const struct file_operations devtty_fops = TTY_FOPS(devtty_open);

void tty_init(void)
{
	for (int i = 0; i < 2; i++) {
		struct tty *tty = &ttys[i];

		tty->port = i;
		tty->termios = tty_std_termios;
		tty->ws = (struct winsize){ 24, 80, 0, 0 };
		tty->raw_out = console_raw && i == console_port;
		init_waitqueue_head(&tty->rd_wait);
		if (serial_present(i)) {
			register_chrdev(4, 64 + (unsigned int)i, i ? "ttyS1" : "ttyS0", 0660, &ttyS_fops);
			serial_enable_rx(i, tty_rx);
		}
	}
	register_chrdev(5, 0, "tty", 0666, &devtty_fops);
	register_chrdev(5, 1, "console", 0600, &console_fops);
}
