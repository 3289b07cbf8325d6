/* halt.c: the end of every run, an exit code on the host's port and a halted CPU. */

#include <unikernel.h>
#include "kernel.h"
#include "x86.h"

void
libos_halt(int code)
{
  x86_outb(UK_PORT_EXIT, code & 0xFF);
  for (;;)
    __asm__ volatile("int %0" : : "i"(T_HALT));
}
