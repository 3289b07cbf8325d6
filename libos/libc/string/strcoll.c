/* strcoll.c: collation in the only locale, "C", where it is byte order. */

#include <string.h>

int
strcoll(const char *a, const char *b)
{
  return strcmp(a, b);
}

/* Copies src when it fits in n bytes; returns its length either way, as C requires. */
size_t
strxfrm(char *dst, const char *src, size_t n)
{
  size_t length = strlen(src);

  if (length < n)
    memcpy(dst, src, length + 1);
  return length;
}
