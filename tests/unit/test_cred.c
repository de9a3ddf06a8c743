/*
 * Unit tests of proc/cred.c: the uid/gid change rules, the capability
 * transitions of commoncap, capset's subset rules, the capget version
 * table and the group array helpers.  Expected values are what Linux 6.1
 * does (checked with tests/t_creds.c and t_ids.c on a Linux host).
 */
#include <check.h>
#include <stdlib.h>
#include "proc/cred.h"
#include "kernel/errno.h"
#include "unit.h"

static struct cred root(void)
{
	struct cred c;

	cred_init_root(&c);
	cred_exec(&c);		/* what /init gets */
	return c;
}

START_TEST(root_has_everything)
{
	struct cred c = root();

	ck_assert(c.cap_effective == CAP_FULL_SET);
	ck_assert(c.cap_permitted == CAP_FULL_SET);
	ck_assert(c.cap_inheritable == 0);
	ck_assert((uint32_t)(CAP_FULL_SET >> 32) == 0x1ff);
}
END_TEST

START_TEST(setuid_drops_all)
{
	struct cred c = root();

	ck_assert_int_eq(cred_setuid(&c, 1000), 0);
	ck_assert(c.uid == 1000 && c.euid == 1000 && c.suid == 1000 && c.fsuid == 1000);
	ck_assert(c.cap_effective == 0 && c.cap_permitted == 0);
	ck_assert_int_eq(cred_setuid(&c, 0), -EPERM);
	ck_assert_int_eq(cred_setresuid(&c, 0, 0, 0), -EPERM);
	ck_assert_int_eq(cred_setuid(&c, 1000), 0);
	ck_assert_int_eq(cred_setuid(&c, INVALID_UID), -EINVAL);
	ck_assert_int_eq(cred_setgid(&c, 5000), -EPERM);
}
END_TEST

START_TEST(euid_only_keeps_permitted)
{
	struct cred c = root();

	ck_assert_int_eq(cred_setresuid(&c, INVALID_UID, 1000, INVALID_UID), 0);
	ck_assert(c.uid == 0 && c.euid == 1000 && c.suid == 0 && c.fsuid == 1000);
	ck_assert(c.cap_effective == 0 && c.cap_permitted == CAP_FULL_SET);
	/* Unprivileged now, but 0 is the real and saved uid. */
	ck_assert_int_eq(cred_setresuid(&c, INVALID_UID, 0, INVALID_UID), 0);
	ck_assert(c.cap_effective == CAP_FULL_SET);
}
END_TEST

START_TEST(setreuid_saved_rule)
{
	struct cred c = root();

	/* euid != old ruid: suid follows the euid. */
	ck_assert_int_eq(cred_setreuid(&c, INVALID_UID, 1000), 0);
	ck_assert(c.uid == 0 && c.euid == 1000 && c.suid == 1000);
	ck_assert(c.cap_effective == 0 && c.cap_permitted == CAP_FULL_SET);
	/* Swap back: allowed because 0 is the real uid. */
	ck_assert_int_eq(cred_setreuid(&c, INVALID_UID, 0), 0);
	ck_assert(c.euid == 0 && c.suid == 1000);
	c = root();
	ck_assert_int_eq(cred_setreuid(&c, 1000, 2000), 0);
	ck_assert(c.uid == 1000 && c.euid == 2000 && c.suid == 2000 && c.cap_permitted == 0);
	/* Unprivileged: ruid may become the euid, euid any of the three. */
	ck_assert_int_eq(cred_setreuid(&c, 2000, 1000), 0);
	ck_assert(c.uid == 2000 && c.euid == 1000 && c.suid == 1000);
	ck_assert_int_eq(cred_setreuid(&c, 3000, INVALID_UID), -EPERM);
	ck_assert_int_eq(cred_setreuid(&c, INVALID_UID, 3000), -EPERM);
}
END_TEST

