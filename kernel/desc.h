/*
 * kernel/desc.h - GDT, TSS and IDT setup.
 */
#ifndef KERNEL_DESC_H
#define KERNEL_DESC_H

#include "kernel/types.h"

#define IST_DOUBLE_FAULT 1
#define IST_NMI		 2
#define IST_MCE		 3

void gdt_init(void);
void idt_init(void);
/* The stack the CPU switches to on an interrupt from user mode. */
void tss_set_rsp0(uintptr_t rsp0);

#endif
