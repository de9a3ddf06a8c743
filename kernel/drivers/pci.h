/*
 * kernel/drivers/pci.h - PCI devices found on the buses (pci.c).
 */
#ifndef KERNEL_DRIVERS_PCI_H
#define KERNEL_DRIVERS_PCI_H

#include "kernel/types.h"

#define PCI_CAP_ID_VNDR		0x09
#define PCI_CAP_ID_MSIX		0x11

struct pci_dev {
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint32_t class;			/* class << 16 | subclass << 8 | prog-if */
	phys_addr_t bar[6];		/* memory BARs: physical base (0 = none) */
	uint64_t bar_size[6];
	bool bar_io[6];
	uint8_t irq_line;
};

uint8_t pci_read8(const struct pci_dev *d, unsigned int off);
uint16_t pci_read16(const struct pci_dev *d, unsigned int off);
uint32_t pci_read32(const struct pci_dev *d, unsigned int off);
void pci_write16(const struct pci_dev *d, unsigned int off, uint16_t v);
void pci_write32(const struct pci_dev *d, unsigned int off, uint32_t v);
/* Offset of the first capability with @id after @from (0: from the start), or 0. */
unsigned int pci_find_capability(const struct pci_dev *d, uint8_t id, unsigned int from);
/* Turn on memory decoding and bus mastering (DMA). */
void pci_enable_device(const struct pci_dev *d);
/* Program MSI-X table entry @entry to raise @handler; returns the vector or -1. */
int pci_msix_setup(const struct pci_dev *d, unsigned int entry,
		   void (*handler)(int, void *), void *data);
/* Scan the buses; calls the drivers for what it finds. */
void pci_init(void);

#endif
