/*
 * proc/exit.h - ending a process.
 */
#ifndef PROC_EXIT_H
#define PROC_EXIT_H

#include "kernel/types.h"

/* End the current task with wait status @status (code << 8, or a signal). */
__noreturn void do_exit(int status);

#endif
