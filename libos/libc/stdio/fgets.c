/* fgets.c: one line from a stream, edited with echo when it comes from the console. */

#include <stdio.h>
#include "../../kernel/kernel.h"

char *
fgets(char *buf, int size, FILE *stream)
{
  (void)stream;
  if (size <= 0)
    return NULL;
  if (size == 1) {
    buf[0] = '\0';
    return buf;
  }
  if (console_read_line(buf, size) == 0)
    return NULL;
  return buf;
}
