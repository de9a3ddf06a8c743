/*
 * kernel/irq.h - interrupt controllers (local APIC, I/O APIC) and IRQ
 * handler registration.  Vectors: 0x20 LAPIC timer, 0x30 + n for
 * ISA IRQ n through the I/O APIC, 0x50.. MSI-X, 0xff spurious.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "kernel/types.h"

#define VECTOR_TIMER	0x20
#define VECTOR_IRQ_BASE	0x30
#define VECTOR_MSI_BASE	0x50	/* MSI/MSI-X vectors, allocated in order */
#define NR_MSI_VECTORS	16
#define VECTOR_SPURIOUS	0xff
#define NR_IRQS		24

typedef void (*irq_handler_t)(int irq, void *data);

void apic_init(void);		/* mask the 8259s, enable LAPIC and I/O APIC */
void lapic_timer_init(void);	/* periodic at HZ, calibrated against the TSC */
void lapic_eoi(void);
int request_irq(int irq, irq_handler_t handler, void *data);
void do_irq(int vector);
/*
 * A vector for a message-signalled interrupt: returns it (or -1) and
 * the address/data pair the device must write to raise it.
 */
int request_msi(irq_handler_t handler, void *data, uint32_t *addr, uint32_t *msg);
extern unsigned long irq_count[256];

#endif
