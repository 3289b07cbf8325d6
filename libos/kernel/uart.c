/* uart.c: the COM1 16550 UART: polled output, polled or interrupt-driven input. */

#include "kernel.h"
#include "x86.h"

#define COM1 0x3F8

#define UART_DATA 0          /* receive buffer / transmit holding (DLAB=0) */
#define UART_IER 1           /* interrupt enable (DLAB=0) */
#define UART_DLL 0           /* divisor latch, low byte (DLAB=1) */
#define UART_DLM 1           /* divisor latch, high byte (DLAB=1) */
#define UART_FCR 2           /* FIFO control */
#define UART_LCR 3           /* line control */
#define UART_MCR 4           /* modem control */
#define UART_LSR 5           /* line status */

#define LCR_8N1 0x03         /* 8 data bits, no parity, 1 stop bit */
#define LCR_DLAB 0x80        /* divisor latch access */
#define FCR_FIFO_CLEAR 0x07  /* enable the FIFOs and clear both */
#define MCR_DTR_RTS_OUT2 0x0B  /* no loopback bit: v86 would swallow output */
#define LSR_DATA_READY 0x01  /* a received byte is waiting */
#define LSR_THR_EMPTY 0x20   /* the transmit holding register takes a byte */
#define IER_RECEIVED 0x01    /* interrupt when a byte arrives */

#define DIVISOR_115200 1     /* 115200 = 1843200 Hz / 16 / 1 */

void
uart_init(void)
{
  x86_outb(COM1 + UART_IER, 0);
  x86_outb(COM1 + UART_LCR, LCR_DLAB);
  x86_outb(COM1 + UART_DLL, DIVISOR_115200);
  x86_outb(COM1 + UART_DLM, 0);
  x86_outb(COM1 + UART_LCR, LCR_8N1);
  x86_outb(COM1 + UART_FCR, FCR_FIFO_CLEAR);
  x86_outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
}

void (*libos_console_mirror)(int c);

/* Sends one byte as is: the host terminal, not the guest, turns \n into \r\n. */
void
uart_putc(int c)
{
  if (libos_console_mirror != 0)
    libos_console_mirror(c);
  while (!(x86_inb(COM1 + UART_LSR) & LSR_THR_EMPTY))
    ;
  x86_outb(COM1 + UART_DATA, c);
}

/* Returns the next received byte, or -1 when none is waiting. */
int
uart_poll(void)
{
  if (!(x86_inb(COM1 + UART_LSR) & LSR_DATA_READY))
    return -1;
  return x86_inb(COM1 + UART_DATA);
}

void
uart_enable_receive_interrupt(void)
{
  x86_outb(COM1 + UART_IER, IER_RECEIVED);
}

void
uart_puts(const char *s)
{
  while (*s != '\0')
    uart_putc(*s++);
}

/* Prints value in decimal. */
void
uart_put_decimal(unsigned int value)
{
  if (value >= 10)
    uart_put_decimal(value / 10);
  uart_putc('0' + value % 10);
}
