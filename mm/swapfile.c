/*
 * mm/swapfile.c - swap areas: swapon, swapoff, the swap map and the
 * slot allocator (Linux: mm/swapfile.c).
 *
 * An area is a block device (or, refused as on tmpfs, a file) whose
 * first page is mkswap's SWAPSPACE2 header.  Its swap map holds one count
 * per page slot: 0 free, SWAP_MAP_BAD for the header and bad pages, else
 * how many swap entries (PTEs, the swap cache) refer to the slot, so a
 * page shared by copy-on-write stays shared in swap.  Areas are used in
 * priority order; the first area without SWAP_FLAG_PREFER gets -2.
 *
 * Invariants: total_swap_pages is the sum of the good pages of areas in
 * service (SWP_WRITEOK); nr_swap_pages counts their free slots.
 * Synchronization: process context, one CPU, no kernel preemption.
 */
#include "mm/swap.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "kernel/x86.h"
#include "mm/shmem.h"
#include "mm/pgtable.h"
#include "proc/signal.h"
#include "mm/kmalloc.h"
#include "kernel/fs/file.h"
#include "kernel/fs/namei.h"
#include "kernel/fs/block_dev.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/syscall.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "proc/task.h"
#include "kernel/fs/seq_file.h"
#include "kernel/param.h"

#define SWAP_FLAG_PREFER	0x8000
#define SWAP_FLAG_PRIO_MASK	0x7fff
#define SWAP_FLAG_DISCARD	0x10000
#define SWAP_FLAG_DISCARD_ONCE	0x20000
#define SWAP_FLAG_DISCARD_PAGES	0x40000
#define SWAP_FLAGS_VALID	(SWAP_FLAG_PRIO_MASK | SWAP_FLAG_PREFER | SWAP_FLAG_DISCARD | \
				 SWAP_FLAG_DISCARD_ONCE | SWAP_FLAG_DISCARD_PAGES)

#define MAX_SWAP_BADPAGES	((4096 - 1536 - 10) / 4)

struct swap_header_info {	/* at offset 1024 of the first page */
	uint32_t version, last_page, nr_badpages;
	uint8_t uuid[16];
	char volume_name[16];
	uint32_t padding[117];
	uint32_t badpages[];
};

struct swap_info_struct swap_info[MAX_SWAPFILES];
long total_swap_pages;
long nr_swap_pages;
static int least_priority = -1;

/*
 * Check the header; the number of slots (header included), or 0.  A
 * header written on a machine of the other byte order is turned round
 * first, as 6.1 does.
 */
static unsigned long read_swap_header(struct swap_info_struct *p, uint8_t *page,
				      unsigned long dev_pages)
{
	struct swap_header_info *h = (void *)(page + 1024);
	unsigned long maxpages;

	if (memcmp(page + PAGE_SIZE - 10, "SWAPSPACE2", 10)) {
		pr_err("Unable to find swap-space signature\n");
		return 0;
	}
	if (__builtin_bswap32(h->version) == 1) {
		h->version = 1;
		h->last_page = __builtin_bswap32(h->last_page);
		h->nr_badpages = __builtin_bswap32(h->nr_badpages);
		if (h->nr_badpages > MAX_SWAP_BADPAGES)
			return 0;
		for (uint32_t i = 0; i < h->nr_badpages; i++)
			h->badpages[i] = __builtin_bswap32(h->badpages[i]);
	}
	if (h->version != 1) {
		pr_warn("Unable to handle swap header version %d\n", (int)h->version);
		return 0;
	}
	if (!h->last_page) {
		pr_warn("Empty swap-file\n");
		return 0;
	}
	maxpages = (unsigned long)h->last_page + 1;
	if (dev_pages && maxpages > dev_pages) {
		pr_warn("Swap area shorter than signature indicates\n");
		return 0;
	}
	if (h->nr_badpages > MAX_SWAP_BADPAGES)
		return 0;
	p->lowest_bit = 1;
	p->highest_bit = maxpages - 1;
	p->cluster_next = 1;
	return maxpages;
}

