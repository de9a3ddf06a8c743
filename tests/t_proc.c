/*
 * t_proc - /proc: the formats of meminfo, status, stat, statm and maps,
 * /proc/self, per-process directories appearing and vanishing, what
 * cannot be done inside /proc, the parse rules of /proc/sys/vm knobs (and
 * their order, drop_caches, vm.max_map_count as mmap, mprotect and munmap
 * meet it) and
 * of oom_score_adj / oom_adj, as root and as uid 1000, and their life:
 * inherited by fork, kept across exec, written to every process sharing
 * the mm (not to a vfork child's parent), the legacy file's one-time
 * deprecation line.
 *
 * Run as root.  Every knob it writes is put back as it was (on a Linux
 * host too).  Checked on Linux (6.1 formats; on newer kernels status has
 * extra lines, which the order check skips).
 */
#include "tap.h"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/klog.h>
#include <sys/wait.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>

static char buf[1 << 16];

/* The whole text of a /proc file into buf; its length or -1. */
static ssize_t slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, t = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + t, sizeof(buf) - 1 - (size_t)t)) > 0)
		t += n;
	close(fd);
	buf[t] = 0;
	return n < 0 ? -1 : t;
}

/* The number after "key" at the start of a line of buf, or -1. */
static long field(const char *key)
{
	size_t k = strlen(key);

	for (char *p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, k))
			return strtol(p + k, NULL, 0);
	return -1;
}

static long status_kb(const char *key)
{
	if (slurp("/proc/self/status") < 0)
		return -1;
	return field(key);
}

/* Write a string to a file; returns write's result (errno kept). */
static long put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	long n;
	int e;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	e = errno;
	close(fd);
	errno = e;
	return n;
}

static long get_num(const char *path)
{
	return slurp(path) < 0 ? -9999 : strtol(buf, NULL, 0);
}

/* ---- formats ---- */

static void test_meminfo(void)
{
	static const char *const first[] = { "MemTotal:", "MemFree:", "MemAvailable:",
					     "Buffers:", "Cached:", "SwapCached:" };
	int bad = 0, lines = 0;
	char *p = buf;
	long total, fr, avail;

	ok(slurp("/proc/meminfo") > 0, "read /proc/meminfo");
	for (size_t i = 0; i < 6; i++) {
		ok(!strncmp(p, first[i], strlen(first[i])), "meminfo line %zu is %s", i + 1, first[i]);
		p = strchr(p, '\n') + 1;
	}
	for (p = buf; *p; p = strchr(p, '\n') + 1, lines++) {
		char *nl = strchr(p, '\n'), *colon = strchr(p, ':');
		/* "%-16s%8lu kB": name and colon padded to 16, the number to 8 or more. */
		if (nl - p > 3 && !strncmp(nl - 3, " kB", 3) && strncmp(p, "Hardware", 8) &&
		    (colon - p >= 16 || p[15] != ' ' || nl - 3 - (p + 16) < 8 ||
		     strspn(p + 16, " ") + strspn(p + 16 + strspn(p + 16, " "), "0123456789") !=
		     (size_t)(nl - 3 - (p + 16))))
			bad++;
	}
	is_int(bad, 0, "every kB line is %%-16s%%8lu kB (%d lines)", lines);
	total = field("MemTotal:");
	fr = field("MemFree:");
	avail = field("MemAvailable:");
	ok(total > 0 && fr > 0 && fr <= total && avail <= total, "MemFree, MemAvailable <= MemTotal");
	ok(field("CommitLimit:") > 0 && field("Committed_AS:") >= 0 && field("SwapTotal:") >= 0 &&
	   field("AnonPages:") >= 0 && field("PageTables:") > 0, "CommitLimit, Committed_AS, ...");
}

