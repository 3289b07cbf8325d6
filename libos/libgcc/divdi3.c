/* divdi3.c: 64-bit signed quotient, truncated toward zero as C requires. */

#include <stdint.h>

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
int64_t __divdi3(int64_t n, int64_t d);

int64_t
__divdi3(int64_t n, int64_t d)
{
  uint64_t un = n < 0 ? -(uint64_t)n : (uint64_t)n;
  uint64_t ud = d < 0 ? -(uint64_t)d : (uint64_t)d;
  uint64_t q = __udivmoddi4(un, ud, 0);

  return (n < 0) != (d < 0) ? (int64_t)(0 - q) : (int64_t)q;
}
