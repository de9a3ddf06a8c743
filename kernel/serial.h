/*
 * kernel/serial.h - the two 16550 UARTs (COM1 = ttyS0, COM2 = ttyS1).
 */
#ifndef KERNEL_SERIAL_H
#define KERNEL_SERIAL_H

#include "kernel/types.h"

void serial_init(void);
/* Polled transmit: returns when every byte is in the UART. */
void serial_write(int port, const char *s, size_t len);
bool serial_present(int port);
/* Interrupt-driven receive: @rx gets each byte, in IRQ context. */
int serial_enable_rx(int port, void (*rx)(int port, uint8_t c));

#endif
