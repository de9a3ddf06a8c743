/*
 * kernel/irq.h - interrupt controllers (local APIC, I/O APIC) and IRQ
 * handler registration.  Vectors: 0x20 LAPIC timer, 0x30 + n for
 * ISA IRQ n through the I/O APIC, 0xff spurious.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "kernel/types.h"

#define VECTOR_TIMER	0x20
#define VECTOR_IRQ_BASE	0x30
#define VECTOR_SPURIOUS	0xff
#define NR_IRQS		24

typedef void (*irq_handler_t)(int irq, void *data);

void apic_init(void);		/* mask the 8259s, enable LAPIC and I/O APIC */
void lapic_timer_init(void);	/* periodic at HZ, calibrated against the TSC */
void lapic_eoi(void);
int request_irq(int irq, irq_handler_t handler, void *data);
void do_irq(int vector);
extern unsigned long irq_count[256];

#endif
