/* fflush.c: nothing to flush, because console output is unbuffered. */

#include <stdio.h>

int
fflush(FILE *stream)
{
  (void)stream;
  return 0;
}