START_TEST(fsuid_rules)
{
	struct cred c = root();

	ck_assert_uint_eq(cred_setfsuid(&c, 1000), 0);
	ck_assert_uint_eq(c.fsuid, 1000);
	ck_assert(!cap_raised(c.cap_effective, CAP_CHOWN));
	ck_assert(!cap_raised(c.cap_effective, CAP_MAC_OVERRIDE));
	ck_assert(cap_raised(c.cap_effective, CAP_SETUID));
	ck_assert_uint_eq(cred_setfsuid(&c, INVALID_UID), 1000);	/* a query */
	ck_assert_uint_eq(cred_setfsuid(&c, 0), 1000);
	ck_assert(c.cap_effective == CAP_FULL_SET);
	ck_assert_int_eq(cred_setuid(&c, 1000), 0);
	ck_assert_uint_eq(cred_setfsuid(&c, 5), 1000);	/* refused: unchanged */
	ck_assert_uint_eq(c.fsuid, 1000);
	ck_assert_uint_eq(cred_setfsgid(&c, 5), 0);	/* still CAP_SETGID? no: caps gone */
	ck_assert_uint_eq(c.fsgid, 0);
}
END_TEST

START_TEST(gid_rules)
{
	struct cred c = root();

	ck_assert_int_eq(cred_setresgid(&c, 2000, 2001, 2002), 0);
	ck_assert(c.gid == 2000 && c.egid == 2001 && c.sgid == 2002 && c.fsgid == 2001);
	ck_assert_int_eq(cred_setregid(&c, INVALID_GID, 3000), 0);	/* root: anything */
	ck_assert(c.egid == 3000 && c.sgid == 3000);
	ck_assert_int_eq(cred_setuid(&c, 1000), 0);
	ck_assert_int_eq(cred_setgid(&c, 2000), 0);			/* the real gid */
	ck_assert(c.gid == 2000 && c.egid == 2000 && c.sgid == 3000);
	ck_assert_int_eq(cred_setgid(&c, 2001), -EPERM);
	ck_assert_int_eq(cred_setresgid(&c, 3000, 3000, 2000), 0);
	ck_assert_int_eq(cred_setresgid(&c, 7, INVALID_GID, INVALID_GID), -EPERM);
}
END_TEST

START_TEST(exec_transitions)
{
	struct cred c = root();

	ck_assert(!cred_exec(&c));	/* root everywhere: not a secure exec */
	ck_assert_int_eq(cred_setresuid(&c, INVALID_UID, 1000, INVALID_UID), 0);
	ck_assert(cred_exec(&c));	/* euid != uid: AT_SECURE; real root: permitted full */
	ck_assert(c.suid == 1000 && c.fsuid == 1000);
	ck_assert(c.cap_permitted == CAP_FULL_SET && c.cap_effective == 0);
	c = root();
	ck_assert_int_eq(cred_setreuid(&c, 1000, 0), 0);
	cred_exec(&c);		/* effective root: everything */
	ck_assert(c.cap_effective == CAP_FULL_SET);
	ck_assert_int_eq(cred_setuid(&c, 1000), 0);
	ck_assert(!cred_exec(&c));
	ck_assert(c.cap_permitted == 0 && c.cap_effective == 0);
	ck_assert_int_eq(cred_setresgid(&c, INVALID_GID, 5, INVALID_GID), -EPERM);
	c.egid = 5;
	ck_assert(cred_exec(&c));	/* egid != gid counts too */
}
END_TEST

