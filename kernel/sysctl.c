/*
 * kernel/sysctl.c - the text side of sysctl knobs: 6.1's
 * proc_dointvec, proc_dointvec_minmax and proc_doulongvec_minmax for one
 * value, and the vm table with its handlers (Linux: kernel/sysctl.c,
 * mm/util.c overcommit_*_handler, mm/page_alloc.c watermark handlers).
 * Pure: no user memory, no current; host unit tests run it unchanged.
 */
#include "kernel/sysctl.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "mm/vm_sysctl.h"
#include "mm/swap.h"

const int sysctl_zero = 0, sysctl_one = 1, sysctl_two = 2, sysctl_four = 4,
	  sysctl_two_hundred = 200, sysctl_three_thousand = 3000;

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static void skip_spaces(char **p, size_t *left)
{
	while (*left && is_space(**p)) {
		(*p)++;
		(*left)--;
	}
}

static int digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return 99;
}

/* strtoul_lenient with base 0: the digits at @p, *end after them; -ERANGE on overflow. */
static int parse_ulong(char *p, char **end, unsigned long *val)
{
	unsigned int base = 10;
	unsigned long v = 0;

	if (p[0] == '0') {
		base = 8;
		if ((p[1] | 0x20) == 'x' && digit(p[2]) < 16) {
			base = 16;
			p += 2;
		}
	}
	for (; digit(*p) < (int)base; p++) {
		if (v > (ULONG_MAX - (unsigned long)digit(*p)) / base)
			return -ERANGE;
		v = v * base + (unsigned long)digit(*p);
	}
	*end = p;
	*val = v;
	return 0;
}

#define TMPBUFLEN 22

/* proc_get_long: one number, which " \t\n" or the end must follow. */
static int get_long(char **buf, size_t *size, unsigned long *val, bool *neg)
{
	char tmp[TMPBUFLEN], *p = tmp;
	size_t len = MIN(*size, (size_t)TMPBUFLEN - 1);

	memcpy(tmp, *buf, len);
	tmp[len] = 0;
	*neg = *p == '-' && *size > 1;
	if (*neg)
		p++;
	if (digit(*p) > 9 || parse_ulong(p, &p, val))
		return -EINVAL;
	len = (size_t)(p - tmp);
	if (len == TMPBUFLEN - 1)
		return -EINVAL;	/* too long to know it ended */
	if (len < *size && *p != ' ' && *p != '\t' && *p != '\n')
		return -EINVAL;
	*buf += len;
	*size -= len;
	return 0;
}

/* Print one value and a newline, for a read at position 0. */
static void put_value(char *buf, size_t *lenp, long *ppos, bool neg, unsigned long v)
{
	char tmp[TMPBUFLEN + 2];
	size_t n = (size_t)snprintf(tmp, sizeof(tmp), "%s%lu\n", neg ? "-" : "", v);

	if (*ppos) {
		*lenp = 0;
		return;
	}
	n = MIN(n, *lenp);
	memcpy(buf, tmp, n);
	*lenp = n;
	*ppos += (long)n;
}

/* The number a write holds, into @val and @neg; -EINVAL, or 1 for "ignore" (pos > 0). */
static int get_value(char *buf, size_t *lenp, long *ppos, unsigned long *val, bool *neg)
{
	size_t left = MIN(*lenp, (size_t)4095);	/* PAGE_SIZE - 1 */
	char *p = buf;
	int err;

	if (*ppos) {
		*ppos += (long)*lenp;
		return 1;	/* SYSCTL_WRITES_STRICT: not at the start, nothing done */
	}
	skip_spaces(&p, &left);
	if (!left)
		return -EINVAL;
	err = get_long(&p, &left, val, neg);
	if (err)
		return err;
	skip_spaces(&p, &left);
	*lenp -= left;
	*ppos += (long)*lenp;
	return 0;
}

/* An int from (neg, v), or -EINVAL if it does not fit (do_proc_dointvec_conv). */
static int to_int(bool neg, unsigned long v, int *out)
{
	if (neg ? v > (unsigned long)INT_MAX + 1 : v > (unsigned long)INT_MAX)
		return -EINVAL;
	*out = neg ? (int)-(long)v : (int)v;
	return 0;
}

static int do_int(const struct ctl_table *t, bool write, char *buf, size_t *lenp,
		  long *ppos, const int *min, const int *max)
{
	int *ip = t->data, v, err;
	unsigned long lv;
	bool neg;

	if (!*lenp)
		return 0;
	if (!write) {
		put_value(buf, lenp, ppos, *ip < 0, *ip < 0 ? -(unsigned long)*ip : (unsigned long)*ip);
		return 0;
	}
	err = get_value(buf, lenp, ppos, &lv, &neg);
	if (err)
		return err > 0 ? 0 : err;
	if (to_int(neg, lv, &v) || (min && v < *min) || (max && v > *max))
		return -EINVAL;
	*ip = v;
	return 0;
}

