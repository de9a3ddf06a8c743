/*
 * proc/elf.h - checking a static ELF64 x86-64 executable and planning
 * how to map it (execve's first half; the mapping itself is exec's).
 */
#ifndef PROC_ELF_H
#define PROC_ELF_H

#include "kernel/types.h"

#define ELF_MAX_LOADS 16

struct elf_segment {
	unsigned long vaddr;	/* load bias applied */
	unsigned long memsz, filesz, offset;
	unsigned int prot;	/* PROT_READ 1 | PROT_WRITE 2 | PROT_EXEC 4 */
};

struct elf_plan {
	bool pie;			/* ET_DYN: loaded at load_bias */
	unsigned long load_bias;
	unsigned long entry;		/* AT_ENTRY, bias applied */
	unsigned long phdr_addr;	/* AT_PHDR: where the phdrs are in memory */
	unsigned int phent, phnum;	/* AT_PHENT, AT_PHNUM */
	int nr_loads;
	struct elf_segment loads[ELF_MAX_LOADS];
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long brk_start;	/* page after the highest segment */
	bool exec_stack;		/* PT_GNU_STACK with PF_X */
};

/*
 * Check the ELF image @img of @len bytes and fill @plan.  Returns 0;
 * -ENOEXEC when it is not an x86-64 ELF64 executable we can run (bad
 * magic, class, machine, type, a dynamic interpreter); -EINVAL for
 * segments that cannot be mapped (overlap, beyond user space, file
 * offset not congruent with the address modulo the page size).
 * @dyn_base is where ET_DYN images go (ELF_ET_DYN_BASE in the kernel).
 */
int elf_plan_load(const void *img, size_t len, unsigned long dyn_base,
		  struct elf_plan *plan);

#endif
