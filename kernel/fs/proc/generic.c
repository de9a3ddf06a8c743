/*
 * kernel/fs/proc/generic.c - /proc entries as inodes: lookup and
 * getdents in a table directory, the text files' open/read/lseek/write,
 * computed symlinks (Linux: fs/proc/generic.c, inode.c, base.c).
 *
 * Invariants: every /proc inode but the root is transient (freed at its
 * last reference), has dev PROC_DEV and an inode number computed from its
 * entry and pid, so stat and getdents agree and a second lookup gives the
 * same number.  A directory's f_pos is 0 ".", 1 "..", then 2 + the index
 * in its table (the root adds pids after, see root.c).
 * A text file keeps the text of its last generation; it is made again
 * when a read starts anywhere but where the previous one ended (the first
 * read, after lseek, pread), as Linux's seq_read does.
 */
#include "kernel/fs/proc/internal.h"
#include "kernel/errno.h"
#include "kernel/param.h"
#include "kernel/lib/string.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "mm/mm.h"

struct task *proc_task(pid_t pid)
{
	struct task *t;

	if (pid <= 0)
		return NULL;
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid)
			return t;
	return NULL;
}

struct task *proc_inode_task(struct inode *inode)
{
	return proc_task(inode->pid);
}

unsigned long proc_ino(const struct proc_entry *e, pid_t pid)
{
	/* Distinct from tmpfs's small numbers; stable per (entry, pid). */
	return 0x10000000UL + ((unsigned long)pid << 20) + (((uintptr_t)e >> 3) & 0xfffff);
}

const struct proc_entry *proc_find(const struct proc_entry *tab, const char *name, size_t len)
{
	for (; tab && tab->name; tab++)
		if (strlen(tab->name) == len && !memcmp(tab->name, name, len))
			return tab;
	return NULL;
}

static unsigned int count_subdirs(const struct proc_entry *tab)
{
	unsigned int n = 0;

	for (; tab && tab->name; tab++)
		n += S_ISDIR(tab->mode);
	return n;
}

static void set_inode_ops(struct inode *i, const struct proc_entry *e)
{
	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		i->iop = &proc_dir_iops;
		i->fop = &proc_dir_fops;
		break;
	case S_IFLNK:
		i->iop = &proc_link_iops;
		i->fop = NULL;
		break;
	default:
		i->iop = e->iops;
		i->fop = e->fops ? e->fops : &proc_text_fops;
		break;
	}
}

/*
 * Linux's task_dump_owner: a process's files belong to its effective ids,
 * to root when it has no mm (a kernel thread, a zombie) or is not
 * dumpable; its /proc/PID directory itself always to its ids.
 */
static void task_dump_owner(const struct task *t, mode_t mode, uid_t *uid, gid_t *gid)
{
	*uid = 0;
	*gid = 0;
	if (!t || (t->flags & PF_KTHREAD))
		return;
	if (mode != (S_IFDIR | 0555) && (!t->mm || t->mm->dumpable != 1))
		return;
	*uid = t->cred.euid;
	*gid = t->cred.egid;
}

struct inode *proc_make_inode(struct inode *dir, const struct proc_entry *e, pid_t pid)
{
	struct inode *i = inode_alloc(e->mode);
	struct task *t = proc_task(pid);

	if (!i)
		return NULL;
	i->transient = true;
	i->dev = PROC_DEV;
	i->pde = e;
	i->pid = pid;
	i->ino = proc_ino(e, pid);
	task_dump_owner(t, e->mode, &i->uid, &i->gid);
	i->nlink = S_ISDIR(e->mode) ? 2 + count_subdirs(e->subdir) : 1;
	set_inode_ops(i, e);
	if (S_ISDIR(e->mode)) {
		i->parent = dir;	/* ".." pins the parent */
		inode_get(dir);
	}
	return i;
}

/* A /proc/PID/... directory vanishes with its task. */
static bool dir_alive(struct inode *dir)
{
	return !dir->pid || proc_inode_task(dir);
}

static struct inode *proc_dir_lookup(struct inode *dir, const char *name, size_t len)
{
	const struct proc_entry *de = dir->pde, *e;

	if (!dir_alive(dir))
		return NULL;
	e = proc_find(de->subdir, name, len);
	return e ? proc_make_inode(dir, e, dir->pid) : NULL;
}

long proc_readdir_table(struct file *f, void *ubuf, size_t len, const struct proc_entry *tab,
			size_t *used, int *err, bool *full)
{
	struct inode *dir = f->f_inode;
	long n = 0;

	*full = true;
	if (f->f_pos == 0) {
		if (!filldir64(ubuf, len, used, err, dir->ino, 1, S_IFDIR, "."))
			return 0;
		f->f_pos = 1;
	}
	if (f->f_pos == 1) {
		if (!filldir64(ubuf, len, used, err, dir->parent->ino, 2, S_IFDIR, ".."))
			return 0;
		f->f_pos = 2;
	}
	for (; tab && tab[n].name; n++) {
		if (n + 2 < f->f_pos)
			continue;
		if (!filldir64(ubuf, len, used, err, proc_ino(&tab[n], dir->pid), n + 3,
				      tab[n].mode, tab[n].name))
			return n;
		f->f_pos = n + 3;
	}
	*full = false;
	return n;
}

/* What getdents returns once the records are in: bytes, error, end or too small. */
long proc_readdir_result(size_t used, int err, bool full)
{
	if (used)
		return (long)used;
	if (err)
		return err;
	return full ? -EINVAL : 0;
}