/* The swap map: the header and the bad pages are never handed out. */
static long setup_swap_map(struct swap_info_struct *p, const uint8_t *page,
			   unsigned long maxpages)
{
	const struct swap_header_info *h = (const void *)(page + 1024);
	long good = (long)maxpages - 1;

	p->swap_map = kzalloc(maxpages, GFP_KERNEL);
	p->swap_cache = kzalloc(maxpages * sizeof(struct page *), GFP_KERNEL);
	if (!p->swap_map || !p->swap_cache)
		return -ENOMEM;
	p->swap_map[0] = SWAP_MAP_BAD;
	/* A page listed twice is counted twice, as 6.1 does. */
	for (uint32_t i = 0; i < h->nr_badpages; i++) {
		uint32_t bad = h->badpages[i];

		if (bad == 0 || bad > h->last_page)
			return -EINVAL;
		p->swap_map[bad] = SWAP_MAP_BAD;
		good--;
	}
	if (good <= 0) {
		pr_warn("Empty swap-file\n");
		return -EINVAL;
	}
	return good;
}

/*
 * The name /proc/swaps shows is the file's path now (6.1's d_path), so a
 * symlink or "/./dev/vda" shows as /dev/vda and a rename shows the new
 * name; the path found at swapon is kept for when none is left, shown
 * then with Linux's " (deleted)".
 */
static void swap_name(struct swap_info_struct *p)
{
	if (!inode_path(p->swap_file->f_inode, p->name, sizeof(p->name)))
		strlcpy(p->name, "?", sizeof(p->name));
}

/* Does @f (swapoff's open of its path) name area @p?  A block device by its number. */
static bool same_swap_file(const struct swap_info_struct *p, const struct file *f)
{
	const struct inode *a = p->swap_file->f_inode, *b = f->f_inode;

	if (S_ISBLK(a->mode) && S_ISBLK(b->mode))
		return a->rdev == b->rdev;
	return a == b;
}

static struct swap_info_struct *alloc_swap_info(void)
{
	for (int i = 0; i < MAX_SWAPFILES; i++)
		if (!(swap_info[i].flags & SWP_USED)) {
			memset(&swap_info[i], 0, sizeof(swap_info[i]));
			swap_info[i].type = i;
			swap_info[i].flags = SWP_USED;
			return &swap_info[i];
		}
	return ERR_PTR(-EPERM);
}

/* Open @path for swap and read its header into @page; 0 or -errno. */
static long claim_area(struct swap_info_struct *p, const char *path, struct page *page)
{
	struct file *f = do_filp_open(AT_FDCWD, path, O_RDWR | O_LARGEFILE, 0);
	struct inode *inode;

	if (IS_ERR(f))
		return PTR_ERR(f);
	p->swap_file = f;
	inode = f->f_inode;
	if (S_ISBLK(inode->mode)) {
		p->bdev = lookup_block_device(inode->rdev);
		if (!p->bdev)
			return -ENXIO;
		if (p->bdev->holder || p->bdev->excl_file)
			return -EBUSY;	/* blkdev_get_by_dev(FMODE_EXCL): held by another */
		p->bdev->holder = p;
		return bdev_rw_page(p->bdev, 0, page, false) ? -EIO : 0;
	}
	/*
	 * A tmpfs file, or anything else: 6.1 reads the header through the
	 * file's read_folio, which tmpfs lacks, and refuses it silently.
	 */
	return -EINVAL;
}

static void release_area(struct swap_info_struct *p)
{
	if (p->bdev && p->bdev->holder == p)
		p->bdev->holder = NULL;
	if (p->swap_file)
		fput(p->swap_file);
	kfree(p->swap_map);
	kfree(p->swap_cache);
	p->swap_file = NULL;
	p->swap_map = NULL;
	p->swap_cache = NULL;
	p->bdev = NULL;
	p->flags = 0;
}

