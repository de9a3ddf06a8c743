/*
 * kernel/fs/sig_compat.c - placeholders for the signal-sending calls the
 * file code makes (send_sig, kill_pgrp) until proc/signal.c provides
 * them: default action only.  Deleted when signal delivery lands.
 */
#include "proc/task.h"
#include "proc/exit.h"
#include "kernel/errno.h"

__attribute__((weak)) int send_sig(int sig, struct task *t, int priv)
{
	if (t == current && !(current->blocked & sigmask(sig)) &&
	    (!current->sighand || current->sighand->action[sig - 1].handler == (void *)0))
		do_exit(sig);
	return 0;
}

__attribute__((weak)) int kill_pgrp(pid_t pgrp, int sig, int priv)
{
	return -ENOSYS;
}