static long proc_dir_getdents(struct file *f, void *ubuf, size_t len)
{
	const struct proc_entry *de = f->f_inode->pde;
	size_t used = 0;
	int err = 0;
	bool full;

	if (!dir_alive(f->f_inode))
		return -ENOENT;
	proc_readdir_table(f, ubuf, len, de->subdir, &used, &err, &full);
	return proc_readdir_result(used, err, full);
}

long proc_dir_llseek(struct file *f, long off, int whence)
{
	if (whence == SEEK_SET && off >= 0)
		return f->f_pos = off;
	if (whence == SEEK_CUR && f->f_pos + off >= 0)
		return f->f_pos += off;
	return -EINVAL;
}

static long proc_get_link(struct inode *inode, char *buf, size_t size)
{
	const struct proc_entry *e = inode->pde;
	struct task *t = proc_inode_task(inode);

	if (inode->pid && !t)
		return -ENOENT;
	return e->get_link(t, buf, size);
}

const struct inode_operations proc_dir_iops = { .lookup = proc_dir_lookup };
const struct inode_operations proc_link_iops = { .get_link = proc_get_link };
const struct file_operations proc_dir_fops = {
	.getdents = proc_dir_getdents,
	.llseek = proc_dir_llseek,
};

/* ---- text files ---- */

struct proc_text {
	char *buf;		/* the last generated text, or NULL */
	size_t len;
	long next_pos;		/* where the previous read ended */
};

struct show_call {
	const struct proc_entry *e;
	struct task *t;
};

static int call_show(struct seq_file *m, void *arg)
{
	struct show_call *c = arg;

	return c->e->show(m, c->t);
}

static int text_open(struct inode *inode, struct file *f)
{
	struct proc_text *pt = kzalloc(sizeof(*pt), GFP_KERNEL);

	if (!pt)
		return -ENOMEM;
	f->private_data = pt;
	return 0;
}

static void text_release(struct inode *inode, struct file *f)
{
	struct proc_text *pt = f->private_data;

	kfree(pt->buf);
	kfree(pt);
}

static int text_regenerate(struct file *f, struct proc_text *pt)
{
	struct inode *inode = f->f_inode;
	struct show_call c = { inode->pde, proc_inode_task(inode) };
	size_t len;
	char *buf;

	if (inode->pid && !c.t)
		return -ESRCH;	/* reaped since the open */
	if (!c.e->show)
		return -EINVAL;
	buf = seq_generate(call_show, &c, &len);
	if (IS_ERR(buf))
		return (int)PTR_ERR(buf);
	kfree(pt->buf);
	pt->buf = buf;
	pt->len = len;
	return 0;
}

static long text_read(struct file *f, char *ubuf, size_t len, long *ppos)
{
	struct proc_text *pt = f->private_data;
	size_t n;

	if (!pt->buf || *ppos != pt->next_pos) {
		int err = text_regenerate(f, pt);

		if (err)
			return err;
	}
	if ((size_t)*ppos >= pt->len) {
		pt->next_pos = *ppos;
		return 0;
	}
	n = MIN(len, pt->len - (size_t)*ppos);
	if (copy_to_user(ubuf, pt->buf + *ppos, n))
		return -EFAULT;
	*ppos += (long)n;
	pt->next_pos = *ppos;
	return (long)n;
}

/*
 * seq_lseek: only SEEK_SET and SEEK_CUR, never before the start; files
 * Linux gives default_llseek (oom_adj, oom_score_adj) also take SEEK_END,
 * from their size, 0.
 */
static long text_llseek(struct file *f, long off, int whence)
{
	const struct proc_entry *e = f->f_inode->pde;

	if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence == SEEK_END && e->default_llseek)
		off += 0;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (off < 0)
		return -EINVAL;
	return f->f_pos = off;
}

int proc_parse_int(char *s, int *val)
{
	long v;
	char *end;
	int err;

	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || (end[-1] >= '\t' && end[-1] <= '\r')))
		*--end = 0;
	err = kstrtol(s, 0, &v);
	if (err)
		return err;
	if (v < INT_MIN || v > INT_MAX)
		return -ERANGE;
	*val = (int)v;
	return 0;
}

/*
 * A write to a text file: its first write_max bytes, NUL-terminated, go
 * to the entry.  Files without a write are EIO for /proc's own files and
 * EINVAL for a process's, as Linux's proc_reg_write and vfs_write give.
 */
static long text_write(struct file *f, const char *ubuf, size_t len, long *ppos)
{
	const struct proc_entry *e = f->f_inode->pde;
	struct task *t = proc_inode_task(f->f_inode);
	size_t max = e->write_max ? e->write_max : PAGE_SIZE - 1;
	char *kbuf;
	long ret;

	if (!e->write)
		return f->f_inode->pid ? -EINVAL : -EIO;
	if (f->f_inode->pid && !t)
		return -ESRCH;
	kbuf = kzalloc(max + 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	ret = copy_from_user(kbuf, ubuf, MIN(len, max)) ? -EFAULT :
	      e->write(t, kbuf, MIN(len, max), len);
	kfree(kbuf);
	return ret;		/* the position stays: Linux's handlers ignore it */
}

const struct file_operations proc_text_fops = {
	.open = text_open,
	.release = text_release,
	.read = text_read,
	.write = text_write,
	.llseek = text_llseek,
	.zero_length_io = true,
};