/*
 * SWAP_FLAG_DISCARD on a device that can: 6.1 turns on both policies
 * unless one is asked for (DISCARD_ONCE wins), and discards the whole
 * area but its header now.  Discarding freed clusters is for SSDs only
 * in 6.1, and a virtio disk is not one, so the "c" policy does nothing.
 */
static void setup_discard(struct swap_info_struct *p, int swap_flags)
{
	int err;

	if (!(swap_flags & SWAP_FLAG_DISCARD) || !p->bdev->max_discard_sectors)
		return;
	p->flags |= SWP_DISCARDABLE | SWP_AREA_DISCARD | SWP_PAGE_DISCARD;
	if (swap_flags & SWAP_FLAG_DISCARD_ONCE)
		p->flags &= ~SWP_PAGE_DISCARD;
	else if (swap_flags & SWAP_FLAG_DISCARD_PAGES)
		p->flags &= ~SWP_AREA_DISCARD;
	if (!(p->flags & SWP_AREA_DISCARD))
		return;
	err = blkdev_issue_discard(p->bdev, PAGE_SIZE / 512, (p->max - 1) * (PAGE_SIZE / 512));
	if (err)
		pr_err("swapon: discard_swap(%p): %d\n", (void *)p, err);
}

static long do_swapon(const char *path, int swap_flags)
{
	struct swap_info_struct *p = alloc_swap_info();
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long maxpages, dev_pages;
	long err, good;

	if (IS_ERR(p) || !page) {
		if (page)
			__free_pages(page, 0);
		return IS_ERR(p) ? PTR_ERR(p) : -ENOMEM;
	}
	err = claim_area(p, path, page);
	if (err)
		goto bad;
	dev_pages = p->bdev ? (unsigned long)(p->bdev->nr_sectors / 8) :
			      (unsigned long)p->swap_file->f_inode->size / PAGE_SIZE;
	maxpages = read_swap_header(p, page_address(page), dev_pages);
	err = -EINVAL;
	if (!maxpages)
		goto bad;
	good = setup_swap_map(p, page_address(page), maxpages);
	err = good;
	if (good < 0)
		goto bad;
	p->max = maxpages;
	p->pages = (unsigned long)good;
	p->prio = (swap_flags & SWAP_FLAG_PREFER) ? (swap_flags & SWAP_FLAG_PRIO_MASK)
						  : --least_priority;
	setup_discard(p, swap_flags);
	swap_name(p);
	p->flags |= SWP_WRITEOK;
	total_swap_pages += (long)p->pages;
	nr_swap_pages += (long)p->pages;
	/*
	 * 6.1's line; Debian's kernel has frontswap, hence "FS".  A block
	 * device is one extent whose span is its good pages (setup_swap_extents).
	 */
	pr_info("Adding %luk swap on %s.  Priority:%d extents:%d across:%luk %s%s%s%s%s\n",
		p->pages << (PAGE_SHIFT - 10), path, p->prio, 1,
		p->pages << (PAGE_SHIFT - 10), "",
		(p->flags & SWP_DISCARDABLE) ? "D" : "", (p->flags & SWP_AREA_DISCARD) ? "s" : "",
		(p->flags & SWP_PAGE_DISCARD) ? "c" : "", "FS");
	__free_pages(page, 0);
	return 0;
bad:
	release_area(p);
	__free_pages(page, 0);
	return err;
}

long sys_swapon(unsigned long upath, unsigned long flags, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	long err;
	char *path;

	if ((int)flags & ~SWAP_FLAGS_VALID)
		return -EINVAL;
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	path = getname((const char *)upath, &err);
	if (!path)
		return err;
	err = do_swapon(path, (int)flags);
	kfree(path);
	return err;
}

