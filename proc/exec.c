/*
 * proc/exec.c - execve: map a static ELF from the tmpfs root and build
 * the initial stack musl's start code expects (Linux: fs/binfmt_elf.c,
 * fs/exec.c).
 *
 * Mapping: each PT_LOAD's file part is a private mapping of the file's
 * page cache (text shared with every other process running it, data
 * copied on first write); memory past the file part is anonymous (.bss),
 * and the tail of the last file page is cleared through clear_user, which
 * takes the copy-on-write fault as Linux's padzero does.
 *
 * Stack, from the top down: the exec file name, environment and argument
 * strings, 16 random bytes (AT_RANDOM), the platform string, then, 16-byte
 * aligned: argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL.
 */
#include "proc/exec.h"
#include "mm/swap.h"
#include "mm/shmem.h"
#include "proc/elf.h"
#include "proc/sched.h"
#include "proc/exit.h"
#include "kernel/futex.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "kernel/fs/file.h"
#include "kernel/fs/namei.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "kernel/fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"
#include "kernel/param.h"
#include "kernel/panic.h"

#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31

#define STACK_INITIAL (128UL * 1024)	/* first stack VMA, for the arguments */
#define STACK_EXPAND  (128UL * 1024)	/* room left below them (Linux's stack_expand) */

static unsigned long prot_to_vm(unsigned int prot)
{
	return (prot & 1 ? VM_READ : 0) | (prot & 2 ? VM_WRITE : 0) |
	       (prot & 4 ? VM_EXEC : 0);
}

static int map_segments(struct mm *mm, struct inode *file, const struct elf_plan *p)
{
	for (int i = 0; i < p->nr_loads; i++) {
		const struct elf_segment *s = &p->loads[i];
		unsigned long start = ALIGN_DOWN(s->vaddr, PAGE_SIZE);
		unsigned long file_end = ALIGN_UP(s->vaddr + s->filesz, PAGE_SIZE);
		unsigned long mem_end = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE);
		unsigned long flags = prot_to_vm(s->prot);
		long r;

		if (s->filesz) {
			r = do_mmap(mm, start, file_end - start, flags, file,
				    ALIGN_DOWN(s->offset, PAGE_SIZE) >> PAGE_SHIFT, true);
			if (r < 0)
				return (int)r;
		} else {
			file_end = start;
		}
		if (mem_end > file_end) {
			r = do_mmap(mm, file_end, mem_end - file_end, flags, NULL, 0, true);
			if (r < 0)
				return (int)r;
		}
	}
	return 0;
}

/* Zero the bytes between the end of each file part and its page end. */
static int clear_tails(const struct elf_plan *p)
{
	for (int i = 0; i < p->nr_loads; i++) {
		const struct elf_segment *s = &p->loads[i];
		unsigned long end = s->vaddr + s->filesz;
		unsigned long page_end = ALIGN_UP(end, PAGE_SIZE);

		if (s->memsz > s->filesz && end < page_end && (s->prot & 2) &&
		    clear_user((void *)end, page_end - end))
			return -EFAULT;
	}
	return 0;
}

/* Push @len bytes onto the user stack at *sp; returns the new address or 0. */
static unsigned long push_bytes(unsigned long *sp, const void *data, size_t len)
{
	*sp -= len;
	return copy_to_user((void *)*sp, data, len) ? 0 : *sp;
}

static int count_strings(const char *const v[])
{
	int n = 0;

	while (v && v[n])
		n++;
	return n;
}

#define NR_AUX 19

