/*
 * proc/sys_cred.c - the credential syscalls (setuid family, getres*id,
 * setfs*id, getgroups/setgroups, capget/capset) and the accessors the
 * rest of the kernel uses: capable(), in_group_p(), copy_creds().
 * Linux: kernel/sys.c, kernel/groups.c, kernel/capability.c.
 *
 * The rules live in proc/cred.c; this file moves values between user
 * space and current->cred.  A task changes only its own credentials and
 * never sleeps half-way through a change, so on one CPU with a
 * non-preemptible kernel nothing can see a partly changed cred.
 * Group arrays are shared by reference count: fork takes a reference,
 * setgroups swaps in a new array, exit drops it.
 */
#include "proc/task.h"
#include "mm/mm.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"

bool capable(int cap)
{
	return cap_raised(current->cred.cap_effective, cap);
}

bool in_group_p(gid_t gid)
{
	return cred_in_group(&current->cred, gid);
}

bool in_egroup_p(gid_t gid)
{
	return gid == current->cred.egid || groups_search(current->cred.group_info, gid);
}

bool kill_ok_by_cred(const struct task *t)
{
	return cred_kill_ok(&current->cred, &t->cred);
}

static void put_group_info(struct group_info *gi)
{
	if (gi && --gi->usage == 0)
		kfree(gi);
}

void copy_creds(struct task *child, const struct task *parent)
{
	child->cred = parent->cred;
	if (child->cred.group_info)
		child->cred.group_info->usage++;
}

void exit_creds(struct task *t)
{
	put_group_info(t->cred.group_info);
	t->cred.group_info = NULL;
}

/* The syscall ABI passes 32-bit ids in 64-bit registers: only the low half counts. */
#define ID(x) ((uint32_t)(x))

/*
 * 6.1's commit_creds: new effective or fs ids, or capabilities the old
 * set did not permit, make the process non-dumpable (fs.suid_dumpable =
 * 0), so its /proc/PID files turn root's.  Returns @ret.
 */
static long creds_committed(const struct cred *old, long ret)
{
	const struct cred *new = &current->cred;

	if ((old->euid != new->euid || old->egid != new->egid || old->fsuid != new->fsuid ||
	     old->fsgid != new->fsgid || (new->cap_permitted & ~old->cap_permitted)) &&
	    current->mm)
		current->mm->dumpable = 0;
	return ret;
}

/* Run a cred change, then commit_creds's dumpability rule. */
#define COMMIT(call) ({ struct cred old_ = current->cred; creds_committed(&old_, (call)); })

long sys_setuid(unsigned long uid, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	return COMMIT(cred_setuid(&current->cred, ID(uid)));
}

long sys_setgid(unsigned long gid, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	return COMMIT(cred_setgid(&current->cred, ID(gid)));
}

long sys_setreuid(unsigned long ruid, unsigned long euid, unsigned long a3,
		  unsigned long a4, unsigned long a5, unsigned long a6)
{
	return COMMIT(cred_setreuid(&current->cred, ID(ruid), ID(euid)));
}

long sys_setregid(unsigned long rgid, unsigned long egid, unsigned long a3,
		  unsigned long a4, unsigned long a5, unsigned long a6)
{
	return COMMIT(cred_setregid(&current->cred, ID(rgid), ID(egid)));
}

long sys_setresuid(unsigned long ruid, unsigned long euid, unsigned long suid,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	return COMMIT(cred_setresuid(&current->cred, ID(ruid), ID(euid), ID(suid)));
}

long sys_setresgid(unsigned long rgid, unsigned long egid, unsigned long sgid,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	return COMMIT(cred_setresgid(&current->cred, ID(rgid), ID(egid), ID(sgid)));
}

/* Three put_user calls in Linux's order: a bad pointer stops at that id. */
static long put_ids(unsigned long ur, unsigned long ue, unsigned long us,
		    uint32_t r, uint32_t e, uint32_t s)
{
	if (copy_to_user((void *)ur, &r, sizeof(r)) ||
	    copy_to_user((void *)ue, &e, sizeof(e)) ||
	    copy_to_user((void *)us, &s, sizeof(s)))
		return -EFAULT;
	return 0;
}

long sys_getresuid(unsigned long ur, unsigned long ue, unsigned long us,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	const struct cred *c = &current->cred;

	return put_ids(ur, ue, us, c->uid, c->euid, c->suid);
}

long sys_getresgid(unsigned long ur, unsigned long ue, unsigned long us,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	const struct cred *c = &current->cred;

	return put_ids(ur, ue, us, c->gid, c->egid, c->sgid);
}

long sys_setfsuid(unsigned long uid, unsigned long a2, unsigned long a3,
		  unsigned long a4, unsigned long a5, unsigned long a6)
{
	return COMMIT(cred_setfsuid(&current->cred, ID(uid)));
}

long sys_setfsgid(unsigned long gid, unsigned long a2, unsigned long a3,
		  unsigned long a4, unsigned long a5, unsigned long a6)
{
	return COMMIT(cred_setfsgid(&current->cred, ID(gid)));
}

