/* fputc.c: one byte on a stream. */

#include <stdio.h>

int
fputc(int c, FILE *stream)
{
  (void)stream;
  return putchar(c);
}

int
putc(int c, FILE *stream)
{
  return fputc(c, stream);
}