long sys_swapoff(unsigned long upath, unsigned long a2, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct swap_info_struct *p = NULL;
	struct file *victim;
	char *path;
	long err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	/* 6.1 opens the path for writing: EISDIR, ENXIO, EACCES as open(2) says. */
	path = getname((const char *)upath, &err);
	if (!path)
		return err;
	victim = do_filp_open(AT_FDCWD, path, O_RDWR | O_LARGEFILE, 0);
	kfree(path);
	if (IS_ERR(victim))
		return PTR_ERR(victim);
	for (int i = 0; i < MAX_SWAPFILES; i++)
		if ((swap_info[i].flags & SWP_WRITEOK) && same_swap_file(&swap_info[i], victim))
			p = &swap_info[i];
	fput(victim);
	if (!p)
		return -EINVAL;
	/*
	 * 6.1 asks whether the commit still fits without this area's pages
	 * (the check charges; the charge is taken straight back).
	 */
	if (security_vm_enough_memory_mm(current->mm, (long)p->pages))
		return -ENOMEM;
	vm_unacct_memory((long)p->pages);
	p->flags &= ~SWP_WRITEOK;	/* no new pages go there meanwhile */
	nr_swap_pages -= (long)(p->pages - p->inuse_pages);
	total_swap_pages -= (long)p->pages;
	current->oom_origin = true;	/* if RAM runs out, the OOM killer picks us */
	err = try_to_unuse(p);
	current->oom_origin = false;
	if (err) {			/* back into service, nothing lost */
		p->flags |= SWP_WRITEOK;
		total_swap_pages += (long)p->pages;
		nr_swap_pages += (long)(p->pages - p->inuse_pages);
		return err;
	}
	if (p->prio < 0)
		least_priority++;	/* 6.1 gives the next area the freed priority */
	release_area(p);
	return 0;
}


/* The area in service with the highest priority and a free slot. */
static struct swap_info_struct *pick_area(void)
{
	struct swap_info_struct *best = NULL;

	for (int i = 0; i < MAX_SWAPFILES; i++) {
		struct swap_info_struct *p = &swap_info[i];

		if ((p->flags & SWP_WRITEOK) && p->inuse_pages < p->pages &&
		    (!best || p->prio > best->prio))
			best = p;
	}
	return best;
}

uint64_t get_swap_page(void)
{
	struct swap_info_struct *p = pick_area();

	if (!p)
		return 0;
	/* Next fit from where the last search ended: writes stay sequential. */
	for (unsigned long n = 0; n < p->max; n++) {
		unsigned long off = p->cluster_next++;

		if (p->cluster_next > p->highest_bit)
			p->cluster_next = p->lowest_bit;
		if (off < p->lowest_bit || off > p->highest_bit || p->swap_map[off])
			continue;
		p->swap_map[off] = 1;
		p->inuse_pages++;
		nr_swap_pages--;
		return swp_entry((unsigned int)p->type, off);
	}
	return 0;
}

struct swap_info_struct *swap_info_get(uint64_t e)
{
	struct swap_info_struct *p = &swap_info[swp_type(e) % MAX_SWAPFILES];

	if (!(p->flags & SWP_USED) || !p->swap_map || swp_offset(e) >= p->max ||
	    !p->swap_map[swp_offset(e)] || p->swap_map[swp_offset(e)] == SWAP_MAP_BAD) {
		pr_err("swap_free: Bad swap file entry %016llx\n", (unsigned long long)e);
		return NULL;
	}
	return p;
}

void swap_free(uint64_t e)
{
	struct swap_info_struct *p = swap_info_get(e);
	unsigned long off = swp_offset(e);

	if (!p)
		return;
	if (--p->swap_map[off]) {
		/* Only the cache's count left: an unmapped cached page can go. */
		if (p->swap_map[off] == 1 && p->swap_cache && p->swap_cache[off])
			swapcache_free_unused(p->swap_cache[off]);
		return;
	}
	p->inuse_pages--;
	if (p->flags & SWP_WRITEOK)
		nr_swap_pages++;
}