static void test_status(void)
{
	static const char *const order[] = {
		"Name:", "Umask:", "State:", "Tgid:", "Ngid:", "Pid:", "PPid:", "TracerPid:",
		"Uid:", "Gid:", "FDSize:", "Groups:", "NStgid:", "NSpid:", "NSpgid:", "NSsid:",
		"VmPeak:", "VmSize:", "VmLck:", "VmPin:", "VmHWM:", "VmRSS:", "RssAnon:",
		"RssFile:", "RssShmem:", "VmData:", "VmStk:", "VmExe:", "VmLib:", "VmPTE:",
		"VmSwap:", "HugetlbPages:", "CoreDumping:", "THP_enabled:", "Threads:", "SigQ:",
		"SigPnd:", "ShdPnd:", "SigBlk:", "SigIgn:", "SigCgt:", "CapInh:", "CapPrm:",
		"CapEff:", "CapBnd:", "CapAmb:", "NoNewPrivs:", "Seccomp:", "Seccomp_filters:",
		"Speculation_Store_Bypass:", "SpeculationIndirectBranch:", "Cpus_allowed:",
		"Cpus_allowed_list:", "Mems_allowed:", "Mems_allowed_list:",
		"voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:",
	};
	size_t i = 0;
	long rss0, rss1;
	char *mem;

	ok(slurp("/proc/self/status") > 0, "read /proc/self/status");
	for (char *p = buf; *p && i < sizeof(order) / sizeof(order[0]); p = strchr(p, '\n') + 1)
		if (!strncmp(p, order[i], strlen(order[i])) && p[strlen(order[i])] == '\t')
			i++;
	is_int((long)i, (long)(sizeof(order) / sizeof(order[0])), "status has 6.1's lines in order");
	ok(!strncmp(buf, "Name:\tt_proc\n", 13), "Name:\\tt_proc");
	is_int(field("Pid:\t"), getpid(), "Pid");
	is_int(field("PPid:\t"), getppid(), "PPid");
	ok(strstr(buf, "\nUid:\t0\t0\t0\t0\n") != NULL, "Uid:\\t0\\t0\\t0\\t0");
	ok(strstr(buf, "\nVmRSS:\t") && strstr(buf, " kB\n"), "Vm lines in kB");
	rss0 = status_kb("VmRSS:");
	mem = mmap(NULL, 4 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(mem, 1, 4 << 20);
	rss1 = status_kb("VmRSS:");
	ok(rss1 - rss0 >= 4096 && rss1 - rss0 <= 4096 + 64, "VmRSS grows by the 4 MiB written (%ld kB)",
	   rss1 - rss0);
	munmap(mem, 4 << 20);
	ok(status_kb("VmRSS:") <= rss0 + 64, "and falls after munmap");
}

static void test_stat_statm(void)
{
	char *p;
	int n = 0;
	long v[7];
	char want[32];

	ok(slurp("/proc/self/stat") > 0, "read /proc/self/stat");
	snprintf(want, sizeof(want), "%d (t_proc) R %d ", getpid(), getppid());
	ok(!strncmp(buf, want, strlen(want)), "stat starts \"%s\"", want);
	p = strrchr(buf, ')');
	for (char *q = p + 1; *q; q++)
		n += *q == ' ';
	is_int(n + 2, 52, "stat has 52 fields");
	ok(buf[strlen(buf) - 1] == '\n', "stat ends with a newline");
	slurp("/proc/self/statm");
	is_int(sscanf(buf, "%ld %ld %ld %ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
		      &v[6]), 7, "statm has 7 numbers");
	is_int(v[0] * 4, status_kb("VmSize:"), "statm size is VmSize in pages");
}

/* Every maps line: "%08lx-%08lx rwxp %08llx %02x:%02x %lu", the name at column 73. */
static void test_maps(void)
{
	char *anon = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char line_anon[128], line_shared[128];
	int bad = 0, stack = 0, found_anon = 0, found_shared = 0;

	snprintf(line_anon, sizeof(line_anon), "%08lx-%08lx r--p 00000000 00:00 0 \n",
		 (unsigned long)anon, (unsigned long)anon + 8192);
	snprintf(line_shared, sizeof(line_shared), "%08lx-%08lx rw-s 00000000 ",
		 (unsigned long)shared, (unsigned long)shared + 4096);
	ok(slurp("/proc/self/maps") > 0, "read /proc/self/maps");
	for (char *p = buf; *p; p = strchr(p, '\n') + 1) {
		unsigned long a, b, off, ino;
		char perms[5];
		unsigned int ma, mi;
		int len = 0;
		char *nl = strchr(p, '\n');

		if (sscanf(p, "%lx-%lx %4s %lx %x:%x %lu %n", &a, &b, perms, &off, &ma, &mi, &ino,
			   &len) != 7 || a >= b)
			bad++;
		else if (p + len < nl && len != 73)
			bad++;
		stack += !strncmp(nl - 7, "[stack]", 7);
		found_anon += !strncmp(p, line_anon, strlen(line_anon));
		if (!strncmp(p, line_shared, strlen(line_shared)))
			found_shared += !strncmp(nl - 19, "/dev/zero (deleted)", 19);
	}
	is_int(bad, 0, "every maps line has 6.1's format");
	is_int(stack, 1, "one [stack]");
	ok(found_anon, "an anonymous mapping: \"%.*s\"", (int)strlen(line_anon) - 1, line_anon);
	ok(found_shared, "shared anonymous memory is /dev/zero (deleted)");
	munmap(anon, 8192);
	munmap(shared, 4096);
}

/* busybox cat copies with sendfile: /proc text must come through it. */
static void test_sendfile(void)
{
	int p[2], fd = open("/proc/meminfo", O_RDONLY);
	char got[16] = { 0 };
	ssize_t n;

	if (fd < 0 || pipe2(p, O_NONBLOCK))
		return;
	n = sendfile(p[1], fd, NULL, 4096);
	ok(n > 100, "sendfile from /proc/meminfo (%zd)", n);
	ok(read(p[0], got, 9) == 9 && !strcmp(got, "MemTotal:"), "gives its text");
	close(p[0]);
	close(p[1]);
	close(fd);
}

static void test_self(const char *argv0)
{
	char link[64], want[64], exe[256];
	ssize_t n = readlink("/proc/self", link, sizeof(link) - 1);
	struct statfs sf;
	DIR *d;
	struct dirent *e;
	int self = 0, me = 0;

	snprintf(want, sizeof(want), "%d", getpid());
	ok(n > 0 && (link[n] = 0, !strcmp(link, want)), "readlink /proc/self is the pid");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	ok(n > 0 && (exe[n] = 0, !strcmp(strrchr(exe, '/'), strrchr(argv0, '/') ?: "/t_proc")),
	   "readlink /proc/self/exe ends in our name");
	ok(slurp("/proc/self/cmdline") == (ssize_t)strlen(argv0) + 1 && !strcmp(buf, argv0),
	   "cmdline is argv with its NULs");
	d = opendir("/proc");
	while (d && (e = readdir(d))) {
		self += !strcmp(e->d_name, "self");
		me += !strcmp(e->d_name, want);
	}
	if (d)
		closedir(d);
	ok(self == 1 && me == 1, "/proc lists self and our pid");
	ok(statfs("/proc", &sf) == 0 && sf.f_type == 0x9fa0, "statfs /proc: PROC_SUPER_MAGIC");
	ok(put("/proc/self/comm", "renamed") == 7 && slurp("/proc/self/comm") == 8 &&
	   !strcmp(buf, "renamed\n"), "comm is writable by the process");
	put("/proc/self/comm", "t_proc");
	test_sendfile();
}

static void test_no_names(void)
{
	char path[32];
	int fd;

	is_errno(mkdir("/proc/t_proc_dir", 0755), ENOENT, "mkdir in /proc: ENOENT");
	is_errno(open("/proc/t_proc_file", O_CREAT | O_WRONLY, 0644), ENOENT, "creat in /proc: ENOENT");
	is_errno(unlink("/proc/meminfo"), EPERM, "unlink /proc/meminfo: EPERM");
	snprintf(path, sizeof(path), "/proc/%d", getpid());
	is_errno(rmdir(path), EPERM, "rmdir /proc/PID: EPERM");
	is_errno(mkdir("/proc/self/x", 0755), ENOENT, "mkdir in /proc/PID: ENOENT");
	is_errno(rmdir("/proc"), EBUSY, "rmdir /proc: EBUSY");
	is_errno(symlink("x", "/proc/t_proc_link"), ENOENT, "symlink in /proc: ENOENT");
	fd = open("/proc/meminfo", O_WRONLY);
	ok(fd >= 0, "root opens /proc/meminfo for writing");
	is_errno(write(fd, "1", 1), EIO, "write to /proc/meminfo: EIO");
	close(fd);
	fd = open("/proc/meminfo", O_RDONLY);
	is_errno(lseek(fd, 0, SEEK_END), EINVAL, "lseek SEEK_END on a seq file: EINVAL");
	is_int(lseek(fd, 10, SEEK_SET), 10, "lseek SEEK_SET");
	close(fd);
}

/* ---- processes come and go ---- */

static void test_pid_dirs(void)
{
	int p[2], st, fd;
	char path[64], c;
	pid_t pid;
	struct stat sb;

	if (pipe(p))
		return;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		read(p[0], &c, 1);	/* until the parent closes its end */
		_exit(3);
	}
	close(p[0]);
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	ok(stat(path, &sb) == 0, "/proc/CHILD/status exists");
	fd = open(path, O_RDONLY);
	close(p[1]);
	usleep(100000);		/* the child exits; not yet reaped */
	ok(slurp(path) > 0 && strstr(buf, "State:\tZ (zombie)") != NULL, "an unreaped child is Z");
	waitpid(pid, &st, 0);
	snprintf(path, sizeof(path), "/proc/%d", pid);
	is_errno(stat(path, &sb), ENOENT, "/proc/CHILD vanishes when reaped");
	is_errno(read(fd, buf, sizeof(buf)), ESRCH, "an open status of a reaped child: ESRCH");
	close(fd);
}

