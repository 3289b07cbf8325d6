/* strchr.c: find the first c in a string; c may be the NUL. */

#include <string.h>

char *
strchr(const char *s, int c)
{
  for (;; s++) {
    if (*s == (char)c)
      return (char *)s;
    if (*s == '\0')
      return NULL;
  }
}
