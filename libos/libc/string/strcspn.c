/* strcspn.c: length of the prefix with no char from reject. */

#include <string.h>

size_t
strcspn(const char *s, const char *reject)
{
  size_t n = 0;

  while (s[n] != '\0' && strchr(reject, s[n]) == NULL)
    n++;
  return n;
}
