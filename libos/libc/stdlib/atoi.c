/* atoi.c: decimal string to int or long, as strtol with base 10. */

#include <stdlib.h>

int
atoi(const char *s)
{
  return (int)strtol(s, NULL, 10);
}

long
atol(const char *s)
{
  return strtol(s, NULL, 10);
}
