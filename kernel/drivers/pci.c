/*
 * kernel/drivers/pci.c - PCI enumeration through configuration
 * mechanism #1 (ports 0xcf8/0xcfc), BAR sizing, capabilities and MSI-X
 * (Linux: drivers/pci/).
 *
 * Every bus is probed (q35 puts its devices on bus 0, behind its root
 * ports on others).  BARs are left where the firmware put them: OVMF
 * places 64-bit BARs above 4 GiB, which is why drivers map them with
 * ioremap rather than through the direct map.  Each device found is
 * logged in Linux's `pci 0000:00:03.0: [1af4:1001] type 00 class 0x010000`
 * form, then offered to the drivers that know its ids.
 */
#include "kernel/drivers/pci.h"
#include "kernel/irq.h"
#include "kernel/printk.h"
#include "kernel/x86.h"
#include "mm/pgtable.h"

#define PCI_CONFIG_ADDR	0xcf8
#define PCI_CONFIG_DATA	0xcfc
#define PCI_COMMAND	0x04
#define PCI_CMD_IO	0x1
#define PCI_CMD_MEMORY	0x2
#define PCI_CMD_MASTER	0x4
#define PCI_CMD_INTX_DISABLE 0x400
#define PCI_STATUS	0x06
#define PCI_STATUS_CAP	0x10
#define PCI_HEADER_TYPE	0x0e
#define PCI_BAR0	0x10
#define PCI_CAP_PTR	0x34
#define PCI_IRQ_LINE	0x3c

static uint32_t config_addr(const struct pci_dev *d, unsigned int off)
{
	return 0x80000000u | ((uint32_t)d->bus << 16) | ((uint32_t)d->dev << 11) |
	       ((uint32_t)d->fn << 8) | (off & 0xfc);
}

uint32_t pci_read32(const struct pci_dev *d, unsigned int off)
{
	outl(PCI_CONFIG_ADDR, config_addr(d, off));
	return inl(PCI_CONFIG_DATA);
}

uint16_t pci_read16(const struct pci_dev *d, unsigned int off)
{
	return (uint16_t)(pci_read32(d, off) >> ((off & 2) * 8));
}

uint8_t pci_read8(const struct pci_dev *d, unsigned int off)
{
	return (uint8_t)(pci_read32(d, off) >> ((off & 3) * 8));
}

void pci_write32(const struct pci_dev *d, unsigned int off, uint32_t v)
{
	outl(PCI_CONFIG_ADDR, config_addr(d, off));
	outl(PCI_CONFIG_DATA, v);
}

void pci_write16(const struct pci_dev *d, unsigned int off, uint16_t v)
{
	uint32_t old = pci_read32(d, off & ~3u);
	unsigned int shift = (off & 2) * 8;

	pci_write32(d, off & ~3u, (old & ~(0xffffu << shift)) | ((uint32_t)v << shift));
}

unsigned int pci_find_capability(const struct pci_dev *d, uint8_t id, unsigned int from)
{
	unsigned int pos, guard = 48;

	if (!(pci_read16(d, PCI_STATUS) & PCI_STATUS_CAP))
		return 0;
	pos = from ? pci_read8(d, from + 1) : pci_read8(d, PCI_CAP_PTR);
	while (pos >= 0x40 && guard--) {
		pos &= ~3u;
		if (pci_read8(d, pos) == id)
			return pos;
		pos = pci_read8(d, pos + 1);
	}
	return 0;
}

void pci_enable_device(const struct pci_dev *d)
{
	uint16_t cmd = pci_read16(d, PCI_COMMAND);

	pci_write16(d, PCI_COMMAND, cmd | PCI_CMD_MEMORY | PCI_CMD_IO | PCI_CMD_MASTER);
}

