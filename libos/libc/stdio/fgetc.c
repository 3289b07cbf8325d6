/* fgetc.c: one byte from a stream; every stream reads the console. */

#include <stdio.h>

int
fgetc(FILE *stream)
{
  (void)stream;
  return getchar();
}

int
getc(FILE *stream)
{
  return fgetc(stream);
}
