/* abort.c: abort(), which exits as a process killed by SIGABRT. */

#include <stdlib.h>
#include <unikernel.h>
#include "kernel.h"
#include "x86.h"

void
abort(void)
{
  uart_puts("abort() called\n");
  x86_outb(UK_PORT_EVENT, UK_EVENT_PANIC);
  libos_halt(EXIT_SIGABRT);
}