/* ---- sysctl ---- */

#define VM "/proc/sys/vm/"

static void test_sysctl(void)
{
	long ratio = get_num(VM "overcommit_ratio"), kb = get_num(VM "overcommit_kbytes");
	long mode = get_num(VM "overcommit_memory");
	char one[4] = { 0 };
	int fd;

	is_errno(put(VM "overcommit_ratio", "abc"), EINVAL, "ratio: text is EINVAL");
	is_int(get_num(VM "overcommit_ratio"), ratio, "and changes nothing");
	is_int(put(VM "overcommit_ratio", "  61 \n"), 6, "ratio: white space around a number");
	is_int(get_num(VM "overcommit_ratio"), 61, "reads 61");
	is_int(put(VM "overcommit_ratio", "0x20"), 4, "ratio: 0x20");
	is_int(get_num(VM "overcommit_ratio"), 32, "reads 32");
	is_errno(put(VM "overcommit_ratio", "7x"), EINVAL, "ratio: 7x is EINVAL");
	is_errno(put(VM "overcommit_ratio", "   "), EINVAL, "ratio: only spaces is EINVAL");
	is_errno(put(VM "overcommit_ratio", "99999999999"), EINVAL, "ratio: beyond int is EINVAL");
	is_int(put(VM "overcommit_ratio", "-5"), 2, "ratio takes any int");
	slurp(VM "overcommit_ratio");
	ok(!strcmp(buf, "-5\n"), "reads \"-5\\n\"");
	is_int(put(VM "overcommit_kbytes", "1024"), 4, "kbytes 1024");
	is_int(get_num(VM "overcommit_ratio"), 0, "kbytes zeroes the ratio");
	is_errno(put(VM "overcommit_kbytes", "-1"), EINVAL, "kbytes: negative is EINVAL");
	is_int(put(VM "overcommit_ratio", "50"), 2, "ratio 50");
	is_int(get_num(VM "overcommit_kbytes"), 0, "the ratio zeroes kbytes");
	is_errno(put(VM "overcommit_memory", "3"), EINVAL, "overcommit_memory 3: EINVAL");
	is_errno(put(VM "overcommit_memory", "-1"), EINVAL, "overcommit_memory -1: EINVAL");
	is_int(get_num(VM "overcommit_memory"), mode, "overcommit_memory unchanged");
	is_errno(put(VM "panic_on_oom", "3"), EINVAL, "panic_on_oom 3: EINVAL");
	is_errno(put(VM "watermark_scale_factor", "0"), EINVAL, "watermark_scale_factor 0: EINVAL");
	is_errno(put(VM "watermark_scale_factor", "3001"), EINVAL, "watermark_scale_factor 3001: EINVAL");
	is_errno(put(VM "min_free_kbytes", "-1"), EINVAL, "min_free_kbytes -1: EINVAL");
	is_errno(put(VM "admin_reserve_kbytes", "12z"), EINVAL, "admin_reserve_kbytes 12z: EINVAL");
	fd = open(VM "overcommit_ratio", O_RDONLY);
	ok(read(fd, one, 1) == 1 && one[0] == '5' && read(fd, one + 1, 2) == 0,
	   "a knob read past position 0 is the end");
	close(fd);
	snprintf(buf, sizeof(buf), "%ld", kb ? 0 : ratio);
	put(VM "overcommit_ratio", buf);
	if (kb) {
		snprintf(buf, sizeof(buf), "%ld", kb);
		put(VM "overcommit_kbytes", buf);
	}
	is_int(get_num(VM "overcommit_ratio") * 1000 + get_num(VM "overcommit_kbytes"),
	       ratio * 1000 + kb, "knobs back as they were");
}

