/* strcat.c: append a string to another. */

#include <string.h>

char *
strcat(char *dst, const char *src)
{
  char *d = dst;

  while (*d != '\0')
    d++;
  while ((*d++ = *src++) != '\0')
    ;
  return dst;
}