long sys_getgroups(unsigned long size, unsigned long ulist, unsigned long a3,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	const struct group_info *gi = current->cred.group_info;
	int n = gi ? gi->ngroups : 0, want = (int)size;

	if (want < 0)
		return -EINVAL;
	if (want == 0)
		return n;
	if (n > want)
		return -EINVAL;
	if (n && copy_to_user((void *)ulist, gi->gid, (size_t)n * sizeof(gid_t)))
		return -EFAULT;
	return n;
}

/* A new group array from user space: sorted, every gid valid. */
static long groups_from_user(int n, unsigned long ulist, struct group_info **out)
{
	struct group_info *gi = kmalloc(sizeof(*gi) + (size_t)n * sizeof(gid_t), GFP_KERNEL);

	if (!gi)
		return -ENOMEM;
	gi->usage = 1;
	gi->ngroups = n;
	if (n && copy_from_user(gi->gid, (void *)ulist, (size_t)n * sizeof(gid_t))) {
		kfree(gi);
		return -EFAULT;
	}
	for (int i = 0; i < n; i++) {
		if (gi->gid[i] == INVALID_GID) {
			kfree(gi);
			return -EINVAL;
		}
	}
	groups_sort(gi);
	*out = gi;
	return 0;
}

long sys_setgroups(unsigned long size, unsigned long ulist, unsigned long a3,
		   unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct group_info *gi;
	long err;

	if (!capable(CAP_SETGID))
		return -EPERM;
	if ((unsigned int)size > NGROUPS_MAX)
		return -EINVAL;
	gi = NULL;
	if (size) {
		err = groups_from_user((int)size, ulist, &gi);
		if (err)
			return err;
	}
	put_group_info(current->cred.group_info);
	current->cred.group_info = gi;
	return 0;
}

/* capget/capset: the header and the per-32-capability data words. */
struct cap_header_user {
	uint32_t version;
	int pid;
};

struct cap_data_user {
	uint32_t effective, permitted, inheritable;
};

/*
 * Read the header version: the number of data words, or -EINVAL after
 * writing the kernel's preferred version back (how libcap probes), or
 * -EFAULT.
 */
static int cap_validate_magic(struct cap_header_user *uh)
{
	uint32_t version, preferred = _KERNEL_CAPABILITY_VERSION;
	int words;

	if (copy_from_user(&version, &uh->version, sizeof(version)))
		return -EFAULT;
	words = cap_version_words(version);
	if (words < 0 && copy_to_user(&uh->version, &preferred, sizeof(preferred)))
		return -EFAULT;
	return words;
}

/* The task capget reports on: pid 0 or our own pid is current. */
static struct task *cap_target(int pid)
{
	if (pid == 0 || pid == current->pid)
		return current;
	return find_task_by_pid(pid);
}

long sys_capget(unsigned long uhdr, unsigned long udata, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct cap_header_user *uh = (void *)uhdr;
	struct cap_data_user d[2];
	struct task *t;
	int words = cap_validate_magic(uh), pid;

	if (!udata)		/* a version probe succeeds whatever it learnt */
		return words == -EINVAL ? 0 : words < 0 ? words : 0;
	if (words < 0)
		return words;
	if (copy_from_user(&pid, &uh->pid, sizeof(pid)))
		return -EFAULT;
	if (pid < 0)
		return -EINVAL;
	t = cap_target(pid);
	if (!t)
		return -ESRCH;
	for (int i = 0; i < 2; i++) {
		d[i].effective = (uint32_t)(t->cred.cap_effective >> (32 * i));
		d[i].permitted = (uint32_t)(t->cred.cap_permitted >> (32 * i));
		d[i].inheritable = (uint32_t)(t->cred.cap_inheritable >> (32 * i));
	}
	if (copy_to_user((void *)udata, d, (size_t)words * sizeof(d[0])))
		return -EFAULT;
	return 0;
}

static kernel_cap_t cap_join(const struct cap_data_user *d, int words, size_t field)
{
	kernel_cap_t set = 0;

	for (int i = 0; i < words; i++)
		set |= (kernel_cap_t)*(const uint32_t *)((const char *)&d[i] + field) << (32 * i);
	return set & CAP_FULL_SET;
}

long sys_capset(unsigned long uhdr, unsigned long udata, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct cap_header_user *uh = (void *)uhdr;
	struct cap_data_user d[2];
	kernel_cap_t eff, inh, perm;
	struct cred *c = &current->cred;
	int words = cap_validate_magic(uh), pid, err;

	if (words < 0)
		return words;
	if (copy_from_user(&pid, &uh->pid, sizeof(pid)))
		return -EFAULT;
	if (pid != 0 && pid != current->pid)
		return -EPERM;		/* only the caller's own sets may change */
	if (copy_from_user(d, (void *)udata, (size_t)words * sizeof(d[0])))
		return -EFAULT;
	eff = cap_join(d, words, offsetof(struct cap_data_user, effective));
	inh = cap_join(d, words, offsetof(struct cap_data_user, inheritable));
	perm = cap_join(d, words, offsetof(struct cap_data_user, permitted));
	err = cap_capset_check(c, eff, inh, perm);
	if (err)
		return err;
	c->cap_effective = eff;
	c->cap_inheritable = inh;
	c->cap_permitted = perm;
	c->cap_ambient &= perm & inh;
	return 0;
}
