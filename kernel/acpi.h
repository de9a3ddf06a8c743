/*
 * kernel/acpi.h - the little of ACPI the kernel reads: the MADT's I/O
 * APIC address and ISA interrupt overrides.
 */
#ifndef KERNEL_ACPI_H
#define KERNEL_ACPI_H

#include "kernel/types.h"

void acpi_init(void);
phys_addr_t acpi_ioapic_address(void);
/* The I/O APIC input an ISA IRQ arrives on (MADT overrides applied). */
uint32_t acpi_irq_to_gsi(int irq);

#endif
