/* abs.c: absolute values; abs(INT_MIN) is undefined in C and returns INT_MIN here. */

#include <stdlib.h>

int
abs(int n)
{
  return n < 0 ? -n : n;
}

long
labs(long n)
{
  return n < 0 ? -n : n;
}