bool swap_slot_in_use(uint64_t e)
{
	struct swap_info_struct *p = &swap_info[swp_type(e) % MAX_SWAPFILES];
	unsigned long off = swp_offset(e);

	return (p->flags & SWP_USED) && p->swap_map && off < p->max && p->swap_map[off] &&
	       p->swap_map[off] != SWAP_MAP_BAD;
}

bool swap_entry_in_service(uint64_t e)
{
	return swap_info[swp_type(e) % MAX_SWAPFILES].flags & SWP_WRITEOK;
}

int swap_count(uint64_t e)
{
	struct swap_info_struct *p = swap_info_get(e);

	return p ? p->swap_map[swp_offset(e)] : 0;
}

int swap_duplicate(uint64_t e)
{
	struct swap_info_struct *p = swap_info_get(e);

	if (!p || p->swap_map[swp_offset(e)] >= SWAP_MAP_MAX)
		return -ENOMEM;
	p->swap_map[swp_offset(e)]++;
	return 0;
}

/* 6.1's "Read-error on swap-device (MAJ:MIN:SECTOR)", rate-limited. */
void swap_io_error(const char *what, uint64_t e)
{
	static struct ratelimit_state rs = RATELIMIT_INIT(5 * HZ, 10);
	struct swap_info_struct *p = &swap_info[swp_type(e) % MAX_SWAPFILES];
	unsigned int dev = p->bdev ? p->bdev->dev : 0;

	unsigned long flags = local_irq_save();	/* reads log it from the interrupt too */
	bool print = __ratelimit(&rs);

	local_irq_restore(flags);
	if (print)
		pr_alert("%s-error on swap-device (%u:%u:%llu)\n", what, dev >> 8, dev & 0xff,
			 (unsigned long long)swp_offset(e) * (PAGE_SIZE / 512));
}

int swap_bio_init(struct bio *bio, uint64_t e, struct page *page, bool write)
{
	struct swap_info_struct *p = swap_info_get(e);

	if (!p || !p->bdev)
		return -EIO;
	*bio = (struct bio){ .bdev = p->bdev, .sector = (uint64_t)swp_offset(e) * (PAGE_SIZE / 512),
			     .buf = page_to_phys(page), .len = PAGE_SIZE, .write = write };
	return 0;
}

int swap_readpage(uint64_t e, struct page *page)
{
	struct swap_info_struct *p = swap_info_get(e);

	return p ? bdev_rw_page(p->bdev, (uint64_t)swp_offset(e) * (PAGE_SIZE / 512), page, false)
		 : -EIO;
}

int swap_writepage(uint64_t e, struct page *page)
{
	struct swap_info_struct *p = swap_info_get(e);

	return p ? bdev_rw_page(p->bdev, (uint64_t)swp_offset(e) * (PAGE_SIZE / 512), page, true)
		 : -EIO;
}

/*
 * Swap in every entry of area @type in @mm; 0, or -errno (killed, no
 * memory).  By address, not down the VMA list: a read sleeps, and the
 * process may split, merge or unmap the VMA we stand in meanwhile; we
 * then go on from the same address in whatever maps it now.
 */
static int unuse_mm(struct mm *mm, unsigned int type)
{
	unsigned long addr = 0, next;
	struct vma *vma;

	while ((vma = find_vma(mm, addr))) {
		for (addr = MAX(addr, vma->start); addr < vma->end; addr = next) {
			pte_t *pte = pte_lookup(mm->pgd, addr, &next);

			if (!pte || !is_swap_pte(*pte) || swp_type(*pte) != type)
				continue;
			if (fatal_signal_pending(current))
				return -EINTR;
			if (do_swap_page(mm, vma, addr, pte, false) != VM_FAULT_OK)
				return fatal_signal_pending(current) ? -EINTR : -ENOMEM;
			if (vma_lookup(mm, addr) != vma)
				break;	/* the read slept and the VMA changed: look again */
		}
	}
	return 0;
}

