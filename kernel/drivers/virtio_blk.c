/*
 * kernel/drivers/virtio_blk.c - virtio-blk over virtio 1.0's PCI
 * transport (Linux: drivers/virtio/virtio_pci_modern.c,
 * drivers/block/virtio_blk.c).
 *
 * Both the transitional device (1af4:1001, what `-drive if=virtio` gives
 * on q35) and the modern one (1af4:1042) are driven through the virtio
 * 1.0 capabilities with VIRTIO_F_VERSION_1; the legacy I/O interface is
 * never used.  One split virtqueue of up to 64 entries in one page.  A
 * request (a struct bio) takes a slot of three descriptors (header,
 * data, status), so up to 21 are in flight at once; bios beyond that
 * wait on a pending list and start as slots come free.  Completion is an
 * MSI-X interrupt: the handler reaps the used ring, calls each bio's
 * end_io and starts pending bios.  Without a vector the driver polls:
 * every bio is then complete when submit returns.
 *
 * Synchronization: interrupts off around the rings, the slots and the
 * pending list, in submit and in the handler.  A device that fails any
 * step of the set-up is logged and left alone: the kernel goes on
 * without it.
 */
#include "kernel/drivers/pci.h"
#include "kernel/fs/block_dev.h"
#include "kernel/fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "proc/wait.h"
#include "proc/task.h"

#define VIRTIO_PCI_CAP_COMMON_CFG	1
#define VIRTIO_PCI_CAP_NOTIFY_CFG	2
#define VIRTIO_PCI_CAP_ISR_CFG		3
#define VIRTIO_PCI_CAP_DEVICE_CFG	4

#define STATUS_ACKNOWLEDGE	1
#define STATUS_DRIVER		2
#define STATUS_DRIVER_OK	4
#define STATUS_FEATURES_OK	8
#define STATUS_FAILED		128

#define VIRTIO_F_VERSION_1	32
#define VIRTIO_BLK_F_RO		5
#define VIRTIO_BLK_F_DISCARD	13
#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_DISCARD	11
#define VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS	36	/* in struct virtio_blk_config */
#define VIRTIO_BLK_S_OK		0

#define VIRTQ_DESC_F_NEXT	1
#define VIRTQ_DESC_F_WRITE	2
#define QUEUE_MAX		64
#define NR_SLOTS		(QUEUE_MAX / 3)	/* requests in flight */
#define NO_VECTOR		0xffff

struct virtio_pci_common_cfg {
	uint32_t device_feature_select, device_feature;
	uint32_t driver_feature_select, driver_feature;
	uint16_t msix_config, num_queues;
	uint8_t device_status, config_generation;
	uint16_t queue_select, queue_size, queue_msix_vector, queue_enable, queue_notify_off;
	uint64_t queue_desc, queue_driver, queue_device;
} __packed;

struct virtq_desc { uint64_t addr; uint32_t len; uint16_t flags, next; } __packed;
struct virtq_avail { uint16_t flags, idx, ring[QUEUE_MAX], used_event; } __packed;
struct virtq_used_elem { uint32_t id, len; } __packed;
struct virtq_used { uint16_t flags, idx; struct virtq_used_elem ring[QUEUE_MAX]; } __packed;

struct virtio_blk_req { uint32_t type, reserved; uint64_t sector; } __packed;
/* A discard's one segment: the device reads it instead of data. */
struct virtio_blk_discard { uint64_t sector; uint32_t num_sectors, flags; } __packed;

struct virtio_blk {
	struct pci_dev *pci;
	volatile struct virtio_pci_common_cfg *common;
	volatile uint8_t *notify_base, *isr, *device_cfg;
	uint32_t notify_mult;
	uint16_t qsize, notify_off, last_used;
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	volatile struct virtq_used *used;
	struct virtio_blk_req *hdr;	/* [NR_SLOTS], in the ring page's tail */
	volatile uint8_t *status;	/* [NR_SLOTS] */
	struct virtio_blk_discard *seg;	/* [NR_SLOTS], after the status bytes */
	struct bio *slot_bio[NR_SLOTS];	/* the request in each slot, or NULL */
	unsigned int nr_slots;		/* qsize / 3 */
	struct list_head pending;	/* bios waiting for a slot */
	bool irq, readonly, discard;
	struct block_device bdev;
};

static struct virtio_blk vblk;		/* one disk: /dev/vda */
static int nr_virtio;			/* virtioN numbering, as Linux logs it */

static void *map_cap(struct pci_dev *d, unsigned int cap, uint32_t *len)
{
	uint8_t bar = pci_read8(d, cap + 4);
	uint32_t off = pci_read32(d, cap + 8);

	*len = pci_read32(d, cap + 12);
	if (bar > 5 || !d->bar[bar] || d->bar_io[bar] || (uint64_t)off + *len > d->bar_size[bar])
		return NULL;
	return ioremap(d->bar[bar] + off, *len ? *len : 4);
}

