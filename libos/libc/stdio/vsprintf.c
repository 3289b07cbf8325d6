/* vsprintf.c: formatted output into a buffer the caller sized. */

#include <stdint.h>
#include <stdio.h>

int
vsprintf(char *buf, const char *fmt, va_list ap)
{
  return vsnprintf(buf, SIZE_MAX, fmt, ap);
}
