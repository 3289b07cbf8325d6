/* fgets.c: one line from a stream. */

#include <stdio.h>

char *
fgets(char *buf, int size, FILE *stream)
{
  int c, n = 0;

  if (size <= 0)
    return NULL;
  while (n < size - 1) {
    c = fgetc(stream);
    if (c == EOF)
      break;
    buf[n++] = (char)c;
    if (c == '\n')
      break;
  }
  if (n == 0 && size > 1)
    return NULL;
  buf[n] = '\0';
  return buf;
}