/* Find and map the four virtio structures; false if one is missing. */
static bool find_caps(struct virtio_blk *v)
{
	unsigned int cap = 0;
	uint32_t len;

	while ((cap = pci_find_capability(v->pci, PCI_CAP_ID_VNDR, cap))) {
		switch (pci_read8(v->pci, cap + 3)) {
		case VIRTIO_PCI_CAP_COMMON_CFG:
			if (!v->common)
				v->common = map_cap(v->pci, cap, &len);
			break;
		case VIRTIO_PCI_CAP_NOTIFY_CFG:
			if (!v->notify_base) {
				v->notify_base = map_cap(v->pci, cap, &len);
				v->notify_mult = pci_read32(v->pci, cap + 16);
			}
			break;
		case VIRTIO_PCI_CAP_ISR_CFG:
			if (!v->isr)
				v->isr = map_cap(v->pci, cap, &len);
			break;
		case VIRTIO_PCI_CAP_DEVICE_CFG:
			if (!v->device_cfg)
				v->device_cfg = map_cap(v->pci, cap, &len);
			break;
		}
	}
	return v->common && v->notify_base && v->isr && v->device_cfg;
}


static uint64_t read_features(struct virtio_blk *v)
{
	uint64_t f;

	v->common->device_feature_select = 0;
	f = v->common->device_feature;
	v->common->device_feature_select = 1;
	return f | ((uint64_t)v->common->device_feature << 32);
}

static int negotiate(struct virtio_blk *v)
{
	uint64_t have = read_features(v), want = (1ULL << VIRTIO_F_VERSION_1);

	if (!(have & want))
		return -ENODEV;		/* a legacy-only device */
	v->readonly = have & (1ULL << VIRTIO_BLK_F_RO);
	v->discard = have & (1ULL << VIRTIO_BLK_F_DISCARD);
	want |= have & ((1ULL << VIRTIO_BLK_F_RO) | (1ULL << VIRTIO_BLK_F_DISCARD));
	v->common->driver_feature_select = 0;
	v->common->driver_feature = (uint32_t)want;
	v->common->driver_feature_select = 1;
	v->common->driver_feature = (uint32_t)(want >> 32);
	v->common->device_status |= STATUS_FEATURES_OK;
	return (v->common->device_status & STATUS_FEATURES_OK) ? 0 : -ENODEV;
}

static void vblk_interrupt(int vector, void *data);

static int setup_queue(struct virtio_blk *v)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	char *base;
	int vector;

	if (!page)
		return -ENOMEM;
	v->common->queue_select = 0;
	v->qsize = MIN((uint16_t)QUEUE_MAX, v->common->queue_size);
	if (!v->qsize)
		return -ENODEV;
	v->common->queue_size = v->qsize;
	base = page_address(page);
	v->desc = (struct virtq_desc *)base;			/* 1 KiB */
	v->avail = (struct virtq_avail *)(base + 1024);		/* 134 bytes */
	v->used = (struct virtq_used *)(base + 2048);		/* 518 bytes */
	v->hdr = (struct virtio_blk_req *)(base + 3072);		/* 336 bytes */
	v->status = (uint8_t *)(base + 3072 + NR_SLOTS * sizeof(*v->hdr));
	v->seg = (struct virtio_blk_discard *)(base + 3072 + NR_SLOTS * sizeof(*v->hdr) +
						ALIGN_UP(NR_SLOTS, 16));
	v->nr_slots = MIN((unsigned int)NR_SLOTS, v->qsize / 3u);
	v->common->queue_desc = virt_to_phys(v->desc);
	v->common->queue_driver = virt_to_phys(v->avail);
	v->common->queue_device = virt_to_phys((void *)v->used);
	vector = pci_msix_setup(v->pci, 0, vblk_interrupt, v);
	v->common->msix_config = NO_VECTOR;
	v->common->queue_msix_vector = vector >= 0 ? 0 : NO_VECTOR;
	v->irq = vector >= 0 && v->common->queue_msix_vector == 0;
	v->notify_off = v->common->queue_notify_off;
	if (v->irq)
		pr_debug("virtio_blk: completions by MSI-X vector %#x\n", vector);
	else
		pr_warn("virtio_blk: no MSI-X vector; completions are polled\n");
	v->common->queue_enable = 1;
	return 0;
}