/* A counter of /proc/vmstat, or -1. */
static long vmstat_count(const char *name)
{
	char *p;
	size_t n = strlen(name);

	if (slurp("/proc/vmstat") < 0)
		return -1;
	for (p = buf; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, name, n) && p[n] == ' ')
			return strtol(p + n + 1, NULL, 10);
	return -1;
}

/* /proc/sys/vm lists its knobs by name; drop_caches is write-only, even for root. */
static void test_sysctl_dir(void)
{
	DIR *d = opendir("/proc/sys/vm");
	struct dirent *e;
	char prev[256] = "", log[8192];
	int sorted = 1, n = 0, have = 0;
	struct stat sb;
	long pc, slab;

	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		sorted &= strcmp(prev, e->d_name) < 0;
		snprintf(prev, sizeof(prev), "%s", e->d_name);
		have += !strcmp(e->d_name, "drop_caches") || !strcmp(e->d_name, "max_map_count");
		n++;
	}
	if (d)
		closedir(d);
	ok(sorted && n >= 14, "/proc/sys/vm lists its %d knobs by name", n);
	is_int(have, 2, "drop_caches and max_map_count are there");
	ok(stat(VM "drop_caches", &sb) == 0 && sb.st_mode == (S_IFREG | 0200),
	   "drop_caches is mode 0200");
	is_errno(open(VM "drop_caches", O_RDONLY), EACCES, "root cannot read drop_caches");
	is_errno(put(VM "drop_caches", "0"), EINVAL, "drop_caches 0: EINVAL");
	is_errno(put(VM "drop_caches", "5"), EINVAL, "drop_caches 5: EINVAL");
	pc = vmstat_count("drop_pagecache");
	slab = vmstat_count("drop_slab");
	is_int(put(VM "drop_caches", "3"), 1, "echo 3 > drop_caches");
	ok(vmstat_count("drop_pagecache") == pc + 1 && vmstat_count("drop_slab") == slab + 1,
	   "drop_pagecache and drop_slab count it");
	n = klogctl(3, log, sizeof(log) - 1);
	log[n > 0 ? n : 0] = 0;
	ok(strstr(log, "): drop_caches: 3") != NULL, "the log says \"COMM (PID): drop_caches: 3\"");
	is_int(get_num(VM "max_map_count"), 65530, "max_map_count is 65530");
	is_errno(put(VM "max_map_count", "-1"), EINVAL, "max_map_count -1: EINVAL");
}

