/*
 * proc/cred.h - a task's credentials: user and group ids, supplementary
 * groups and capability sets (Linux: include/linux/cred.h,
 * include/uapi/linux/capability.h).
 *
 * Each task has its own struct cred, embedded in struct task: fork copies
 * it (copy_creds), execve transforms it (cred_exec), the set*id and
 * capset calls change current's only.  Supplementary groups are a
 * reference-counted, sorted array shared between copies; NULL means none.
 *
 * Capabilities follow Linux's model for a system without file
 * capabilities: root (euid 0) normally holds every capability because
 * execve gives a root process the full permitted and effective sets, and
 * the uid-change rules (cred_fix_setuid) clear or restore them as
 * commoncap does.  capable() tests the effective set and nothing else:
 * it is the one source of truth for privilege checks.
 *
 * The functions in proc/cred.c are pure (no current, no allocation) so the
 * host unit tests run them unchanged.
 */
#ifndef PROC_CRED_H
#define PROC_CRED_H

#include "kernel/types.h"

/* Linux's capability numbers (uapi/linux/capability.h). */
#define CAP_CHOWN		0
#define CAP_DAC_OVERRIDE	1
#define CAP_DAC_READ_SEARCH	2
#define CAP_FOWNER		3
#define CAP_FSETID		4
#define CAP_KILL		5
#define CAP_SETGID		6
#define CAP_SETUID		7
#define CAP_SETPCAP		8
#define CAP_LINUX_IMMUTABLE	9
#define CAP_IPC_LOCK		14
#define CAP_SYS_RAWIO		17
#define CAP_SYS_ADMIN		21
#define CAP_SYS_RESOURCE	24
#define CAP_MKNOD		27
#define CAP_MAC_OVERRIDE	32
#define CAP_SYSLOG		34
#define CAP_LAST_CAP		40	/* CAP_CHECKPOINT_RESTORE, as in 6.1 */

/* Bit n is capability n (6.1 keeps two u32 words: the same bits). */
typedef uint64_t kernel_cap_t;

#define CAP_TO_MASK(c)	(1ULL << (c))
#define CAP_FULL_SET	((1ULL << (CAP_LAST_CAP + 1)) - 1)
/* What a change of fsuid to or from 0 drops or restores (CAP_FS_SET). */
#define CAP_FS_SET	(CAP_TO_MASK(CAP_CHOWN) | CAP_TO_MASK(CAP_DAC_OVERRIDE) | \
			 CAP_TO_MASK(CAP_DAC_READ_SEARCH) | CAP_TO_MASK(CAP_FOWNER) | \
			 CAP_TO_MASK(CAP_FSETID) | CAP_TO_MASK(CAP_LINUX_IMMUTABLE) | \
			 CAP_TO_MASK(CAP_MKNOD) | CAP_TO_MASK(CAP_MAC_OVERRIDE))

/* capget/capset header versions. */
#define _LINUX_CAPABILITY_VERSION_1	0x19980330
#define _LINUX_CAPABILITY_VERSION_2	0x20071026	/* deprecated */
#define _LINUX_CAPABILITY_VERSION_3	0x20080522
#define _KERNEL_CAPABILITY_VERSION	_LINUX_CAPABILITY_VERSION_3

#define NGROUPS_MAX	65536
#define INVALID_UID	((uid_t)-1)
#define INVALID_GID	((gid_t)-1)

struct group_info {
	int usage;			/* creds sharing this array */
	int ngroups;
	gid_t gid[];			/* sorted ascending */
};

struct cred {
	uid_t uid, euid, suid, fsuid;	/* real, effective, saved, file system */
	gid_t gid, egid, sgid, fsgid;
	kernel_cap_t cap_inheritable;	/* kept across execve */
	kernel_cap_t cap_permitted;	/* the most effective may hold */
	kernel_cap_t cap_effective;	/* what capable() checks */
	kernel_cap_t cap_bset;		/* bounding set: root's permitted at exec */
	kernel_cap_t cap_ambient;	/* unused until prctl(PR_CAP_AMBIENT) */
	struct group_info *group_info;	/* NULL: no supplementary groups */
};

/* How the uids changed, for cred_fix_setuid (Linux's LSM_SETID_*). */
enum setid_kind { SETID_ID, SETID_RE, SETID_RES, SETID_FS };

/* proc/cred.c: pure rules. Each returns 0 or -errno and changes *c only on success. */
void cred_init_root(struct cred *c);		/* init_cred: uid 0, every capability */
int cred_setuid(struct cred *c, uid_t uid);
int cred_setreuid(struct cred *c, uid_t ruid, uid_t euid);
int cred_setresuid(struct cred *c, uid_t ruid, uid_t euid, uid_t suid);
int cred_setgid(struct cred *c, gid_t gid);
int cred_setregid(struct cred *c, gid_t rgid, gid_t egid);
int cred_setresgid(struct cred *c, gid_t rgid, gid_t egid, gid_t sgid);
/* setfsuid/setfsgid never fail: they return the old value, changed or not. */
uid_t cred_setfsuid(struct cred *c, uid_t uid);
gid_t cred_setfsgid(struct cred *c, gid_t gid);
/* commoncap's cap_task_fix_setuid: adjust capability sets after a uid change. */
void cred_fix_setuid(struct cred *new, const struct cred *old, enum setid_kind kind);
/* execve of a file without capabilities or set-id bits; returns AT_SECURE. */
bool cred_exec(struct cred *c);
/* Header version -> number of u32 data words (1 or 2), or -EINVAL. */
int cap_version_words(uint32_t version);
/* capset's rules (cap_capset): 0 if old may switch to the three sets, else -EPERM. */
int cap_capset_check(const struct cred *old, kernel_cap_t eff, kernel_cap_t inh,
		     kernel_cap_t perm);
void groups_sort(struct group_info *gi);
bool groups_search(const struct group_info *gi, gid_t gid);
bool cred_in_group(const struct cred *c, gid_t gid);	/* fsgid or a supplementary group */
/*
 * Linux's kill_ok_by_cred: the sender's real or effective uid equals the
 * target's real or saved uid, or the sender has CAP_KILL.  (kill(2) also
 * allows SIGCONT within one session: that rule is the caller's.)
 */
bool cred_kill_ok(const struct cred *sender, const struct cred *target);

static inline bool cap_raised(kernel_cap_t set, int cap)
{
	return cap >= 0 && cap <= CAP_LAST_CAP && (set & CAP_TO_MASK(cap));
}

/* proc/sys_cred.c: the current task's view. */
bool capable(int cap);			/* cap in current's effective set */
bool in_group_p(gid_t gid);		/* fsgid or supplementary group of current */
bool in_egroup_p(gid_t gid);		/* egid or supplementary group of current */
struct task;
bool kill_ok_by_cred(const struct task *t);	/* may current signal @t? */
/* fork: the child shares the parent's group array (one more reference). */
void copy_creds(struct task *child, const struct task *parent);
/* Drop the task's group array (exit and task_free; safe to call twice). */
void exit_creds(struct task *t);

#endif
