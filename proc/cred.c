/*
 * proc/cred.c - the rules of user/group id changes and capability sets,
 * as pure functions of a struct cred (Linux: kernel/sys.c, kernel/groups.c,
 * kernel/capability.c, security/commoncap.c).
 *
 * The caller hands in a copy of the current credentials; a rule either
 * refuses (-EPERM / -EINVAL, the copy untouched) or rewrites it.
 * Privilege is always the capability in the copy's effective set, never
 * "uid == 0": a root process that dropped CAP_SETUID with capset is
 * refused, as on Linux.  The one namespace is the initial one, where
 * every uid but (uid_t)-1 is valid.
 */
#include "proc/cred.h"
#include "kernel/errno.h"

void cred_init_root(struct cred *c)
{
	*c = (struct cred){ 0 };
	c->cap_permitted = c->cap_effective = c->cap_bset = CAP_FULL_SET;
}

static bool has(const struct cred *c, int cap)
{
	return cap_raised(c->cap_effective, cap);
}

/* True when @id is one of the three ids (the unprivileged rule). */
static bool is_one_of(uint32_t id, uint32_t a, uint32_t b, uint32_t c)
{
	return id == a || id == b || id == c;
}

/*
 * commoncap's rule: leaving root in every uid drops all capabilities;
 * a euid leaving 0 clears the effective set; a euid becoming 0 makes
 * the effective set the permitted one.  (No SECURE_KEEP_CAPS: prctl
 * securebits do not exist here.)
 */
static void emulate_setxuid(struct cred *new, const struct cred *old)
{
	bool was_root = old->uid == 0 || old->euid == 0 || old->suid == 0;
	bool no_root = new->uid != 0 && new->euid != 0 && new->suid != 0;

	if (was_root && no_root) {
		new->cap_permitted = 0;
		new->cap_effective = 0;
		new->cap_ambient = 0;
	}
	if (old->euid == 0 && new->euid != 0)
		new->cap_effective = 0;
	if (old->euid != 0 && new->euid == 0)
		new->cap_effective = new->cap_permitted;
}

void cred_fix_setuid(struct cred *new, const struct cred *old, enum setid_kind kind)
{
	if (kind != SETID_FS) {
		emulate_setxuid(new, old);
		return;
	}
	if (old->fsuid == 0 && new->fsuid != 0)
		new->cap_effective &= ~CAP_FS_SET;
	if (old->fsuid != 0 && new->fsuid == 0)
		new->cap_effective |= new->cap_permitted & CAP_FS_SET;
}

/* Commit @new over *c after the capability fix-up for @kind. */
static int commit_uids(struct cred *c, struct cred *new, enum setid_kind kind)
{
	cred_fix_setuid(new, c, kind);
	*c = *new;
	return 0;
}

int cred_setuid(struct cred *c, uid_t uid)
{
	struct cred new = *c;

	if (uid == INVALID_UID)
		return -EINVAL;
	if (has(c, CAP_SETUID))
		new.uid = new.suid = uid;
	else if (uid != c->uid && uid != c->suid)
		return -EPERM;
	new.euid = new.fsuid = uid;
	return commit_uids(c, &new, SETID_ID);
}

int cred_setreuid(struct cred *c, uid_t ruid, uid_t euid)
{
	struct cred new = *c;
	bool priv = has(c, CAP_SETUID);

	if (ruid != INVALID_UID) {
		if (ruid != c->uid && ruid != c->euid && !priv)
			return -EPERM;
		new.uid = ruid;
	}
	if (euid != INVALID_UID) {
		if (!is_one_of(euid, c->uid, c->euid, c->suid) && !priv)
			return -EPERM;
		new.euid = euid;
	}
	/* The saved uid follows a real-uid change or a euid other than the old real uid. */
	if (ruid != INVALID_UID || (euid != INVALID_UID && euid != c->uid))
		new.suid = new.euid;
	new.fsuid = new.euid;
	return commit_uids(c, &new, SETID_RE);
}

int cred_setresuid(struct cred *c, uid_t ruid, uid_t euid, uid_t suid)
{
	struct cred new = *c;
	bool ask = (ruid != INVALID_UID && !is_one_of(ruid, c->uid, c->euid, c->suid)) ||
		   (euid != INVALID_UID && !is_one_of(euid, c->uid, c->euid, c->suid)) ||
		   (suid != INVALID_UID && !is_one_of(suid, c->uid, c->euid, c->suid));

	if (ask && !has(c, CAP_SETUID))
		return -EPERM;
	if (ruid != INVALID_UID)
		new.uid = ruid;
	if (euid != INVALID_UID)
		new.euid = euid;
	if (suid != INVALID_UID)
		new.suid = suid;
	new.fsuid = new.euid;
	return commit_uids(c, &new, SETID_RES);
}

int cred_setgid(struct cred *c, gid_t gid)
{
	if (gid == INVALID_GID)
		return -EINVAL;
	if (has(c, CAP_SETGID)) {
		c->gid = c->egid = c->sgid = c->fsgid = gid;
		return 0;
	}
	if (gid != c->gid && gid != c->sgid)
		return -EPERM;
	c->egid = c->fsgid = gid;
	return 0;
}