static int build_stack(struct mm *mm, const struct elf_plan *p, const char *path,
		       const char *const argv[], const char *const envp[], bool secure,
		       unsigned long *sp_out)
{
	int argc = count_strings(argv), envc = count_strings(envp), n = 0, err = -EFAULT;
	unsigned long sp = STACK_TOP, execfn, rnd, platform;
	unsigned long *ptrs = kmalloc(((size_t)argc + envc + 2 * NR_AUX + 3) * sizeof(long),
				      GFP_KERNEL);
	unsigned long *strs = kmalloc(((size_t)argc + envc + 1) * sizeof(long), GFP_KERNEL);
	uint8_t random[16];

	if (!ptrs || !strs) {
		err = -ENOMEM;
		goto out;
	}
	execfn = push_bytes(&sp, path, strlen(path) + 1);
	for (int i = envc - 1; i >= 0; i--)	/* strs: args, then envs */
		strs[argc + i] = push_bytes(&sp, envp[i], strlen(envp[i]) + 1);
	for (int i = argc - 1; i >= 0; i--)
		strs[i] = push_bytes(&sp, argv[i], strlen(argv[i]) + 1);
	for (int i = 0; i < 16; i++)
		random[i] = (uint8_t)(rdtsc() >> (i % 8));
	rnd = push_bytes(&sp, random, sizeof(random));
	platform = push_bytes(&sp, "x86_64", 7);

	ptrs[n++] = (unsigned long)argc;
	for (int i = 0; i < argc; i++)
		ptrs[n++] = strs[i];
	ptrs[n++] = 0;
	/* As Linux: argv strings, then envp strings, then the exec path. */
	mm->env_end = execfn;
	mm->env_start = mm->arg_end = envc ? strs[argc] : execfn;
	for (int i = 0; i < envc; i++)
		ptrs[n++] = strs[argc + i];
	ptrs[n++] = 0;
#define AUX(k, v) do { ptrs[n++] = (k); ptrs[n++] = (v); } while (0)
	AUX(AT_PHDR, p->phdr_addr); AUX(AT_PHENT, p->phent); AUX(AT_PHNUM, p->phnum);
	AUX(AT_PAGESZ, PAGE_SIZE); AUX(AT_BASE, 0); AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, p->entry);
	AUX(AT_UID, current->cred.uid); AUX(AT_EUID, current->cred.euid);
	AUX(AT_GID, current->cred.gid); AUX(AT_EGID, current->cred.egid);
	AUX(AT_SECURE, secure); AUX(AT_CLKTCK, USER_HZ); AUX(AT_HWCAP, 0x078bfbff);
	AUX(AT_PLATFORM, platform); AUX(AT_RANDOM, rnd); AUX(AT_EXECFN, execfn);
	AUX(AT_NULL, 0);
#undef AUX
	sp = ALIGN_DOWN(sp - n * sizeof(unsigned long), 16);
	if (!execfn || !rnd || copy_to_user((void *)sp, ptrs, n * sizeof(unsigned long)))
		goto out;
	mm->arg_start = argc ? strs[0] : mm->arg_end;
	mm->start_stack = sp;
	*sp_out = sp;
	err = 0;
out:
	kfree(ptrs);
	kfree(strs);
	return err;
}

/*
 * Linux's setup_arg_pages: once the arguments are in place the stack VMA
 * covers them plus STACK_EXPAND, but no more than RLIMIT_STACK (and never
 * less than the arguments).  With the default 8 MiB limit that is the
 * familiar 132 KiB [stack] of a small program.
 */
static int setup_arg_pages(struct mm *mm, unsigned long sp)
{
	unsigned long rlim = current->rlim[RLIMIT_STACK].rlim_cur & PAGE_MASK;
	unsigned long used = STACK_TOP - (sp & PAGE_MASK);
	unsigned long want = MAX(MIN(rlim, used + STACK_EXPAND), used);
	struct vma *vma = find_vma(mm, STACK_TOP - 1);
	unsigned long size = vma->end - vma->start;

	if (want > size)
		return expand_stack(vma, STACK_TOP - want);
	if (want < size)
		return do_munmap(mm, vma->start, size - want);
	return 0;
}

/* The whole file in kernel memory (static binaries are small). */
static void *read_image(struct inode *inode)
{
	void *buf = kmalloc((size_t)inode->size, GFP_KERNEL);

	if (buf && tmpfs_read_kernel(inode, 0, buf, (size_t)inode->size) != inode->size) {
		kfree(buf);
		return NULL;
	}
	return buf;
}

void fpu__clear_user_states(void);

void start_thread(unsigned long entry, unsigned long sp)
{
	struct pt_regs *regs = task_pt_regs(current);

	memset(regs, 0, sizeof(*regs));
	regs->rip = entry;
	regs->rsp = sp;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->rflags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	current->fs_base = 0;
	wrmsr(MSR_FS_BASE, 0);
	fpu__clear_user_states();	/* MXCSR 0x1f80, FCW 0x37f */
}

/*
 * The new program's signal state: handlers back to SIG_DFL (SIG_IGN
 * stays), no altstack (Linux clears its base and size, not its flags,
 * which uc_stack shows); the mask, pending signals and interval timers
 * are kept, as Linux's execve.
 */
static void exec_signals(struct task *t)
{
	flush_signal_handlers(t);
	t->sas_ss_sp = 0;
	t->sas_ss_size = 0;
}

