/* vfprintf.c: formatted output on a stream; every stream writes to the console. */

#include <stdio.h>

int
vfprintf(FILE *stream, const char *fmt, va_list ap)
{
  (void)stream;
  return vprintf(fmt, ap);
}
