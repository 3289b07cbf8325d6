/* stack_chk.c: the failure path of gcc's stack protector, for apps built with -fstack-protector. */

#include "kernel.h"

/* The canary for -mstack-protector-guard=global; the default TLS canary lives at %gs:0x14 (tss.c). */
unsigned int __stack_chk_guard = 0x5A17C000;

void
__stack_chk_fail(void)
{
  libos_panic("__stack_chk_fail", "stack smashing detected: a local array was written past its end",
              __builtin_return_address(0));
}

/* The hidden variant that position-independent i386 code calls. */
void
__stack_chk_fail_local(void)
{
  libos_panic("__stack_chk_fail", "stack smashing detected: a local array was written past its end",
              __builtin_return_address(0));
}
