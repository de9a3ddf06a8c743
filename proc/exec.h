/*
 * proc/exec.h - replacing a process's program (execve's kernel side).
 */
#ifndef PROC_EXEC_H
#define PROC_EXEC_H

/*
 * Load the static ELF at @path into a fresh address space for the current
 * task, with the System V initial stack built from @argv and @envp
 * (kernel strings).  On success the task's pt_regs point at the entry;
 * returns 0 or a negative errno, leaving the old address space intact.
 */
int kernel_execve(const char *path, const char *const argv[], const char *const envp[]);
/* Set the current task's user registers to start at @entry with stack @sp. */
void start_thread(unsigned long entry, unsigned long sp);
/* Create pid 1 running @path with arguments @args (NULL-terminated). */
void start_init(const char *path, const char *const *args);

#endif
