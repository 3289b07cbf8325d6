/* udivmoddi4.c: 64-bit unsigned division for gcc -m32, which has no instruction for it. */

#include <stdint.h>

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);

/*
 * Returns n / d and stores n % d in *rem when rem is not null. Uses divl
 * when the quotient fits, else shift-and-subtract over the quotient's bits.
 * Division by zero executes divl by zero, so it raises #DE as in C code.
 */
uint64_t
__udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem)
{
  uint32_t n_hi = (uint32_t)(n >> 32), n_lo = (uint32_t)n;
  uint32_t d32 = (uint32_t)d, q_hi, q_lo, r;
  uint64_t q;
  int shift;

  if (d >> 32 == 0) {
    /* Two divl steps: high word first, its remainder feeds the low word. */
    q_hi = 0;
    if (n_hi >= d32 || d32 == 0) {
      __asm__("divl %4" : "=a"(q_hi), "=d"(r) : "a"(n_hi), "d"(0), "r"(d32));
      n_hi = r;
    }
    __asm__("divl %4" : "=a"(q_lo), "=d"(r) : "a"(n_lo), "d"(n_hi), "r"(d32));
    if (rem != 0)
      *rem = r;
    return (uint64_t)q_hi << 32 | q_lo;
  }

  if (n < d) {
    if (rem != 0)
      *rem = n;
    return 0;
  }
  q = 0;
  shift = __builtin_clzll(d) - __builtin_clzll(n);
  d <<= shift;
  for (; shift >= 0; shift--) {
    q <<= 1;
    if (n >= d) {
      n -= d;
      q |= 1;
    }
    d >>= 1;
  }
  if (rem != 0)
    *rem = n;
  return q;
}
