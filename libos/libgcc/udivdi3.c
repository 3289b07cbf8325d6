/* udivdi3.c: 64-bit unsigned quotient for gcc -m32 and our compiler. */

#include <stdint.h>

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
uint64_t __udivdi3(uint64_t n, uint64_t d);

uint64_t
__udivdi3(uint64_t n, uint64_t d)
{
  return __udivmoddi4(n, d, 0);
}
