/* divmoddi4.c: 64-bit signed quotient and remainder, which gcc -O2 calls when it needs both. */

#include <stdint.h>

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
int64_t __divmoddi4(int64_t n, int64_t d, int64_t *rem);

int64_t
__divmoddi4(int64_t n, int64_t d, int64_t *rem)
{
  uint64_t un = n < 0 ? -(uint64_t)n : (uint64_t)n;
  uint64_t ud = d < 0 ? -(uint64_t)d : (uint64_t)d;
  uint64_t r;
  uint64_t q = __udivmoddi4(un, ud, &r);

  if (rem != 0)
    *rem = n < 0 ? (int64_t)(0 - r) : (int64_t)r;
  return (n < 0) != (d < 0) ? (int64_t)(0 - q) : (int64_t)q;
}
