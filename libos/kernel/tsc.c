/* tsc.c: rdtsc() for apps. */

#include <unikernel.h>

unsigned long long
rdtsc(void)
{
  unsigned long long value;

  __asm__ volatile("rdtsc" : "=A"(value));
  return value;
}
