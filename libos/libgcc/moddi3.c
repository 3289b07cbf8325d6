/* moddi3.c: 64-bit signed remainder, with the sign of the dividend as C requires. */

#include <stdint.h>

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
int64_t __moddi3(int64_t n, int64_t d);

int64_t
__moddi3(int64_t n, int64_t d)
{
  uint64_t un = n < 0 ? -(uint64_t)n : (uint64_t)n;
  uint64_t ud = d < 0 ? -(uint64_t)d : (uint64_t)d;
  uint64_t r;

  __udivmoddi4(un, ud, &r);
  return n < 0 ? (int64_t)(0 - r) : (int64_t)r;
}