/* Size BAR @i by writing all ones (decoding off meanwhile). */
static int size_bar(struct pci_dev *d, int i)
{
	unsigned int off = PCI_BAR0 + 4 * (unsigned int)i;
	uint32_t lo = pci_read32(d, off), hi = 0, mlo, mhi = 0xffffffff;
	bool is64 = !(lo & 1) && ((lo >> 1) & 3) == 2;
	uint64_t mask;

	pci_write32(d, off, 0xffffffff);
	mlo = pci_read32(d, off);
	pci_write32(d, off, lo);
	if (is64) {
		hi = pci_read32(d, off + 4);
		pci_write32(d, off + 4, 0xffffffff);
		mhi = pci_read32(d, off + 4);
		pci_write32(d, off + 4, hi);
	}
	d->bar_io[i] = lo & 1;
	if (lo & 1) {
		d->bar[i] = lo & ~3u;
		d->bar_size[i] = mlo ? (~(mlo & ~3u) + 1) & 0xffff : 0;
		return 1;
	}
	mask = ((uint64_t)mhi << 32) | (mlo & ~0xfu);
	if (!is64)
		mask |= 0xffffffff00000000ULL;
	d->bar[i] = (((uint64_t)hi << 32) | (lo & ~0xfu));
	d->bar_size[i] = mask ? ~mask + 1 : 0;
	return is64 ? 2 : 1;
}

int pci_msix_setup(const struct pci_dev *d, unsigned int entry,
		   void (*handler)(int, void *), void *data)
{
	unsigned int cap = pci_find_capability(d, PCI_CAP_ID_MSIX, 0);
	uint32_t table, addr, msg;
	uint16_t ctrl;
	volatile uint32_t *t;
	int vector;

	if (!cap)
		return -1;
	ctrl = pci_read16(d, cap + 2);
	table = pci_read32(d, cap + 4);
	if (entry > (ctrl & 0x7ffu) || !d->bar[table & 7] || d->bar_io[table & 7])
		return -1;
	vector = request_msi(handler, data, &addr, &msg);
	if (vector < 0)
		return -1;
	t = ioremap(d->bar[table & 7] + (table & ~7u) + 16 * entry, 16);
	if (!t)
		return -1;
	t[0] = addr;
	t[1] = 0;
	t[2] = msg;
	t[3] = 0;			/* unmasked */
	/* MSI-X on, function mask off; INTx off so only the message fires. */
	pci_write16(d, cap + 2, (uint16_t)((ctrl | 0x8000) & ~0x4000));
	pci_write16(d, PCI_COMMAND, pci_read16(d, PCI_COMMAND) | PCI_CMD_INTX_DISABLE);
	return vector;
}

void virtio_pci_probe(struct pci_dev *d);	/* kernel/drivers/virtio_blk.c */

static void probe(struct pci_dev *d)
{
	if (d->vendor == 0x1af4 && (d->device == 0x1001 || d->device == 0x1042))
		virtio_pci_probe(d);
}

static void scan_function(uint8_t bus, uint8_t dev, uint8_t fn)
{
	static struct pci_dev devs[32];
	static int ndevs;
	struct pci_dev tmp = { .bus = bus, .dev = dev, .fn = fn }, *d;
	uint32_t id = pci_read32(&tmp, 0);

	if ((id & 0xffff) == 0xffff || ndevs == 32)
		return;
	d = &devs[ndevs++];
	*d = tmp;
	d->vendor = (uint16_t)id;
	d->device = (uint16_t)(id >> 16);
	d->class = pci_read32(d, 0x08) >> 8;
	d->irq_line = pci_read8(d, PCI_IRQ_LINE);
	if ((pci_read8(d, PCI_HEADER_TYPE) & 0x7f) == 0)
		for (int i = 0; i < 6; i += size_bar(d, i))
			;
	pr_info("pci 0000:%02x:%02x.%u: [%04x:%04x] type %02x class %#08x\n",
		bus, dev, fn, d->vendor, d->device, pci_read8(d, PCI_HEADER_TYPE) & 0x7f, d->class);
	probe(d);
}

void pci_init(void)
{
	for (unsigned int bus = 0; bus < 256; bus++)
		for (uint8_t dev = 0; dev < 32; dev++) {
			struct pci_dev d = { .bus = (uint8_t)bus, .dev = dev };
			uint8_t fns;

			if (pci_read16(&d, 0) == 0xffff)
				continue;
			fns = (pci_read8(&d, PCI_HEADER_TYPE) & 0x80) ? 8 : 1;
			for (uint8_t fn = 0; fn < fns; fn++)
				scan_function((uint8_t)bus, dev, fn);
		}
}
