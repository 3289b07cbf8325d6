/* div.c: quotient and remainder together, truncating toward zero as C does. */

#include <stdlib.h>

div_t
div(int numerator, int denominator)
{
  div_t r;

  r.quot = numerator / denominator;
  r.rem = numerator % denominator;
  return r;
}

ldiv_t
ldiv(long numerator, long denominator)
{
  ldiv_t r;

  r.quot = numerator / denominator;
  r.rem = numerator % denominator;
  return r;
}

lldiv_t
lldiv(long long numerator, long long denominator)
{
  lldiv_t r;

  r.quot = numerator / denominator;
  r.rem = numerator % denominator;
  return r;
}

long long
llabs(long long n)
{
  return n < 0 ? -n : n;
}