int kernel_execve(const char *path, const char *const argv[], const char *const envp[])
{
	struct inode *inode = namei_at(AT_FDCWD, path, LOOKUP_FOLLOW);
	struct elf_plan plan;
	struct mm *mm, *old;
	unsigned long sp;
	bool secure;
	void *img;
	int err;

	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	err = -EACCES;
	if (!S_ISREG(inode->mode) || inode_permission(inode, MAY_EXEC))
		goto out_inode;
	err = -ENOMEM;
	img = read_image(inode);
	if (!img)
		goto out_inode;
	err = elf_plan_load(img, (size_t)inode->size, ELF_ET_DYN_BASE, &plan);
	kfree(img);
	if (err)
		goto out_inode;
	err = -ENOMEM;
	mm = mm_alloc();
	if (!mm)
		goto out_inode;
	arch_pick_mmap_layout(mm, &current->rlim[RLIMIT_STACK]);
	err = map_segments(mm, inode, &plan);
	if (!err) {
		long r = do_mmap(mm, STACK_TOP - STACK_INITIAL, STACK_INITIAL,
				 VM_READ | VM_WRITE | VM_GROWSDOWN, NULL, 0, true);
		err = r < 0 ? (int)r : 0;
	}
	if (err) {
		mmput(mm);
		goto out_inode;
	}
	/* Point of no return: switch to the new address space. */
	exit_robust_list(current);	/* mm_release of the old image */
	futex_clear_child_tid(current);
	old = current->mm;
	current->mm = mm;
	write_cr3(virt_to_phys(mm->pgd));
	if (old)
		mmput(old);
	mm->start_code = plan.start_code;
	mm->end_code = plan.end_code;
	mm->start_data = plan.start_data;
	mm->end_data = plan.end_data;
	mm->start_brk = mm->brk = plan.brk_start;
	strlcpy(mm->exe_name, path, sizeof(mm->exe_name));
	secure = cred_exec(&current->cred);
	/* begin_new_exec's dumpability: only a process running as itself. */
	mm->dumpable = !secure && current->cred.euid == current->cred.uid &&
		       current->cred.egid == current->cred.gid;
	if (current->files)
		do_close_on_exec(current->files);
	err = clear_tails(&plan);
	if (!err)
		err = build_stack(mm, &plan, path, argv, envp, secure, &sp);
	if (!err)
		err = setup_arg_pages(mm, sp);
	inode_put(inode);
	if (err)		/* too late to go back: the old image is gone */
		do_exit(SIGSEGV);
	set_task_comm(current, strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
	exec_signals(current);
	start_thread(plan.entry, sp);
	return 0;
out_inode:
	inode_put(inode);
	return err;
}

void ret_to_user(void);
void rlimit_init(struct task *t);

static const char *init_argv[34];
unsigned long init_baseline_free;	/* free frames when /init starts */
unsigned long init_baseline_committed;	/* Committed_AS then (tmpfs files' pages) */
unsigned long init_baseline_shmem_swapped;	/* tmpfs pages in swap then */
unsigned long init_baseline_swapcache;	/* swap cache pages then */
unsigned long init_baseline_swap_areas;	/* pages of swap maps then */

static int init_thread(void *arg)
{
	const char *path = arg;
	const char *const *argv = init_argv;
	const char *envp[] = { "HOME=/", "TERM=linux", "PATH=/sbin:/bin:/usr/sbin:/usr/bin", NULL };
	int err;

	current->flags &= ~PF_KTHREAD;
	init_baseline_free = nr_free_pages();	/* init's files are freed at its exit too */
	init_baseline_committed = vm_memory_committed();
	init_baseline_shmem_swapped = shmem_pages_swapped();
	init_baseline_swapcache = total_swapcache_pages();
	init_baseline_swap_areas = swap_area_pages();
	current->files = files_alloc();
	current->fs = fs_alloc();
	if (!current->files || !current->fs)
		panic("cannot set up init's files");
	console_on_rootfs();
	err = kernel_execve(path, argv, envp);
	if (err)
		panic("No working init found (%s: error %d). "
		      "Try passing init= option to kernel.", path, err);
	asm volatile("cli; mov %0, %%rsp; jmp ret_to_user"
		     : : "r"(task_pt_regs(current)) : "memory");
	return 0;
}

void start_init(const char *path, const char *const *args)
{
	struct task *t;
	int n = 0;

	init_argv[n++] = path;
	while (args && args[n - 1] && n < 33) {
		init_argv[n] = args[n - 1];
		n++;
	}
	init_argv[n] = NULL;
	t = kthread_run(init_thread, (void *)path, "init");

	if (!t)
		panic("cannot create init");
	if (t->pid != 1)
		panic("init got pid %d", t->pid);
	t->pgid = t->sid = 1;
	t->signal_flags |= SIGNAL_UNKILLABLE;	/* init gets only signals it handles */
	rlimit_init(t);
	init_task = t;
}

/*
 * The arguments of an execve in kernel memory.  Linux bounds them (the
 * strings plus one pointer each) by a quarter of RLIMIT_STACK, at least
 * ARG_MAX and at most 3/4 of 8 MiB; past that is E2BIG.  Buffers grow by
 * doubling so that a small exec costs little.
 */
struct exec_args {
	char *buf;			/* NUL-terminated strings, back to back */
	size_t used, size, limit;
	size_t *off;			/* start of each string in @buf */
	int n, cap, argc;
};

static int grow(void **p, size_t *cap, size_t elem, size_t need)
{
	size_t n = *cap ? *cap : 64;
	void *q;

	while (n < need)
		n *= 2;
	if (n == *cap)
		return 0;
	q = kmalloc(n * elem, GFP_KERNEL);
	if (!q)
		return -ENOMEM;
	if (*p)
		memcpy(q, *p, *cap * elem);
	kfree(*p);
	*p = q;
	*cap = n;
	return 0;
}

static int add_string(struct exec_args *a, const char *ustr)
{
	size_t cap = (size_t)a->cap;
	long len;
	int err;

	for (;;) {
		size_t room = a->size - a->used;

		len = strncpy_from_user(a->buf + a->used, ustr, (long)room);
		if (len < 0)
			return (int)len;
		if ((size_t)len < room)
			break;		/* the NUL fit */
		if (room > MAX_ARG_STRLEN || a->size > a->limit)
			return -E2BIG;
		err = grow((void **)&a->buf, &a->size, 1, a->size * 2);
		if (err)
			return err;
	}
	if ((size_t)len + 1 > MAX_ARG_STRLEN ||
	    a->used + (size_t)len + 1 + (size_t)(a->n + 1) * sizeof(void *) > a->limit)
		return -E2BIG;
	err = grow((void **)&a->off, &cap, sizeof(size_t), (size_t)a->n + 1);
	if (err)
		return err;
	a->cap = (int)cap;
	a->off[a->n++] = a->used;
	a->used += (size_t)len + 1;
	return 0;
}

static int copy_strings(struct exec_args *a, const char *const *uvec)
{
	for (int i = 0; uvec; i++) {
		const char *ustr;
		int err;

		if (copy_from_user(&ustr, uvec + i, sizeof(ustr)))
			return -EFAULT;
		if (!ustr)
			break;
		err = add_string(a, ustr);
		if (err)
			return err;
	}
	return 0;
}

/* Pointer vectors into @a->buf: argv, NULL, envp, NULL. */
static const char **exec_vectors(struct exec_args *a)
{
	const char **v = kmalloc(((size_t)a->n + 2) * sizeof(char *), GFP_KERNEL);
	int j = 0;

	if (!v)
		return NULL;
	for (int i = 0; i < a->n; i++) {
		if (i == a->argc)
			v[j++] = NULL;
		v[j++] = a->buf + a->off[i];
	}
	if (a->argc == a->n)
		v[j++] = NULL;
	v[j] = NULL;
	return v;
}

long sys_execve(unsigned long upath, unsigned long uargv, unsigned long uenvp,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct exec_args a = { NULL, 0, 0, 0, NULL, 0, 0, 0 };
	unsigned long stack = current->rlim[RLIMIT_STACK].rlim_cur;
	const char **vec = NULL;
	char *path;
	long err;

	path = getname((const char *)upath, &err);
	if (!path)
		return err;
	if (!path[0]) {
		err = -ENOENT;
		goto out;
	}
	a.limit = MAX(MIN(stack / 4, (8UL << 20) / 4 * 3), (unsigned long)ARG_MAX);
	err = grow((void **)&a.buf, &a.size, 1, 4096);
	if (!err)
		err = copy_strings(&a, (const char *const *)uargv);
	a.argc = a.n;
	if (!err)
		err = copy_strings(&a, (const char *const *)uenvp);
	if (!err && !(vec = exec_vectors(&a)))
		err = -ENOMEM;
	if (!err)
		err = kernel_execve(path, vec, vec + a.argc + 1);
	if (err == 0) {
		current->flags &= ~PF_VFORK_CHILD;
		if (current->vfork_done) {
			complete(current->vfork_done);
			current->vfork_done = NULL;
		}
	}
out:
	kfree(path);
	kfree(a.buf);
	kfree(a.off);
	kfree(vec);
	return err;
}
