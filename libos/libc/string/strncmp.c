/* strncmp.c: compare at most n chars of two strings as unsigned chars. */

#include <string.h>

int
strncmp(const char *a, const char *b, size_t n)
{
  for (; n > 0; n--, a++, b++) {
    if (*a != *b)
      return (unsigned char)*a - (unsigned char)*b;
    if (*a == '\0')
      break;
  }
  return 0;
}
