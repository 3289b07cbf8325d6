/* abort.c: abort(), which exits as a process killed by SIGABRT. */

#include <stdlib.h>
#include "kernel.h"

/*
 * Prints "abort() called", reports the call site to the host and exits
 * with 134. The call site is the return address minus 1: after a call to a
 * noreturn function the return address may already lie in the next function.
 */
void
libos_abort_at(void *caller)
{
  uart_puts("abort() called\n");
  fault_report_eip((unsigned int)caller - 1);
  libos_halt(EXIT_SIGABRT);
}

void
abort(void)
{
  libos_abort_at(__builtin_return_address(0));
}
