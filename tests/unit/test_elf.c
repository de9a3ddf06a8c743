/*
 * Unit tests of proc/elf.c: the ELF64 checks and load plan of execve.
 * Images are built in memory so every field can be broken on purpose;
 * one real musl-static binary (built by the Makefile) checks the happy path.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "proc/elf.h"
#include "kernel/errno.h"
#include "unit.h"

#define BASE 0x555555554000UL

struct img {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
	struct {
		uint32_t type, flags;
		uint64_t offset, vaddr, paddr, filesz, memsz, align;
	} ph[4];
	unsigned char file[0x4000];
};

/* A valid two-segment ET_EXEC: text at 0x401000, data+bss at 0x402000. */
static void make_exec(struct img *m)
{
	memset(m, 0, sizeof(*m));
	memcpy(m->ident, "\177ELF\2\1\1", 7);
	m->type = 2;
	m->machine = 62;
	m->version = 1;
	m->entry = 0x401010;
	m->phoff = offsetof(struct img, ph);
	m->ehsize = 64;
	m->phentsize = 56;
	m->phnum = 2;
	m->ph[0].type = 1; m->ph[0].flags = 5;	/* R E */
	m->ph[0].offset = 0; m->ph[0].vaddr = 0x400000;
	m->ph[0].filesz = m->ph[0].memsz = 0x1100;
	m->ph[1].type = 1; m->ph[1].flags = 6;	/* R W */
	m->ph[1].offset = 0x2010; m->ph[1].vaddr = 0x402010;
	m->ph[1].filesz = 0x100; m->ph[1].memsz = 0x3000;
}

static int plan(struct img *m, struct elf_plan *p)
{
	return elf_plan_load(m, sizeof(*m), BASE, p);
}

START_TEST(exec_plan)
{
	struct img m; struct elf_plan p;
	make_exec(&m);
	ck_assert_int_eq(plan(&m, &p), 0);
	ck_assert(!p.pie);
	ck_assert_uint_eq(p.entry, 0x401010);
	ck_assert_int_eq(p.nr_loads, 2);
	ck_assert_uint_eq(p.loads[0].prot, 5);
	ck_assert_uint_eq(p.loads[1].prot, 3);
	ck_assert_uint_eq(p.phdr_addr, 0x400000 + offsetof(struct img, ph));
	ck_assert_uint_eq(p.phnum, 2);
	ck_assert_uint_eq(p.phent, 56);
	ck_assert_uint_eq(p.brk_start, 0x406000);	/* page after 0x402010+0x3000 */
	ck_assert_uint_eq(p.end_code, 0x401100);
}
END_TEST

START_TEST(pie_is_biased)
{
	struct img m; struct elf_plan p;
	make_exec(&m);
	m.type = 3;
	m.entry = 0x1010;
	m.ph[0].vaddr = 0; m.ph[1].vaddr = 0x2010;
	ck_assert_int_eq(plan(&m, &p), 0);
	ck_assert(p.pie);
	ck_assert_uint_eq(p.entry, BASE + 0x1010);
	ck_assert_uint_eq(p.loads[0].vaddr, BASE);
	ck_assert_uint_eq(p.phdr_addr, BASE + offsetof(struct img, ph));
}
END_TEST

START_TEST(bad_headers_are_enoexec)
{
	struct img m; struct elf_plan p;
	make_exec(&m); m.ident[0] = 0;    ck_assert_int_eq(plan(&m, &p), -ENOEXEC);
	make_exec(&m); m.ident[4] = 1;    ck_assert_int_eq(plan(&m, &p), -ENOEXEC);	/* ELFCLASS32 */
	make_exec(&m); m.ident[5] = 2;    ck_assert_int_eq(plan(&m, &p), -ENOEXEC);	/* big endian */
	make_exec(&m); m.machine = 3;     ck_assert_int_eq(plan(&m, &p), -ENOEXEC);	/* i386 */
	make_exec(&m); m.type = 1;        ck_assert_int_eq(plan(&m, &p), -ENOEXEC);	/* ET_REL */
	make_exec(&m); m.phentsize = 32;  ck_assert_int_eq(plan(&m, &p), -ENOEXEC);
	make_exec(&m); m.phnum = 0;       ck_assert_int_eq(plan(&m, &p), -ENOEXEC);
	make_exec(&m); m.phoff = sizeof(m) - 8; ck_assert_int_eq(plan(&m, &p), -ENOEXEC);
	make_exec(&m); m.ph[0].type = 3;  ck_assert_int_eq(plan(&m, &p), -ENOEXEC);	/* PT_INTERP */
	ck_assert_int_eq(elf_plan_load(&m, 10, BASE, &p), -ENOEXEC);		/* truncated */
	ck_assert_int_eq(elf_plan_load("#!/bin/sh\n", 10, BASE, &p), -ENOEXEC);
}
END_TEST

START_TEST(bad_segments_are_einval)
{
	struct img m; struct elf_plan p;
	make_exec(&m); m.ph[1].offset = 0x2011;			/* not congruent */
	ck_assert_int_eq(plan(&m, &p), -EINVAL);
	make_exec(&m); m.ph[1].filesz = 0x4000;			/* filesz > memsz */
	ck_assert_int_eq(plan(&m, &p), -EINVAL);
	make_exec(&m); m.ph[1].vaddr = 0x400010; m.ph[1].offset = 0x10;	/* overlap */
	ck_assert_int_eq(plan(&m, &p), -EINVAL);
	make_exec(&m); m.ph[1].vaddr = 0x7ffffffff010UL;	/* beyond user space */
	ck_assert_int_eq(plan(&m, &p), -EINVAL);
	make_exec(&m); m.ph[1].offset = sizeof(m) + 0x10; m.ph[1].vaddr = 0x402010 + sizeof(m);
	ck_assert_int_eq(plan(&m, &p), -EINVAL);		/* data past EOF */
	make_exec(&m); m.ph[0].vaddr = 0; m.ph[1].vaddr = 0x2010;	/* ET_EXEC at 0 */
	ck_assert_int_eq(plan(&m, &p), -EINVAL);
}
END_TEST

START_TEST(no_load_segment)
{
	struct img m; struct elf_plan p;
	make_exec(&m);
	m.ph[0].type = m.ph[1].type = 4;	/* PT_NOTE only */
	ck_assert_int_eq(plan(&m, &p), -ENOEXEC);
}
END_TEST

/* The real thing: a musl-gcc -static binary built by the Makefile. */
START_TEST(real_musl_binary)
{
	const char *path = getenv("UNIT_ELF_FIXTURE");
	struct elf_plan p;
	static char buf[1 << 20];
	FILE *f;
	size_t n;

	ck_assert_msg(path != NULL, "UNIT_ELF_FIXTURE not set (run through make test-unit)");
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	ck_assert_int_eq(elf_plan_load(buf, n, BASE, &p), 0);
	ck_assert_int_ge(p.nr_loads, 2);
	ck_assert_uint_ge(p.entry, 0x400000);
	ck_assert_uint_ne(p.phdr_addr, 0);
	ck_assert_uint_gt(p.brk_start, p.loads[p.nr_loads - 1].vaddr);
}
END_TEST

Suite *elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("plan");

	tcase_add_test(tc, exec_plan);
	tcase_add_test(tc, pie_is_biased);
	tcase_add_test(tc, bad_headers_are_enoexec);
	tcase_add_test(tc, bad_segments_are_einval);
	tcase_add_test(tc, no_load_segment);
	tcase_add_test(tc, real_musl_binary);
	suite_add_tcase(s, tc);
	return s;
}