int proc_dointvec(const struct ctl_table *t, bool write, char *buf, size_t *lenp, long *ppos)
{
	return do_int(t, write, buf, lenp, ppos, NULL, NULL);
}

int proc_dointvec_minmax(const struct ctl_table *t, bool write, char *buf, size_t *lenp,
			 long *ppos)
{
	return do_int(t, write, buf, lenp, ppos, t->extra1, t->extra2);
}

int proc_doulongvec_minmax(const struct ctl_table *t, bool write, char *buf, size_t *lenp,
			   long *ppos)
{
	unsigned long *up = t->data, v;
	const unsigned long *min = t->extra1, *max = t->extra2;
	bool neg;
	int err;

	if (!*lenp)
		return 0;
	if (!write) {
		put_value(buf, lenp, ppos, false, *up);
		return 0;
	}
	err = get_value(buf, lenp, ppos, &v, &neg);
	if (err)
		return err > 0 ? 0 : err;
	if (neg || (min && v < *min) || (max && v > *max))
		return -EINVAL;
	*up = v;
	return 0;
}

/* vm.overcommit_memory: 0..2 (the batch and per-CPU sync of 6.1 have no use on one CPU). */
int overcommit_policy_handler(const struct ctl_table *t, bool write, char *buf, size_t *lenp,
			      long *ppos)
{
	return proc_dointvec_minmax(t, write, buf, lenp, ppos);
}

/* Setting the ratio clears overcommit_kbytes, and the other way round. */
int overcommit_ratio_handler(const struct ctl_table *t, bool write, char *buf, size_t *lenp,
			     long *ppos)
{
	int ret = proc_dointvec(t, write, buf, lenp, ppos);

	if (ret == 0 && write)
		sysctl_overcommit_kbytes = 0;
	return ret;
}

int overcommit_kbytes_handler(const struct ctl_table *t, bool write, char *buf, size_t *lenp,
			      long *ppos)
{
	int ret = proc_doulongvec_minmax(t, write, buf, lenp, ppos);

	if (ret == 0 && write)
		sysctl_overcommit_ratio = 0;
	return ret;
}

int min_free_kbytes_sysctl_handler(const struct ctl_table *t, bool write, char *buf,
				   size_t *lenp, long *ppos)
{
	int ret = proc_dointvec_minmax(t, write, buf, lenp, ppos);

	if (ret == 0 && write) {
		user_min_free_kbytes = min_free_kbytes;
		setup_per_zone_wmarks();
	}
	return ret;
}

int watermark_scale_factor_sysctl_handler(const struct ctl_table *t, bool write, char *buf,
					  size_t *lenp, long *ppos)
{
	int ret = proc_dointvec_minmax(t, write, buf, lenp, ppos);

	if (ret == 0 && write)
		setup_per_zone_wmarks();
	return ret;
}

/* /proc/sys/vm, in the order getdents lists them: by name, as 6.1's rbtree of entries. */
const struct ctl_table vm_table[] = {
	{ "admin_reserve_kbytes", &sysctl_admin_reserve_kbytes, 0644, proc_doulongvec_minmax,
	  NULL, NULL },
	{ "drop_caches", &sysctl_drop_caches, 0200, drop_caches_sysctl_handler, &sysctl_one,
	  &sysctl_four },
	{ "max_map_count", &sysctl_max_map_count, 0644, proc_dointvec_minmax, &sysctl_zero,
	  NULL },
	{ "min_free_kbytes", &min_free_kbytes, 0644, min_free_kbytes_sysctl_handler,
	  &sysctl_zero, NULL },
	{ "oom_dump_tasks", &sysctl_oom_dump_tasks, 0644, proc_dointvec, NULL, NULL },
	{ "oom_kill_allocating_task", &sysctl_oom_kill_allocating_task, 0644, proc_dointvec,
	  NULL, NULL },
	{ "overcommit_kbytes", &sysctl_overcommit_kbytes, 0644, overcommit_kbytes_handler,
	  NULL, NULL },
	{ "overcommit_memory", &sysctl_overcommit_memory, 0644, overcommit_policy_handler,
	  &sysctl_zero, &sysctl_two },
	{ "overcommit_ratio", &sysctl_overcommit_ratio, 0644, overcommit_ratio_handler,
	  NULL, NULL },
	{ "page-cluster", &page_cluster, 0644, proc_dointvec_minmax, &sysctl_zero, NULL },
	{ "panic_on_oom", &sysctl_panic_on_oom, 0644, proc_dointvec_minmax,
	  &sysctl_zero, &sysctl_two },
	{ "swappiness", &vm_swappiness, 0644, proc_dointvec_minmax, &sysctl_zero,
	  &sysctl_two_hundred },
	{ "user_reserve_kbytes", &sysctl_user_reserve_kbytes, 0644, proc_doulongvec_minmax,
	  NULL, NULL },
	{ "watermark_scale_factor", &watermark_scale_factor, 0644,
	  watermark_scale_factor_sysctl_handler, &sysctl_one, &sysctl_three_thousand },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
