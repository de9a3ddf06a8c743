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

static int build_stack(struct mm *mm, const struct elf_plan *p, const char *path,
		       const char *const argv[], const char *const envp[], bool secure,
		       unsigned long *sp_out)
{
	int argc = count_strings(argv), envc = count_strings(envp);
	unsigned long sp = STACK_TOP, execfn, rnd, platform;
	unsigned long ptrs[64 + 64 + 2 * 24 + 4];
	uint8_t random[16];
	int n = 0;

	if (argc > 64 || envc > 64)
		return -E2BIG;
	execfn = push_bytes(&sp, path, strlen(path) + 1);
	unsigned long envs[64], args[64];
	for (int i = envc - 1; i >= 0; i--)
		envs[i] = push_bytes(&sp, envp[i], strlen(envp[i]) + 1);
	for (int i = argc - 1; i >= 0; i--)
		args[i] = push_bytes(&sp, argv[i], strlen(argv[i]) + 1);
	for (int i = 0; i < 16; i++)
		random[i] = (uint8_t)(rdtsc() >> (i % 8));
	rnd = push_bytes(&sp, random, sizeof(random));
	platform = push_bytes(&sp, "x86_64", 7);

	ptrs[n++] = (unsigned long)argc;
	for (int i = 0; i < argc; i++)
		ptrs[n++] = args[i];
	ptrs[n++] = 0;
	mm->env_start = envc ? envs[0] : 0;
	for (int i = 0; i < envc; i++)
		ptrs[n++] = envs[i];
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
		return -EFAULT;
	mm->arg_start = argc ? args[0] : 0;
	mm->start_stack = sp;
	*sp_out = sp;
	return 0;
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
	futex_clear_child_tid(current);	/* mm_release of the old image */
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

static int init_thread(void *arg)
{
	const char *path = arg;
	const char *const *argv = init_argv;
	const char *envp[] = { "HOME=/", "TERM=linux", "PATH=/sbin:/bin:/usr/sbin:/usr/bin", NULL };
	int err;

	current->flags &= ~PF_KTHREAD;
	init_baseline_free = nr_free_pages();	/* init's files are freed at its exit too */
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

/* Copy a user string vector into @buf as kernel strings; returns the count or -errno. */
static int copy_strings(const char *const *uvec, const char **vec, int max,
			char **buf, size_t *room)
{
	int n = 0;

	if (!uvec)
		goto done;
	for (;; n++) {
		const char *ustr;
		long len;

		if (copy_from_user(&ustr, uvec + n, sizeof(ustr)))
			return -EFAULT;
		if (!ustr)
			break;
		if (n >= max)
			return -E2BIG;
		len = strncpy_from_user(*buf, ustr, (long)*room);
		if (len < 0)
			return (int)len;
		if ((size_t)len >= *room)
			return -E2BIG;
		vec[n] = *buf;
		*buf += len + 1;
		*room -= (size_t)len + 1;
	}
done:
	vec[n] = NULL;
	return n;
}

long sys_execve(unsigned long upath, unsigned long uargv, unsigned long uenvp,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	size_t room = ARG_MAX;
	char *strings = kmalloc(room + PATH_MAX, GFP_KERNEL), *p;
	const char **argv = kmalloc(2 * 65 * sizeof(char *), GFP_KERNEL), **envp;
	long err, len;

	if (!strings || !argv) {
		err = -ENOMEM;
		goto out;
	}
	envp = argv + 65;
	len = strncpy_from_user(strings, (const char *)upath, PATH_MAX);
	err = len < 0 ? len : len >= PATH_MAX ? -ENAMETOOLONG : len == 0 ? -ENOENT : 0;
	if (err)
		goto out;
	p = strings + len + 1;
	err = copy_strings((const char *const *)uargv, argv, 64, &p, &room);
	if (err >= 0)
		err = copy_strings((const char *const *)uenvp, envp, 64, &p, &room);
	if (err >= 0)
		err = kernel_execve(strings, argv, envp);
	if (err == 0) {
		current->flags &= ~PF_VFORK_CHILD;
		if (current->vfork_done) {
			complete(current->vfork_done);
			current->vfork_done = NULL;
		}
	}
out:
	kfree(strings);
	kfree(argv);
	return err;
}
