/* memcpy.c: copy n bytes between buffers that do not overlap. */

#include <string.h>

void *
memcpy(void *dst, const void *src, size_t n)
{
  unsigned char *d = dst;
  const unsigned char *s = src;

  while (n-- > 0)
    *d++ = *s++;
  return dst;
}
