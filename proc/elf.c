/*
 * proc/elf.c - validate an ELF64 executable and compute its load plan:
 * the PT_LOAD segments with their protections, the entry point and the
 * auxiliary-vector values (AT_PHDR, AT_PHENT, AT_PHNUM, AT_ENTRY).
 * Static executables only (ET_EXEC, and ET_DYN without PT_INTERP, i.e.
 * static-PIE, placed at @dyn_base as Linux places it at ELF_ET_DYN_BASE
 * without randomization).  Linux: fs/binfmt_elf.c load_elf_binary.
 * Pure logic: compiled unchanged into the host unit tests.
 */
#include "proc/elf.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/memlayout.h"

#define ET_EXEC 2
#define ET_DYN 3
#define EM_X86_64 62
#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define PT_GNU_STACK 0x6474e551
#define PF_X 1
#define PF_W 2
#define PF_R 4

struct elf64_ehdr {
	unsigned char e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

static int check_header(const struct elf64_ehdr *eh, size_t len)
{
	if (len < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4))
		return -ENOEXEC;
	if (eh->e_ident[4] != 2 || eh->e_ident[5] != 1 || eh->e_ident[6] != 1)
		return -ENOEXEC;		/* ELFCLASS64, little endian, v1 */
	if (eh->e_machine != EM_X86_64 ||
	    (eh->e_type != ET_EXEC && eh->e_type != ET_DYN))
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > 65536 / sizeof(struct elf64_phdr))
		return -ENOEXEC;
	if (eh->e_phoff > len || eh->e_phnum * sizeof(struct elf64_phdr) > len - eh->e_phoff)
		return -ENOEXEC;
	return 0;
}

static unsigned int elf_prot(uint32_t flags)
{
	return (flags & PF_R ? 1 : 0) | (flags & PF_W ? 2 : 0) | (flags & PF_X ? 4 : 0);
}

/* Add one PT_LOAD to the plan, checking it against the file and the previous one. */
static int add_load(struct elf_plan *plan, const struct elf64_phdr *ph, size_t len)
{
	struct elf_segment *s;
	unsigned long va = plan->load_bias + ph->p_vaddr;

	if (ph->p_memsz == 0)
		return 0;
	if (plan->nr_loads >= ELF_MAX_LOADS || ph->p_filesz > ph->p_memsz ||
	    ph->p_offset > len || ph->p_filesz > len - ph->p_offset)
		return -EINVAL;
	if ((va & ~PAGE_MASK) != (ph->p_offset & ~PAGE_MASK))
		return -EINVAL;
	if (va < MMAP_MIN_ADDR || !user_range_ok(va, ph->p_memsz))
		return -EINVAL;
	if (plan->nr_loads && va < plan->loads[plan->nr_loads - 1].vaddr +
				  plan->loads[plan->nr_loads - 1].memsz)
		return -EINVAL;			/* unsorted or overlapping */
	s = &plan->loads[plan->nr_loads++];
	*s = (struct elf_segment){ va, ph->p_memsz, ph->p_filesz, ph->p_offset,
				   elf_prot(ph->p_flags) };
	return 0;
}

/* Code/data bounds as Linux computes them for /proc/PID/stat and brk. */
static void set_bounds(struct elf_plan *plan)
{
	plan->start_code = ULONG_MAX;
	for (int i = 0; i < plan->nr_loads; i++) {
		struct elf_segment *s = &plan->loads[i];
		unsigned long end = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE);
		if (s->prot & 4) {
			plan->start_code = MIN(plan->start_code, s->vaddr);
			plan->end_code = MAX(plan->end_code, s->vaddr + s->filesz);
		}
		plan->start_data = MAX(plan->start_data, s->vaddr);
		plan->end_data = MAX(plan->end_data, s->vaddr + s->filesz);
		plan->brk_start = MAX(plan->brk_start, end);
	}
	if (plan->start_code == ULONG_MAX)
		plan->start_code = plan->end_code = 0;
}

int elf_plan_load(const void *img, size_t len, unsigned long dyn_base,
		  struct elf_plan *plan)
{
	const struct elf64_ehdr *eh = img;
	const struct elf64_phdr *ph;
	unsigned long phdr_vaddr = 0;
	bool have_phdr = false;
	int err = check_header(eh, len);

	if (err)
		return err;
	memset(plan, 0, sizeof(*plan));
	plan->pie = eh->e_type == ET_DYN;
	plan->load_bias = plan->pie ? dyn_base : 0;
	plan->phent = eh->e_phentsize;
	plan->phnum = eh->e_phnum;
	ph = (const struct elf64_phdr *)((const char *)img + eh->e_phoff);
	for (unsigned i = 0; i < eh->e_phnum; i++, ph++) {
		if (ph->p_type == PT_INTERP)
			return -ENOEXEC;	/* dynamic executables: not supported */
		if (ph->p_type == PT_GNU_STACK)
			plan->exec_stack = ph->p_flags & PF_X;
		if (ph->p_type == PT_PHDR) {
			phdr_vaddr = ph->p_vaddr;
			have_phdr = true;
		}
		if (ph->p_type == PT_LOAD) {
			if (!have_phdr && ph->p_offset <= eh->e_phoff &&
			    eh->e_phoff < ph->p_offset + ph->p_filesz) {
				phdr_vaddr = ph->p_vaddr + (eh->e_phoff - ph->p_offset);
				have_phdr = true;
			}
			if ((err = add_load(plan, ph, len)))
				return err;
		}
	}
	if (plan->nr_loads == 0)
		return -ENOEXEC;
	plan->entry = plan->load_bias + eh->e_entry;
	plan->phdr_addr = have_phdr ? plan->load_bias + phdr_vaddr : 0;
	set_bounds(plan);
	return 0;
}
