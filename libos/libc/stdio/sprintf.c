/* sprintf.c: formatted output into a buffer the caller sized. */

#include <stdint.h>
#include <stdio.h>

int
sprintf(char *buf, const char *fmt, ...)
{
  va_list ap;
  int n;

  va_start(ap, fmt);
  n = vsnprintf(buf, SIZE_MAX, fmt, ap);
  va_end(ap);
  return n;
}
