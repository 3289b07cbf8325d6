/* memset.c: fill n bytes with one value. */

#include <string.h>

void *
memset(void *dst, int c, size_t n)
{
  unsigned char *d = dst;

  while (n-- > 0)
    *d++ = (unsigned char)c;
  return dst;
}
