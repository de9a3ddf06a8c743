/*
 * kernel/drivers/tty.h - serial terminals and the console (tty.c).
 */
#ifndef KERNEL_DRIVERS_TTY_H
#define KERNEL_DRIVERS_TTY_H

#include "kernel/types.h"

struct tty;

/* Early: which UART user space's console is; prints runprog's marker. */
void user_console_setup(const char *cmdline);
/* Register ttyS0/ttyS1, /dev/tty and /dev/console; start receiving. */
void tty_init(void);
/* The controlling terminal of session @sid, or NULL. */
struct tty *tty_of_session(pid_t sid);
void tty_session_ended(pid_t sid);

#endif
