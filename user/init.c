/*
 * user/init.c - pid 1.  An ordinary C program (musl-gcc -static): the
 * same binary runs on Linux.
 *
 * Two roles:
 *  - `make runprog`: the extra initramfs carries /etc/runprog, a spec of
 *    one directive per line (arg, env, uid, gid, cwd, swap).  init runs that
 *    program as its child with stdin on /dev/null, reaps every orphan
 *    meanwhile, logs the child's fate to /dev/kmsg in a fixed format
 *    that scripts/runprog reads back:
 *        runprog: program exited with status N
 *        runprog: program killed by signal N
 *    then kills whatever is left and exits, which powers the VM off.
 *  - `make run`: a short demo: a libc program starts, then memhog asks for
 *    more than RAM and swap hold and the OOM killer ends it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/swap.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#define SPEC "/etc/runprog"
#define MAX_ITEMS 256

struct spec {
	char *argv[MAX_ITEMS + 1];
	char *envp[MAX_ITEMS + 4];
	int argc, envc;
	long uid, gid;			/* -1: stay root */
	const char *cwd;
	const char *swap;		/* a device to swapon first, or NULL */
};

/* Log one line to the kernel log, where runprog and dmesg find it. */
static void klog(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC), n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (fd < 0 || write(fd, line, (size_t)n) < 0)
		fprintf(stderr, "%s\n", line);
	if (fd >= 0)
		close(fd);
}

static int read_spec(FILE *f, struct spec *s)
{
	static char line[8192];

	s->uid = s->gid = -1;
	s->cwd = "/prog";
	s->envp[s->envc++] = "HOME=/";
	s->envp[s->envc++] = "TERM=linux";
	s->envp[s->envc++] = "PATH=/sbin:/bin:/usr/sbin:/usr/bin";
	while (fgets(line, sizeof(line), f)) {
		char *val = strchr(line, ' ');

		line[strcspn(line, "\n")] = 0;
		if (!val)
			continue;
		*val++ = 0;
		if (!strcmp(line, "arg") && s->argc < MAX_ITEMS)
			s->argv[s->argc++] = strdup(val);
		else if (!strcmp(line, "env") && s->envc < MAX_ITEMS + 3)
			s->envp[s->envc++] = strdup(val);
		else if (!strcmp(line, "uid"))
			s->uid = atol(val);
		else if (!strcmp(line, "gid"))
			s->gid = atol(val);
		else if (!strcmp(line, "cwd"))
			s->cwd = strdup(val);
		else if (!strcmp(line, "swap"))
			s->swap = strdup(val);
	}
	return s->argc ? 0 : -1;
}

static void exec_child(const struct spec *s)
{
	int null = open("/dev/null", O_RDONLY);

	if (null >= 0 && null != 0) {
		dup2(null, 0);
		close(null);
	}
	if (chdir(s->cwd) < 0)
		fprintf(stderr, "runprog: chdir %s: %s\n", s->cwd, strerror(errno));
	if (s->gid >= 0 && setgid((gid_t)s->gid) < 0)
		fprintf(stderr, "runprog: setgid %ld: %s\n", s->gid, strerror(errno));
	if (s->uid >= 0 && setuid((uid_t)s->uid) < 0)
		fprintf(stderr, "runprog: setuid %ld: %s\n", s->uid, strerror(errno));
	execve(s->argv[0], s->argv, s->envp);
	fprintf(stderr, "runprog: cannot execute %s: %s\n", s->argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

static int run_program(FILE *f)
{
	static struct spec s;
	pid_t child, pid;
	int status;

	if (read_spec(f, &s) < 0) {
		klog("runprog: %s names no program", SPEC);
		return 1;
	}
	/*
	 * With a swap device, init keeps its own pages in RAM (a fork does
	 * not inherit the lock): only the program's pages go to swap, so a
	 * read error injected on the disk never reaches pid 1 (whose death
	 * would panic the kernel) and swap-used baselines stay exact.  A
	 * swapon that fails is logged, and the program runs without swap.
	 */
	if (s.swap && mlockall(MCL_CURRENT | MCL_FUTURE) < 0)
		klog("runprog: mlockall: %s", strerror(errno));
	if (s.swap && swapon(s.swap, 0) < 0)
		klog("runprog: swapon %s: %s", s.swap, strerror(errno));
	child = fork();
	if (child < 0) {
		klog("runprog: fork: %s", strerror(errno));
		return 1;
	}
	if (child == 0)
		exec_child(&s);
	/* Reap orphans too, until the program itself is done. */
	while ((pid = wait(&status)) != child)
		if (pid < 0 && errno != EINTR)
			return 1;
	if (WIFSIGNALED(status))
		klog("runprog: program killed by signal %d", WTERMSIG(status));
	else
		klog("runprog: program exited with status %d", WEXITSTATUS(status));
	/* Whatever it left running goes too, so that every page comes back. */
	kill(-1, SIGKILL);
	while (wait(&status) > 0 || errno == EINTR)
		;
	if (s.swap)
		swapoff(s.swap);	/* a clean shutdown returns the swap map too */
	return 0;
}

/*
 * The demo: a libc program starts, then memhog asks for more than RAM
 * and swap together and the OOM killer answers, report and all.
 */
static int demo(char **argv)
{
	size_t sizes[] = { 16, 4096, 200000, 3 << 20 };
	struct sysinfo si;
	char size[32];
	int ok = 1, st;
	pid_t pid;

	printf("init: hello from pid %d (%s), a musl-static program\n", getpid(), argv[0]);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *p = malloc(sizes[i]);
		if (!p) {
			ok = 0;
			continue;
		}
		memset(p, (int)i + 1, sizes[i]);
		ok &= p[sizes[i] - 1] == i + 1;
		free(p);
	}
	printf("init: malloc of 16 B .. 3 MiB %s\n", ok ? "works" : "FAILED");
	printf("init: environment HOME=%s TERM=%s\n", getenv("HOME"), getenv("TERM"));
	sysinfo(&si);
	snprintf(size, sizeof(size), "%luM",
		 (unsigned long)((si.totalram + si.totalswap) * si.mem_unit >> 20) + 32);
	printf("init: now memhog %s: more than RAM (%lu MiB) and swap (%lu MiB) together\n", size,
	       (unsigned long)(si.totalram * si.mem_unit >> 20),
	       (unsigned long)(si.totalswap * si.mem_unit >> 20));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl("/bin/memhog", "memhog", size, (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	if (WIFSIGNALED(st))
		printf("init: memhog was killed by signal %d (a shell shows %d): the OOM killer;"
		       " docs/oom.md reads its report line by line\n", WTERMSIG(st), 128 + WTERMSIG(st));
	else
		printf("init: memhog exited with %d\n", WEXITSTATUS(st));
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	FILE *f = fopen(SPEC, "re");	/* close-on-exec: the program starts with fds 0-2 only */

	if (f)
		return run_program(f);
	int swap, ret;

	/* make run SWAP=...: the disk is there, put it in service. */
	swap = access("/dev/vda", F_OK) == 0 && swapon("/dev/vda", 0) == 0;
	if (swap)
		printf("init: swap on /dev/vda\n");
	ret = demo(argv);
	if (swap)
		swapoff("/dev/vda");
	return ret;
}