/*
 * swapoff's sweep (6.1's try_to_unuse): every process's entries, then
 * tmpfs's, then the pages left in the cache.  By pid, not down the task
 * list: swap-ins sleep, and the task we stand on could exit meanwhile.
 * A page that comes back does not go to this area again (it is out of
 * service), so one sweep suffices; whatever raced in is -EBUSY, with
 * nothing lost, and the caller puts the area back in service.
 */
/* One pass over every process's mm (a vfork child's too: its parent may be gone). */
static int unuse_all_mms(struct swap_info_struct *p)
{
	pid_t last = highest_pid();

	for (pid_t pid = 1; pid <= last && p->inuse_pages; pid++) {
		struct task *t = find_task_by_pid(pid);
		struct mm *mm;
		int err;

		if (!t || !t->mm || t->pid != t->tgid || t->exit_state || (t->flags & PF_KTHREAD))
			continue;
		mm = t->mm;
		mm->users++;		/* the mm outlives a task exiting while we sleep */
		mmap_read_lock(mm);
		err = unuse_mm(mm, (unsigned int)p->type);
		mmap_read_unlock(mm);
		mmput(mm);
		if (err)
			return err;
	}
	return 0;
}

int try_to_unuse(struct swap_info_struct *p)
{
	unsigned long before;
	int err;

	/* As 6.1, again while it helps: processes forked meanwhile hold entries too. */
	do {
		before = p->inuse_pages;
		err = unuse_all_mms(p);
		if (err)
			return err;
	} while (p->inuse_pages && p->inuse_pages < before);
	err = shmem_unuse((unsigned int)p->type);
	if (err)
		return err;
	swap_cache_clear(p);	/* pages back in memory keep their data; the slots go */
	return p->inuse_pages ? -EBUSY : 0;
}

unsigned long swap_area_pages(void)
{
	unsigned long n = 0;

	for (int i = 0; i < MAX_SWAPFILES; i++)
		if (swap_info[i].flags & SWP_USED)
			n += kmalloc_block_pages(swap_info[i].swap_map) +
			     kmalloc_block_pages(swap_info[i].swap_cache);
	return n;
}

/* 6.1's seq_file_path(m, file, " \t\n\\"): the path, those bytes as \ooo; its width. */
static int show_swap_path(struct seq_file *m, struct swap_info_struct *p)
{
	static char path[PATH_MAX];
	int len = 0;

	if (inode_path(p->swap_file->f_inode, path, sizeof(path)))
		strlcpy(p->name, path, sizeof(p->name));	/* renamed: keep up */
	else
		snprintf(path, sizeof(path), "%s (deleted)", p->name);
	for (const char *c = path; *c; c++) {
		if (strchr(" \t\n\\", *c)) {
			seq_printf(m, "\\%03o", (unsigned char)*c);
			len += 4;
		} else {
			seq_putc(m, *c);
			len++;
		}
	}
	return len;
}

int swaps_proc_show(struct seq_file *m, struct task *t)
{
	seq_puts(m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	for (int i = 0; i < MAX_SWAPFILES; i++) {
		struct swap_info_struct *p = &swap_info[i];
		unsigned long kb = p->pages << (PAGE_SHIFT - 10);
		unsigned long used = p->inuse_pages << (PAGE_SHIFT - 10);
		int len;

		if (!(p->flags & SWP_WRITEOK))
			continue;
		len = show_swap_path(m, p);
		seq_printf(m, "%*s%s\t%lu\t%s%lu\t%s%d\n", len < 40 ? 40 - len : 1, " ",
			   S_ISBLK(p->swap_file->f_inode->mode) ? "partition" : "file\t", kb,
			   kb < 10000000 ? "\t" : "", used, used < 10000000 ? "\t" : "", p->prio);
	}
	return 0;
}
