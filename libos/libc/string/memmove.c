/* memmove.c: copy n bytes between buffers that may overlap. */

#include <string.h>

void *
memmove(void *dst, const void *src, size_t n)
{
  unsigned char *d = dst;
  const unsigned char *s = src;

  if (d < s) {
    while (n-- > 0)
      *d++ = *s++;
  } else if (d > s) {
    while (n-- > 0)
      d[n] = s[n];
  }
  return dst;
}