/* VMAs of this process: lines of maps, less the [vsyscall] page outside the mm. */
static int count_vmas(void)
{
	int n = 0;

	slurp("/proc/self/maps");
	for (char *p = buf; *p; p++)
		n += *p == '\n';
	return n - (strstr(buf, "[vsyscall]") != NULL);
}

/*
 * vm.max_map_count as 6.1 applies it: mmap fails once the count is above
 * the limit (so it can reach limit + 1), a split for mprotect fails at the
 * limit, munmap may split once at the limit but not twice.
 */
static void test_max_map_count(void)
{
	long page = sysconf(_SC_PAGESIZE), limit;
	char *big = mmap(NULL, 4 * page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *p;
	char *maps[64];
	int n = 0;

	if (!ok(big != MAP_FAILED, "map 4 pages"))
		return;
	limit = count_vmas() + 20;
	snprintf(buf, sizeof(buf), "%ld", limit);
	put(VM "max_map_count", buf);
	while (n < 64) {
		p = mmap(NULL, page, n % 2 ? PROT_READ : PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			break;
		maps[n++] = p;
	}
	ok(p == MAP_FAILED && errno == ENOMEM, "mmap fails with ENOMEM after %d maps", n);
	is_int(count_vmas(), limit + 1, "at limit + 1 VMAs");
	if (n)
		munmap(maps[--n], page);
	is_int(count_vmas(), limit, "one unmapped: at the limit");
	is_errno(mprotect(big + page, page, PROT_NONE), ENOMEM, "mprotect's split: ENOMEM");
	is_errno(munmap(big + page, page), ENOMEM, "munmap of a middle page: ENOMEM");
	is_int(munmap(big, page), 0, "munmap of the first page: one split, allowed");
	put(VM "max_map_count", "65530");
	is_int(mprotect(big + 2 * page, page, PROT_NONE), 0, "limit back: mprotect splits again");
	munmap(big, 4 * page);
	while (n)
		munmap(maps[--n], page);
}

/* ---- oom_score_adj and oom_adj ---- */

#define SELF "/proc/self/"

/* Some sandboxes give root no CAP_SYS_RESOURCE; lowering adj then needs it. */
static int have_sys_resource(void)
{
	unsigned long long eff = 0;
	char *p;

	slurp("/proc/self/status");
	p = strstr(buf, "CapEff:\t");
	if (p)
		eff = strtoull(p + 8, NULL, 16);
	return (eff >> 24) & 1;
}

static void test_oom_lowering(void)
{
	is_int(put(SELF "oom_adj", "-17"), 3, "oom_adj -17");
	is_int(get_num(SELF "oom_score_adj"), -1000, "stores -1000");
	is_int(get_num(SELF "oom_score"), 0, "adj -1000 scores 0");
	is_errno(put(SELF "oom_adj", "16"), EINVAL, "oom_adj 16: EINVAL");
	is_errno(put(SELF "oom_adj", "0x10"), EINVAL, "oom_adj 0x10: EINVAL");
	is_int(put(SELF "oom_adj", "-16"), 3, "oom_adj -16");
	is_int(get_num(SELF "oom_score_adj"), -941, "stores -16 * 1000 / 17 = -941");
}

/* oom_score_adj's file, as 6.1's default_llseek and write handler treat it. */
static void test_oom_adj_file(void)
{
	int fd = open(SELF "oom_score_adj", O_RDWR);

	is_int(lseek(fd, 10, SEEK_END), 10, "oom_score_adj: SEEK_END works (its size is 0)");
	lseek(fd, 0, SEEK_SET);
	is_int(write(fd, "7", 1), 1, "write \"7\"");
	is_int(lseek(fd, 0, SEEK_CUR), 0, "... leaves the position at 0");
	is_errno(write(fd, "", 0), EINVAL, "an empty write: EINVAL");
	close(fd);
}

static void test_oom_root(void)
{
	long adj0 = get_num(SELF "oom_score_adj");

	test_oom_adj_file();

	is_int(put(SELF "oom_score_adj", "0"), 1, "oom_score_adj 0");
	ok(get_num(SELF "oom_score") >= 666 && get_num(SELF "oom_score") < 700,
	   "a small process with adj 0 scores about 666 (%ld)", get_num(SELF "oom_score"));
	is_int(put(SELF "oom_score_adj", "500"), 3, "oom_score_adj 500");
	is_int(get_num(SELF "oom_adj"), 8, "oom_adj reads 500 * 17 / 1000 = 8");
	is_errno(put(SELF "oom_score_adj", "1001"), EINVAL, "1001: EINVAL");
	is_errno(put(SELF "oom_score_adj", "-1001"), EINVAL, "-1001: EINVAL");
	is_errno(put(SELF "oom_score_adj", "abc"), EINVAL, "text: EINVAL");
	is_int(get_num(SELF "oom_score_adj"), 500, "unchanged after EINVAL");
	is_int(put(SELF "oom_score_adj", " 0x10 \n"), 7, "\" 0x10 \\n\" is base 0");
	is_int(get_num(SELF "oom_score_adj"), 16, "reads 16");
	is_int(put(SELF "oom_adj", "15"), 2, "oom_adj 15");
	is_int(get_num(SELF "oom_score_adj"), 1000, "stores 1000");
	ok(get_num(SELF "oom_score") >= 1300, "adj 1000 scores above 1300 (%ld)",
	   get_num(SELF "oom_score"));
	if (have_sys_resource())
		test_oom_lowering();
	else
		diag("no CAP_SYS_RESOURCE here: lowering oom_adj not tested");
	snprintf(buf, sizeof(buf), "%ld", adj0);
	put(SELF "oom_score_adj", buf);
}

/* The exec'd copy: does our oom_score_adj read @want? (exit 0 if so) */
static int check_adj_role(const char *want)
{
	return get_num(SELF "oom_score_adj") == strtol(want, NULL, 10) ? 0 : 1;
}

static int clone_child(void *arg)
{
	pause();	/* until the parent has looked at our oom_score_adj */
	return 0;
}

static void test_oom_adj_life(const char *self)
{
	static char stack[16384] __attribute__((aligned(16)));
	long adj0 = get_num(SELF "oom_score_adj");
	char path[64];
	int st;
	pid_t pid;

	put(SELF "oom_score_adj", "123");
	pid = fork();
	if (pid == 0)
		_exit(get_num(SELF "oom_score_adj") == 123 ? 0 : 1);
	waitpid(pid, &st, 0);
	is_exited(st, 0, "oom_score_adj 123 is inherited by a fork child");
	pid = fork();
	if (pid == 0) {
		execl(self, self, "--oom-adj-is", "123", (char *)NULL);
		_exit(2);
	}
	waitpid(pid, &st, 0);
	is_exited(st, 0, "... and kept across execve");
	pid = clone(clone_child, stack + sizeof(stack), CLONE_VM | SIGCHLD, NULL);
	put(SELF "oom_score_adj", "321");
	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", pid);
	is_int(get_num(path), 321, "a write reaches the process sharing our mm (clone CLONE_VM)");
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	pid = vfork();
	if (pid == 0) {
		int fd = open(SELF "oom_score_adj", O_WRONLY);

		_exit(fd >= 0 && write(fd, "77", 2) == 2 ? 0 : 1);	/* a vfork child wants its own */
	}
	waitpid(pid, &st, 0);
	is_int(get_num(SELF "oom_score_adj"), 321, "a vfork child's write leaves its parent's value");
	snprintf(buf, sizeof(buf), "%ld", adj0);
	put(SELF "oom_score_adj", buf);
}

/* Legacy oom_adj reads back through 6.1's scale; the deprecation line once. */
static void test_oom_adj_legacy(void)
{
	static char log[1 << 20];
	long adj0 = get_num(SELF "oom_score_adj");
	char want[128];
	int n, lines = 0;

	put(SELF "oom_score_adj", "999");
	is_int(get_num(SELF "oom_adj"), 15, "oom_score_adj 999 reads oom_adj 15 (as Debian's 6.1)");
	put(SELF "oom_score_adj", "-999");
	is_int(get_num(SELF "oom_adj"), -16, "-999 reads -16");
	put(SELF "oom_adj", "3");
	put(SELF "oom_adj", "4");
	n = klogctl(3, log, sizeof(log) - 1);
	log[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "t_proc (%d): /proc/%d/oom_adj is deprecated, please use "
		 "/proc/%d/oom_score_adj instead.", getpid(), getpid(), getpid());
	for (char *p = log; (p = strstr(p, "oom_adj is deprecated")); p++)
		lines++;
	ok(strstr(log, want) != NULL, "6.1's line: %s", want);
	is_int(lines, 1, "... once, however many oom_adj writes");
	snprintf(buf, sizeof(buf), "%ld", adj0);
	put(SELF "oom_score_adj", buf);
}

static void as_user(void *arg)
{
	int fails = 0;

	struct stat sb;

	if (setgid(1000) || setuid(1000))
		_exit(100);
	/* The new ids made it non-dumpable: its /proc files are root's now. */
	fails += prctl(PR_GET_DUMPABLE) != 0;
	fails += stat(SELF "oom_score_adj", &sb) || sb.st_uid != 0;
	fails += put(SELF "oom_score_adj", "100") != -1 || errno != EACCES;
	fails += prctl(PR_SET_DUMPABLE, 2) != -1 || errno != EINVAL;
	prctl(PR_SET_DUMPABLE, 1);	/* and they are its own again */
	fails += prctl(PR_GET_DUMPABLE) != 1;
	fails += stat(SELF "oom_score_adj", &sb) || sb.st_uid != 1000;
	fails += put(SELF "oom_score_adj", "-1") != -1 || errno != EACCES;
	fails += put(SELF "oom_score_adj", "100") != 3;
	fails += put(SELF "oom_score_adj", "50") != 2;	/* the floor is 0, not 100 */
	fails += put(SELF "oom_score_adj", "-1") != -1 || errno != EACCES;
	fails += put(SELF "oom_adj", "5") != 1;		/* 294 */
	fails += put(SELF "oom_adj", "3") != -1 || errno != EACCES;	/* below the current */
	fails += get_num(SELF "oom_score_adj") != 294;
	fails += open(VM "overcommit_ratio", O_WRONLY) != -1 || errno != EACCES;
	_exit(fails);
}

static void test_oom_user(void)
{
	long adj0 = get_num(SELF "oom_score_adj");

	put(SELF "oom_score_adj", "0");
	is_exited(run_child(as_user, NULL), 0,
		  "uid 1000 by setuid: not dumpable, /proc/self root's until PR_SET_DUMPABLE; "
		  "then EACCES below 0 and below the current legacy value; knobs refuse writers");
	snprintf(buf, sizeof(buf), "%ld", adj0);
	put(SELF "oom_score_adj", buf);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--oom-adj-is"))
		return check_adj_role(argv[2]);
	tap_init();
	test_meminfo();
	test_status();
	test_stat_statm();
	test_maps();
	test_self(argv[0]);
	test_no_names();
	test_pid_dirs();
	test_sysctl();
	test_sysctl_dir();
	test_max_map_count();
	test_oom_root();
	test_oom_user();
	test_oom_adj_life(argv[0]);
	test_oom_adj_legacy();
	return done_testing();
}
