/*
 * kernel/dmi.h - the machine's name from SMBIOS (dmi.c), as Linux prints
 * it after "Hardware name:" in call traces.
 */
#ifndef KERNEL_DMI_H
#define KERNEL_DMI_H

/* Read the firmware's SMBIOS tables (after paging_init: uses ioremap). */
void dmi_setup(void);
/* "VENDOR PRODUCT, BIOS VERSION DATE", or "" when the firmware has no tables. */
const char *dmi_hardware_name(void);

#endif
