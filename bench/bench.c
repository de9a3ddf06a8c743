/*
 * bench/bench.c - the one program `make bench` runs on both kernels, as
 * /init (pid 1) of a fresh VM.  Ordinary musl C, built with
 * musl-gcc -static; it measures only with clock_gettime(CLOCK_MONOTONIC).
 *
 * Output, one line each (scripts/bench parses them; keep them stable):
 *   bench: init started
 *   bench: null_syscall_ns <float>     getppid(), best of 5 rounds of N calls
 *   bench: fork_exit_wait_us <float>   fork + child _exit(0) + waitpid, best of 5
 *   bench: done
 * As pid 1 on Linux it powers the VM off with reboot(2), because init
 * must not exit there; on oomkernel reboot(2) is ENOSYS and init's exit
 * powers off.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define ROUNDS		5
#define SYSCALLS	20000	/* per round */
#define FORKS		40	/* per round */

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Nanoseconds per getppid() round trip (the raw syscall: no libc caching). */
static double null_syscall_ns(void)
{
	double best = 1e30;

	for (int r = 0; r < ROUNDS; r++) {
		double t0 = now_ns(), t;

		for (int i = 0; i < SYSCALLS; i++)
			syscall(SYS_getppid);
		t = (now_ns() - t0) / SYSCALLS;
		if (t < best)
			best = t;
	}
	return best;
}

/* Microseconds per fork + _exit(0) in the child + waitpid in the parent. */
static double fork_exit_wait_us(void)
{
	double best = 1e30;

	for (int r = 0; r < ROUNDS; r++) {
		double t0 = now_ns(), t;

		for (int i = 0; i < FORKS; i++) {
			pid_t pid = fork();
			int st;

			if (pid == 0)
				_exit(0);
			if (pid < 0 || waitpid(pid, &st, 0) != pid)
				return -1;
		}
		t = (now_ns() - t0) / FORKS / 1000;
		if (t < best)
			best = t;
	}
	return best;
}

static void power_off(void)
{
	sync();
	/* LINUX_REBOOT_MAGIC1, MAGIC2, LINUX_REBOOT_CMD_POWER_OFF */
	syscall(SYS_reboot, 0xfee1dead, 672274793, 0x4321fedc, NULL);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("bench: init started\n");
	printf("bench: null_syscall_ns %.1f\n", null_syscall_ns());
	printf("bench: fork_exit_wait_us %.1f\n", fork_exit_wait_us());
	printf("bench: done\n");
	if (getpid() == 1)
		power_off();
	return 0;
}
