/* bitops.c: bit counting helpers gcc -m32 calls for __builtin_popcount and the 64-bit builtins. */

#include <stdint.h>

int __popcountsi2(uint32_t x);
int __popcountdi2(uint64_t x);
int __clzdi2(uint64_t x);
int __ctzdi2(uint64_t x);
int __ffsdi2(uint64_t x);

int
__popcountsi2(uint32_t x)
{
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  x = (x + (x >> 4)) & 0x0F0F0F0Fu;
  return (int)((x * 0x01010101u) >> 24);
}

int
__popcountdi2(uint64_t x)
{
  return __popcountsi2((uint32_t)x) + __popcountsi2((uint32_t)(x >> 32));
}

/* Undefined for 0 as the builtin is; 32-bit clz and ctz compile to bsr and bsf. */
int
__clzdi2(uint64_t x)
{
  uint32_t hi = (uint32_t)(x >> 32);

  return hi != 0 ? __builtin_clz(hi) : 32 + __builtin_clz((uint32_t)x);
}

int
__ctzdi2(uint64_t x)
{
  uint32_t lo = (uint32_t)x;

  return lo != 0 ? __builtin_ctz(lo) : 32 + __builtin_ctz((uint32_t)(x >> 32));
}

/* Returns 1 + the index of the lowest set bit, or 0 for 0. */
int
__ffsdi2(uint64_t x)
{
  return x == 0 ? 0 : __ctzdi2(x) + 1;
}
