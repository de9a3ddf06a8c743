/*
 * kernel/serial.c - 16550 UART driver: 115200 8N1, polled output,
 * and the console that printk writes to.
 *
 * Output is polled so that a message is on the wire before printk
 * returns: an oops or panic can never lose its last lines.  Input is
 * interrupt driven: the receive interrupt (COM1 IRQ 4, COM2 IRQ 3)
 * drains the FIFO into the tty layer's callback.
 */
#include "kernel/serial.h"
#include "kernel/irq.h"
#include "kernel/x86.h"

static const uint16_t port_base[2] = { 0x3f8, 0x2f8 };
static bool present[2];

#define UART_DATA 0
#define UART_IER  1
#define UART_FCR  2
#define UART_LCR  3
#define UART_MCR  4
#define UART_LSR  5
#define UART_SCR  7
#define LSR_DR    0x01
#define LSR_THRE  0x20

static void uart_setup(int i)
{
	uint16_t b = port_base[i];

	outb(b + UART_SCR, 0x5a);
	if (inb(b + UART_SCR) != 0x5a)
		return;			/* no UART at this port */
	outb(b + UART_IER, 0);
	outb(b + UART_LCR, 0x80);	/* DLAB: set divisor 1 = 115200 baud */
	outb(b + UART_DATA, 1);
	outb(b + UART_IER, 0);
	outb(b + UART_LCR, 0x03);	/* 8N1 */
	outb(b + UART_FCR, 0xc7);	/* FIFO on, cleared, 14-byte trigger */
	outb(b + UART_MCR, 0x0b);	/* DTR, RTS, OUT2 (IRQ gate) */
	present[i] = true;
}

void serial_init(void)
{
	uart_setup(0);
	uart_setup(1);
}

static void uart_putc(uint16_t b, char c)
{
	while (!(inb(b + UART_LSR) & LSR_THRE))
		cpu_relax();
	outb(b + UART_DATA, (uint8_t)c);
}

void serial_write(int port, const char *s, size_t len)
{
	if (port < 0 || port > 1 || !present[port])
		return;
	for (size_t i = 0; i < len; i++)
		uart_putc(port_base[port], s[i]);
}

bool serial_present(int port)
{
	return port >= 0 && port <= 1 && present[port];
}

static void (*rx_handler[2])(int port, uint8_t c);

static void uart_irq(int irq, void *data)
{
	int port = (int)(uintptr_t)data;
	uint16_t b = port_base[port];

	while (inb(b + UART_LSR) & LSR_DR) {
		uint8_t c = inb(b + UART_DATA);

		if (rx_handler[port])
			rx_handler[port](port, c);
	}
}

int serial_enable_rx(int port, void (*rx)(int port, uint8_t c))
{
	static const int irq[2] = { 4, 3 };
	int err;

	if (!serial_present(port))
		return -1;
	rx_handler[port] = rx;
	err = request_irq(irq[port], uart_irq, (void *)(uintptr_t)port);
	if (err)
		return err;
	while (inb(port_base[port] + UART_LSR) & LSR_DR)	/* stale bytes */
		(void)inb(port_base[port] + UART_DATA);
	outb(port_base[port] + UART_IER, 0x01);	/* received data available */
	return 0;
}