/* Put @bio in free slot @i and on the avail ring (the caller notifies). */
static void vblk_start(struct virtio_blk *v, unsigned int i, struct bio *bio)
{
	uint16_t head = (uint16_t)(3 * i), idx = v->avail->idx;

	v->slot_bio[i] = bio;
	v->hdr[i] = (struct virtio_blk_req){ bio->discard ? VIRTIO_BLK_T_DISCARD :
					     bio->write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN,
					     0, bio->discard ? 0 : bio->sector };
	v->status[i] = 0xff;
	v->desc[head] = (struct virtq_desc){ virt_to_phys(&v->hdr[i]), sizeof(v->hdr[i]),
					     VIRTQ_DESC_F_NEXT, (uint16_t)(head + 1) };
	if (bio->discard) {
		v->seg[i] = (struct virtio_blk_discard){ bio->sector, bio->len / 512, 0 };
		v->desc[head + 1] = (struct virtq_desc){ virt_to_phys(&v->seg[i]), sizeof(v->seg[i]),
							 VIRTQ_DESC_F_NEXT, (uint16_t)(head + 2) };
	} else {
		v->desc[head + 1] = (struct virtq_desc){ bio->buf, bio->len,
			(uint16_t)(VIRTQ_DESC_F_NEXT | (bio->write ? 0 : VIRTQ_DESC_F_WRITE)),
			(uint16_t)(head + 2) };
	}
	v->desc[head + 2] = (struct virtq_desc){ virt_to_phys((void *)&v->status[i]), 1,
						 VIRTQ_DESC_F_WRITE, 0 };
	v->avail->ring[idx % v->qsize] = head;
	asm volatile("" ::: "memory");	/* x86 keeps stores in order: a compiler barrier suffices */
	v->avail->idx = (uint16_t)(idx + 1);
}

/* Start pending bios in the free slots; one notification for all.  Interrupts off. */
static void vblk_kick(struct virtio_blk *v)
{
	bool started = false;

	for (unsigned int i = 0; i < v->nr_slots && !list_empty(&v->pending); i++) {
		struct bio *bio;

		if (v->slot_bio[i])
			continue;
		bio = list_first_entry(&v->pending, struct bio, queue);
		list_del(&bio->queue);
		vblk_start(v, i, bio);
		started = true;
	}
	if (!started)
		return;
	asm volatile("mfence" ::: "memory");
	*(volatile uint16_t *)(v->notify_base + (size_t)v->notify_off * v->notify_mult) = 0;
}

/* Reap the used ring: end each finished bio, then start waiting ones.  Interrupts off. */
static void vblk_complete(struct virtio_blk *v)
{
	while (v->used->idx != v->last_used) {
		unsigned int i = v->used->ring[v->last_used % v->qsize].id / 3;
		struct bio *bio = i < v->nr_slots ? v->slot_bio[i] : NULL;

		v->last_used++;
		if (!bio)
			continue;	/* a device bug: nothing of ours to end */
		v->slot_bio[i] = NULL;
		bio->status = v->status[i] == VIRTIO_BLK_S_OK ? 0 : -EIO;
		bio->end_io(bio);
	}
	vblk_kick(v);
}

static void vblk_interrupt(int vector, void *data)
{
	vblk_complete(data);
}

static bool vblk_idle(const struct virtio_blk *v)
{
	for (unsigned int i = 0; i < v->nr_slots; i++)
		if (v->slot_bio[i])
			return false;
	return list_empty(&v->pending);
}

static void vblk_submit(struct block_device *bdev, struct bio *bio)
{
	struct virtio_blk *v = container_of(bdev, struct virtio_blk, bdev);
	unsigned long flags;

	if (bio->write && v->readonly) {
		bio->status = -EROFS;
		bio->end_io(bio);
		return;
	}
	flags = local_irq_save();
	list_add_tail(&bio->queue, &v->pending);
	vblk_kick(v);
	while (!v->irq && !vblk_idle(v)) {	/* no interrupt will come: wait here */
		cpu_relax();
		vblk_complete(v);
	}
	local_irq_restore(flags);
}

void virtio_pci_probe(struct pci_dev *d)
{
	struct virtio_blk *v = &vblk;
	uint64_t sectors;
	int n = nr_virtio++;

	if (v->pci) {
		pr_warn("virtio_blk virtio%d: only one disk is supported; ignored\n", n);
		return;
	}
	v->pci = d;
	INIT_LIST_HEAD(&v->pending);
	pci_enable_device(d);
	if (!find_caps(v)) {
		pr_err("virtio_blk virtio%d: no virtio 1.0 capabilities (legacy-only device); no disk\n", n);
		v->pci = NULL;
		return;
	}
	v->common->device_status = 0;		/* reset */
	v->common->device_status = STATUS_ACKNOWLEDGE | STATUS_DRIVER;
	if (negotiate(v) || setup_queue(v)) {
		v->common->device_status |= STATUS_FAILED;
		pr_err("virtio_blk virtio%d: device set-up failed; no disk\n", n);
		v->pci = NULL;
		return;
	}
	v->common->device_status |= STATUS_DRIVER_OK;
	sectors = *(volatile uint64_t *)v->device_cfg;
	v->bdev = (struct block_device){ .name = "vda", .dev = MKDEV(254, 0),
		.nr_sectors = sectors, .submit = vblk_submit };
	if (v->discard)
		v->bdev.max_discard_sectors =
			*(volatile uint32_t *)(v->device_cfg + VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS);
	pr_info("virtio_blk virtio%d: [vda] %llu 512-byte logical blocks (%llu MB/%llu MiB)\n",
		n, (unsigned long long)sectors,
		(unsigned long long)(sectors * 512 / 1000000),
		(unsigned long long)(sectors >> 11));
	if (v->readonly)
		pr_info("virtio_blk virtio%d: [vda] write protected\n", n);
	register_block_device(&v->bdev);
}