int cred_setregid(struct cred *c, gid_t rgid, gid_t egid)
{
	struct cred new = *c;
	bool priv = has(c, CAP_SETGID);

	if (rgid != INVALID_GID) {
		if (rgid != c->gid && rgid != c->egid && !priv)
			return -EPERM;
		new.gid = rgid;
	}
	if (egid != INVALID_GID) {
		if (!is_one_of(egid, c->gid, c->egid, c->sgid) && !priv)
			return -EPERM;
		new.egid = egid;
	}
	if (rgid != INVALID_GID || (egid != INVALID_GID && egid != c->gid))
		new.sgid = new.egid;
	new.fsgid = new.egid;
	*c = new;
	return 0;
}

int cred_setresgid(struct cred *c, gid_t rgid, gid_t egid, gid_t sgid)
{
	bool ask = (rgid != INVALID_GID && !is_one_of(rgid, c->gid, c->egid, c->sgid)) ||
		   (egid != INVALID_GID && !is_one_of(egid, c->gid, c->egid, c->sgid)) ||
		   (sgid != INVALID_GID && !is_one_of(sgid, c->gid, c->egid, c->sgid));

	if (ask && !has(c, CAP_SETGID))
		return -EPERM;
	if (rgid != INVALID_GID)
		c->gid = rgid;
	if (egid != INVALID_GID)
		c->egid = egid;
	if (sgid != INVALID_GID)
		c->sgid = sgid;
	c->fsgid = c->egid;
	return 0;
}

uid_t cred_setfsuid(struct cred *c, uid_t uid)
{
	uid_t old = c->fsuid;
	struct cred new = *c;

	if (uid == INVALID_UID || uid == old)
		return old;
	if (!is_one_of(uid, c->uid, c->euid, c->suid) && !has(c, CAP_SETUID))
		return old;
	new.fsuid = uid;
	commit_uids(c, &new, SETID_FS);
	return old;
}

gid_t cred_setfsgid(struct cred *c, gid_t gid)
{
	gid_t old = c->fsgid;

	if (gid == INVALID_GID || gid == old)
		return old;
	if (is_one_of(gid, c->gid, c->egid, c->sgid) || has(c, CAP_SETGID))
		c->fsgid = gid;
	return old;
}

/*
 * cap_bprm_creds_from_file for a file with no capabilities and no set-id
 * bits: a real or effective root gets the bounding set plus its
 * inheritable set as permitted, and those become effective only for an
 * effective root; anyone else keeps just the ambient set.  The saved and
 * file-system ids take the effective ones.  Linux counts an exec whose
 * effective ids differ from the real ones as "set-id" even without set-id
 * bits: that clears the ambient set and makes the exec secure (AT_SECURE),
 * as does a non-root real uid gaining capabilities (then euid is 0 and
 * differs from it anyway).
 */
bool cred_exec(struct cred *c)
{
	bool is_setid = c->euid != c->uid || c->egid != c->gid;
	kernel_cap_t perm = 0;

	if (is_setid)
		c->cap_ambient = 0;
	if (c->uid == 0 || c->euid == 0)
		perm = c->cap_bset | c->cap_inheritable;
	c->cap_permitted = perm | c->cap_ambient;
	c->cap_effective = c->euid == 0 ? c->cap_permitted : c->cap_ambient;
	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
	return is_setid;
}

int cap_version_words(uint32_t version)
{
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1:
		return 1;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		return 2;
	}
	return -EINVAL;
}

static bool subset(kernel_cap_t a, kernel_cap_t b)
{
	return (a & ~b) == 0;
}

int cap_capset_check(const struct cred *old, kernel_cap_t eff, kernel_cap_t inh,
		     kernel_cap_t perm)
{
	/* Without CAP_SETPCAP, new inheritable bits must come from the permitted set. */
	if (!has(old, CAP_SETPCAP) &&
	    !subset(inh, old->cap_inheritable | old->cap_permitted))
		return -EPERM;
	if (!subset(inh, old->cap_inheritable | old->cap_bset))
		return -EPERM;
	if (!subset(perm, old->cap_permitted))
		return -EPERM;
	if (!subset(eff, perm))
		return -EPERM;
	return 0;
}

static void sift_down(gid_t *g, int root, int n)
{
	for (;;) {
		int child = 2 * root + 1;
		gid_t t;

		if (child >= n)
			return;
		if (child + 1 < n && g[child + 1] > g[child])
			child++;
		if (g[root] >= g[child])
			return;
		t = g[root];
		g[root] = g[child];
		g[child] = t;
		root = child;
	}
}

/* Heapsort: in place and O(n log n) even for NGROUPS_MAX entries. */
void groups_sort(struct group_info *gi)
{
	gid_t *g = gi->gid, t;

	for (int i = gi->ngroups / 2 - 1; i >= 0; i--)
		sift_down(g, i, gi->ngroups);
	for (int n = gi->ngroups - 1; n > 0; n--) {
		t = g[0];
		g[0] = g[n];
		g[n] = t;
		sift_down(g, 0, n);
	}
}

bool groups_search(const struct group_info *gi, gid_t gid)
{
	int lo = 0, hi = gi ? gi->ngroups : 0;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (gi->gid[mid] == gid)
			return true;
		if (gi->gid[mid] < gid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool cred_kill_ok(const struct cred *sender, const struct cred *target)
{
	return sender->euid == target->suid || sender->euid == target->uid ||
	       sender->uid == target->suid || sender->uid == target->uid ||
	       has(sender, CAP_KILL);
}

bool cred_in_group(const struct cred *c, gid_t gid)
{
	return gid == c->fsgid || groups_search(c->group_info, gid);
}
