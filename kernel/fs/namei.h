/*
 * kernel/fs/namei.h - path name resolution (Linux: fs/namei.c).
 */
#ifndef KERNEL_FS_NAMEI_H
#define KERNEL_FS_NAMEI_H

#include "kernel/fs/vfs.h"
#include "kernel/fs/file.h"

#define LOOKUP_FOLLOW		0x1	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x2	/* the result must be a directory */
#define LOOKUP_EMPTY		0x4	/* "" names @dfd itself (AT_EMPTY_PATH) */

#define MAXSYMLINKS	40

/* The last component of a path and the directory that holds it. */
struct nameparent {
	struct inode *dir;		/* a reference */
	const char *name;		/* points into the caller's path */
	size_t len;			/* 0: the path was "/" */
	bool slash;			/* the path ended in '/' */
};

int inode_permission(struct inode *inode, int mask);
/*
 * Could current open @inode for writing, or does it own it (6.1's
 * inode_owner_or_capable || file_permission(MAY_WRITE))?  What mincore
 * and MADV_PAGEOUT ask before they reveal or move a file's pages.
 */
bool may_write_or_own(struct inode *inode);
/*
 * A path of @inode from the root, as "/a/b", into @buf (Linux's d_path;
 * inodes keep no name, so the tree is searched, /proc excluded): false
 * when it has none left (unlinked) or it does not fit.
 */
bool inode_path(const struct inode *inode, char *buf, size_t size);
/* The inode @path names, relative to @dfd (AT_FDCWD or a directory fd). */
struct inode *namei_at(int dfd, const char *path, unsigned int flags);
/* Resolve all but the last component of @path; fills @np. */
int namei_parent(int dfd, const char *path, struct nameparent *np);
/* Resolve @path relative to @dir (which the caller keeps). */
struct inode *walk_from(struct inode *dir, const char *path, size_t len,
			unsigned int flags, int depth);
/* namei_at on a path still in user memory (copied, resolved, freed). */
struct inode *user_path_at(int dfd, const char *upath, unsigned int flags);
/* The LOOKUP_* flags an *at() call's AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH ask for. */
static inline unsigned int at_lookup_flags(int at_flags)
{
	return (at_flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
	       (at_flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
}
/* Copy a user path into a PATH_MAX kernel buffer the caller frees. */
char *getname(const char *upath, long *err);
bool is_dot_or_dotdot(const char *name, size_t len);
/* The current directory's absolute path, into kernel memory. */
long sys_getcwd_kernel(char *buf, size_t size);

#endif