START_TEST(capset_rules)
{
	struct cred c = root(), u;
	kernel_cap_t kill = CAP_TO_MASK(CAP_KILL);

	ck_assert_int_eq(cap_capset_check(&c, kill, 0, kill), 0);
	ck_assert_int_eq(cap_capset_check(&c, kill, 0, 0), -EPERM);	/* eff > perm */
	ck_assert_int_eq(cap_capset_check(&c, 0, CAP_FULL_SET, CAP_FULL_SET), 0);
	u = c;
	u.cap_permitted = u.cap_effective = kill;
	ck_assert_int_eq(cap_capset_check(&u, 0, 0, CAP_FULL_SET), -EPERM);
	ck_assert_int_eq(cap_capset_check(&u, 0, CAP_TO_MASK(CAP_CHOWN), kill), -EPERM);
	ck_assert_int_eq(cap_capset_check(&u, 0, kill, kill), 0);
	u.cap_effective |= CAP_TO_MASK(CAP_SETPCAP);
	u.cap_permitted = u.cap_effective;
	ck_assert_int_eq(cap_capset_check(&u, 0, CAP_TO_MASK(CAP_CHOWN), kill), 0);
}
END_TEST

START_TEST(kill_rule)
{
	struct cred r = root(), u = root(), v = root();

	ck_assert(cred_kill_ok(&r, &u));
	ck_assert_int_eq(cred_setuid(&u, 1000), 0);
	ck_assert(cred_kill_ok(&r, &u));		/* CAP_KILL */
	ck_assert(!cred_kill_ok(&u, &r));		/* t_creds: EPERM on a root process */
	ck_assert(cred_kill_ok(&u, &u));
	ck_assert_int_eq(cred_setresuid(&v, 2000, 2000, 1000), 0);
	ck_assert(cred_kill_ok(&u, &v));		/* our uid is its saved uid */
	ck_assert_int_eq(cred_setresuid(&v, 2000, 1000, 2000), 0);
	ck_assert(!cred_kill_ok(&u, &v));		/* its euid does not count */
}
END_TEST

START_TEST(cap_versions)
{
	ck_assert_int_eq(cap_version_words(_LINUX_CAPABILITY_VERSION_1), 1);
	ck_assert_int_eq(cap_version_words(_LINUX_CAPABILITY_VERSION_2), 2);
	ck_assert_int_eq(cap_version_words(_LINUX_CAPABILITY_VERSION_3), 2);
	ck_assert_int_eq(cap_version_words(0), -EINVAL);
	ck_assert_int_eq(cap_version_words(0x20080523), -EINVAL);
}
END_TEST

START_TEST(groups)
{
	struct unit_rng r;
	int n = 5000;
	struct group_info *gi = malloc(sizeof(*gi) + n * sizeof(gid_t));
	struct cred c = root();

	unit_rng_seed(&r, 7);
	gi->usage = 1;
	gi->ngroups = n;
	for (int i = 0; i < n; i++)
		gi->gid[i] = (gid_t)unit_rng_below(&r, 100000) * 2;	/* even gids only */
	groups_sort(gi);
	for (int i = 1; i < n; i++)
		UNIT_REQUIRE(gi->gid[i - 1] <= gi->gid[i], "unsorted at %d", i);
	for (int i = 0; i < n; i += 97) {
		UNIT_REQUIRE(groups_search(gi, gi->gid[i]), "missing %u", gi->gid[i]);
		UNIT_REQUIRE(!groups_search(gi, gi->gid[i] + 1), "odd %u found", gi->gid[i] + 1);
	}
	ck_assert(!groups_search(NULL, 0));
	c.group_info = gi;
	ck_assert(cred_in_group(&c, 0));		/* the fsgid */
	ck_assert(cred_in_group(&c, gi->gid[10]));
	free(gi);
}
END_TEST

Suite *cred_suite(void)
{
	Suite *s = suite_create("cred");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, root_has_everything);
	tcase_add_test(tc, setuid_drops_all);
	tcase_add_test(tc, euid_only_keeps_permitted);
	tcase_add_test(tc, setreuid_saved_rule);
	tcase_add_test(tc, fsuid_rules);
	tcase_add_test(tc, gid_rules);
	tcase_add_test(tc, exec_transitions);
	tcase_add_test(tc, capset_rules);
	tcase_add_test(tc, kill_rule);
	tcase_add_test(tc, cap_versions);
	tcase_add_test(tc, groups);
	suite_add_tcase(s, tc);
	return s;
}
