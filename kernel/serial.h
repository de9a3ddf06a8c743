/*
 * kernel/serial.h - the two 16550 UARTs (COM1 = ttyS0, COM2 = ttyS1).
 */
#ifndef KERNEL_SERIAL_H
#define KERNEL_SERIAL_H

#include "kernel/types.h"

void serial_init(void);
/* Polled transmit: returns when every byte is in the UART. */
void serial_write(int port, const char *s, size_t len);

#endif
