/*
 * kernel/fs/proc/task_mmu.c - /proc/PID/maps in Linux 6.1's format
 * (Linux: fs/proc/task_mmu.c show_map_vma):
 *   start-end perms offset major:minor inode, padded to column 73, name
 * Names: the file's path (found by walking the tmpfs tree; " (deleted)"
 * for an unlinked one), "/dev/zero (deleted)" for shared anonymous memory
 * (an unnamed shmem inode, as Linux's), [heap] and [stack]; no [vdso]
 * since there is none.  An anonymous line ends in "0 " with no padding.
 */
#include "kernel/fs/proc/internal.h"
#include "kernel/lib/string.h"
#include "mm/mm.h"
#include "proc/task.h"

/* Depth-first search of @dir for @target; builds "/a/b" into @buf. */
static bool find_path(struct inode *dir, const struct inode *target, char *buf, size_t size,
		      size_t len, int depth)
{
	struct dentry *d;

	if (depth > 16 || dir->iop)
		return false;	/* never into /proc */
	list_for_each_entry(d, &dir->entries, node) {
		size_t n = strlen(d->name);

		if (len + 1 + n + 1 > size)
			continue;
		buf[len] = '/';
		memcpy(buf + len + 1, d->name, n + 1);
		if (d->inode == target)
			return true;
		if (S_ISDIR(d->inode->mode) && d->inode != dir &&
		    find_path(d->inode, target, buf, size, len + 1 + n, depth + 1))
			return true;
	}
	buf[len] = 0;
	return false;
}

/*
 * An inode has no name of its own: look for it.  One with no name left
 * is shown as shared anonymous memory; an unlinked file mapped by name
 * earlier looks the same here (its old path is not kept).
 */
static void put_file_name(struct seq_file *m, struct inode *file)
{
	char path[256];

	if (file->nlink && find_path(root_inode, file, path, sizeof(path), 0, 0))
		seq_puts(m, path);
	else
		seq_puts(m, "/dev/zero (deleted)");
}

static void show_map_vma(struct seq_file *m, const struct mm *mm, const struct vma *v)
{
	unsigned long f = v->flags;
	unsigned int dev = v->file ? v->file->dev : 0;

	seq_setwidth(m, 25 + sizeof(void *) * 6 - 1);
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", v->start, v->end,
		   f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-', f & VM_EXEC ? 'x' : '-',
		   f & VM_MAYSHARE ? 's' : 'p', v->file ? v->pgoff << PAGE_SHIFT : 0,
		   dev >> 8, dev & 0xff, v->file ? v->file->ino : 0);
	if (v->file) {
		seq_pad(m, ' ');
		put_file_name(m, v->file);
	} else if (v->start <= mm->brk && v->end >= mm->start_brk) {
		seq_pad(m, ' ');
		seq_puts(m, "[heap]");
	} else if (v->start <= mm->start_stack && v->end >= mm->start_stack) {
		seq_pad(m, ' ');
		seq_puts(m, "[stack]");
	}
	seq_putc(m, '\n');
}

int proc_pid_maps(struct seq_file *m, struct task *t)
{
	struct mm *mm = get_task_mm(t);
	const struct vma *v;

	if (!mm)
		return 0;
	mmap_read_lock(mm);	/* the text grows (and may sleep) as the walk goes */
	list_for_each_entry(v, &mm->vmas, node)
		show_map_vma(m, mm, v);
	mmap_read_unlock(mm);
	mmput(mm);
	return 0;
}
