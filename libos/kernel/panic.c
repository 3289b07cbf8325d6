/* panic.c: fatal errors found by the library OS itself, reported like abort(). */

#include <unikernel.h>
#include "kernel.h"
#include "x86.h"

void
libos_panic(const char *func, const char *message)
{
  uart_puts("panic: ");
  uart_puts(func);
  uart_puts(": ");
  uart_puts(message);
  uart_putc('\n');
  x86_outb(UK_PORT_EVENT, UK_EVENT_PANIC);
  libos_halt(EXIT_SIGABRT);
}
