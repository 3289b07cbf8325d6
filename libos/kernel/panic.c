/* panic.c: fatal errors found by the library OS itself, reported like abort(). */

#include "kernel.h"

void
libos_panic(const char *func, const char *message, void *caller)
{
  uart_puts("panic: ");
  uart_puts(func);
  uart_puts(": ");
  uart_puts(message);
  uart_putc('\n');
  fault_report_eip((unsigned int)caller - 1);
  libos_halt(EXIT_SIGABRT);
}
