/*
 * kernel/apic.c - the local APIC (timer, end-of-interrupt) and the I/O
 * APIC (ISA interrupts such as the UARTs).  The legacy 8259 PICs are
 * remapped out of the exception range and fully masked, as Linux does
 * once the APIC is up.
 *
 * Both APICs are memory-mapped; they are reached through ioremap()
 * (uncached).  The I/O APIC address comes from the ACPI MADT when GRUB
 * passed the RSDP, else the architectural default 0xfec00000.
 */
#include "kernel/irq.h"
#include "kernel/x86.h"
#include "kernel/time.h"
#include "kernel/param.h"
#include "kernel/printk.h"
#include "kernel/acpi.h"
#include "mm/pgtable.h"

#define LAPIC_ID	0x020
#define LAPIC_EOI	0x0b0
#define LAPIC_SVR	0x0f0
#define LAPIC_LVT_TIMER	0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR	0x390
#define LAPIC_TIMER_DIV	0x3e0
#define LVT_PERIODIC	(1u << 17)
#define LVT_MASKED	(1u << 16)

static volatile uint32_t *lapic;
static volatile uint32_t *ioapic;
static irq_handler_t handlers[NR_IRQS];
static void *handler_data[NR_IRQS];
unsigned long irq_count[256];

static uint32_t lapic_read(unsigned reg) { return lapic[reg / 4]; }
static void lapic_write(unsigned reg, uint32_t v) { lapic[reg / 4] = v; }

static void ioapic_write(unsigned reg, uint32_t v)
{
	ioapic[0] = reg;
	ioapic[4] = v;
}

static uint32_t ioapic_read(unsigned reg)
{
	ioapic[0] = reg;
	return ioapic[4];
}

static void pic_disable(void)
{
	/* Remap to 0x20/0x28 (ICW1-4), then mask every line. */
	outb(0x20, 0x11); outb(0xa0, 0x11);
	outb(0x21, 0x20); outb(0xa1, 0x28);
	outb(0x21, 0x04); outb(0xa1, 0x02);
	outb(0x21, 0x01); outb(0xa1, 0x01);
	outb(0x21, 0xff); outb(0xa1, 0xff);
}

void apic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);
	phys_addr_t ioapic_pa = acpi_ioapic_address();
	unsigned n;

	pic_disable();
	wrmsr(MSR_APIC_BASE, base | (1UL << 11));	/* global enable */
	lapic = ioremap(base & 0xfffff000UL, 4096);
	ioapic = ioremap(ioapic_pa, 4096);
	lapic_write(LAPIC_SVR, 0x100 | VECTOR_SPURIOUS);	/* software enable */
	n = ((ioapic_read(1) >> 16) & 0xff) + 1;
	for (unsigned i = 0; i < n; i++) {		/* all masked */
		ioapic_write(0x10 + 2 * i, (1u << 16) | (VECTOR_IRQ_BASE + i));
		ioapic_write(0x11 + 2 * i, 0);
	}
	pr_info("APIC: local APIC at %#lx, I/O APIC at %#lx with %u pins\n",
		(unsigned long)(base & 0xfffff000UL), (unsigned long)ioapic_pa, n);
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

void lapic_timer_init(void)
{
	uint64_t t0, ticks;
	uint32_t count;

	/* Count APIC timer ticks over 10 ms of TSC time. */
	lapic_write(LAPIC_TIMER_DIV, 0x3);		/* divide by 16 */
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
	t0 = rdtsc();
	while (rdtsc() - t0 < tsc_khz * 10)
		cpu_relax();
	ticks = 0xffffffffu - lapic_read(LAPIC_TIMER_CUR);
	count = (uint32_t)(ticks * 100 / HZ);
	lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | VECTOR_TIMER);
	lapic_write(LAPIC_TIMER_INIT, count ? count : 1);
	pr_info("APIC: timer %lu kHz bus clock, %u counts per tick (HZ=%d)\n",
		(unsigned long)(ticks * 16 / 10), count, HZ);
}

int request_irq(int irq, irq_handler_t handler, void *data)
{
	uint32_t gsi = acpi_irq_to_gsi(irq);

	if (irq < 0 || irq >= NR_IRQS || gsi >= NR_IRQS)
		return -1;
	handlers[irq] = handler;
	handler_data[irq] = data;
	/* Edge-triggered, active high, to CPU 0, unmasked. */
	ioapic_write(0x11 + 2 * gsi, 0);
	ioapic_write(0x10 + 2 * gsi, VECTOR_IRQ_BASE + irq);
	return 0;
}

/* Message-signalled interrupts: a vector each, no I/O APIC pin. */
static irq_handler_t msi_handlers[NR_MSI_VECTORS];
static void *msi_data[NR_MSI_VECTORS];
static int nr_msi;

int request_msi(irq_handler_t handler, void *data, uint32_t *addr, uint32_t *msg)
{
	if (nr_msi == NR_MSI_VECTORS)
		return -1;
	msi_handlers[nr_msi] = handler;
	msi_data[nr_msi] = data;
	*addr = 0xfee00000u | ((lapic_read(LAPIC_ID) >> 24) << 12);	/* fixed, to us */
	*msg = VECTOR_MSI_BASE + (uint32_t)nr_msi;
	return VECTOR_MSI_BASE + nr_msi++;
}

void do_irq(int vector)
{
	int irq = vector - VECTOR_IRQ_BASE, msi = vector - VECTOR_MSI_BASE;

	irq_count[vector]++;
	if (msi >= 0 && msi < nr_msi)
		msi_handlers[msi](vector, msi_data[msi]);
	else if (irq >= 0 && irq < NR_IRQS && handlers[irq])
		handlers[irq](irq, handler_data[irq]);
	lapic_eoi();
}
